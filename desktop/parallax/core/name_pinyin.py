"""Pinyin syllables of Chinese names, remembered on disk so known names need no pypinyin.

Name matching (`entities.sounds_alike`) and claim alignment (`similarity.sound_key`) read
the pinyin of the few names in a text, yet importing pypinyin costs 0.2-0.45 s and ~50 MB
(its phrase dictionary) in every run. Each name's syllables are worked out once per machine
and appended to a small file in the cache folder (one per pypinyin release, so an upgrade
cannot mix readings); a run that meets only names seen before never imports pypinyin.

The file holds `name<TAB>[[full syllables], [finals]]<TAB>;` lines. Appends are one short write
each, so processes sharing the file do not interleave lines; a line cut short (no end mark)
is ignored. Past `MAX_NAMES` names the file is started afresh.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parallax.core.paths import cache_dir

log = logging.getLogger(__name__)

MAX_NAMES = 20_000  # names kept on disk and in memory (~1 MB); more start the file again
_DICTIONARY_FILES = ("pinyin_dict.json", "phrases_dict.json")
_END = ";\n"  # closes every line: a line without it was cut short


@dataclass(frozen=True)
class Syllables:
    """A name's pinyin: each syllable in full (普京: pu, jing) and its final (u, ing)."""

    full: tuple[str, ...]
    finals: tuple[str, ...]


_lock = threading.Lock()
_known: dict[str, Syllables] = {}
_known_from: Path | None = None  # the file `_known` was read from (PARALLAX_HOME may move)


def syllables(name: str) -> Syllables:
    """Toneless pinyin of `name`, characters without pinyin left out (as pypinyin's
    errors="ignore"); finals by pypinyin's non-strict rules (yu -> u, as names are heard)."""
    global _known, _known_from
    path = store_path()
    with _lock:
        if _known_from != path:
            _known, _known_from = _read(path), path
        found = _known.get(name)
    if found is not None:
        return found
    found = _compute(name)
    with _lock:
        if _known_from == path and len(_known) < MAX_NAMES and name not in _known:
            _known[name] = found
            _append(path, name, found)
    return found


def forget_loaded() -> None:
    """Drop what this process has read (the file stays): the next look-up reads it again."""
    global _known, _known_from
    with _lock:
        _known, _known_from = {}, None


def store_path() -> Path:
    return cache_dir() / f"name-pinyin-{_pypinyin_release()}.tsv"


def _compute(name: str) -> Syllables:
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    finals = lazy_pinyin(name, style=Style.FINALS, strict=False, errors="ignore")
    return Syllables(tuple(full), tuple(finals))


@lru_cache(maxsize=1)
def _pypinyin_release() -> str:
    """pypinyin's version; where a bundle ships no metadata, its dictionaries' sizes."""
    from importlib import metadata

    try:
        return metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        pass
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else None
    sizes = []
    for file in _DICTIONARY_FILES:
        try:
            sizes.append(str((folder / file).stat().st_size) if folder else "0")
        except OSError:
            sizes.append("0")
    return "data-" + "-".join(sizes)


def _read(path: Path) -> dict[str, Syllables]:
    known: dict[str, Syllables] = {}
    try:
        with path.open(encoding="utf-8", newline="\n") as handle:
            for line in handle:
                fields = line.split("\t")
                if len(fields) != 3 or fields[2] != _END or not fields[0]:
                    continue  # blank, damaged, or cut short by a writer that stopped
                found = _decode(fields[1])
                if found is not None:
                    known[fields[0]] = found
    except (OSError, UnicodeDecodeError):
        return {}
    if len(known) >= MAX_NAMES:
        _remove(path)
        return {}
    return known


def _decode(text: str) -> Syllables | None:
    try:
        full, finals = json.loads(text)
    except (ValueError, TypeError):
        return None
    if not all(isinstance(p, list) and all(isinstance(s, str) for s in p)
               for p in (full, finals)):
        return None
    return Syllables(tuple(full), tuple(finals))


def _append(path: Path, name: str, found: Syllables) -> None:
    if not name.strip() or any(ch in name for ch in "\t\n\r"):
        return  # would not read back as written: worked out again next time
    # JSON keeps empty syllables (a final can be ""); the leading newline ends any line
    # another writer left unfinished, and the end mark tells a whole line from a cut one.
    line = f"\n{name}\t{json.dumps([found.full, found.finals], ensure_ascii=False)}\t{_END}"
    try:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(line)
    except OSError as exc:
        log.debug("name pinyin not remembered: %s", exc)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        log.debug("name pinyin file not removed: %s", exc)
