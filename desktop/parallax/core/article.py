"""The article model: immutable data with a JSON round-trip.

An `Article` keeps its body text exactly as loaded (paragraphs joined by a blank line); every
`Sentence` knows its character span in that body, so views and exports can point back into it.
Sentence ids (`s1`, `s2`, ...) follow document order and are stable for the same text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parallax.core.errors import InputError

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Sentence:
        return cls(str(data["id"]), str(data["text"]), int(data["start"]), int(data["end"]))


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Paragraph:
        return cls(
            int(data["index"]),
            int(data["start"]),
            int(data["end"]),
            tuple(Sentence.from_dict(s) for s in data["sentences"]),
        )


@dataclass(frozen=True)
class Article:
    title: str
    body: str
    paragraphs: tuple[Paragraph, ...]
    lang: str
    outlet: str | None = None
    published: datetime | None = None
    source: str | None = None  # file path or URL it came from
    _index: dict[str, Sentence] = field(default_factory=dict, init=False, repr=False,
                                        compare=False, hash=False)

    def __post_init__(self) -> None:
        index = {s.id: s for p in self.paragraphs for s in p.sentences}
        object.__setattr__(self, "_index", index)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def iter_sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs:
            yield from paragraph.sentences

    def sentence(self, sentence_id: str) -> Sentence:
        try:
            return self._index[sentence_id]
        except KeyError:
            raise KeyError(f"no sentence {sentence_id!r} in {self.title!r}") from None

    def has_sentence(self, sentence_id: str) -> bool:
        return sentence_id in self._index

    def paragraph_of(self, sentence_id: str) -> Paragraph:
        for paragraph in self.paragraphs:
            if any(s.id == sentence_id for s in paragraph.sentences):
                return paragraph
        raise KeyError(sentence_id)

    @property
    def sentence_count(self) -> int:
        return len(self._index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "lang": self.lang,
            "source": self.source,
            "body": self.body,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        try:
            published = data.get("published")
            article = cls(
                title=str(data["title"]),
                body=str(data["body"]),
                paragraphs=tuple(Paragraph.from_dict(p) for p in data["paragraphs"]),
                lang=str(data["lang"]),
                outlet=None if data.get("outlet") is None else str(data["outlet"]),
                published=datetime.fromisoformat(published) if published else None,
                source=None if data.get("source") is None else str(data["source"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"Article data is incomplete or malformed ({exc}).") from exc
        article.validate()
        return article

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Article:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"Article JSON is not valid JSON: {exc.msg}.") from exc
        except RecursionError as exc:
            raise InputError("Article JSON is nested too deeply to read.") from exc
        if not isinstance(data, dict):
            raise InputError("Article JSON must be an object.")
        return cls.from_dict(data)

    def validate(self) -> None:
        """Check that every span points at its text, so a damaged file cannot mislead views."""
        for sentence in self.iter_sentences():
            if self.body[sentence.start:sentence.end] != sentence.text:
                raise InputError(
                    f"Sentence {sentence.id} does not match the article body at "
                    f"{sentence.start}-{sentence.end}."
                )
        if len(self._index) != sum(len(p.sentences) for p in self.paragraphs):
            raise InputError("Sentence ids are not unique.")
