"""Translation from the window: the real Argos engine on the tiny test model (progress, cancel,
a responsive GUI thread), translate on open, retry one sentence, hand edits through F2."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from parallax.core.errors import Cancelled
from parallax.core.loaders import load_text
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import Engine, LanguagePair
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.tasks import tracker
from parallax.ui.translation_controller import EditTranslationDialog

WindowFactory = Callable[..., Any]


def long_workspace(sample_ws: Workspace, copies: int = 40) -> Workspace:
    """The sample's sentences, numbered so that each is unique, many times over: long enough
    that the tiny model takes a few seconds."""
    sentences = [s.text for s in sample_ws.original.sentences]
    paragraphs = [
        "".join(f"{text.rstrip('。')}（第{n}稿）。" for text in sentences[i:i + 5])
        for n in range(copies) for i in range(0, len(sentences), 5)
    ]
    text = f"{sample_ws.original.title}\n\n" + "\n\n".join(paragraphs)
    return Workspace(load_text(text, source="long.txt"))


class CountingEngine:
    """A fake engine for UI-only behaviour: `"<n>:<text>"`, n counting every call."""

    name = "fake"
    version = "fake-1"
    is_gloss = False

    def __init__(self) -> None:
        self.calls = 0

    def pairs(self) -> list[LanguagePair]:
        return [LanguagePair("zh", "en")]

    def translate(self, sentences: Sequence[str], source: str, target: str,
                  on_progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> list[str]:
        self.calls += 1
        out: list[str] = []
        for i, text in enumerate(sentences):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=out)
            out.append(f"{self.calls}:{text[:8]}")
            if on_progress is not None:
                on_progress(i + 1, len(sentences))
        return out


@pytest.fixture()
def cache(tmp_path: Path) -> TranslationCache:
    return TranslationCache(tmp_path / "cache.sqlite")


def wait_idle(qtbot: QtBot, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=timeout)


def test_translate_all_with_the_real_engine_shows_sentence_progress(
        make_window: WindowFactory, tiny_engine: Engine, cache: TranslationCache,
        qtbot: QtBot, sample_ws: Workspace) -> None:
    window = make_window(engine_factory=lambda: tiny_engine, translation_cache=cache)
    labels: list[str] = []
    window.translation.progressed.connect(
        lambda d, t: labels.append(window.progress_label.text()))
    assert ORIGINAL not in window.document.workspace.translations
    with qtbot.waitSignal(window.translation.finished, timeout=60000):
        window.action("translate_all").trigger()
        assert window.progress_box.isVisible()
        assert window.action("cancel_translation").isEnabled()
    machine = window.document.workspace.translations[ORIGINAL]
    assert machine.engine == "argos"
    expected_ids = {TITLE} | {s.id for s in sample_ws.original.sentences}
    assert set(machine.texts) >= expected_ids
    assert all(machine.texts[sid] for sid in expected_ids)
    # Progress counts sentences over every article to translate (the original and the
    # Chinese report), up to the total.
    unique = len(set([sample_ws.original.title] + [s.text for s in sample_ws.original.sentences]))
    counts = [re.fullmatch(r"Translating (\d+)/(\d+) sentences", label) for label in labels]
    assert counts and all(counts), labels
    pairs = [(int(m.group(1)), int(m.group(2))) for m in counts if m]
    assert pairs[-1][0] == pairs[-1][1] > unique
    assert [d for d, _ in pairs] == sorted(d for d, _ in pairs)
    assert not window.progress_box.isVisible()
    assert not window.action("cancel_translation").isEnabled()
    assert window.document.dirty
    wait_idle(qtbot)
    assert window.is_settled()


def test_cancel_stops_the_real_engine_and_keeps_the_workspace(
        make_window: WindowFactory, tiny_engine: Engine, cache: TranslationCache,
        qtbot: QtBot, sample_ws: Workspace) -> None:
    workspace = long_workspace(sample_ws)
    window = make_window(workspace, engine_factory=lambda: tiny_engine, translation_cache=cache,
                         compare=False)
    cancelled: list[bool] = []
    window.translation.cancelled.connect(lambda: cancelled.append(True))
    progress: list[tuple[int, int]] = []
    window.translation.progressed.connect(lambda d, t: progress.append((d, t)))
    window.action("translate_all").trigger()
    qtbot.waitUntil(lambda: any(d > 0 for d, _ in progress), timeout=30000)
    window.action("cancel_translation").trigger()
    wait_idle(qtbot)
    assert cancelled == [True]
    done, total = progress[-1]
    assert done < total, "cancel arrived after the work had finished; make the article longer"
    assert ORIGINAL not in window.document.workspace.translations
    assert not window.progress_box.isVisible()
    assert window.action("translate_all").isEnabled()
    # Sentences finished before the cancel are in the cache: the next run starts from them.
    assert cache.count() > 0


def test_gui_thread_stays_responsive_while_the_real_engine_translates(
        make_window: WindowFactory, tiny_engine: Engine, cache: TranslationCache,
        qtbot: QtBot, sample_ws: Workspace) -> None:
    window = make_window(long_workspace(sample_ws, copies=20), engine_factory=lambda: tiny_engine,
                         translation_cache=cache, compare=False)
    clock = QElapsedTimer()
    gaps: list[int] = []
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    started = time.perf_counter()
    with qtbot.waitSignal(window.translation.finished, timeout=120000):
        window.action("translate_all").trigger()
        clock.start()
        ticker.start()
    ticker.stop()
    elapsed = time.perf_counter() - started
    worst = max(gaps[1:] or [0])
    print(f"\ntranslation took {elapsed:.2f} s; longest GUI-thread gap {worst} ms "
          f"over {len(gaps)} ticks")
    assert len(gaps) > 5
    assert worst < 1000  # a loose bound; bench/gui_latency.py reports the figure


def test_translate_on_open_fills_missing_translations(
        make_window: WindowFactory, qtbot: QtBot, cache: TranslationCache) -> None:
    engine = CountingEngine()
    window = make_window(engine_factory=lambda: engine, translation_cache=cache,
                         translate_on_open=True)
    qtbot.waitUntil(lambda: ORIGINAL in window.document.workspace.translations, timeout=20000)
    assert window.document.workspace.translations[ORIGINAL].engine == "fake"
    wait_idle(qtbot)


def test_retry_translates_one_sentence_again_past_the_cache(
        make_window: WindowFactory, qtbot: QtBot, cache: TranslationCache) -> None:
    engine = CountingEngine()
    window = make_window(engine_factory=lambda: engine, translation_cache=cache)
    with qtbot.waitSignal(window.translation.finished, timeout=20000):
        window.translation.translate_missing()
    first = window.document.workspace.translations[ORIGINAL].texts
    window.document.select(ORIGINAL, "s2")
    assert window.action("retry_sentence").isEnabled()
    window.action("retry_sentence").trigger()
    wait_idle(qtbot)
    after = window.document.workspace.translations[ORIGINAL].texts
    assert after["s2"] != first["s2"]
    assert after["s2"].startswith(f"{engine.calls}:")
    assert {k: v for k, v in after.items() if k != "s2"} == {
        k: v for k, v in first.items() if k != "s2"}


def test_f2_edits_a_translation_beside_the_machine_output(
        make_window: WindowFactory, qtbot: QtBot, cache: TranslationCache,
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = CountingEngine()
    window = make_window(engine_factory=lambda: engine, translation_cache=cache)
    with qtbot.waitSignal(window.translation.finished, timeout=20000):
        window.translation.translate_missing()
    machine_before = window.document.workspace.translations[ORIGINAL]

    def accept(dialog: EditTranslationDialog) -> int:
        dialog.editor.setPlainText("  A better sentence.  ")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(EditTranslationDialog, "exec", accept)
    window.document.select(ORIGINAL, "s4")
    window.action("edit_translation").trigger()
    workspace = window.document.workspace
    assert workspace.translation_text(ORIGINAL, "s4") == "A better sentence."
    assert workspace.translations[ORIGINAL] == machine_before

    monkeypatch.setattr(EditTranslationDialog, "exec", lambda d: EditTranslationDialog.REVERT)
    window.action("edit_translation").trigger()
    assert window.document.workspace.translation_text(ORIGINAL, "s4") == (
        machine_before.texts["s4"])
    wait_idle(qtbot)


def test_retry_on_a_pivot_language_sentence_says_there_is_nothing_to_do(
        make_window: WindowFactory, cache: TranslationCache, sample_ws: Workspace) -> None:
    engine = CountingEngine()
    window = make_window(engine_factory=lambda: engine, translation_cache=cache)
    english = next(s for s in sample_ws.sources if s.article.lang == "en")
    window.document.select(english.id, english.article.sentences[0].id)
    window.action("retry_sentence").trigger()
    assert engine.calls == 0
    assert "pivot language" in window.statusBar().currentMessage()
