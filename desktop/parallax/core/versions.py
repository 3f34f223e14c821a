"""Version alignment: an original paired with a translation of it, in order.

A translation made sentence by sentence (same count) is paired 1:1. Otherwise a Gale-Church
style dynamic programme finds the cheapest monotonic path of 1:1, 1:2, 2:1 (and, dearly,
1:0 / 0:1) steps; the cost of a step combines how far its length ratio is from the texts'
overall ratio with how well its anchors agree (numbers, gazetteer names, question marks,
quotations). The programme runs in a band around the scaled diagonal (20 to 100 sentences
wide): O(n * band) steps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.core.lexicon import find_gazetteer_names, is_chinese
from parallax.core.numbers import find_quantities

MERGE_PENALTY = 0.35
SKIP_PENALTY = 3.0
ANCHOR_WEIGHT = 1.0


@dataclass(frozen=True)
class VersionPair:
    """Sentences of the original and of the translation that render each other."""

    original: tuple[int, ...]  # indices into the original's sentences (0, 1 or 2 of them)
    translation: tuple[int, ...]  # indices into the translation's sentences
    score: float  # 0..1, how plausible the pairing is (length and anchors)


_QUOTES = re.compile(r"[“”\"「」『』«»]")


def _anchors(text: str, lang: str) -> frozenset[str]:
    found = {f"#{q.kind}:{q.value:g}" for q in find_quantities(text, lang)}
    found |= {"@" + h.id for h in find_gazetteer_names(text, lang)}
    if "?" in text or "？" in text:
        found.add("?")
    if _QUOTES.search(text):
        found.add('"')
    return frozenset(found)


def _length(text: str, lang: str) -> float:
    # Characters for Chinese, characters without spaces elsewhere: a steadier ratio.
    return float(len(text) if is_chinese(lang) else len(text.replace(" ", "")))


def _anchor_agreement(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a and not b:
        return None
    return len(a & b) / len(a | b)


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
    anc_o = [_anchors(t, original_lang) for t in original]
    anc_t = [_anchors(t, translation_lang) for t in translation]

    def length_cost(lo: float, lt: float) -> float:
        smooth = 8.0
        return abs(math.log((lt + smooth * ratio) / (lo * ratio + smooth * ratio)))

    if n == m:
        return [
            VersionPair((i,), (i,), _pair_score(length_cost(len_o[i], len_t[i]),
                                                _anchor_agreement(anc_o[i], anc_t[i])))
            for i in range(n)
        ]

    # The band follows the scaled diagonal (i * m / n), so it only needs room for local drift.
    width = band if band is not None else min(100, max(20, max(n, m) // 20))
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    steps = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))

    def step_cost(i: int, j: int, di: int, dj: int) -> float:
        if di == 0 or dj == 0:
            return SKIP_PENALTY
        lo = sum(len_o[i:i + di])
        lt = sum(len_t[j:j + dj])
        ao = frozenset().union(*anc_o[i:i + di])
        at = frozenset().union(*anc_t[j:j + dj])
        agreement = _anchor_agreement(ao, at)
        c = length_cost(lo, lt)
        if agreement is not None:
            c += ANCHOR_WEIGHT * (1.0 - agreement)
        return c + (MERGE_PENALTY if di + dj > 2 else 0.0)

    for i in range(n + 1):
        centre = i * m / n
        lo_j = max(0, int(centre) - width)
        hi_j = min(m, int(centre) + width)
        for j in range(lo_j, hi_j + 1):
            here = cost.get((i, j), inf)
            if here == inf:
                continue
            for di, dj in steps:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                total = here + step_cost(i, j, di, dj)
                if total < cost.get((ni, nj), inf):
                    cost[(ni, nj)] = total
                    back[(ni, nj)] = (i, j)
    if (n, m) not in cost:  # the band was too narrow for this pair of texts: widen it
        return align_versions(original, translation, original_lang=original_lang,
                              translation_lang=translation_lang, band=min(max(n, m), width * 4))
    pairs: list[VersionPair] = []
    cell = (n, m)
    while cell != (0, 0):
        prev = back[cell]
        oi = tuple(range(prev[0], cell[0]))
        ti = tuple(range(prev[1], cell[1]))
        if oi and ti:
            lo = sum(len_o[k] for k in oi)
            lt = sum(len_t[k] for k in ti)
            agreement = _anchor_agreement(frozenset().union(*(anc_o[k] for k in oi)),
                                          frozenset().union(*(anc_t[k] for k in ti)))
            score = _pair_score(length_cost(lo, lt), agreement)
        else:
            score = 0.0
        pairs.append(VersionPair(oi, ti, score))
        cell = prev
    pairs.reverse()
    return pairs
