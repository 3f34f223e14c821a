"""Reading and Segments views: time to show the sample workspace, and to show one change.

    python bench/columns.py [--repeat 5]

Runs offscreen. The GUI thread must stay responsive while translations and edits arrive one
sentence at a time, so what matters most is the "one edit" figure: the window calls
`set_data` on every change, and only the changed column (Reading) or row (Segments) is laid
out again. "first" is the first fill of empty views (every pane and every row measured);
"same" is a refresh with nothing changed. Prints milliseconds; never asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ms(fn: Callable[[], object], settle: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    settle()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from parallax.core.compare import compare_workspace
    from parallax.core.samples import sample_workspace
    from parallax.core.workspace import ORIGINAL
    from parallax.ui.views.columns import ColumnsView
    from parallax.ui.views.segment_grid import SegmentGrid

    workspace = sample_workspace()
    comparison = compare_workspace(workspace)
    sentences = workspace.original.sentence_count
    print(f"sample: {sentences} original sentences, {len(workspace.sources)} sources, "
          f"{len(comparison.links)} links, {len(comparison.flags)} flags")
    settle = app.processEvents
    for name, factory in (("Reading (ColumnsView)", ColumnsView),
                          ("Segments (SegmentGrid)", SegmentGrid)):
        view = factory()
        view.resize(1400, 800)
        view.show()
        first = _ms(lambda v=view: v.set_data(workspace, comparison), settle)
        same = [_ms(lambda v=view: v.set_data(workspace, comparison), settle)
                for _ in range(args.repeat)]
        edits = []
        for i in range(args.repeat):
            edited = workspace.with_edit(ORIGINAL, f"s{i % sentences + 1}", f"Hand edit {i}.")
            edits.append(_ms(lambda v=view, w=edited: v.set_data(w, comparison), settle))
        print(f"{name:24} first {first:7.1f} ms   same {min(same):6.1f}-{max(same):6.1f} ms"
              f"   one edit {min(edits):6.1f}-{max(edits):6.1f} ms")
        view.close()


if __name__ == "__main__":
    main()
