"""Clause splitting, and claim alignment of sentences that join several claims."""

from __future__ import annotations

from parallax.core.align import claim_alignment
from parallax.core.clauses import split_clauses
from parallax.core.language import jieba_subwords
from parallax.core.similarity import sentence_features


def test_english_splits_before_a_conjunction_not_at_appositives() -> None:
    two = ("As a party to the Rome Statute, Mongolia is in theory obliged to cooperate with "
           "the court, but the Kremlin says it is not worried about the trip.")
    assert split_clauses(two, "en") == (
        "As a party to the Rome Statute, Mongolia is in theory obliged to cooperate with "
        "the court,",
        "but the Kremlin says it is not worried about the trip.",
    )
    appositive = ("Russia has put Piotr Hofmański, the president of the International "
                  "Criminal Court, on its wanted list.")
    assert split_clauses(appositive, "en") == (appositive,)


def test_numbers_and_short_pieces_stay_whole() -> None:
    assert split_clauses("Officials said 1,200 people left; 300 stayed.", "en") == (
        "Officials said 1,200 people left; 300 stayed.",)
    # "However," or "据悉，" never stands alone: it joins the next piece.
    assert split_clauses("However, the talks went on; both sides signed the deal today.",
                         "en") == ("However, the talks went on;",
                                   "both sides signed the deal today.")


def test_chinese_splits_at_clause_commas_but_keeps_short_pieces_and_lists() -> None:
    text = ("近年来,俄罗斯与蒙古国在政治、经济和军事领域的合作不断深化,"
            "普京的此次访问无疑将为两国关系的进一步发展注入新的动力。")
    assert split_clauses(text, "zh") == (
        "近年来,俄罗斯与蒙古国在政治、经济和军事领域的合作不断深化,",
        "普京的此次访问无疑将为两国关系的进一步发展注入新的动力。",
    )
    assert split_clauses("然而,克里姆林宫对此表示不担心。", "zh") == (
        "然而,克里姆林宫对此表示不担心。",)


def test_a_sentence_joining_two_claims_links_to_both() -> None:
    original = [
        "The minister arrived in the capital on Monday for a two-day state visit.",
        "As a member of the treaty, the country is obliged to hand over suspects to the "
        "tribunal in The Hague.",
        "The opposition called the decision a betrayal of the constitution.",
        "However, the government said it was not concerned about the warrant and that "
        "preparations for the visit had gone smoothly.",
    ]
    report = [
        "The country is obliged under the treaty to hand suspects to the tribunal, but the "
        "government says it is not concerned about the warrant.",
    ]
    linked = {link.original for link in claim_alignment(original, report, min_score=0.3).links}
    assert linked == {1, 3}


def test_a_report_restating_one_clause_of_a_long_chinese_sentence_is_linked() -> None:
    original = [
        "近年来,俄罗斯与蒙古国在政治、经济和军事领域的合作不断深化,"
        "普京的此次访问无疑将为两国关系的进一步发展注入新的动力。",
        "乌克兰方面表示,俄军对能源设施发动了大规模空袭。",
        "美国组建了一个由五十个国家组成的联盟,承诺提供防空系统。",
    ]
    report = ["普京此访无疑将推动两国全面战略伙伴关系迈上新台阶。"]
    links = claim_alignment(original, report, min_score=0.3, orig_lang="zh", report_lang="zh").links
    assert [link.original for link in links] == [0]


def test_words_inside_chinese_compounds_are_features() -> None:
    assert {"两国", "关系"} <= set(jieba_subwords("两国关系"))
    assert jieba_subwords("关系") == ()
    words = sentence_features("两国关系不断发展。", "zh").words
    assert words["z:两国关系"] == 1.0 and words["z:关系"] == 0.5
