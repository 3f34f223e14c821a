"""`parallax compare`: JSON contract on the samples, workspace output, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.cli import main
from parallax.core.workspace import Workspace

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
TRANSLATION = SAMPLES / "putin-mongolia-2024-09-04.en-translation.txt"
WIRE = SAMPLES / "sample-wire-report.en.txt"
STATE_MEDIA = SAMPLES / "sample-state-media.zh.txt"


def test_compare_writes_json_and_workspace(
    seed_path: Path, tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "comparison.json"
    saved = tmp_path / "set.parallax"
    code = main(["compare", str(seed_path), str(WIRE), str(STATE_MEDIA),
                 "--translation", str(TRANSLATION), "--engine", "gloss",
                 "--json", str(out), "--workspace", str(saved)])
    assert code == 0
    summary = capsys.readouterr().out
    assert "Headline stronger than the body" in summary
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["original"]["lang"] == "zh"
    assert len(data["original"]["sentences"]) == 1 + 45  # the headline, then the body
    assert [(s["id"], s["role"]) for s in data["sources"]] == [
        ("src1", "translation"), ("src2", "report"), ("src3", "report")]
    wire_links = {(a["sentence"], a["original"]) for a in data["alignments"]
                  if a["source"] == "src2"}
    assert ("s8", "s35") in wire_links and ("s11", "s17") in wire_links
    assert all(isinstance(op, int) and isinstance(text, str)
               for a in data["alignments"] for op, text in a["diff"])
    kinds = {f["kind"] for f in data["flags"]}
    assert {"headline_escalation", "number_qualifier", "number_mismatch"} <= kinds
    # Unlinked sentences: claim flags only where nothing comes close, the rest said apart.
    assert kinds & {"unmatched_claim", "no_close_match"}
    assert isinstance(data["report_only"], list)
    assert all(f["severity"] in {"high", "medium", "low"} for f in data["flags"])
    workspace = Workspace.load(saved)
    assert len(workspace.sources) == 3
    assert "original" in workspace.translations  # the gloss, kept with the workspace


def test_compare_json_to_stdout(
    seed_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(seed_path), str(WIRE), "--translation", str(TRANSLATION),
                 "--engine", "gloss", "--min-score", "0.5", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["min_score"] == 0.5
    assert all(a["score"] >= 0.5 for a in data["alignments"] if a["source"] == "src2")


def test_empty_report_is_one_line_error(
    seed_path: Path, tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["compare", str(seed_path), str(empty), "--engine", "gloss"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty" in err[0]


def test_bad_min_score_is_rejected(
    seed_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(seed_path), str(WIRE), "--min-score", "3"]) == 2
    assert "--min-score" in capsys.readouterr().err
