"""Version alignment: an original paired with a translation of it, in order.

One monotone dynamic programme (Gale-Church, as hunalign and Bertalign do) finds the cheapest
path of 1:1, 1:2, 2:1, 1:3, 3:1 and 2:2 steps and, dearly, 1:0 / 0:1 (a sentence left out),
whatever the two sentence counts: a translator who splits one sentence and merges two others
keeps the count, and the path still finds both. A step's cost is how far its length ratio is
from the texts' overall ratio, plus a price for each anchor found on one side only (numbers,
gazetteer names, Latin-script names a Chinese text shares with its translation, question
marks, quotations), plus a price per merged sentence, so a well-behaved translation stays
1:1. Anchors are multisets, so a merge never hides a mismatch. The programme runs in a band
around the scaled diagonal (20 to 100 sentences wide): O(n * band) steps.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.core.language import is_chinese
from parallax.core.lexicon import find_gazetteer_names
from parallax.core.numbers import find_quantities

MERGE_PENALTY = 0.35  # per sentence beyond one on each side of a step
SKIP_PENALTY = 1.5  # a sentence left without counterpart: dearer than a plausible merge
MISS_COST = 0.35  # per anchor (by weight) found on one side of a step only
# Length smoothing (in characters of the original): short sentences vary more in ratio.
LENGTH_SMOOTHING = 8.0

MAX_RUN = 3  # sentences on one side of a step
_STEPS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class VersionPair:
    """Sentences of the original and of the translation that render each other."""

    original: tuple[int, ...]  # indices into the original's sentences (0 to MAX_RUN of them)
    translation: tuple[int, ...]  # indices into the translation's sentences
    score: float  # 0..1, how plausible the pairing is (length and anchors)


_QUOTES = re.compile(r"[“”\"「」『』«»]")
# Latin-script tokens inside Chinese text (EASA, A320, iPhone): kept verbatim in translation.
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&-]*[A-Za-z0-9]|[A-Za-z]")
# How much an anchor found on one side only speaks against a pairing: a number or a kept
# Latin name is rarely dropped; a gazetteer name is often rendered as a pronoun (中方, "it");
# punctuation is a translator's choice.
_ANCHOR_WEIGHTS = {"#": 1.0, "=": 1.0, "@": 0.6, "?": 0.4, '"': 0.25}

Anchors = dict[str, int]  # a multiset: merged sentences carry both their 10s


def _anchors(text: str, lang: str) -> Counter[str]:
    # Numbers by value alone: 7月27日 may be read as counts on one side, a date on the other.
    found = Counter(f"#{q.value:g}" for q in find_quantities(text, lang))
    found.update("@" + h.id for h in find_gazetteer_names(text, lang))
    if "?" in text or "？" in text:
        found["?"] += 1
    if _QUOTES.search(text):
        found['"'] += 1
    return found


def _latin_tokens(text: str) -> Counter[str]:
    # Letters required: bare numbers are already anchors.
    return Counter("=" + t.lower() for t in _LATIN_TOKEN.findall(text)
                   if len(t) > 1 and any(c.isalpha() for c in t))


def _all_anchors(
    original: Sequence[str], translation: Sequence[str], original_lang: str, translation_lang: str
) -> tuple[list[Counter[str]], list[Counter[str]]]:
    """Each side's anchors, plus the Latin tokens a Chinese side writes (EASA, A320).

    The other side gets only the Latin tokens the Chinese side has somewhere, so its every
    capitalised word does not count; and those never count as misses there (see `_Windows`),
    since the Chinese text may as well write 欧洲航空安全局 for EASA.
    """
    anc_o = [_anchors(t, original_lang) for t in original]
    anc_t = [_anchors(t, translation_lang) for t in translation]
    if is_chinese(original_lang) == is_chinese(translation_lang):
        return anc_o, anc_t
    anc_c, anc_x = (anc_o, anc_t) if is_chinese(original_lang) else (anc_t, anc_o)
    chinese, other = (original, translation) if is_chinese(original_lang) else (translation,
                                                                                original)
    tok_c = [_latin_tokens(t) for t in chinese]
    vocabulary = set().union(*tok_c)
    for found, tokens in zip(anc_c, tok_c, strict=True):
        found.update(tokens)
    for found, text in zip(anc_x, other, strict=True):
        found.update({k: v for k, v in _latin_tokens(text).items() if k in vocabulary})
    return anc_o, anc_t


class _Windows:
    """Lengths and anchors of runs of 1 to MAX_RUN consecutive sentences of one side."""

    def __init__(self, lengths: list[float], anchors: list[Counter[str]], latin_soft: bool):
        # On a side whose Latin tokens are soft, they may match but never miss.
        self.latin_soft = latin_soft
        self.length: dict[tuple[int, int], float] = {}
        self.anchors: dict[tuple[int, int], Anchors] = {}
        self.miss_weight: dict[tuple[int, int], float] = {}  # if none of them matched
        for start in range(len(lengths)):
            total, merged = 0.0, Counter[str]()
            for end in range(start + 1, min(len(lengths), start + MAX_RUN) + 1):
                total += lengths[end - 1]
                merged = merged + anchors[end - 1]
                self.length[(start, end)] = total
                self.anchors[(start, end)] = dict(merged)
                self.miss_weight[(start, end)] = sum(
                    _weight(k) * c for k, c in merged.items() if self.misses(k))

    def misses(self, key: str) -> bool:
        return not (self.latin_soft and key[0] == "=")


def _weight(key: str) -> float:
    return _ANCHOR_WEIGHTS.get(key[0], 1.0)


def _anchor_match(side_a: _Windows, run_a: tuple[int, int], side_b: _Windows,
                  run_b: tuple[int, int]) -> tuple[float, float | None]:
    """Weight of the anchors left unmatched, and the share matched (None: no anchors)."""
    a, b = side_a.anchors[run_a], side_b.anchors[run_b]
    missed = side_a.miss_weight[run_a] + side_b.miss_weight[run_b]
    matched = 0.0
    for key, count in (a if len(a) <= len(b) else b).items():
        there = b.get(key, 0) if len(a) <= len(b) else a.get(key, 0)
        if there:
            both = _weight(key) * min(count, there)
            matched += both
            missed -= both * (side_a.misses(key) + side_b.misses(key))
    total = matched + missed
    return missed, (matched / total if total else None)


def _length(text: str, lang: str) -> float:
    # Characters for Chinese, characters without spaces elsewhere: a steadier ratio.
    return float(len(text) if is_chinese(lang) else len(text.replace(" ", "")))


def _pair_score(len_cost: float, agreement: float | None) -> float:
    plausible = math.exp(-len_cost)
    return plausible if agreement is None else 0.5 * plausible + 0.5 * agreement


def align_versions(
    original: Sequence[str],
    translation: Sequence[str],
    *,
    original_lang: str = "zh",
    translation_lang: str = "en",
    band: int | None = None,
) -> list[VersionPair]:
    """Monotonic alignment of an original and its translation (see the module docstring)."""
    n, m = len(original), len(translation)
    if n == 0 or m == 0:
        return []
    len_o = [_length(t, original_lang) for t in original]
    len_t = [_length(t, translation_lang) for t in translation]
    ratio = (sum(len_t) + 1.0) / (sum(len_o) + 1.0)
    smooth = LENGTH_SMOOTHING * ratio
    anc_o, anc_t = _all_anchors(original, translation, original_lang, translation_lang)
    cross = is_chinese(original_lang) != is_chinese(translation_lang)
    win_o = _Windows(len_o, anc_o, cross and not is_chinese(original_lang))
    win_t = _Windows(len_t, anc_t, cross and not is_chinese(translation_lang))

    def match(i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """Cost and score of pairing original[i0:i1] with translation[j0:j1]."""
        lo, lt = win_o.length[(i0, i1)], win_t.length[(j0, j1)]
        len_cost = abs(math.log((lt + smooth) / (lo * ratio + smooth)))
        missed, agreement = _anchor_match(win_o, (i0, i1), win_t, (j0, j1))
        # Each sentence beyond one per side costs a merge: 1:1 wins unless the evidence is clear.
        cost = len_cost + MISS_COST * missed + MERGE_PENALTY * (i1 - i0 + j1 - j0 - 2)
        return cost, _pair_score(len_cost, agreement)

    # The band follows the scaled diagonal (i * m / n), so it only needs room for local drift.
    width = band if band is not None else min(100, max(20, max(n, m) // 20))
    lows = [max(0, int(i * m / n) - width) for i in range(n + 1)]
    highs = [min(m, int(i * m / n) + width) for i in range(n + 1)]
    lows[0], highs[n] = 0, m
    for i in range(n):  # rows overlap, so a path of skips always links them (very unequal counts)
        highs[i] = max(highs[i], lows[i + 1])
    inf = math.inf
    cost = [[inf] * (highs[i] - lows[i] + 1) for i in range(n + 1)]
    back = [[(0, 0)] * (highs[i] - lows[i] + 1) for i in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(lows[i], highs[i] + 1):
            best, step = cost[i][j - lows[i]], (0, 0)
            for di, dj in _STEPS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < lows[pi] or pj > highs[pi]:
                    continue
                before = cost[pi][pj - lows[pi]]
                if before == inf:
                    continue
                # A sentence left out pays no misses: it predicts none of its anchors across.
                total = before + (match(pi, i, pj, j)[0] if di and dj else SKIP_PENALTY)
                if total < best:
                    best, step = total, (di, dj)
            cost[i][j - lows[i]], back[i][j - lows[i]] = best, step
    pairs: list[VersionPair] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[i][j - lows[i]]
        score = match(i - di, i, j - dj, j)[1] if di and dj else 0.0
        pairs.append(VersionPair(tuple(range(i - di, i)), tuple(range(j - dj, j)), score))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs
