"""`parallax translate`: engines, JSON, errors in one line, and Ctrl-C keeping the partial work."""

from __future__ import annotations

import _thread
import json
import time
from pathlib import Path
from typing import Any

import pytest

from parallax.cli import main
from parallax.cli import translate as translate_cli
from parallax.core.translate import argos, article_translation
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import install_model


@pytest.fixture()
def home_with_model(isolated_home: Path, tiny_packages: dict[LanguagePair, Path]) -> Path:
    install_model(tiny_packages[LanguagePair("zh", "en")])
    return isolated_home


def test_gloss_text(seed_path: Path, isolated_home: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--engine", "gloss", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("(dictionary gloss, not a translation)")
    assert "[s1] " in out and "Putin" in out


def test_default_engine_without_models_is_gloss(seed_path: Path, isolated_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--json", str(seed_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["engine"] == "gloss" and data["is_gloss"]


def test_argos_json(seed_path: Path, home_with_model: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--json", "--beam", "1", "--threads", "1", str(seed_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["engine"] == "argos"
    assert "beam1" in data["engine_version"]
    assert (data["source_lang"], data["target_lang"]) == ("zh", "en")
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    assert len(sentences) == 45
    assert all(s["translation"] for s in sentences)
    assert sentences[0]["text"] == "俄乌战争再度升级,局势日益紧张。"
    assert data["title"]["translation"]


def test_second_run_is_served_from_the_cache(seed_path: Path, home_with_model: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--json", str(seed_path)]) == 0
    first = capsys.readouterr().out
    count = TranslationCache().count()
    assert count >= 45
    assert main(["translate", "--json", str(seed_path)]) == 0
    assert capsys.readouterr().out == first
    assert TranslationCache().count() == count


@pytest.mark.parametrize(("argv", "message"), [
    (["--engine", "argos", "--to", "ru"], "No translation model"),
    (["--engine", "gloss", "--to", "ru"], "only covers Chinese"),
    (["--beam", "0"], "--beam"),
])
def test_errors_are_one_line(seed_path: Path, home_with_model: Path,
                             capsys: pytest.CaptureFixture[str], argv: list[str],
                             message: str) -> None:
    assert main(["translate", *argv, str(seed_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("parallax: error:")
    assert message in err
    assert "\n" not in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(tmp_path / "nope.txt")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_ctrl_c_cancels_and_keeps_partial_work(
        seed_path: Path, home_with_model: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_translation, "CHUNK", 1)
    monkeypatch.setattr(argos, "DEFAULT_BATCH_SIZE", 4)  # Argos gets whole articles, in batches
    real = article_translation.translate_article  # what the command calls
    interrupted: list[int] = []

    def translate_then_ctrl_c(*args: Any, **kwargs: Any) -> Any:
        article, engine, target, cache, progress, cancel = args

        def progress_then_interrupt(done: int, total: int) -> None:
            progress(done, total)
            if done >= 3 and not interrupted:
                interrupted.append(done)
                _thread.interrupt_main()  # what Ctrl-C does to the main thread
                # The main thread sees it at its next 0.1 s poll; a fast engine could finish
                # the article first, so wait (bounded) as a user's Ctrl-C would be mid-work.
                for _ in range(500):
                    if cancel.cancelled:
                        break
                    time.sleep(0.01)

        return real(article, engine, target, cache, progress_then_interrupt, cancel, **kwargs)

    monkeypatch.setattr(translate_cli, "translate_article", translate_then_ctrl_c)
    assert main(["translate", str(seed_path)]) == 130
    err = capsys.readouterr().err
    assert "Cancelled" in err and "kept in the cache" in err
    kept = TranslationCache().count()
    assert 3 <= kept < 46
