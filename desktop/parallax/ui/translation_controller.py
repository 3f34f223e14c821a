"""Machine translation from the window: translate what is missing, progress, cancel, retry one
sentence, and hand edits kept beside the machine output.

The engine is created once and always used from the same single worker thread (a private
one-thread pool): a CTranslate2 model is loaded once and never shared across threads, and
CTranslate2 releases the GIL, so the window stays responsive while it works.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from parallax.core.errors import ParallaxError, TranslationError
from parallax.core.language import base_language
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import Engine
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace
from parallax.ui.document import WorkspaceDocument
from parallax.ui.tasks import Task, TaskContext, show_error

log = logging.getLogger(__name__)

EngineFactory = Callable[[], Engine]


def default_engine_factory() -> Engine:
    """The engine the preferences name, else the best one installed."""
    try:
        engines = importlib.import_module("parallax.core.translate.engines")
    except ImportError as exc:
        raise TranslationError(
            "No translation engine is available in this build of Parallax."
        ) from exc
    engine = engines.default_engine()
    if not isinstance(engine, Engine):
        raise TranslationError("The default translation engine is not usable.")
    return engine


def article_keys(workspace: Workspace) -> list[str]:
    return [ORIGINAL, *(s.id for s in workspace.sources)]


def texts_to_translate(workspace: Workspace, key: str) -> dict[str, str]:
    """Sentence id (and TITLE) -> text, for one article, in document order."""
    article = workspace.article(key)
    texts = {TITLE: article.title} if article.title else {}
    texts.update({s.id: s.text for s in article.sentences})
    return texts


def missing_keys(workspace: Workspace) -> list[str]:
    """Articles not in the pivot language whose machine translation is absent or incomplete."""
    pivot = workspace.settings.pivot_lang
    keys = []
    for key in article_keys(workspace):
        article = workspace.article(key)
        if base_language(article.lang) == base_language(pivot):
            continue
        existing = workspace.translations.get(key)
        wanted = texts_to_translate(workspace, key)
        if existing is None or any(sid not in existing.texts for sid in wanted):
            keys.append(key)
    return keys


def count_missing_sentences(workspace: Workspace) -> int:
    return sum(len(texts_to_translate(workspace, k)) for k in missing_keys(workspace))


def translate_missing(workspace: Workspace, engine: Engine, on_progress: ProgressCallback,
                      cancel: CancelToken) -> Workspace:
    """Every missing pivot translation, with progress in sentences over all articles."""
    try:
        core = importlib.import_module("parallax.core.translate.article_translation")
    except ImportError:
        return _translate_missing_here(workspace, engine, on_progress, cancel)
    result = core.translate_workspace(workspace, engine, on_progress=on_progress, cancel=cancel)
    translated = result[0] if isinstance(result, tuple) else result
    if not isinstance(translated, Workspace):
        raise TypeError(f"translate_workspace returned {type(translated).__name__}")
    return translated


def _translate_missing_here(workspace: Workspace, engine: Engine, on_progress: ProgressCallback,
                            cancel: CancelToken) -> Workspace:
    keys = missing_keys(workspace)
    total = sum(len(texts_to_translate(workspace, k)) for k in keys)
    done = 0
    pivot = workspace.settings.pivot_lang
    for key in keys:
        cancel.raise_if_cancelled()
        texts = texts_to_translate(workspace, key)
        offset = done

        def report(d: int, _t: int, offset: int = offset) -> None:
            on_progress(offset + d, total)

        out = engine.translate(
            list(texts.values()),
            base_language(workspace.article(key).lang),
            pivot,
            on_progress=report,
            cancel=cancel,
        )
        done += len(texts)
        on_progress(done, total)
        workspace = workspace.with_translation(key, MachineTranslation(
            engine.name, engine.version, base_language(workspace.article(key).lang), pivot,
            dict(zip(texts, out, strict=True)), engine.is_gloss,
        ))
    return workspace


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
                 engine_factory: EngineFactory | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._factory = engine_factory or default_engine_factory
        self._engine: Engine | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: Task[Workspace] | None = None
        self._retry_tasks: list[Task[tuple[str, str, str]]] = []
        self.progress = Progress(0, 0)

    @property
    def running(self) -> bool:
        return self._task is not None

    def set_engine_factory(self, factory: EngineFactory) -> None:
        """A new engine choice (preferences changed): loaded lazily on next use."""
        self._factory = factory
        self._engine = None

    def _get_engine(self) -> Engine:
        # Called on the worker thread: loading a model can take seconds.
        if self._engine is None:
            self._engine = self._factory()
        return self._engine

    # ---- translate everything missing ----------------------------------------------------
    def translate_missing(self, *, quiet: bool = False) -> bool:
        """Start translating what is missing; False when nothing needs it.

        `quiet` (translate on open) reports failures in the status bar, not a dialog.
        """
        workspace = self._document.workspace
        total = count_missing_sentences(workspace)
        if total == 0 or self._task is not None:
            return False
        self.progress = Progress(0, total)
        parent_widget = self.parent()

        def op(ctx: TaskContext) -> Workspace:
            engine = self._get_engine()
            return translate_missing(workspace, engine, ctx.progress, ctx.cancel)

        def failed(exc: BaseException) -> None:
            self.failed.emit(str(exc) if isinstance(exc, ParallaxError) else repr(exc))
            if not quiet:
                show_error(parent_widget if parent_widget is not None else self, exc)

        self._task = (
            Task(self, op, self._on_translated, key="translate")
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

    def _on_translated(self, translated: Workspace) -> None:
        # Merge only the translations into the current workspace: the user may have edited
        # or added sources while the engine worked.
        current = self._document.workspace
        merged = current
        for key, machine in translated.translations.items():
            if key in article_keys(current) and current.translations.get(key) != machine:
                merged = merged.with_translation(key, machine)
        self._document.update(merged)
        self.succeeded.emit()

    def _on_end(self) -> None:
        self._task = None
        self.finished.emit()

    # ---- one sentence --------------------------------------------------------------------
    def retry_sentence(self, key: str, sentence_id: str) -> None:
        """Translate one sentence again (after a model change, or a bad first result)."""
        workspace = self._document.workspace
        machine = workspace.translations.get(key)
        article = workspace.article(key)
        text = article.title if sentence_id == TITLE else article.sentence(sentence_id).text
        source = base_language(article.lang)
        target = workspace.settings.pivot_lang

        def op(ctx: TaskContext) -> tuple[str, str, str]:
            engine = self._get_engine()
            _drop_cached(engine, text, source, target)
            out = engine.translate([text], source, target, cancel=ctx.cancel)
            return key, sentence_id, out[0]

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

    # ---- hand edits ----------------------------------------------------------------------
    def edit(self, key: str, sentence_id: str, text: str | None) -> None:
        """A hand edit, kept as a separate version; None returns to the machine output."""
        self._document.apply_edit(key, sentence_id, text)


def _drop_cached(engine: Engine, text: str, source: str, target: str) -> None:
    """Ask a caching engine to forget one sentence, when it offers that."""
    forget = getattr(engine, "forget", None) or getattr(getattr(engine, "cache", None),
                                                         "forget", None)
    if callable(forget):
        try:
            forget(text, source, target)
        except (TypeError, ParallaxError):
            log.debug("engine cache could not drop one sentence", exc_info=True)


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
