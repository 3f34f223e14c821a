"""Sentence similarity by meaning: weighted word overlap plus character n-grams.

Each sentence becomes a bag of weighted features:

- words: English (and other alphabetic languages) lower-cased, stop words dropped, Snowball
  stems; Chinese jieba words in Simplified form, stop words dropped;
- numbers, normalised across languages (`#15` from 15, 十五 or fifteen), weighted up;
- names: gazetteer ids (`@putin` from Putin, 普京), weighted up, so they match across
  languages; capitalised English words weigh more than other words; Chinese names also give
  a sound key from pinyin (first syllable, then the finals: 普京 and 蒲亭 are both `pu-ing`);
- character n-grams: trigrams inside English words (catches inflections and spelling
  variants such as Kyiv/Kiev-style differences), bigrams of Chinese characters.

Features are IDF weighted over the two texts being compared. The word score is the geometric
mean of the TF-IDF cosine and the containment (IDF mass of the shared features over the mass
of the smaller sentence); the character score is the cosine. Both are dense float32 products
restricted to the features both sides share, combined as 0.7 * words + 0.3 * characters.

Cost: features O(total words); the product O(n_a * n_b * shared features), computed in
blocks of `BLOCK` rows of the second text so memory stays O(n_a * (BLOCK + shared)) besides
the n_a x n_b result (45 x 5,000 sentences: 0.9 MB).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from parallax.core.entities import fold
from parallax.core.lexicon import (
    base_lang,
    find_gazetteer_names,
    is_chinese,
    jieba_tagged,
    synonyms,
    to_simplified,
)
from parallax.core.numbers import find_quantities

BLOCK = 2048
WORD_WEIGHT = 0.7
CHAR_WEIGHT = 0.3
NUMBER_BOOST = 2.0
NAME_BOOST = 2.0
CAPITAL_BOOST = 1.5

_EN_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even
    few for from further had has have having he her here hers him his how i if in into is it
    its itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours said says say told according also however
    will would may might must shall one two new""".split()
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
    chars: dict[str, float]


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> Any:
    name = _SNOWBALL.get(base_lang(lang))
    if name is None:
        return None
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    stemmer = _stemmer(lang)
    if stemmer is None:
        return word
    return str(stemmer.stemWord(word))


@lru_cache(maxsize=16)
def _stem_synonyms(lang: str) -> dict[str, str]:
    return {_stem(word, lang): _stem(canonical, lang) for word, canonical in synonyms(lang).items()}


@lru_cache(maxsize=20_000)
def sound_key(name: str) -> str:
    """First pinyin syllable, then the finals of the rest: 普京 and 蒲亭 -> 'pu-ing'."""
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    if len(full) < 2:
        return ""
    finals = lazy_pinyin(name, style=Style.FINALS, strict=False, errors="ignore")
    return "-".join([full[0], *finals[1:]])


@lru_cache(maxsize=50_000)
def sentence_features(text: str, lang: str) -> Features:
    """Weighted features of one sentence (cached: treat the result as read-only)."""
    words: defaultdict[str, float] = defaultdict(float)
    chars: defaultdict[str, float] = defaultdict(float)
    if not text:
        return Features(words, chars)
    for quantity in find_quantities(text, lang):
        value = int(quantity.value) if quantity.value == int(quantity.value) else quantity.value
        words[f"#{value}"] += NUMBER_BOOST
    for hit in find_gazetteer_names(text, lang):
        words["@" + hit.id] += NAME_BOOST
    if is_chinese(lang):
        _chinese_features(text, words, chars)
    else:
        _alphabetic_features(text, lang, words, chars)
    return Features(words, chars)


def _alphabetic_features(
    text: str, lang: str, words: dict[str, float], chars: dict[str, float]
) -> None:
    for index, match in enumerate(_EN_WORD.finditer(text)):
        token = match.group(0)
        folded = fold(token)
        if folded in _EN_STOP or len(folded) < 2:
            continue
        stem = _stem(folded, lang)
        stem = _stem_synonyms(lang).get(stem, stem)
        weight = CAPITAL_BOOST if index > 0 and token[0].isupper() else 1.0
        words["w:" + stem] += weight
        padded = f" {folded} "
        for i in range(len(padded) - 2):
            chars[padded[i:i + 3]] += 1.0
    if _CJK.search(text):  # Chinese words quoted inside another language
        _chinese_features(text, words, chars)


def _chinese_features(text: str, words: dict[str, float], chars: dict[str, float]) -> None:
    simple = to_simplified(text)
    zh_synonyms = synonyms("zh")
    for word, tag in jieba_tagged(simple):
        if not _CJK.match(word) or word in _ZH_STOP:
            continue
        words["z:" + zh_synonyms.get(word, word)] += 1.0
        if tag in _ZH_NAME_TAGS and len(word) >= 2:
            key = sound_key(word)
            if key:
                words["~" + key] += NAME_BOOST
        # Bigrams inside content words (across the whole text they add more noise than
        # signal): 两国关系 still meets 关系 when jieba cuts the two sides differently.
        for i in range(len(word) - 1):
            chars[word[i:i + 2]] += 1.0
        if len(word) == 1:
            chars[word] += 1.0


def _tfidf(
    rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]]
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    df: Counter[str] = Counter()
    for row in (*rows_a, *rows_b):
        df.update(row.keys())
    n = len(rows_a) + len(rows_b)
    idf = {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}

    def weigh(row: dict[str, float]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(tf)) * idf[t] if tf >= 1 else tf * idf[t]
               for t, tf in row.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    return [weigh(r) for r in rows_a], [weigh(r) for r in rows_b]


def _dense(rows: Sequence[dict[str, float]], vocab: dict[str, int]) -> npt.NDArray[np.float32]:
    out = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for i, row in enumerate(rows):
        for term, value in row.items():
            j = vocab.get(term)
            if j is not None:
                out[i, j] = value
    return out


def cosine_matrix(
    rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]]
) -> npt.NDArray[np.float32]:
    """TF-IDF cosine similarities, shape (len(rows_a), len(rows_b))."""
    result = np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
    if not rows_a or not rows_b:
        return result
    vec_a, vec_b = _tfidf(rows_a, rows_b)
    terms_a = set().union(*(v.keys() for v in vec_a))
    terms_b = set().union(*(v.keys() for v in vec_b))
    vocab = {t: i for i, t in enumerate(sorted(terms_a & terms_b))}
    if not vocab:
        return result
    dense_a = _dense(vec_a, vocab)
    for start, stop in _blocks(len(vec_b)):
        dense_b = _dense(vec_b[start:stop], vocab)
        result[:, start:stop] = dense_a @ dense_b.T
    return result


def overlap_matrix(
    rows_a: Sequence[dict[str, float]], rows_b: Sequence[dict[str, float]]
) -> npt.NDArray[np.float32]:
    """IDF mass of the shared features over the mass of the smaller sentence (0..1)."""
    result = np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
    if not rows_a or not rows_b:
        return result
    df: Counter[str] = Counter()
    for row in (*rows_a, *rows_b):
        df.update(row.keys())
    n = len(rows_a) + len(rows_b)
    idf = {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}

    def weigh(row: dict[str, float]) -> dict[str, float]:
        # A boosted feature (number, name) counts once at its boost, however often it occurs.
        return {t: idf[t] * max(1.0, min(w, NAME_BOOST)) for t, w in row.items()}

    wa = [weigh(r) for r in rows_a]
    wb = [weigh(r) for r in rows_b]
    mass_a = np.array([sum(r.values()) for r in wa], dtype=np.float32)
    mass_b = np.array([sum(r.values()) for r in wb], dtype=np.float32)
    vocab = {t: i for i, t in enumerate(sorted(set().union(*wa) & set().union(*wb)))}
    if not vocab:
        return result
    dense_a = _dense(wa, vocab)
    smaller = np.minimum(mass_a[:, None], mass_b[None, :])
    for start, stop in _blocks(len(wb)):
        ones = (_dense(wb[start:stop], vocab) > 0).astype(np.float32)
        shared = dense_a @ ones.T
        block = smaller[:, start:stop]
        result[:, start:stop] = np.divide(shared, block, out=np.zeros_like(shared),
                                          where=block > 0)
    return result


def _blocks(n: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, BLOCK):
        yield start, min(n, start + BLOCK)


def _anchors_only(row: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in row.items() if k[0] in "#@"}


def _with_anchors(
    rows: list[dict[str, float]], anchors: tuple[Sequence[str], str] | None
) -> list[dict[str, float]]:
    if anchors is None:
        return rows
    texts, lang = anchors
    merged = []
    for row, text in zip(rows, texts, strict=True):
        extra = _anchors_only(sentence_features(text, lang).words)
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
    anchors_a: tuple[Sequence[str], str] | None = None,
    anchors_b: tuple[Sequence[str], str] | None = None,
) -> npt.NDArray[np.float32]:
    """Similarity of every sentence of `texts_a` with every sentence of `texts_b`, 0..1.

    `anchors_a`/`anchors_b` (texts, language): the same sentences in another language (what
    a translation was made from), whose numbers and gazetteer names are added to the words.
    """
    feats_a = [sentence_features(t, lang_a) for t in texts_a]
    feats_b = [sentence_features(t, lang_b) for t in texts_b]
    word_rows_a = _with_anchors([f.words for f in feats_a], anchors_a)
    word_rows_b = _with_anchors([f.words for f in feats_b], anchors_b)
    if base_lang(lang_a) != base_lang(lang_b):
        # Across languages only numbers and gazetteer names can be shared: score on them alone.
        word_rows_a = [_anchors_only(r) for r in word_rows_a]
        word_rows_b = [_anchors_only(r) for r in word_rows_b]
    # Geometric mean of cosine and containment: cosine alone punishes a short report
    # sentence that restates part of a long original sentence; containment alone lets a
    # three-word sentence match anything that contains its words.
    words: npt.NDArray[np.float32] = np.sqrt(
        cosine_matrix(word_rows_a, word_rows_b) * overlap_matrix(word_rows_a, word_rows_b)
    ).astype(np.float32)
    if base_lang(lang_a) != base_lang(lang_b):
        return words  # character n-grams mean nothing across languages
    chars = cosine_matrix([f.chars for f in feats_a], [f.chars for f in feats_b])
    combined: npt.NDArray[np.float32] = WORD_WEIGHT * words + CHAR_WEIGHT * chars
    return np.clip(combined, 0.0, 1.0)
