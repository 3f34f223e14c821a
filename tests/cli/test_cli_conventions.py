"""Command-line conventions: options and positionals in any order on every subcommand, and a
frozen app's --help that names the window and the self-test."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from parallax.cli import build_parser, main

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
TRANSLATION = SAMPLES / "putin-mongolia-2024-09-04.en-translation.txt"
WIRE = SAMPLES / "sample-wire-report.en.txt"
STATE_MEDIA = SAMPLES / "sample-state-media.zh.txt"


def test_compare_takes_reports_after_an_option() -> None:
    args = build_parser().parse_args(["compare", "orig.txt", "--translation", "t.txt",
                                      "r1.txt", "--json", "-", "r2.txt"])
    assert args.original == "orig.txt"
    assert args.translation == ["t.txt"]
    assert args.reports == ["r1.txt", "r2.txt"]
    assert args.json == "-"


def subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                found.update({f"{name} {k}": v for k, v in subcommand_parsers(sub).items()})
    return found


def test_every_subcommand_accepts_an_option_before_its_positionals() -> None:
    parser = build_parser()
    checked = []
    for name, sub in subcommand_parsers(parser).items():
        positionals = [a for a in sub._actions if not a.option_strings
                       and a.nargs != argparse.PARSER]
        flags = [a for a in sub._actions if a.option_strings and a.nargs == 0
                 and not isinstance(a, argparse._HelpAction)]
        if not positionals or not flags:
            continue
        values = [str(next(iter(a.choices))) if a.choices else "x" for a in positionals]
        required = [part for a in sub._actions if a.option_strings and a.required
                    for part in (a.option_strings[-1], "x")]
        # A flag after the first positional and before the rest, required options first.
        argv = [*name.split(), *required, values[0], flags[0].option_strings[-1], *values[1:]]
        args = parser.parse_args(argv)
        assert getattr(args, positionals[-1].dest) in (values[-1], [values[-1]]), name
        checked.append(name)
    assert {"info", "compare", "export"} <= set(checked)


def test_compare_cli_runs_with_intermixed_arguments(
    seed_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(seed_path), "--translation", str(TRANSLATION), str(WIRE),
                 "--engine", "gloss", str(STATE_MEDIA), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(s["id"], s["role"]) for s in data["sources"]] == [
        ("src1", "translation"), ("src2", "report"), ("src3", "report")]


def test_frozen_help_names_the_window_and_the_self_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    text = " ".join(build_parser().format_help().split())
    assert "--self-test" in text
    assert "opens the app's window" in text


def test_info_reads_standard_input(monkeypatch: pytest.MonkeyPatch, seed_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    piped = io.TextIOWrapper(io.BytesIO(seed_path.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", piped)
    assert main(["info", "--json", "-"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["lang"].startswith("zh")
    assert article["sentence_count"] == 45
    assert article["source"] == "-"
