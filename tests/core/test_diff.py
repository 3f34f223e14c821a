"""Word-level diffs: real diff-match-patch output mapped back to the original texts."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.comparison import DELETE, EQUAL, INSERT, DiffSpan
from parallax.core.diff import changed_ratio, tokenize_words, word_diff, words


def side_a(spans: tuple[DiffSpan, ...]) -> str:
    return "".join(s.text for s in spans if s.op in (EQUAL, DELETE))


def side_b(spans: tuple[DiffSpan, ...]) -> str:
    return "".join(s.text for s in spans if s.op in (EQUAL, INSERT))


def test_identical_texts_are_one_equal_span() -> None:
    text = "More than 50 countries joined the coalition."
    assert word_diff(text, text) == (DiffSpan(EQUAL, text),)


def test_changed_word_is_whole_words_not_letters() -> None:
    spans = word_diff("Putin flew to Mongolia on Monday.", "Putin flew to Mongolia on Tuesday.")
    assert DiffSpan(DELETE, "Monday") in spans
    assert DiffSpan(INSERT, "Tuesday") in spans
    assert side_a(spans) == "Putin flew to Mongolia on Monday."
    assert side_b(spans) == "Putin flew to Mongolia on Tuesday."


def test_chinese_uses_jieba_words() -> None:
    a = "美国迅速组建了一个由50国组成的联盟"
    b = "美国组建了一个由50多个国家组成的联盟"
    spans = word_diff(a, b, "zh")
    assert DiffSpan(DELETE, "迅速") in spans
    assert side_a(spans) == a and side_b(spans) == b
    assert any(s.op == EQUAL and "组成的联盟" in s.text for s in spans)


def test_ignore_case_and_punctuation_affect_matching_only() -> None:
    spans = word_diff("Hello, World!", "hello world", ignore_case=True, ignore_punctuation=True)
    assert spans == (DiffSpan(EQUAL, "Hello, World!"),)
    strict = word_diff("Hello, World!", "hello world")
    assert any(s.op != EQUAL for s in strict)
    assert side_b(strict) == "hello world"


def test_whitespace_ignored_by_default_but_not_when_asked() -> None:
    assert word_diff("a  b", "a b") == (DiffSpan(EQUAL, "a  b"),)
    spans = word_diff("a  b", "a b", ignore_whitespace=False)
    assert side_a(spans) == "a  b" and side_b(spans) == "a b"
    assert any(s.op != EQUAL for s in spans)


def test_empty_sides() -> None:
    assert word_diff("", "") == ()
    assert word_diff("", "new") == (DiffSpan(INSERT, "new"),)
    assert word_diff("old", "") == (DiffSpan(DELETE, "old"),)


def test_tokens_rebuild_the_text_and_keep_numbers_whole() -> None:
    text = "普京访问蒙古国, Putin said 3.5% of 1,000 at 11:34."
    tokens = tokenize_words(text, "zh")
    assert "".join(tokens) == text
    assert {"普京", "蒙古国", "3.5", "1,000", "11:34", "Putin"} <= set(tokens)
    assert words("It's well-known, isn't it?", "en") == ["It's", "well-known", "isn't", "it"]


def test_changed_ratio() -> None:
    assert changed_ratio(word_diff("same text", "same text")) == 0.0
    assert changed_ratio(word_diff("abc", "xyz")) == 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="ab cD,.。普京蒲亭5", max_size=30),
    st.text(alphabet="ab cD,.。普京蒲亭5", max_size=30),
    st.sampled_from(["en", "zh"]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_original_side_always_rebuilds(
    a: str, b: str, lang: str, case: bool, punct: bool, space: bool
) -> None:
    spans = word_diff(a, b, lang, ignore_case=case, ignore_punctuation=punct,
                      ignore_whitespace=space)
    assert side_a(spans) == a
    assert all(s.text for s in spans)
    if not (case or punct or space):
        assert side_b(spans) == b


def test_the_c_plus_plus_diff_gives_what_the_python_one_gives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fast_diff_match_patch")
    pairs = [
        ("The council closed the bridge for a week.", "The council shut the old bridge for days."),
        ("地震造成42人受伤，房屋倒塌。", "地震造成60人受伤，多间房屋倒塌。"),
        ("", "Something new."),
        ("Nothing changed here.", "Nothing changed here."),
        ("Rain, rain and more rain fell on Monday and Tuesday.",
         "Snow fell on Tuesday; rain, rain, rain on Monday."),
    ]
    fast = [word_diff(a, b, "zh" if "地" in a else "en") for a, b in pairs]
    monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)  # import fails: Python's
    python = [word_diff(a, b, "zh" if "地" in a else "en") for a, b in pairs]
    assert fast == python
