"""Reproducibility: every translation records which exact model made it.

The local LLM records its GGUF file's SHA-256 (hashed once, remembered by path, size and
modification time); the `openai` engine what llama.cpp's real server reports at `/v1/models`;
the workspace, the comparison JSON and the exports carry it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.cli import main
from parallax.core import paths
from parallax.core.errors import ModelPackageError
from parallax.core.loaders import load_text
from parallax.core.translate import gguf_models
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.gguf_models import file_sha256
from parallax.core.translate.openai_engine import OpenAIEngine, reported_version
from parallax.core.workspace import MachineTranslation, Workspace
from support.gguf_model import write_tiny_llama
from support.servers import LlamaServer

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"
REPORT = SAMPLES / "sample-wire-report.en.txt"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("xllamacpp")
    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="module")
def server(model: Path) -> Iterator[LlamaServer]:
    with LlamaServer(model, alias="tiny") as running:
        yield running


def test_a_model_file_is_hashed_once_per_path_size_and_time(
        isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_tiny_llama(tmp_path / "m.gguf")
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert file_sha256(path) == expected

    def no_hashing(*_args: object) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(gguf_models, "sha256_file", no_hashing)
    assert file_sha256(path) == expected  # remembered, across processes (a file)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with pytest.raises(AssertionError, match="hashed again"):
        file_sha256(path)  # the file may have changed: it is hashed again
    monkeypatch.undo()
    (paths.cache_dir() / gguf_models.HASHES_NAME).write_text("{", "utf-8")
    assert file_sha256(path) == expected  # a damaged cache is only a cache
    with pytest.raises(ModelPackageError, match="Cannot read"):
        file_sha256(tmp_path / "gone.gguf")


def test_the_local_llm_records_its_files_sha256(
        isolated_home: Path, model: Path) -> None:
    from parallax.core.translate.llm import LlmEngine, LlmSettings

    sha = hashlib.sha256(model.read_bytes()).hexdigest()
    engine = LlmEngine(model, LlmSettings(threads=1, glossary=None))
    article = load_text("普京访问蒙古国。\n\n克里姆林宫对此表示不担心。", lang="zh")
    translation = translate_article(article, engine, "en")
    assert (translation.model, translation.model_version) == ("tiny.gguf", f"sha256:{sha}")
    assert translation.server == ""
    again = MachineTranslation.from_dict(json.loads(json.dumps(translation.to_dict())))
    assert again.model_version == f"sha256:{sha}"
    assert translation.to_dict()["model_version"] == f"sha256:{sha}"


def test_the_openai_engine_records_what_the_real_server_reports(
        isolated_home: Path, server: LlamaServer, model: Path, tmp_path: Path,
        seed_path: Path) -> None:
    engine = OpenAIEngine(server.url, "tiny", glossary=None)
    name, version = engine.model_identity("zh", "en")  # nothing translated yet: it asks
    size = model.stat().st_size
    assert name == "tiny"
    # llama.cpp's server reports the file type, parameter count and weight bytes of the model.
    found = re.fullmatch(r"ftype=all F32 n_params=\d+ size=(\d+) n_ctx_train=2048", version)
    assert found is not None and 0 < int(found[1]) <= size
    out, saved = tmp_path / "out.json", tmp_path / "out.parallax"
    assert main(["compare", str(seed_path), str(REPORT), "--engine", "openai", "--server",
                 server.url, "--model", "tiny", "--json", str(out), "--workspace",
                 str(saved)]) == 0
    engine_json = json.loads(out.read_text(encoding="utf-8"))["engines"]["original"]
    assert engine_json["model_version"] == version
    assert engine_json["server"] == server.url and engine_json["model"] == "tiny"
    stored = Workspace.load(saved).translations["original"]
    assert stored.model_version == version
    html = tmp_path / "report.html"
    assert main(["export", str(saved), "--format", "html", "-o", str(html)]) == 0
    assert f"model version {version}" in html.read_text(encoding="utf-8")
    tmx = tmp_path / "memory.tmx"
    assert main(["export", str(saved), "-o", str(tmx)]) == 0
    assert f"model-version {version}" in tmx.read_text(encoding="utf-8")


def test_what_a_server_reports_is_read_plainly() -> None:
    assert reported_version({"id": "m", "digest": "sha256:ab\ncd"}) == "sha256:ab cd"
    assert reported_version({"id": "m", "meta": {"ftype": "Q4_K_M", "n_params": 7,
                                                 "size": True}}) == "ftype=Q4_K_M n_params=7"
    assert reported_version({"id": "m"}) == ""
    assert reported_version({"id": "m", "meta": "x" * 10}) == ""
