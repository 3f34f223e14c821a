"""A user glossary of zh -> en terms: applied in the LLM prompt and checked after translation.

File format (UTF-8 TSV): one term per line, `source<TAB>target[<TAB>note]`; `target` may list
accepted alternatives separated by `|` (the first is the preferred one, the one the prompt asks
for). Blank lines and lines starting with `#` are ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parallax.core.errors import InputError
from parallax.core.paths import config_dir, resources_dir

DEFAULT_GLOSSARY_NAME = "glossary.zh-en.tsv"
MAX_GLOSSARY_BYTES = 5 * 1024 * 1024  # far beyond any hand-kept glossary


class GlossaryError(InputError):
    """A glossary file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class GlossaryTerm:
    source: str
    targets: tuple[str, ...]  # accepted renderings, preferred first
    note: str = ""

    @property
    def target(self) -> str:
        return self.targets[0]


@dataclass(frozen=True)
class GlossaryMiss:
    """A term whose source is in the sentence but none of whose targets is in the translation."""

    source: str
    expected: str
    sentence_index: int | None = None  # set by the engine; None from a bare check


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...] = ()
    origin: str = ""  # the file it came from, for messages and version strings

    def __len__(self) -> int:
        return len(self.terms)

    def terms_in(self, sentence: str) -> list[GlossaryTerm]:
        """The terms whose source occurs in `sentence`, longest first.

        A shorter term found only inside a longer matched one (法院 inside 国际刑事法院) is
        left out: the longer term already says how that stretch must be translated.
        """
        text = _normalise_source(sentence)
        covered = [False] * len(text)
        found: list[GlossaryTerm] = []
        for term in sorted(self.terms, key=lambda t: len(t.source), reverse=True):
            key = _normalise_source(term.source)
            hit = False
            for match in re.finditer(re.escape(key), text):
                span = range(match.start(), match.end())
                if not all(covered[i] for i in span):
                    hit = True
                    for i in span:
                        covered[i] = True
            if hit:
                found.append(term)
        return found


def parse_glossary(text: str, origin: str = "glossary") -> Glossary:
    """Parse glossary text; raise `GlossaryError` naming the first malformed line."""
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [field.strip() for field in raw.rstrip("\r\n").split("\t")]
        where = f"{origin}, line {number}"
        if len(fields) < 2:
            raise GlossaryError(
                f"{where}: expected 'source<TAB>target', found no tab. "
                "Separate the Chinese term and its translation with a tab character."
            )
        if len(fields) > 3:
            raise GlossaryError(
                f"{where}: too many columns ({len(fields)}); write source, target and an "
                "optional note separated by tabs."
            )
        source, target = fields[0], fields[1]
        note = fields[2] if len(fields) == 3 else ""
        targets = tuple(t.strip() for t in target.split("|") if t.strip())
        if not source or not targets:
            raise GlossaryError(f"{where}: the source term and its translation must not be empty.")
        key = _normalise_source(source)
        if key in seen:
            raise GlossaryError(
                f"{where}: {source} is already defined on line {seen[key]}; keep one entry."
            )
        seen[key] = number
        terms.append(GlossaryTerm(source, targets, note))
    return Glossary(tuple(terms), origin)


def load_glossary(path: Path) -> Glossary:
    """Read a glossary file; every problem is a `GlossaryError` a user can act on."""
    try:
        size = path.stat().st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryError(f"{path}: {size} bytes is too large for a glossary (5 MB at most).")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise GlossaryError(f"Glossary not found: {path}") from exc
    except IsADirectoryError as exc:
        raise GlossaryError(f"{path} is a folder, not a glossary file.") from exc
    except OSError as exc:
        raise GlossaryError(f"Cannot read the glossary {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path} is not UTF-8 text; save the glossary as UTF-8.") from exc
    return parse_glossary(text, origin=str(path))


def default_glossary_path() -> Path:
    return resources_dir() / "lexicons" / DEFAULT_GLOSSARY_NAME


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary shipped with the app (names and institutions from world news)."""
    return load_glossary(default_glossary_path())


def user_glossary_path() -> Path:
    """The user's own glossary; its terms override the shipped ones with the same source."""
    return config_dir() / DEFAULT_GLOSSARY_NAME


def active_glossary() -> Glossary:
    """The shipped glossary merged with the user's, if they keep one.

    A malformed user glossary is a `GlossaryError` naming its line, never silently ignored.
    """
    shipped = default_glossary()
    user_path = user_glossary_path()
    if not user_path.is_file():
        return shipped
    return with_user_terms(shipped, load_glossary(user_path))


def with_user_terms(base: Glossary, user: Glossary) -> Glossary:
    """`base` with `user`'s terms added; a user term replaces a base term of the same source."""
    overridden = {_normalise_source(t.source) for t in user.terms}
    kept = tuple(t for t in base.terms if _normalise_source(t.source) not in overridden)
    return Glossary(user.terms + kept, origin=f"{base.origin}+{user.origin}")


def glossary_with_file(path: Path) -> Glossary:
    """The shipped glossary with the terms of the file the user chose (`--glossary FILE`)."""
    return with_user_terms(default_glossary(), load_glossary(path))


def fingerprint(glossary: Glossary) -> str:
    """A short digest of the terms, so a version string changes when the glossary does."""
    digest = hashlib.sha256()
    for term in glossary.terms:
        digest.update(f"{term.source}\t{'|'.join(term.targets)}\n".encode())
    return digest.hexdigest()[:8]


def check_glossary(
    source_sentence: str, translation: str, glossary: Glossary
) -> list[GlossaryMiss]:
    """Terms whose source appears in the sentence but none of whose targets is in the
    translation (case-insensitive, whole words, whitespace-insensitive)."""
    return [
        GlossaryMiss(term.source, term.target)
        for term in glossary.terms_in(source_sentence)
        if not any(_contains_target(translation, target) for target in term.targets)
    ]


def prompt_lines(terms: Iterable[GlossaryTerm]) -> list[str]:
    """`source = target` lines for the translation prompt."""
    return [f"{term.source} = {term.target}" for term in terms]


def _normalise_source(text: str) -> str:
    # Traditional and Simplified spellings of a term must both match (國際刑事法院).
    import zhconv  # its tables load in ~0.1 s: not on the way to the first window

    return str(zhconv.convert(text, "zh-hans"))


def _contains_target(translation: str, target: str) -> bool:
    words = [re.escape(word) for word in target.split()]
    if not words:
        return False
    last = target.split()[-1]
    if len(last) > 4 and last[-1] in "aey" and last.isalpha():
        # A name's adjective drops its final vowel: Ukraine -> Ukrainian, Russia -> Russian.
        words[-1] = re.escape(last[:-1]) + r"(?:" + re.escape(last[-1]) + r"|i?an\b|ese\b)"
    pattern = r"\s+".join(words)
    # Anchored at the start only: "Putin" must not match inside "Rasputin", but "Putin's" and
    # plural or inflected endings still count as the term being used.
    if target[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    return re.search(pattern, translation, flags=re.IGNORECASE) is not None
