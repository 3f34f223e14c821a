"""CSV and XLSX of aligned pairs: one row per link, with scores and flags.

Original sentences no source links to, and source sentences linked to nothing, get a row of
their own with the other side empty, so the table is the whole alignment. Spreadsheet apps
run cells that start with = + - @ as formulas, so every text cell that does gets a leading
apostrophe (CSV/formula injection); CSV is UTF-8 with a BOM so Excel reads Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parallax.core.comparison import FLAG_LABELS, Comparison, Flag
from parallax.core.errors import ExportError
from parallax.core.export.report import sentence_text
from parallax.core.export.text import clean_text, defuse_formula, shorten
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

if TYPE_CHECKING:
    from parallax.core.export import ExportOptions

COLUMNS = (
    "original_id", "original_text", "original_translation",
    "source_id", "source_label", "source_role", "source_lang",
    "source_sentence_id", "source_text", "source_translation",
    "score", "flags", "flag_details",
    "linked_by", "flag_decisions", "flag_notes", "original_note", "source_note",
)
XLSX_CELL_LIMIT = 32_767  # characters Excel holds in one cell
XLSX_MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class TableRow:
    original_id: str
    original_text: str
    original_translation: str
    source_id: str
    source_label: str
    source_role: str
    source_lang: str
    source_sentence_id: str
    source_text: str
    source_translation: str
    score: float | None
    flags: tuple[Flag, ...]
    linked_by: str = ""  # "engine" or "analyst" for a link; "" for a row with no link
    original_note: str = ""  # the analyst's notes on the two sentences
    source_note: str = ""

    def values(self) -> list[str | float | None]:
        return [
            self.original_id, self.original_text, self.original_translation,
            self.source_id, self.source_label, self.source_role, self.source_lang,
            self.source_sentence_id, self.source_text, self.source_translation,
            None if self.score is None else round(self.score, 4),
            "; ".join(dict.fromkeys(f.kind for f in self.flags)),
            " | ".join(f"{FLAG_LABELS.get(f.kind, f.kind)}: {f.detail}" for f in self.flags),
            self.linked_by,
            "; ".join(f"{f.kind}: {f.decision}" for f in self.flags if f.decision),
            " | ".join(f"{FLAG_LABELS.get(f.kind, f.kind)}: {f.note}" for f in self.flags
                       if f.note),
            self.original_note, self.source_note,
        ]


def table_rows(
    workspace: Workspace, comparison: Comparison, cancel: CancelToken | None = None
) -> list[TableRow]:
    """Every link (best first per original sentence), then what nothing links to."""
    original = workspace.original
    sources = {s.id: s for s in workspace.sources}
    row_ids = ([TITLE] if original.title.strip() else []) + [s.id for s in original.sentences]
    review = workspace.review
    rows: list[TableRow] = []
    linked: set[tuple[str, str]] = set()
    for n, oid in enumerate(row_ids):
        if cancel is not None and n % 100 == 0:
            cancel.raise_if_cancelled()
        o_text = sentence_text(original, oid)
        o_trans = workspace.translation_text(ORIGINAL, oid) or ""
        o_note = review.note(ORIGINAL, oid) or ""
        links = comparison.links_for(oid)
        for link in links:
            source = sources.get(link.source)
            linked.add((link.source, link.sentence))
            rows.append(TableRow(
                oid, o_text, o_trans, link.source,
                source.display_name if source else "", source.role if source else "",
                source.article.lang if source else "", link.sentence,
                sentence_text(source.article, link.sentence) if source else "",
                (workspace.translation_text(link.source, link.sentence) or "") if source else "",
                link.score,
                comparison.flags_on(oid, link.source, link.sentence),
                link.by, o_note, review.note(link.source, link.sentence) or "",
            ))
        if not links:
            rows.append(TableRow(
                oid, o_text, o_trans, "", "", "", "", "", "", "", None,
                comparison.flags_of(oid), "", o_note,
            ))
    for source in workspace.sources:
        for sentence in source.article.sentences:
            if (source.id, sentence.id) in linked:
                continue
            rows.append(TableRow(
                "", "", "", source.id, source.display_name, source.role, source.article.lang,
                sentence.id, sentence.text,
                workspace.translation_text(source.id, sentence.id) or "", None,
                comparison.flags_on(None, source.id, sentence.id),
                "", "", review.note(source.id, sentence.id) or "",
            ))
    return rows


def _text_cell(value: str | float | None, limit: int | None = None) -> str | float | None:
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if limit is not None:
        text = shorten(text, limit - 1)  # room for the apostrophe
    return defuse_formula(text)


def render_csv(rows: Iterable[TableRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else _text_cell(v) for v in row.values()])
    return buffer.getvalue().encode("utf-8-sig", errors="replace")


def render_xlsx(rows: Sequence[TableRow], workspace: Workspace, comparison: Comparison) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if len(rows) + 1 > XLSX_MAX_ROWS:
        raise ExportError(
            f"The comparison has {len(rows)} rows, more than a spreadsheet holds; "
            "export it as CSV instead.")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Aligned pairs"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_text_cell(v, XLSX_CELL_LIMIT) for v in row.values()])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"B": 50, "C": 45, "E": 24, "I": 50, "J": 45, "L": 24, "M": 50, "P": 40, "Q": 40,
              "R": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter in ("B", "C", "I", "J", "M", "P", "Q", "R"):
        for cell in sheet[letter][1:]:
            cell.alignment = wrap

    about = book.create_sheet("Sources")
    about.append(["id", "role", "label", "title", "outlet", "published", "language", "from"])
    entries = [(ORIGINAL, "original", workspace.original.outlet or "", workspace.original)]
    entries += [(s.id, s.role, s.display_name, s.article) for s in workspace.sources]
    for key, role, label, article in entries:
        about.append([_text_cell(v, XLSX_CELL_LIMIT) for v in (
            key, role, label, article.title, article.outlet or "",
            article.published.isoformat(sep=" ") if article.published else "",
            article.lang, article.source or "")])
    for cell in about[1]:
        cell.font = bold

    flags = book.create_sheet("Differences")
    flags.append(["kind", "label", "original_id", "source_id", "source_sentence_id", "text",
                  "detail", "decision", "note"])
    for flag in comparison.flags:
        flags.append([_text_cell(v, XLSX_CELL_LIMIT) for v in (
            flag.kind, FLAG_LABELS.get(flag.kind, flag.kind), flag.original or "",
            flag.source or "", flag.sentence or "", flag.text, flag.detail,
            flag.decision or "", flag.note)])
    for cell in flags[1]:
        cell.font = bold

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_csv(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    data = render_csv(table_rows(workspace, comparison, cancel))
    if on_progress is not None:
        on_progress(1, 1)
    return data


def export_xlsx(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    data = render_xlsx(table_rows(workspace, comparison, cancel), workspace, comparison)
    if on_progress is not None:
        on_progress(1, 1)
    return data
