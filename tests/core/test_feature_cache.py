"""Sentence features belong to the comparison that read them: bounded, and released with it."""

from __future__ import annotations

import gc
import threading
import weakref

from parallax.core import similarity
from parallax.core.compare import compare_workspace
from parallax.core.samples import sample_workspace
from parallax.core.similarity import (
    FeatureCache,
    active_feature_cache,
    feature_cache,
    sentence_features,
    similarity_matrix,
)

SENTENCES = [
    "The harbour authority reopened the northern pier on Tuesday.",
    "Fishing boats returned to the northern pier after three days.",
    "Officials said 14 boats were damaged in the storm.",
]


def test_the_caches_are_empty_once_a_comparison_returns() -> None:
    seen: list[FeatureCache] = []
    sizes: list[int] = []

    def progress(done: int, total: int) -> None:
        cache = active_feature_cache()
        assert cache is not None
        seen.append(cache)
        sizes.append(len(cache))

    comparison = compare_workspace(sample_workspace(), semantic=False, on_progress=progress)
    assert comparison.links
    assert len({id(cache) for cache in seen}) == 1  # one cache, for the whole comparison
    assert max(sizes) > 0  # it held the features while the comparison ran
    cache = seen[0]
    assert len(cache) == 0  # and gave them up when it returned
    assert active_feature_cache() is None
    ref = weakref.ref(cache)
    del cache
    seen.clear()
    gc.collect()
    assert ref() is None  # nothing else holds it


def test_features_are_read_once_inside_a_block_and_never_kept_outside() -> None:
    with feature_cache() as cache:
        first = sentence_features(SENTENCES[0], "en")
        assert sentence_features(SENTENCES[0], "en") is first
        with feature_cache() as inner:  # a nested block shares the outer one's cache
            assert inner is cache
            assert sentence_features(SENTENCES[0], "en") is first
        assert len(cache) > 0
    assert len(cache) == 0
    outside = sentence_features(SENTENCES[0], "en")
    assert outside is not first and outside == first
    assert sentence_features(SENTENCES[0], "en") is not outside


def test_the_cache_is_bounded_and_keeps_what_it_read_first() -> None:
    """Passes over a report read its sentences in the same order: what fits stays for every
    pass (dropping the least recently used would keep nothing a second pass needs)."""
    with feature_cache(limit=2) as cache:
        first = sentence_features(SENTENCES[0], "en")
        second = sentence_features(SENTENCES[1], "en")
        third = sentence_features(SENTENCES[2], "en")  # full: read, not kept
        assert len(cache.features) == 2 and len(cache.stems) == 2
        for _ in range(2):  # a second and a third pass
            assert sentence_features(SENTENCES[0], "en") is first
            assert sentence_features(SENTENCES[1], "en") is second
            again = sentence_features(SENTENCES[2], "en")
            assert again is not third and again == third


def test_scores_do_not_depend_on_the_cache() -> None:
    alone = similarity_matrix(SENTENCES, SENTENCES[::-1], "en", "en")
    with feature_cache(limit=1):
        tight = similarity_matrix(SENTENCES, SENTENCES[::-1], "en", "en")
    assert alone.tolist() == tight.tolist()


def test_each_thread_has_its_own_comparison_cache() -> None:
    other: list[FeatureCache | None] = []
    with feature_cache():
        worker = threading.Thread(target=lambda: other.append(active_feature_cache()))
        worker.start()
        worker.join()
        assert other == [None]
        assert similarity.active_feature_cache() is not None
