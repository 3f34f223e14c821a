"""The PDF report: embedded CJK font, extractable Chinese text, clear errors without a font."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from parallax.core.comparison import Comparison, Flag, Link
from parallax.core.errors import ExportError
from parallax.core.export import ExportOptions, export_workspace
from parallax.core.export import fonts as export_fonts
from parallax.core.segment import make_article
from parallax.core.workspace import Workspace

needs_font = pytest.mark.skipif(
    export_fonts.find_font() is None,
    reason="no CJK font installed (apt-get install fonts-wqy-microhei; make system-deps)",
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext missing (apt-get install poppler-utils)"
)


def pdftotext(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


@needs_font
@needs_pdftotext
def test_sample_pdf_text_is_extractable_chinese_included(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path
) -> None:
    path = export_workspace(sample_ws, sample_cmp, "pdf", tmp_path / "report.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data  # the TrueType subset travels with the file
    text = pdftotext(path)
    assert "普京" in text
    assert "诺门罕战役胜利85周年" in text
    assert "Human translation (sample)" in text and "Wire report (sample)" in text
    assert "Different number" in text and "Headline stronger than the body" in text
    assert "argos-translate-lt 1.12.1; zh_en 1.9" in text
    assert "蒙古国总统呼日勒苏赫" in text  # a claim only the state media report makes


def test_no_cjk_font_is_a_clear_export_error(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no fontconfig (fonts' shutil)
    monkeypatch.setattr(export_fonts, "_KNOWN_PATHS", ())
    assert export_fonts.find_font() is None
    (tmp_path / "report.pdf").write_bytes(b"previous")
    with pytest.raises(ExportError, match="No font that can draw Chinese"):
        export_workspace(sample_ws, sample_cmp, "pdf", tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes() == b"previous"


def test_a_font_without_chinese_is_refused(sample_ws: Workspace, tmp_path: Path) -> None:
    latin = export_fonts.find_font((0x41, 0x42), ":lang=en", ())
    if latin is None:
        pytest.skip("no font at all on this system")
    if export_fonts.find_font((0x666E,), ":lang=en", ()) == latin:
        pytest.skip("the first Latin font draws Chinese too")
    with pytest.raises(ExportError, match="cannot draw Chinese"):
        export_workspace(sample_ws, Comparison(), "pdf", tmp_path / "r.pdf",
                         ExportOptions(font_path=str(latin.path)))
    with pytest.raises(ExportError, match="does not exist"):
        export_workspace(sample_ws, Comparison(), "pdf", tmp_path / "r.pdf",
                         ExportOptions(font_path=str(tmp_path / "missing.ttf")))


@needs_font
@needs_pdftotext
def test_odd_text_in_every_script(tmp_path: Path) -> None:
    odd = "控制\x00字符\x0c\t表情😀 <script>alert(1)</script> \ud800 Путин посетил Монголию"
    original = make_article(f"标题 {odd}", [f"普京访问蒙古国。{odd}。"], "zh", outlet=odd)
    report = make_article("Отчёт", ["Путин посетил Монголию. Второе предложение."], "ru")
    ws = Workspace(original).with_source(report, "report", odd)
    cmp = Comparison((Link("s1", "src1", "s1", 0.7),),
                     (Flag("hedge", odd, odd, original="s2", source="src1", sentence="s2"),))
    path = export_workspace(ws, cmp, "pdf", tmp_path / "odd.pdf")
    text = pdftotext(path)
    assert "普京访问蒙古国" in text and "Путин посетил Монголию" in text
    assert "<script>alert(1)</script>" in text
