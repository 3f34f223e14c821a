"""A sentence-level translation cache in SQLite, so reopening an article costs no model call.

Keyed by engine name, engine version (model and settings), language pair and the exact source
text. The cache is an optimisation only: a damaged file is moved aside and rebuilt, a locked or
failing database is bypassed with a warning, and translation carries on either way.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from parallax.core import paths

log = logging.getLogger(__name__)

FILE_NAME = "translations.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation (
    engine TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    result TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (engine, version, source, target, text)
) WITHOUT ROWID
"""
_CHUNK = 500  # stay below SQLite's bound-parameter limit


class TranslationCache:
    """One SQLite file shared by the worker thread that writes and the GUI that reads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.cache_dir() / FILE_NAME
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open()

    @property
    def enabled(self) -> bool:
        """False when the cache could not be opened; lookups then miss and writes are dropped."""
        return self._conn is not None

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            conn.execute("SELECT count(*) FROM translation LIMIT 1").fetchone()
            conn.commit()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _open(self) -> None:
        try:
            self._conn = self._connect()
            return
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                # Locked, disk full, read-only, I/O error: the file is fine, this machine
                # is not. Moving it aside ("damaged") would throw good translations away.
                log.warning("Translation cache %s cannot be used now (%s); working without it.",
                            self.path, exc)
                return
            log.warning("Translation cache %s is damaged (%s); rebuilding it.", self.path, exc)
        except OSError as exc:
            log.warning("Translation cache %s cannot be opened (%s); working without it.",
                        self.path, exc)
            return
        self._move_aside()
        try:
            self._conn = self._connect()
        except (sqlite3.Error, OSError) as exc:
            log.warning("Translation cache cannot be rebuilt (%s); working without it.", exc)
            self._conn = None

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            damaged = Path(f"{self.path}{suffix}")
            if damaged.exists():
                with contextlib.suppress(OSError):
                    damaged.replace(Path(f"{self.path}.damaged-{stamp}{suffix}"))

    # ---- queries -------------------------------------------------------------------------
    def get_many(
        self, engine: str, version: str, source: str, target: str, texts: Iterable[str]
    ) -> dict[str, str]:
        """Cached results for those of `texts` that have one."""
        wanted = list(dict.fromkeys(texts))
        found: dict[str, str] = {}
        with self._lock:
            if self._conn is None:
                self.misses += len(wanted)
                return found
            try:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start:start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = self._conn.execute(
                        "SELECT text, result FROM translation WHERE engine=? AND version=? "
                        f"AND source=? AND target=? AND text IN ({marks})",
                        (engine, version, source, target, *chunk),
                    ).fetchall()
                    found.update((str(t), str(r)) for t, r in rows)
            except sqlite3.Error as exc:
                log.warning("Translation cache read failed (%s); translating afresh.", exc)
                found = {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def get(self, engine: str, version: str, source: str, target: str, text: str) -> str | None:
        return self.get_many(engine, version, source, target, [text]).get(text)

    def put_many(
        self, engine: str, version: str, source: str, target: str, results: Mapping[str, str]
    ) -> None:
        if not results:
            return
        now = time.time()
        rows = [(engine, version, source, target, t, r, now) for t, r in results.items()]
        with self._lock:
            if self._conn is None:
                return
            try:
                with self._conn:
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO translation VALUES (?, ?, ?, ?, ?, ?, ?)", rows
                    )
            except sqlite3.Error as exc:
                log.warning("Translation cache write failed (%s); results are not kept.", exc)

    def put(self, engine: str, version: str, source: str, target: str, text: str,
            result: str) -> None:
        self.put_many(engine, version, source, target, {text: result})

    def count(self) -> int:
        with self._lock:
            if self._conn is None:
                return 0
            try:
                return int(self._conn.execute("SELECT count(*) FROM translation").fetchone()[0])
            except sqlite3.Error:
                return 0

    def clear(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            try:
                with self._conn:
                    self._conn.execute("DELETE FROM translation")
            except sqlite3.Error as exc:
                log.warning("Translation cache could not be cleared (%s).", exc)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
