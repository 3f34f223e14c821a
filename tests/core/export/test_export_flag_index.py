"""Exports look flags up by where they sit (linear in rows) and find exactly what a scan of
every flag found. The growth with 20,000 sentences is measured by bench/robustness.py."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.comparison import Flag
from parallax.core.export.report import FlagIndex, _flag_matches
from parallax.core.export.table import _applies

ids = st.sampled_from([None, "s1", "s2", "title"])
sources = st.sampled_from([None, "src1", "src2"])
flags = st.builds(Flag, kind=st.sampled_from(["loaded_word", "number_mismatch", "unmatched_claim"]),
                  text=st.just("w"), detail=st.just("d"), original=ids, source=sources,
                  sentence=ids)


@settings(max_examples=200, deadline=None)
@given(st.lists(flags, max_size=12), ids, st.sampled_from(["src1", "src2"]), ids)
def test_index_finds_what_a_scan_finds(found: list[Flag], original: str | None, source: str,
                                       sentence: str | None) -> None:
    index = FlagIndex(found)
    candidates = index.candidates(original, source, sentence)
    assert [f for f in candidates if _applies(f, original, source, sentence)] == [
        f for f in found if _applies(f, original, source, sentence)]
    assert [f for f in candidates if _flag_matches(f, original, source, sentence)] == [
        f for f in found if _flag_matches(f, original, source, sentence)]
    if original is not None:
        assert index.on_original(original) == [f for f in found if f.original == original]
