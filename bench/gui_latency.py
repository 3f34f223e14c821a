"""GUI-thread responsiveness while the real Argos engine translates and the comparison follows.

    python bench/gui_latency.py [--copies 20] [--runs 1] [--mode reading|segments]
                                [--model PATH.argosmodel] [--stalls 50] [--sample-only]

Opens the main window offscreen, lets the first comparison finish, starts "Translate all" with
the Argos engine, and records the gaps between ticks of a 10 ms QTimer on the GUI thread until
the translation has been merged ("translate") and the comparison of the translated workspace is
on screen ("compare", plus 300 ms for any work left queued behind it). A gap much longer than
10 ms means the window froze that long. A gap belongs to the phase it started in.

Two workspaces: the built-in sample (45 sentences, five sources), and a long one: the sample's
sentences numbered so each is unique, `--copies` times over (940 sentences at 20), with its
English translation numbered the same way and the sample's four reports. Without `--model` a
tiny random-weight zh->en package is built and installed in a temporary folder (the real engine
and CTranslate2 on a small model).

`--stalls MS` samples the GUI thread's Python stack from a watchdog thread every 5 ms while the
GUI thread has not ticked for MS milliseconds, and prints the most frequent stacks: what froze.

Prints figures; never asserts a speed. Figures, 2026-11-25, tiny model, offscreen, 2 cores
shared with other work (load average 1.5-2.4), 2-3 runs each; "max" is the longest freeze, ms:

                              before (UI of 4c1e3f3)        after
    Reading,  sample          translate  121-267  compare  183-260    26-44   47-77
    Reading,  940 sentences   translate 3295-4355 compare 1504-1510   25-29   50-69 (p99 32-45)
    Segments, sample          translate  263-353  compare  239-241    54-76   41-58
    Segments, 940 sentences   translate 4820-5787 compare 3267-3360   18-41   43-65 (p99 21-42)

Medians are 9-11 ms throughout (the timer's own period). What the long freezes were, found with
`--stalls` and py-spy: every view rebuilt in one slot when the translation or the comparison
arrived (the reading panes' documents laid out at each insertion, the segment grid measuring
6,580 cells and asking its row header for 200 size hints per row, the flags list sizing every
row for ResizeToContents, the coverage map painting rows off screen, per-sentence scans of every
flag); the GUI thread waiting up to 5 ms for the interpreter lock after each Qt call while the
comparison ran in Python; and full garbage collections (150-350 ms, holding the lock) during
the comparison. Now: view data is made on the worker thread (WorkspaceDocument.prepare),
long columns and tables are built in 8 ms slices, unchanged columns and cells are reused, the
switch interval is 0.5 ms and full collections wait while background work runs.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Everything the run writes (settings, caches, the tiny model) goes here and is removed at the
# end of main(), or when the interpreter exits if main() never finishes.
_TEMPORARY = tempfile.TemporaryDirectory(prefix="parallax-bench-")
_HOME = Path(_TEMPORARY.name)
os.environ["PARALLAX_HOME"] = str(_HOME)
os.environ["ARGOS_PACKAGES_DIR"] = str(_HOME / "data" / "models")
if not os.environ.get("XDG_RUNTIME_DIR"):
    # Qt would otherwise make its runtime folder in the temporary folder and leave it there.
    (_HOME / "runtime").mkdir(mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(_HOME / "runtime")

TAIL_MS = 300  # keep ticking after the comparison is on screen: queued work shows up here


def _numbered(sentences: list[str], copies: int, stop: str, mark: Callable[[int], str],
              space: str = "") -> str:
    paragraphs = [
        space.join(f"{text.rstrip(stop)}{mark(n)}{stop}" for text in sentences[i:i + 5])
        for n in range(copies) for i in range(0, len(sentences), 5)
    ]
    return "\n\n".join(paragraphs)


def long_workspace(copies: int) -> Any:
    """The sample, `copies` times longer: original and English translation numbered alike."""
    from dataclasses import replace

    from parallax.core.loaders import load_text
    from parallax.core.samples import sample_workspace
    from parallax.core.workspace import Workspace

    sample = sample_workspace()
    original = sample.original
    text = _numbered([s.text for s in original.sentences], copies, "。", lambda n: f"（第{n}稿）")
    workspace = Workspace(load_text(f"{original.title}\n\n{text}", source="bench.txt"))
    for source in sample.sources:
        article = source.article
        if source.role == "translation":
            body = _numbered([s.text for s in article.sentences], copies, ".",
                             lambda n: f" (draft {n})", space=" ")
            long_text = load_text(f"{article.title}\n\n{body}", source="bench-en.txt")
            article = replace(long_text, lang=article.lang, outlet=article.outlet,
                              published=article.published)
        workspace = workspace.with_source(article, source.role, source.label)
    return workspace


class StallSampler:
    """Samples the GUI thread's stack while it has not ticked for `threshold_ms`."""

    def __init__(self, threshold_ms: float) -> None:
        self.threshold = threshold_ms / 1000
        self.main_id = threading.get_ident()
        self.last_tick = time.perf_counter()
        self.active = False
        self.stacks: collections.Counter[str] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def tick(self) -> None:
        self.last_tick = time.perf_counter()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            if not self.active or time.perf_counter() - self.last_tick < self.threshold:
                continue
            frame = sys._current_frames().get(self.main_id)
            if frame is None:
                continue
            lines = [f"{Path(f.filename).name}:{f.lineno} {f.name}"
                     for f in traceback.extract_stack(frame)[-12:]]
            self.stacks["\n    ".join(lines)] += 1

    def report(self, top: int = 8) -> None:
        total = sum(self.stacks.values())
        print(f"stall samples (5 ms each): {total}")
        for stack, count in self.stacks.most_common(top):
            print(f"  {count} samples:\n    {stack}")


def _figures(gaps: list[int]) -> str:
    if not gaps:
        return "no ticks"
    ticks = sorted(gaps)
    p99 = ticks[min(len(ticks) - 1, int(len(ticks) * 0.99))]
    return (f"median {statistics.median(ticks):3.0f} ms, p99 {p99:4d} ms, max {ticks[-1]:4d} ms"
            f" ({len(ticks)} ticks)")


def run_once(workspace: Any, engine: Any, mode: str, sampler: StallSampler | None) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from parallax.core.compare import compare_workspace
    from parallax.core.translate.cache import TranslationCache
    from parallax.ui.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    cache = TranslationCache(Path(tempfile.mkdtemp(dir=_HOME)) / "cache.sqlite")
    window = MainWindow(workspace, translate_on_open=False, autosave=False,
                        engine_factory=lambda: engine, translation_cache=cache)
    window.set_mode(mode)
    window.show()

    def wait(condition: Callable[[], bool]) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if condition() else None)
        poll.start(20)
        loop.exec()
        poll.stop()

    wait(window.is_settled)
    compare_workspace(workspace)  # warm the comparison's one-off start-up outside the figures

    phase = ["translate"]
    gaps: dict[str, list[int]] = {"translate": [], "compare": []}
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)
    started_in = ["translate"]

    def tick() -> None:
        gaps[started_in[0]].append(clock.restart())
        started_in[0] = phase[0]
        if sampler is not None:
            sampler.tick()

    ticker.timeout.connect(tick)
    marks: dict[str, float] = {}

    def translated() -> None:
        marks["translated"] = time.perf_counter()
        phase[0] = "compare"

    window.translation.finished.connect(translated)
    started = time.perf_counter()
    window.action("translate_all").trigger()
    clock.start()
    if sampler is not None:
        sampler.tick()
        sampler.active = True
    ticker.start()
    wait(lambda: "translated" in marks and window.is_settled())
    compared = time.perf_counter()
    loop = QEventLoop()
    QTimer.singleShot(TAIL_MS, loop.quit)
    loop.exec()
    ticker.stop()
    if sampler is not None:
        sampler.active = False
    window.confirm_close = False
    window.close()
    window.deleteLater()
    app.processEvents()

    sentences = workspace.original.sentence_count
    elapsed = marks["translated"] - started
    print(f"  translate {elapsed:5.2f} s: {_figures(gaps['translate'][1:])}")
    print(f"  compare   {compared - marks['translated']:5.2f} s: {_figures(gaps['compare'])}"
          f"   [{sentences} sentences, {len(workspace.sources)} sources, mode {mode}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", choices=("reading", "segments"), default="reading")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--stalls", type=float, default=0.0, metavar="MS")
    parser.add_argument("--sample-only", action="store_true")
    args = parser.parse_args()
    try:
        return run(args)
    finally:
        _TEMPORARY.cleanup()


def run(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from parallax.core.samples import sample_workspace
    from parallax.core.translate.models import install_model
    from parallax.core.translate.tiny_model import build_tiny_argos_package
    from parallax.ui.theme import apply_theme
    from parallax.ui.translation_controller import preferred_engine

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme("light")
    package = args.model or build_tiny_argos_package(_HOME / "tiny.argosmodel", "zh", "en")
    install_model(package)
    engine = preferred_engine("zh", "en")  # what the window uses: Argos, threads = cores - 1
    cases = [("sample", sample_workspace())]
    if not args.sample_only:
        cases.append((f"long (--copies {args.copies})", long_workspace(args.copies)))
    sampler = StallSampler(args.stalls) if args.stalls else None
    if sampler is not None:
        sampler.start()
    for label, workspace in cases:
        print(f"{label}:")
        for _ in range(args.runs):
            run_once(workspace, engine, args.mode, sampler)
    if sampler is not None:
        sampler.stop()
        sampler.report()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
