"""Claim alignment across different reports of the same events.

`claim_alignment` links each report sentence to the original sentences that say the same thing,
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

With a cross-lingual sentence-embedding model (`core.semantic`), the native texts are also
compared directly and the decision becomes relative, as in LASER's margin scoring: a raw
cosine means little on its own (0.75-0.90 for related and unrelated pairs alike), so each
pair's cosine is measured against its neighbours (CSLS: minus the mean of the three nearest
sentences on each side), standardised over the matrix and added to the standardised
pivot-text score (`semantic_evidence`). Each report sentence links to its best original
sentence with a calibrated probability (`link_probability`: from the evidence of the best
candidate and its margin over the runner-up, times how clearly the two articles tell the same
story at all, `story_relatedness`), when that probability reaches `LINK_PROBABILITY`. The
coefficients were fitted once on real reports of three events with hand-made links (a
logistic fit of whether the best candidate is the linked one) and are kept round; they are a
calibration, not a rule for any text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from parallax.core.clauses import split_clauses
from parallax.core.language import base_language
from parallax.core.similarity import similarity_matrix

DEFAULT_MIN_SCORE = 0.3
# Without the embeddings, a pair under DEFAULT_MIN_SCORE is linked when it is each sentence's
# best match and scores this many times the report sentence's runner-up (`mutual_links`).
MUTUAL_MIN_SCORE = 0.12
MUTUAL_MARGIN = 1.3
# ... and only between texts whose three best matches average this much (unrelated news
# scores about 0.06-0.15 here, reports of one event 0.18-0.4).
MUTUAL_STORY = 0.17
RELATIVE_KEEP = 0.8  # other links of a report sentence must reach 80% of its best score
CLAUSE_FACTOR = 0.85  # a match of one clause counts for a little less than a whole sentence
# A clause links on its own only on a clear match: short texts match by chance more easily.
CLAUSE_LINK_MIN = 0.45
# Semantic mode (see the module docstring).
LEXICAL_SHARE = 0.5  # weight of the standardised pivot-text score beside the embeddings'
NEIGHBOURS = 3  # CSLS neighbourhood
LINK_PROBABILITY = 0.5  # a link is made when it is more likely right than wrong
KEEP_LEXICAL_PROBABILITY = 0.2  # a clear pivot-text link the embeddings find this unlikely goes
# A pivot-text link under this that the embeddings find less likely than another original
# sentence gives way to it (shared wording of a fluent translation is weak evidence).
CLEAR_LEXICAL = 0.45
_TOP = (1.2, 2.2, -2.9)  # logistic: evidence of the best, its margin over the runner-up, bias
# Same story or not, from the mean of the three best pivot-text matches (lexical) and of the
# three best cosines: unrelated news scores about 0.12 / 0.78, reports of one event 0.3 / 0.83.
_STORY_LEXICAL = (0.15, 0.05)  # centre, scale
_STORY_SEMANTIC = (0.805, 0.01)
_STORY_CENTRE, _STORY_SLOPE = 1.4, 3.0


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


def claim_matrix(
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
    original_published: date | None = None,
    report_published: date | None = None,
    clauses: bool = True,
) -> tuple[npt.NDArray[np.float32], set[tuple[int, int]]]:
    """Sentence scores (original x report, the pivot texts with the natives' anchors), and
    the (original, report) pairs a report clause makes alone. Arguments as `claim_alignment`;
    `clauses=False` compares whole sentences only (cheaper, no clause pairs)."""
    o_lang = original_native_lang or native_lang
    r_lang = report_native_lang or native_lang
    scores = similarity_matrix(
        original_pivot, report_pivot, orig_lang, report_lang,
        anchors_a=((original_native, o_lang, original_published)
                   if original_native is not None else None),
        anchors_b=((report_native, r_lang, report_published)
                   if report_native is not None else None),
    )
    routes: list[tuple[Sequence[str], Sequence[str], str, str]] = []
    if base_language(orig_lang) == base_language(report_lang):
        routes.append((original_pivot, report_pivot, orig_lang, report_lang))
    if (original_native is not None and report_native is not None
            and base_language(o_lang) == base_language(r_lang)
            and base_language(o_lang) != base_language(orig_lang)):  # else natives are the pivots
        scores = np.maximum(scores, similarity_matrix(original_native, report_native,
                                                      o_lang, r_lang))
        routes.append((original_native, report_native, o_lang, r_lang))
    by_clause = np.zeros_like(scores)
    clause_pairs: set[tuple[int, int]] = set()
    for texts_a, texts_b, lang_a, lang_b in routes if clauses else ():
        route_scores, route_pairs = _clause_scores(texts_a, texts_b, lang_a, lang_b)
        by_clause = np.maximum(by_clause, CLAUSE_FACTOR * route_scores)
        clause_pairs |= route_pairs
    return np.maximum(scores, by_clause), clause_pairs


@dataclass(frozen=True)
class ClaimAlignment:
    links: list[ClaimLink]
    # original x report: how plausible each pair is as a link. Without the embedding model,
    # the pivot-text similarity; with it, the larger of the link probability and that
    # similarity (either can show that a pair is close), so "nothing comes close" needs both.
    plausibility: npt.NDArray[np.float32]
    calibrated: bool  # True when `plausibility` is a calibrated probability
    relatedness: float | None = None  # with embeddings: `story_relatedness` of the two texts
    similarity: npt.NDArray[np.float32] | None = None  # the pivot-text scores alone


def claim_alignment(
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
    semantic: npt.NDArray[np.float32] | None = None,
    original_published: date | None = None,
    report_published: date | None = None,
    clauses: bool = True,
) -> ClaimAlignment:
    """Links from report sentences to the original sentences making the same claim, and how
    plausible every pair was (see `ClaimAlignment`).

    `original_native`/`report_native` are the texts the pivots were translated from (same
    lengths, languages `*_native_lang`, default `native_lang`). Their numbers and gazetteer
    names join the pivot's (a translation may garble a name the original spells clearly), and
    when both are in the same language (two Chinese articles) they are also compared directly
    and the better score is kept.

    `semantic`: cosines of the native texts from a sentence-embedding model (original x
    report); with it, links are chosen by `select_semantic_links`.
    `original_published`/`report_published`: when each text was published, so a weekday in
    a native text is read as the date it falls on (`core.weekdays`).
    """
    if len(original_pivot) == 0 or len(report_pivot) == 0:
        return ClaimAlignment([], np.zeros((len(original_pivot), len(report_pivot)),
                                           dtype=np.float32), False)
    scores, clause_pairs = claim_matrix(
        original_pivot, report_pivot, orig_lang=orig_lang, report_lang=report_lang,
        original_native=original_native, report_native=report_native, native_lang=native_lang,
        original_native_lang=original_native_lang, report_native_lang=report_native_lang,
        original_published=original_published, report_published=report_published,
        clauses=clauses,
    )
    return decide_claims(scores, clause_pairs, min_score=min_score, max_links=max_links,
                         semantic=semantic)


def decide_claims(
    scores: npt.NDArray[np.float32],
    clause_pairs: Collection[tuple[int, int]] = (),
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    max_links: int = 3,
    semantic: npt.NDArray[np.float32] | None = None,
) -> ClaimAlignment:
    """The links `claim_matrix`'s scores make (with the embeddings' cosines, when given)."""
    if scores.size == 0:
        return ClaimAlignment([], scores, False)
    clause_pairs = set(clause_pairs)
    # Clauses add links; they never displace the best match of the whole sentence.
    best_pairs = {(int(i), j) for j, i in enumerate(scores.argmax(axis=0))}
    if semantic is not None and semantic.shape == scores.shape and min(scores.shape) >= 2:
        # min_score raises the bar above the calibrated one; it never lowers it.
        floor = max(LINK_PROBABILITY, min_score if min_score > DEFAULT_MIN_SCORE else 0.0)
        probability = link_probability(scores, semantic).astype(np.float32)
        # Clear pivot-text matches stand as they are (they also catch a report sentence that
        # joins two claims); the embeddings decide the sentences those leave unlinked.
        lexical = select_links(scores, min_score=min_score, max_links=max_links,
                               also=clause_pairs | best_pairs)
        # ... unless the embeddings make them unlikely (a fluent translation matches many
        # sentences by shared wording that say different things), or find another original
        # sentence more likely (the doubtful pivot-text link gives way to it).
        semantic_links = select_semantic_links(probability, min_probability=floor)
        most_likely = probability.argmax(axis=0)

        def stands(link: ClaimLink) -> bool:
            p = probability[link.original, link.report]
            return p >= KEEP_LEXICAL_PROBABILITY and (
                most_likely[link.report] == link.original or p >= floor
                or link.score >= CLEAR_LEXICAL or (link.original, link.report) in clause_pairs)

        lexical = [replace(link, score=max(link.score, float(probability[link.original,
                                                                          link.report])))
                   for link in lexical if stands(link)]
        decided = {link.report for link in lexical}
        extra = [link for link in semantic_links if link.report not in decided]
        links = sorted(lexical + extra, key=lambda link: (link.report, -link.score))
        return ClaimAlignment(links, np.maximum(probability, scores), True,
                              story_relatedness(scores, semantic), scores)
    links = select_links(scores, min_score=min_score, max_links=max_links,
                         also=clause_pairs | best_pairs)
    if min_score <= DEFAULT_MIN_SCORE:  # a raised bar is the user's: no looser links then
        linked = {link.report for link in links}
        links = sorted([*links, *(link for link in mutual_links(scores)
                                  if link.report not in linked)],
                       key=lambda link: (link.report, -link.score))
    return ClaimAlignment(links, scores, False, similarity=scores)


def _standardise(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    spread = float(matrix.std())
    result: npt.NDArray[np.float64] = (matrix - matrix.mean()) / max(spread, 1e-6)
    return result


def _csls(cosines: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Cosine minus the mean of each side's nearest neighbours: hubs stop winning everywhere."""
    k_rows = min(NEIGHBOURS, cosines.shape[1])
    k_cols = min(NEIGHBOURS, cosines.shape[0])
    rows = np.sort(cosines, axis=1)[:, -k_rows:].mean(axis=1)
    cols = np.sort(cosines, axis=0)[-k_cols:, :].mean(axis=0)
    result: npt.NDArray[np.float64] = 2 * cosines - rows[:, None] - cols[None, :]
    return result


def semantic_evidence(
    lexical: npt.NDArray[np.float32], semantic: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """Relative evidence that two sentences make the same claim (standard deviations)."""
    return (_standardise(_csls(semantic.astype(np.float64)))
            + LEXICAL_SHARE * _standardise(lexical.astype(np.float64)))


def _sigmoid(x: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))
    return result


def _top3_mean(matrix: npt.NDArray[np.float32]) -> float:
    best = np.sort(matrix.max(axis=0))[-3:]
    return float(best.mean())


def story_relatedness(
    lexical: npt.NDArray[np.float32], semantic: npt.NDArray[np.float32]
) -> float:
    """0..1: how clearly the two articles report the same events at all.

    Relative evidence always finds a best pair, even between unrelated stories: this says
    whether there is anything to find.
    """
    if lexical.size == 0:
        return 0.0
    u = ((_top3_mean(lexical) - _STORY_LEXICAL[0]) / _STORY_LEXICAL[1]
         + (_top3_mean(semantic) - _STORY_SEMANTIC[0]) / _STORY_SEMANTIC[1])
    return float(_sigmoid(_STORY_SLOPE * (u - _STORY_CENTRE)))


def link_probability(
    lexical: npt.NDArray[np.float32], semantic: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """For every pair, the probability that the original sentence is the report sentence's
    counterpart, were it chosen: its evidence, its margin over the best other original
    sentence, and the story's relatedness."""
    evidence = semantic_evidence(lexical, semantic)
    if evidence.shape[0] > 1:
        order = np.sort(evidence, axis=0)
        best, second = order[-1], order[-2]
        # The runner-up of the best is the second; of any other candidate, the best.
        rival = np.where(evidence >= best[None, :], second[None, :], best[None, :])
        margin = evidence - rival
    else:
        margin = np.zeros_like(evidence)
    a, b, c = _TOP
    probability = _sigmoid(a * evidence + b * margin + c)
    return probability * story_relatedness(lexical, semantic)


def select_semantic_links(
    probability: npt.NDArray[np.float32], *, min_probability: float = LINK_PROBABILITY
) -> list[ClaimLink]:
    """Per report sentence, its best original sentence when the link is probable enough."""
    links: list[ClaimLink] = []
    for j in range(probability.shape[1]):
        i = int(probability[:, j].argmax())
        p = float(probability[i, j])
        if p >= min_probability:
            links.append(ClaimLink(i, j, p))
    return links


def mutual_links(
    scores: npt.NDArray[np.float32],
    *,
    min_score: float = MUTUAL_MIN_SCORE,
    margin: float = MUTUAL_MARGIN,
) -> list[ClaimLink]:
    """Pairs under the threshold that still stand out: each is the other's best match, and
    the report sentence's best scores `margin` times its runner-up. A low score alone says
    little (short sentences share few words), but one that is clearly the best both ways
    is rarely chance: the relative decision of bitext mining, without the embeddings."""
    if min(scores.shape, default=0) < 2:
        return []
    if _top3_mean(scores) < MUTUAL_STORY:  # few clear matches at all: unrelated stories
        return []
    order = np.argsort(-scores, axis=0)
    best_report = scores.argmax(axis=1)
    links: list[ClaimLink] = []
    for j in range(scores.shape[1]):
        i, runner_up = int(order[0, j]), int(order[1, j])
        score = float(scores[i, j])
        if (score >= min_score and int(best_report[i]) == j
                and score >= margin * max(float(scores[runner_up, j]), 1e-6)):
            links.append(ClaimLink(i, j, score))
    return links


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
