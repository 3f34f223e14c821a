"""Reuse of view data made from immutable inputs.

Workspaces, comparisons and the texts made from them are immutable, so a value made from the
very same input objects is still right: a translation arriving remakes only the column it
changes. A memo belongs to one `ui.presentation.Presentation`; the next presentation starts
from a copy of its entries (`successor`), so nothing is shared between threads but the memo
itself, which locks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
MEMO_SIZE = 64  # names kept (columns by diff reference, and so on), least recent dropped


class IdentityMemo(Generic[K, V]):
    """The last value made under each name, reused while its inputs are the same objects
    (compared by identity: an entry keeps its inputs alive, so an equal id is the same
    object). Safe to use from a worker thread and the GUI thread at once."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[K, tuple[tuple[object, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, name: K, inputs: tuple[object, ...], build: Callable[[], V]) -> V:
        with self._lock:
            entry = self._entries.get(name)
            if entry is not None and len(entry[0]) == len(inputs) and all(
                    a is b for a, b in zip(entry[0], inputs, strict=True)):
                self._entries.move_to_end(name)
                return entry[1]
        value = build()  # outside the lock: a long build must not hold up a reader
        with self._lock:
            self._entries[name] = (inputs, value)
            self._entries.move_to_end(name)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def successor(self) -> IdentityMemo[K, V]:
        """A new memo holding this one's entries, for the next workspace or comparison."""
        memo: IdentityMemo[K, V] = IdentityMemo(self._size)
        with self._lock:
            memo._entries = OrderedDict(self._entries)
        return memo
