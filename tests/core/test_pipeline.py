"""core.pipeline: translate, then compare; the notes of both in one list; the pivots kept."""

from __future__ import annotations

import pytest

from parallax.core import pipeline
from parallax.core.compare_json import comparison_to_json
from parallax.core.errors import TranslationError
from parallax.core.review import Review, apply_review
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.translate.engine import Engine
from parallax.core.translate.gloss import GlossEngine
from parallax.core.workspace import ORIGINAL, MachineTranslation, Workspace

QUICK = pipeline.Options(semantic=False)


def _with_reports() -> Workspace:
    """The sample article, an English report and a Russian one (no engine here reads Russian)."""
    base = sample_workspace(with_sources=False)
    english = make_article("Putin in Mongolia",
                           ["Putin flew to Ulaanbaatar despite the ICC warrant."], lang="en")
    russian = make_article("Путин в Монголии", ["Путин прибыл в Улан-Батор."], lang="ru")
    return base.with_source(english, "report", "English report").with_source(
        russian, "report", "Russian report")


def test_run_translates_then_compares_and_merges_the_notes() -> None:
    workspace, comparison = pipeline.run(_with_reports(), GlossEngine(), QUICK)
    assert workspace.translations[ORIGINAL].is_gloss
    # The translation's note (the gloss cannot read Russian) joins the comparison's own.
    assert any(note.startswith("src2 (ru):") for note in comparison.notes)
    assert any("Russian report" in note and "no en translation" in note
               for note in comparison.notes)
    assert len(comparison.notes) == len(set(comparison.notes))


def test_without_an_engine_the_workspace_is_compared_as_it_is() -> None:
    original = _with_reports()
    workspace, comparison = pipeline.run(original, None, QUICK)
    assert workspace is original and not workspace.translations
    assert comparison.pivots[ORIGINAL].how == "gloss"  # glossed for the comparison only


def test_an_engine_that_cannot_start_is_a_note_unless_it_was_asked_for() -> None:
    def broken() -> Engine:
        raise TranslationError("no model")

    workspace = sample_workspace(with_sources=False)
    _, comparison = pipeline.run(workspace, broken, QUICK)
    assert pipeline.NO_ENGINE_NOTE in comparison.notes
    with pytest.raises(TranslationError, match="no model"):
        pipeline.run(workspace, broken, pipeline.Options(engine_required=True, semantic=False))


def test_the_comparison_carries_the_pivots_it_compared() -> None:
    _, comparison = pipeline.run(_with_reports(), None, QUICK)
    # No translation of the original: the comparison glossed it on the fly and says so.
    original = comparison.pivots[ORIGINAL]
    assert original.how == "gloss"
    first = _with_reports().original.sentences[0].id
    assert original.get(first)
    assert comparison.pivots["src1"].how == "own"
    assert "src2" not in comparison.pivots  # Russian, untranslated: compared by anchors
    # The analyst's review is laid over the comparison without losing them.
    reviewed = apply_review(comparison, Review().with_link(first, "src1", "s1"))
    assert reviewed.pivots == comparison.pivots


def test_a_human_translation_is_the_pivot_over_a_gloss() -> None:
    workspace, comparison = pipeline.run(sample_workspace(), GlossEngine(), QUICK)
    assert workspace.translations[ORIGINAL].is_gloss
    assert comparison.pivots[ORIGINAL].how == "version:src1"
    assert comparison.pivots[ORIGINAL].version == "src1"


def test_the_json_shows_the_human_translation_the_comparison_used() -> None:
    workspace, comparison = pipeline.run(sample_workspace(), GlossEngine(), QUICK)
    original = comparison_to_json(workspace, comparison)["original"]
    assert original["pivot"] == {"how": "version", "source": "src1", "engine": None,
                                 "edited": False}
    pivot = comparison.pivots[ORIGINAL]
    shown = {s["id"]: s["translation"] for s in original["sentences"]}
    assert shown == {sid: pivot.get(sid) for sid in shown}
    # Not the stored gloss, which the comparison set aside for the human translation.
    gloss = workspace.translations[ORIGINAL].texts
    assert any(text != gloss.get(sid) for sid, text in shown.items() if text)
    assert original["title_translation"] == workspace.source("src1").article.title


def test_the_json_shows_a_gloss_made_for_the_comparison() -> None:
    workspace, comparison = pipeline.run(_with_reports(), None, QUICK)
    data = comparison_to_json(workspace, comparison)
    assert data["original"]["pivot"] == {"how": "gloss", "source": None, "engine": "gloss",
                                         "edited": False}
    assert all(s["translation"] for s in data["original"]["sentences"])
    english, russian = data["sources"]
    assert english["pivot"]["how"] == "own" and russian["pivot"] is None


def test_the_json_names_the_engine_of_a_machine_translation() -> None:
    base = sample_workspace(with_sources=False)
    texts = {s.id: f"Sentence {n}." for n, s in enumerate(base.original.sentences)}
    workspace = base.with_translation(ORIGINAL, MachineTranslation("test", "1", "zh", "en", texts))
    workspace = workspace.with_edit(ORIGINAL, base.original.sentences[0].id, "Edited.")
    workspace, comparison = pipeline.run(workspace, None, QUICK)
    original = comparison_to_json(workspace, comparison)["original"]
    assert original["pivot"] == {"how": "translation", "source": None, "engine": "test",
                                 "edited": True}
    assert original["sentences"][-1]["translation"] == texts[base.original.sentences[-1].id]
