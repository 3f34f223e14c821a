"""`parallax export`: options, suffix-derived formats and one-line errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.cli import main
from parallax.core.samples import sample_workspace


def test_missing_workspace_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", str(tmp_path / "none.parallax"), "-o", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("parallax: error: ") and err.count("\n") == 1
    assert "does not exist" in err
    assert not (tmp_path / "r.html").exists()


def test_format_from_suffix_or_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "w.parallax"
    sample_workspace().save(ws)
    code = main(["export", str(ws), "-o", str(tmp_path / "report.txt")])
    err = capsys.readouterr().err
    assert code == 2 and "Cannot tell the format from 'report.txt'" in err
    with pytest.raises(SystemExit) as info:
        main(["export", str(ws), "-o", "x.html", "--format", "docx"])
    assert info.value.code == 2


def test_damaged_workspace_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "w.parallax"
    ws.write_text("{not json", encoding="utf-8")
    assert main(["export", str(ws), "-o", str(tmp_path / "r.csv")]) == 2
    assert "damaged" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "suffix"), [("html", ".html"), ("tmx", ".tmx"),
                                              ("csv", ".csv"), ("json", ".json")])
def test_exports_the_sample_workspace(
    fmt: str, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "sample.parallax"
    sample_workspace().save(ws)
    out = tmp_path / f"out{suffix}"
    args = ["export", str(ws), "-o", str(out), "--format", fmt]
    if fmt == "tmx":
        args.append("--include-reports")
    assert main(args) == 0, capsys.readouterr().err
    assert out.stat().st_size > 500
    assert f"Wrote {out}" in capsys.readouterr().out
