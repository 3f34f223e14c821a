"""Headlines are claims too: two headlines that say the same thing are linked, as "title"."""

from __future__ import annotations

import json

import pytest

from parallax.core.compare import compare_workspace
from parallax.core.compare_json import comparison_to_json
from parallax.core.segment import make_article
from parallax.core.semantic import get_encoder
from parallax.core.workspace import TITLE, Workspace

ORIGINAL = make_article("Flood closes the Riverton bridge for a week", [
    "Heavy rain flooded the Riverton valley on Monday.",
    "The council closed the Riverton bridge for a week while engineers inspect it.",
    "Two schools moved their lessons online.",
], lang="en")
REPORT = make_article("Riverton bridge closed for a week after flood", [
    "Engineers will inspect the Riverton bridge, which the council closed for a week.",
    "The valley flooded after heavy rain on Monday.",
    "A bakery opened on the high street.",
], lang="en")
MODES = [False, pytest.param(True, marks=pytest.mark.skipif(
    get_encoder() is None, reason="the sentence-embedding model is not installed"))]


def workspace(original_title: str, report_title: str) -> Workspace:
    original = make_article(original_title, [s.text for s in ORIGINAL.sentences], lang="en")
    report = make_article(report_title, [s.text for s in REPORT.sentences], lang="en")
    return Workspace(original).with_source(report, "report", "Wire")


@pytest.mark.parametrize("semantic", MODES)
def test_same_claim_headlines_are_linked(semantic: bool) -> None:
    ws = workspace(ORIGINAL.title, REPORT.title)
    comparison = compare_workspace(ws, semantic=semantic)
    assert [(link.original, link.sentence) for link in comparison.links_to("src1", TITLE)] == [
        (TITLE, TITLE)]
    # A headline sums up its body: it is linked to the other headline only.
    assert all(TITLE not in (link.original, link.sentence) or link.original == link.sentence
               for link in comparison.links)
    # The body's own links are what they are without headlines.
    bare = compare_workspace(workspace("", ""), semantic=semantic)
    assert {(link.original, link.sentence) for link in bare.links} == {
        (link.original, link.sentence) for link in comparison.links if link.original != TITLE}
    # The JSON lists the headline as sentence "title", so the link's ids are found there.
    data = json.loads(json.dumps(comparison_to_json(ws, comparison)))
    assert data["original"]["sentences"][0]["id"] == TITLE
    assert data["sources"][0]["sentences"][0]["headline"] is True


@pytest.mark.parametrize("semantic", MODES)
def test_headlines_sharing_nothing_are_not_linked(semantic: bool) -> None:
    comparison = compare_workspace(workspace("Flood", "Wire"), semantic=semantic)
    assert not comparison.links_for(TITLE)


@pytest.mark.parametrize("semantic", MODES)
def test_headline_numbers_are_compared(semantic: bool) -> None:
    ws = workspace("Flood closes the Riverton bridge for 7 days",
                   "Riverton bridge closed for 10 days after flood")
    comparison = compare_workspace(ws, semantic=semantic)
    assert comparison.links_for(TITLE)
    assert any(flag.kind == "number_mismatch" and flag.original == TITLE
               and flag.sentence == TITLE for flag in comparison.flags)


@pytest.mark.parametrize("semantic", MODES)
def test_a_title_made_from_the_first_sentence_is_no_headline(semantic: bool) -> None:
    """A text stored without a headline gets the start of its first sentence as its title:
    that repeats the sentence's claim, so it is not linked as a headline of its own."""
    made_up = REPORT.sentences[0].text  # what a loader makes of a short first sentence
    ws = workspace("Engineers to inspect the Riverton bridge closed for a week", made_up)
    comparison = compare_workspace(ws, semantic=semantic)
    assert not comparison.links_for(TITLE)
    assert comparison.links_to("src1", "s1")  # its first sentence is linked as itself
