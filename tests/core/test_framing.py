"""Framing signals: numbers, names, lexicon terms and the headline, on real sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.entities import find_names
from parallax.core.framing import (
    Where,
    entity_flags,
    headline_flags,
    lexicon_flags,
    lexicon_hits,
    number_flags,
)
from parallax.core.lexicon import find_gazetteer_names, find_terms
from parallax.core.numbers import find_quantities
from parallax.core.samples import sample_workspace

HERE = Where("s9", "src2", "s10", "the wire report")


def test_chinese_numerals_and_qualifiers_are_normalised() -> None:
    found = {(q.value, q.kind, q.qualifier) for q in find_quantities(
        "约十二个州、逾50国、至少十五个地区、八十五周年、去年3月、50多个国家", "zh")}
    assert {(12, "count", "about"), (50, "count", "more_than"), (15, "count", "at_least"),
            (85, "ordinal", ""), (3, "month", ""), (50, "count", "more_than")} <= found
    english = {(q.value, q.kind, q.qualifier) for q in find_quantities(
        "more than 50 countries, nearly 50 nations, at least 15 regions, the 85th anniversary, "
        "in March 2023, at 11:34", "en")}
    assert english == {(50, "count", "more_than"), (50, "count", "nearly"),
                       (15, "count", "at_least"), (85, "ordinal", ""), (3, "month", ""),
                       (2023, "year", ""), (11 * 60 + 34, "time", "")}  # a clock time is a time


def test_number_qualifier_and_mismatch() -> None:
    qualifier = number_flags("包括基辅在内的15个地区的能源设施遭到破坏。", "zh",
                             "Facilities in at least 15 regions were damaged.", "en", HERE)
    assert [f.kind for f in qualifier] == ["number_qualifier"]
    assert "at least 15" in qualifier[0].detail
    mismatch = number_flags("美国组建了一个由50个国家组成的联盟。", "zh",
                            "美国组建了一个由约40个国家组成的联盟。", "zh", HERE)
    assert [(f.kind, f.text) for f in mismatch] == [("number_mismatch", "50")]


def test_numbers_of_different_kinds_are_not_compared() -> None:
    # "March 2023" against "去年3月": the month agrees, the year has no counterpart.
    assert number_flags("逮捕令自去年3月起生效。", "zh",
                        "The ICC issued the warrant in March 2023.", "en", HERE) == []


def test_identical_sentences_raise_no_difference_flags() -> None:
    text = "至今已对绍伊古和格拉西莫夫发出类似的逮捕令,15个地区遭到破坏,约50国参加。"
    assert number_flags(text, "zh", text, "zh", HERE) == []
    names = find_names(text, "zh")
    assert names and entity_flags(names, names, HERE) == []


def test_names_only_on_one_side() -> None:
    original = find_names("克里姆林宫对此表示不担心。", "zh")
    report = find_names("Spokesman Dmitry Peskov said the Kremlin had no concerns.", "en")
    flags = entity_flags(original, report, HERE)
    assert [(f.kind, f.text) for f in flags] == [("entity_only_there", "Dmitry Peskov")]
    flags = entity_flags(find_names("Putin met Khurelsukh in Ulaanbaatar.", "en"),
                         find_names("Putin arrived in Mongolia.", "en"), HERE)
    assert {f.text for f in flags if f.kind == "entity_only_here"} == {"Khurelsukh",
                                                                     "Ulaanbaatar"}


def test_gazetteer_matches_across_languages_and_scripts() -> None:
    assert {h.id for h in find_gazetteer_names("普京抵达蒙古国,国际刑事法院", "zh")} == {
        "putin", "mongolia", "icc"}
    assert {h.id for h in find_gazetteer_names("普丁抵達蒙古國", "zh-Hant")} == {"putin",
                                                                               "mongolia"}
    assert {h.id for h in find_gazetteer_names("Vladimir Putin and the ICC", "en")} == {
        "putin", "icc"}
    assert find_gazetteer_names("Let us go.", "en") == []  # "us" is not the US


def test_lexicon_terms_in_both_languages() -> None:
    zh = {(h.category, h.text) for h in find_terms(
        "外界普遍认为,一些西方媒体暗示,这无疑是野蛮行径,或许如此。", "zh")}
    assert {("vague_attribution", "外界普遍认为"), ("vague_attribution", "一些西方媒体"),
            ("booster", "无疑"), ("loaded", "野蛮行径"), ("hedge", "或许")} <= zh
    en = {(h.category, h.text.lower()) for h in find_terms(
        "It is widely believed, sources say, that the brutal regime will undoubtedly and "
        "perhaps fall.", "en")}
    assert {("vague_attribution", "it is widely believed"), ("vague_attribution", "sources say"),
            ("loaded", "brutal"), ("booster", "undoubtedly"), ("hedge", "perhaps")} <= en
    # One-character terms only as whole words: 打 in 打俄, never in 打击.
    assert [h.text for h in find_terms("联盟打俄", "zh", ("escalation",))] == ["打"]
    assert find_terms("打击乌克兰的战斗意志", "zh", ("escalation",)) == []


def test_lexicon_flags_skip_terms_the_counterpart_uses() -> None:
    hits = lexicon_hits("乌方指责俄罗斯的轰炸是野蛮行径。", "zh")
    assert [f.kind for f in lexicon_flags(hits, HERE)] == ["loaded_word"]
    assert lexicon_flags(hits, HERE, skip={"野蛮行径"}) == []


def test_seed_headline_escalates_the_body() -> None:
    original = sample_workspace(with_sources=False).original
    flags = headline_flags(original.title, original.lang,
                           [(s.id, s.text) for s in original.sentences])
    assert [(f.kind, f.original, f.text) for f in flags] == [
        ("headline_escalation", "title", "打")]
    assert "s4" in flags[0].detail and "s18" in flags[0].detail


def test_headline_matching_its_body_is_not_flagged() -> None:
    body = [("s1", "美国组建了一个由50国组成的联盟,以支持乌克兰。")]
    assert headline_flags("美组建50国联盟挺乌", "zh", body) == []
    assert [f.kind for f in headline_flags("美组建逾50国联盟挺乌", "zh", body)] == [
        "headline_escalation"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="零一二两三四五六七八九十百千万亿第约逾近多余个年月日号周%％.,:0123456789"
               "abc MarchMay moreth", max_size=40),
       st.sampled_from(["zh", "en", "ru"]))
def test_number_reading_never_fails_and_spans_point_into_the_text(text: str, lang: str) -> None:
    for quantity in find_quantities(text, lang):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.kind in {"count", "year", "month", "day", "percent", "ordinal"}


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["zh", "en", "zh-Hant"]))
def test_names_and_terms_never_fail_on_any_text(text: str, lang: str) -> None:
    find_names(text, lang)
    for hit in find_terms(text, lang):
        assert 0 <= hit.start <= hit.end <= len(text)
