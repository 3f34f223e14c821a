"""The report every layout shares: one row per original sentence, its best match per source.

HTML, PDF and the tables all read this model, so they always show the same alignment, flags
and metadata. Building it never fails on odd data: an id a workspace names but no article
holds shows as an empty cell rather than an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

from parallax import __version__
from parallax.core.article import Article
from parallax.core.comparison import DELETE, Comparison, DiffSpan, Flag
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

MACHINE = "machine"  # column key of the original's own machine translation


@dataclass(frozen=True)
class SourceInfo:
    """What a reader needs to know about where a column's text came from."""

    key: str  # ORIGINAL or a source id
    role: str  # "original", "translation" or "report"
    name: str
    title: str
    outlet: str | None
    published: datetime | None
    lang: str
    origin: str | None  # file path or URL, shown as text only
    sentence_count: int


@dataclass(frozen=True)
class EngineInfo:
    key: str  # whose text it translated: ORIGINAL or a source id
    engine: str
    version: str
    source_lang: str
    target_lang: str
    is_gloss: bool
    server: str = ""
    model: str = ""
    model_version: str = ""

    @property
    def provenance(self) -> str:
        """Server, model and model version, as far as they are known ("" for none)."""
        parts = [f"server {self.server}" if self.server else "",
                 f"model {self.model}" if self.model else "",
                 f"model version {self.model_version}" if self.model_version else ""]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Cell:
    """One source's counterpart of an original sentence (or a sentence nothing links to)."""

    source: str
    sentence: str | None  # None: the source has no counterpart
    text: str
    translation: str | None  # pivot-language text, when the source is translated
    score: float | None
    diff: tuple[DiffSpan, ...] = ()
    flags: tuple[Flag, ...] = ()
    note: str | None = None  # the analyst's note on this sentence
    by: str = "engine"  # "analyst" when the pair was linked by hand

    @property
    def matched(self) -> bool:
        return self.sentence is not None

    @property
    def diff_shows_text(self) -> bool:
        """Whether the diff's other side already is this sentence (so it need not show twice).

        True when the source was compared in its own language (an English report against an
        English pivot, a Chinese report against the Chinese original).
        """
        other = "".join(span.text for span in self.diff if span.op != DELETE)
        return bool(self.diff) and _loose(other) == _loose(self.text)


@dataclass(frozen=True)
class Row:
    original: str  # sentence id, or TITLE for the headline
    text: str
    translation: str | None  # the original's pivot translation (hand edit first)
    cells: tuple[Cell, ...]  # one per `Report.sources`, in that order
    flags: tuple[Flag, ...]  # every flag that points at this original sentence
    note: str | None = None  # the analyst's note on this original sentence

    @property
    def unmatched(self) -> bool:
        """No source has a counterpart, or a flag the analyst did not dismiss says so."""
        if any(f.kind == "unmatched_claim" and not f.dismissed for f in self.flags):
            return True
        return bool(self.cells) and not any(c.matched for c in self.cells)


@dataclass(frozen=True)
class SentenceNote:
    """The analyst's note on one sentence, with where it is (every note, wherever the grid
    shows the sentence or not)."""

    key: str  # ORIGINAL or a source id
    sentence: str  # sentence id, or TITLE
    text: str  # the sentence
    note: str


@dataclass(frozen=True)
class Report:
    title: str
    original: SourceInfo
    sources: tuple[SourceInfo, ...]  # translations first, then reports
    rows: tuple[Row, ...]
    leftovers: tuple[Cell, ...]  # source sentences no original sentence links to
    flags: tuple[Flag, ...]
    engines: tuple[EngineInfo, ...]
    settings: Mapping[str, Any]
    notes: tuple[str, ...]
    pivot_lang: str
    sentence_notes: tuple[SentenceNote, ...] = ()  # the analyst's notes, original first
    # What the analyst's review changed, in words and numbers ("Pairs linked by hand", 2);
    # empty when nothing was reviewed.
    review_summary: tuple[tuple[str, int], ...] = ()
    app_version: str = __version__
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def source(self, key: str) -> SourceInfo:
        for info in self.sources:
            if info.key == key:
                return info
        return self.original if key == ORIGINAL else _unknown_source(key)

    @cached_property  # asked once per row by the writers: a scan each time was quadratic
    def has_machine_translation(self) -> bool:
        """Whether the original has any pivot-language text to show in a column of its own."""
        return any(row.translation for row in self.rows)

    @cached_property
    def original_is_gloss(self) -> bool:
        """Whether the original's pivot text is a word-by-word dictionary gloss, not a
        translation (then every export calls it a gloss)."""
        return any(e.key == ORIGINAL and e.is_gloss for e in self.engines)

    def coverage(self) -> list[list[float | None]]:
        """Scores, rows × sources: the heat map of who reports what."""
        return [[c.score if c.matched else None for c in row.cells] for row in self.rows]


def _loose(text: str) -> str:
    return "".join(text.split()).casefold()


def _unknown_source(key: str) -> SourceInfo:
    return SourceInfo(key, "report", key, "", None, None, "und", None, 0)


def _info(key: str, role: str, name: str, article: Article) -> SourceInfo:
    return SourceInfo(
        key=key,
        role=role,
        name=name,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        lang=article.lang,
        origin=article.source,
        sentence_count=article.sentence_count,
    )


def sentence_text(article: Article, sentence_id: str) -> str:
    """A sentence's text, the headline for TITLE, or "" for an id the article lacks."""
    if sentence_id == TITLE:
        return article.title
    return article.sentence(sentence_id).text if article.has_sentence(sentence_id) else ""


def build_report(
    workspace: Workspace,
    comparison: Comparison,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Report:
    original = workspace.original
    sources = (*workspace.versions(), *workspace.reports())
    infos = tuple(_info(s.id, s.role, s.display_name, s.article) for s in sources)
    row_ids = ([TITLE] if original.title.strip() else []) + [s.id for s in original.sentences]
    total = len(row_ids) + len(sources)

    linked_by_source: dict[str, set[str]] = {}
    for each in comparison.links:
        linked_by_source.setdefault(each.source, set()).add(each.sentence)
    rows: list[Row] = []
    for done, row_id in enumerate(row_ids):
        if cancel is not None:
            cancel.raise_if_cancelled()
        cells = []
        for source in sources:
            link = comparison.best_link(row_id, source.id)
            by = "engine"
            if link is not None:
                sid: str | None = link.sentence
                score: float | None = link.score
                diff = link.diff
                by = link.by
            elif row_id == TITLE and source.article.title:
                sid, score, diff = TITLE, None, ()  # headlines always face each other
            else:
                sid, score, diff = None, None, ()
            cells.append(
                Cell(
                    source=source.id,
                    sentence=sid,
                    text="" if sid is None else sentence_text(source.article, sid),
                    translation=None if sid is None else workspace.translation_text(
                        source.id, sid),
                    score=score,
                    diff=diff,
                    # The original's own flags are the row's (`Row.flags`).
                    flags=tuple(f for f in comparison.flags_on(row_id, source.id, sid)
                                if f.source is not None),
                    note=None if sid is None else workspace.review.note(source.id, sid),
                    by=by,
                )
            )
        rows.append(
            Row(
                original=row_id,
                text=sentence_text(original, row_id),
                translation=workspace.translation_text(ORIGINAL, row_id),
                cells=tuple(cells),
                flags=comparison.flags_of(row_id),
                note=workspace.review.note(ORIGINAL, row_id),
            )
        )
        if on_progress is not None:
            on_progress(done + 1, total)

    leftovers: list[Cell] = []
    for done, source in enumerate(sources):
        linked = linked_by_source.get(source.id, set())
        for sentence in source.article.sentences:
            if sentence.id in linked:
                continue
            leftovers.append(
                Cell(
                    source=source.id,
                    sentence=sentence.id,
                    text=sentence.text,
                    translation=workspace.translation_text(source.id, sentence.id),
                    score=None,
                    flags=comparison.flags_on(None, source.id, sentence.id),
                    note=workspace.review.note(source.id, sentence.id),
                )
            )
        if on_progress is not None:
            on_progress(len(row_ids) + done + 1, total)

    engines = tuple(
        EngineInfo(key, mt.engine, mt.engine_version, mt.source_lang, mt.target_lang, mt.is_gloss,
                   mt.server, mt.model, mt.model_version)
        for key, mt in workspace.translations.items()
    )
    return Report(
        title=original.title,
        original=_info(ORIGINAL, "original", original.outlet or "Original", original),
        sources=infos,
        rows=tuple(rows),
        leftovers=tuple(leftovers),
        flags=comparison.flags,
        engines=engines,
        settings=workspace.settings.to_dict(),
        notes=comparison.notes,
        pivot_lang=workspace.settings.pivot_lang,
        sentence_notes=_sentence_notes(workspace),
        review_summary=_review_summary(workspace, comparison),
    )


def _review_summary(workspace: Workspace, comparison: Comparison) -> tuple[tuple[str, int], ...]:
    if workspace.review.empty:
        return ()
    counts = (
        ("Pairs linked by hand", sum(1 for link in comparison.links if link.by == "analyst")),
        ("Machine links removed", len(workspace.review.unlinked)),
        ("Flags confirmed", sum(1 for f in comparison.flags if f.decision == "confirmed")),
        ("Flags dismissed", sum(1 for f in comparison.flags if f.dismissed)),
        ("Notes", len([f for f in comparison.flags if f.note])
         + sum(len(v) for v in workspace.review.notes.values())),
    )
    return tuple(counts)


def _sentence_notes(workspace: Workspace) -> tuple[SentenceNote, ...]:
    notes: list[SentenceNote] = []
    for key in (ORIGINAL, *(s.id for s in workspace.sources)):
        by_id = workspace.review.notes.get(key, {})
        if not by_id:
            continue
        article = workspace.article(key)
        order = [TITLE, *(s.id for s in article.sentences)]
        for sentence_id in sorted(by_id, key=lambda i: order.index(i) if i in order else 1 << 30):
            notes.append(SentenceNote(key, sentence_id, sentence_text(article, sentence_id),
                                      by_id[sentence_id]))
    return tuple(notes)
