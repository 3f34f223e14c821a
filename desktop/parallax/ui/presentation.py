"""What the views show for one workspace and its comparison, made once and shared by them.

The document (`ui.document.WorkspaceDocument`) owns one `Presentation` per (workspace,
comparison) it shows or prepares: the reading columns' texts and the segment grid's cells
are made there, on the worker thread right after a comparison or a translation, and the
views on the GUI thread find them made. A new presentation starts from the previous one's
memos, so what a change leaves alone (a translation arriving changes one column) is reused.
Nothing here is a module global: it lives and dies with the document.
"""

from __future__ import annotations

from collections.abc import Callable

from parallax.core.comparison import Comparison
from parallax.core.workspace import Workspace
from parallax.ui.memo import IdentityMemo
from parallax.ui.models import CellMemo, SegmentCell, column_cells
from parallax.ui.views.column_text import ColumnMemo, ColumnText, build_columns


class Presentation:
    """The views' data for one workspace and comparison (both immutable). Thread-safe: a
    worker thread prepares it while the GUI thread may read it."""

    def __init__(self, workspace: Workspace, comparison: Comparison | None,
                 previous: Presentation | None = None) -> None:
        self.workspace = workspace
        self.comparison = comparison
        # Copies of the previous memos, not the previous presentation: no chain of old
        # workspaces is kept alive.
        self._columns: ColumnMemo = (IdentityMemo() if previous is None
                                     else previous._columns.successor())
        self._cells: CellMemo = IdentityMemo() if previous is None else previous._cells.successor()

    def is_for(self, workspace: Workspace, comparison: Comparison | None) -> bool:
        return self.workspace is workspace and self.comparison is comparison

    def columns(self, diff_reference: str | None = None) -> tuple[ColumnText, ...]:
        """The reading columns (`build_columns`), the machine translation diffed against
        `diff_reference` (None: the default source)."""
        return build_columns(self.workspace, self.comparison, diff_reference, self._columns)

    def cells(self, column: ColumnText) -> tuple[SegmentCell, ...]:
        """The segment grid's cells of one column, a row per original sentence."""
        return column_cells(self.workspace, column, self.comparison, self._cells)

    def prepare(self) -> None:
        """Make the columns (default diff reference) and the grid's cells: on a worker thread,
        so that the views' `set_data` finds them made."""
        for column in self.columns():
            self.cells(column)


# What a view asks for its data: the document's `presentation`, or `Presentation` itself.
Presenter = Callable[[Workspace, "Comparison | None"], Presentation]
