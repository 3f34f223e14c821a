"""Reading and Segments views: time to show the sample workspace, and to show one change.

    python bench/columns.py [--repeat 5] [--long 400]

Runs offscreen. The GUI thread must stay responsive while translations and edits arrive one
sentence at a time, so what matters most is the "one edit" figure: the window calls
`set_data` on every change, and only the changed column (Reading) or row (Segments) is laid
out again. "first" is the first fill of empty views (every pane and every row measured);
"same" is a refresh with nothing changed. `--long N` adds a synthetic N-sentence article with
its machine translation and a 1:1 English version. Prints milliseconds; never asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ms(fn: Callable[[], object], settle: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    settle()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--long", type=int, default=400)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from parallax.core.compare import compare_workspace
    from parallax.core.samples import sample_workspace
    from parallax.ui.document import WorkspaceDocument
    from parallax.ui.views.columns import ColumnsView
    from parallax.ui.views.segment_grid import SegmentGrid

    workspace = sample_workspace()
    comparison = compare_workspace(workspace)
    cases = [("sample", workspace, comparison)]
    if args.long:
        cases.append((f"{args.long} sentences", *_long_case(args.long)))
    for label, case_workspace, case_comparison in cases:
        print(f"{label}: {case_workspace.original.sentence_count} original sentences, "
              f"{len(case_workspace.sources)} sources, {len(case_comparison.links)} links")
        for name, factory in (("Reading (ColumnsView)", ColumnsView),
                              ("Segments (SegmentGrid)", SegmentGrid)):
            view = factory()
            # As in the window: the document's presentations reuse what a change leaves.
            document = WorkspaceDocument(case_workspace, compare=False)
            view.set_presentations(document.presentation)
            view.resize(1400, 800)
            view.show()
            _measure(name, view, case_workspace, case_comparison, args.repeat, app)
            view.close()


def _measure(name: str, view: Any, workspace: Any, comparison: Any, repeat: int,
             app: Any) -> None:
    from PySide6.QtTest import QTest

    from parallax.core.workspace import ORIGINAL

    settle = app.processEvents
    ids = [s.id for s in workspace.original.iter_sentences()]
    first = _ms(lambda: view.set_data(workspace, comparison), settle)
    QTest.qWait(200)  # let deferred re-measuring finish before timing updates
    same = [_ms(lambda: view.set_data(workspace, comparison), settle) for _ in range(repeat)]
    edits = []
    for i in range(repeat):
        edited = workspace.with_edit(ORIGINAL, ids[i % len(ids)], f"Hand edit {i}.")

        def show(w: Any = edited) -> None:
            view.set_data(w, comparison)

        edits.append(_ms(show, settle))
    print(f"  {name:24} first {first:7.1f} ms   same {min(same):6.1f}-{max(same):6.1f} ms"
          f"   one edit {min(edits):6.1f}-{max(edits):6.1f} ms")


def _long_case(n: int) -> tuple[Any, Any]:
    from parallax.core.comparison import Comparison, Link
    from parallax.core.segment import make_article
    from parallax.core.workspace import MachineTranslation, Workspace

    def paragraphs(sentence: Callable[[int], str]) -> list[str]:
        return ["".join(sentence(i) for i in range(k, min(n, k + 5))) for k in range(0, n, 5)]

    original = make_article("标题", paragraphs(lambda i: f"第{i}句话说了战争的一些事情。"), "zh")
    version = make_article("Title", paragraphs(lambda i: f"Sentence {i} says things of war. "),
                           "en")
    workspace = Workspace(original).with_source(version, "translation", "EN")
    ids = [s.id for s in original.iter_sentences()]
    texts = {sid: f"Machine sentence {sid} about the war." for sid in ids}
    workspace = workspace.with_translation(
        "original", MachineTranslation("bench", "1", "zh", "en", texts))
    links = tuple(Link(a, "src1", b.id, 0.8)
                  for a, b in zip(ids, version.iter_sentences(), strict=False))
    return workspace, Comparison(links)


if __name__ == "__main__":
    main()
