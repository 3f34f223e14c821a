"""Whether a view's new data would draw the same picture as what it already shows."""

from __future__ import annotations

from parallax.core.comparison import Comparison
from parallax.core.workspace import Workspace


def same_comparison_view(
    previous: Workspace | None, workspace: Workspace,
    shown: Comparison | None, comparison: Comparison | None,
) -> bool:
    """True when only things a comparison view does not draw changed (a translation arrived,
    an edit to another layer): the same comparison of the same original and sources."""
    return (comparison is shown and previous is not None
            and workspace.sources is previous.sources
            and workspace.original is previous.original)
