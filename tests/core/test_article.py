"""Article model: immutability, lookups and the JSON round-trip."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from parallax.core.article import Article
from parallax.core.errors import InputError
from parallax.core.loaders import load_path


def test_json_round_trip_is_identical(seed_path: Path) -> None:
    article = load_path(seed_path)
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.sentences == article.sentences
    assert again.published == article.published


def test_sentences_have_stable_ids_and_spans(seed_path: Path) -> None:
    article = load_path(seed_path)
    assert [s.id for s in article.sentences][:3] == ["s1", "s2", "s3"]
    for sentence in article.sentences:
        assert article.body[sentence.start:sentence.end] == sentence.text
    assert article.sentence("s24").text.startswith("据悉")
    assert article.paragraph_of("s24").index == 5
    assert load_path(seed_path).sentences == article.sentences  # same text, same ids


def test_article_is_immutable(seed_path: Path) -> None:
    article = load_path(seed_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "x"  # type: ignore[misc]


def test_damaged_json_is_refused(seed_path: Path) -> None:
    data = json.loads(load_path(seed_path).to_json())
    data["paragraphs"][0]["sentences"][0]["start"] += 3
    with pytest.raises(InputError, match="does not match"):
        Article.from_dict(data)
    with pytest.raises(InputError):
        Article.from_json("{not json")
    with pytest.raises(InputError):
        Article.from_dict({"title": "x"})
