"""core.language: one answer for language codes and "is it Chinese" across the package."""

from __future__ import annotations

import re

import pytest

from parallax.core.language import HAN_CHARS, base_language, is_chinese, is_han


@pytest.mark.parametrize(("code", "base", "chinese"), [
    ("zh", "zh", True),
    ("zh_CN", "zh", True),  # Qt and POSIX locales use an underscore
    ("zh-CN", "zh", True),
    ("zh-Hant", "zh", True),
    ("zh-Hant-TW", "zh", True),
    ("ZH-hans", "zh", True),
    ("cmn", "cmn", True),
    ("yue-HK", "yue", True),
    ("en", "en", False),
    ("en-GB", "en", False),
    ("en_US", "en", False),
    ("ru", "ru", False),
    ("ja", "ja", False),
    ("zu", "zu", False),  # starts with z, is not Chinese
    (" zh ", "zh", True),
    ("", "", False),
    ("und", "und", False),
])
def test_codes_reduce_to_their_base_and_chinese_is_any_script_or_region(
        code: str, base: str, chinese: bool) -> None:
    assert base_language(code) == base
    assert is_chinese(code) is chinese


@pytest.mark.parametrize(("ch", "han"), [
    ("中", True), ("㐀", True), ("鿿", True), ("豈", True), ("𠀀", True),  # ext A, compat, ext B
    ("a", False), ("。", False), ("あ", False), ("한", False), ("1", False), ("Ж", False),
])
def test_han_characters(ch: str, han: bool) -> None:
    assert is_han(ch) is han
    assert bool(re.fullmatch(f"[{HAN_CHARS}]", ch)) is han
