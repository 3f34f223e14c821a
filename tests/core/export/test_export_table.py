"""CSV and XLSX of aligned pairs: rows, scores, flags, Chinese text and formula injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from parallax.core.comparison import Comparison, Flag, Link
from parallax.core.export import export_workspace, render_export
from parallax.core.export.table import COLUMNS, table_rows
from parallax.core.segment import make_article
from parallax.core.workspace import Workspace


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to read Chinese"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_link_plus_unlinked_sentences(
    sample_ws: Workspace, sample_cmp: Comparison
) -> None:
    rows = _csv_rows(render_export(sample_ws, sample_cmp, "csv"))
    assert list(rows[0]) == list(COLUMNS)
    linked = [r for r in rows if r["original_id"] and r["source_id"]]
    assert len(linked) == len(sample_cmp.links)
    row = next(r for r in linked if r["original_id"] == "s9" and r["source_id"] == "src4")
    assert "15个地区" in row["original_text"] and "十二个州" in row["source_text"]
    assert row["source_translation"].startswith("According to Ukraine")
    assert row["score"] == "0.66" and row["source_role"] == "report"
    assert row["flags"] == "number_mismatch"
    assert "Different number: The original says 15 regions" in row["flag_details"]
    # the original's own flags reach every row of that sentence, and unlinked sentences too
    s6 = [r for r in rows if r["original_id"] == "s6"]
    assert [(r["source_id"], r["flags"]) for r in s6] == [("src1", "unmatched_claim")]
    omitted = next(r for r in rows if r["source_id"] == "src4" and r["source_sentence_id"] == "s2")
    assert omitted["original_id"] == "" and omitted["flags"] == "omitted_claim"
    covered = {(r["source_id"], r["source_sentence_id"]) for r in rows if r["source_id"]}
    assert len(covered) == sum(s.article.sentence_count for s in sample_ws.sources)


def test_xlsx_opens_with_the_same_rows(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path
) -> None:
    path = export_workspace(sample_ws, sample_cmp, "xlsx", tmp_path / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Aligned pairs", "Sources", "Differences"]
    sheet = book["Aligned pairs"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    expected = table_rows(sample_ws, sample_cmp)
    assert len(values) - 1 == len(expected)
    title, first = (dict(zip(COLUMNS, v, strict=True)) for v in values[1:3])
    assert title["original_id"] == "title" and title["source_id"] is None
    assert "普京" in str(title["original_text"]) and title["flags"] == "headline_escalation"
    assert first["original_id"] == "s1" and first["score"] == 0.9
    assert len(list(book["Differences"].iter_rows())) == len(sample_cmp.flags) + 1
    assert len(list(book["Sources"].iter_rows())) == len(sample_ws.sources) + 2


def test_formula_injection_is_defused_in_csv_and_xlsx(tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]
    original = make_article("=1+1 标题", ["。".join(hostile) + "。"], "zh", outlet="@outlet")
    report = make_article("Report", ["=cmd|' /C calc'!A0. Fine text."], "en")
    ws = Workspace(original).with_source(report, "report", "+label")
    cmp = Comparison((Link("s1", "src1", "s1", 0.5),),
                     (Flag("hedge", "=x", "-detail", original="s1"),))
    rows = _csv_rows(render_export(ws, cmp, "csv"))
    cells = [v for r in rows for v in r.values() if v]
    assert cells and not any(v[0] in "=+-@" for v in cells), cells
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")。" in cells

    path = export_workspace(ws, cmp, "xlsx", tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str) and cell.value:
                    assert cell.value[0] not in "=+-@", cell.value


def test_xlsx_takes_control_characters_and_huge_cells(tmp_path: Path) -> None:
    long = "很长的句子" * 10_000 + "。"
    original = make_article("标题\x01\x1f", [long, "第二句\x00。"], "zh")
    ws = Workspace(original)
    path = export_workspace(ws, Comparison(), "xlsx", tmp_path / "odd.xlsx")
    sheet = openpyxl.load_workbook(path)["Aligned pairs"]
    texts = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts[0] == "标题"
    assert isinstance(texts[1], str) and len(texts[1]) <= 32_767 and texts[1].endswith("…")
    assert texts[2] == "第二句。"
