"""English name variants match by edit similarity (difflib, which replaced rapidfuzz's ratio)."""

from __future__ import annotations

from parallax.core.entities import Name, names_match


def english(key: str) -> Name:
    return Name(f"en:{key}", key.title(), "person", "en")


def test_close_spellings_match_and_different_names_do_not() -> None:
    assert names_match(english("zelensky"), english("zelenskyy"))  # ratio 94.7
    assert names_match(english("sergei lavrov"), english("sergey lavrov"))
    assert not names_match(english("moscow"), english("mongolia"))  # ratio 42.9
    assert not names_match(english("peskov"), english("lavrov"))  # ratio 33.3
