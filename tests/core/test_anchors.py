"""Anchors that tie a Chinese sentence to an English one whatever the pivot's wording:
numbers across scripts and forms, times and dates, transliterated names. Texts written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from parallax.core.entities import Name, find_names, names_match, sounds_alike
from parallax.core.framing import Where, number_flags
from parallax.core.numbers import find_quantities
from parallax.core.similarity import similarity_matrix
from parallax.core.weekdays import weekday_dates

HERE = Where("s1", "src1", "s1", "the report")


@pytest.mark.parametrize(("text", "lang", "value", "kind"), [
    ("救援人员已达3.04万人。", "zh", 30_400, "count"),
    ("共有一百二十六人获救。", "zh", 126, "count"),
    ("Some 30,400 rescuers were sent.", "en", 30_400, "count"),
    ("It was the eighty-fifth anniversary.", "en", None, None),
    ("地震发生在7日凌晨。", "zh", 7, "day"),
    ("The quake struck on Jan 7.", "en", 7, "day"),
    ("演习于8时15分开始。", "zh", 8 * 60 + 15, "time"),
    ("The drills began at 8.15am local time.", "en", 8 * 60 + 15, "time"),
    ("It struck at 11:05 p.m.", "en", 23 * 60 + 5, "time"),
])
def test_numbers_are_read_the_same_in_both_languages(
    text: str, lang: str, value: float | None, kind: str | None
) -> None:
    found = {(q.value, q.kind) for q in find_quantities(text, lang)}
    if value is not None:
        assert (value, kind) in found


def test_a_magnitude_is_no_time_and_a_point_list_is_no_clock() -> None:
    assert all(q.kind != "time" for q in find_quantities("A magnitude 6.2 quake.", "en"))
    assert all(q.kind != "time" for q in find_quantities("双方达成三点共识。", "zh"))


def test_a_rounded_figure_is_a_qualifier_not_a_different_number() -> None:
    flags = number_flags("共有3609间房屋受损。", "zh",
                         "More than 3,600 houses were damaged.", "en", HERE)
    assert [f.kind for f in flags] == ["number_qualifier"]


def test_differing_tolls_of_one_magnitude_are_flagged_and_unrelated_numbers_are_not() -> None:
    flags = number_flags("地震造成42人受伤，震源深度8公里。", "zh",
                         "At least 60 people were injured.", "en", HERE)
    assert [(f.kind, f.text) for f in flags] == [("number_mismatch", "42")]


def test_times_and_numbers_make_a_chinese_and_an_english_sentence_similar() -> None:
    zh = ["演习于23日8时15分开始，共有12艘舰艇参加。", "当地学校今天停课。"]
    en = ["Twelve ships took part in the drills, which began at 8.15am on the 23rd."]
    scores = similarity_matrix(zh, en, "zh", "en")
    assert scores[0, 0] > scores[1, 0]


def test_transliterated_names_match_by_sound_and_gazetteer() -> None:
    assert sounds_alike("普京", "蒲亭")
    assert not sounds_alike("北京", "普京")
    putin = find_names("普京抵达乌兰巴托。", "zh")[0]
    assert putin.key == "putin"
    english = [n for n in find_names("On Monday, Vladimir Putin arrived.", "en")]
    assert any(names_match(putin, n) for n in english)
    variant = Name("zh:蒲亭", "蒲亭", "person", "zh")
    assert names_match(putin, variant)


def test_month_and_day_abbreviations_are_never_names() -> None:
    names = {n.text for n in find_names("Officials met on Sept. 3 and again on Tues. Dec. 5.",
                                        "en")}
    assert not names & {"Sept.", "Sept", "Tues.", "Tues", "Dec.", "Dec"}


def test_numbers_pair_only_with_numbers_of_the_same_thing() -> None:
    # Depth in kilometres against miles is a conversion, not a different figure.
    assert number_flags("震源深度8公里。", "zh", "It struck five miles deep.", "en", HERE) == []
    # Injured against injured: a different figure.
    flags = number_flags("另有42人受伤。", "zh", "Another 95 people were injured.", "en",
                         HERE)
    assert [(f.kind, f.text) for f in flags] == [("number_mismatch", "42")]
    # Two tolls against one: the closer one pairs, the other is left alone.
    flags = number_flags("已有17人遇难，42人受伤。", "zh",
                         "At least 20 people were killed.", "en", HERE)
    assert [(f.kind, f.text) for f in flags] == [("number_mismatch", "17")]
    # A magnitude never pairs with a count of people.
    assert number_flags("发生5.9级地震。", "zh", "Five people were hurt.", "en", HERE) == []


def test_a_pinyin_place_matches_its_english_form() -> None:
    gloss = Name("en:tianshuisheng", "Tianshuisheng", None, "en")
    report = Name("en:tianshui province", "Tianshui Province", None, "en")
    county = Name("en:minxian county", "Minxian County", None, "en")
    assert names_match(gloss, report)
    assert names_match(Name("en:minxian", "Minxian", None, "en"), county)
    assert not names_match(Name("en:lanzhou", "Lanzhou", None, "en"),
                           Name("en:lianyungang", "Lianyungang", None, "en"))


WEDNESDAY = date(2024, 12, 4)


@pytest.mark.parametrize(("text", "lang", "days"), [
    ("The quake struck on Tuesday, officials said.", "en", [3]),
    ("Talks resumed on Wednesday.", "en", [4]),  # the day of publication itself
    ("The drill began on Thursday and ended on Friday.", "en", [28, 29]),  # of the week before
    ("Talks will resume next Monday.", "en", []),
    ("Markets are closed on Sundays.", "en", []),
    ("部长周二宣布了这一决定。", "zh", [3]),
    ("上周二双方举行了会谈。", "zh", [26]),
    ("下周一将公布结果。", "zh", []),
])
def test_weekdays_are_dates_counted_back_from_the_publication_date(
    text: str, lang: str, days: list[int]
) -> None:
    assert [int(q.value) for q in weekday_dates(text, lang, WEDNESDAY)] == days
    assert all(q.kind == "day" for q in weekday_dates(text, lang, WEDNESDAY))
    assert weekday_dates(text, lang, None) == []  # no date, no reading


def test_a_weekday_meets_the_day_of_the_month_when_the_report_date_is_known() -> None:
    zh = ["商务部3日宣布新的出口规定。", "商务部上月宣布新的出口规定。"]
    pivot = ["The ministry of commerce announced new export rules on the 3rd.",
             "The ministry of commerce announced new export rules last month."]
    report = ["The commerce ministry announced the new export rules on Tuesday."]
    undated = similarity_matrix(pivot, report, "en", "en", anchors_a=(zh, "zh", None),
                                anchors_b=(report, "en", None))
    dated = similarity_matrix(pivot, report, "en", "en", anchors_a=(zh, "zh", None),
                              anchors_b=(report, "en", WEDNESDAY))
    assert dated[0, 0] > undated[0, 0]  # the 3rd is that Tuesday
    assert dated[0, 0] - dated[1, 0] > undated[0, 0] - undated[1, 0]


def test_claim_links_read_a_report_weekday_with_its_publication_date() -> None:
    from parallax.core.align import claim_alignment

    zh = ["部长3日在首都宣布了决定。", "当地学校今天停课。", "新的规定明年生效。"]
    pivot = ["The minister announced the decision in the capital on the 3rd.",
             "Local schools closed today.", "The new rules take effect next year."]
    report = ["On Tuesday the minister made the announcement.", "Schools were shut.",
              "The rules start next year."]

    def first_link(published: date | None) -> float:
        alignment = claim_alignment(pivot, report, original_native=zh,
                                    original_native_lang="zh", report_native=report,
                                    report_native_lang="en", report_published=published)
        return next(link.score for link in alignment.links if link.report == 0
                    and link.original == 0)

    assert first_link(WEDNESDAY) > first_link(None) + 0.1


@pytest.mark.parametrize(("gloss", "report"), [
    ("Xigaze", "Shigatse"), ("Dingri", "Tingri"), ("Lasashi", "Lhasa"), ("Taibei", "Taipei"),
    ("Dingrixian", "Tingri County"),
])
def test_one_place_in_two_romanisations_is_one_name(gloss: str, report: str) -> None:
    assert names_match(Name(f"en:{gloss.lower()}", gloss, None, "en"),
                       Name(f"en:{report.lower()}", report, None, "en"))


def test_different_places_stay_different_whatever_the_romanisation() -> None:
    for a, b in [("Lanzhou", "Lianyungang"), ("Gansu", "Guangxi"), ("Lhasa", "Nyingchi")]:
        assert not names_match(Name(f"en:{a.lower()}", a, None, "en"),
                               Name(f"en:{b.lower()}", b, None, "en"))
