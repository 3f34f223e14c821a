"""The analyst's review layer: links made and removed by hand, flag decisions and notes.

Stored in the workspace, read back, laid over every comparison (so it survives a re-run),
and written into the comparison JSON.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from parallax.core.compare import compare_workspace
from parallax.core.compare_json import COMPARE_JSON_VERSION, comparison_to_json
from parallax.core.comparison import Comparison, Flag, Link, ReportOnly
from parallax.core.errors import WorkspaceError
from parallax.core.review import MAX_NOTE_CHARS, FlagKey, Pair, Review, apply_review
from parallax.core.workspace import ORIGINAL, Workspace
from support import stories


@pytest.fixture(scope="module")
def quake() -> Workspace:
    """An invented story and a wire report (`support.stories.quake`)."""
    return stories.quake()


def pairs(comparison: Comparison) -> set[tuple[str, str, str]]:
    return {(link.original, link.source, link.sentence) for link in comparison.links}


def flag_of(comparison: Comparison, kind: str) -> Flag:
    return next(f for f in comparison.flags if f.kind == kind)


def test_the_machine_comparison_this_file_relies_on(quake: Workspace) -> None:
    comparison = compare_workspace(quake, semantic=False)
    assert {("s1", "src1", "s2"), ("s3", "src1", "s1")} <= pairs(comparison)
    assert all(link.by == "engine" for link in comparison.links)
    assert flag_of(comparison, "unmatched_claim").original == "s2"
    assert (flag_of(comparison, "omitted_claim").source,
            flag_of(comparison, "omitted_claim").sentence) == ("src1", "s3")


def test_link_by_hand(quake: Workspace) -> None:
    reviewed = quake.with_review(quake.review.with_link("s2", "src1", "s3"))
    comparison = compare_workspace(reviewed, semantic=False)
    link = comparison.best_link("s2", "src1")
    assert link is not None and link.sentence == "s3"
    assert link.score == 1.0 and link.by == "analyst"
    assert link.diff  # a word diff of the two English texts
    assert link.to_dict()["by"] == "analyst"
    # What the link disproves goes: "no one else says this" and "the original omits this".
    assert not [f for f in comparison.flags if f.kind == "unmatched_claim" and f.original == "s2"]
    assert not [f for f in comparison.flags if f.kind == "omitted_claim"]
    assert ("src1", "s3") not in {(r.source, r.sentence) for r in comparison.report_only}
    # The engine's own links are untouched.
    assert {("s1", "src1", "s2"), ("s3", "src1", "s1")} <= pairs(comparison)


def test_unlink_by_hand(quake: Workspace) -> None:
    reviewed = quake.with_review(quake.review.without_link("s1", "src1", "s2"))
    comparison = compare_workspace(reviewed, semantic=False)
    assert ("s1", "src1", "s2") not in pairs(comparison)
    assert ("s3", "src1", "s1") in pairs(comparison)
    # The report sentence, now linked to nothing, is a claim only the report makes.
    alone = {(r.source, r.sentence): r for r in comparison.report_only}
    assert alone[("src1", "s2")].nearest == "s1"
    assert not alone[("src1", "s2")].confident


def test_unlinking_a_hand_made_link_forgets_it() -> None:
    review = Review().with_link("s1", "src1", "s2")
    assert review.without_link("s1", "src1", "s2") == Review()
    # ... and linking again what was unlinked takes the unlink back.
    assert Review().without_link("s1", "src1", "s2").with_link("s1", "src1", "s2").unlinked == ()


def test_confirm_dismiss_and_notes(quake: Workspace) -> None:
    machine = compare_workspace(quake, semantic=False)
    unmatched = flag_of(machine, "unmatched_claim")
    omitted = flag_of(machine, "omitted_claim")
    review = (quake.review.with_decision(unmatched, "dismissed")
              .with_decision(omitted, "confirmed")
              .with_flag_note(omitted, "Only the wire mentions the weather.")
              .with_note(ORIGINAL, "s2", "  Check the school board's notice.  ")
              .with_note("src1", "s1", "<b>extensive</b> is the wire's word"))
    comparison = compare_workspace(quake.with_review(review), semantic=False)
    dismissed = flag_of(comparison, "unmatched_claim")
    assert dismissed.decision == "dismissed" and dismissed.dismissed  # kept, marked
    confirmed = flag_of(comparison, "omitted_claim")
    assert confirmed.decision == "confirmed" and not confirmed.dismissed
    assert confirmed.note == "Only the wire mentions the weather."
    assert len(comparison.flags) == len(machine.flags)
    assert review.note(ORIGINAL, "s2") == "Check the school board's notice."  # trimmed
    assert review.note("src1", "s1") == "<b>extensive</b> is the wire's word"  # as typed
    # Taking a decision back and blanking a note leave nothing behind.
    undone = (review.with_decision(unmatched, None).with_decision(omitted, None)
              .with_flag_note(omitted, "").with_note(ORIGINAL, "s2", " ")
              .with_note("src1", "s1", None))
    assert undone == Review()


def test_a_note_is_length_limited() -> None:
    with pytest.raises(ValueError):
        Review().with_note(ORIGINAL, "s1", "x" * (MAX_NOTE_CHARS + 1))
    assert Review().with_note(ORIGINAL, "s1", "x" * MAX_NOTE_CHARS).note(ORIGINAL, "s1")


def reviewed_quake(quake: Workspace) -> Workspace:
    machine = compare_workspace(quake, semantic=False)
    review = (quake.review.with_link("s2", "src1", "s3")
              .without_link("s1", "src1", "s2")
              .with_decision(flag_of(machine, "omitted_claim"), "dismissed")
              .with_flag_note(flag_of(machine, "omitted_claim"), "weather: irrelevant")
              .with_note(ORIGINAL, "s3", "“light” vs “extensive”"))
    return quake.with_review(review)


def test_review_is_saved_and_reloaded(quake: Workspace, tmp_path: Path) -> None:
    workspace = reviewed_quake(quake)
    path = tmp_path / "reviewed.parallax"
    workspace.save(path)
    loaded = Workspace.load(path)
    assert loaded.review == workspace.review
    assert loaded == workspace
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["version"] == 1  # old readers ignore the new key: no new format version
    assert stored["review"]["links"] == [{"original": "s2", "source": "src1", "sentence": "s3"}]
    assert stored["review"]["unlinked"] == [
        {"original": "s1", "source": "src1", "sentence": "s2"}]
    assert stored["review"]["notes"] == {"original": {"s3": "“light” vs “extensive”"}}
    [flag] = stored["review"]["flags"]
    assert flag["kind"] == "omitted_claim" and flag["decision"] == "dismissed"
    assert flag["note"] == "weather: irrelevant"
    assert (flag["source"], flag["sentence"], flag["original"]) == ("src1", "s3", None)


def test_review_survives_a_re_compare(quake: Workspace) -> None:
    workspace = reviewed_quake(quake)
    first = compare_workspace(workspace, semantic=False)
    # Something else changes (a hand edit, a setting): the comparison is run again.
    changed = workspace.with_edit(ORIGINAL, "s1", "A quake hit Gansu, injuring 3.")
    changed = changed.with_settings(ignore_punctuation=True)
    again = compare_workspace(changed, semantic=False)
    for comparison in (first, again):
        assert ("s2", "src1", "s3") in pairs(comparison)
        assert ("s1", "src1", "s2") not in pairs(comparison)
        best = comparison.best_link("s2", "src1")
        assert best is not None and (best.sentence, best.score, best.by) == ("s3", 1.0, "analyst")
    # The omitted_claim flag went with the hand-made link; its decision waits in the review.
    assert FlagKey("omitted_claim", None, "src1", "s3", "The weather was sunny in Beijing.") in (
        changed.review.flags)


def test_decisions_follow_the_flag_not_its_position() -> None:
    a = Flag("loaded_word", "barbaric", "d", original="s1")
    b = Flag("hedge", "reportedly", "d", original="s2")
    review = Review().with_decision(b, "dismissed")
    one = apply_review(Comparison(flags=(a, b)), review)
    other = apply_review(Comparison(flags=(b, a)), review)
    assert [f.decision for f in one.flags] == [None, "dismissed"]
    assert [f.decision for f in other.flags] == ["dismissed", None]


def test_apply_review_is_pure_and_drops_the_unlinked_pairs_differences() -> None:
    link = Link("s1", "src1", "s4", 0.7)
    number = Flag("number_mismatch", "15", "d", original="s1", source="src1", sentence="s4")
    lexicon = Flag("loaded_word", "brutal", "d", original="s1")
    machine = Comparison((link,), (number, lexicon))
    review = Review().without_link("s1", "src1", "s4")
    reviewed = apply_review(machine, review)
    assert reviewed.links == () and reviewed.flags == (lexicon,)
    assert reviewed.report_only == (ReportOnly("src1", "s4", "s1", 0.7, False),)
    assert machine.links == (link,)  # the machine's comparison is unchanged
    assert apply_review(machine, Review()) is machine


def test_json_has_the_review_fields_and_stays_version_1(quake: Workspace) -> None:
    workspace = reviewed_quake(quake)
    machine = compare_workspace(quake, semantic=False)
    workspace = workspace.with_review(workspace.review.with_decision(
        flag_of(machine, "unmatched_claim"), "confirmed").with_note("src1", "s2", "30, not 3"))
    data = comparison_to_json(workspace, compare_workspace(workspace, semantic=False))
    assert data["version"] == COMPARE_JSON_VERSION == 1
    by = {(a["original"], a["sentence"]): a for a in data["alignments"]}
    assert by[("s2", "s3")]["by"] == "analyst" and by[("s2", "s3")]["score"] == 1.0
    assert by[("s3", "s1")]["by"] == "engine"
    assert ("s1", "s2") not in by
    assert data["review"]["unlinked"] == [{"original": "s1", "source": "src1", "sentence": "s2"}]
    notes = {s["id"]: s["note"] for s in data["original"]["sentences"] if not s["headline"]}
    assert notes == {"s1": None, "s2": None, "s3": "“light” vs “extensive”"}
    body = [s for s in data["sources"][0]["sentences"] if not s["headline"]]
    assert body[1]["note"] == "30, not 3"
    flags = [f for f in data["flags"] if f["kind"] == "unmatched_claim"]
    # s2 is linked by hand now, so its unmatched flag is gone; the decision waits for it.
    assert flags == []
    assert all("decision" in f and "note" in f for f in data["flags"])
    json.dumps(data)  # plain JSON


def test_json_flag_decision_and_note(quake: Workspace) -> None:
    machine = compare_workspace(quake, semantic=False)
    flag = flag_of(machine, "unmatched_claim")
    workspace = quake.with_review(
        quake.review.with_decision(flag, "dismissed").with_flag_note(flag, "schools: local"))
    data = comparison_to_json(workspace, compare_workspace(workspace, semantic=False))
    [entry] = [f for f in data["flags"] if f["kind"] == "unmatched_claim"]
    assert entry["decision"] == "dismissed" and entry["note"] == "schools: local"
    [other] = [f for f in data["flags"] if f["kind"] == "omitted_claim"]
    assert other["decision"] is None and other["note"] is None


OLD_FILE = {
    "format": "parallax-workspace", "version": 1, "app_version": "0.1.0",
    "saved": "2026-11-25T06:41:00+00:00",
    "original": {"title": "T", "outlet": None, "published": None, "lang": "en", "source": None,
                 "body": "One. Two.",
                 "paragraphs": [{"index": 0, "start": 0, "end": 9, "sentences": [
                     {"id": "s1", "text": "One.", "start": 0, "end": 4},
                     {"id": "s2", "text": "Two.", "start": 5, "end": 9}]}]},
    "sources": [], "translations": {}, "edits": {"original": {"s1": "Uno."}},
    "settings": {"pivot_lang": "en"},
}


def test_old_workspace_files_still_load(tmp_path: Path) -> None:
    path = tmp_path / "old.parallax"
    path.write_text(json.dumps(OLD_FILE), encoding="utf-8")
    loaded = Workspace.load(path)
    assert loaded.review == Review() and loaded.review.empty
    assert loaded.edits == {"original": {"s1": "Uno."}}
    assert [s.text for s in loaded.original.sentences] == ["One.", "Two."]


@pytest.mark.parametrize("review", [
    "links", {"links": "s1"}, {"links": [{"original": "s1", "source": "src1"}]},
    {"flags": [{"kind": "hedge", "text": "x", "decision": "maybe"}]},
    {"flags": [{"kind": "hedge", "text": "x", "original": 3, "decision": "confirmed"}]},
    {"notes": {"original": {"s1": 5}}}, {"notes": {"original": {"s1": "x" * 5000}}},
    {"notes": []},
])
def test_a_damaged_review_is_a_clear_error(review: object) -> None:
    with pytest.raises(WorkspaceError):
        Workspace.from_dict({**OLD_FILE, "review": review})


def test_removing_a_source_removes_its_review(quake: Workspace) -> None:
    workspace = reviewed_quake(quake).with_review(
        reviewed_quake(quake).review.with_note("src1", "s1", "n"))
    gone = workspace.without_source("src1")
    assert gone.review.links == () and gone.review.unlinked == ()
    assert gone.review.flags == {} and "src1" not in gone.review.notes
    assert gone.review.note(ORIGINAL, "s3") == "“light” vs “extensive”"


def test_a_hand_link_to_a_sentence_that_is_gone_is_left_out(quake: Workspace) -> None:
    review = Review(links=(Pair("s2", "src1", "s99"), Pair("s2", "src9", "s1")))
    comparison = compare_workspace(replace(quake, review=review), semantic=False)
    assert not [link for link in comparison.links if link.by == "analyst"]


def test_a_verdict_on_nothing_matching_holds_for_both_claim_kinds() -> None:
    """With and without the embedding model one sentence may be "no other source makes
    this" or "no close match": the analyst's verdict on either holds for the other."""
    unmatched = Flag("unmatched_claim", "Schools closed.", "d", original="s2", confidence=0.9)
    near = Flag("no_close_match", "Schools closed.", "d", original="s2", confidence=0.4)
    review = Review().with_decision(unmatched, "dismissed").with_flag_note(unmatched, "local")
    [flag] = apply_review(Comparison(flags=(near,)), review).flags
    assert flag.decision == "dismissed" and flag.note == "local"
    other = Flag("loaded_word", "Schools closed.", "d", original="s2")
    assert apply_review(Comparison(flags=(other,)), review).flags == (other,)
