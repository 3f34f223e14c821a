"""Language codes, "is it Chinese", and per-document language identification.

Every module asks here: codes come as `zh`, `zh-Hant`, `zh_CN` (Qt and POSIX locales),
`en-GB`..., and `base_language` reduces them all to what translation models and word lists
are keyed by. Chinese is also `cmn` (Mandarin) and `yue` (Cantonese).

Chinese and Russian are told apart from other languages by their script, which is exact for
news text; Simplified vs Traditional Chinese by `hanzidentifier`; Latin-script languages by
`langdetect` (seeded, so the answer is stable from run to run).
"""

from __future__ import annotations

import unicodedata

SIMPLIFIED_CHINESE = "zh"
TRADITIONAL_CHINESE = "zh-Hant"
_CHINESE = frozenset({"zh", "cmn", "yue"})
# Han characters, for regular expression classes: extension A, the unified ideographs, the
# compatibility ideographs and the supplementary planes (extension B onwards).
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SAMPLE_CHARS = 20_000


def _script_counts(text: str) -> tuple[int, int, int]:
    cjk = cyrillic = latin = 0
    for ch in text[:_SAMPLE_CHARS]:
        code = ord(ch)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            cjk += 1
        elif 0x0400 <= code <= 0x04FF:
            cyrillic += 1
        elif ch.isalpha() and (ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")):
            latin += 1
    return cjk, cyrillic, latin


def detect_language(text: str) -> str:
    """A language code for `text`: `zh`, `zh-Hant`, `en`, `ru`, ... or `und` when unknown."""
    cjk, cyrillic, latin = _script_counts(text)
    # A Chinese character carries about as much as a four-letter word.
    if cjk and cjk * 4 >= (cyrillic + latin) * 0.5:
        return _chinese_variant(text)
    if cyrillic > latin:
        return _langdetect(text, default="ru", allowed={"ru", "uk", "bg", "mk", "sr"})
    if latin:
        return _langdetect(text, default="en", allowed=None)
    return "und"


def _chinese_variant(text: str) -> str:
    import hanzidentifier

    han = "".join(ch for ch in text[:_SAMPLE_CHARS] if 0x4E00 <= ord(ch) <= 0x9FFF)
    if hanzidentifier.identify(han) == hanzidentifier.TRADITIONAL:
        return TRADITIONAL_CHINESE
    return SIMPLIFIED_CHINESE


def _langdetect(text: str, default: str, allowed: set[str] | None) -> str:
    from langdetect import DetectorFactory, LangDetectException

    from parallax.core import langdetect_table
    from parallax.core.paths import cache_dir

    DetectorFactory.seed = 0
    try:
        # langdetect's own detector over its profiles kept as a table (0.4 s and 57 MiB
        # less than langdetect.detect loading them in every process; the same answers).
        code = str(langdetect_table.detect(text[:_SAMPLE_CHARS], cache_dir()))
    except LangDetectException:
        return default
    if allowed is not None and code not in allowed:
        return default
    return code


def base_language(lang: str) -> str:
    """The code translation models use: `zh-Hant`, `zh_CN` -> `zh`, `en-GB` -> `en`."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


def same_language(a: str, b: str) -> bool:
    """Whether two codes name one language (`en-GB` and `en`, `zh_CN` and `zh`): the one test
    of "is this text in the pivot language already?" for the comparison, views and exports."""
    return base_language(a) == base_language(b)


def is_chinese(lang: str) -> bool:
    """Whether a language code is Chinese, in any script or region."""
    return base_language(lang) in _CHINESE


def is_han(ch: str) -> bool:
    """Whether one character is a Han character (see HAN_CHARS)."""
    code = ord(ch)
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F)
