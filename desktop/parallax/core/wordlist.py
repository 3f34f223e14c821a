"""Read-only word tables that open in milliseconds and are looked up in place.

A table is a folder: `keys.marisa` (a MARISA trie of the keys, memory-mapped, so a process
reads only the pages its lookups touch), `values.bin` (fixed-width values indexed by the
trie's key id, memory-mapped too) and `meta.json`. It is built once per machine under the
cache folder, in a temporary folder renamed into place, so a reader never sees half a table
and two processes building at once both end with a whole one.

Python dicts of the same data cost far more: jieba's 600,000-entry prefix dictionary takes
0.6 s and 80 MiB to unmarshal in every process.
"""

from __future__ import annotations

import json
import mmap
import os
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import marisa_trie

FORMAT = 1
# memoryview formats a column or array may use, and their widths in bytes.
_ITEM_SIZE = {"B": 1, "H": 2, "I": 4, "Q": 8, "d": 8}


class Table:
    """Keys, a value per key in each column (indexed by the trie's key id), and arrays of any
    length besides (what a column's values point into), as written by `open_or_build`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.meta: dict[str, Any] = json.loads((folder / "meta.json").read_text("utf-8"))
        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / "keys.marisa"))
        with open(folder / "values.bin", "rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(self._map)
        self.columns: dict[str, memoryview] = {}
        self.arrays: dict[str, memoryview] = {}
        offset = 0
        parts = [(self.columns, name, code, len(self.trie)) for name, code in self.meta["columns"]]
        parts += [(self.arrays, name, code, length)
                  for name, code, length in self.meta.get("arrays", [])]
        for into, name, code, length in parts:
            size = length * _ITEM_SIZE[code]
            if offset + size > len(view):
                raise ValueError(f"{folder / 'values.bin'} is cut short")
            into[name] = view[offset:offset + size].cast(code)
            offset += size

    def __len__(self) -> int:
        return len(self.trie)


# What `open_or_build` builds from: rows of (key, one value per column; a key seen twice keeps
# its last values), the columns' (name, array type code), arrays kept whole by name, and what
# meta.json keeps besides.
Source = tuple[Iterable[tuple[str, tuple[float, ...]]], list[tuple[str, str]],
               dict[str, "array[Any]"], dict[str, Any]]


def open_or_build(folder: Path, source: Callable[[], Source]) -> Table:
    """The table in `folder`, built first from `source()` when it is missing, damaged or of
    another format."""
    try:
        table = Table(folder)
        if table.meta.get("format") == FORMAT:
            return table
    except (OSError, ValueError, KeyError, RuntimeError):
        pass
    _build(folder, *source())
    return Table(folder)


def _build(folder: Path, rows: Iterable[tuple[str, tuple[float, ...]]],
           columns: list[tuple[str, str]], arrays: dict[str, array[Any]],
           meta: dict[str, Any]) -> None:
    values = dict(rows)
    trie = marisa_trie.Trie(values)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        trie.save(str(work / "keys.marisa"))
        ids = sorted((trie.key_id(key), value) for key, value in values.items())
        with open(work / "values.bin", "wb") as out:
            for index, (_, code) in enumerate(columns):
                column: array[Any] = array(code, [0]) * len(ids)
                for key_id, row in ids:
                    column[key_id] = row[index]
                out.write(column.tobytes())
            for values_array in arrays.values():
                out.write(values_array.tobytes())
        listed = [(name, a.typecode, len(a)) for name, a in arrays.items()]
        (work / "meta.json").write_text(json.dumps(
            {**meta, "format": FORMAT, "columns": columns, "arrays": listed}), "utf-8")
        if folder.exists():  # stale or damaged: replaced whole
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(work, folder)
        except OSError:
            if not (folder / "meta.json").is_file():  # not another process's whole table
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
