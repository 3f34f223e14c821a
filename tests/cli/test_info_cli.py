"""`parallax info`: text and JSON output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.cli import main


def test_info_text(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "小海棠说事" in out
    assert "2024-09-04T11:34:02" in out
    assert "Sentences: 45" in out


def test_info_json(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json", str(seed_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outlet"] == "小海棠说事"
    assert data["published"] == "2024-09-04T11:34:02"
    assert data["lang"] == "zh"
    assert sum(len(p["sentences"]) for p in data["paragraphs"]) == 45
    first = data["paragraphs"][0]["sentences"][0]
    assert first == {"id": "s1", "text": "俄乌战争再度升级,局势日益紧张。"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "not a text file"),
        ("broken.html", b"<html><<<>>></span>", "No article text"),
        ("cut.docx", b"PK\x03\x04\x14\x00\x00\x00broken", "Word document"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, name: str, content: bytes,
                                      message: str) -> None:
    target = tmp_path / name
    target.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "info", str(target)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
