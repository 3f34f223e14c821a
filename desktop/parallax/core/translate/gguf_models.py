"""The user's GGUF language models for the local LLM engine.

Files are referenced where they are, never copied (they are gigabytes). A small JSON registry
under `paths.data_dir()` records each one's path, size and SHA-256, so a workspace can say
exactly which model produced a translation and a moved or replaced file is noticed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import struct
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from parallax.core import paths
from parallax.core.errors import ModelPackageError
from parallax.core.progress import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
REGISTRY_NAME = "gguf-models.json"
REGISTRY_VERSION = 1
# Beyond the weights and the KV cache, llama.cpp needs compute buffers: the output layer's
# logits for a micro-batch (n_vocab x n_ubatch floats) plus a fixed margin for the rest.
COMPUTE_MARGIN_BYTES = 256 * 1024 * 1024
LLAMA_UBATCH = 512  # llama.cpp's default micro-batch
KV_BYTES_PER_ELEMENT = 2  # llama.cpp's KV cache is F16 by default
DEFAULT_CONTEXT_LENGTH = 4096  # what the local LLM engine asks for unless told otherwise
HASHES_NAME = "gguf-hashes.json"
_MAX_REMEMBERED_HASHES = 64
_HASH_CHUNK = 8 * 1024 * 1024
_registry_lock = threading.Lock()
_hashes_lock = threading.Lock()


@dataclass(frozen=True)
class GgufModel:
    name: str
    path: Path
    size: int
    sha256: str

    @property
    def short_sha(self) -> str:
        return self.sha256[:12]


@dataclass(frozen=True)
class GgufInfo:
    """What the header says; enough to decide how to prompt and whether it can load."""

    architecture: str
    model_name: str | None
    context_length: int | None
    chat_template: str | None
    tensor_count: int
    data_end: int  # where the last tensor's data ends; the file must be at least this long
    # The shapes the KV cache and the logits depend on (0 where the header does not say).
    n_layers: int = 0
    n_embd_k: int = 0  # key width across the KV heads (n_head_kv x key head size)
    n_embd_v: int = 0
    n_vocab: int = 0


def registry_path() -> Path:
    return paths.data_dir() / REGISTRY_NAME


def inspect_gguf(path: Path) -> GgufInfo:
    """Validate a GGUF language model's header and layout; `ModelPackageError` if it is not one.

    Checks: readable file, GGUF magic, a header `gguf` can parse, an architecture with layers
    and a tokenizer (so adapters, projectors and vocab-only files are refused), tensor data not
    cut short.
    """
    path = Path(path)
    size = _file_size(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if magic != GGUF_MAGIC:
        raise ModelPackageError(
            f"{path.name} is not a GGUF model file (it does not start with the GGUF signature). "
            "Choose a .gguf file made for llama.cpp."
        )
    check_gguf_header(path, size)  # before GGUFReader, which trusts every declared count
    try:
        from gguf import GGUFReader  # numpy-based reader, part of the llm extra
    except ImportError as exc:
        raise ModelPackageError(
            "Reading GGUF models needs the local-LLM extra: pip install parallax[llm]"
        ) from exc

    try:
        reader = GGUFReader(str(path))
    except Exception as exc:  # any parse failure means a damaged or cut-short file
        log.info("GGUF reader failed on %s: %s", path, exc)
        raise ModelPackageError(
            f"{path.name} is damaged or truncated: its header or weights cannot be read. "
            "The download was probably interrupted; download it again."
        ) from exc
    fields = reader.fields
    architecture = _string_field(fields, "general.architecture")
    if not architecture:
        raise ModelPackageError(f"{path.name} has no model architecture; it is not a model.")
    if f"{architecture}.block_count" not in fields or "tokenizer.ggml.model" not in fields:
        raise ModelPackageError(
            f"{path.name} is a GGUF file but not a complete language model ({architecture}: "
            "no layers or no tokenizer). Adapters and projector files cannot translate on "
            "their own; choose the model file itself."
        )
    if not reader.tensors:
        raise ModelPackageError(f"{path.name} holds no weights; it is not a usable model.")
    data_end = max(int(t.data_offset) + int(t.n_bytes) for t in reader.tensors)
    if data_end > size:
        raise ModelPackageError(
            f"{path.name} is truncated: its weights need {data_end:,} bytes but the file has "
            f"{size:,}. The download was probably interrupted; download it again."
        )
    context = _int_field(fields, f"{architecture}.context_length")
    if context is not None and context <= 0:
        raise ModelPackageError(
            f"{path.name} declares a context length of {context}; a usable model has a "
            "positive one. The file was converted wrongly or is damaged.")
    n_layers, n_embd_k, n_embd_v = _kv_shape(fields, architecture)
    tokens = fields.get("tokenizer.ggml.tokens")
    n_vocab = _int_field(fields, f"{architecture}.vocab_size") or (
        len(tokens.data) if tokens is not None else 0)
    return GgufInfo(
        architecture=architecture,
        model_name=_string_field(fields, "general.name"),
        context_length=context,
        chat_template=_string_field(fields, "tokenizer.chat_template") or None,
        tensor_count=len(reader.tensors),
        data_end=data_end,
        n_layers=n_layers,
        n_embd_k=n_embd_k,
        n_embd_v=n_embd_v,
        n_vocab=n_vocab,
    )


def _kv_shape(fields: dict[str, Any], arch: str) -> tuple[int, int, int]:
    """(layers, key width, value width) of the KV cache, as llama.cpp derives them: a head's
    size is `key_length`/`value_length` when given, else n_embd / n_head; the width counts
    the KV heads only (grouped-query attention shares them)."""
    layers = max(0, _int_field(fields, f"{arch}.block_count") or 0)
    n_embd = max(0, _int_field(fields, f"{arch}.embedding_length") or 0)
    n_head = max(0, _int_field(fields, f"{arch}.attention.head_count") or 0)
    n_head_kv = max(0, _int_field(fields, f"{arch}.attention.head_count_kv") or n_head)
    head = n_embd // n_head if n_head else 0
    key = max(0, _int_field(fields, f"{arch}.attention.key_length") or head)
    value = max(0, _int_field(fields, f"{arch}.attention.value_length") or head)
    return layers, n_head_kv * key, n_head_kv * value


# Sizes of GGUF's fixed-size value types (the spec's numbering); 8 = string, 9 = array.
_GGUF_SCALARS = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_GGUF_STRING, _GGUF_ARRAY = 8, 9
_GGUF_MAX_DIMS = 8
_GGUF_MAX_ARRAY_DEPTH = 4


class _GgufHeader:
    """Walks a GGUF header, checking every declared length and count against the bytes left
    in the file before it is believed (a 132-byte file may declare a 10⁹-element array)."""

    def __init__(self, handle: Any, size: int, name: str) -> None:
        self._handle, self._size, self._name = handle, size, name
        self._order = "<"
        self.pos = 0

    def _fail(self, what: str) -> ModelPackageError:
        return ModelPackageError(
            f"{self._name} is damaged or truncated: its header declares {what} beyond the end "
            "of the file.")

    def _need(self, count: int, what: str) -> None:
        if count < 0 or count > self._size - self.pos:
            raise self._fail(what)

    def _read(self, count: int, what: str) -> bytes:
        self._need(count, what)
        data = self._handle.read(count)
        if len(data) != count:
            raise self._fail(what)
        self.pos += count
        return bytes(data)

    def _skip(self, count: int, what: str) -> None:
        self._need(count, what)
        self._handle.seek(count, os.SEEK_CUR)
        self.pos += count

    def u32(self, what: str) -> int:
        return int(struct.unpack(self._order + "I", self._read(4, what))[0])

    def u64(self, what: str) -> int:
        return int(struct.unpack(self._order + "Q", self._read(8, what))[0])

    def string(self, what: str) -> None:
        self._skip(self.u64(what), what)

    def value(self, kind: int, what: str, depth: int = 0) -> None:
        if kind in _GGUF_SCALARS:
            self._skip(_GGUF_SCALARS[kind], what)
        elif kind == _GGUF_STRING:
            self.string(what)
        elif kind == _GGUF_ARRAY:
            if depth >= _GGUF_MAX_ARRAY_DEPTH:
                raise ModelPackageError(f"{self._name} has a GGUF header nested too deeply.")
            inner = self.u32(what)
            count = self.u64(what)
            if inner in _GGUF_SCALARS:
                self._skip(count * _GGUF_SCALARS[inner], f"an array of {count:,} values")
                return
            # Strings and arrays take at least 8 bytes each: check the count before looping.
            self._need(count * 8, f"an array of {count:,} values")
            for _ in range(count):
                self.value(inner, what, depth + 1)
        else:
            raise ModelPackageError(f"{self._name} has an unknown GGUF value type ({kind}).")

    def walk(self) -> None:
        self._read(4, "the signature")
        version = self.u32("a version")
        if version > 0xFFFF:  # a big-endian file: the version reads byte-swapped
            self._order = ">"
            version = int.from_bytes(version.to_bytes(4, "little"), "big")
        if version not in (2, 3):
            raise ModelPackageError(
                f"{self._name} uses GGUF version {version}; Parallax reads versions 2 and 3.")
        tensors = self.u64("a tensor count")
        fields = self.u64("a field count")
        # Each field takes at least 12 bytes (key length, type) and each tensor at least 24.
        self._need(fields * 12 + tensors * 24, f"{fields:,} fields and {tensors:,} tensors")
        for _ in range(fields):
            self.string("a field name")
            self.value(self.u32("a field type"), "a field value")
        for _ in range(tensors):
            self.string("a tensor name")
            dims = self.u32("tensor dimensions")
            if dims > _GGUF_MAX_DIMS:
                raise ModelPackageError(
                    f"{self._name} declares a tensor with {dims} dimensions; it is damaged.")
            self._skip(dims * 8 + 4 + 8, "a tensor description")


def check_gguf_header(path: Path, size: int | None = None) -> None:
    """Refuse a GGUF file whose header declares more than the file holds; reads only the
    header (seeking over fixed-size arrays), so it is fast on a multi-gigabyte model."""
    path = Path(path)
    if size is None:
        size = _file_size(path)
    try:
        with path.open("rb") as handle:
            _GgufHeader(handle, size, path.name).walk()
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {path}: {exc.strerror or exc}") from exc


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation now, or None where it cannot be told."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def context_for(info: GgufInfo, requested: int = DEFAULT_CONTEXT_LENGTH) -> int:
    """The context length llama.cpp will be given: the request, capped by the model's own."""
    return min(requested, info.context_length) if info.context_length else requested


def memory_needed(size: int, info: GgufInfo, context_length: int) -> int:
    """Bytes loading the model takes: the file's weights, the KV cache for `context_length`
    tokens (n_ctx x n_layers x (key + value width) x 2 bytes) and the compute buffers."""
    kv_cache = (context_length * info.n_layers * (info.n_embd_k + info.n_embd_v)
                * KV_BYTES_PER_ELEMENT)
    compute = info.n_vocab * LLAMA_UBATCH * 4 + COMPUTE_MARGIN_BYTES
    return size + kv_cache + compute


def check_fits_memory(path: Path, size: int, info: GgufInfo,
                      context_length: int = DEFAULT_CONTEXT_LENGTH) -> None:
    """`ModelPackageError` (one line) when the model, with its KV cache for `context_length`
    tokens (capped by the model's own) cannot fit in the memory available now."""
    if context_length <= 0:
        raise ModelPackageError(
            f"The context length must be a positive number of tokens (got {context_length}).")
    available = available_memory()
    if available is None:
        return
    context = context_for(info, context_length)
    needed = memory_needed(size, info, context)
    if needed > available:
        raise ModelPackageError(
            f"{path.name} needs about {_gib(needed)} of memory ({_gib(size)} of weights, a "
            f"{context:,}-token context and working buffers) but only {_gib(available)} is "
            "available. Close other programs, lower the context length or choose a smaller "
            "(more quantised) model, e.g. a Q4_K_M file of a 1-4B-parameter model."
        )


def sha256_file(
    path: Path,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> str:
    """Hex SHA-256 of a file, reporting bytes done; cancellable between chunks."""
    digest = hashlib.sha256()
    total = _file_size(path)
    done = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                digest.update(chunk)
                done += len(chunk)
                if on_progress is not None:
                    on_progress(done, total)
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return digest.hexdigest()


def file_sha256(
    path: Path,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> str:
    """A model file's SHA-256, hashed once and remembered in the cache folder by path, size
    and modification time (hashing gigabytes on every run would cost seconds each time)."""
    path = Path(path).expanduser().resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    key = f"{path}|{stat.st_size}|{stat.st_mtime_ns}"
    with _hashes_lock:
        known = _read_hashes()
    if key in known:
        return known[key]
    digest = sha256_file(path, on_progress, cancel)
    with _hashes_lock:
        known = _read_hashes()
        known.pop(key, None)
        known[key] = digest  # newest last: the oldest go first when the list is full
        _write_hashes(dict(list(known.items())[-_MAX_REMEMBERED_HASHES:]))
    return digest


def _read_hashes() -> dict[str, str]:
    file = paths.cache_dir() / HASHES_NAME
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}  # missing or damaged: a cache, so hash again
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()
            if isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v)}


def _write_hashes(known: dict[str, str]) -> None:
    file = paths.cache_dir() / HASHES_NAME
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".gguf-hashes-", suffix=".json", dir=file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(known, handle)
        os.replace(tmp, file)
    except OSError as exc:  # only a cache: the next run hashes again
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        log.info("Cannot remember model hashes in %s: %s", file, exc)


def add_gguf(
    path: Path,
    name: str | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> GgufModel:
    """Validate a GGUF model and record it (by reference) in the registry.

    Adding the same file again refreshes its entry; a different file under a taken name is
    refused.
    """
    path = Path(path).expanduser().resolve()
    info = inspect_gguf(path)
    size = _file_size(path)
    check_fits_memory(path, size, info)
    sha = file_sha256(path, on_progress, cancel)
    model = GgufModel(name or _default_name(path), path, size, sha)
    with _registry_lock:
        models = [m for m in _read_registry() if m.path != path]
        clash = next((m for m in models if m.name == model.name), None)
        if clash is not None:
            raise ModelPackageError(
                f"A model named {model.name!r} is already registered ({clash.path}). "
                "Remove it first or pick another name."
            )
        models.append(model)
        _write_registry(models)
    log.info("registered GGUF model %s (%s, sha256 %s)", model.name, path, model.short_sha)
    return model


def list_gguf() -> list[GgufModel]:
    """Registered models, by name."""
    with _registry_lock:
        return sorted(_read_registry(), key=lambda m: m.name)


def get_gguf(name: str) -> GgufModel:
    for model in list_gguf():
        if model.name == name:
            return model
    raise ModelPackageError(
        f"No GGUF model named {name!r}. Add one with: parallax models add-gguf FILE"
    )


def find_gguf_by_path(path: Path) -> GgufModel | None:
    """The registered entry for this file, if its size still matches."""
    resolved = Path(path).expanduser().resolve()
    for model in list_gguf():
        if model.path == resolved:
            try:
                if resolved.stat().st_size == model.size:
                    return model
            except OSError:
                return None
    return None


def remove_gguf(name: str) -> GgufModel:
    """Forget a model (the file itself is left alone)."""
    with _registry_lock:
        models = _read_registry()
        kept = [m for m in models if m.name != name]
        if len(kept) == len(models):
            raise ModelPackageError(f"No GGUF model named {name!r} is registered.")
        _write_registry(kept)
    return next(m for m in models if m.name == name)


def _default_name(path: Path) -> str:
    stem = path.name[: -len(".gguf")] if path.name.lower().endswith(".gguf") else path.name
    return re.sub(r"\s+", "-", stem.strip()) or "model"


def _file_size(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ModelPackageError(f"Model file not found: {path}") from exc
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise ModelPackageError(f"{path} is not a file; choose the .gguf model file.")
    return info.st_size


def _read_registry() -> list[GgufModel]:
    file = registry_path()
    if not file.exists():
        return []
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return [
            GgufModel(str(m["name"]), Path(m["path"]), int(m["size"]), str(m["sha256"]))
            for m in data["models"]
        ]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ModelPackageError(
            f"The GGUF model list {file} is damaged ({exc}). Delete it and add the models again."
        ) from exc


def _write_registry(models: list[GgufModel]) -> None:
    file = registry_path()
    entries: list[dict[str, Any]] = [
        {**asdict(m), "path": str(m.path)} for m in sorted(models, key=lambda m: m.name)
    ]
    payload = json.dumps({"version": REGISTRY_VERSION, "models": entries}, indent=2)
    # Atomic replace: a crash mid-write must not lose the list.
    fd, tmp = tempfile.mkstemp(prefix=".gguf-models-", suffix=".json", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, file)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ModelPackageError(f"Cannot save the GGUF model list {file}: {exc}") from exc


def _string_field(fields: dict[str, Any], key: str) -> str | None:
    field = fields.get(key)
    if field is None:
        return None
    try:  # parts/data is the layout every gguf release exposes
        return bytes(field.parts[field.data[0]]).decode("utf-8")
    except Exception:  # a malformed or non-string value reads as absent
        return None


def _int_field(fields: dict[str, Any], key: str) -> int | None:
    field = fields.get(key)
    if field is None:
        return None
    try:
        return int(field.parts[field.data[0]][0])
    except Exception:
        return None


def _gib(size: int) -> str:
    return f"{size / 1024**3:.1f} GiB"
