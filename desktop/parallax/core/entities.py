"""Names of people, places and organisations in a sentence, and when two of them match.

Found three ways: the gazetteer (resources/lexicons/gazetteer.tsv, both languages, one id per
entity so 普京 matches Putin); for English, runs of capitalised words that do not start the
sentence (titles such as "President" and month or day names are trimmed off); for Chinese,
jieba's name tags (nr person, ns place, nt organisation; adjacent tags and a middle dot ·
are joined, so 彼得·霍夫曼斯基 is one name).

Limits: capitalisation misses names at the very start of a sentence unless the gazetteer knows
them, and takes in capitalised non-names in titles; jieba's tags miss rare names and sometimes
split them. Across languages only gazetteer names can match. Chinese transliterations match
by sound: same number of syllables, at least half of them identical in pinyin and the rest
sharing their final (普京 pu-jing and 蒲亭 pu-ting match; 北京 bei-jing and 普京 do not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from parallax.core import name_pinyin
from parallax.core.language import is_chinese, jieba_tagged, to_simplified
from parallax.core.lexicon import find_gazetteer_names, gazetteer_entry

_ZH_NAME_TAGS = {"nr": "person", "nrt": "person", "nrfg": "person", "ns": "place",
                 "nt": "org"}
# Common words jieba's dictionary tags as names (两国 "both countries", 高超音速 "hypersonic").
_ZH_NOT_NAMES = frozenset(
    "两国 双方 各国 本国 我国 该国 他国 邻国 友邦 邻邦 友好邻邦 盟国 盟友 高超音速 西方国家 "
    "东方".split()
)
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*(?:[ \t]+(?:of|the|de|von|van|al|bin)?"
                          r"[ \t]*[A-Z][\w'’.-]*)*")
# Capitalised words that are not names on their own.
_NOT_NAMES = frozenset(
    """president prime minister deputy foreign defence defense secretary chief general staff
    spokesman spokeswoman spokesperson minister's chairman head director ambassador
    mr mrs ms dr sir king queen prince pope senator governor mayor commander colonel
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thur thurs fri sat gmt utc i the a an this that these
    those it its he she they we you his her their our in on at of for by with from and or but
    if as after before since while when then so however meanwhile separately opinion first
    second third finally also although more most some many every each no not""".split()
)
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Name:
    key: str  # gazetteer id ("putin"), or "en:<folded words>", or "zh:<name>"
    text: str  # as written
    type: str | None  # person, place, org, or None when unknown
    lang: str

    @property
    def in_gazetteer(self) -> bool:
        return ":" not in self.key


def fold(text: str) -> str:
    """Lower case without diacritics or possessive 's: Hofmański's -> hofmanski."""
    text = _POSSESSIVE.sub("", text.strip())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def find_names(text: str, lang: str) -> list[Name]:
    """The names in a sentence, each once (by key), in order of first appearance."""
    return list(_find_names(text, lang))


@lru_cache(maxsize=50_000)
def _find_names(text: str, lang: str) -> tuple[Name, ...]:
    return tuple(_find_names_uncached(text, lang))


def _find_names_uncached(text: str, lang: str) -> list[Name]:
    if not text:
        return []
    hits = find_gazetteer_names(text, lang)
    taken = [False] * len(text)
    names: list[Name] = []
    for hit in hits:
        taken[hit.start:hit.end] = [True] * (hit.end - hit.start)
        names.append(Name(hit.id, hit.text, hit.type, lang))
    if is_chinese(lang):
        names.extend(_chinese_names(text, taken))
    elif lang.lower().startswith(("en", "de", "fr", "es", "it", "nl", "pt", "ru")):
        names.extend(_capitalised_names(text, taken, lang))
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.key not in seen:
            seen.add(name.key)
            unique.append(name)
    return unique


def _capitalised_names(text: str, taken: list[bool], lang: str) -> Iterable[Name]:
    first_word = re.match(r"\W*", text)
    sentence_start = first_word.end() if first_word else 0
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        start = match.start()
        if any(taken[start:match.end()]):
            # Part of it is a gazetteer name; keep only the words outside it.
            pos = start
            rest: list[str] = []
            for word in words:
                word_start = text.index(word, pos)
                pos = word_start + len(word)
                if not any(taken[word_start:pos]):
                    rest.append(word)
            words = rest
            if len(words) > 1:
                continue  # mixed runs such as "Russian President" are titles, not names
        if start == sentence_start and len(words) == 1:
            continue  # a capital at the start of a sentence says nothing
        while words and fold(words[0]).strip(".") in _NOT_NAMES:
            words = words[1:]
        while words and fold(words[-1]).strip(".") in _NOT_NAMES:
            words = words[:-1]
        if not words or all(len(w) < 2 for w in words):
            continue
        shown = " ".join(words)
        yield Name("en:" + fold(shown).strip(".,"), shown, None, lang)


def _chinese_names(text: str, taken: list[bool]) -> Iterable[Name]:
    simple = to_simplified(text)
    pos = 0
    run: list[tuple[int, str, str]] = []  # (start, word, type)

    def flush() -> Iterable[Name]:
        if run:
            start = run[0][0]
            end = run[-1][0] + len(run[-1][1])
            word = "".join(w for _, w, _ in run).strip("·•")
            if len(word) >= 2 and word not in _ZH_NOT_NAMES and not any(taken[start:end]):
                yield Name("zh:" + word, text[start:end], run[0][2], "zh")
            run.clear()

    for word, tag in jieba_tagged(simple):
        kind = _ZH_NAME_TAGS.get(tag)
        if kind is not None or (word in "·•" and run):
            run.append((pos, word, kind or run[-1][2]))
        else:
            yield from flush()
        pos += len(word)
    yield from flush()


# ---- matching ------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _syllables(name: str) -> tuple[tuple[str, str], ...]:
    heard = name_pinyin.syllables(name)  # pypinyin only for names this machine has not met
    if len(heard.full) != len(heard.finals):
        return ()
    return tuple(zip(heard.full, heard.finals, strict=True))


def sounds_alike(a: str, b: str) -> bool:
    """Two Chinese transliterations of the same foreign name (普京 / 蒲亭)."""
    sa, sb = _syllables(a.replace("·", "")), _syllables(b.replace("·", ""))
    if not sa or len(sa) != len(sb) or len(sa) < 2:
        return False
    same = sum(x[0] == y[0] for x, y in zip(sa, sb, strict=True))
    rhyme = all(x[0] == y[0] or (x[1] and x[1] == y[1]) for x, y in zip(sa, sb, strict=True))
    return rhyme and same * 2 >= len(sa)


def _words(key: str) -> set[str]:
    return {w for w in key.split(":", 1)[-1].replace("-", " ").split() if len(w) > 2}


def names_match(a: Name, b: Name) -> bool:
    if a.key == b.key:
        return True
    if a.in_gazetteer or b.in_gazetteer:
        known, other = (a, b) if a.in_gazetteer else (b, a)
        if other.in_gazetteer:
            return False
        return _matches_gazetteer_entry(known.key, other)
    if a.key.startswith("zh:") and b.key.startswith("zh:"):
        return sounds_alike(a.key[3:], b.key[3:])
    if a.key.startswith("en:") and b.key.startswith("en:"):
        wa, wb = _words(a.key), _words(b.key)
        if wa & wb:
            return True  # "Dmitry Peskov" and "Peskov"
        if _same_romanised(a.key[3:], b.key[3:]):
            return True
        # Kyiv / Kyiw style spellings; difflib's ratio is rapidfuzz's fuzz.ratio on names.
        return SequenceMatcher(None, a.key[3:], b.key[3:], autojunk=False).ratio() * 100 >= 88
    return False


# Chinese administrative suffixes as a pinyin gloss writes them, and their English words:
# "Tianshuisheng" is Tianshui province, "Minxianxian" Minxian county.
_ADMIN_SUFFIXES = ("sheng", "shi", "xian", "zhou", "qu", "zhen", "xiang", "cun", "province",
                   "county", "city", "prefecture", "district", "township", "town", "village")


def _compact(name: str) -> str:
    letters = "".join(ch for ch in name if ch.isalpha())
    for suffix in _ADMIN_SUFFIXES:
        if letters.endswith(suffix) and len(letters) - len(suffix) >= 4:
            return letters[:-len(suffix)]
    return letters


# Spellings of one sound in pinyin, Wade-Giles and the older or Tibetan-derived forms the
# reports use (Xigaze / Shigatse, Dingri / Tingri, Lasa / Lhasa, Xian / Hsian), longest first.
_SOUNDS = (("tsz", "z"), ("hs", "s"), ("sh", "s"), ("zh", "j"), ("ch", "j"), ("ts", "z"),
           ("tz", "z"), ("dz", "z"), ("lh", "l"), ("x", "s"), ("q", "j"), ("c", "z"),
           ("t", "d"), ("k", "g"), ("p", "b"))


def _sound(compact: str) -> str:
    """A coarse key of how a romanised name sounds, whatever the romanisation."""
    out: list[str] = []
    i = 0
    while i < len(compact):
        for spelling, sound in _SOUNDS:
            if compact.startswith(spelling, i):
                out.append(sound)
                i += len(spelling)
                break
        else:
            out.append(compact[i])
            i += 1
    key = "".join(out)
    return "".join(ch for k, ch in enumerate(key) if k == 0 or ch != key[k - 1])


def _same_romanised(a: str, b: str) -> bool:
    """One place romanised two ways: "Tianshuisheng" / "Tianshui Province", "Minxian" /
    "Minxian county" (a pinyin gloss against a report's English), "Xigaze" / "Shigatse"."""
    ca, cb = _compact(a), _compact(b)
    if len(ca) < 4 or len(cb) < 4:
        return False
    if ca == cb or _sound(ca) == _sound(cb):
        return True
    return len(ca) >= 6 and len(cb) >= 6 and SequenceMatcher(
        None, ca, cb, autojunk=False).ratio() >= 0.8


def _matches_gazetteer_entry(entry_id: str, name: Name) -> bool:
    entry = gazetteer_entry(entry_id)
    if entry is None:
        return False
    if name.key.startswith("zh:"):
        return any(sounds_alike(z, name.key[3:]) for z in entry.zh)
    folded = _words(name.key)
    return any(folded & _words("en:" + fold(n)) for n in entry.en)


def unmatched(names: Sequence[Name], others: Sequence[Name]) -> list[Name]:
    """Names of `names` that match none of `others`."""
    return [n for n in names if not any(names_match(n, o) for o in others)]
