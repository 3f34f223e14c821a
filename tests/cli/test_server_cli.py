"""Every engine on the command line, against real servers on 127.0.0.1.

`compare` and `translate` with `--engine openai` through llama.cpp's own server (tiny GGUF),
a server killed mid-run (exit 2, one line, the re-run resumes from the cache), option errors,
GGUF models in `models list/remove`, and a planted API key that must end up in no file.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.cli import main
from parallax.core.paths import log_dir
from parallax.core.translate.cache import TranslationCache
from parallax.core.workspace import Workspace
from support.gguf_model import write_tiny_llama
from support.servers import LibreTranslateServer, LlamaServer, free_port

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
REPORT = SAMPLES / "sample-wire-report.en.txt"
STATE_MEDIA = SAMPLES / "sample-state-media.zh.txt"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("xllamacpp")  # llama.cpp's server comes with the llm extra
    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="module")
def server(model: Path) -> Iterator[LlamaServer]:
    with LlamaServer(model, alias="tiny", parallel=2) as running:
        yield running


def openai_args(url: str) -> list[str]:
    return ["--engine", "openai", "--server", url, "--model", "tiny"]


def test_compare_end_to_end_through_the_server(
        isolated_home: Path, tmp_path: Path, seed_path: Path, server: LlamaServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    out, saved = tmp_path / "out.json", tmp_path / "out.parallax"
    code = main(["compare", str(seed_path), str(REPORT), *openai_args(server.url),
                 "--json", str(out), "--workspace", str(saved)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1
    engine = data["engines"]["original"]
    assert engine["engine"] == "openai"
    assert engine["server"] == server.url and engine["model"] == "tiny"
    assert engine["engine_version"].startswith(f"openai:{server.url} model:tiny prompt:")
    assert isinstance(engine["checks"], dict)
    # Random weights: their output fails checks, and the checks say so per sentence.
    assert engine["checks"] and all(
        c["kind"] in ("fallback", "chinese_left", "glossary_miss", "length_ratio")
        for found in engine["checks"].values() for c in found)
    translated = {s["id"]: s["translation"] for s in data["original"]["sentences"]}
    assert all(translated.values())
    stored = Workspace.load(saved).translations["original"]
    assert (stored.engine, stored.server, stored.model) == ("openai", server.url, "tiny")
    assert stored.checks == {k: tuple(v) for k, v in engine["checks"].items()}
    assert f"original: openai ({server.url}, tiny)" in captured.out
    assert "flagged:" in captured.out


def test_translate_text_json_and_checks(
        isolated_home: Path, seed_path: Path, server: LlamaServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(seed_path), *openai_args(server.url), "--json",
                 "--concurrency", "2"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert (data["engine"], data["server"], data["model"]) == ("openai", server.url, "tiny")
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    assert all(isinstance(s["checks"], list) for s in sentences)
    assert any(s["checks"] for s in sentences)
    assert captured.err.count("parallax: checks:") == 1


def test_server_killed_mid_run_exits_2_and_a_rerun_resumes(
        isolated_home: Path, seed_path: Path, model: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()
    first = LlamaServer(model, port=port).start()
    real_put = TranslationCache.put
    stored: list[str] = []

    def put_then_kill(self: TranslationCache, *args: Any) -> None:
        real_put(self, *args)
        stored.append(args[-2])
        if len(stored) == 5:
            first.kill()  # as a crash would: mid-run, with requests still to come

    monkeypatch.setattr(TranslationCache, "put", put_then_kill)
    try:
        code = main(["translate", str(seed_path), *openai_args(first.url), "--concurrency",
                     "1"])
    finally:
        first.stop()
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("parallax: error:") and "\n" not in err
    assert "cannot be reached" in err and "run the command again" in err
    kept = TranslationCache().count()
    assert kept >= 5

    monkeypatch.setattr(TranslationCache, "put", real_put)
    found: list[int] = []
    real_get = TranslationCache.get_many

    def counting_get(self: TranslationCache, *args: Any) -> dict[str, str]:
        result = real_get(self, *args)
        found.append(len(result))
        return result

    monkeypatch.setattr(TranslationCache, "get_many", counting_get)
    with LlamaServer(model, port=port) as second:
        assert main(["translate", str(seed_path), *openai_args(second.url)]) == 0
    assert found and found[0] == kept  # every sentence done before the crash is reused


def test_option_errors_are_one_line(
        isolated_home: Path, seed_path: Path, server: LlamaServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["--engine", "openai", "--server", server.url, "--model", "tiny", "--concurrency",
          "0"], "from 1 to 32"),
        (["--engine", "openai", "--server", server.url, "--model", "nope"],
         "no model named 'nope'"),
        (["--engine", "openai", "--model", "tiny"], "--server URL"),
        (["--engine", "argos", "--server", server.url], "--server is for --engine openai"),
        (["--engine", "openai", "--server", "http://192.0.2.7:8080/v1", "--model", "m"],
         "--allow-insecure"),
        (["--engine", "openai", "--server", f"http://127.0.0.1:{free_port()}/v1", "--model",
          "m"], "connection refused"),
        (["--engine", "libretranslate", "--server", f"http://127.0.0.1:{free_port()}"],
         "connection refused"),
    ]
    for options, message in cases:
        assert main(["translate", str(seed_path), *options]) == 2, options
        err = capsys.readouterr().err.strip()
        assert err.startswith("parallax: error:") and "\n" not in err, err
        assert message in err, err


def test_compare_with_libretranslate(
        isolated_home: Path, seed_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lt.json"
    with LibreTranslateServer() as server:
        assert main(["compare", str(seed_path), str(STATE_MEDIA), "--engine", "libretranslate",
                     "--server", server.url, "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {e["engine"] for e in data["engines"].values()} == {"libretranslate"}
    assert {e["server"] for e in data["engines"].values()} == {server.url}
    capsys.readouterr()


def test_models_list_and_remove_cover_gguf_models(
        isolated_home: Path, model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "add-gguf", str(model), "--name", "tiny-test"]) == 0
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    assert "tiny-test" in capsys.readouterr().out
    assert main(["models", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["name"]) for e in entries if e["kind"] != "embeddings"] == [
        ("gguf", "tiny-test")]
    assert main(["models", "remove", "tiny-test"]) == 0
    assert "Removed the GGUF model tiny-test" in capsys.readouterr().out
    assert main(["models", "remove", "tiny-test"]) == 2
    assert "No GGUF model named 'tiny-test' is registered" in capsys.readouterr().err


def test_a_planted_api_key_reaches_no_file(
        isolated_home: Path, tmp_path: Path, seed_path: Path, model: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    key = "sk-PLANTED-7c1e2b9f0a4d"
    monkeypatch.setenv("PARALLAX_API_KEY", key)
    logs = log_dir()
    handler = logging.FileHandler(logs / "parallax.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    texts: list[str] = []
    try:
        with LlamaServer(model, api_key=key) as locked:
            args = ["--engine", "openai", "--server", locked.url, "--model", "tiny"]
            saved = outputs / "w.parallax"
            assert main(["-v", "compare", str(seed_path), str(REPORT), *args,
                         "--json", str(outputs / "c.json"), "--workspace", str(saved)]) == 0
            assert main(["-v", "translate", str(seed_path), *args, "--json",
                         "--no-cache"]) == 0
            for fmt in ("html", "json", "csv", "tmx"):
                assert main(["export", str(saved), "-o", str(outputs / f"e.{fmt}")]) == 0
            # A refused key: the error, its traceback (what a crash file holds) and the log.
            monkeypatch.setenv("PARALLAX_API_KEY", key + "-wrong")
            assert main(["-v", "translate", str(seed_path), *args, "--no-cache"]) == 2
            from parallax.core.translate.openai_engine import OpenAIEngine

            try:
                OpenAIEngine(locked.url, "tiny").translate(["普京。"], "zh", "en")
            except Exception as exc:
                (logs / "crash.log").write_text("".join(traceback.format_exception(exc)),
                                                encoding="utf-8")
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    captured = capsys.readouterr()
    texts += [captured.out, captured.err]
    files = [p for folder in (isolated_home, outputs) for p in folder.rglob("*") if p.is_file()]
    assert (logs / "crash.log") in files and (logs / "parallax.log") in files
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        assert key.encode() not in path.read_bytes(), path
    for text in texts:
        assert key not in text


def test_translate_and_compare_with_the_local_llm_by_name(
        isolated_home: Path, seed_path: Path, tmp_path: Path, model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "add-gguf", str(model), "--name", "tiny-llm"]) == 0
    capsys.readouterr()
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("蒙古国\tMongolia\n", encoding="utf-8")
    assert main(["translate", str(seed_path), "--engine", "llm", "--model", "tiny-llm",
                 "--threads", "1", "--glossary", str(glossary), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["engine"], data["model"], data["server"]) == ("llm", "tiny-llm", None)
    out = tmp_path / "llm.json"
    assert main(["compare", str(seed_path), "--engine", "llm", "--model", "tiny-llm",
                 "--threads", "1", "--json", str(out)]) == 0
    engine = json.loads(out.read_text(encoding="utf-8"))["engines"]["original"]
    assert (engine["engine"], engine["model"]) == ("llm", "tiny-llm")
    assert "original: llm (tiny-llm)" in capsys.readouterr().out


def test_without_engine_a_registered_gguf_beats_the_gloss(
        isolated_home: Path, seed_path: Path, model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(seed_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["engine"] == "gloss"
    assert main(["models", "add-gguf", str(model), "--name", "only-llm"]) == 0
    capsys.readouterr()
    assert main(["translate", str(seed_path), "--json", "--threads", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["engine"], data["model"]) == ("llm", "only-llm")


def test_models_list_asks_a_server_what_it_offers(
        isolated_home: Path, server: LlamaServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list", "--server", server.url]) == 0
    out = capsys.readouterr().out
    assert f"{server.url}: 1 model\n" in out and "  tiny" in out
    with LibreTranslateServer() as libre:
        assert main(["models", "list", "--server", libre.url, "--engine", "libretranslate",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["server"] == libre.url and "zh->en" in data["pairs"]
    assert main(["models", "list", "--server", f"http://127.0.0.1:{free_port()}/v1"]) == 2
    assert "connection refused" in capsys.readouterr().err


def test_a_pair_the_server_lacks_is_a_note(
        isolated_home: Path, seed_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_text("Путин посетил Монголию.\n\nМонголия не арестовала его.\n",
                       encoding="utf-8")
    with LibreTranslateServer() as server:  # it has zh and en only
        assert main(["compare", str(seed_path), str(russian), "--engine", "libretranslate",
                     "--server", server.url]) == 0
    out = capsys.readouterr().out
    assert f"the server at {server.url} has no ru->en pair" in out
