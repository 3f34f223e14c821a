"""The one interface every translation engine offers (Argos, dictionary gloss, local LLM).

The comparison engine, the CLI and the UI use only this protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from parallax.core.progress import CancelToken, ProgressCallback


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
