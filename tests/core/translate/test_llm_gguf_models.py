"""The GGUF model registry: validation on add, referencing (not copying), list and remove."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from gguf import GGUFWriter

from parallax.core import paths
from parallax.core.errors import Cancelled, ModelPackageError
from parallax.core.progress import CancelToken
from parallax.core.translate import gguf_models
from parallax.core.translate.gguf_models import (
    GgufModel,
    add_gguf,
    find_gguf_by_path,
    get_gguf,
    inspect_gguf,
    list_gguf,
    registry_path,
    remove_gguf,
    sha256_file,
)
from support.gguf_model import write_tiny_llama


@pytest.fixture()
def tiny(tmp_path: Path, isolated_home: Path) -> Path:
    return write_tiny_llama(tmp_path / "tiny-test.Q8_0.gguf")


def test_inspect_reads_the_header(tiny: Path) -> None:
    info = inspect_gguf(tiny)
    assert info.architecture == "llama"
    assert info.model_name == "parallax-tiny-test"
    assert info.context_length == 2048
    assert info.chat_template is not None and "im_start" in info.chat_template
    assert info.tensor_count == 3 + 9 * 2
    assert info.data_end == tiny.stat().st_size
    plain = write_tiny_llama(tiny.with_name("plain.gguf"), chat_template=None)
    assert inspect_gguf(plain).chat_template is None


def test_add_references_the_file_and_records_size_and_hash(tiny: Path) -> None:
    model = add_gguf(tiny)
    assert model == GgufModel(
        "tiny-test.Q8_0", tiny.resolve(), tiny.stat().st_size,
        hashlib.sha256(tiny.read_bytes()).hexdigest(),
    )
    assert registry_path().parent == paths.data_dir()
    stored = json.loads(registry_path().read_text(encoding="utf-8"))
    assert stored["models"] == [
        {"name": model.name, "path": str(tiny.resolve()), "size": model.size,
         "sha256": model.sha256}
    ]
    # Referenced, not copied: nothing model-sized appears under the data folder.
    assert all(f.stat().st_size < 10_000 for f in paths.data_dir().rglob("*") if f.is_file())
    assert list_gguf() == [model]
    assert get_gguf(model.name) == model
    assert find_gguf_by_path(tiny) == model


def test_add_twice_refreshes_and_names_must_be_unique(tiny: Path, tmp_path: Path) -> None:
    add_gguf(tiny, name="tiny")
    again = add_gguf(tiny, name="tiny")
    assert list_gguf() == [again]
    other = write_tiny_llama(tmp_path / "other.gguf", seed=1)
    with pytest.raises(ModelPackageError, match="already registered"):
        add_gguf(other, name="tiny")
    second = add_gguf(other)
    assert [m.name for m in list_gguf()] == ["other", "tiny"]
    assert second.sha256 != again.sha256


def test_remove_forgets_but_keeps_the_file(tiny: Path) -> None:
    model = add_gguf(tiny)
    assert remove_gguf(model.name) == model
    assert list_gguf() == []
    assert tiny.exists()
    with pytest.raises(ModelPackageError, match="No GGUF model named"):
        remove_gguf(model.name)
    with pytest.raises(ModelPackageError, match="add-gguf"):
        get_gguf(model.name)


def test_a_file_that_changed_size_is_not_the_registered_model(tiny: Path) -> None:
    add_gguf(tiny)
    with tiny.open("ab") as handle:
        handle.write(b"\0" * 64)
    assert find_gguf_by_path(tiny) is None


def test_not_a_gguf_file(tmp_path: Path, isolated_home: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("<html>404 Not Found</html>", encoding="utf-8")
    with pytest.raises(ModelPackageError, match="not a GGUF model file"):
        add_gguf(fake)
    with pytest.raises(ModelPackageError, match="not found"):
        add_gguf(tmp_path / "missing.gguf")
    with pytest.raises(ModelPackageError, match="not a file"):
        add_gguf(tmp_path)
    assert list_gguf() == []


@pytest.mark.parametrize("keep", [0.99, 0.5, 0.05, 24 / 533_408])
def test_truncated_file(tiny: Path, keep: float) -> None:
    data = tiny.read_bytes()
    tiny.write_bytes(data[: max(8, int(len(data) * keep))])
    with pytest.raises(ModelPackageError, match="truncated"):
        add_gguf(tiny)
    assert list_gguf() == []


def test_gguf_that_is_not_a_language_model(tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "adapter.gguf"
    writer = GGUFWriter(str(path), "llama")  # architecture, but no layers and no tokenizer
    writer.add_string("general.type", "adapter")
    writer.add_tensor("blk.0.attn_q.weight.lora_a", np.zeros((4, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(ModelPackageError, match="not a complete language model"):
        add_gguf(path)


def test_too_large_for_memory(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gguf_models, "available_memory", lambda: 200 * 1024 * 1024)
    with pytest.raises(ModelPackageError, match=r"needs about .* GiB of memory .* only 0\.2"):
        add_gguf(tiny)
    assert list_gguf() == []
    monkeypatch.setattr(gguf_models, "available_memory", lambda: None)  # unknown: no check
    assert add_gguf(tiny).name == "tiny-test.Q8_0"


def test_available_memory_is_a_plausible_number() -> None:
    available = gguf_models.available_memory()
    assert available is None or 16 * 1024 * 1024 < available < 1 << 50


def test_damaged_registry_is_a_clear_error(isolated_home: Path) -> None:
    registry_path().write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelPackageError, match="is damaged"):
        list_gguf()


def test_sha256_reports_progress_and_can_be_cancelled(tiny: Path) -> None:
    seen: list[tuple[int, int]] = []
    digest = sha256_file(tiny, on_progress=lambda done, total: seen.append((done, total)))
    assert digest == hashlib.sha256(tiny.read_bytes()).hexdigest()
    assert seen[-1] == (tiny.stat().st_size, tiny.stat().st_size)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        sha256_file(tiny, cancel=token)
    with pytest.raises(Cancelled):
        add_gguf(tiny, cancel=token)
    assert list_gguf() == []


def test_memory_estimate_counts_the_kv_cache_from_the_header(tmp_path: Path) -> None:
    # Grouped-query attention: 8 heads of 16 over n_embd 128, 2 of them for keys and values.
    path = write_tiny_llama(tmp_path / "gqa.gguf", n_embd=128, n_head=8, n_head_kv=2,
                            n_layer=3, context_length=8192)
    info = inspect_gguf(path)
    assert (info.n_layers, info.n_embd_k, info.n_embd_v) == (3, 32, 32)
    assert info.n_vocab > 300
    size = path.stat().st_size
    # n_ctx x n_layers x (keys + values) x 2 bytes (F16), then logits and a fixed margin.
    kv_4096 = 4096 * 3 * 2 * 32 * 2
    compute = info.n_vocab * gguf_models.LLAMA_UBATCH * 4 + gguf_models.COMPUTE_MARGIN_BYTES
    assert gguf_models.memory_needed(size, info, 4096) == size + kv_4096 + compute
    assert gguf_models.context_for(info, 4096) == 4096
    assert gguf_models.context_for(info, 100_000) == 8192  # the model's own limit caps it


def test_a_long_context_is_refused_when_its_kv_cache_does_not_fit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_tiny_llama(tmp_path / "wide.gguf", n_embd=256, n_head=4, n_layer=4,
                            context_length=131_072)
    info = inspect_gguf(path)
    size = path.stat().st_size
    # Room for the weights and a 4096-token cache, not for a 131072-token one (512 MiB).
    room = gguf_models.memory_needed(size, info, 4096) + 1024 * 1024
    monkeypatch.setattr(gguf_models, "available_memory", lambda: room)
    gguf_models.check_fits_memory(path, size, info, 4096)
    with pytest.raises(ModelPackageError) as refused:
        gguf_models.check_fits_memory(path, size, info, 131_072)
    message = str(refused.value)
    assert "\n" not in message and "131,072-token context" in message
    assert "lower the context length" in message


def test_a_context_length_of_zero_is_one_clear_line(
        tmp_path: Path, isolated_home: Path) -> None:
    path = write_tiny_llama(tmp_path / "zero.gguf", context_length=0)
    with pytest.raises(ModelPackageError, match=r"declares a context length of 0;") as refused:
        add_gguf(path)
    assert "\n" not in str(refused.value)
    assert list_gguf() == []
    info = inspect_gguf(write_tiny_llama(tmp_path / "ok.gguf"))
    for bad in (0, -1):
        with pytest.raises(ModelPackageError, match="must be a positive number of tokens"):
            gguf_models.check_fits_memory(path, 1, info, bad)
