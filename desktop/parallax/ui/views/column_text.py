"""What each reading column shows: sentences, their numbers, diff marks and notes.

Plain presentation data (only the notes' wording goes through Qt's translator):
`build_columns` turns a workspace and its comparison into one `ColumnText` per column (the
original, its machine translation, then every source), and the reading panes and the segment
grid only paint what it returns. Diff spans come from
`Link.diff`; they are located inside the displayed text by searching forward, so a diff computed
on slightly normalised text (case, whitespace) still lands on the right words, and a piece that
cannot be found is simply not coloured rather than coloured in the wrong place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from parallax.core.comparison import (
    DELETE,
    EQUAL,
    FLAG_LABELS,
    INSERT,
    Comparison,
    DiffSpan,
    Flag,
    Link,
)
from parallax.core.language import same_language
from parallax.core.translate.checks import CHECK_LABELS
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace
from parallax.ui.memo import IdentityMemo

MT = "mt"  # column id of the original's machine (pivot) translation
MarkKind = Literal["inserted", "deleted", "changed_number", "changed_name", "framing"]
NUMBER_FLAGS = frozenset({"number_mismatch", "number_qualifier"})
NAME_FLAGS = frozenset({"entity_only_here", "entity_only_there"})
# Words that raised a framing flag on one sentence (not a difference between two sources).
FRAMING_FLAGS = frozenset({"loaded_word", "vague_attribution", "hedge", "headline_escalation"})
_QUOTED = re.compile(r"“([^”]{1,40})”")
EDIT_MARKER = "\u270e"  # ✎ shown after a hand-edited translation
UNMATCHED_MARKER = "\u2205"  # ∅ shown in the number of a claim with no counterpart
CHECK_MARKER = "\u26a0"  # ⚠ shown in the number of a translation that failed a check
# core's check labels again, marked so Qt's lupdate extracts them for the zh_CN catalogue.
_CHECK_LABELS_FOR_TRANSLATION = (
    QT_TRANSLATE_NOOP("TranslationChecks", "not translated"),
    QT_TRANSLATE_NOOP("TranslationChecks", "Chinese left in the output"),
    QT_TRANSLATE_NOOP("TranslationChecks", "glossary term missing"),
    QT_TRANSLATE_NOOP("TranslationChecks", "suspicious length"),
)


@dataclass(frozen=True)
class Mark:
    """A coloured character range inside one sentence's displayed text."""

    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class ColumnSentence:
    id: str  # sentence id, or TITLE for the headline
    number: int | None  # 1-based position shown to the user; None for the headline
    paragraph: int  # paragraph index; -1 for the headline
    text: str
    marks: tuple[Mark, ...] = ()
    unmatched: bool = False  # a claim with no counterpart in any other column
    edited: bool = False  # a hand edit is shown instead of the machine output
    missing: bool = False  # no text yet (e.g. not translated)
    notes: tuple[str, ...] = ()  # plain-text lines for the tooltip
    gloss: bool = False  # a word-by-word dictionary gloss, not a translation
    checks: tuple[str, ...] = ()  # the machine output's failed checks, one plain line each


@dataclass(frozen=True)
class ColumnText:
    id: str  # "original", "mt" or a source id
    key: str  # article key used in signals: "original" for both original and mt
    title: str
    role: str  # "original", "machine translation", "gloss", "translation" or "report"
    lang: str
    sentences: tuple[ColumnSentence, ...]
    edit_key: str | None = None  # translation key edited/retried from this column, if any
    _index: dict[str, ColumnSentence] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.id: s for s in self.sentences})

    def sentence(self, sentence_id: str) -> ColumnSentence | None:
        return self._index.get(sentence_id)


def diff_ranges(text: str, spans: Sequence[DiffSpan], side: int) -> list[tuple[int, int]]:
    """Character ranges in `text` of the spans with op `side` (DELETE or INSERT).

    `text` is the side's displayed text; the side's pieces (op `side` and EQUAL) are located in
    order. Runs that hold no letter or digit are skipped: colouring a lone comma helps no one.
    """
    haystack = text.casefold() if len(text.casefold()) == len(text) else text
    position = 0
    ranges: list[tuple[int, int]] = []
    for span in spans:
        if span.op not in (side, EQUAL):
            continue
        piece = span.text.strip()
        if not piece:
            continue
        needle = piece.casefold() if haystack is not text else piece
        found = haystack.find(needle, position)
        if found < 0:
            continue
        end = found + len(needle)
        if span.op == side and any(ch.isalnum() for ch in piece):
            ranges.append((found, end))
        position = end
    return _merge(ranges)


MOSTLY_DIFFERENT = 0.6  # share of a sentence's letters past which word colours stop helping


def word_marks(text: str, spans: Sequence[DiffSpan], side: int, notes: list[str]) -> list[Mark]:
    """Diff marks for one side, or none when nearly every word differs.

    Two reports of one event are often worded differently throughout; colouring a whole
    sentence says nothing the unmatched/score display does not, and hides the changed numbers
    and names, so past `MOSTLY_DIFFERENT` the pair gets a note instead.
    """
    ranges = diff_ranges(text, spans, side)
    letters = sum(map(str.isalnum, text))
    marked = sum(sum(map(str.isalnum, text[start:end])) for start, end in ranges)
    if letters and marked / letters > MOSTLY_DIFFERENT:
        notes.append(
            QCoreApplication.translate(
                "ColumnText", "Worded differently almost throughout: word colours left out."
            )
        )
        return []
    kind: MarkKind = "deleted" if side == DELETE else "inserted"
    return [Mark(start, end, kind) for start, end in ranges]


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of `needle` in `text`, ignoring case and width (全角 vs ASCII)."""
    needle = needle.strip()
    if not needle:
        return []
    hay = _fold(text)
    pin = _fold(needle)
    if len(hay) != len(text):
        hay, pin = text, needle
    found: list[tuple[int, int]] = []
    start = hay.find(pin)
    while start >= 0:
        found.append((start, start + len(pin)))
        start = hay.find(pin, start + len(pin))
    return found


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def diff_summary(spans: Sequence[DiffSpan]) -> list[str]:
    """Tooltip lines naming what one side has and the other lacks."""
    removed = " … ".join(s.text.strip() for s in spans if s.op == DELETE and s.text.strip())
    added = " … ".join(s.text.strip() for s in spans if s.op == INSERT and s.text.strip())
    lines = []
    if removed:
        lines.append(
            QCoreApplication.translate(
                "ColumnText", "− only in the original's translation: {0}"
            ).format(removed)
        )
    if added:
        lines.append(QCoreApplication.translate("ColumnText", "+ only here: {0}").format(added))
    return lines


@dataclass(frozen=True)
class _Shared:
    """What every column's build reads: the comparison (an empty one when there is none, so
    its look-ups need no test) and the sentence numbers shown in link notes."""

    comparison: Comparison
    compared: bool  # whether there is a comparison at all
    numbers: Mapping[str, int]


_NOTHING_COMPARED = Comparison()


def default_diff_reference(workspace: Workspace) -> str | None:
    """The source the machine-translation column is diffed against: a version, else a report."""
    for source in (*workspace.versions(), *workspace.reports()):
        return source.id
    return None


ColumnMemo = IdentityMemo[tuple[str, ...], ColumnText]


def build_columns(
    workspace: Workspace,
    comparison: Comparison | None,
    diff_reference: str | None = None,
    memo: ColumnMemo | None = None,
) -> tuple[ColumnText, ...]:
    """One `ColumnText` per column: original, "mt", then each source in workspace order.

    With a `memo` (a presentation's, `ui.presentation`), a column whose inputs are the very
    same objects as at its last build is reused: a translation arriving rebuilds only the
    columns it changes, and a build made ahead on a worker thread is picked up by the views.
    """
    def memoised(name: tuple[str, ...], inputs: tuple[object, ...],
                 build: Callable[[], ColumnText]) -> ColumnText:
        return build() if memo is None else memo.get(name, inputs, build)

    index: _Shared | None = None

    def shared() -> _Shared:
        nonlocal index
        if index is None:
            index = _Shared(comparison or _NOTHING_COMPARED, comparison is not None,
                            _sentence_numbers(workspace))
        return index

    if diff_reference is None:
        diff_reference = default_diff_reference(workspace)
    names = {s.id: s.display_name for s in workspace.sources}
    common = (workspace.original, workspace.sources, comparison)
    columns = [
        memoised((ORIGINAL,), (*common, workspace.review.notes.get(ORIGINAL)),
                  lambda: _original_column(workspace, shared(), names)),
        memoised((MT, diff_reference or ""),
                  (*common, workspace.settings, workspace.translations.get(ORIGINAL),
                   workspace.edits.get(ORIGINAL)),
                  lambda: _mt_column(workspace, shared(), names, diff_reference)),
    ]
    for source in workspace.sources:
        sid = source.id

        def make(sid: str = sid) -> ColumnText:
            return _source_column(workspace, shared(), names, sid)

        columns.append(memoised(
            (sid,), (*common, workspace.settings, workspace.translations.get(sid),
                     workspace.edits.get(sid), workspace.review.notes.get(sid)), make))
    return tuple(columns)


def check_lines(machine: MachineTranslation | None, sentence_id: str) -> tuple[str, ...]:
    """The checks a sentence's machine translation failed, one tooltip line each (plain text:
    the detail quotes the output and glossary terms)."""
    if machine is None:
        return ()
    lines = []
    for check in machine.checks.get(sentence_id, ()):
        kind = str(check.get("kind", ""))
        label = QCoreApplication.translate("TranslationChecks", CHECK_LABELS.get(kind, kind))
        detail = str(check.get("detail", ""))
        line = f"{label}: {detail}" if detail else label
        lines.append(f"{CHECK_MARKER} " + QCoreApplication.translate(
            "ColumnText", "Check: {0}").format(line))
    return tuple(lines)


def _numbered(workspace: Workspace, key: str) -> list[tuple[str, int | None, int, str]]:
    article = workspace.article(key)
    rows: list[tuple[str, int | None, int, str]] = [(TITLE, None, -1, article.title)]
    number = 0
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            number += 1
            rows.append((sentence.id, number, paragraph.index, sentence.text))
    return rows


def _flag_marks(text: str, flags: Iterable[Flag], other_side: bool = False) -> list[Mark]:
    """Marks for the words of number, name and framing flags found in `text`.

    A difference flag's `text` holds the original's words; on the other source's side the
    counterpart's words are only in the detail, quoted (“9”), so they are searched there too.
    """
    marks: list[Mark] = []
    for flag in flags:
        kind = flag.kind
        mark_kind: MarkKind | None = (
            "changed_number"
            if kind in NUMBER_FLAGS
            else "changed_name"
            if kind in NAME_FLAGS
            else "framing"
            if kind in FRAMING_FLAGS
            else None
        )
        if mark_kind is None:
            continue
        needles = [flag.text]
        if other_side and mark_kind != "framing":
            needles.extend(q for q in _QUOTED.findall(flag.detail) if q != flag.text)
        for needle in needles:
            marks.extend(Mark(s, e, mark_kind) for s, e in find_all(text, needle))
    return marks


def _flag_notes(flags: Iterable[Flag]) -> list[str]:
    notes = []
    for flag in flags:
        label = QCoreApplication.translate("FlagKinds", FLAG_LABELS.get(flag.kind, flag.kind))
        detail = flag.detail
        line = f"⚑ {label}: {detail}" if detail else f"⚑ {label}"
        if flag.decision == "confirmed":
            line += " " + QCoreApplication.translate("ColumnText", "(confirmed)")
        elif flag.decision == "dismissed":
            line += " " + QCoreApplication.translate("ColumnText", "(dismissed)")
        if flag.note:
            line += " — " + flag.note
        notes.append(line)
    return notes


def _review_note(workspace: Workspace, key: str, sentence_id: str) -> list[str]:
    """The analyst's note on a sentence, as a tooltip line (plain text)."""
    note = workspace.review.note(key, sentence_id)
    return [QCoreApplication.translate("ColumnText", "✎ Note: {0}").format(note)] if note else []


def _link_notes(
    links: Sequence[Link], names: Mapping[str, str], numbers: Mapping[str, int]
) -> list[str]:
    notes = []
    for link in links:
        where = names.get(link.source, link.source)
        number = numbers.get(link.source + "/" + link.sentence)
        target = f"[{number}]" if number is not None else link.sentence
        notes.append(
            QCoreApplication.translate("ColumnText", "↔ {0} {1} — score {2}").format(
                where, target, f"{link.score:.2f}"
            )
        )
    return notes


def _sentence_numbers(workspace: Workspace) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for key in (ORIGINAL, *(s.id for s in workspace.sources)):
        for n, sentence in enumerate(workspace.article(key).iter_sentences(), start=1):
            numbers[f"{key}/{sentence.id}"] = n
    return numbers


def _original_column(workspace: Workspace, index: _Shared, names: Mapping[str, str]) -> ColumnText:
    comparison = index.comparison
    numbers = index.numbers
    compared = index.compared and bool(workspace.sources)
    sentences = []
    for sid, number, paragraph, text in _numbered(workspace, ORIGINAL):
        links = comparison.links_for(sid)
        flags = comparison.flags_of(sid)
        unmatched = (
            compared
            and sid != TITLE
            and (not links or any(f.kind == "unmatched_claim" and not f.dismissed
                                  for f in flags))
        )
        notes = (_review_note(workspace, ORIGINAL, sid) + _link_notes(links, names, numbers)
                 + _flag_notes(flags))
        if unmatched:
            notes.insert(
                0, QCoreApplication.translate("ColumnText", "No counterpart in any other source.")
            )
        sentences.append(
            ColumnSentence(
                sid,
                number,
                paragraph,
                text,
                marks=tuple(_flag_marks(text, (f for f in flags if f.kind != "entity_only_there"))),
                unmatched=unmatched,
                notes=tuple(notes),
            )
        )
    original = workspace.original
    return ColumnText(
        ORIGINAL,
        ORIGINAL,
        original.outlet or QCoreApplication.translate("ColumnText", "Original"),
        "original",
        original.lang,
        tuple(sentences),
    )


def _mt_column(
    workspace: Workspace, index: _Shared, names: Mapping[str, str], reference: str | None
) -> ColumnText:
    comparison = index.comparison if index.compared else None
    machine = workspace.translations.get(ORIGINAL)
    gloss = machine is not None and machine.is_gloss
    sentences = []
    for sid, number, paragraph, _source_text in _numbered(workspace, ORIGINAL):
        text = workspace.translation_text(ORIGINAL, sid)
        machine_text = None if machine is None else machine.texts.get(sid)
        edited = sid in workspace.edits.get(ORIGINAL, {})
        notes: list[str] = []
        marks: list[Mark] = []
        if text is None:
            sentences.append(
                ColumnSentence(
                    sid,
                    number,
                    paragraph,
                    "",
                    missing=True,
                    notes=(QCoreApplication.translate("ColumnText", "Not translated yet."),),
                )
            )
            continue
        if edited:
            notes.append(
                QCoreApplication.translate(
                    "ColumnText", "Edited by hand. Machine output: {0}"
                ).format(machine_text or QCoreApplication.translate("ColumnText", "(none)"))
            )
        link = (
            None
            if comparison is None or reference is None
            else comparison.best_link(sid, reference)
        )
        if link is not None and link.diff:
            marks.extend(word_marks(text, link.diff, DELETE, notes))
            notes.append(
                QCoreApplication.translate("ColumnText", "Differences shown against {0}.").format(
                    names.get(reference or "", reference)
                )
            )
        if comparison is not None:
            flags = [
                f
                for f in comparison.flags_of(sid)
                if f.kind in NUMBER_FLAGS or f.kind == "entity_only_here"
            ]
            marks.extend(_flag_marks(text, flags))
        if gloss and not edited:
            notes.insert(0, QCoreApplication.translate(
                "ColumnText", "Dictionary gloss, word by word: not a translation."))
        # A hand edit replaces the output the checks were about.
        checks = () if edited else check_lines(machine, sid)
        sentences.append(
            ColumnSentence(
                sid, number, paragraph, text, marks=tuple(marks), edited=edited,
                notes=(*checks, *notes), gloss=gloss and not edited, checks=checks,
            )
        )
    target = machine.target_lang if machine is not None else workspace.settings.pivot_lang
    engine = f" ({machine.engine})" if machine is not None and not gloss else ""
    title = (QCoreApplication.translate("ColumnText", "Gloss (dictionary)") if gloss
             else QCoreApplication.translate("ColumnText", "Machine translation") + engine)
    return ColumnText(
        MT,
        ORIGINAL,
        title,
        "gloss" if gloss else "machine translation",
        target,
        tuple(sentences),
        edit_key=ORIGINAL,
    )


def _source_column(
    workspace: Workspace, index: _Shared, names: Mapping[str, str], source_id: str
) -> ColumnText:
    comparison = index.comparison
    source = workspace.source(source_id)
    article = source.article
    pivot = workspace.settings.pivot_lang
    in_pivot = same_language(article.lang, pivot)
    machine = workspace.translations.get(source_id)
    # A source's pivot text may be a dictionary gloss: it says so wherever it is shown.
    pivot_name = (QCoreApplication.translate("ColumnText", "gloss ({0})").format(pivot)
                  if machine is not None and machine.is_gloss else pivot)
    numbers = index.numbers
    compared = index.compared
    sentences = []
    for sid, number, paragraph, text in _numbered(workspace, source_id):
        links = comparison.links_to(source_id, sid)
        pivot_text = text if in_pivot else workspace.translation_text(source_id, sid)
        notes: list[str] = []
        marks: list[Mark] = []
        checks: tuple[str, ...] = ()
        if not in_pivot:
            edited = sid in workspace.edits.get(source_id, {})
            suffix = f" {EDIT_MARKER}" if edited else ""
            notes.append(
                f"{pivot_name}: {pivot_text}{suffix}"
                if pivot_text
                else QCoreApplication.translate("ColumnText", "{0}: not translated yet").format(
                    pivot
                )
            )
            checks = () if edited else check_lines(machine, sid)
            notes.extend(checks)
        best = links[0] if links else None
        if best is not None:
            original_number = numbers.get(f"{ORIGINAL}/{best.original}")
            notes.append(
                QCoreApplication.translate("ColumnText", "↔ Original [{0}] — score {1}").format(
                    original_number or best.original, f"{best.score:.2f}"
                )
            )
            if in_pivot:
                marks.extend(word_marks(text, best.diff, INSERT, notes))
            else:
                notes.extend(diff_summary(best.diff))
        flags = comparison.flags_at(source_id, sid)
        marks.extend(
            _flag_marks(text, (f for f in flags if f.kind != "entity_only_here"), other_side=True)
        )
        notes.extend(_flag_notes(flags))
        notes[:0] = _review_note(workspace, source_id, sid)
        unmatched = (
            compared
            and sid != TITLE
            and (not links or any(f.kind == "omitted_claim" and not f.dismissed
                                  for f in flags))
        )
        if unmatched:
            notes.insert(
                0,
                QCoreApplication.translate(
                    "ColumnText", "The original has no counterpart for this claim."
                ),
            )
        sentences.append(
            ColumnSentence(
                sid,
                number,
                paragraph,
                text,
                marks=tuple(marks),
                unmatched=unmatched,
                notes=tuple(notes),
                checks=checks,
            )
        )
    role = source.role
    return ColumnText(
        source_id,
        source_id,
        names.get(source_id, source_id),
        role,
        article.lang,
        tuple(sentences),
        edit_key=None if in_pivot else source_id,
    )
