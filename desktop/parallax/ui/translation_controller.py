"""Machine translation from the window: translate what is missing, progress, cancel, retry one
sentence, and hand edits kept beside the machine output.

The engine is created once and always used from the same single worker thread (a private
one-thread pool): a CTranslate2 model is loaded once and never shared across threads, and
CTranslate2 releases the GIL, so the window stays responsive while it works.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from parallax.core.errors import ParallaxError
from parallax.core.language import base_language
from parallax.core.translate.article_translation import (
    TranslationReport,
    article_texts,
    engine_version,
    translate_workspace_report,
)
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import Engine
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace
from parallax.ui.document import WorkspaceDocument
from parallax.ui.preferences import load_preferences
from parallax.ui.tasks import Task, TaskContext, show_error

log = logging.getLogger(__name__)

EngineFactory = Callable[[], Engine]


def preferred_engine(source: str = "zh", pivot: str = "en",
                     preferences: Any = None) -> Engine:
    """The engine the preferences name (with their beam, threads, server and glossary); Argos
    without a model for `source` -> `pivot` falls back to the best local engine (a registered
    GGUF model, else the dictionary gloss; never a server).

    A server engine uses only the server the user chose in Preferences, with the key kept by
    `api_keys` (never an argument list or a file), and plain http:// to another machine only
    when the user agreed to it for that very URL."""
    from parallax.core.translate.engines import SERVER_ENGINES, best_local_engine, get_engine

    name = str(getattr(preferences, "engine", "argos") or "argos")
    # 0 is "automatic": each engine's own rule, which leaves a core free for the window.
    threads = int(getattr(preferences, "threads", 0) or 0)
    glossary_file = str(getattr(preferences, "glossary_file", "") or "")
    llm_model = str(getattr(preferences, "llm_model", "") or "") or None  # None: first by name
    if name == "argos":
        beam = int(getattr(preferences, "beam_size", 0) or 0) or None
        engine = get_engine("argos", beam_size=beam, threads=threads)
        has_pair = getattr(engine, "has_pair", None)
        if callable(has_pair) and has_pair(source, pivot):
            return engine
        return best_local_engine(pivot, source, llm_model)
    if name in SERVER_ENGINES:
        return server_engine(preferences)
    if name == "llm" and glossary_file:
        return get_engine("llm", threads=threads, model=llm_model,
                          glossary=_glossary(glossary_file))
    if name == "llm":
        return get_engine("llm", threads=threads, model=llm_model)
    return get_engine(name, threads=threads)


def _glossary(path: str) -> Any:
    from pathlib import Path

    from parallax.core.translate.glossary import glossary_with_file

    return glossary_with_file(Path(path))


def server_engine(preferences: Any) -> Engine:
    """The server engine the preferences name (raises a one-line `InputError` without a URL)."""
    from parallax.core.errors import InputError
    from parallax.ui.api_keys import api_keys, server_id
    from parallax.ui.preferences import DEFAULT_CONCURRENCY

    name = str(getattr(preferences, "engine", ""))
    url = str(getattr(preferences, "server_url", "") or "").strip()
    if not url:
        raise InputError("Choose the translation server in Preferences first: Parallax never "
                         "picks a server by itself.")
    key = api_keys().get(server_id(url))
    concurrency = int(getattr(preferences, "concurrency", 0) or 0) or DEFAULT_CONCURRENCY
    insecure = bool(getattr(preferences, "insecure_allowed", False))
    if name == "openai":
        from parallax.core.translate.glossary import active_glossary
        from parallax.core.translate.openai_engine import OpenAIEngine

        glossary_file = str(getattr(preferences, "glossary_file", "") or "")
        return OpenAIEngine(url, str(getattr(preferences, "server_model", "") or ""),
                            api_key=key, allow_insecure=insecure, concurrency=concurrency,
                            glossary=_glossary(glossary_file) if glossary_file
                            else active_glossary())
    from parallax.core.translate.libretranslate import LibreTranslateEngine

    return LibreTranslateEngine(url, api_key=key, allow_insecure=insecure,
                                concurrency=concurrency)


def article_keys(workspace: Workspace) -> list[str]:
    return [ORIGINAL, *(s.id for s in workspace.sources)]


def missing_keys(workspace: Workspace) -> list[str]:
    """Articles not in the pivot language whose machine translation is absent or incomplete."""
    pivot = base_language(workspace.settings.pivot_lang)
    keys = []
    for key in article_keys(workspace):
        article = workspace.article(key)
        if base_language(article.lang) in (pivot, "", "und"):
            continue
        existing = workspace.translations.get(key)
        if existing is None or not set(existing.texts) >= set(article_texts(article)):
            keys.append(key)
    return keys


def count_missing_sentences(workspace: Workspace) -> int:
    return sum(len(article_texts(workspace.article(k))) for k in missing_keys(workspace))


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


class TranslationController(QObject):
    started = Signal(int)  # total sentences
    progressed = Signal(int, int)  # done, total
    finished = Signal()  # success, failure or cancel: the progress bar goes away
    succeeded = Signal()
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None, *,
                 engine_factory: EngineFactory | None = None,
                 cache: TranslationCache | None = None) -> None:
        """`cache`: the sentence cache (default: the user's, opened on first use)."""
        super().__init__(parent)
        self._document = document
        self._factory = engine_factory or self._preferred
        self._engine: Engine | None = None
        self._cache = cache
        self.last_notes: list[str] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: Task[TranslationReport] | None = None
        self._retry_tasks: list[Task[tuple[str, str, str]]] = []
        self.progress = Progress(0, 0)

    @property
    def running(self) -> bool:
        return self._task is not None

    def reset_engine(self) -> None:
        """Preferences or installed models changed: load the engine afresh on next use."""
        self._engine = None

    def _preferred(self) -> Engine:
        workspace = self._document.workspace
        return preferred_engine(base_language(workspace.original.lang),
                                workspace.settings.pivot_lang, load_preferences())

    def _get_engine(self) -> Engine:
        # Called on the worker thread: loading a model can take seconds.
        if self._engine is None:
            self._engine = self._factory()
        return self._engine

    def _get_cache(self) -> TranslationCache:
        # Opened on the worker thread too; the cache is made for one writer thread.
        if self._cache is None:
            self._cache = TranslationCache()
        return self._cache

    # ---- translate everything missing ----------------------------------------------------
    def translate_missing(self, *, quiet: bool = False) -> bool:
        """Start translating what is missing (or made by another engine); False when nothing
        needs doing or a translation is already running.

        `quiet` (translate on open) translates only what is missing and reports failures in
        the status bar, not a dialog.
        """
        workspace = self._document.workspace
        total = count_missing_sentences(workspace)
        if self._task is not None or (quiet and total == 0):
            return False
        self.progress = Progress(0, total)
        parent_widget = self.parent()

        document = self._document
        comparison = document.comparison

        def op(ctx: TaskContext) -> TranslationReport:
            engine = self._get_engine()
            report = translate_workspace_report(workspace, engine, self._get_cache(),
                                                ctx.progress, ctx.cancel)
            # The views' data for the translated workspace, made here rather than on the
            # GUI thread when the result is merged (reused there when nothing else changed).
            document.prepare(report.workspace, comparison)
            return report

        def failed(exc: BaseException) -> None:
            self.failed.emit(str(exc) if isinstance(exc, ParallaxError) else repr(exc))
            if not quiet:
                show_error(parent_widget if parent_widget is not None else self, exc)

        self._task = (
            Task[TranslationReport](self, op, self._on_translated, key="translate")
            .on_progress(self._on_progress)
            .failure(failed)
            .on_cancelled(self.cancelled.emit)
            .always(self._on_end)
        )
        self.started.emit(total)
        self._task.run(self._pool)
        return True

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress = Progress(done, total)
        self.progressed.emit(done, total)

    def _on_translated(self, report: TranslationReport) -> None:
        # Merge only the translations into the current workspace: the user may have edited
        # or added sources while the engine worked.
        self.last_notes = report.notes
        current = self._document.workspace
        merged = current
        for key, machine in report.workspace.translations.items():
            if key in article_keys(current) and current.translations.get(key) != machine:
                merged = merged.with_translation(key, machine)
        self._document.update(merged)
        self.succeeded.emit()

    def _on_end(self) -> None:
        self._task = None
        self.finished.emit()

    # ---- one sentence --------------------------------------------------------------------
    def retry_sentence(self, key: str, sentence_id: str) -> bool:
        """Translate one sentence again (after a model change, or a bad first result); False
        when the article is already in the pivot language, so there is nothing to translate."""
        workspace = self._document.workspace
        machine = workspace.translations.get(key)
        article = workspace.article(key)
        text = article.title if sentence_id == TITLE else article.sentence(sentence_id).text
        source = base_language(article.lang)
        target = workspace.settings.pivot_lang
        if source == base_language(target):
            return False

        def op(ctx: TaskContext) -> tuple[str, str, str]:
            # Straight to the engine, not the cache, then overwrite the cached result.
            engine = self._get_engine()
            out = engine.translate([text], source, target, cancel=ctx.cancel)[0]
            self._get_cache().put(engine.name, engine_version(engine, source, target), source,
                                  target, text, out)
            return key, sentence_id, out

        def done(result: tuple[str, str, str]) -> None:
            k, sid, out = result
            current = self._document.workspace
            existing = current.translations.get(k) or machine
            engine = self._engine
            if existing is None:
                if engine is None:
                    return
                existing = MachineTranslation(engine.name, engine.version, source, target, {},
                                              engine.is_gloss)
            self._document.update(current.with_translation(
                k, replace(existing, texts={**existing.texts, sid: out})))

        task: Task[tuple[str, str, str]] = Task(self, op, done, key=f"retry:{key}:{sentence_id}")
        self._retry_tasks.append(task)
        task.always(lambda: self._retry_tasks.remove(task)).run(self._pool)
        return True

    # ---- hand edits ----------------------------------------------------------------------
    def edit(self, key: str, sentence_id: str, text: str | None) -> None:
        """A hand edit, kept as a separate version; None returns to the machine output."""
        self._document.apply_edit(key, sentence_id, text)


class EditTranslationDialog(QDialog):
    """Edit one translated sentence; the machine output stays as it was, beside it."""

    REVERT = 2  # result code: drop the hand edit

    def __init__(self, source_text: str, machine_text: str | None, current_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit translation"))
        layout = QVBoxLayout(self)
        original = QLabel(source_text)
        original.setTextFormat(Qt.TextFormat.PlainText)
        original.setWordWrap(True)
        layout.addWidget(QLabel(self.tr("Original:")))
        layout.addWidget(original)
        if machine_text is not None:
            machine = QLabel(machine_text)
            machine.setTextFormat(Qt.TextFormat.PlainText)
            machine.setWordWrap(True)
            layout.addWidget(QLabel(self.tr("Machine translation:")))
            layout.addWidget(machine)
        layout.addWidget(QLabel(self.tr("Your translation:")))
        self.editor = QPlainTextEdit(current_text)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        revert = buttons.addButton(self.tr("Use machine translation"),
                                   QDialogButtonBox.ButtonRole.ResetRole)
        revert.clicked.connect(lambda: self.done(self.REVERT))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def text(self) -> str:
        return self.editor.toPlainText().strip()
