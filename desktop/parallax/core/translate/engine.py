"""The one interface every translation engine offers (Argos, dictionary gloss, local LLM).

The comparison engine, the CLI and the UI use only this protocol.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from parallax.core.errors import TranslationError
from parallax.core.progress import CancelToken, ProgressCallback

# Upper bounds on engine settings: beyond them nothing gets better and a typo gets dangerous
# (`--threads 100000` crashed CTranslate2, `--beam 100000` took 22 GB).
MAX_BEAM_SIZE = 16
MAX_BATCH_SIZE = 1024
MAX_CONTEXT_LENGTH = 131_072
MAX_TIMEOUT_S = 3600.0
# Padded source tokens per model batch (sentences x the longest): large enough to amortise each
# decoding step over many sentences, small enough that a batch's activations stay in cache.
MAX_BATCH_TOKENS = 1024


def max_threads() -> int:
    """At most four threads per core."""
    return (os.cpu_count() or 1) * 4


def plan_batches(lengths: Sequence[int], max_sentences: int,
                 max_tokens: int = MAX_BATCH_TOKENS, min_batches: int = 1) -> list[list[int]]:
    """Indices of `lengths` in batches of similar length, longest first.

    Sorting keeps padding (and the decoding cap, which follows the input length) small; the
    longest go first so that parallel workers end together. Each batch holds at most
    `max_sentences`, and more than one sentence only while sentences x the longest stays within
    `max_tokens`; with enough sentences there are at least `min_batches`, one per worker.
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])  # stable: ties keep order
    per_batch = max(1, min(max_sentences, -(-len(order) // max(1, min_batches))))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        # Descending order: the batch's first sentence is its longest.
        if current and (len(current) >= per_batch
                        or (len(current) + 1) * lengths[current[0]] > max_tokens):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def check_count(what: str, value: object, low: int, high: int) -> int:
    """`value` as an int in [low, high], or a one-line `TranslationError` naming the range."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TranslationError(f"{what} must be a whole number from {low} to {high} "
                               f"(got {str(value)[:20]}).")
    return value


def check_seconds(what: str, value: object, high: float = MAX_TIMEOUT_S) -> float:
    """A positive, finite number of seconds up to `high`, or a one-line `TranslationError`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            math.isfinite(value) and 0 < value <= high):
        raise TranslationError(f"{what} must be a number of seconds above 0 and at most "
                               f"{high:g} (got {str(value)[:20]}).")
    return float(value)


@dataclass(frozen=True, order=True)
class LanguagePair:
    source: str  # base codes as models use them: "zh", "en", "ru"
    target: str

    def __str__(self) -> str:
        return f"{self.source}->{self.target}"

    @classmethod
    def parse(cls, text: str) -> LanguagePair:
        """`zh-en`, `zh->en`, `zh_en` or `zh:en`."""
        for sep in ("->", "_", ":", "-"):
            if sep in text:
                source, target = text.split(sep, 1)
                if source and target:
                    return cls(source.strip().lower(), target.strip().lower())
        raise ValueError(f"not a language pair: {text!r} (write it as zh-en)")


@runtime_checkable
class Engine(Protocol):
    """A translation engine. Implementations must be safe to call from one worker thread."""

    @property
    def name(self) -> str:
        """Short id: `argos`, `gloss`, `llm`."""
        ...

    @property
    def version(self) -> str:
        """Everything needed to reproduce a result: engine, model and its version or hash."""
        ...

    @property
    def is_gloss(self) -> bool:
        """True when the output is a word-by-word gloss, not a translation."""
        ...

    def pairs(self) -> list[LanguagePair]:
        """The language pairs this engine can translate right now."""
        ...

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        """One output per input, in order. Raises `LanguagePairError` for an unknown pair and
        `Cancelled` when `cancel` fires (results finished so far are kept by the caller's cache)."""
        ...


class ItemTranslator:
    """Base of the engines whose unit of work is a (sentence, context) item (the LLM, the
    OpenAI-compatible and LibreTranslate servers): `translate` pairs each sentence with the
    one before it when `uses_context`, and hands the items to `translate_items`."""

    uses_context = False

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        items = [(s, sentences[i - 1] if self.uses_context and i else None)
                 for i, s in enumerate(sentences)]
        return self.translate_items(items, source, target, on_progress, cancel)

    def translate_items(
        self,
        items: Sequence[tuple[str, str | None]],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        raise NotImplementedError
