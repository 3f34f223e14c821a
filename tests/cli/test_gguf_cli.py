"""`parallax models add-gguf FILE`: registers a GGUF model; bad files are one-line errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from parallax.cli.gguf import register_add_gguf
from parallax.core.errors import ModelPackageError
from parallax.core.translate.gguf_models import list_gguf
from support.gguf_model import write_tiny_llama


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax")
    commands = parser.add_subparsers(dest="command", required=True)
    models = commands.add_parser("models")
    register_add_gguf(models.add_subparsers(dest="models_command", required=True))
    return parser


def _run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    return int(args.func(args))


def test_add_gguf_text_and_json(
    tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_tiny_llama(tmp_path / "tiny.gguf")
    assert _run(["models", "add-gguf", str(model)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Added tiny: {model.resolve()}")
    assert _run(["models", "add-gguf", "--json", "--name", "mine", str(model)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "mine" and data["size"] == model.stat().st_size
    assert len(data["sha256"]) == 64
    assert [m.name for m in list_gguf()] == ["mine"]


def test_add_gguf_rejects_a_non_model(tmp_path: Path, isolated_home: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelPackageError, match="not a GGUF model file"):
        _run(["models", "add-gguf", str(fake)])
    assert list_gguf() == []


def test_through_the_parallax_command(
    tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from parallax.cli import main

    model = write_tiny_llama(tmp_path / "tiny.gguf")
    assert main(["models", "add-gguf", "--json", str(model)]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "tiny"
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(model.read_bytes()[:1000])
    assert main(["models", "add-gguf", str(cut)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax: error: cut.gguf is damaged or truncated")
    assert "Traceback" not in err and err.count("\n") == 1
