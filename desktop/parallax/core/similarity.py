"""Sentence similarity by meaning: weighted word overlap plus character n-grams.

Each sentence becomes a bag of weighted features:

- words: English (and other alphabetic languages) lower-cased, stop words dropped, Snowball
  stems; Chinese jieba words in Simplified form, stop words dropped, plus (at half weight) the
  dictionary words inside longer ones, as jieba's search mode does;
- numbers, normalised across languages (`#15` from 15, 十五 or fifteen), weighted up;
- names: gazetteer ids (`@putin` from Putin, 普京), weighted up, so they match across
  languages; capitalised English words weigh more than other words; Chinese names also give
  a sound key from pinyin (first syllable, then the finals: 普京 and 蒲亭 are both `pu-ing`);
- character n-grams: trigrams inside English words (catches inflections and spelling
  variants such as Kyiv/Kiev-style differences), bigrams of Chinese characters.

A comparison reads each sentence once: features (and word stems) are kept in a bounded cache
the comparison owns (`feature_cache()`, `with_feature_cache`) and dropped when it ends.

Features are IDF weighted over the two texts being compared. The word score is the geometric
mean of the TF-IDF cosine and the containment (IDF mass of the shared features over the mass
of the smaller sentence); the character score is the cosine. Both are dense float32 products
restricted to the features both sides share, combined as 0.7 * words + 0.3 * characters.

Cost: features O(total words); the product O(n_a * n_b * shared features), computed in
blocks of `BLOCK` rows of the second text so memory stays O(n_a * (BLOCK + shared)) besides
the n_a x n_b result (45 x 5,000 sentences: 0.9 MB).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, wraps
from sys import intern
from typing import Any, Generic, ParamSpec, TypeVar

import numpy as np
import numpy.typing as npt

from parallax.core import name_pinyin
from parallax.core.entities import fold
from parallax.core.language import (
    base_language,
    is_chinese,
    jieba_subwords,
    jieba_tagged,
    to_simplified,
)
from parallax.core.lexicon import find_gazetteer_names, synonyms
from parallax.core.numbers import find_quantities
from parallax.core.weekdays import weekday_dates

# The same sentences in another language, and the date that text was published (or None).
Anchors = tuple[Sequence[str], str, date | None]

BLOCK = 2048
WORD_WEIGHT = 0.7
CHAR_WEIGHT = 0.3
NUMBER_BOOST = 2.0
NAME_BOOST = 2.0
CAPITAL_BOOST = 1.5
SUBWORD_WEIGHT = 0.5  # a dictionary word inside a longer jieba word (关系 in 两国关系)
# Sentences (and as many anchor sets and word stems) one comparison keeps: up to ~28 KiB a
# sentence, so ~0.3 GB at most, released with the comparison. Enough for the original and a
# 5,000-sentence report; past it the sentences that did not fit are read again.
MAX_CACHED_SENTENCES = 10_000

K = TypeVar("K")
V = TypeVar("V")
P = ParamSpec("P")
R = TypeVar("R")

_EN_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even
    few for from further had has have having he her here hers him his how i if in into is it
    its itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours said says say told according also however
    will would may might must shall one two new toward towards upon within via""".split()
)
_ZH_STOP = frozenset(
    """的 了 在 是 和 与 及 以及 也 都 而 并 并且 对 对于 将 就 又 还 被 把 让 从 向 为 为了 以
    之 其 此 这 那 这一 这个 这些 那些 一个 一 不 没有 有 等 等等 着 过 地 得 所 但 但是 然而
    因此 因为 所以 如果 虽然 尽管 或 或者 即 已 已经 会 能 可以 要 该 于 中 上 下 内 外 后 前
    他们 她们 它们 我们 你们 他 她 它 我 你 此次 这次 目前 如今 同时 此外 其次 首先 最后
    表示 称 说 指出""".split()
)
_EN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
_SNOWBALL = {"en": "english", "ru": "russian", "de": "german", "fr": "french",
             "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch"}


@dataclass(frozen=True)
class Features:
    words: dict[str, float]
    # Character n-gram counts. Kept per sentence for a whole comparison, so they are made
    # small: interned keys (shared by every sentence) and int counts (CPython's small ints
    # are shared too), about 10 KiB a sentence less than new strings and floats.
    chars: dict[str, float]


_stemmers = threading.local()


def _stemmer(lang: str) -> Any:
    """This thread's Snowball stemmer for `lang` (None when Snowball has none).

    A stemmer keeps its working word in the object, so two threads sharing one corrupt each
    other's words (IndexError mid-word): comparisons run on several worker threads.
    """
    name = _SNOWBALL.get(base_language(lang))
    if name is None:
        return None
    mine: dict[str, Any] | None = getattr(_stemmers, "by_name", None)
    if mine is None:
        mine = _stemmers.by_name = {}
    if name not in mine:
        import snowballstemmer  # type: ignore[import-untyped]

        mine[name] = snowballstemmer.stemmer(name)
    return mine[name]


class _Bounded(Generic[K, V]):
    """A dict that takes no more entries once it holds `limit` (thread-safe).

    A comparison reads its texts in several passes, each in the same order: dropping the
    least recently used entry would drop each one just before the next pass needs it, so
    a text past the limit is read again on every pass. Keeping the first ones saves what
    fits.
    """

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._items: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        return self._items.get(key)  # a single dict read: atomic

    def put(self, key: K, value: V) -> None:
        with self._lock:
            if len(self._items) < self.limit or key in self._items:
                self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class FeatureCache:
    """What one comparison has read of its sentences: features, anchors and word stems.

    Owned by the comparison (`feature_cache()`), bounded, and emptied when it ends, so the
    memory goes with the comparison instead of staying in the process.
    """

    def __init__(self, limit: int = MAX_CACHED_SENTENCES) -> None:
        self.features: _Bounded[tuple[str, str], Features] = _Bounded(limit)
        self.anchors: _Bounded[tuple[str, str, date | None], dict[str, float]] = _Bounded(limit)
        self.stems: _Bounded[tuple[str, str], str] = _Bounded(limit)
        # A word as written -> (folded, stem): words recur far more often than sentences.
        self.tokens: _Bounded[tuple[str, str], tuple[str, str]] = _Bounded(limit)

    def __len__(self) -> int:
        return len(self.features) + len(self.anchors) + len(self.stems) + len(self.tokens)

    def clear(self) -> None:
        for table in (self.features, self.anchors, self.stems, self.tokens):
            table.clear()


# The comparison running in this thread (a context variable: comparisons on other worker
# threads have their own).
_active: ContextVar[FeatureCache | None] = ContextVar("parallax_feature_cache", default=None)


@contextmanager
def feature_cache(limit: int = MAX_CACHED_SENTENCES) -> Iterator[FeatureCache]:
    """Cache sentence features inside the block, then drop them.

    Nested blocks share the outermost one's cache (it owns it and empties it).
    """
    current = _active.get()
    if current is not None:
        yield current
        return
    cache = FeatureCache(limit)
    token = _active.set(cache)
    try:
        yield cache
    finally:
        _active.reset(token)
        cache.clear()


def active_feature_cache() -> FeatureCache | None:
    """The cache of the comparison running in this thread, if any."""
    return _active.get()


def with_feature_cache(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` inside `feature_cache()`: its features are released when it returns."""

    @wraps(function)
    def scoped(*args: P.args, **kwargs: P.kwargs) -> R:
        with feature_cache():
            return function(*args, **kwargs)

    return scoped


def _stem(word: str, lang: str) -> str:
    cache = _active.get()
    key = (word, lang)
    if cache is not None and (known := cache.stems.get(key)) is not None:
        return known
    stemmer = _stemmer(lang)
    stem = word if stemmer is None else str(stemmer.stemWord(word))
    if cache is not None:
        cache.stems.put(key, stem)
    return stem


@lru_cache(maxsize=16)
def _stem_synonyms(lang: str) -> dict[str, str]:
    return {_stem(word, lang): _stem(canonical, lang) for word, canonical in synonyms(lang).items()}


@lru_cache(maxsize=4096)
def sound_key(name: str) -> str:
    """First pinyin syllable, then the finals of the rest: 普京 and 蒲亭 -> 'pu-ing'."""
    heard = name_pinyin.syllables(name)  # pypinyin only for names this machine has not met
    if len(heard.full) < 2:
        return ""
    return "-".join([heard.full[0], *heard.finals[1:]])


def sentence_features(text: str, lang: str) -> Features:
    """Weighted features of one sentence (cached inside `feature_cache()`: treat the result
    as read-only)."""
    cache = _active.get()
    if cache is not None and (known := cache.features.get((text, lang))) is not None:
        return known
    features = _sentence_features(text, lang)
    if cache is not None:
        cache.features.put((text, lang), features)
    return features


def _sentence_features(text: str, lang: str) -> Features:
    words: defaultdict[str, float] = defaultdict(float)
    chars: defaultdict[str, float] = defaultdict(float)
    if not text:
        return Features(words, chars)
    _add_anchors(text, lang, words)
    if is_chinese(lang):
        _chinese_features(text, words, chars)
    else:
        _alphabetic_features(text, lang, words, chars)
    return Features(words, chars)


def _add_anchors(text: str, lang: str, words: defaultdict[str, float],
                 published: date | None = None) -> None:
    for quantity in [*find_quantities(text, lang), *weekday_dates(text, lang, published)]:
        value = int(quantity.value) if quantity.value == int(quantity.value) else quantity.value
        kind = "t" if quantity.kind == "time" else ""  # 7:45 is not a count of 465
        words[f"#{kind}{value}"] += NUMBER_BOOST
    for hit in find_gazetteer_names(text, lang):
        words["@" + hit.id] += NAME_BOOST


def anchor_features(text: str, lang: str, published: date | None = None) -> dict[str, float]:
    """Only the numbers and gazetteer names of a sentence (and its weekdays as dates, when
    the text's publication date is known): what a text in another language adds to its
    translation's features. Needs no word segmentation tags and no pinyin.
    Cached inside `feature_cache()`: treat the result as read-only."""
    cache = _active.get()
    if cache is not None and (known := cache.anchors.get((text, lang, published))) is not None:
        return known
    words: defaultdict[str, float] = defaultdict(float)
    if text:
        _add_anchors(text, lang, words, published)
    anchors = dict(words)
    if cache is not None:
        cache.anchors.put((text, lang, published), anchors)
    return anchors


def _alphabetic_features(
    text: str, lang: str, words: dict[str, float], chars: dict[str, float]
) -> None:
    cache = _active.get()
    for index, match in enumerate(_EN_WORD.finditer(text)):
        token = match.group(0)
        known = cache.tokens.get((token, lang)) if cache is not None else None
        if known is None:
            folded = fold(token)
            stem = "" if folded in _EN_STOP or len(folded) < 2 else _stem(folded, lang)
            known = (folded, _stem_synonyms(lang).get(stem, stem))
            if cache is not None:
                cache.tokens.put((token, lang), known)
        folded, stem = known
        if not stem:
            continue
        weight = CAPITAL_BOOST if index > 0 and token[0].isupper() else 1.0
        words["w:" + stem] += weight
        padded = f" {folded} "
        for i in range(len(padded) - 2):
            chars[intern(padded[i:i + 3])] += 1  # shared keys and small ints: see Features
    if _CJK.search(text):  # Chinese words quoted inside another language
        _chinese_features(text, words, chars)


def _chinese_features(text: str, words: dict[str, float], chars: dict[str, float]) -> None:
    simple = to_simplified(text)
    zh_synonyms = synonyms("zh")
    for word, tag in jieba_tagged(simple):
        if not _CJK.match(word) or word in _ZH_STOP:
            continue
        words["z:" + zh_synonyms.get(word, word)] += 1.0
        for part in jieba_subwords(word):
            if part not in _ZH_STOP:
                words["z:" + zh_synonyms.get(part, part)] += SUBWORD_WEIGHT
        if tag in _ZH_NAME_TAGS and len(word) >= 2:
            key = sound_key(word)
            if key:
                words["~" + key] += NAME_BOOST
        # Bigrams inside content words (across the whole text they add more noise than
        # signal): 两国关系 still meets 关系 when jieba cuts the two sides differently.
        for i in range(len(word) - 1):
            chars[intern(word[i:i + 2])] += 1
        if len(word) == 1:
            chars[intern(word)] += 1


@dataclass(frozen=True)
class _Indexed:
    """Rows of weighted features as flat arrays: one pass of Python over the terms, then
    every weighting is a numpy expression."""

    n_a: int  # rows_a come first, then rows_b
    n_rows: int
    terms: npt.NDArray[np.intp]  # term id of each (row, term) entry
    values: npt.NDArray[np.float64]  # its raw weight
    rows: npt.NDArray[np.intp]  # its row
    n_terms: int


def _index(rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]]) -> _Indexed:
    rows = (*rows_a, *rows_b)
    # Comprehensions and C-level dict builds, not a Python loop with appends: this runs over
    # every feature of every sentence, several times per report.
    keys = [term for row in rows for term in row]
    vocab = dict(zip(dict.fromkeys(keys), range(len(keys)), strict=False))
    lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    return _Indexed(
        n_a=len(rows_a),
        n_rows=len(rows),
        terms=np.fromiter(map(vocab.__getitem__, keys), dtype=np.intp, count=len(keys)),
        values=np.fromiter((v for row in rows for v in row.values()), dtype=np.float64,
                           count=len(keys)),
        rows=np.repeat(np.arange(len(rows), dtype=np.intp), lengths),
        n_terms=len(vocab),
    )


def _idf(ix: _Indexed) -> npt.NDArray[np.float64]:
    # Terms are unique within a row, so the document frequency is a count of entries.
    df = np.bincount(ix.terms, minlength=ix.n_terms)
    result: npt.NDArray[np.float64] = np.log((ix.n_rows + 1) / (df + 1)) + 1.0
    return result


def _shared_columns(ix: _Indexed) -> npt.NDArray[np.intp]:
    """Column of each term in the shared vocabulary (terms on both sides), else -1."""
    in_a = np.zeros(ix.n_terms, dtype=bool)
    in_b = np.zeros(ix.n_terms, dtype=bool)
    side_a = ix.rows < ix.n_a
    in_a[ix.terms[side_a]] = True
    in_b[ix.terms[~side_a]] = True
    shared = in_a & in_b
    columns = np.full(ix.n_terms, -1, dtype=np.intp)
    columns[shared] = np.arange(int(shared.sum()), dtype=np.intp)
    return columns


def _product(
    ix: _Indexed, weights_a: npt.NDArray[np.float64], weights_b: npt.NDArray[np.float64]
) -> npt.NDArray[np.float32]:
    """Sum over shared terms of weights_a * weights_b, per (row of a, row of b)."""
    n_b = ix.n_rows - ix.n_a
    result = np.zeros((ix.n_a, n_b), dtype=np.float32)
    columns = _shared_columns(ix)
    width = int(columns.max()) + 1 if columns.size else 0
    if width == 0 or ix.n_a == 0 or n_b == 0:
        return result
    keep = columns[ix.terms] >= 0
    side_a = ix.rows < ix.n_a
    pick_a = keep & side_a
    dense_a = np.zeros((ix.n_a, width), dtype=np.float32)
    dense_a[ix.rows[pick_a], columns[ix.terms[pick_a]]] = weights_a[pick_a]
    pick_b = keep & ~side_a
    rows_b = ix.rows[pick_b] - ix.n_a
    cols_b = columns[ix.terms[pick_b]]
    vals_b = weights_b[pick_b]
    for start, stop in _blocks(n_b):
        inside = (rows_b >= start) & (rows_b < stop)
        dense_b = np.zeros((stop - start, width), dtype=np.float32)
        dense_b[rows_b[inside] - start, cols_b[inside]] = vals_b[inside]
        result[:, start:stop] = dense_a @ dense_b.T
    return result


def _row_sums(ix: _Indexed, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    sums: npt.NDArray[np.float64] = np.bincount(ix.rows, weights=values,
                                                minlength=ix.n_rows).astype(np.float64)
    return sums


def cosine_matrix(
    rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]],
    ix: _Indexed | None = None,
) -> npt.NDArray[np.float32]:
    """TF-IDF cosine similarities, shape (len(rows_a), len(rows_b)).

    Term frequency is sublinear (1 + log tf) from 1 up, and proportional below 1 (features
    weighted under one, such as words inside compounds). `ix`: the rows already indexed.
    """
    ix = ix if ix is not None else _index(rows_a, rows_b)
    if not rows_a or not rows_b or ix.terms.size == 0:
        return np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
    tf = np.where(ix.values >= 1.0, 1.0 + np.log(np.maximum(ix.values, 1.0)), ix.values)
    weights = tf * _idf(ix)[ix.terms]
    norms = np.sqrt(_row_sums(ix, weights * weights))
    weights = np.divide(weights, norms[ix.rows], out=np.zeros_like(weights),
                        where=norms[ix.rows] > 0)
    return _product(ix, weights, weights)


def overlap_matrix(
    rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]],
    ix: _Indexed | None = None,
) -> npt.NDArray[np.float32]:
    """IDF mass of the shared features over the mass of the smaller sentence (0..1)."""
    ix = ix if ix is not None else _index(rows_a, rows_b)
    if not rows_a or not rows_b or ix.terms.size == 0:
        return np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
    # A boosted feature (number, name) counts once at its boost, however often it occurs;
    # one weighted under one (a word inside a compound) counts for that part.
    weights = _idf(ix)[ix.terms] * np.where(ix.values < 1.0, ix.values,
                                            np.minimum(ix.values, NAME_BOOST))
    mass = _row_sums(ix, weights).astype(np.float32)
    shared = _product(ix, weights, np.ones_like(weights))
    smaller = np.minimum(mass[:ix.n_a, None], mass[None, ix.n_a:])
    result: npt.NDArray[np.float32] = np.divide(
        shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    return result


def _blocks(n: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, BLOCK):
        yield start, min(n, start + BLOCK)


def _anchors_only(row: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in row.items() if k[0] in "#@"}


def _with_anchors(
    rows: list[dict[str, float]], anchors: Anchors | None
) -> list[dict[str, float]]:
    if anchors is None:
        return rows
    texts, lang, published = anchors
    merged = []
    for row, text in zip(rows, texts, strict=True):
        extra = anchor_features(text, lang, published)
        if extra:
            row = dict(row)  # cached features are shared: never change them in place
            for key, value in extra.items():
                row[key] = max(row.get(key, 0.0), value)
        merged.append(row)
    return merged


def similarity_matrix(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    lang_a: str,
    lang_b: str,
    *,
    anchors_a: Anchors | None = None,
    anchors_b: Anchors | None = None,
) -> npt.NDArray[np.float32]:
    """Similarity of every sentence of `texts_a` with every sentence of `texts_b`, 0..1.

    `anchors_a`/`anchors_b` (texts, language, publication date or None): the same sentences
    in another language (what a translation was made from), whose numbers and gazetteer
    names (and weekdays as dates) are added to the words.
    """
    with feature_cache():  # the comparison's cache, or one for this call alone
        feats_a = [sentence_features(t, lang_a) for t in texts_a]
        feats_b = [sentence_features(t, lang_b) for t in texts_b]
        word_rows_a = _with_anchors([f.words for f in feats_a], anchors_a)
        word_rows_b = _with_anchors([f.words for f in feats_b], anchors_b)
    if base_language(lang_a) != base_language(lang_b):
        # Across languages only numbers and gazetteer names can be shared: score on them alone.
        word_rows_a = [_anchors_only(r) for r in word_rows_a]
        word_rows_b = [_anchors_only(r) for r in word_rows_b]
    # Geometric mean of cosine and containment: cosine alone punishes a short report
    # sentence that restates part of a long original sentence; containment alone lets a
    # three-word sentence match anything that contains its words.
    ix = _index(word_rows_a, word_rows_b)  # once for both measures
    words: npt.NDArray[np.float32] = np.sqrt(
        cosine_matrix(word_rows_a, word_rows_b, ix) * overlap_matrix(word_rows_a, word_rows_b, ix)
    ).astype(np.float32)
    if base_language(lang_a) != base_language(lang_b):
        return words  # character n-grams mean nothing across languages
    chars = cosine_matrix([f.chars for f in feats_a], [f.chars for f in feats_b])
    combined: npt.NDArray[np.float32] = WORD_WEIGHT * words + CHAR_WEIGHT * chars
    return np.clip(combined, 0.0, 1.0)
