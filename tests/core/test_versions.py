"""Version alignment: an original and its translation, paired in order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.samples import sample_workspace
from parallax.core.versions import MAX_RUN, VersionPair, align_versions

# A short story written for these tests, and a sentence-by-sentence English translation.
BRIDGE_ZH = [
    "河滨市新大桥周一正式通车，全长1200米。",
    "大桥耗资35亿元，建设历时四年。",
    "市长王立新在通车仪式上表示，大桥将把两岸的通勤时间从40分钟缩短到10分钟，"
    "并为沿江的三个新区带来更多投资。",
    "首日约有2万辆汽车通过大桥。",
    "交通部门说，高峰时段将增加5条公交线路。",
    "部分居民担心噪音问题。",
    "他们说，夜间施工持续了两年。",
    "市政府承诺在桥边种植800棵树。",
    "“这是我们等了很久的一天，”一位老人说。",
    "下一座大桥计划于2027年动工。",
]
BRIDGE_EN = [
    "The new bridge in Riverside opened to traffic on Monday; it is 1,200 metres long.",
    "It cost 3.5 billion yuan and took four years to build.",
    "Mayor Wang Lixin said at the opening ceremony that the bridge would cut commuting time "
    "between the two banks from 40 minutes to 10 minutes, and bring more investment to the "
    "three new districts along the river.",
    "About 20,000 cars crossed the bridge on the first day.",
    "The transport department said five more bus routes would be added at rush hour.",
    "Some residents worry about noise.",
    "They said night-time construction went on for two years.",
    "The city government promised to plant 800 trees beside the bridge.",
    '"This is a day we have waited for a long time," an old man said.',
    "Work on the next bridge is planned to start in 2027.",
]


def as_tuples(pairs: list[VersionPair]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.original, p.translation) for p in pairs]


def assert_monotone_cover(pairs: list[VersionPair], n: int, m: int) -> None:
    """Every sentence of each side appears once, in order, in pairs of at most MAX_RUN."""
    originals = [i for p in pairs for i in p.original]
    translations = [j for p in pairs for j in p.translation]
    assert originals == list(range(n))
    assert translations == list(range(m))
    for pair in pairs:
        assert pair.original or pair.translation
        assert len(pair.original) <= MAX_RUN and len(pair.translation) <= MAX_RUN
        assert 0.0 <= pair.score <= 1.0


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    workspace = sample_workspace()
    return {
        "zh": [s.text for s in workspace.original.sentences],
        "en": [s.text for s in workspace.source("src1").article.sentences],
    }


def test_sentence_by_sentence_translation_aligns_one_to_one(texts: dict[str, list[str]]) -> None:
    pairs = align_versions(texts["zh"], texts["en"])
    assert [(p.original, p.translation) for p in pairs] == [((i,), (i,)) for i in range(45)]
    assert all(0.0 < p.score <= 1.0 for p in pairs)


def test_free_translation_merges_are_found(texts: dict[str, list[str]]) -> None:
    en = list(texts["en"])
    # A translator joined sentences 6+7 and 24+25, and split sentence 10 in two.
    split_at = en[9].index(", aimed at")
    free = [*en[:5], en[5] + " " + en[6], *en[7:9], en[9][:split_at] + ".",
            en[9][split_at + 2:], *en[10:23], en[23] + " " + en[24], *en[25:]]
    pairs = align_versions(texts["zh"], free)
    found = as_tuples(pairs)
    assert ((5, 6), (5,)) in found
    assert ((9,), (8, 9)) in found
    assert ((23, 24), (23,)) in found
    assert found[-1] == ((44,), (43,))
    covered = sorted(i for p in pairs for i in p.original)
    assert covered == list(range(45))


def test_version_alignment_is_monotonic_when_counts_differ(texts: dict[str, list[str]]) -> None:
    pairs = align_versions(texts["zh"], texts["en"][:40])
    last_o = last_t = -1
    for pair in pairs:
        for i in pair.original:
            assert i > last_o
            last_o = i
        for j in pair.translation:
            assert j > last_t
            last_t = j


def test_empty_inputs_give_no_pairs() -> None:
    assert align_versions([], ["a"]) == []
    assert align_versions(["a"], []) == []


def test_well_behaved_translation_stays_one_to_one() -> None:
    pairs = align_versions(BRIDGE_ZH, BRIDGE_EN)
    assert as_tuples(pairs) == [((i,), (i,)) for i in range(len(BRIDGE_ZH))]


def test_equal_counts_with_a_split_and_a_merge_elsewhere() -> None:
    # Same count on both sides: sentence 3 is split in two, sentences 6 and 7 are merged.
    split_at = BRIDGE_EN[2].index(", and bring")
    first = BRIDGE_EN[2][:split_at] + "."
    second = "It will also b" + BRIDGE_EN[2][split_at + len(", and b"):]
    merged = "Some residents worry about noise, saying that night-time construction went on " \
             "for two years."
    free = [*BRIDGE_EN[:2], first, second, *BRIDGE_EN[3:5], merged, *BRIDGE_EN[7:]]
    assert len(free) == len(BRIDGE_ZH)
    pairs = as_tuples(align_versions(BRIDGE_ZH, free))
    assert ((2,), (2, 3)) in pairs
    assert ((5, 6), (6,)) in pairs
    # everything else is 1:1, shifted by one between the split and the merge
    assert pairs == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)),
                     ((5, 6), (6,)), ((7,), (7,)), ((8,), (8,)), ((9,), (9,))]


def test_english_name_the_chinese_writes_in_characters_does_not_mislead() -> None:
    # 欧洲航空安全局 is "EASA": the English acronym must not count against the right pairing,
    # while the Latin "EASA" the Chinese text keeps does count for it.
    zh = ["欧洲航空安全局（EASA）周二发布安全指令。", "欧洲航空安全局说，检查须在十天内完成。",
          "空客公司表示支持。", "航空公司已开始检查。"]
    en = ["Europe's aviation regulator EASA issued a safety directive on Tuesday.",
          "EASA said the checks must be done within ten days.",
          "Airbus said it supported the directive.", "Airlines have begun the checks."]
    assert as_tuples(align_versions(zh, en)) == [((i,), (i,)) for i in range(4)]


def test_english_original_with_chinese_translation() -> None:
    pairs = align_versions(BRIDGE_EN, BRIDGE_ZH, original_lang="en", translation_lang="zh")
    assert as_tuples(pairs) == [((i,), (i,)) for i in range(len(BRIDGE_ZH))]


def test_very_unequal_counts_still_cover_both_texts() -> None:
    for zh, en in ((BRIDGE_ZH[:1], BRIDGE_EN * 3), (BRIDGE_ZH * 3, BRIDGE_EN[:1])):
        pairs = align_versions(zh, en)
        assert_monotone_cover(pairs, len(zh), len(en))


SENTENCE = st.text(st.sampled_from(list("大桥通车市长说了。0123456789 abcXY?“”")), min_size=1,
                   max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=25), st.lists(SENTENCE, min_size=1, max_size=25),
       st.sampled_from([None, 1, 3]))
def test_alignment_is_monotone_and_covers_every_sentence_once(
    original: list[str], translation: list[str], band: int | None
) -> None:
    pairs = align_versions(original, translation, band=band)
    assert_monotone_cover(pairs, len(original), len(translation))
