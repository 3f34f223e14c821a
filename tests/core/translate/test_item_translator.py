"""The engines that translate (sentence, context) items share one `translate`."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import ItemTranslator
from parallax.core.translate.libretranslate import LibreTranslateEngine
from parallax.core.translate.llm import LlmEngine
from parallax.core.translate.openai_engine import OpenAIEngine


class Recording(ItemTranslator):
    def __init__(self, uses_context: bool) -> None:
        self.uses_context = uses_context
        self.items: list[tuple[str, str | None]] = []

    def translate_items(self, items: Sequence[tuple[str, str | None]], source: str,
                        target: str, on_progress: ProgressCallback | None = None,
                        cancel: CancelToken | None = None) -> list[str]:
        self.items = list(items)
        return [sentence.upper() for sentence, _ in items]


def test_each_sentence_goes_with_the_one_before_it_when_the_engine_uses_context() -> None:
    with_context = Recording(uses_context=True)
    assert with_context.translate(["a", "b", "c"], "zh", "en") == ["A", "B", "C"]
    assert with_context.items == [("a", None), ("b", "a"), ("c", "b")]
    without = Recording(uses_context=False)
    without.translate(["a", "b"], "zh", "en")
    assert without.items == [("a", None), ("b", None)]


def test_the_item_engines_share_it() -> None:
    for engine in (LlmEngine, OpenAIEngine, LibreTranslateEngine):
        assert issubclass(engine, ItemTranslator)
        assert engine.translate is ItemTranslator.translate
