"""The analyst's review in every export: links by hand, flag decisions and notes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import openpyxl
import pytest

from parallax.core.compare import compare_workspace
from parallax.core.comparison import Comparison
from parallax.core.export import export_workspace, render_export
from parallax.core.export import fonts as export_fonts
from parallax.core.export.table import COLUMNS
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, Workspace

EVIL_NOTE = '<script>alert(1)</script> checked "50" against the wire'


@pytest.fixture(scope="module")
def reviewed() -> tuple[Workspace, Comparison]:
    original = make_article("Quake", [
        "A magnitude 5 quake hit southern Gansu last night, injuring 3 people.",
        "Schools in the area closed for one day.",
        "Officials say the damage was light.",
    ], lang="en")
    report = make_article("Wire", [
        "Officials said damage from the quake was extensive.",
        "At least 30 people were injured when a quake hit Gansu.",
        "The weather was sunny in Beijing.",
        "Rescue teams reached the county by noon.",
    ], lang="en")
    workspace = Workspace(original).with_source(report, "report", "Wire")
    machine = compare_workspace(workspace, semantic=False)
    omitted = next(f for f in machine.flags if f.kind == "omitted_claim")
    unmatched = next(f for f in machine.flags if f.kind == "unmatched_claim")
    review = (workspace.review.with_link("s1", "src1", "s4")
              .without_link("s3", "src1", "s1")
              .with_decision(omitted, "dismissed")
              .with_flag_note(omitted, "Weather is beside the point.")
              .with_decision(unmatched, "confirmed")
              .with_note(ORIGINAL, "s1", EVIL_NOTE)
              .with_note("src1", "s2", "Thirty, not three."))
    workspace = workspace.with_review(review)
    return workspace, compare_workspace(workspace, semantic=False)


def test_html_shows_links_decisions_and_notes_as_text(
        reviewed: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = reviewed
    page = render_export(workspace, comparison, "html").decode("utf-8")
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script")  # the note's markup stayed text
    notes = [n.text_content() for n in tree.xpath('//*[@class="note"]')]
    assert f"Note: {EVIL_NOTE}" in notes
    assert "Note: Thirty, not three." in notes
    assert "Note: Weather is beside the point." in notes
    [by_hand] = tree.xpath("//td[@id='src1-s4']")
    assert "linked by the analyst" in by_hand.text_content()
    # Every sentence note is listed, also one whose sentence the grid does not show.
    listed = tree.xpath('string(//h2[@id="analyst-notes"]/following-sibling::ul[1])')
    assert "Wire s2" in listed and "Thirty, not three." in listed and EVIL_NOTE in listed
    items = tree.xpath('//ol[@class="flags"]/li')
    dismissed = [li for li in items if li.get("class") == "dismissed"]
    assert len(dismissed) == 1 and "dismissed by the analyst" in dismissed[0].text_content()
    assert "Weather is beside the point." in dismissed[0].text_content()
    assert any("confirmed by the analyst" in li.text_content() for li in items)
    summary = {th.text_content(): td.text_content() for th, td in zip(
        tree.xpath('//h3[@id="review"]/following-sibling::table[1]//th'),
        tree.xpath('//h3[@id="review"]/following-sibling::table[1]//td'), strict=True)}
    assert summary == {"Pairs linked by hand": "1", "Machine links removed": "1",
                       "Flags confirmed": "1", "Flags dismissed": "1", "Notes": "3"}


def test_an_unreviewed_report_says_nothing_of_a_review() -> None:
    workspace = Workspace(make_article("T", ["One thing happened."], lang="en"))
    page = render_export(workspace, compare_workspace(workspace, semantic=False), "html")
    assert b"Analyst" not in page and b'class="note"' not in page


def test_csv_and_xlsx_have_decision_and_note_columns(
        reviewed: tuple[Workspace, Comparison], tmp_path: Path) -> None:
    workspace, comparison = reviewed
    assert {"linked_by", "flag_decisions", "flag_notes", "original_note",
            "source_note"} <= set(COLUMNS)
    text = render_export(workspace, comparison, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_pair = {(r["original_id"], r["source_sentence_id"]): r for r in rows}
    assert by_pair[("s1", "s4")]["linked_by"] == "analyst"
    assert by_pair[("s1", "s2")]["linked_by"] == "engine"
    assert by_pair[("s1", "s2")]["original_note"] == EVIL_NOTE
    assert by_pair[("s1", "s2")]["source_note"] == "Thirty, not three."
    assert ("s3", "s1") not in by_pair  # unlinked by hand
    weather = by_pair[("", "s3")]
    assert weather["flag_decisions"] == "omitted_claim: dismissed"
    assert weather["flag_notes"].endswith("Weather is beside the point.")

    path = export_workspace(workspace, comparison, "xlsx", tmp_path / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = [dict(zip(COLUMNS, v, strict=True))
             for v in book["Aligned pairs"].iter_rows(min_row=2, values_only=True)]
    linked = next(r for r in sheet if r["original_id"] == "s1"
                  and r["source_sentence_id"] == "s4")
    assert linked["linked_by"] == "analyst" and linked["score"] == 1.0
    assert next(r for r in sheet if r["source_note"] == "Thirty, not three.")
    differences = list(book["Differences"].iter_rows(values_only=True))
    header = differences[0]
    assert header[-2:] == ("decision", "note")
    decisions = {(row[0], row[-2], row[-1]) for row in differences[1:]}
    assert ("omitted_claim", "dismissed", "Weather is beside the point.") in decisions
    assert ("unmatched_claim", "confirmed", None) in decisions


def test_json_export_has_the_review_fields(reviewed: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = reviewed
    data = json.loads(render_export(workspace, comparison, "json"))
    assert data["version"] == 1
    assert {(a["original"], a["sentence"], a["by"]) for a in data["alignments"]} >= {
        ("s1", "s4", "analyst"), ("s1", "s2", "engine")}
    assert _sentence(data["original"], "s1")["note"] == EVIL_NOTE
    assert data["review"]["unlinked"] == [{"original": "s3", "source": "src1", "sentence": "s1"}]
    decided = {f["kind"]: (f["decision"], f["note"]) for f in data["flags"] if f["decision"]}
    assert decided == {"omitted_claim": ("dismissed", "Weather is beside the point."),
                       "unmatched_claim": ("confirmed", None)}


@pytest.mark.skipif(shutil.which("pdftotext") is None or export_fonts.find_font() is None,
                    reason="needs pdftotext and a CJK font")
def test_pdf_shows_decisions_and_notes(
        reviewed: tuple[Workspace, Comparison], tmp_path: Path) -> None:
    workspace, comparison = reviewed
    path = export_workspace(workspace, comparison, "pdf", tmp_path / "report.pdf")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, timeout=60, check=True)
    text = " ".join(result.stdout.split())
    assert "Analyst's notes (2)" in text and "Thirty, not three." in text
    assert "dismissed by the analyst" in text and "linked by the analyst" in text


def test_the_command_line_exports_a_saved_review(tmp_path: Path) -> None:
    """`parallax export` compares the saved workspace again (as the command line does, with
    the embedding model when it is installed): the review is laid over that comparison."""
    from parallax.cli import main

    base = Workspace(make_article("Quake", [
        "A magnitude 5 quake hit southern Gansu last night, injuring 3 people.",
        "Schools in the area closed for one day.",
    ], lang="en")).with_source(make_article("Wire", [
        "At least 30 people were injured when a quake hit Gansu.",
        "Rescue teams reached the county by noon.",
    ], lang="en"), "report", "Wire")
    machine = compare_workspace(base)
    # Nothing in the wire tells s2 (the schools): "no other source" or "no close match".
    [claim] = [f for f in machine.flags if f.original == "s2"]
    assert claim.kind in {"unmatched_claim", "no_close_match"}
    workspace = base.with_review(base.review.with_link("s1", "src1", "s2")
                                 .without_link("s1", "src1", "s1")
                                 .with_decision(claim, "dismissed")
                                 .with_note(ORIGINAL, "s1", EVIL_NOTE))
    saved = tmp_path / "reviewed.parallax"
    workspace.save(saved)
    out = tmp_path / "out.json"
    assert main(["export", str(saved), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(a["original"], a["sentence"], a["by"]) for a in data["alignments"]] == [
        ("s1", "s2", "analyst")]
    assert _sentence(data["original"], "s1")["note"] == EVIL_NOTE
    decided = [(f["kind"], f["original"], f["decision"]) for f in data["flags"] if f["decision"]]
    assert decided == [(claim.kind, "s2", "dismissed")]


def _sentence(article: dict[str, Any], sentence_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in article["sentences"] if s["id"] == sentence_id)
    return found
