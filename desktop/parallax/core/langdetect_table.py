"""langdetect's language profiles as a memory-mapped table: the same detector, opened cheaply.

langdetect parses its 55 JSON profiles into a dict of 88,000 n-grams, each with a list of 55
probabilities, on first use in every process (0.4 s, 57 MiB). Here that dict is built once per
machine by langdetect itself and kept as a `wordlist.Table`: n-gram -> the languages where it
has a probability (most have one to three). A detector reads the rows of the n-grams its text
holds, rebuilt as the lists langdetect would hold, so every detection is langdetect's own
(same languages in the same order, same floats, same seed).
"""

from __future__ import annotations

import os
import threading
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from langdetect import detector_factory
from langdetect.detector_factory import DetectorFactory

from parallax.core.wordlist import Source, Table, open_or_build

_lock = threading.Lock()
_factories: dict[Path, DetectorFactory] = {}


def factory(cache: Path) -> DetectorFactory:
    """A DetectorFactory over the table in `cache` (built the first time), one per folder."""
    with _lock:
        if cache not in _factories:
            folder = _folder(cache)
            table = open_or_build(folder, _source)
            made = DetectorFactory()
            made.langlist = list(table.meta["languages"])
            made.word_lang_prob_map = Probabilities(table)
            _factories[cache] = made
        return _factories[cache]


def _folder(cache: Path) -> Path:
    # Named by what it is built from: another langdetect's profiles make another table.
    profiles = [entry.stat().st_size for entry in os.scandir(detector_factory.PROFILES_DIRECTORY)]
    return cache / f"langdetect-{len(profiles)}-{sum(profiles)}"


def _source() -> Source:
    loaded = DetectorFactory()
    loaded.load_profile(detector_factory.PROFILES_DIRECTORY)
    languages: array[int] = array("B")
    probabilities: array[float] = array("d")
    rows: list[tuple[str, tuple[float, ...]]] = []
    for ngram, row in loaded.word_lang_prob_map.items():
        start = len(languages)
        for index, probability in enumerate(row):
            if probability:
                languages.append(index)
                probabilities.append(probability)
        rows.append((ngram, (start, len(languages) - start)))
    return (rows, [("start", "I"), ("size", "B")],
            {"language": languages, "probability": probabilities},
            {"languages": loaded.langlist})


class Probabilities(Mapping[str, list[float]]):
    """langdetect's word_lang_prob_map: n-gram -> one probability per language."""

    def __init__(self, table: Table) -> None:
        self._trie = table.trie
        self._start = table.columns["start"]
        self._size = table.columns["size"]
        self._language = table.arrays["language"]
        self._probability = table.arrays["probability"]
        self._languages = len(table.meta["languages"])

    def __contains__(self, key: object) -> bool:
        return key in self._trie

    def __getitem__(self, key: str) -> list[float]:
        key_id = self._trie.get(key)
        if key_id is None:
            raise KeyError(key)
        row = [0.0] * self._languages
        start = self._start[key_id]
        for entry in range(start, start + self._size[key_id]):
            row[self._language[entry]] = self._probability[entry]
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


def detect(text: str, cache: Path) -> Any:
    """langdetect.detect(text) over the table (raises LangDetectException as it does)."""
    detector = factory(cache).create()
    detector.append(text)
    return detector.detect()
