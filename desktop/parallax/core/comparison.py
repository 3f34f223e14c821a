"""The result of comparing an original with its translations and parallel reports.

Plain immutable data: `core.compare` produces it, the UI colours it, exports write it.
Diffs use diff-match-patch's convention: -1 deleted (only in the original side), 0 equal,
1 inserted (only in the other side).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

DELETE, EQUAL, INSERT = -1, 0, 1

FlagKind = Literal[
    "number_mismatch",
    "number_qualifier",
    "entity_only_here",
    "entity_only_there",
    "loaded_word",
    "vague_attribution",
    "hedge",
    "headline_escalation",
    "unmatched_claim",
    "no_close_match",
    "omitted_claim",
]
Severity = Literal["high", "medium", "low"]
Decision = Literal["confirmed", "dismissed"]  # what the analyst made of a flag
DECISIONS: tuple[Decision, ...] = ("confirmed", "dismissed")
LinkBy = Literal["engine", "analyst"]  # who made a link
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")  # most serious first


@dataclass(frozen=True)
class FlagKindInfo:
    label: str
    severity: Severity  # how much a reader should care, before confidence


# The one list of flag kinds: every label, filter, colour and document reads it.
FLAG_KIND_INFO: Mapping[FlagKind, FlagKindInfo] = {
    "number_mismatch": FlagKindInfo("Different number", "high"),
    "number_qualifier": FlagKindInfo("Different qualifier on a number", "medium"),
    "entity_only_here": FlagKindInfo("Name only in the original", "low"),
    "entity_only_there": FlagKindInfo("Name only in the other source", "low"),
    "loaded_word": FlagKindInfo("Loaded word", "medium"),
    "vague_attribution": FlagKindInfo("Vague attribution", "medium"),
    "hedge": FlagKindInfo("Hedge or booster", "low"),
    "headline_escalation": FlagKindInfo("Headline stronger than the body", "high"),
    "unmatched_claim": FlagKindInfo("Claim no other source makes", "high"),
    "no_close_match": FlagKindInfo("No close match found in the other sources", "low"),
    "omitted_claim": FlagKindInfo("Claim the original leaves out", "medium"),
}
FLAG_KINDS: tuple[FlagKind, ...] = tuple(FLAG_KIND_INFO)
FLAG_LABELS: Mapping[str, str] = {kind: info.label for kind, info in FLAG_KIND_INFO.items()}


@dataclass(frozen=True)
class DiffSpan:
    op: int  # DELETE, EQUAL or INSERT
    text: str

    def to_json(self) -> list[Any]:
        return [self.op, self.text]


@dataclass(frozen=True)
class Link:
    """One original sentence linked to one sentence of another source."""

    original: str  # sentence id in the original
    source: str  # source id
    sentence: str  # sentence id in that source
    score: float  # 0..1, higher is a closer match
    diff: tuple[DiffSpan, ...] = ()  # word-level diff, pivot-language texts
    by: LinkBy = "engine"  # "analyst" for a pair linked by hand (core.review)

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "source": self.source,
            "sentence": self.sentence,
            "score": round(self.score, 4),
            "diff": [d.to_json() for d in self.diff],
            "by": self.by,
        }


@dataclass(frozen=True)
class Flag:
    """A framing signal: where it sits and, for differences, its counterpart."""

    kind: FlagKind
    text: str  # the words that raised it
    detail: str  # a sentence a user reads
    original: str | None = None  # sentence id in the original ("title" for the headline)
    source: str | None = None  # source id, when the flag is about another source
    sentence: str | None = None  # sentence id in that source
    confidence: float = 1.0  # 0..1, how sure the engine is that the flag is right
    count: int = 1  # how often the same thing occurs (a loaded word used three times: 3)
    also: tuple[str, ...] = ()  # the other sentences it occurs in (original ids, or ids
    # in `source` when the flag is about a source's own wording)
    decision: Decision | None = None  # the analyst's verdict (core.review), None: undecided
    note: str = ""  # the analyst's note on this flag (plain text)

    @property
    def dismissed(self) -> bool:
        return self.decision == "dismissed"

    @property
    def severity(self) -> Severity:
        return FLAG_KIND_INFO[self.kind].severity

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "original": self.original,
            "source": self.source,
            "sentence": self.sentence,
            "text": self.text,
            "detail": self.detail,
            "severity": self.severity,
            "confidence": round(self.confidence, 3),
            "count": self.count,
            "also": list(self.also),
            "decision": self.decision,
            "note": self.note or None,
        }


@dataclass(frozen=True)
class ReportOnly:
    """A report sentence linked to no original sentence: a claim only that source makes."""

    source: str
    sentence: str
    nearest: str | None  # the closest original sentence, however far
    closeness: float  # 0..1, how plausible a link to `nearest` was
    confident: bool  # True when nothing in the original plausibly matches

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "sentence": self.sentence, "nearest": self.nearest,
                "closeness": round(self.closeness, 3), "confident": self.confident}


@dataclass(frozen=True)
class Pivot:
    """One article's texts in the pivot language, by sentence id (TITLE for the headline), as
    the comparison compared them, and where they come from."""

    texts: Mapping[str, str]
    how: str  # "own", "translation" (machine or hand-edited), "version:<source id>", "gloss"

    def get(self, sentence_id: str) -> str | None:
        return self.texts.get(sentence_id)

    @property
    def version(self) -> str | None:
        """The source id of the human translation used, for "version:<id>"."""
        return self.how.split(":", 1)[1] if self.how.startswith("version:") else None


@dataclass(frozen=True)
class _Indexes:
    """A comparison's links and flags by where they sit, built once per comparison: views
    and exports look up a sentence's few entries instead of scanning every one (which made
    them quadratic in sentences). Lists keep the comparison's order unless they say so."""

    by_original: Mapping[str, tuple[Link, ...]]  # best first
    to_sentence: Mapping[tuple[str, str], tuple[Link, ...]]  # (source, sentence), best first
    flags_of: Mapping[str, tuple[Flag, ...]]  # by `Flag.original`
    numbered_of: Mapping[str, tuple[tuple[int, Flag], ...]]  # the same with their places
    flags_at: Mapping[tuple[str, str], tuple[Flag, ...]]  # by (source, sentence)
    # Flags on no original sentence: by (source, sentence), and by source for a whole source.
    unplaced_at: Mapping[tuple[str, str], tuple[tuple[int, Flag], ...]]
    unplaced_in: Mapping[str, tuple[tuple[int, Flag], ...]]

    @staticmethod
    def build(links: Sequence[Link], flags: Sequence[Flag]) -> _Indexes:
        by_original: dict[str, list[Link]] = {}
        to_sentence: dict[tuple[str, str], list[Link]] = {}
        for link in links:
            by_original.setdefault(link.original, []).append(link)
            to_sentence.setdefault((link.source, link.sentence), []).append(link)
        numbered_of: dict[str, list[tuple[int, Flag]]] = {}
        flags_at: dict[tuple[str, str], list[Flag]] = {}
        unplaced_at: dict[tuple[str, str], list[tuple[int, Flag]]] = {}
        unplaced_in: dict[str, list[tuple[int, Flag]]] = {}
        for n, flag in enumerate(flags):
            if flag.original is not None:
                numbered_of.setdefault(flag.original, []).append((n, flag))
            if flag.source is not None and flag.sentence is not None:
                flags_at.setdefault((flag.source, flag.sentence), []).append(flag)
                if flag.original is None:
                    unplaced_at.setdefault((flag.source, flag.sentence), []).append((n, flag))
            elif flag.source is not None and flag.original is None:
                unplaced_in.setdefault(flag.source, []).append((n, flag))
        return _Indexes(
            by_original={k: _best_first(v) for k, v in by_original.items()},
            to_sentence={k: _best_first(v) for k, v in to_sentence.items()},
            flags_of={k: tuple(f for _, f in v) for k, v in numbered_of.items()},
            numbered_of={k: tuple(v) for k, v in numbered_of.items()},
            flags_at={k: tuple(v) for k, v in flags_at.items()},
            unplaced_at={k: tuple(v) for k, v in unplaced_at.items()},
            unplaced_in={k: tuple(v) for k, v in unplaced_in.items()},
        )


def _best_first(links: list[Link]) -> tuple[Link, ...]:
    return tuple(sorted(links, key=lambda x: -x.score))  # stable: ties keep their order


def on_pair(flag: Flag, original: str | None, source: str | None, sentence: str | None) -> bool:
    """Whether a flag belongs to the pair (original sentence, source sentence): every place
    it names is in the pair, and it names one at least. Either side may be None (a sentence
    with no counterpart); a flag on the original alone belongs to each of its pairs."""
    if flag.original is None and flag.source is None:
        return False
    if flag.original is not None and flag.original != original:
        return False
    if flag.source is not None and flag.source != source:
        return False
    return flag.sentence is None or flag.sentence == sentence


@dataclass(frozen=True)
class Comparison:
    links: tuple[Link, ...] = ()
    flags: tuple[Flag, ...] = ()
    notes: tuple[str, ...] = ()  # things the user should know (e.g. a language with no model)
    report_only: tuple[ReportOnly, ...] = ()  # claims only a report makes, apart from flags
    # The pivot texts compared, by article key (`original` or a report's id), so that views
    # and exports show what was compared instead of working it out again.
    pivots: Mapping[str, Pivot] = field(default_factory=dict, hash=False)
    embedded: bool = False  # the sentence-embedding model took part (links are calibrated)

    @cached_property
    def _index(self) -> _Indexes:
        # Built on first use and kept with the comparison (immutable, so never stale). Two
        # threads asking at once may both build it; either result is the same.
        return _Indexes.build(self.links, self.flags)

    def links_for(self, original_id: str, source_id: str | None = None) -> tuple[Link, ...]:
        """Links of an original sentence, best first, optionally for one source only."""
        links = self._index.by_original.get(original_id, ())
        if source_id is None:
            return links
        return tuple(link for link in links if link.source == source_id)

    def best_link(self, original_id: str, source_id: str) -> Link | None:
        links = self.links_for(original_id, source_id)
        return links[0] if links else None

    def links_to(self, source_id: str, sentence_id: str) -> tuple[Link, ...]:
        """Links that point at one sentence of a source, best first."""
        return self._index.to_sentence.get((source_id, sentence_id), ())

    def counterparts(self, key: str, sentence_id: str) -> dict[str, tuple[str, ...]]:
        """Every sentence linked to one sentence, by column key (`original` or a source id).

        Selecting an original sentence reaches its links in every source; selecting a source
        sentence reaches the original sentences it is linked to and, through them, the other
        sources. The selected sentence itself is included under its own key.
        """
        found: dict[str, list[str]] = {key: [sentence_id]}

        def add(k: str, sid: str) -> None:
            bucket = found.setdefault(k, [])
            if sid not in bucket:
                bucket.append(sid)

        originals = [sentence_id] if key == "original" else [
            link.original for link in self.links_to(key, sentence_id)
        ]
        for original_id in originals:
            add("original", original_id)
            for link in self.links_for(original_id):
                add(link.source, link.sentence)
        return {k: tuple(v) for k, v in found.items()}

    def flags_of(self, original_id: str) -> tuple[Flag, ...]:
        """Every flag on an original sentence, whichever source it involves."""
        return self._index.flags_of.get(original_id, ())

    def flags_at(self, source_id: str, sentence_id: str) -> tuple[Flag, ...]:
        """Every flag on one sentence of a source, whichever original sentence it involves."""
        return self._index.flags_at.get((source_id, sentence_id), ())

    def flags_on(self, original: str | None, source: str | None = None,
                 sentence: str | None = None) -> tuple[Flag, ...]:
        """The flags that belong to one pair (see `on_pair`), in the comparison's order:
        the original sentence's own, the source sentence's own, and those between them.
        `flags_on(original)` is the original sentence's own flags alone."""
        index = self._index
        found: list[tuple[int, Flag]] = []
        if original is not None:
            found += index.numbered_of.get(original, ())
        if source is not None:
            if sentence is not None:
                found += index.unplaced_at.get((source, sentence), ())
            found += index.unplaced_in.get(source, ())
        found.sort(key=lambda item: item[0])
        return tuple(f for _, f in found if on_pair(f, original, source, sentence))
