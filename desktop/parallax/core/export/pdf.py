"""The report as a PDF: the same rows as the HTML report, laid out one block per sentence.

fpdf2 (pure Python, no Qt) embeds a subset of a system CJK font, so Chinese both shows and
can be copied or extracted (`pdftotext`). Diffs keep the app's colours and, for colour-blind
and greyscale readers, their shapes: insertions underlined, deletions struck through.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from parallax.core.comparison import DELETE, FLAG_LABELS, INSERT, Comparison, DiffSpan
from parallax.core.errors import ExportError
from parallax.core.export.fonts import FontFace, cjk_font, cyrillic_font
from parallax.core.export.report import Report, Row, build_report
from parallax.core.export.text import clean_text, one_line
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    from parallax.core.export import ExportOptions

log = logging.getLogger(__name__)

BODY, FALLBACK = "body", "fallback"
INK, GREY, MUTED = (26, 26, 26), (90, 90, 90), (130, 130, 130)
BLUE, VERMILLION, ORANGE = (0, 114, 178), (213, 94, 0), (200, 130, 0)
HEAT_LOW, HEAT_HIGH, HEAT_NONE = (0xDE, 0xEB, 0xF7), (0x08, 0x51, 0x9C), (0xEE, 0xEE, 0xEE)


def _heat(score: float) -> tuple[int, int, int]:
    s = max(0.0, min(1.0, score))
    r, g, b = (round(lo + (hi - lo) * s) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return r, g, b


def _wrap_mode(text: str) -> WrapMode:
    """Break Chinese anywhere (it has no spaces), other scripts between words."""
    from fpdf.enums import WrapMode

    han = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef")
    return WrapMode.CHAR if han * 4 >= len(text) else WrapMode.WORD


def _pdf_text(text: str) -> str:
    # Form feeds and other controls would confuse line breaking; keep tabs as spaces.
    return clean_text(text).replace("\t", " ")


class _Layout:
    """Writes a `Report` into an fpdf2 document; one method per section."""

    def __init__(self, report: Report, font: FontFace, fallback: FontFace | None) -> None:
        from fpdf import FPDF

        self.report = report
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(14, 14, 14)
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.add_font(BODY, "", str(font.path), collection_font_number=font.index)
        fallbacks = []
        if fallback is not None:
            pdf.add_font(FALLBACK, "", str(fallback.path), collection_font_number=fallback.index)
            fallbacks.append(FALLBACK)
        if fallbacks:
            pdf.set_fallback_fonts(fallbacks)
        pdf.set_title(clean_text(report.title or "Parallax report"))
        pdf.set_creator(f"Parallax {report.app_version}")
        pdf.set_author(clean_text(report.original.outlet or ""))
        pdf.alias_nb_pages()
        self.pdf = pdf
        self.row_links: dict[str, int] = {}

    # ---- building blocks -----------------------------------------------------------------
    def _style(self, size: float, colour: tuple[int, int, int] = INK, style: str = "") -> None:
        self.pdf.set_font(BODY, style, size)
        self.pdf.set_text_color(*colour)

    def _para(self, text: str, size: float = 10, colour: tuple[int, int, int] = INK,
              indent: float = 0, height: float | None = None) -> None:
        from fpdf.enums import XPos, YPos

        self._style(size, colour)
        pdf = self.pdf
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, height or size * 0.5, _pdf_text(text),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=_wrap_mode(text),
                       align="L")

    def _heading(self, text: str) -> None:
        pdf = self.pdf
        pdf.ln(3)
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        self._para(text, 13, INK)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def _diff(self, spans: Sequence[DiffSpan], indent: float, size: float = 9) -> None:
        pdf = self.pdf
        mode = _wrap_mode("".join(span.text for span in spans))
        left = pdf.l_margin
        pdf.set_left_margin(left + indent)  # write() wraps back to the left margin
        pdf.set_x(left + indent)
        for span in spans:
            if span.op == INSERT:
                self._style(size, BLUE, "U")
            elif span.op == DELETE:
                self._style(size, VERMILLION, "S")
            else:
                self._style(size, GREY)
            pdf.write(size * 0.5, _pdf_text(span.text), wrapmode=mode)
        pdf.ln(size * 0.5)
        pdf.set_left_margin(left)
        self._style(size, INK)

    # ---- sections ------------------------------------------------------------------------
    def title_page(self) -> None:
        report = self.report
        pdf = self.pdf
        pdf.add_page()
        self._para(report.title or "Untitled article", 16, INK, height=8)
        byline = report.original.outlet or "Unknown outlet"
        if report.original.published:
            byline += " · " + report.original.published.isoformat(sep=" ")
        names = ", ".join(s.name for s in report.sources) or "no other sources"
        self._para(f"{byline} · compared with {names}", 9, GREY)
        pdf.ln(2)
        self._style(8.5, GREY)
        pdf.write(4.5, "Legend: ")
        self._style(8.5, BLUE, "U")
        pdf.write(4.5, "only in the other source")
        self._style(8.5, GREY)
        pdf.write(4.5, "   ")
        self._style(8.5, VERMILLION, "S")
        pdf.write(4.5, "only in the original")
        self._style(8.5, ORANGE)
        pdf.write(4.5, "   ▲ claim no other source makes")
        pdf.ln(6)

    def rows(self, on_progress: ProgressCallback | None, cancel: CancelToken | None) -> None:
        self._heading("Aligned sentences")
        total = len(self.report.rows)
        for n, row in enumerate(self.report.rows):
            if cancel is not None:
                cancel.raise_if_cancelled()
            self._row(row)
            if on_progress is not None:
                on_progress(n + 1, total)

    def _row(self, row: Row) -> None:
        report = self.report
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 35:
            pdf.add_page()
        link = pdf.add_link()
        pdf.set_link(link, y=pdf.get_y())
        self.row_links[row.original] = link
        label = "Headline" if row.original == TITLE else row.original
        tags = list(dict.fromkeys(FLAG_LABELS.get(f.kind, f.kind) for f in row.flags))
        mark = "▲ " if row.unmatched else ""
        self._para(f"{mark}{label}" + (f"   [{'; '.join(tags)}]" if tags else ""), 8,
                   ORANGE if row.unmatched else MUTED)
        self._para(row.text, 10.5, INK)
        if row.translation:
            self._para(row.translation, 9, GREY, indent=4)
        if row.note:
            self._para(f"Note: {row.note}", 8.5, MUTED, indent=4)
        missing = []
        for cell, info in zip(row.cells, report.sources, strict=False):
            if not cell.matched:
                missing.append(info.name)
                continue
            score = f" · {cell.score:.2f}" if cell.score is not None else ""
            if cell.by == "analyst":
                score += " · linked by the analyst"
            self._para(f"{info.name} ({cell.sentence}{score})", 7.5, MUTED, indent=4)
            if not cell.diff_shows_text:
                self._para(cell.text, 9.5, INK, indent=8)
            if cell.diff:
                self._diff(cell.diff, indent=8)
            elif cell.translation and cell.translation != cell.text:
                self._para(cell.translation, 9, GREY, indent=8)
            if cell.note:
                self._para(f"Note: {cell.note}", 8.5, MUTED, indent=8)
        if missing and row.original != TITLE:
            self._para("No counterpart in: " + ", ".join(missing), 7.5, ORANGE, indent=4)
        pdf.ln(2)

    def differences(self) -> None:
        from fpdf.enums import XPos, YPos

        report = self.report
        self._heading(f"Differences ({len(report.flags)})")
        if not report.flags:
            self._para("No differences were flagged.", 9.5, GREY)
        pdf = self.pdf
        for n, flag in enumerate(report.flags, 1):
            where = flag.original or ""
            if flag.source is not None:
                where += f" ↔ {report.source(flag.source).name}"
                if flag.sentence:
                    where += f" {flag.sentence}"
            self._style(9.5, INK)
            text = (f"{n}. {FLAG_LABELS.get(flag.kind, flag.kind)} ({where.strip() or '—'}): "
                    f"«{one_line(flag.text)}» — {one_line(flag.detail)}")
            if flag.decision:
                text += f" [{flag.decision} by the analyst]"
            if flag.note:
                text += f" Note: {one_line(flag.note)}"
            link = self.row_links.get(flag.original or "")
            pdf.multi_cell(pdf.epw, 4.8, _pdf_text(text), link=link or "", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT, wrapmode=_wrap_mode(text), align="L")
            pdf.ln(0.8)

    def coverage(self) -> None:
        report = self.report
        if not report.sources or not report.rows:
            return
        self._heading("Coverage")
        pdf = self.pdf
        cell_w, cell_h, left = 9.0, 3.6, pdf.l_margin + 16
        self._style(7, GREY)
        for j, info in enumerate(report.sources):
            self._para(f"{j + 1}: {info.name}", 7.5, GREY)
        pdf.ln(1)
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        y = pdf.get_y()
        for j in range(len(report.sources)):
            pdf.set_xy(left + j * cell_w, y)
            pdf.cell(cell_w, cell_h, str(j + 1), align="C")
        y += cell_h
        for row, scores in zip(report.rows, report.coverage(), strict=True):
            if y > pdf.h - 18:
                pdf.add_page()
                y = pdf.get_y()
            pdf.set_xy(pdf.l_margin, y)
            self._style(6.5, GREY)
            pdf.cell(15, cell_h, "head" if row.original == TITLE else row.original, align="R")
            for j, score in enumerate(scores):
                colour = HEAT_NONE if score is None else _heat(score)
                pdf.set_fill_color(*colour)
                pdf.rect(left + j * cell_w, y + 0.2, cell_w - 0.8, cell_h - 0.6, style="F")
            y += cell_h
        pdf.set_xy(pdf.l_margin, y + 2)

    def sentence_notes(self) -> None:
        report = self.report
        if not report.sentence_notes:
            return
        self._heading(f"Analyst's notes ({len(report.sentence_notes)})")
        for entry in report.sentence_notes:
            name = "Original" if entry.key == ORIGINAL else report.source(entry.key).name
            label = "headline" if entry.sentence == TITLE else entry.sentence
            self._para(f"{name} {label}: «{one_line(entry.text)}»", 7.5, MUTED)
            self._para(entry.note, 9.5, INK, indent=4)

    def leftovers(self) -> None:
        report = self.report
        self._heading("Sentences the original has no counterpart for")
        if not report.leftovers:
            self._para("Every sentence of every source is linked to the original.", 9.5, GREY)
        for cell in report.leftovers:
            info = report.source(cell.source)
            tags = "; ".join(dict.fromkeys(FLAG_LABELS.get(f.kind, f.kind) for f in cell.flags))
            self._para(f"{info.name} {cell.sentence}" + (f"   [{tags}]" if tags else ""), 7.5,
                       MUTED)
            self._para(cell.text, 9.5, INK, indent=4)
            if cell.translation and cell.translation != cell.text:
                self._para(cell.translation, 9, GREY, indent=4)
            if cell.note:
                self._para(f"Note: {cell.note}", 8.5, MUTED, indent=4)

    def metadata(self) -> None:
        report = self.report
        self._heading("Sources")
        for info in (report.original, *report.sources):
            published = info.published.isoformat(sep=" ") if info.published else "—"
            self._para(f"{info.name} ({info.role}, {info.lang}, {info.sentence_count} sentences)",
                       9.5, INK)
            self._para(f"{info.title}\n{info.outlet or '—'} · {published}\n{info.origin or '—'}",
                       8.5, GREY, indent=4)
            self.pdf.ln(1)
        self._heading("Parallax and settings")
        self._para(f"Parallax {report.app_version}; report created "
                   f"{report.created.isoformat(timespec='seconds')}", 9, INK)
        for engine in report.engines:
            gloss = ", word gloss" if engine.is_gloss else ""
            self._para(f"{report.source(engine.key).name}: {engine.engine} {engine.version} "
                       f"({engine.source_lang} → {engine.target_lang}{gloss})"
                       + (f"; {engine.provenance}" if engine.provenance else ""), 9, GREY)
        if not report.engines:
            self._para("No machine translation in this workspace.", 9, GREY)
        settings = ", ".join(f"{k}={v}" for k, v in report.settings.items())
        self._para(f"Settings: {settings}", 9, GREY)
        for note in report.notes:
            self._para(f"Note: {note}", 9, GREY)

    def footer_text(self) -> None:
        pdf = self.pdf
        for page in range(1, pdf.pages_count + 1):
            pdf.page = page
            pdf.set_auto_page_break(auto=False)
            pdf.set_xy(pdf.l_margin, pdf.h - 10)
            self._style(7, MUTED)
            pdf.cell(pdf.epw, 4, f"Parallax report · page {page} of {pdf.pages_count}",
                     align="C")


def render_pdf(
    report: Report,
    font_path: str | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    layout = _Layout(report, cjk_font(font_path), cyrillic_font())
    layout.title_page()
    layout.rows(on_progress, cancel)
    layout.differences()
    layout.sentence_notes()
    layout.coverage()
    layout.leftovers()
    layout.metadata()
    layout.footer_text()
    if cancel is not None:
        cancel.raise_if_cancelled()
    return _output(layout.pdf)


def _output(pdf: FPDF) -> bytes:
    try:
        return bytes(pdf.output())
    except (OSError, ValueError) as exc:  # font subsetting of a damaged font, mostly
        raise ExportError(f"Could not write the PDF: {exc}.") from exc


def export_bytes(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    report = build_report(workspace, comparison, cancel=cancel)
    return render_pdf(report, options.font_path, on_progress, cancel)
