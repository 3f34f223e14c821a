"""Compare a workspace: align every source with the original, diff the pairs, raise flags.

Pivot texts (the language everything is compared in, `settings.pivot_lang`, English by
default): a sentence's hand edit, else its machine translation; a source already in the pivot
language is its own pivot. When the original has no pivot text, a human translation among the
sources (role "translation", in the pivot language) is aligned to it and used instead, else
the dictionary gloss; `Comparison.notes` says which. A source with no pivot text is compared
in what can be compared: directly when it shares the original's language (two Chinese
texts), otherwise by numbers and gazetteer names only, with a note.

Translations get version alignment (core.versions.align_versions) and a word diff against the
original's machine translation, or against the translation used as the original's pivot.
Reports get claim alignment (core.align.claim_alignment) and framing flags (core.framing).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from parallax.core.align import ClaimAlignment, claim_alignment
from parallax.core.article import Article
from parallax.core.comparison import Comparison, DiffSpan, Flag, Link, Pivot, ReportOnly
from parallax.core.diff import word_diff
from parallax.core.entities import Name
from parallax.core.errors import EmptyArticleError
from parallax.core.framing import (
    Where,
    claim_entity_flags,
    gazetteer_names_of,
    headline_flags,
    lexicon_hits,
    merged_lexicon_flags,
    names_of,
    number_flags,
)
from parallax.core.language import same_language as _same_lang
from parallax.core.lexicon import Hit
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.review import apply_review
from parallax.core.semantic import (
    SECONDS_PER_SENTENCE,
    SemanticModelError,
    SentenceEncoder,
    get_encoder,
    unavailable_reason,
)
from parallax.core.similarity import with_feature_cache
from parallax.core.versions import VersionPair, align_versions
from parallax.core.workspace import ORIGINAL, TITLE, Source, Workspace

log = logging.getLogger(__name__)

# A claim is called unmatched ("no other source makes this") only when its most plausible
# pair in every report stays under this: a calibrated link probability with the embedding
# model, a similarity without it (where unrelated news sentences reach 0.07 on their own, so
# the plain scores rarely allow that certainty and say "no close match" instead).
NO_MATCH_PROBABILITY = 0.05
NO_MATCH_SIMILARITY = 0.05
# New sentences the embedding model may take in one comparison (about 10 s on 2 cores); the
# GUI's background refinement allows more.
SEMANTIC_BUDGET = 250


def _ids(article: Article) -> list[str]:
    return [s.id for s in article.sentences]


def _own_pivot(article: Article) -> Pivot:
    texts = {s.id: s.text for s in article.sentences}
    if article.title.strip():
        texts[TITLE] = article.title
    return Pivot(texts, "own")


def _translated_pivot(workspace: Workspace, key: str, article: Article) -> Pivot | None:
    texts: dict[str, str] = {}
    for sid in [TITLE, *_ids(article)]:
        text = workspace.translation_text(key, sid)
        if text is not None:
            texts[sid] = text
    if not any(sid in texts for sid in _ids(article)):
        return None
    machine = workspace.translations.get(key)
    glossed = machine is not None and machine.is_gloss and not workspace.edits.get(key)
    return Pivot(texts, "gloss" if glossed else "translation")


def source_pivot(workspace: Workspace, source: Source, notes: list[str]) -> Pivot | None:
    pivot_lang = workspace.settings.pivot_lang
    article = source.article
    if _same_lang(article.lang, pivot_lang):
        return _own_pivot(article)
    pivot = _translated_pivot(workspace, source.id, article)
    if pivot is None:
        return None
    missing = sum(1 for sid in _ids(article) if sid not in pivot.texts)
    if missing:
        notes.append(f"{source.display_name}: {missing} sentences have no {pivot_lang} "
                     "translation yet and are compared as empty.")
    return pivot


def original_pivot(workspace: Workspace, notes: list[str]) -> Pivot | None:
    original = workspace.original
    pivot_lang = workspace.settings.pivot_lang
    if _same_lang(original.lang, pivot_lang):
        return _own_pivot(original)
    pivot = _translated_pivot(workspace, ORIGINAL, original)
    machine = workspace.translations.get(ORIGINAL)
    glossed = machine is not None and machine.is_gloss and not workspace.edits.get(ORIGINAL)
    has_version = any(_same_lang(v.article.lang, pivot_lang) for v in workspace.versions())
    if pivot is not None and not (glossed and has_version):  # a human translation beats a gloss
        if glossed:
            notes.append("The original's English text is a dictionary gloss, not a translation: "
                         "alignment is rougher. Install a translation model for better results.")
        return pivot
    for version in workspace.versions():
        if _same_lang(version.article.lang, pivot_lang):
            pairs = _version_pairs(original, version.article)
            ids_o, v_sentences = _ids(original), version.article.sentences
            texts: dict[str, str] = {}
            for pair in pairs:
                joined = " ".join(v_sentences[k].text for k in pair.translation)
                for k in pair.original:
                    texts[ids_o[k]] = joined
            if version.article.title.strip():
                texts[TITLE] = version.article.title
            lacking = "only a dictionary gloss" if glossed else "no machine translation"
            notes.append(f"The original has {lacking}: {version.display_name} is used as its "
                         f"{pivot_lang} text.")
            return Pivot(texts, f"version:{version.id}")
    gloss = _gloss_pivot(original, pivot_lang)
    if gloss is not None:
        notes.append("The original has no translation: a dictionary gloss is used as its "
                     f"{pivot_lang} text, so alignment is rougher. Translate it for better "
                     "results.")
        return gloss
    notes.append(f"The original has no {pivot_lang} text: sources are compared with it only "
                 "where they share its language, or by numbers and names.")
    return None


def _gloss_pivot(original: Article, pivot_lang: str) -> Pivot | None:
    try:
        from parallax.core.translate.article_translation import translate_article
        from parallax.core.translate.gloss import GlossEngine
    except ImportError:
        return None
    try:
        machine = translate_article(original, GlossEngine(), pivot_lang)
    except Exception as exc:
        log.warning("dictionary gloss failed: %s", exc)
        return None
    return Pivot(dict(machine.texts), "gloss")


def _pivots(workspace: Workspace, o_pivot: Pivot | None) -> dict[str, Pivot]:
    """The pivot texts compared, per article key, kept with the comparison for its readers."""
    found = {ORIGINAL: o_pivot} if o_pivot is not None else {}
    for source in workspace.reports():
        pivot = source_pivot(workspace, source, [])  # its notes are taken in _compare_report
        if pivot is not None:
            found[source.id] = pivot
    return found


def _encoder(wanted: bool | None, has_reports: bool, notes: list[str]) -> SentenceEncoder | None:
    if wanted is False or not has_reports:
        return None
    encoder = get_encoder()
    if encoder is None:
        reason = unavailable_reason() or "not available"
        notes.append(f"Claims were matched without the sentence-embedding model ({reason}): "
                     "links between languages are rougher.")
    return encoder


def _diff(a: str | None, b: str | None, lang: str, workspace: Workspace) -> tuple[DiffSpan, ...]:
    if a is None or b is None:
        return ()
    s = workspace.settings
    return word_diff(a, b, lang, ignore_case=s.ignore_case,
                     ignore_punctuation=s.ignore_punctuation,
                     ignore_whitespace=s.ignore_whitespace)


@with_feature_cache  # sentence features are the comparison's: released when it returns
def compare_workspace(
    workspace: Workspace,
    *,
    min_score: float | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    semantic: bool | None = None,
    semantic_budget: int | None = SEMANTIC_BUDGET,
) -> Comparison:
    """Align, diff and flag every source of `workspace` against its original.

    `semantic`: also match claims with the sentence-embedding model (`core.semantic`); None
    uses it when it is installed, False never (the quick first pass of the GUI).
    `semantic_budget`: the most sentences the model may embed that it has not seen before
    (None: no limit); past it the comparison goes without it and says so. 0 asks for the
    model only when every sentence's vector is cached already, and says nothing otherwise.
    """
    original = workspace.original
    if original.sentence_count == 0:
        raise EmptyArticleError("The original article has no sentences to compare.")
    for source in workspace.sources:
        if source.article.sentence_count == 0:
            raise EmptyArticleError(
                f"{source.display_name} has no sentences: remove it or load the full text."
            )
    threshold = workspace.settings.min_score if min_score is None else min_score
    total = len(workspace.sources) + 2
    step = 0

    def advance() -> None:
        nonlocal step
        if cancel is not None:
            cancel.raise_if_cancelled()
        step += 1
        if on_progress is not None:
            on_progress(step, total)

    notes: list[str] = []
    links: list[Link] = []
    flags: list[Flag] = []
    pivot_lang = workspace.settings.pivot_lang
    o_pivot = original_pivot(workspace, notes)
    encoder = _encoder(semantic, bool(workspace.reports()), notes)
    if encoder is not None and semantic_budget is not None:
        texts = [original.title, *(s.text for s in original.sentences)] + [
            text for source in workspace.reports()
            for text in (source.article.title, *(s.text for s in source.article.sentences))]
        new = encoder.uncached(texts)
        if new > semantic_budget:
            if semantic_budget > 0:  # a budget of 0 asks for the model only when it is free
                notes.append(f"The sentence-embedding model was not used: {new} sentences are "
                             f"new to it (about {new * SECONDS_PER_SENTENCE:.0f} s of work). "
                             "Claims were matched on the translated texts only.")
            encoder = None
    advance()

    # The original's own wording.
    o_hits = {s.id: lexicon_hits(s.text, original.lang) for s in original.sentences}
    flags.extend(headline_flags(original.title, original.lang,
                                [(s.id, s.text) for s in original.sentences]))
    flags.extend(merged_lexicon_flags([(s.id, Where(original=s.id), o_hits[s.id])
                                       for s in original.sentences]))

    linked_originals: set[str] = set()
    reports = workspace.reports()
    report_only: list[ReportOnly] = []
    nearest: dict[str, list[tuple[float, bool]]] = {}
    results: list[_ReportResult] = []
    for source in workspace.sources:
        if source.role == "translation":
            links.extend(_compare_version(workspace, source, o_pivot, flags))
        else:
            result = _compare_report(workspace, source, o_pivot, threshold, notes, o_hits,
                                     flags, encoder, cancel)
            results.append(result)
            links.extend(result.links)
            report_only.extend(result.report_only)
            linked_originals.update(link.original for link in result.links)
            for sid, value in result.nearest.items():
                nearest.setdefault(sid, []).append((value, result.calibrated))
        advance()

    if reports:
        flags.extend(_name_flags(results))
        flags.extend(_claim_flags(original, linked_originals, nearest))
    log.debug("compared %d sources in %s", len(workspace.sources), pivot_lang)
    advance()
    return apply_review(Comparison(tuple(links), tuple(flags),
                                   tuple(dict.fromkeys(notes)), tuple(report_only),
                                   _pivots(workspace, o_pivot),
                                   embedded=any(r.calibrated for r in results)),
                        workspace.review, workspace)


def _name_flags(results: list[_ReportResult]) -> list[Flag]:
    """A name no report uses is one flag against all of them, at its first sentence; the
    per-source flags keep the names some reports use and others do not."""
    if not results:
        return []
    nowhere = set(results[0].absent)
    for result in results[1:]:
        nowhere &= set(result.absent)
    flags: list[Flag] = []
    for key, (sentence_id, name) in results[0].absent.items():
        if key in nowhere:
            flags.append(Flag("entity_only_here", name.text,
                              f"“{name.text}” is named in the original and by none of the "
                              "other sources.", sentence_id, confidence=0.7))
    for result in results:
        flags.extend(flag for key, flag in result.name_flags
                     if not (flag.kind == "entity_only_here" and key in nowhere))
    return flags


def _claim_flags(
    original: Article, linked: set[str], nearest: dict[str, list[tuple[float, bool]]]
) -> list[Flag]:
    """Original sentences no report links: "no other source" only when nothing comes close
    in any report, else the milder "no close match"."""
    flags: list[Flag] = []
    for sentence in original.sentences:
        if sentence.id in linked:
            continue
        # Closeness relative to each source's own bar, so calibrated and plain scores mix.
        relative = [value / (NO_MATCH_PROBABILITY if calibrated else NO_MATCH_SIMILARITY)
                    for value, calibrated in nearest.get(sentence.id, [])]
        closest = max(relative, default=0.0)
        if closest < 1.0:
            flags.append(Flag("unmatched_claim", sentence.text,
                              "No other source makes this claim: nothing in any report comes "
                              "close.", sentence.id,
                              confidence=round(1.0 - 0.5 * closest, 3)))
        else:
            flags.append(Flag("no_close_match", sentence.text,
                              "No close match found in the other sources; a looser "
                              "counterpart may exist.", sentence.id,
                              confidence=0.5))
    return flags


def _compare_version(
    workspace: Workspace, source: Source, o_pivot: Pivot | None, flags: list[Flag]
) -> list[Link]:
    original = workspace.original
    article = source.article
    o_ids, t_ids = _ids(original), _ids(article)
    o_texts = [s.text for s in original.sentences]
    t_texts = [s.text for s in article.sentences]
    pairs = _version_pairs(original, article)
    # What the translation is diffed against: the original's text in the translation's language.
    reference: Pivot | None = None
    if _same_lang(article.lang, original.lang):
        reference = _own_pivot(original)
    elif o_pivot is not None and o_pivot.how != f"version:{source.id}" and _same_lang(
        article.lang, workspace.settings.pivot_lang
    ):
        reference = o_pivot
    label = source.display_name
    links: list[Link] = []
    for pair in pairs:
        if not pair.original or not pair.translation:
            continue
        t_text = " ".join(t_texts[k] for k in pair.translation)
        o_text = " ".join(o_texts[k] for k in pair.original)
        diff: tuple[DiffSpan, ...] = ()
        if reference is not None:
            ref = [reference.get(o_ids[k]) for k in pair.original]
            if all(r is not None for r in ref):
                diff = _diff(" ".join(r for r in ref if r is not None), t_text, article.lang,
                             workspace)
        for ko in pair.original:
            for kt in pair.translation:
                links.append(Link(o_ids[ko], source.id, t_ids[kt], pair.score, diff))
        first = t_ids[pair.translation[0]]
        where = Where(o_ids[pair.original[0]], source.id, first, label)
        flags.extend(number_flags(o_text, original.lang, t_text, article.lang, where))
    return links


@dataclass
class _ReportResult:
    links: list[Link]
    report_only: list[ReportOnly]
    # per original sentence id: how plausible its best pair with this source was
    nearest: dict[str, float]
    calibrated: bool
    name_flags: list[tuple[str, Flag]]  # (name key, flag): names one side never uses
    absent: dict[str, tuple[str, Name]]  # names of the original this source never uses


def _compare_report(
    workspace: Workspace,
    source: Source,
    o_pivot: Pivot | None,
    threshold: float,
    notes: list[str],
    o_hits: dict[str, list[Hit]],
    flags: list[Flag],
    encoder: SentenceEncoder | None = None,
    cancel: CancelToken | None = None,
) -> _ReportResult:
    original = workspace.original
    article = source.article
    pivot_lang = workspace.settings.pivot_lang
    o_ids, r_ids = _ids(original), _ids(article)
    o_native = [s.text for s in original.sentences]
    r_pivot = source_pivot(workspace, source, notes)
    same_native = _same_lang(original.lang, article.lang)
    label = source.display_name
    # Headlines are claims too: they take part as extra rows and columns (see below).
    o_keys = ([TITLE] if _own_headline(original) else []) + o_ids
    r_keys = ([TITLE] if _own_headline(article) else []) + r_ids
    o_head, r_head = len(o_keys) - len(o_ids), len(r_keys) - len(r_ids)
    cosines_all = None
    if encoder is not None:
        try:
            cosines_all = encoder.cosines(
                _natives(original, o_keys), _natives(article, r_keys),
                cancel.raise_if_cancelled if cancel is not None else None)
        except (OSError, SemanticModelError) as exc:  # the comparison never depends on it
            log.warning("sentence embeddings failed: %s", exc)
            notes.append(f"The sentence-embedding model could not be used ({exc}): claims were "
                         "matched on the translated texts only.")
    if o_pivot is not None and r_pivot is not None:
        compare_in = "pivot"
    elif same_native:
        compare_in = "native"
        if r_pivot is None and not _same_lang(article.lang, pivot_lang):
            notes.append(f"{label} ({article.lang}) has no {pivot_lang} translation: it is "
                         f"compared with the original directly in {article.lang}.")
    else:
        compare_in = "anchors"
        notes.append(f"{label} ({article.lang}) has no {pivot_lang} translation (no model for "
                     f"{article.lang}?): it is compared with the original by numbers and names "
                     "only, without word diffs.")

    def align(keys_o: list[str], keys_r: list[str],
              cosines: npt.NDArray[np.float32] | None, clauses: bool = True) -> tuple[
                  ClaimAlignment, tuple[Sequence[str], Sequence[str], str] | None]:
        n_o, n_r = _natives(original, keys_o), _natives(article, keys_r)
        if compare_in == "pivot" and o_pivot is not None and r_pivot is not None:
            p_o = [o_pivot.get(k) or "" for k in keys_o]
            p_r = [r_pivot.get(k) or "" for k in keys_r]
            return claim_alignment(
                p_o, p_r, min_score=threshold, orig_lang=pivot_lang, report_lang=pivot_lang,
                original_native=n_o, report_native=n_r, original_native_lang=original.lang,
                report_native_lang=article.lang, semantic=cosines,
                original_published=_day(original), report_published=_day(article),
                clauses=clauses,
            ), (p_o, p_r, pivot_lang)
        found = claim_alignment(n_o, n_r, min_score=threshold, orig_lang=original.lang,
                                report_lang=article.lang, semantic=cosines, clauses=clauses)
        return found, ((n_o, n_r, original.lang) if compare_in == "native" else None)

    cosines = cosines_all[o_head:, r_head:] if cosines_all is not None else None
    alignment, diff_texts = align(o_ids, r_ids, cosines)
    headline_links: list[Link] = []
    if o_head and r_head:
        # The same decision over the texts with their headlines, of which only a link
        # between the two headlines is kept: a headline sums up its body, whose sentences
        # are linked one by one, so the body's links stay those of the body alone.
        # The two must also be each other's best match (as in bitext mining) and share a
        # word, name or number, so a headline that says little is not linked for want of
        # anything better.
        # (whole sentences only: what a clause matches decides no headline link)
        with_heads, head_texts = align(o_keys, r_keys, cosines_all, clauses=False)
        shared = with_heads.similarity
        mutual = (bool(with_heads.plausibility.size)
                  and int(with_heads.plausibility[0].argmax()) == 0
                  and shared is not None and float(shared[0, 0]) > 0.0)
        for claim in with_heads.links:
            o_key, r_key = o_keys[claim.original], r_keys[claim.report]
            if o_key == TITLE and r_key == TITLE and mutual:
                head_diff: tuple[DiffSpan, ...] = ()
                if head_texts is not None:
                    a, b, lang = head_texts
                    head_diff = _diff(a[claim.original], b[claim.report], lang, workspace)
                headline_links.append(Link(o_key, source.id, r_key, claim.score, head_diff))
                at = Where(o_key, source.id, r_key, label)
                o_text = _natives(original, [o_key])[0]
                r_text = _natives(article, [r_key])[0]
                flags.extend(replace(flag, confidence=round(claim.score, 3)) for flag in
                             number_flags(o_text, original.lang, r_text, article.lang, at))
    claims = alignment.links
    plausible = alignment.plausibility
    if alignment.relatedness is not None and alignment.relatedness < 0.5:
        notes.append(f"{label} does not seem to report the same events as the original: few "
                     "or none of its sentences are linked.")
    no_match = NO_MATCH_PROBABILITY if alignment.calibrated else NO_MATCH_SIMILARITY

    links: list[Link] = []
    best_for_report: dict[int, int] = {}
    linked_by_report: dict[int, list[int]] = {}
    linked_by_original: dict[int, list[int]] = {}
    score_of: dict[tuple[int, int], float] = {}
    for claim in claims:
        linked_by_report.setdefault(claim.report, []).append(claim.original)
        linked_by_original.setdefault(claim.original, []).append(claim.report)
        score_of[(claim.original, claim.report)] = claim.score
        diff: tuple[DiffSpan, ...] = ()
        if diff_texts is not None:
            a, b, lang = diff_texts
            diff = _diff(a[claim.original], b[claim.report], lang, workspace)
        links.append(Link(o_ids[claim.original], source.id, r_ids[claim.report], claim.score,
                          diff))
        if claim.report not in best_for_report:
            best_for_report[claim.report] = claim.original  # claims are sorted best first
    links.extend(headline_links)

    # Names are compared in a language both sentences can be read in.
    def names(text_native: str, lang: str, pivot_text: str | None) -> list[Name]:
        if compare_in == "pivot" and not same_native:
            found = names_of(pivot_text or "", pivot_lang) + gazetteer_names_of(text_native,
                                                                                lang)
        elif compare_in == "anchors":
            found = gazetteer_names_of(text_native, lang)
        else:
            found = names_of(text_native, lang)
        return list({n.key: n for n in reversed(found)}.values())[::-1]

    o_names = [names(s.text, original.lang, o_pivot.get(s.id) if o_pivot else None)
               for s in original.sentences]
    r_names = [names(s.text, article.lang, r_pivot.get(s.id) if r_pivot else None)
               for s in article.sentences]
    o_title = names(original.title, original.lang, o_pivot.get(TITLE) if o_pivot else None)
    r_title = names(article.title, article.lang, r_pivot.get(TITLE) if r_pivot else None)
    # The original sentence nearest each report sentence, where one comes at all close.
    nearest_original = ({j: int(plausible[:, j].argmax()) for j in range(len(r_ids))
                         if float(plausible[:, j].max()) >= no_match} if plausible.size else {})
    name_flags, absent_names = claim_entity_flags(
        o_names, r_names, o_title, r_title, linked_by_original, best_for_report,
        lambda i, j: Where(o_ids[i], source.id, r_ids[j], label), score_of, nearest_original,
    )

    # The report's own wording: each term once, with how often it is used. Its headline is
    # set against the original's headline; a sentence with no counterpart against the
    # original sentence nearest to it, so the flag shows where the report adds it.
    r_hits: list[tuple[str, Where, list[Hit]]] = []
    if article.title.strip():
        title_skip = ({h.term for h in lexicon_hits(original.title, original.lang)}
                      if same_native else set())
        r_hits.append((TITLE, Where(TITLE, source.id, TITLE, label),
                       [h for h in lexicon_hits(article.title, article.lang)
                        if h.term not in title_skip]))
    for j, sentence in enumerate(article.sentences):
        i = best_for_report.get(j, nearest_original.get(j))
        linked = linked_by_report.get(j, [])
        skip = {h.term for k in linked for h in o_hits[o_ids[k]]} if same_native else set()
        hits = [h for h in lexicon_hits(sentence.text, article.lang) if h.term not in skip]
        where = Where(o_ids[i] if i is not None else None, source.id, sentence.id, label)
        r_hits.append((sentence.id, where, hits))
    flags.extend(merged_lexicon_flags(r_hits))

    report_only: list[ReportOnly] = []
    for j, sentence in enumerate(article.sentences):
        linked = linked_by_report.get(j, [])
        if not linked:
            column = plausible[:, j] if plausible.size else np.zeros(0, dtype=np.float32)
            nearest = int(column.argmax()) if column.size else None
            closeness = float(column[nearest]) if nearest is not None else 0.0
            confident = closeness < no_match
            report_only.append(ReportOnly(source.id, sentence.id,
                                          o_ids[nearest] if nearest is not None else None,
                                          closeness, confident))
            if confident:
                flags.append(Flag("omitted_claim", sentence.text,
                                  f"{label} says this; nothing in the original comes close.",
                                  None, source.id, sentence.id,
                                  confidence=_no_match_confidence(closeness, no_match)))
            continue
        for k in linked:  # numbers against every linked sentence
            at = Where(o_ids[k], source.id, sentence.id, label)
            for flag in number_flags(o_native[k], original.lang, sentence.text, article.lang,
                                     at):
                flags.append(replace(flag, confidence=round(score_of[(k, j)], 3)))
    nearest_of = {o_ids[i]: float(plausible[i].max()) if plausible.shape[1] else 0.0
                  for i in range(len(o_ids))}
    absent = {key: (o_ids[i], name) for key, (i, name) in absent_names.items()}
    return _ReportResult(links, report_only, nearest_of, alignment.calibrated, name_flags,
                         absent)


def _version_pairs(original: Article, translation: Article) -> list[VersionPair]:
    return list(_aligned_versions(tuple(s.text for s in original.sentences),
                                  tuple(s.text for s in translation.sentences),
                                  original.lang, translation.lang))


# A translation used as the original's pivot is also compared as a version: align it once.
@lru_cache(maxsize=4)
def _aligned_versions(original: tuple[str, ...], translation: tuple[str, ...],
                      original_lang: str, translation_lang: str) -> tuple[VersionPair, ...]:
    return tuple(align_versions(original, translation, original_lang=original_lang,
                                translation_lang=translation_lang))


def _own_headline(article: Article) -> bool:
    """Whether the article has a headline of its own: one made up from the start of its
    first sentence (a text stored without a headline) repeats that sentence's claim."""
    title = " ".join(article.title.split())
    first = " ".join(article.sentences[0].text.split()) if article.sentences else ""
    return bool(title) and not first.startswith(title)


def _day(article: Article) -> date | None:
    return article.published.date() if article.published is not None else None


def _natives(article: Article, keys: Sequence[str]) -> list[str]:
    texts = {s.id: s.text for s in article.sentences}
    return [article.title if key == TITLE else texts[key] for key in keys]


def _no_match_confidence(closeness: float, bar: float) -> float:
    """How sure "nothing matches" is: 1 with nothing at all, falling to 0.5 at the bar."""
    return round(1.0 - 0.5 * min(1.0, closeness / bar), 3) if bar > 0 else 1.0
