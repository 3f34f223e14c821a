"""With the sentence-embedding model, the comparison is shown first without it, then refined."""

from __future__ import annotations

import uuid

import pytest
from pytestqt.qtbot import QtBot

from parallax.core.comparison import Comparison
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.ui.document import WorkspaceDocument, semantic_model_available

pytestmark = pytest.mark.skipif(not semantic_model_available(),
                                reason="the sentence-embedding model is not installed")


def _links(comparison: Comparison) -> set[tuple[str, str, str]]:
    return {(link.original, link.source, link.sentence) for link in comparison.links}


def test_quick_comparison_first_then_the_refined_one(qtbot: QtBot) -> None:
    # A sentence no test has embedded before, so the model has work to do: the comparison
    # comes quick first (with every vector cached it would come refined at once).
    note = make_article("Note", [f"A note on the visit, filed as {uuid.uuid4().hex[:8]}."],
                        lang="en")
    workspace = sample_workspace().with_source(note, "report", "note")
    seen: list[Comparison] = []
    document = WorkspaceDocument(workspace, start=False)
    document.comparison_changed.connect(seen.append)
    document.start()
    qtbot.waitUntil(lambda: len(seen) == 2 and not document.comparing, timeout=120_000)
    quick, refined = seen
    # The refinement links report sentences the pivot texts alone leave unlinked.
    assert _links(refined) - _links(quick)
    assert document.comparison is refined
    # Nothing changed since: no third comparison.
    qtbot.wait(300)
    assert len(seen) == 2


def test_an_edit_during_refinement_ends_with_the_refined_comparison(qtbot: QtBot) -> None:
    workspace = sample_workspace()
    seen: list[Comparison] = []
    document = WorkspaceDocument(workspace)
    document.comparison_changed.connect(seen.append)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=120_000)
    edited = workspace.with_settings(min_score=0.35)
    document.change(edited, "stricter links")
    qtbot.waitUntil(lambda: not document.comparing and document.workspace is edited
                    and document.comparison is seen[-1] and seen[-1].embedded,
                    timeout=120_000)
    # The last comparison shown is the refined one for the edited workspace, and it stays.
    qtbot.wait(300)
    assert not document.comparing and document.comparison is seen[-1]


def test_with_every_vector_cached_the_first_comparison_is_the_refined_one(
        qtbot: QtBot) -> None:
    workspace = sample_workspace()
    first = WorkspaceDocument(workspace)  # fills the vector cache (quick, then refined)
    qtbot.waitUntil(lambda: first.comparison is not None and first.comparison.embedded
                    and not first.comparing, timeout=120_000)
    seen: list[Comparison] = []
    document = WorkspaceDocument(workspace, start=False)
    document.comparison_changed.connect(seen.append)
    document.start()
    qtbot.waitUntil(lambda: len(seen) == 1 and not document.comparing, timeout=120_000)
    qtbot.wait(300)
    assert len(seen) == 1 and seen[0].embedded  # no quick pass, no second run
    assert first.comparison is not None and _links(seen[0]) == _links(first.comparison)
