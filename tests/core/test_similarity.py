"""The vectorised TF-IDF cosine and containment matrices."""

from __future__ import annotations

import math

import numpy as np

from parallax.core.similarity import cosine_matrix, overlap_matrix


def test_cosine_matches_a_hand_computation() -> None:
    a = [{"x": 1.0, "y": 1.0}]
    b = [{"x": 1.0}, {"z": 1.0}]
    # idf over 3 rows: x in 2 -> log(4/3) + 1; y, z in 1 -> log(4/2) + 1.
    idf_x, idf_y = math.log(4 / 3) + 1, math.log(2) + 1
    expected = idf_x / math.sqrt(idf_x**2 + idf_y**2)
    result = cosine_matrix(a, b)
    assert result.shape == (1, 2)
    assert math.isclose(float(result[0, 0]), expected, rel_tol=1e-5)
    assert float(result[0, 1]) == 0.0


def test_containment_is_shared_mass_over_the_smaller_sentence() -> None:
    a = [{"x": 1.0, "y": 1.0, "w": 1.0}]
    b = [{"x": 1.0, "y": 1.0}]
    assert math.isclose(float(overlap_matrix(a, b)[0, 0]), 1.0, rel_tol=1e-6)
    # A part-weighted feature (a word inside a compound) counts for its part.
    # x is in both rows (idf 1): shared 0.5 over the smaller mass, b's 1.0.
    half = overlap_matrix([{"x": 0.5, "q": 1.0}], [{"x": 1.0}])
    assert math.isclose(float(half[0, 0]), 0.5, rel_tol=1e-6)


def test_empty_rows_keep_their_place() -> None:
    assert cosine_matrix([{"a": 1.0}], [{"a": 1.0}, {}]).tolist() == [[1.0, 0.0]]
    assert overlap_matrix([{}, {"a": 1.0}], [{"a": 1.0}, {}]).tolist() == [[0.0, 0.0],
                                                                          [1.0, 0.0]]
    assert cosine_matrix([], [{"a": 1.0}]).shape == (0, 1)
    assert np.all(overlap_matrix([{}], [{}]) == 0.0)


def test_stemming_is_safe_from_several_threads_at_once() -> None:
    import sys
    import threading

    from parallax.core import similarity

    words = ["internationalisation", "considerations", "bombardment", "infrastructure",
             "countries", "pledged", "arrested", "running"] * 100
    stem = similarity._stem  # outside a comparison nothing is cached: every call stems
    assert similarity.active_feature_cache() is None
    expected = [stem(word, "en") for word in words]
    errors: list[str] = []

    def work() -> None:
        try:
            for _ in range(10):
                if [stem(word, "en") for word in words] != expected:
                    errors.append("a word came out wrong")
                    return
        except Exception as exc:  # the failure being tested for
            errors.append(repr(exc))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)  # switch threads often, as the GUI sets it
    try:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
