"""A self-contained HTML report: inline CSS and SVG, no scripts, no network, nothing live.

Every piece of article or workspace text goes through `_e` (html.escape with quote=True) before
it reaches the page; ids used in anchors are reduced to [A-Za-z0-9_.-]; source paths and URLs
are shown as text, never as links. The Content-Security-Policy forbids scripts and any fetch
even if a browser were to find something we missed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from parallax.core.comparison import DELETE, FLAG_LABELS, INSERT, Comparison, DiffSpan, Flag
from parallax.core.export.report import MACHINE, Cell, Report, Row, SourceInfo, build_report
from parallax.core.export.text import anchor_id, clean_text
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

if TYPE_CHECKING:
    from parallax.core.export import ExportOptions

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CJK_FONTS = ('"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", '
             "sans-serif")

# Okabe–Ito hues, tinted as in the app (ui/palette.py), so the report reads like the screen.
INSERT_BG = "rgba(0, 114, 178, 0.27)"  # blue #0072B2
DELETE_BG = "rgba(213, 94, 0, 0.27)"  # vermillion #D55E00
UNMATCHED_BG = "rgba(230, 159, 0, 0.27)"  # orange #E69F00
HEAT_LOW, HEAT_HIGH, HEAT_NONE = (0xDE, 0xEB, 0xF7), (0x08, 0x51, 0x9C), "#eeeeee"

STYLE = f"""
:root {{ color-scheme: light; }}
body {{ font-family: {CJK_FONTS}; margin: 1.5em; color: #1a1a1a; background: #fff;
  line-height: 1.5; font-size: 14px; }}
h1 {{ font-size: 1.5em; margin: 0 0 .3em; }}
h2 {{ font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid #ccc; }}
.sub {{ color: #555; margin: 0 0 1em; }}
table {{ border-collapse: collapse; }}
table.grid {{ width: 100%; table-layout: fixed; }}
table.grid th, table.grid td {{ border: 1px solid #d0d0d0; padding: .35em .5em;
  vertical-align: top; overflow-wrap: anywhere; }}
table.grid thead th {{ background: #f3f3f3; position: sticky; top: 0; text-align: left; }}
th.rowid, td.rowid {{ width: 4.2em; color: #555; font-size: .85em; }}
td.rowid a {{ color: inherit; }}
tr.unmatched > td.orig {{ background: {UNMATCHED_BG}; }}
td.nomatch {{ background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #f0f0f0 6px,
  #f0f0f0 12px); color: #666; font-style: italic; }}
.meta {{ font-size: .8em; color: #555; }}
.pivot {{ color: #333; font-size: .92em; margin-top: .25em; }}
ins {{ background: {INSERT_BG}; text-decoration: underline; }}
del {{ background: {DELETE_BG}; text-decoration: line-through; }}
.unmatched-mark {{ background: {UNMATCHED_BG}; border: 1px dashed #E69F00; padding: 0 .3em; }}
.flagtag {{ display: inline-block; font-size: .75em; border: 1px solid #999; border-radius: 3px;
  padding: 0 .3em; margin: .15em .2em 0 0; background: #fff; }}
.legend span {{ margin-right: 1.2em; }}
.swatch {{ display: inline-block; width: 1.4em; height: .9em; vertical-align: middle;
  border: 1px solid #999; margin-right: .3em; }}
table.kv th {{ text-align: left; padding-right: 1em; color: #555; font-weight: normal; }}
table.kv td, table.kv th {{ padding: .15em .5em .15em 0; vertical-align: top; }}
table.sources th, table.sources td {{ border: 1px solid #d0d0d0; padding: .25em .5em;
  text-align: left; vertical-align: top; overflow-wrap: anywhere; }}
ol.flags li {{ margin-bottom: .35em; }}
ol.flags li.dismissed {{ color: #777; }}
.flagtag.dismissed {{ color: #777; border-style: dotted; text-decoration: line-through; }}
.decision {{ font-size: .8em; border: 1px solid #555; border-radius: 3px; padding: 0 .3em;
  margin-left: .3em; }}
.note {{ font-size: .9em; background: #fff8dc; border-left: 3px solid #E69F00;
  padding: .1em .4em; margin-top: .25em; white-space: pre-wrap; }}
.coverage svg {{ max-width: 100%; height: auto; border: 1px solid #ddd; }}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{ table.grid thead th {{ position: static; }} body {{ margin: 0; }}
  tr {{ break-inside: avoid; }} }}
"""


def _e(text: object) -> str:
    """Escape anything for element content and quoted attributes."""
    return html.escape(clean_text(str(text)), quote=True)


def _lang(code: str) -> str:
    return _e(code if code and code != "und" else "")


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"


def render_diff(spans: Sequence[DiffSpan]) -> str:
    parts = []
    for span in spans:
        if span.op == INSERT:
            parts.append(f"<ins>{_e(span.text)}</ins>")
        elif span.op == DELETE:
            parts.append(f"<del>{_e(span.text)}</del>")
        else:
            parts.append(_e(span.text))
    return "".join(parts)


DECISION_WORDS = {"confirmed": "confirmed by the analyst",
                  "dismissed": "dismissed by the analyst"}


def _flag_tags(flags: Iterable[Flag]) -> str:
    """One tag per kind; a kind whose every flag here the analyst dismissed is struck out."""
    seen: dict[str, list[Flag]] = {}
    for flag in flags:
        seen.setdefault(flag.kind, []).append(flag)
    tags = []
    for kind, found in seen.items():
        label = FLAG_LABELS.get(kind, kind)
        dismissed = all(f.dismissed for f in found)
        confirmed = any(f.decision == "confirmed" for f in found)
        title = label + (f" ({DECISION_WORDS['dismissed']})" if dismissed else
                         f" ({DECISION_WORDS['confirmed']})" if confirmed else "")
        classes = "flagtag dismissed" if dismissed else "flagtag"
        mark = " ✓" if confirmed and not dismissed else ""
        tags.append(f'<span class="{classes}" title="{_e(title)}">{_e(label)}{mark}</span>')
    return "".join(tags)


def _note(note: str | None) -> str:
    """The analyst's note, as text (escaped; line breaks kept by the style)."""
    return f'<div class="note">Note: {_e(note)}</div>' if note else ""


def _id_attr(anchor: str, ids: set[str]) -> str:
    """` id="..."` the first time an anchor is used; a sentence linked twice keeps one id."""
    if anchor in ids:
        return ""
    ids.add(anchor)
    return f' id="{_e(anchor)}"'


def _cell(cell: Cell, info: SourceInfo, pivot_lang: str, ids: set[str]) -> str:
    if not cell.matched:
        return '<td class="nomatch"><span class="unmatched-mark">no match</span></td>'
    label = "headline" if cell.sentence == TITLE else str(cell.sentence)
    meta = f'<div class="meta">{_e(label)}'
    if cell.score is not None:
        meta += f" · score {_score(cell.score)}"
    if cell.by == "analyst":
        meta += " · linked by the analyst"
    meta += "</div>"
    body = ""
    if not cell.diff_shows_text:
        body += f'<div class="text" lang="{_lang(info.lang)}">{_e(cell.text)}</div>'
    if cell.diff:
        body += f'<div class="pivot" lang="{_lang(pivot_lang)}">{render_diff(cell.diff)}</div>'
    elif cell.translation and cell.translation != cell.text:
        body += f'<div class="pivot" lang="{_lang(pivot_lang)}">{_e(cell.translation)}</div>'
    anchor = _id_attr(anchor_id(cell.source, str(cell.sentence)), ids)
    return f"<td{anchor}>{meta}{body}{_flag_tags(cell.flags)}{_note(cell.note)}</td>"


def _row(row: Row, report: Report, ids: set[str]) -> str:
    rid = anchor_id(row.original)
    label = "title" if row.original == TITLE else row.original
    classes = ' class="unmatched"' if row.unmatched else ""
    parts = [
        f"<tr{_id_attr(rid, ids)}{classes}>",
        f'<td class="rowid"><a href="#{_e(rid)}">{_e(label)}</a></td>',
        f'<td class="orig" lang="{_lang(report.original.lang)}">{_e(row.text)}'
        # the unmatched mark below says what an unmatched_claim tag would
        f"{_flag_tags(f for f in row.flags if f.source is None and f.kind != 'unmatched_claim')}",
    ]
    if row.unmatched:
        parts.append('<div><span class="unmatched-mark">no other source makes this claim'
                     "</span></div>")
    parts.append(f"{_note(row.note)}</td>")
    if report.has_machine_translation:
        parts.append(f'<td class="{MACHINE}" lang="{_lang(report.pivot_lang)}">'
                     f"{_e(row.translation or '')}</td>")
    for cell, info in zip(row.cells, report.sources, strict=False):
        parts.append(_cell(cell, info, report.pivot_lang, ids))
    parts.append("</tr>")
    return "".join(parts)


def _grid(report: Report, ids: set[str]) -> str:
    head = ['<th class="rowid">#</th>', f"<th>Original ({_e(report.original.lang)})</th>"]
    if report.has_machine_translation:
        lang = _e(report.pivot_lang)
        head.append(f"<th>Gloss (dictionary, {lang})</th>" if report.original_is_gloss
                    else f"<th>Machine translation ({lang})</th>")
    for info in report.sources:
        head.append(f"<th>{_e(info.name)}<div class=\"meta\">{_e(info.role)} · "
                    f"{_e(info.lang)}</div></th>")
    body = "\n".join(_row(row, report, ids) for row in report.rows)
    return (f'<table class="grid"><thead><tr>{"".join(head)}</tr></thead>'
            f"<tbody>\n{body}\n</tbody></table>")


def _leftovers(report: Report, ids: set[str]) -> str:
    if not report.leftovers:
        return "<p>Every sentence of every source is linked to the original.</p>"
    items = []
    for cell in report.leftovers:
        info = report.source(cell.source)
        anchor = _id_attr(anchor_id(cell.source, str(cell.sentence)), ids)
        translated = (f'<div class="pivot" lang="{_lang(report.pivot_lang)}">'
                      f"{_e(cell.translation)}</div>"
                      if cell.translation and cell.translation != cell.text else "")
        items.append(
            f'<tr{anchor}><td class="rowid">{_e(cell.sentence)}</td>'
            f"<td>{_e(info.name)}</td>"
            f'<td lang="{_lang(info.lang)}">{_e(cell.text)}{translated}'
            f"{_flag_tags(cell.flags)}{_note(cell.note)}</td></tr>"
        )
    return ('<table class="grid"><thead><tr><th class="rowid">#</th><th style="width:12em">'
            "Source</th><th>Sentence</th></tr></thead><tbody>" + "".join(items)
            + "</tbody></table>")


def _flag_target(flag: Flag, ids: set[str]) -> str | None:
    """The row of the flag's original sentence, else its source sentence, if the page has it."""
    candidates = []
    if flag.original is not None:
        candidates.append(anchor_id(flag.original))
    if flag.source is not None and flag.sentence is not None:
        candidates.append(anchor_id(flag.source, flag.sentence))
    return next((c for c in candidates if c in ids), None)


def _differences(report: Report, ids: set[str]) -> str:
    if not report.flags:
        return "<p>No differences were flagged.</p>"
    items = []
    for flag in report.flags:
        target = _flag_target(flag, ids)
        where = flag.original or ""
        if flag.source is not None:
            where += f" ↔ {report.source(flag.source).name}"
            if flag.sentence:
                where += f" {flag.sentence}"
        where_html = _e(where.strip() or "—")
        if target is not None:
            where_html = f'<a href="#{_e(target)}">{where_html}</a>'
        decision = (f' <span class="decision">{_e(DECISION_WORDS[flag.decision])}</span>'
                    if flag.decision in DECISION_WORDS else "")
        classes = ' class="dismissed"' if flag.dismissed else ""
        items.append(
            f'<li{classes}><strong>{_e(FLAG_LABELS.get(flag.kind, flag.kind))}</strong> '
            f"({where_html}): «{_e(flag.text)}» — {_e(flag.detail)}{decision}"
            f"{_note(flag.note)}</li>"
        )
    return f'<ol class="flags">{"".join(items)}</ol>'


def _sentence_notes(report: Report, ids: set[str]) -> str:
    """Every note the analyst made on a sentence, linked to the sentence where the page has it."""
    items = []
    for entry in report.sentence_notes:
        name = "Original" if entry.key == ORIGINAL else report.source(entry.key).name
        label = "headline" if entry.sentence == TITLE else entry.sentence
        anchor = anchor_id(entry.sentence) if entry.key == ORIGINAL else anchor_id(
            entry.key, entry.sentence)
        where = _e(f"{name} {label}")
        if anchor in ids:
            where = f'<a href="#{_e(anchor)}">{where}</a>'
        items.append(f"<li>{where}: «{_e(entry.text)}»{_note(entry.note)}</li>")
    return f'<ul class="notes">{"".join(items)}</ul>'


def _heat(score: float | None) -> str:
    if score is None:
        return HEAT_NONE
    s = max(0.0, min(1.0, score))
    r, g, b = (round(lo + (hi - lo) * s) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def coverage_svg(report: Report, cell_w: int = 28, cell_h: int = 14) -> str:
    """Sentences (rows) × sources (columns) heat map; each cell links to its grid row."""
    left, top = 64, 24
    cols = max(1, len(report.sources))
    width = left + cols * cell_w + 8
    height = top + max(1, len(report.rows)) * cell_h + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Coverage: sentences by sources">',
        '<g font-size="10" font-family="sans-serif" fill="#333">',
    ]
    for j, info in enumerate(report.sources):
        x = left + j * cell_w + cell_w // 2
        parts.append(f'<text x="{x}" y="{top - 8}" text-anchor="middle">{j + 1}'
                     f"<title>{_e(info.name)}</title></text>")
    for i, row in enumerate(report.rows):
        y = top + i * cell_h
        label = "head" if row.original == TITLE else row.original
        parts.append(f'<text x="{left - 6}" y="{y + cell_h - 3}" text-anchor="end">'
                     f"{_e(label)}</text>")
        for j, cell in enumerate(row.cells):
            score = cell.score if cell.matched else None
            fill = _heat(score) if cell.matched else HEAT_NONE
            if cell.matched and score is None:
                fill = _heat(0.5)
            tip = f"{row.original} × {report.sources[j].name}: " + (
                "no counterpart" if not cell.matched else f"score {_score(score) or 'n/a'}")
            parts.append(
                f'<a href="#{_e(anchor_id(row.original))}"><rect x="{left + j * cell_w}" '
                f'y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
                f"<title>{_e(tip)}</title></rect></a>"
            )
    parts.append("</g></svg>")
    key = "".join(f"<li>{j + 1}: {_e(info.name)}</li>" for j, info in enumerate(report.sources))
    return f'<div class="coverage">{"".join(parts)}<ol class="meta">{key}</ol></div>'


def _legend() -> str:
    return (
        '<p class="legend">'
        f'<span><span class="swatch" style="background:{INSERT_BG}"></span>'
        "<ins>only in the other source</ins></span>"
        f'<span><span class="swatch" style="background:{DELETE_BG}"></span>'
        "<del>only in the original</del></span>"
        f'<span><span class="swatch" style="background:{UNMATCHED_BG}"></span>'
        "claim with no counterpart</span>"
        f'<span><span class="swatch" style="background:{_heat(0.0)}"></span>weak match</span>'
        f'<span><span class="swatch" style="background:{_heat(1.0)}"></span>close match</span>'
        f'<span><span class="swatch" style="background:{HEAT_NONE}"></span>no match</span>'
        "</p>"
    )


def _kv(pairs: Iterable[tuple[str, object]]) -> str:
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs)
    return f'<table class="kv">{rows}</table>'


def _sources_table(report: Report) -> str:
    head = ("<tr><th>Column</th><th>Role</th><th>Title</th><th>Outlet</th><th>Published</th>"
            "<th>Language</th><th>Sentences</th><th>From</th></tr>")
    rows = []
    for info in (report.original, *report.sources):
        published = info.published.isoformat(sep=" ") if info.published else "—"
        rows.append(
            f"<tr><td>{_e(info.name)}</td><td>{_e(info.role)}</td>"
            f'<td lang="{_lang(info.lang)}">{_e(info.title)}</td><td>{_e(info.outlet or "—")}'
            f"</td><td>{_e(published)}</td><td>{_e(info.lang)}</td>"
            f"<td>{info.sentence_count}</td><td>{_e(info.origin or '—')}</td></tr>"
        )
    return f'<table class="sources">{head}{"".join(rows)}</table>'


def _settings(report: Report) -> str:
    engines = "".join(
        f"<li>{_e(report.source(e.key).name)}: {_e(e.engine)} {_e(e.version)} "
        f"({_e(e.source_lang)} → {_e(e.target_lang)}{', word gloss' if e.is_gloss else ''})"
        f"{'; ' + _e(e.provenance) if e.provenance else ''}</li>"
        for e in report.engines
    ) or "<li>No machine translation in this workspace.</li>"
    settings = _kv((k, v) for k, v in report.settings.items())
    notes = "".join(f"<li>{_e(n)}</li>" for n in report.notes)
    return (
        _kv([("Parallax version", report.app_version),
             ("Report created", report.created.isoformat(timespec="seconds"))])
        + f"<h3>Translation engines</h3><ul>{engines}</ul><h3>Comparison settings</h3>{settings}"
        + (f"<h3>Notes</h3><ul>{notes}</ul>" if notes else "")
        + (f'<h3 id="review">Analyst\'s review</h3>{_kv(report.review_summary)}'
           if report.review_summary else "")
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a str; write it as UTF-8)."""
    sources = ", ".join(info.name for info in report.sources) or "no other sources"
    ids: set[str] = set()  # filled by the sections with rows, read by the differences list
    grid = _grid(report, ids)
    leftovers = _leftovers(report, ids)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{_lang(report.original.lang) or "und"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="Parallax {_e(report.app_version)}">',
        f"<title>{_e(report.title or 'Parallax report')} — Parallax report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<h1 lang="{_lang(report.original.lang)}">{_e(report.title or "Untitled article")}</h1>',
        f'<p class="sub">{_e(report.original.outlet or "Unknown outlet")}'
        + (f" · {_e(report.original.published.isoformat(sep=' '))}"
           if report.original.published else "")
        + f" · compared with {_e(sources)}</p>",
        _legend(),
        "<h2>Aligned sentences</h2>",
        grid,
        f"<h2 id=\"differences\">Differences ({len(report.flags)})</h2>",
        _differences(report, ids),
        *([f'<h2 id="analyst-notes">Analyst\'s notes ({len(report.sentence_notes)})</h2>',
           _sentence_notes(report, ids)] if report.sentence_notes else []),
        "<h2 id=\"coverage\">Coverage</h2>",
        coverage_svg(report),
        "<h2 id=\"leftovers\">Sentences the original has no counterpart for</h2>",
        leftovers,
        "<h2 id=\"sources\">Sources</h2>",
        _sources_table(report),
        "<h2 id=\"settings\">Parallax and settings</h2>",
        _settings(report),
        "</body>",
        "</html>",
        "",
    ])


def export_bytes(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    report = build_report(workspace, comparison, on_progress, cancel)
    return render_html(report).encode("utf-8")
