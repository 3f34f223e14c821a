"""Editable word lists under resources/lexicons/: framing terms and the zh<->en gazetteer.

`framing.<lang>.tsv` holds `term<TAB>category<TAB>note` lines (categories in CATEGORIES);
`gazetteer.tsv` holds `id<TAB>type<TAB>English names<TAB>Chinese names` (names `|`-separated).
Both files document their basis and limits in their header comments. Languages without a
framing file simply raise no lexicon flags.

Chinese matching works on the Simplified form (zhconv, through core.language, which owns the
Chinese tooling). Multi-character Chinese terms match
anywhere; one-character terms only as a whole jieba word, so 打 (fight) matches in 打俄 but
not in 打击 (strike). English terms match whole words, case-insensitively; `*` matches a word
ending.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parallax.core.language import base_language, is_chinese, jieba_words, to_simplified
from parallax.core.paths import resources_dir

log = logging.getLogger(__name__)

CATEGORIES = ("loaded", "vague_attribution", "hedge", "booster", "escalation")
NAME_TYPES = ("person", "place", "org")
# Characters that may follow a one-character country short form and still name the country
# (俄军 Russian army, 美方 US side, 乌媒 Ukrainian media).
_SHORT_FORM_SUFFIXES = frozenset("军方媒国政")

def lexicons_dir() -> Path:
    return resources_dir() / "lexicons"


# ---- framing lexicon ---------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    term: str
    category: str
    note: str


@dataclass(frozen=True)
class Hit:
    term: str  # the lexicon entry
    category: str
    note: str
    text: str  # the words as they appear in the sentence
    start: int
    end: int


def _read_tsv(path: Path) -> Iterable[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not fields[0]:
            log.warning("%s:%d: empty term ignored", path.name, number)
            continue
        rows.append(fields)
    return rows


@lru_cache(maxsize=16)
def framing_terms(lang: str) -> tuple[Term, ...]:
    """The framing lexicon for a language (empty when there is none)."""
    path = lexicons_dir() / f"framing.{base_language(lang)}.tsv"
    terms: list[Term] = []
    for fields in _read_tsv(path):
        category = fields[1] if len(fields) > 1 else ""
        if category not in CATEGORIES:
            log.warning("%s: term %r has unknown category %r", path.name, fields[0], category)
            continue
        terms.append(Term(fields[0], category, fields[2] if len(fields) > 2 else ""))
    return tuple(terms)


@lru_cache(maxsize=16)
def _alphabetic_pattern(lang: str, categories: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = [t for t in framing_terms(lang) if t.category in categories]
    if not terms:
        return None
    parts = []
    for term in sorted(terms, key=lambda t: -len(t.term)):
        words = []
        for word in term.term.split():
            stem = word.rstrip("*")
            words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def find_terms(text: str, lang: str, categories: Sequence[str] = CATEGORIES) -> list[Hit]:
    """Lexicon hits in `text`, longest first where they overlap, in text order."""
    return list(_find_terms(text, lang, tuple(categories)))


@lru_cache(maxsize=50_000)
def _find_terms(text: str, lang: str, categories: tuple[str, ...]) -> tuple[Hit, ...]:
    return tuple(_find_terms_uncached(text, lang, categories))


def _find_terms_uncached(text: str, lang: str, categories: Sequence[str]) -> list[Hit]:
    terms = [t for t in framing_terms(lang) if t.category in categories]
    if not terms or not text:
        return []
    if is_chinese(lang):
        return _find_chinese(text, terms)
    pattern = _alphabetic_pattern(lang, tuple(categories))
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text):
        found = match.group(0)
        if match.start() > 0 and found[0].isupper() and " " not in found:
            continue  # capitalised inside a sentence: a name or a month ("May"), not the word
        term = _which_term(found, terms)
        if term is not None:
            hits.append(Hit(term.term, term.category, term.note, match.group(0),
                            match.start(), match.end()))
    return hits


def _which_term(found: str, terms: Sequence[Term]) -> Term | None:
    normal = " ".join(found.lower().split())
    for term in sorted(terms, key=lambda t: -len(t.term)):
        words = term.term.lower().split()
        got = normal.split()
        if len(words) != len(got):
            continue
        pairs = zip(words, got, strict=True)
        if all(g == w or (w.endswith("*") and g.startswith(w[:-1])) for w, g in pairs):
            return term
    return None


def _find_chinese(text: str, terms: Sequence[Term]) -> list[Hit]:
    simple = to_simplified(text)
    same_length = len(simple) == len(text)
    taken = [False] * len(simple)
    hits: list[Hit] = []
    word_starts: dict[int, str] | None = None
    for term in sorted(terms, key=lambda t: -len(t.term.lstrip("="))):
        whole = term.term.startswith("=")
        word = to_simplified(term.term.lstrip("="))
        if len(word) == 1 or whole:
            if word_starts is None:
                word_starts = _token_starts(simple)
            starts = [i for i, tok in word_starts.items() if tok == word]
        else:
            starts = [m.start() for m in re.finditer(re.escape(word), simple)]
        for start in starts:
            end = start + len(word)
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            shown = text[start:end] if same_length else word
            hits.append(Hit(term.term, term.category, term.note, shown, start, end))
    return sorted(hits, key=lambda h: h.start)


def _token_starts(text: str) -> dict[int, str]:
    starts: dict[int, str] = {}
    pos = 0
    for token in jieba_words(text):
        starts[pos] = token
        pos += len(token)
    return starts


@lru_cache(maxsize=16)
def synonyms(lang: str) -> dict[str, str]:
    """`synonyms.<lang>.tsv`: word -> the word it stands for in claim alignment."""
    path = lexicons_dir() / f"synonyms.{base_language(lang)}.tsv"
    table: dict[str, str] = {}
    for fields in _read_tsv(path):
        if len(fields) >= 2 and fields[1]:
            word, canonical = fields[0].lower(), fields[1].lower()
            if is_chinese(lang):
                word, canonical = to_simplified(word), to_simplified(canonical)
            table[word] = canonical
    return table


# ---- gazetteer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One gazetteer entry (a person, place or organisation) with its names in both languages."""

    id: str
    type: str
    en: tuple[str, ...]
    zh: tuple[str, ...]


@dataclass(frozen=True)
class NameHit:
    id: str
    type: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Place, ...]:
    entries: list[Place] = []
    path = lexicons_dir() / "gazetteer.tsv"
    for fields in _read_tsv(path):
        if len(fields) < 4 or fields[1] not in NAME_TYPES:
            log.warning("gazetteer.tsv: malformed line for %r", fields[0])
            continue
        en = tuple(n.strip() for n in fields[2].split("|") if n.strip())
        zh = tuple(to_simplified(n.strip()) for n in fields[3].split("|") if n.strip())
        entries.append(Place(fields[0], fields[1], en, zh))
    return tuple(entries)


@lru_cache(maxsize=1)
def _gazetteer_by_id() -> dict[str, Place]:
    return {p.id: p for p in gazetteer()}


def gazetteer_entry(entry_id: str) -> Place | None:
    return _gazetteer_by_id().get(entry_id)


@lru_cache(maxsize=1)
def _english_names() -> tuple[re.Pattern[str] | None, dict[str, Place]]:
    index: dict[str, Place] = {}
    for place in gazetteer():
        for name in place.en:
            index.setdefault(name, place)
    if not index:
        return None, index
    names = sorted(index, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return pattern, index


@lru_cache(maxsize=1)
def _chinese_names() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in gazetteer():
        for name in place.zh:
            index.setdefault(name, place)
    return index


def find_gazetteer_names(text: str, lang: str) -> list[NameHit]:
    """Gazetteer names in `text`; English names are case-sensitive (US is not us)."""
    return list(_find_gazetteer_names(text, lang))


@lru_cache(maxsize=50_000)
def _find_gazetteer_names(text: str, lang: str) -> tuple[NameHit, ...]:
    return tuple(_find_gazetteer_names_uncached(text, lang))


def _find_gazetteer_names_uncached(text: str, lang: str) -> list[NameHit]:
    if not text:
        return []
    if is_chinese(lang):
        return _find_chinese_names(text)
    pattern, index = _english_names()
    if pattern is None:
        return []
    # Curly apostrophes as straight ones (same length, so spans stay right).
    plain = text.replace("’", "'")
    return [
        NameHit(index[m.group(0)].id, index[m.group(0)].type, text[m.start():m.end()],
                m.start(), m.end())
        for m in pattern.finditer(plain)
    ]


def _find_chinese_names(text: str) -> list[NameHit]:
    simple = to_simplified(text)
    index = _chinese_names()
    hits: list[NameHit] = []
    taken = [False] * len(simple)
    for name in sorted((n for n in index if len(n) > 1), key=len, reverse=True):
        for match in re.finditer(re.escape(name), simple):
            start, end = match.start(), match.end()
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            place = index[name]
            hits.append(NameHit(place.id, place.type, text[start:end], start, end))
    short = {n: p for n, p in index.items() if len(n) == 1}
    if short:
        pos = 0
        for token in jieba_words(simple):
            for offset, ch in _short_forms(token, short):
                start = pos + offset
                if not taken[start]:
                    taken[start] = True
                    place = short[ch]
                    hits.append(NameHit(place.id, place.type, text[start:start + 1], start,
                                        start + 1))
            pos += len(token)
    return sorted(hits, key=lambda h: h.start)


def _short_forms(token: str, short: dict[str, Place]) -> list[tuple[int, str]]:
    """One-character names inside a token: 俄, 俄乌 (both), 俄军; never 美 in 美好."""
    if all(ch in short for ch in token):
        return list(enumerate(token))
    if len(token) == 2 and token[0] in short and token[1] in _SHORT_FORM_SUFFIXES:
        return [(0, token[0])]
    return []
