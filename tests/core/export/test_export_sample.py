"""Every export of the built-in sample, compared by the real engine (`compare_workspace`)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from parallax.core.compare import compare_workspace
from parallax.core.comparison import Comparison
from parallax.core.export import ExportOptions, export_workspace, render_export
from parallax.core.export.fonts import find_font
from parallax.core.export.table import COLUMNS, table_rows
from parallax.core.export.tmx import tmx_pairs
from parallax.core.samples import sample_workspace
from parallax.core.workspace import Workspace


@pytest.fixture(scope="module")
def real() -> tuple[Workspace, Comparison]:
    workspace = sample_workspace()
    return workspace, compare_workspace(workspace)


def test_html_of_the_sample(real: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = real
    doc = lxml.html.document_fromstring(render_export(workspace, comparison, "html"))
    assert not doc.xpath("//script|//img|//link")
    rows = doc.xpath("(//table[@class='grid'])[1]/tbody/tr")
    assert len(rows) == workspace.original.sentence_count + 1  # the headline, then sentences
    assert "普京" in doc.text_content()
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate anchors"
    for href in doc.xpath("//a/@href"):
        assert href.startswith("#") and href[1:] in ids
    assert len(doc.xpath("//ol[@class='flags']/li")) == len(comparison.flags)
    if any(link.diff for link in comparison.links):
        assert doc.xpath("//ins|//del")


@pytest.mark.slow
def test_html_of_the_sample_in_chromium(
    real: tuple[Workspace, Comparison], tmp_path: Path,
    screenshot: Callable[[Path, Path], Path], rich_screenshot: Callable[[Path], None],
) -> None:
    workspace, comparison = real
    page = export_workspace(workspace, comparison, "html", tmp_path / "sample-report.html")
    rich_screenshot(screenshot(page, tmp_path / "sample-report.png"))


@pytest.mark.slow
@pytest.mark.skipif(find_font() is None or shutil.which("pdftotext") is None,
                    reason="needs a CJK font and pdftotext (make system-deps)")
def test_pdf_of_the_sample(real: tuple[Workspace, Comparison], tmp_path: Path) -> None:
    workspace, comparison = real
    path = export_workspace(workspace, comparison, "pdf", tmp_path / "sample.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    assert "普京" in text and "蒙古国" in text
    assert "Wire report (sample)" in text


def test_tmx_of_the_sample(real: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = real
    data = render_export(workspace, comparison, "tmx", ExportOptions(include_reports=True))
    root = etree.fromstring(data)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "zh-CN"
    pairs = tmx_pairs(workspace, comparison, include_reports=True)
    units = tmxfile.parsestring(data).units
    assert len(units) == len(pairs) > 40
    assert [(u.source, u.gettarget(p.target_lang)) for u, p in zip(units, pairs, strict=True)] \
        == [(p.source_text, p.target_text) for p in pairs]


def test_tables_of_the_sample(real: tuple[Workspace, Comparison], tmp_path: Path) -> None:
    workspace, comparison = real
    expected = table_rows(workspace, comparison)
    assert sum(1 for r in expected if r.original_id and r.source_id) == len(comparison.links)
    text = render_export(workspace, comparison, "csv").decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == list(COLUMNS) and len(parsed) == len(expected) + 1
    path = export_workspace(workspace, comparison, "xlsx", tmp_path / "sample.xlsx")
    sheet = openpyxl.load_workbook(path)["Aligned pairs"]
    assert sheet.max_row == len(expected) + 1
