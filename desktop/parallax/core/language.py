"""Language codes, "is it Chinese", and per-document language identification.

Every module asks here: codes come as `zh`, `zh-Hant`, `zh_CN` (Qt and POSIX locales),
`en-GB`..., and `base_language` reduces them all to what translation models and word lists
are keyed by. Chinese is also `cmn` (Mandarin) and `yue` (Cantonese).

Chinese and Russian are told apart from other languages by their script, which is exact for
news text; Simplified vs Traditional Chinese by `hanzidentifier`; Latin-script languages by
`langdetect` (seeded, so the answer is stable from run to run).
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from parallax.core.paths import cache_dir

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


# ---- Chinese tooling: Simplified form and jieba ------------------------------------------

_JIEBA_TAG = {"person": "nr", "place": "ns", "org": "nt"}  # gazetteer types as jieba tags
_jieba_lock = threading.Lock()
_jieba_module: Any = None


def to_simplified(text: str) -> str:
    from parallax.core.light_import import import_module

    return str(import_module("zhconv").convert(text, "zh-hans"))


def jieba_module() -> Any:
    """jieba, loaded once, quiet, with the gazetteer's Chinese names in its dictionary.

    Adding the names keeps 普京, 克里姆林宫 or 国际刑事法院 whole (and tagged as names) for
    every caller, so tokens never depend on which module touched jieba first.
    """
    global _jieba_module
    if _jieba_module is None:
        with _jieba_lock:
            if _jieba_module is None:
                from parallax.core.light_import import import_module

                jieba = import_module("jieba")  # without pkg_resources: see light_import

                from parallax.core import jieba_dict
                from parallax.core.lexicon import gazetteer

                jieba.setLogLevel(logging.WARNING)
                # jieba's own start reads its whole dictionary into dicts in every process
                # (0.6 s, 80 MiB, and the POS tags again): a table built once per machine
                # with our caches is looked up in place instead, with identical results.
                jieba_dict.install(cache_dir())
                for entry in gazetteer():
                    for name in entry.zh:
                        if len(name) > 1:
                            jieba.add_word(name, freq=200_000, tag=_JIEBA_TAG[entry.type])
                _jieba_module = jieba
    return _jieba_module


# Sentences are analysed again for every source they are compared with: cache per text.
@lru_cache(maxsize=50_000)
def jieba_words(text: str) -> tuple[str, ...]:
    return tuple(jieba_module().cut(text, HMM=True))


@lru_cache(maxsize=50_000)
def jieba_tagged(text: str) -> tuple[tuple[str, str], ...]:
    jieba_module()
    import jieba.posseg

    return tuple((pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=True))


@lru_cache(maxsize=50_000)
def jieba_subwords(word: str) -> tuple[str, ...]:
    """Dictionary words of two or three characters inside a longer word (jieba's search mode).

    Compounds hide shared words: 两国关系 in one report and 两国 ... 关系 in another.
    """
    if len(word) < 3:
        return ()
    freq = jieba_module().dt.FREQ
    found = []
    for size in (2, 3):
        for start in range(len(word) - size + 1):
            part = word[start:start + size]
            if part != word and freq.get(part):
                found.append(part)
    return tuple(found)
