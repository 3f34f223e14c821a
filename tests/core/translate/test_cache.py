"""The SQLite sentence cache: round trips, isolation of keys, and never fatal when damaged."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.translate.cache import FILE_NAME, TranslationCache


def test_round_trip_and_key_isolation(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_many("argos", "v1", "zh", "en", {"你好。": "Hello.", "再见。": "Bye."})
    assert cache.get_many("argos", "v1", "zh", "en", ["你好。", "再见。", "谢谢。"]) == {
        "你好。": "Hello.", "再见。": "Bye."}
    assert cache.get("argos", "v2", "zh", "en", "你好。") is None  # another model version
    assert cache.get("gloss", "v1", "zh", "en", "你好。") is None  # another engine
    assert cache.get("argos", "v1", "zh", "ru", "你好。") is None  # another pair
    assert (cache.hits, cache.misses) == (2, 4)
    cache.close()
    reopened = TranslationCache(tmp_path / "c.sqlite3")
    assert reopened.get("argos", "v1", "zh", "en", "再见。") == "Bye."
    assert reopened.count() == 2


def test_default_location_is_the_cache_dir(isolated_home: Path) -> None:
    cache = TranslationCache()
    assert cache.path == isolated_home / "cache" / FILE_NAME
    assert cache.enabled


def test_many_texts_beyond_the_parameter_limit(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.sqlite3")
    texts = {f"句子{i}": f"sentence {i}" for i in range(2000)}
    cache.put_many("e", "v", "zh", "en", texts)
    assert cache.get_many("e", "v", "zh", "en", list(texts)) == texts


def test_corrupt_file_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        cache = TranslationCache(path)
    assert cache.enabled
    assert "damaged" in caplog.text
    cache.put("e", "v", "zh", "en", "a", "b")
    assert cache.get("e", "v", "zh", "en", "a") == "b"
    assert list(tmp_path.glob("c.sqlite3.damaged-*"))  # kept aside, not deleted


def test_locked_database_is_bypassed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    cache = TranslationCache(path)
    cache.put("e", "v", "zh", "en", "a", "b")
    blocker = sqlite3.connect(path, timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        cache._conn.execute("PRAGMA busy_timeout=50")  # type: ignore[union-attr]
        with caplog.at_level(logging.WARNING):
            cache.put("e", "v", "zh", "en", "c", "d")  # dropped with a warning, no exception
        assert "write failed" in caplog.text
    finally:
        blocker.rollback()
        blocker.close()
    cache.put("e", "v", "zh", "en", "c", "d")
    assert cache.get("e", "v", "zh", "en", "c") == "d"


def test_unopenable_path_works_without_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = TranslationCache(blocker / "sub" / "c.sqlite3")  # parent is a file
    assert not cache.enabled
    cache.put("e", "v", "zh", "en", "a", "b")
    assert cache.get("e", "v", "zh", "en", "a") is None


def test_worker_writes_while_another_thread_reads(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.sqlite3")
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(200):
                cache.put("e", "v", "zh", "en", f"s{i}", f"t{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    for _ in range(200):
        cache.get_many("e", "v", "zh", "en", [f"s{i}" for i in range(200)])
    thread.join()
    assert not errors
    assert cache.count() == 200


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=30), st.text(max_size=30), max_size=10))
def test_any_text_round_trips(tmp_path_factory: pytest.TempPathFactory,
                              data: dict[str, str]) -> None:
    cache = TranslationCache(tmp_path_factory.mktemp("h") / "c.sqlite3")
    cache.put_many("e", "v", "zh", "en", data)
    assert cache.get_many("e", "v", "zh", "en", list(data)) == data
    cache.close()


def test_a_full_disk_is_not_mistaken_for_damage(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    TranslationCache(path).put("e", "v", "zh", "en", "a", "b")

    def full(self: TranslationCache) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(TranslationCache, "_connect", full)
    with caplog.at_level(logging.WARNING):
        cache = TranslationCache(path)
    assert not cache.enabled and "damaged" not in caplog.text and "disk is full" in caplog.text
    assert not list(tmp_path.glob("c.sqlite3.damaged-*"))  # the good cache stays where it is
    monkeypatch.undo()
    assert TranslationCache(path).get("e", "v", "zh", "en", "a") == "b"
