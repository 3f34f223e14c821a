"""The prompt, the output cleaning and the usability test every LLM engine shares.

The in-process engine (`llm.py`, llama.cpp) and the server engine (`openai_engine.py`, any
OpenAI-compatible endpoint) build the same request from the same parts and judge the answer
with the same rules: one module, so a fix reaches both and a cached result means the same.

The prompt holds the sentence, the previous *source* sentence as context (never the previous
translation: then every sentence's prompt is known up front, requests can run in parallel and a
result does not depend on how the article was chunked or what was cached before) and the
glossary terms that occur in the sentence.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.glossary import Glossary, prompt_lines

UNTRANSLATED_MARK = "[untranslated] "
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English", "ru": "Russian"}
MAX_OUTPUT_TOKENS = 1024
GLOSSARY_PAIR = LanguagePair("zh", "en")
# The context's tail, at most: a huge previous sentence must not push the next one out of the
# model's context window.
MAX_CONTEXT_CHARS = 120
# Bump when the prompt or the cleaning changes: cached results then differ.
# 2: the context is the previous source sentence only.
PROMPT_VERSION = 2


def llm_pairs() -> list[LanguagePair]:
    codes = list(LANGUAGE_NAMES)
    return [LanguagePair(s, t) for s in codes for t in codes if s != t]


def max_tokens_for(sentence: str, source: str) -> int:
    """Output budget relative to input length: a runaway model stops, a long sentence fits."""
    # One hanzi becomes 1-2 English tokens; alphabetic text runs about 4 characters a token.
    budget = 3 * len(sentence) + 32 if source == "zh" else len(sentence) // 2 + 32
    return min(budget, MAX_OUTPUT_TOKENS)


def glossary_for(glossary: Glossary | None, pair: LanguagePair) -> Glossary | None:
    """The glossary maps Chinese terms to English ones; other pairs cannot use it."""
    return glossary if pair == GLOSSARY_PAIR else None


def sentence_request(
    sentence: str,
    context: str | None,
    pair: LanguagePair,
    glossary: Glossary | None,
    chat: bool,
) -> dict[str, Any]:
    """The whole request for one sentence: prompt, glossary terms, greedy decoding, budget."""
    used = glossary_for(glossary, pair)
    terms = used.terms_in(sentence) if used else []
    request = build_request(sentence, bounded_context(context), pair, prompt_lines(terms),
                            chat=chat)
    request["max_tokens"] = max_tokens_for(sentence, pair.source)
    request["temperature"] = 0.0
    request["seed"] = 0
    return request


def finish(raw: str, sentence: str, pair: LanguagePair) -> str | None:
    """The cleaned translation, or None when the answer is not usable (the caller falls back)."""
    cleaned = clean_output(raw)
    return cleaned if is_usable(cleaned, sentence, pair.target) else None


def fallback(sentence: str) -> str:
    """What a sentence the engine failed on becomes: its source, visibly marked."""
    return UNTRANSLATED_MARK + sentence


def is_fallback(output: str) -> bool:
    return output.startswith(UNTRANSLATED_MARK)


def with_previous_sentence(sentences: Sequence[str]) -> list[tuple[str, str | None]]:
    """Each sentence with the one before it as its context (the first has none)."""
    return [(s, sentences[i - 1] if i else None) for i, s in enumerate(sentences)]


def bounded_context(context: str | None) -> str | None:
    """What of the previous sentence goes into the prompt: its last `MAX_CONTEXT_CHARS`."""
    if context is None or not context.strip():
        return None
    return context[-MAX_CONTEXT_CHARS:]


def context_key(text: str, context: str | None) -> str:
    """The cache key of a sentence translated with `context` in its prompt."""
    context = bounded_context(context)
    if context is None:
        return text
    digest = hashlib.sha256(context.encode("utf-8")).hexdigest()[:16]
    return f"{text}\n\x1fcontext:{digest}"


def build_request(
    sentence: str,
    context: str | None,
    pair: LanguagePair,
    glossary_lines: Sequence[str],
    chat: bool,
) -> dict[str, Any]:
    """The completion request: chat messages when the model has a template, else a prompt."""
    src = LANGUAGE_NAMES.get(pair.source, pair.source)
    tgt = LANGUAGE_NAMES.get(pair.target, pair.target)
    system = (
        f"You are a professional news translator. Translate the {src} sentence the user gives "
        f"into {tgt}. Reply with the {tgt} translation only: no quotes, no notes, no "
        "explanations, no alternatives."
    )
    parts: list[str] = []
    if context:
        parts.append(
            f"Previous sentence, for context only (do not translate it):\n{context}"
        )
    if glossary_lines:
        parts.append("Use these translations for these terms:\n" + "\n".join(glossary_lines))
    parts.append(f"Translate into {tgt}:\n{sentence}")
    user = "\n\n".join(parts)
    if chat:
        return {
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
            # Reasoning models (Qwen3 and the like) would otherwise think aloud first.
            "chat_template_kwargs": {"enable_thinking": False},
        }
    return {"prompt": f"{system}\n\n{user}\n\n{tgt} translation:", "stop": ["\n\n"]}


# -- output cleaning ---------------------------------------------------------------------------

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_CHATTER_LINE = re.compile(
    r"^\s*(?:sure|certainly|of course|okay|ok)\b.*$"
    r"|^\s*(?:here(?:'s| is| are)\b|below is\b).*(?:translation|translated|version).*$"
    r"|^\s*(?:the\s+)?(?:english|chinese|russian)?\s*translation(?: is)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^\s*(?:\*\*)?(?:(?:english|chinese|russian)\s+)?(?:translation|translated text|"
    r"english|chinese|russian|译文|翻译|перевод)(?:\*\*)?\s*[:：]\s*(?:\*\*)?",
    re.IGNORECASE,
)
_TRAILING_NOTE = re.compile(
    r"\s*[(（]\s*(?:note|translator'?s? note|literally|lit\.|explanation)\b.*$"
    r"|\s*(?:\*\s*)?(?:note|explanation|this translation)\b\s*[:：].*$",
    re.IGNORECASE | re.DOTALL,
)
_NOTE_LINE = re.compile(r"^\s*[(*\[]*\s*(?:note|explanation|this translation|literally)\b", re.I)
_QUOTE_PAIRS = (
    ('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("«", "»"), ("「", "」"), ("『", "』"),
)


def clean_output(text: str) -> str:
    """Strip the chatter instruction models wrap around a translation."""
    text = _THINK.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.replace("\ufffd", "")
    lines = [line.strip() for line in text.splitlines()]
    content = [line for line in lines if line and not _CHATTER_LINE.match(line)]
    if not content:
        return ""
    # One sentence in, one line out: later lines are notes, alternatives or explanations.
    first = content[0]
    if _NOTE_LINE.match(first):
        return ""
    first = _PREFIX.sub("", first, count=1).strip()
    first = _TRAILING_NOTE.sub("", first).strip()
    first = first.strip("*").strip()
    first = _unquote(first)
    return " ".join(first.split())


def _unquote(text: str) -> str:
    while len(text) >= 2 and any(text[0] == a and text[-1] == b for a, b in _QUOTE_PAIRS):
        inner = text[1:-1].strip()
        if any(q in inner for q in ('"', "“", "”")) and text[0] in "\"“":
            break  # quotes inside: the outer pair is probably the sentence's own quotation
        text = inner
    return text


def is_usable(output: str, source_sentence: str, target: str) -> bool:
    """False for empty output, output with no letters or digits, or an untranslated echo."""
    if not any(ch.isalnum() for ch in output):
        return False
    if target != "zh":
        cjk = sum(1 for ch in output if "\u4e00" <= ch <= "\u9fff")
        letters = sum(1 for ch in output if ch.isalpha())
        if letters and cjk / letters > 0.3:
            return False  # the model answered in Chinese or echoed the source
    return output.strip() != source_sentence.strip() or not source_sentence.strip()
