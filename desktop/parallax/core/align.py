"""Claim alignment across different reports of the same events.

`align_claims` links each report sentence to the original sentences that say the same thing,
by meaning and not position (`core.similarity`: TF-IDF weighted words, numbers and names plus
character n-grams, in pivot-language texts). A report sentence can link to several original
sentences (the best, and others within `RELATIVE_KEEP` of it, up to `max_links`); an
original sentence can be linked from any number of report sentences. Links below `min_score`
are not reported: that sentence is a claim the other text does not make. For two Chinese
texts the Chinese is also compared directly and the better score of the two is kept.
Long sentences are also compared clause by clause (`core.clauses`): a clause of one text
against whole sentences of the other, scored at `CLAUSE_FACTOR`, so a report sentence that
restates one clause of a long Chinese sentence is not diluted by the rest; and a report
sentence joining two claims ("..., but the Kremlin says ...") links to the best match of
each clause that matches clearly (`CLAUSE_LINK_MIN`), besides its best whole-sentence match.
Cost: O(n_original * n_report) similarity scores (see core.similarity), no pairwise Python
loops.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from parallax.core.clauses import split_clauses
from parallax.core.lexicon import base_lang
from parallax.core.similarity import similarity_matrix

DEFAULT_MIN_SCORE = 0.3
RELATIVE_KEEP = 0.8  # other links of a report sentence must reach 80% of its best score
CLAUSE_FACTOR = 0.85  # a match of one clause counts for a little less than a whole sentence
# A clause links on its own only on a clear match: short texts match by chance more easily.
CLAUSE_LINK_MIN = 0.45


@dataclass(frozen=True)
class ClaimLink:
    original: int  # index of the original sentence
    report: int  # index of the report sentence
    score: float  # 0..1


def _flatten(
    pieces_of: Sequence[tuple[str, ...]],
) -> tuple[list[str], npt.NDArray[np.intp], list[int]]:
    """All pieces in one list, the index of each text's first piece, each piece's text."""
    flat = [p for pieces in pieces_of for p in pieces]
    starts = np.cumsum([0] + [len(p) for p in pieces_of[:-1]]).astype(np.intp)
    owner = [j for j, pieces in enumerate(pieces_of) for _ in pieces]
    return flat, starts, owner


def _clause_scores(
    texts_a: Sequence[str], texts_b: Sequence[str], lang_a: str, lang_b: str
) -> tuple[npt.NDArray[np.float32], set[tuple[int, int]]]:
    """Sentence scores taken clause by clause, and the pairs a report clause makes alone.

    A clause of one side is compared with whole sentences of the other (clause against
    clause would let two short clauses sharing a name look like one claim); a pair scores
    the best of its comparisons. The pairs: for each report sentence of several clauses,
    the best original sentence of each clause that matches it clearly (`CLAUSE_LINK_MIN`).
    """
    scores = np.zeros((len(texts_a), len(texts_b)), dtype=np.float32)
    pairs: set[tuple[int, int]] = set()
    clauses_a = [split_clauses(t, lang_a) for t in texts_a]
    clauses_b = [split_clauses(t, lang_b) for t in texts_b]
    if any(len(c) > 1 for c in clauses_b):
        flat, starts, owner = _flatten(clauses_b)
        by_clause = similarity_matrix(texts_a, flat, lang_a, lang_b)
        scores = np.maximum(scores, np.maximum.reduceat(by_clause, starts, axis=1))
        for k, i in enumerate(by_clause.argmax(axis=0)):
            if len(clauses_b[owner[k]]) > 1 and by_clause[i, k] >= CLAUSE_LINK_MIN:
                pairs.add((int(i), owner[k]))
    if any(len(c) > 1 for c in clauses_a):
        flat, starts, _owner = _flatten(clauses_a)
        by_clause = similarity_matrix(flat, texts_b, lang_a, lang_b)
        scores = np.maximum(scores, np.maximum.reduceat(by_clause, starts, axis=0))
    return scores, pairs


def _claim_matrix(
    original_pivot: Sequence[str],
    report_pivot: Sequence[str],
    *,
    orig_lang: str,
    report_lang: str,
    original_native: Sequence[str] | None,
    report_native: Sequence[str] | None,
    o_lang: str,
    r_lang: str,
) -> tuple[npt.NDArray[np.float32], set[tuple[int, int]]]:
    """Sentence scores, and the (original, report) pairs `select_links` keeps if they reach
    the threshold (clause matches and each report sentence's best whole-sentence match)."""
    scores = similarity_matrix(
        original_pivot, report_pivot, orig_lang, report_lang,
        anchors_a=(original_native, o_lang) if original_native is not None else None,
        anchors_b=(report_native, r_lang) if report_native is not None else None,
    )
    routes: list[tuple[Sequence[str], Sequence[str], str, str]] = []
    if base_lang(orig_lang) == base_lang(report_lang):
        routes.append((original_pivot, report_pivot, orig_lang, report_lang))
    if (original_native is not None and report_native is not None
            and base_lang(o_lang) == base_lang(r_lang)
            and base_lang(o_lang) != base_lang(orig_lang)):  # else natives are the pivots
        scores = np.maximum(scores, similarity_matrix(original_native, report_native,
                                                      o_lang, r_lang))
        routes.append((original_native, report_native, o_lang, r_lang))
    by_clause = np.zeros_like(scores)
    clause_pairs: set[tuple[int, int]] = set()
    for texts_a, texts_b, lang_a, lang_b in routes:
        route_scores, route_pairs = _clause_scores(texts_a, texts_b, lang_a, lang_b)
        by_clause = np.maximum(by_clause, CLAUSE_FACTOR * route_scores)
        clause_pairs |= route_pairs
    # Clauses add links; they never displace the best match of the whole sentence.
    if scores.size:
        clause_pairs |= {(int(i), j) for j, i in enumerate(scores.argmax(axis=0))}
    return np.maximum(scores, by_clause), clause_pairs


def claim_scores(
    original_pivot: Sequence[str],
    report_pivot: Sequence[str],
    *,
    orig_lang: str = "en",
    report_lang: str = "en",
    original_native: Sequence[str] | None = None,
    report_native: Sequence[str] | None = None,
    native_lang: str = "zh",
    original_native_lang: str | None = None,
    report_native_lang: str | None = None,
) -> npt.NDArray[np.float32]:
    """The similarity matrix `align_claims` selects links from (original x report)."""
    scores, _pairs = _claim_matrix(
        original_pivot, report_pivot, orig_lang=orig_lang, report_lang=report_lang,
        original_native=original_native, report_native=report_native,
        o_lang=original_native_lang or native_lang, r_lang=report_native_lang or native_lang,
    )
    return scores


def align_claims(
    original_pivot: Sequence[str],
    report_pivot: Sequence[str],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    orig_lang: str = "en",
    report_lang: str = "en",
    original_native: Sequence[str] | None = None,
    report_native: Sequence[str] | None = None,
    native_lang: str = "zh",
    original_native_lang: str | None = None,
    report_native_lang: str | None = None,
    max_links: int = 3,
) -> list[ClaimLink]:
    """Links from report sentences to the original sentences making the same claim.

    `original_native`/`report_native` are the texts the pivots were translated from (same
    lengths, languages `*_native_lang`, default `native_lang`). Their numbers and gazetteer
    names join the pivot's (a translation may garble a name the original spells clearly), and
    when both are in the same language (two Chinese articles) they are also compared directly
    and the better score is kept.
    """
    if len(original_pivot) == 0 or len(report_pivot) == 0:
        return []
    scores, clause_pairs = _claim_matrix(
        original_pivot, report_pivot, orig_lang=orig_lang, report_lang=report_lang,
        original_native=original_native, report_native=report_native,
        o_lang=original_native_lang or native_lang, r_lang=report_native_lang or native_lang,
    )
    return select_links(scores, min_score=min_score, max_links=max_links, also=clause_pairs)


def select_links(
    scores: npt.NDArray[np.float32],
    *,
    min_score: float,
    max_links: int = 3,
    also: Collection[tuple[int, int]] = (),
) -> list[ClaimLink]:
    """Per report sentence: the best original sentences at or above the threshold.

    `also`: (original, report) pairs kept when they reach the threshold even if they fall
    below `RELATIVE_KEEP` of the best (a clause of a multi-claim sentence matched them).
    """
    links: list[ClaimLink] = []
    if scores.size == 0:
        return links
    also_by_report: dict[int, list[int]] = {}
    for i, j in sorted(also):
        also_by_report.setdefault(j, []).append(i)
    k = min(max_links, scores.shape[0])
    top = np.argsort(-scores, axis=0, kind="stable")[:k]  # (k, n_report)
    for j in range(scores.shape[1]):
        best = float(scores[top[0, j], j])
        if best < min_score:
            continue
        chosen = [int(i) for i in top[:, j]
                  if scores[i, j] >= min_score and scores[i, j] >= RELATIVE_KEEP * best]
        extra = sorted((i for i in also_by_report.get(j, ()) if i not in chosen
                        and scores[i, j] >= min_score), key=lambda i: -scores[i, j])
        for i in (chosen + extra)[:max_links]:
            links.append(ClaimLink(i, j, float(scores[i, j])))
    links.sort(key=lambda link: (link.report, -link.score))
    return links
