"""The comparison looks flags up by where they sit (linear in rows for exports and views) and
finds exactly what a scan of every flag finds. The growth with 20,000 sentences is measured by
bench/robustness.py."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.comparison import Comparison, Flag, Link, on_pair

ids = st.sampled_from([None, "s1", "s2", "title"])
sources = st.sampled_from([None, "src1", "src2"])
flags = st.builds(Flag, kind=st.sampled_from(["loaded_word", "number_mismatch", "unmatched_claim"]),
                  text=st.just("w"), detail=st.just("d"), original=ids, source=sources,
                  sentence=ids)
links = st.builds(Link, original=st.sampled_from(["s1", "s2"]),
                  source=st.sampled_from(["src1", "src2"]), sentence=st.sampled_from(["s1", "s2"]),
                  score=st.floats(0, 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(flags, max_size=12), ids, sources, ids)
def test_index_finds_what_a_scan_finds(found: list[Flag], original: str | None,
                                       source: str | None, sentence: str | None) -> None:
    comparison = Comparison(flags=tuple(found))
    assert list(comparison.flags_on(original, source, sentence)) == [
        f for f in found if on_pair(f, original, source, sentence)]
    if original is not None:
        assert list(comparison.flags_of(original)) == [f for f in found if f.original == original]
    if source is not None and sentence is not None:
        assert list(comparison.flags_at(source, sentence)) == [
            f for f in found if f.source == source and f.sentence == sentence]


@settings(max_examples=100, deadline=None)
@given(st.lists(links, max_size=10))
def test_links_to_a_sentence_best_first(made: list[Link]) -> None:
    comparison = Comparison(links=tuple(made))
    for link in made:
        expected = sorted((k for k in made if (k.source, k.sentence) == (link.source,
                                                                          link.sentence)),
                          key=lambda k: -k.score)
        assert list(comparison.links_to(link.source, link.sentence)) == expected


def test_a_pair_holds_both_sides_own_flags_and_those_between_them() -> None:
    own = Flag("loaded_word", "w", "d", original="s1")
    between = Flag("number_mismatch", "9", "d", original="s1", source="src1", sentence="s3")
    elsewhere = Flag("number_mismatch", "9", "d", original="s1", source="src1", sentence="s4")
    theirs = Flag("loaded_word", "w", "d", source="src1", sentence="s3")
    other_source = Flag("entity_only_here", "X", "d", original="s1", source="src2")
    comparison = Comparison(flags=(own, between, elsewhere, theirs, other_source))
    assert comparison.flags_on("s1", "src1", "s3") == (own, between, theirs)
    assert comparison.flags_on("s1") == (own,)
    assert comparison.flags_on(None, "src1", "s3") == (theirs,)
    assert comparison.flags_of("s1") == (own, between, elsewhere, other_source)
