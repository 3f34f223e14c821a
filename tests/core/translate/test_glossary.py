"""Glossary loading with clear errors, term lookup in a sentence, the post-translation check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parallax.core.errors import InputError, ParallaxError
from parallax.core.translate.glossary import (
    Glossary,
    GlossaryError,
    GlossaryMiss,
    GlossaryTerm,
    active_glossary,
    check_glossary,
    default_glossary,
    fingerprint,
    load_glossary,
    parse_glossary,
    prompt_lines,
    user_glossary_path,
)

SAMPLE = (
    "\ufeff# comment line\n"
    "\n"
    "国际刑事法院\tInternational Criminal Court|ICC\n"
    "罗马规约\tRome Statute\ttreaty that founded the ICC\n"
    "蒙古国\tMongolia\n"
    "蒙古\tMongol\n"
    "普京\tPutin\n"
)


@pytest.fixture()
def glossary() -> Glossary:
    return parse_glossary(SAMPLE, origin="sample.tsv")


def test_parse_reads_terms_alternatives_and_notes(glossary: Glossary) -> None:
    assert len(glossary) == 5
    icc = glossary.terms[0]
    assert icc == GlossaryTerm("国际刑事法院", ("International Criminal Court", "ICC"))
    assert icc.target == "International Criminal Court"
    assert glossary.terms[1].note == "treaty that founded the ICC"
    assert glossary.origin == "sample.tsv"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("普京 Putin\n", "line 1: expected 'source<TAB>target'"),
        ("普京\tPutin\n\n蒙古\t\n", "line 3: the source term and its translation"),
        ("\tPutin\n", "line 1: the source term"),
        ("普京\tPutin\tnote\textra\n", "line 1: too many columns (4)"),
        ("普京\tPutin\n普京\tV. Putin\n", "line 2: 普京 is already defined on line 1"),
        ("普京\t|\n", "line 1: the source term"),
    ],
)
def test_malformed_lines_name_the_file_and_line(text: str, fragment: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, origin="mine.tsv")
    message = str(caught.value)
    assert message.startswith("mine.tsv, ")
    assert fragment in message
    assert isinstance(caught.value, InputError) and isinstance(caught.value, ParallaxError)


def test_load_glossary_errors(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(tmp_path / "missing.tsv")
    with pytest.raises(GlossaryError, match="is a folder"):
        load_glossary(tmp_path)
    gbk = tmp_path / "gbk.tsv"
    gbk.write_bytes("普京\tPutin\n".encode("gbk"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_glossary(gbk)
    good = tmp_path / "good.tsv"
    good.write_text("普京\tPutin\r\n蒙古国\tMongolia\r\n", encoding="utf-8")
    loaded = load_glossary(good)
    assert [t.target for t in loaded.terms] == ["Putin", "Mongolia"]
    assert loaded.origin == str(good)


def test_terms_in_prefers_the_longest_term(glossary: Glossary) -> None:
    found = glossary.terms_in("普京访问蒙古国。")
    assert [t.source for t in found] == ["蒙古国", "普京"]  # 蒙古 is inside 蒙古国
    found = glossary.terms_in("蒙古国与蒙古族")
    assert {t.source for t in found} == {"蒙古国", "蒙古"}  # 蒙古 also stands alone here
    assert glossary.terms_in("今天天气很好") == []


def test_terms_in_matches_traditional_script(glossary: Glossary) -> None:
    found = glossary.terms_in("普京訪問國際刑事法院成員國")
    assert {t.source for t in found} == {"普京", "国际刑事法院"}


def test_check_glossary_flags_missing_targets(glossary: Glossary) -> None:
    sentence = "蒙古国作为《罗马规约》的缔约国，有义务配合国际刑事法院。"
    good = "As a party to the Rome Statute, Mongolia must cooperate with the ICC."
    assert check_glossary(sentence, good, glossary) == []
    bad = "As a party to the Rome treaty, Outer Mongolia must cooperate with the court."
    assert check_glossary(sentence, bad, glossary) == [
        GlossaryMiss("国际刑事法院", "International Criminal Court"),
        GlossaryMiss("罗马规约", "Rome Statute"),
    ]


def test_check_glossary_is_case_and_space_insensitive_but_word_anchored(
    glossary: Glossary,
) -> None:
    assert check_glossary("普京", "PUTIN's visit", glossary) == []
    assert check_glossary("国际刑事法院", "the international\ncriminal  court", glossary) == []
    assert check_glossary("普京", "Rasputin's visit", glossary) == [GlossaryMiss("普京", "Putin")]
    assert check_glossary("俄罗斯", "anything", glossary) == []  # no term in the sentence


@given(
    before=st.text(alphabet=st.characters(categories=["Ll", "Zs"]), max_size=20),
    after=st.text(max_size=20),
)
def test_any_translation_containing_the_targets_passes(before: str, after: str) -> None:
    glossary = parse_glossary("国际刑事法院\tInternational Criminal Court\n普京\tPutin\n")
    translation = f"{before} Putin and the International Criminal Court{after}"
    assert check_glossary("普京与国际刑事法院", translation, glossary) == []


def test_prompt_lines(glossary: Glossary) -> None:
    assert prompt_lines(glossary.terms_in("普京访问蒙古国")) == [
        "蒙古国 = Mongolia",
        "普京 = Putin",
    ]


def test_default_glossary_covers_the_seed_domain(seed_text: str) -> None:
    shipped = default_glossary()
    assert len(shipped) >= 20
    by_source = {t.source: t for t in shipped.terms}
    assert by_source["国际刑事法院"].target == "International Criminal Court"
    assert by_source["罗马规约"].target == "Rome Statute"
    found = {t.source for t in shipped.terms_in(seed_text)}
    assert {"国际刑事法院", "罗马规约", "普京", "蒙古国", "克里姆林宫"} <= found


def test_user_glossary_overrides_and_extends_the_shipped_one(isolated_home: Path) -> None:
    assert active_glossary() == default_glossary()
    user_glossary_path().write_text(
        "普京\tVladimir Putin\n诺门罕\tNomonhan\n", encoding="utf-8"
    )
    merged = active_glossary()
    by_source = {t.source: t.target for t in merged.terms}
    assert by_source["普京"] == "Vladimir Putin"
    assert by_source["诺门罕"] == "Nomonhan"
    assert by_source["国际刑事法院"] == "International Criminal Court"
    assert len(merged) == len(default_glossary()) + 1
    assert fingerprint(merged) != fingerprint(default_glossary())
    user_glossary_path().write_text("普京 Putin\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"glossary\.zh-en\.tsv, line 1"):
        active_glossary()
