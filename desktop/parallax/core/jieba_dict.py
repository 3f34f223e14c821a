"""jieba over a memory-mapped copy of its dictionary: the same words, counts and tags.

jieba keeps its dictionary as a dict of every word and every word's prefixes (600,000 keys)
unmarshalled in each process (0.6 s, 80 MiB), and `jieba.posseg` reads the 5 MB text file
again for the tags (0.45 s, 40 MiB more). Here both live in one `wordlist.Table` built from
jieba's own file once per machine; the tokenizer looks words up in place. Words added at run
time (`add_word`: the gazetteer's names) sit in a small dict in front of the table, so the
mappings answer as jieba's dicts would after the same calls, and segmentation is identical
(a test compares both on the sample and several hundred sentences).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import jieba

from parallax.core.wordlist import Source, Table, open_or_build


def _dictionary() -> Any:
    return jieba.get_module_res(jieba.DEFAULT_DICT_NAME)


def open_table(cache: Path) -> Table:
    """jieba's dictionary as a table under `cache`, built the first time (a few seconds)."""
    with _dictionary() as file:
        size = Path(file.name).stat().st_size
    return open_or_build(cache / f"jieba-{jieba.__version__}-{size}", _source)


def _source() -> Source:
    """Rows (key, (count, tag index)) read as jieba's `gen_pfdict` and posseg's
    `load_word_tag` read the file: a later line for a word wins; prefixes count 0 and have no
    tag (index 0, the empty name)."""
    counts, total = jieba.Tokenizer.gen_pfdict(_dictionary())
    tags: dict[str, str] = {}
    with _dictionary() as file:
        for line in file:
            text = line.strip().decode("utf-8")
            if text:
                word, _, tag = text.split(" ")
                tags[word] = tag
    names = ["", *sorted(set(tags.values()))]
    index = {name: k for k, name in enumerate(names)}
    rows = ((word, (count, index[tags[word]] if word in tags else 0))
            for word, count in counts.items())
    meta = {"total": total, "tags": names, "longest": max(map(len, counts))}
    return rows, [("count", "I"), ("tag", "B")], {}, meta


class Counts(MutableMapping[str, int]):
    """jieba's FREQ: word (or prefix of a word) -> count, the table behind added words."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._trie = table.trie
        self._count = table.columns["count"]
        self._longest: int = table.meta["longest"]
        self.added: dict[str, int] = {}
        self._added_starts: set[str] = set()

    def __getitem__(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return int(value)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.added.get(key)
        if value is not None:
            return value
        key_id = self._trie.get(key)
        return default if key_id is None else self._count[key_id]

    def __contains__(self, key: object) -> bool:
        return key in self.added or key in self._trie

    def __setitem__(self, key: str, value: int) -> None:
        self.added[key] = value
        self._added_starts.add(key[:1])

    def __delitem__(self, key: str) -> None:
        raise TypeError("jieba's dictionary table is read-only; add_word(word, 0) instead")

    def __iter__(self) -> Iterator[str]:
        yield from self.added
        yield from (key for key in self._trie.iterkeys() if key not in self.added)

    def __len__(self) -> int:
        return len(self._trie) + sum(1 for key in self.added if key not in self._trie)

    def word_ends(self, sentence: str, start: int) -> list[int]:
        """jieba's DAG entry at `start`: the last index of every word there with a count."""
        found: dict[int, int] = {}  # length -> count
        count = self._count
        for key, key_id in self._trie.iter_prefixes_with_ids(sentence[start:start + self._longest]):
            found[len(key)] = count[key_id]
        if sentence[start] in self._added_starts:
            # jieba walks on while the piece is a key of either; added words may run longer.
            length = 1
            while start + length <= len(sentence):
                value = self.added.get(sentence[start:start + length])
                if value is not None:
                    found[length] = value
                elif length not in found:
                    break
                length += 1
        return [start + length - 1 for length in sorted(found) if found[length]]


class Tags(MutableMapping[str, str]):
    """posseg's word_tag_tab: word -> part-of-speech tag, the table behind added words."""

    def __init__(self, table: Table) -> None:
        self._trie = table.trie
        self._tag = table.columns["tag"]
        self._names: list[str] = table.meta["tags"]
        self.added: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.added.get(key)
        if value is not None:
            return value
        key_id = self._trie.get(key)
        if key_id is None or not self._tag[key_id]:
            return default
        return self._names[self._tag[key_id]]

    def __setitem__(self, key: str, value: str) -> None:
        self.added[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("jieba's dictionary table is read-only")

    def __iter__(self) -> Iterator[str]:
        yield from self.added
        yield from (key for key in self._trie.iterkeys()
                    if key not in self.added and self.get(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Tokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """jieba.Tokenizer reading `Counts`: initialised from the start, never reads dict.txt."""

    def __init__(self, table: Table) -> None:
        super().__init__()
        self.FREQ = Counts(table)
        self.total = table.meta["total"]
        self.initialized = True

    def initialize(self, dictionary: str | None = None) -> None:
        if dictionary:
            raise ValueError("this tokenizer reads jieba's own dictionary only")

    def get_dict_file(self) -> io.BytesIO:
        # posseg reads its tags from this file when it wraps a tokenizer: nothing to read here,
        # `install` gives it `Tags` instead.
        return io.BytesIO()

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        ends = self.FREQ.word_ends
        return {k: ends(sentence, k) or [k] for k in range(len(sentence))}


def install(cache: Path) -> Tokenizer:
    """Make the table-backed tokenizer jieba's default (`jieba.cut`, `jieba.add_word`,
    `jieba.posseg.cut`, `jieba.posseg.dt`...) and return it."""
    table = open_table(cache)
    tokenizer = Tokenizer(table)
    jieba.dt = tokenizer
    for name in ("add_word", "calc", "cut", "lcut", "cut_for_search", "lcut_for_search",
                 "del_word", "get_DAG", "get_dict_file", "initialize", "load_userdict",
                 "set_dictionary", "suggest_freq", "tokenize"):
        setattr(jieba, name, getattr(tokenizer, name))
    jieba.user_word_tag_tab = tokenizer.user_word_tag_tab
    jieba.get_FREQ = lambda k, d=None: tokenizer.FREQ.get(k, d)
    from jieba import posseg

    pos = posseg.POSTokenizer(tokenizer)  # reads the empty dictionary file: no cost
    pos.word_tag_tab = Tags(table)
    posseg.dt = pos
    posseg.initialize = pos.initialize
    return tokenizer
