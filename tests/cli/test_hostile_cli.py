"""The CLI against hostile input: outputs that would replace inputs or devices, terminal escape
sequences in titles and file names, and errors that are not ours: one line, exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from parallax.cli import main
from parallax.cli.output import SafeStream, terminal_text, write_json
from parallax.core.samples import sample_workspace

ESCAPES = "\x1b[31mred\x1b[0m\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07\x9b2J\u202e"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_export_never_replaces_its_own_workspace(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "w.parallax"
    sample_workspace().save(ws)
    before = ws.read_bytes()
    assert main(["export", str(ws), "-f", "html", "-o", str(ws)]) == 2
    err = capsys.readouterr().err
    assert "inputs" in err and err.count("\n") == 1
    assert ws.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.parallax"]


def test_export_never_replaces_an_article_the_workspace_was_built_from(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from parallax.core.loaders import load_path
    from parallax.core.workspace import Workspace

    article = tmp_path / "article.txt"
    article.write_text("普京访问蒙古\n\n" + "普京抵达蒙古，外界普遍认为这很重要。" * 5,
                       encoding="utf-8")
    ws = tmp_path / "w.parallax"
    Workspace(load_path(article)).save(ws)
    before = article.read_bytes()
    assert main(["export", str(ws), "-f", "html", "-o", str(article)]) == 2
    assert "inputs" in capsys.readouterr().err
    assert article.read_bytes() == before


def test_export_refuses_devices_and_writes_dash_to_stdout(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    ws = tmp_path / "w.parallax"
    sample_workspace().save(ws)
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/null")
    assert main(["export", str(ws), "-o", str(link)]) == 2
    assert b"device" in capsysbinary.readouterr().err
    assert link.is_symlink()
    assert main(["export", str(ws), "-f", "csv", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out.count(b"\n") > 5 and b"Wrote" not in out


def test_json_output_refuses_an_input(tmp_path: Path) -> None:
    from parallax.core.errors import OutputPathError

    source = tmp_path / "a.txt"
    source.write_text("原文", encoding="utf-8")
    with pytest.raises(OutputPathError):
        write_json({"x": 1}, str(source), inputs=[source])
    assert source.read_text(encoding="utf-8") == "原文"


def test_titles_with_escape_sequences_print_inert(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / f"name{ESCAPES[:5]}.txt"
    body = "普京抵达蒙古，外界普遍认为这次访问很重要。" * 40  # escapes stay under the binary ratio
    article.write_text(f"标题{ESCAPES}\n\n新华社 2024-09-04 10:00:00\n\n{body}", encoding="utf-8")
    out, err = Terminal(), Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["info", str(article)]) == 0
    assert main(["info", str(tmp_path / f"missing{ESCAPES}.txt")]) == 2
    for text in (out.getvalue(), err.getvalue()):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "\u202e" not in text
    assert "标题[31mred" in out.getvalue()


def test_json_on_stdout_escapes_controls_losslessly(monkeypatch: pytest.MonkeyPatch) -> None:
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", SafeStream(out))
    write_json({"title": ESCAPES}, None)
    assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue()
    assert json.loads(out.getvalue())["title"] == ESCAPES


def test_terminal_text_keeps_ordinary_text() -> None:
    text = "普京抵达蒙古,\t“外界普遍认为”。\nRussia — Ukraine ‹50›"
    assert terminal_text(text) == text


def test_deep_json_and_os_errors_are_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "deep.parallax"
    ws.write_text('{"format": "parallax-workspace", "version": 1, "original": '
                  + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert main(["export", str(ws), "-o", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax: error: ") and err.count("\n") == 1
    assert "nested too deeply" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [
    ["--threads", "100000"], ["--threads", "-1"], ["--beam", "100000"], ["--beam", "0"],
])
def test_numeric_options_are_bounded_with_one_line(
        seed_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(["translate", str(seed_path), "--engine", "argos", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "must be a whole number from" in err


@pytest.mark.parametrize("timeout", ["nan", "inf", "0", "-5", "1e9"])
def test_download_timeout_is_bounded_before_any_network(
        capsys: pytest.CaptureFixture[str], timeout: str) -> None:
    assert main(["models", "download", "zh-en", "--timeout", timeout]) == 2
    assert "--timeout must be a number of seconds" in capsys.readouterr().err


def test_engines_refuse_settings_out_of_bounds() -> None:
    from parallax.core.errors import TranslationError
    from parallax.core.translate.argos import ArgosEngine
    from parallax.core.translate.engine import MAX_BEAM_SIZE, max_threads

    assert ArgosEngine(beam_size=MAX_BEAM_SIZE, threads=max_threads()).beam_size == 16
    for settings in ({"beam_size": MAX_BEAM_SIZE + 1}, {"threads": max_threads() + 1},
                     {"batch_size": 0}, {"beam_size": True}):
        with pytest.raises(TranslationError, match="must be a whole number"):
            ArgosEngine(**settings)


def test_library_log_noise_does_not_break_the_one_line(tmp_path: Path) -> None:
    import subprocess

    page = tmp_path / "c.html"
    page.write_text("<body><![CDATA[", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "parallax.cli", "info", str(page)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("parallax: error: ")


def test_compare_never_writes_over_one_of_its_inputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = tmp_path / "original.txt"
    report = tmp_path / "report.txt"
    original.write_text("标题\n\n今天下雨。\n", encoding="utf-8")
    report.write_text("Title\n\nIt rained today.\n", encoding="utf-8")
    before = report.read_bytes()
    for option in ("--json", "--workspace"):
        assert main(["compare", str(original), str(report), option, str(report)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert report.read_bytes() == before
