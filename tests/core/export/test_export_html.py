"""The HTML report: content, escaping of hostile article text, and what a browser shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from parallax.core.comparison import Comparison
from parallax.core.export import export_workspace, render_export
from parallax.core.export.html import CSP, render_html
from parallax.core.export.report import build_report
from parallax.core.workspace import Workspace


def _doc(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data.decode("utf-8"))


def test_sample_report_shows_grid_diffs_coverage_and_metadata(
    sample_ws: Workspace, sample_cmp: Comparison
) -> None:
    doc = _doc(render_export(sample_ws, sample_cmp, "html"))
    header = [th.text_content() for th in doc.xpath("(//table[@class='grid'])[1]/thead/tr/th")]
    # id, original, its machine translation, then each source (translations, then reports)
    assert len(header) == 3 + len(sample_ws.sources)
    assert "Human translation (sample)" in header[3]
    assert "Regional brief, partial (sample)" in header[-1]
    row = doc.get_element_by_id("s24")
    assert "诺门罕战役胜利85周年" in row.text_content()
    assert "85th anniversary" in row.text_content()
    assert row.xpath(".//ins") and row.xpath(".//del")  # word diffs against the MT
    # an original sentence no source covers is marked
    assert "unmatched" in doc.get_element_by_id("s6").get("class", "")
    # a source sentence the original lacks is listed with its own anchor
    assert doc.xpath("//tr[@id='src4-s2']")
    svg = doc.xpath("//*[local-name()='svg']")
    assert svg and len(svg[0].xpath(".//*[local-name()='rect']")) == (
        len(sample_ws.original.sentences) + 1) * len(sample_ws.sources)
    text = doc.text_content()
    for source in sample_ws.sources:
        assert source.article.title in text
    assert "argos-translate-lt 1.12.1; zh_en 1.9" in text
    assert "min_score" in text and "Parallax version" in text
    # the hand edit wins over the machine output
    assert "The Russia-Ukraine war has escalated again." in row.getparent().text_content()


def test_every_difference_links_to_an_anchor_in_the_page(
    sample_ws: Workspace, sample_cmp: Comparison
) -> None:
    doc = _doc(render_export(sample_ws, sample_cmp, "html"))
    links = doc.xpath("//ol[@class='flags']//a/@href")
    assert len(links) == len(sample_cmp.flags)
    assert "#s9" in links and "#title" in links
    for href in links:
        assert href.startswith("#")
        assert doc.get_element_by_id(href[1:]) is not None


def test_self_contained_with_strict_csp(sample_ws: Workspace, sample_cmp: Comparison) -> None:
    doc = _doc(render_export(sample_ws, sample_cmp, "html"))
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp == [CSP]
    assert not doc.xpath("//script|//link|//iframe|//object|//embed|//img")
    for attr in doc.xpath("//@src|//@href"):
        assert attr.startswith("#") or attr == "http://www.w3.org/2000/svg"
    css = doc.xpath("//style")[0].text
    assert '"Noto Sans CJK SC", "WenQuanYi Micro Hei"' in css and "@import" not in css
    assert "url(" not in css


def test_hostile_article_text_is_shown_as_text(evil_ws: Workspace, evil_cmp: Comparison) -> None:
    data = render_export(evil_ws, evil_cmp, "html")
    doc = _doc(data)
    assert not doc.xpath("//script"), "article text became a <script> element"
    assert not doc.xpath("//img")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name} on {element.tag}"
            assert "javascript:" not in value.lower(), f"{name}={value!r} on {element.tag}"
    # ... and the reader still sees what the article says, literally
    text = doc.text_content()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert 'href="javascript:alert(1)"' in text
    assert b"<script>" not in data


def test_report_model_survives_ids_no_article_holds(sample_ws: Workspace) -> None:
    from parallax.core.comparison import Flag, Link

    broken = Comparison(
        (Link("s9999", "src1", "s1", 0.5), Link("s1", "nosuchsource", "s1", 0.5),
         Link("s2", "src1", "s9999", 0.4)),
        (Flag("hedge", "x", "y", original="s2", source="ghost", sentence="s1"),),
    )
    report = build_report(sample_ws, broken)
    html = render_html(report)
    assert "s2" in html
    row = next(r for r in report.rows if r.original == "s2")
    assert row.cells[0].sentence == "s9999" and row.cells[0].text == ""


@pytest.mark.slow
def test_report_renders_in_headless_chromium(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path,
    screenshot: Callable[[Path, Path], Path], rich_screenshot: Callable[[Path], None],
) -> None:
    page = export_workspace(sample_ws, sample_cmp, "html", tmp_path / "report.html")
    rich_screenshot(screenshot(page, tmp_path / "report.png"))


def test_a_gloss_is_called_a_gloss_in_the_report() -> None:
    from parallax.core.compare import compare_workspace
    from parallax.core.samples import sample_workspace
    from parallax.core.translate.article_translation import translate_article
    from parallax.core.translate.gloss import GlossEngine
    from parallax.core.workspace import ORIGINAL

    base = sample_workspace(with_sources=False)
    glossed = base.with_translation(ORIGINAL, translate_article(base.original, GlossEngine(),
                                                                "en"))
    report = sample_workspace().source("src5").article
    workspace = glossed.with_source(report, "report", "brief")
    comparison = compare_workspace(workspace, semantic=False)
    doc = _doc(render_export(workspace, comparison, "html"))
    header = [th.text_content() for th in doc.xpath("(//table[@class='grid'])[1]/thead/tr/th")]
    assert "Gloss (dictionary, en)" in header
    assert not any(h.startswith("Machine translation") for h in header)
