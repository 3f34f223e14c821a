"""Claim alignment (by meaning) on real sample texts."""

from __future__ import annotations

import random

import numpy as np
import pytest

from parallax.core.align import claim_alignment, select_links
from parallax.core.entities import Name, names_match, sounds_alike
from parallax.core.samples import sample_workspace
from parallax.core.similarity import similarity_matrix, sound_key


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    workspace = sample_workspace()
    return {
        "zh": [s.text for s in workspace.original.sentences],
        "en": [s.text for s in workspace.source("src1").article.sentences],
        "brief": [s.text for s in workspace.source("src5").article.sentences],
    }


def test_empty_inputs_give_no_pairs() -> None:
    assert claim_alignment(["a"], []).links == []


def test_claims_link_by_meaning_not_position(texts: dict[str, list[str]]) -> None:
    links = claim_alignment(texts["en"], texts["brief"], min_score=0.3).links
    best = {link.report: link.original for link in links}
    # Hofmański on the wanted list -> s38; Ryabkov -> s37; Shoigu/Gerasimov -> s35.
    assert best[0] == 37 and best[1] == 36 and best[3] == 34
    # Reordering the report changes nothing but the order.
    order = list(range(len(texts["brief"])))
    random.Random(4).shuffle(order)
    moved = [texts["brief"][i] for i in order]
    before = similarity_matrix(texts["en"], texts["brief"], "en", "en")
    after = similarity_matrix(texts["en"], moved, "en", "en")
    assert np.allclose(after, before[:, order], atol=1e-5)


def test_no_link_below_threshold_and_one_to_many(texts: dict[str, list[str]]) -> None:
    for threshold in (0.2, 0.3, 0.5):
        links = claim_alignment(texts["en"], texts["brief"], min_score=threshold).links
        assert links and all(link.score >= threshold for link in links)
    many = claim_alignment(texts["en"], texts["brief"], min_score=0.2).links
    per_report: dict[int, int] = {}
    for link in many:
        per_report[link.report] = per_report.get(link.report, 0) + 1
    assert max(per_report.values()) > 1


def test_unrelated_text_is_not_linked(texts: dict[str, list[str]]) -> None:
    unrelated = ["The recipe needs two cups of flour and a pinch of salt.",
                 "Bake the bread for forty minutes until golden."]
    assert claim_alignment(texts["en"], unrelated, min_score=0.3).links == []


def test_select_links_keeps_close_seconds_only() -> None:
    scores = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.25]], dtype=np.float32)
    links = select_links(scores, min_score=0.3)
    assert [(link.original, link.report) for link in links] == [(0, 0), (1, 0)]


def test_transliterations_match_by_sound() -> None:
    assert sound_key("普京") == sound_key("蒲亭") == "pu-ing"
    assert sounds_alike("普京", "蒲亭")
    assert not sounds_alike("北京", "普京")
    assert names_match(Name("putin", "普京", "person", "zh"), Name("zh:蒲亭", "蒲亭", None, "zh"))


def test_chinese_texts_compare_directly_despite_other_transliteration(
    texts: dict[str, list[str]],
) -> None:
    variant = [t.replace("普京", "蒲亭") for t in texts["zh"]]
    links = claim_alignment(texts["zh"], variant, min_score=0.3, orig_lang="zh",
                            report_lang="zh").links
    best: dict[int, int] = {}
    for link in links:
        best.setdefault(link.report, link.original)
    assert all(best[j] == j for j in range(45))
    scores = similarity_matrix(texts["zh"], variant, "zh", "zh")
    assert min(float(scores[j, j]) for j in range(45)) > 0.8


def test_cross_language_without_pivot_uses_numbers_and_names(
    texts: dict[str, list[str]],
) -> None:
    # Chinese original against English text: only numbers and gazetteer names can match.
    links = claim_alignment(texts["zh"], texts["brief"], min_score=0.2, orig_lang="zh",
                         report_lang="en").links
    assert any(link.report == 3 and link.original == 34 for link in links)  # Shoigu, Gerasimov


_BRIDGE = ["The mayor opened a new bridge over the river on Friday.",
           "Officials said the bridge cost 40 million dollars.",
           "Local shops reported more customers after the opening.",
           "The weather was sunny and warm all weekend."]
_BRIDGE_REPORT_REST = ["Shops near the river saw more visitors.", "It was warm and sunny."]


def _bridge_cosines(first: float, second: float) -> np.ndarray:
    cosines = np.full((4, 3), 0.78, dtype=np.float32)
    cosines[0, 0], cosines[1, 0] = first, second
    cosines[2, 1] = cosines[3, 2] = 0.9
    return cosines


def test_a_doubtful_pivot_link_gives_way_to_a_likelier_sentence() -> None:
    """Shared wording under CLEAR_LEXICAL is weak evidence: when the embeddings find another
    original sentence likelier, the pivot-text link is not made."""
    from parallax.core.align import CLEAR_LEXICAL, claim_alignment, link_probability

    report = ["The mayor said the river crossing was costly.", *_BRIDGE_REPORT_REST]
    cosines = _bridge_cosines(0.885, 0.92)
    alignment = claim_alignment(_BRIDGE, report, semantic=cosines)
    assert alignment.similarity is not None
    probability = link_probability(alignment.similarity, cosines)[:, 0]
    assert 0.3 <= alignment.similarity[0, 0] < CLEAR_LEXICAL  # a pivot-text link on its own
    assert 0.2 <= probability[0] < probability[1] < 0.5
    assert [link.original for link in alignment.links if link.report == 0] == []


def test_a_clear_pivot_link_stands_against_slightly_likelier_embeddings() -> None:
    from parallax.core.align import CLEAR_LEXICAL, claim_alignment, link_probability

    report = ["A bridge was opened by the mayor, and officials counted the money.",
              *_BRIDGE_REPORT_REST]
    cosines = _bridge_cosines(0.85, 0.9)
    alignment = claim_alignment(_BRIDGE, report, semantic=cosines)
    assert alignment.similarity is not None
    probability = link_probability(alignment.similarity, cosines)[:, 0]
    assert alignment.similarity[0, 0] >= CLEAR_LEXICAL
    assert probability[0] < probability[1]
    assert [link.original for link in alignment.links if link.report == 0] == [0]


def test_a_low_pair_that_is_clearly_best_both_ways_is_linked() -> None:
    from parallax.core.align import mutual_links

    scores = np.array([[0.25, 0.05, 0.02],
                       [0.04, 0.20, 0.18],   # report 2's best, but not 1.3x its runner-up
                       [0.03, 0.02, 0.15]], dtype=np.float32)
    assert [(link.original, link.report) for link in mutual_links(scores)] == [(0, 0), (1, 1)]


def test_no_mutual_links_between_unrelated_stories() -> None:
    from parallax.core.align import MUTUAL_STORY, mutual_links

    scores = np.array([[0.13, 0.01], [0.02, 0.12]], dtype=np.float32)
    assert scores.max(axis=0).mean() < MUTUAL_STORY
    assert mutual_links(scores) == []


def test_without_embeddings_a_clear_but_low_match_is_linked() -> None:
    from parallax.core.align import DEFAULT_MIN_SCORE, claim_alignment

    original = ["The river flooded three villages near Anling on Sunday.",
                "The provincial governor visited the shelters.",
                "Schools will stay closed until Friday."]
    report = ["Flood water reached homes in Anling.", "Classes stay cancelled all week.",
              "Aid workers handed out blankets."]
    alignment = claim_alignment(original, report)
    assert alignment.similarity is not None
    assert alignment.similarity[2, 1] < DEFAULT_MIN_SCORE  # the schools, in other words
    assert {(link.original, link.report) for link in alignment.links} == {(0, 0), (2, 1)}
    # A raised bar is the user's: no looser links then.
    strict = claim_alignment(original, report, min_score=0.31)
    assert {(link.original, link.report) for link in strict.links} == {(0, 0)}
