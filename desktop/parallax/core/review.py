"""The analyst's review: a layer over the machine's comparison, kept in the workspace.

The engine's links and flags are recomputed whenever the workspace changes; what the analyst
decided is not, so it lives apart (`Workspace.review`, like hand edits over machine
translations) and is laid over each new comparison by `apply_review`:

- a pair linked by hand appears as a link with score 1.0 and `by == "analyst"`; the claim
  flags it disproves (nothing matches this sentence) go;
- a pair unlinked by hand disappears with the differences flagged on it; a report sentence
  left with no link goes to `Comparison.report_only`;
- a flag confirmed or dismissed keeps its place and carries the decision (a dismissed flag
  is shown greyed and skipped when stepping through the differences); a flag can carry a note;
- a sentence can carry a note (shown beside it, and in every export).

Flags are found again by what they say and where (kind, original sentence, source, source
sentence, the words that raised them), never by their position in a list, so a decision
holds through a re-run that finds the same thing, and quietly waits while it does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from parallax.core.comparison import (
    DECISIONS,
    Comparison,
    Decision,
    DiffSpan,
    Flag,
    Link,
    ReportOnly,
)
from parallax.core.errors import WorkspaceError

if TYPE_CHECKING:
    from parallax.core.workspace import Workspace

MAX_NOTE_CHARS = 2000  # a note is a short remark, not a document
ANALYST_SCORE = 1.0  # the score a pair linked by hand is shown with

# Differences that only exist because a pair is linked: they go when the pair is unlinked.
PAIR_KINDS = frozenset({"number_mismatch", "number_qualifier", "entity_only_here",
                        "entity_only_there"})
# "Nothing matches this original sentence": disproved by a link made by hand.
UNMATCHED_KINDS = frozenset({"unmatched_claim", "no_close_match"})


class Pair(NamedTuple):
    """An original sentence and a sentence of a source (the ends of a link)."""

    original: str
    source: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"original": self.original, "source": self.source, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, data: Any) -> Pair:
        if not isinstance(data, dict):
            raise WorkspaceError("A reviewed link in the workspace must be an object.")
        values = [data.get(name) for name in cls._fields]
        if not all(isinstance(v, str) and v for v in values):
            raise WorkspaceError("A reviewed link in the workspace lacks a sentence id.")
        return cls(*(str(v) for v in values))


class FlagKey(NamedTuple):
    """A flag's identity across re-runs: what it is, where, and the words that raised it."""

    kind: str
    original: str | None
    source: str | None
    sentence: str | None
    text: str

    @classmethod
    def of(cls, flag: Flag) -> FlagKey:
        return cls(flag.kind, flag.original, flag.source, flag.sentence, flag.text)

    def to_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "original": self.original, "source": self.source,
                "sentence": self.sentence, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FlagKey:
        kind, text = data.get("kind"), data.get("text")
        if not isinstance(kind, str) or not kind or not isinstance(text, str):
            raise WorkspaceError("A reviewed flag in the workspace lacks its kind or words.")
        where: list[str | None] = []
        for name in ("original", "source", "sentence"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise WorkspaceError("A reviewed flag in the workspace has a bad sentence id.")
            where.append(value)
        return cls(kind, where[0], where[1], where[2], text)


@dataclass(frozen=True)
class FlagReview:
    """What the analyst made of one flag: a decision, a note, or both."""

    decision: Decision | None = None
    note: str = ""


def clean_note(text: str | None) -> str | None:
    """A note as stored: surrounding blanks trimmed, None for an empty one; a note longer
    than MAX_NOTE_CHARS raises ValueError (the dialog never lets one through)."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"a note holds at most {MAX_NOTE_CHARS} characters")
    return text


@dataclass(frozen=True)
class Review:
    """Links made and removed by hand, flag decisions and notes (all plain text)."""

    links: tuple[Pair, ...] = ()  # linked by hand, in the order they were made
    unlinked: tuple[Pair, ...] = ()  # machine links the analyst removed
    flags: Mapping[FlagKey, FlagReview] = field(default_factory=dict)
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # key -> id -> note

    # ---- queries -------------------------------------------------------------------------
    @property
    def empty(self) -> bool:
        return not (self.links or self.unlinked or self.flags or self.notes)

    def note(self, key: str, sentence_id: str) -> str | None:
        """The note on a sentence (`key`: `original` or a source id), if any."""
        return self.notes.get(key, {}).get(sentence_id)

    # ---- immutable updates ---------------------------------------------------------------
    def with_link(self, original: str, source: str, sentence: str) -> Review:
        """Link a pair by hand (undoing an earlier unlink of it, if there was one)."""
        pair = Pair(original, source, sentence)
        links = self.links if pair in self.links else (*self.links, pair)
        return replace(self, links=links, unlinked=tuple(p for p in self.unlinked if p != pair))

    def without_link(self, original: str, source: str, sentence: str) -> Review:
        """Unlink a pair: a hand-made link is forgotten, a machine link is hidden."""
        pair = Pair(original, source, sentence)
        if pair in self.links:
            return replace(self, links=tuple(p for p in self.links if p != pair))
        if pair in self.unlinked:
            return self
        return replace(self, unlinked=(*self.unlinked, pair))

    def with_decision(self, flag: Flag | FlagKey, decision: Decision | None) -> Review:
        """Confirm or dismiss a flag; None takes the decision back."""
        if decision is not None and decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        key = flag if isinstance(flag, FlagKey) else FlagKey.of(flag)
        current = self.flags.get(key, FlagReview())
        return self._with_flag(key, replace(current, decision=decision))

    def with_flag_note(self, flag: Flag | FlagKey, text: str | None) -> Review:
        key = flag if isinstance(flag, FlagKey) else FlagKey.of(flag)
        current = self.flags.get(key, FlagReview())
        return self._with_flag(key, replace(current, note=clean_note(text) or ""))

    def _with_flag(self, key: FlagKey, verdict: FlagReview) -> Review:
        flags = {k: v for k, v in self.flags.items() if k != key}
        if verdict.decision is not None or verdict.note:
            flags[key] = verdict
        return replace(self, flags=flags)

    def with_note(self, key: str, sentence_id: str, text: str | None) -> Review:
        """Set (or with None or blank, drop) the note on a sentence."""
        note = clean_note(text)
        current = dict(self.notes.get(key, {}))
        if note is None:
            current.pop(sentence_id, None)
        else:
            current[sentence_id] = note
        notes = {k: v for k, v in self.notes.items() if k != key}
        if current:
            notes[key] = current
        return replace(self, notes=notes)

    def without_source(self, source_id: str) -> Review:
        """Everything that concerns a source removed from the workspace goes with it."""
        return Review(
            links=tuple(p for p in self.links if p.source != source_id),
            unlinked=tuple(p for p in self.unlinked if p.source != source_id),
            flags={k: v for k, v in self.flags.items() if k.source != source_id},
            notes={k: v for k, v in self.notes.items() if k != source_id},
        )

    # ---- file format ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "links": [p.to_dict() for p in self.links],
            "unlinked": [p.to_dict() for p in self.unlinked],
            "flags": [{**key.to_dict(), "decision": verdict.decision, "note": verdict.note}
                      for key, verdict in self.flags.items()],
            "notes": {k: dict(v) for k, v in self.notes.items()},
        }

    @classmethod
    def from_dict(cls, data: Any) -> Review:
        """A review read from a workspace file (from anywhere): every entry is checked."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise WorkspaceError("The workspace's review must be an object.")
        links = tuple(dict.fromkeys(Pair.from_dict(p) for p in _list(data, "links")))
        unlinked = tuple(dict.fromkeys(
            p for p in (Pair.from_dict(p) for p in _list(data, "unlinked")) if p not in links))
        flags: dict[FlagKey, FlagReview] = {}
        for entry in _list(data, "flags"):
            if not isinstance(entry, dict):
                raise WorkspaceError("A reviewed flag in the workspace must be an object.")
            decision = entry.get("decision")
            if decision is not None and decision not in DECISIONS:
                raise WorkspaceError(f"Unknown flag decision {decision!r} in the workspace.")
            note = _note(entry.get("note"))
            if decision is not None or note:
                flags[FlagKey.from_dict(entry)] = FlagReview(decision, note or "")
        notes_in = data.get("notes", {})
        if not isinstance(notes_in, dict):
            raise WorkspaceError("The workspace's review notes must be an object.")
        notes: dict[str, dict[str, str]] = {}
        for key, by_id in notes_in.items():
            if not isinstance(by_id, dict):
                raise WorkspaceError("The workspace's review notes must be objects.")
            kept = {str(sid): note for sid, note in
                    ((sid, _note(text)) for sid, text in by_id.items()) if note}
            if kept:
                notes[str(key)] = kept
        return cls(links, unlinked, flags, notes)


def _list(data: Mapping[str, Any], name: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise WorkspaceError(f"The workspace's review {name} must be a list.")
    return value


def _note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise WorkspaceError("A note in the workspace must be text.")
    try:
        return clean_note(value)
    except ValueError as exc:
        raise WorkspaceError(
            f"A note in the workspace is longer than {MAX_NOTE_CHARS} characters.") from exc


# ---- laying the review over a comparison ---------------------------------------------------
def apply_review(comparison: Comparison, review: Review,
                 workspace: Workspace | None = None) -> Comparison:
    """The comparison as the analyst has reviewed it (a new object; both inputs unchanged).

    With `workspace`, links by hand to sentences that no longer exist are left out, a link by
    hand gets a word diff of the two pivot texts, and only report sentences (not a
    translation's) go to `report_only` when unlinked.
    """
    if review.empty:
        return comparison
    removed = set(review.unlinked)
    manual = [p for p in review.links if workspace is None or _exists(workspace, p)]
    hidden = removed | set(manual)
    links = [link for link in comparison.links
             if Pair(link.original, link.source, link.sentence) not in hidden]
    links += [Link(p.original, p.source, p.sentence, ANALYST_SCORE,
                   _manual_diff(workspace, p), by="analyst") for p in manual]

    linked_originals = {p.original for p in manual}
    found_sentences = {(p.source, p.sentence) for p in manual}
    linked_sentences = {(link.source, link.sentence) for link in links}
    flags: list[Flag] = []
    for flag in comparison.flags:
        if flag.kind in PAIR_KINDS and flag.original is not None and flag.source is not None \
                and flag.sentence is not None \
                and Pair(flag.original, flag.source, flag.sentence) in removed:
            continue  # a difference of a pair that is no longer linked
        if flag.kind in UNMATCHED_KINDS and flag.original in linked_originals:
            continue  # the analyst found its counterpart
        if flag.kind == "omitted_claim" and (flag.source, flag.sentence) in found_sentences:
            continue
        verdict = _verdict(review, flag)
        if verdict is not None:
            flag = replace(flag, decision=verdict.decision, note=verdict.note)
        flags.append(flag)

    report_only = [entry for entry in comparison.report_only
                   if (entry.source, entry.sentence) not in linked_sentences]
    listed = {(entry.source, entry.sentence) for entry in report_only}
    old = {Pair(link.original, link.source, link.sentence): link for link in comparison.links}
    for pair in review.unlinked:
        where = (pair.source, pair.sentence)
        if where in linked_sentences or where in listed or pair not in old:
            continue
        if workspace is not None and not _is_report(workspace, pair.source):
            continue
        report_only.append(ReportOnly(pair.source, pair.sentence, pair.original,
                                      old[pair].score, confident=False))
        listed.add(where)
    return replace(comparison, links=tuple(links), flags=tuple(flags),
                   report_only=tuple(report_only))


def _verdict(review: Review, flag: Flag) -> FlagReview | None:
    """The analyst's verdict on a flag. "Nothing matches this sentence" is one claim whether
    a run calls it `unmatched_claim` or, less sure, `no_close_match` (the two differ with and
    without the embedding model): a verdict on either holds for the other."""
    key = FlagKey.of(flag)
    found = review.flags.get(key)
    if found is None and flag.kind in UNMATCHED_KINDS:
        for kind in UNMATCHED_KINDS - {flag.kind}:
            found = review.flags.get(key._replace(kind=kind))
    return found


def _is_report(workspace: Workspace, source_id: str) -> bool:
    return any(s.id == source_id and s.role == "report" for s in workspace.sources)


def _exists(workspace: Workspace, pair: Pair) -> bool:
    from parallax.core.workspace import TITLE

    def has(article_sentence: str, article: Any) -> bool:
        return article_sentence == TITLE or bool(article.has_sentence(article_sentence))

    source = next((s for s in workspace.sources if s.id == pair.source), None)
    return source is not None and has(pair.original, workspace.original) and has(
        pair.sentence, source.article)


def _pivot_text(workspace: Workspace, key: str, sentence_id: str) -> str | None:
    from parallax.core.language import base_language
    from parallax.core.workspace import TITLE

    translated = workspace.translation_text(key, sentence_id)
    if translated is not None:
        return translated
    article = workspace.article(key)
    if base_language(article.lang) != base_language(workspace.settings.pivot_lang):
        return None
    if sentence_id == TITLE:
        return article.title
    return article.sentence(sentence_id).text if article.has_sentence(sentence_id) else None


def _manual_diff(workspace: Workspace | None, pair: Pair) -> tuple[DiffSpan, ...]:
    """The word diff of a pair linked by hand, on the pivot texts (empty without them)."""
    if workspace is None:
        return ()
    from parallax.core.diff import word_diff
    from parallax.core.workspace import ORIGINAL

    a = _pivot_text(workspace, ORIGINAL, pair.original)
    b = _pivot_text(workspace, pair.source, pair.sentence)
    if a is None or b is None:
        return ()
    s = workspace.settings
    return word_diff(a, b, s.pivot_lang, ignore_case=s.ignore_case,
                     ignore_punctuation=s.ignore_punctuation,
                     ignore_whitespace=s.ignore_whitespace)

