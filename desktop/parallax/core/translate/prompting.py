"""The prompt, the output cleaning and the usability test every LLM engine shares.

The in-process engine (`llm.py`, llama.cpp) and the server engine (`openai_engine.py`, any
OpenAI-compatible endpoint) build the same request from the same parts and judge the answer
with the same rules: one module, so a fix reaches both and a cached result means the same.

The prompt holds the sentence and the glossary terms that occur in it. It can also hold the
previous *source* sentence as context (never the previous translation: then every sentence's
prompt is known up front and requests can run in parallel), but engines leave it out
(`SEND_CONTEXT`): small models translate it into the answer. For zh -> en a few worked
examples (written for Parallax) come first, the same in every request, so llama.cpp reuses them
from its prompt cache and the model sees the shape of the answer: one line, the sentence only,
a headline as a headline. An answer that still holds Chinese, or a headline that grew a second
sentence, gets one second try with a note saying what is wrong (`follow_up`, `settle`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from parallax.core.language import HAN_CHARS
from parallax.core.segment import split_sentences
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.glossary import Glossary, prompt_lines

UNTRANSLATED_MARK = "[untranslated] "
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English", "ru": "Russian"}
MAX_OUTPUT_TOKENS = 1024
GLOSSARY_PAIR = LanguagePair("zh", "en")
# The context's tail, at most: a huge previous sentence must not push the next one out of the
# model's context window.
MAX_CONTEXT_CHARS = 120
# Whether engines put the previous sentence in the prompt (as context, not to be translated).
# Off: on the sample, with a 1.5B model (bench/llm_quality.py), it gained nothing (chrF 63.4 with
# it, 63.9 without; BLEU 31.4, 33.0) and the model translated it into the answer: a word of it
# carried into the next sentence, once the whole previous sentence repeated before the answer.
SEND_CONTEXT = False
# Bump when the prompt or the cleaning changes: cached results then differ.
# 2: the context is the previous source sentence only.
# 3: worked examples, no context (`SEND_CONTEXT`), headlines asked for as headlines, a second
#    try on Chinese left or a headline grown a sentence.
PROMPT_VERSION = 3
# Text ending in none of these is a headline or a fragment, not a sentence.
_SENTENCE_END = "。！？!?.…;；:："
_CLOSERS = "\"'”’」』)）]】》"
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
# A second try shorter than this share of the first answer is a fragment, not a translation.
_WHOLE_SHARE = 0.6


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
    examples: bool = True,
) -> dict[str, Any]:
    """The whole request for one sentence: prompt, glossary terms, greedy decoding, budget.

    `examples=False` leaves the worked examples out: the smallest request, for a model whose
    context window cannot hold them."""
    used = glossary_for(glossary, pair)
    terms = used.terms_in(sentence) if used else []
    request = build_request(sentence, bounded_context(context), pair, prompt_lines(terms),
                            chat=chat, examples=examples)
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


# Worked zh -> en examples, written for Parallax (no article's text): (glossary lines, context,
# source, translation). They show a glossary term used, a context left untranslated and a
# headline kept to one line.
_EXAMPLES_ZH_EN: tuple[tuple[tuple[str, ...], str | None, str, str], ...] = (
    (("世界卫生组织 = World Health Organization",), None,
     "世界卫生组织周二表示,该地区的疫情已得到控制,但仍需保持警惕。",
     "The World Health Organization said on Tuesday that the outbreak in the region had been "
     "brought under control, but that vigilance was still needed."),
    ((), "市政府上周公布了新的公交线路规划。",
     "该规划预计将于明年年初实施,涉及12条线路。",
     "The plan is expected to take effect early next year and covers 12 routes."),
    ((), None,
     "暴雨袭击南部沿海,数万人紧急转移,交通一度中断",
     "Heavy rain hits the southern coast, tens of thousands evacuated, traffic briefly cut"),
)


def is_headline(text: str) -> bool:
    """Text that does not end like a sentence: a headline, a caption, a fragment."""
    stripped = text.strip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] not in _SENTENCE_END


def _user_message(sentence: str, context: str | None, tgt: str,
                  glossary_lines: Sequence[str]) -> str:
    parts: list[str] = []
    if glossary_lines:
        parts.append("Glossary (use these translations):\n" + "\n".join(glossary_lines))
    if context:
        parts.append(f"The text before it, for context only (do not translate it):\n{context}")
    what = "headline (one line)" if is_headline(sentence) else "sentence"
    parts.append(f"Translate this {what} into {tgt}:\n{sentence}")
    return "\n\n".join(parts)


def build_request(
    sentence: str,
    context: str | None,
    pair: LanguagePair,
    glossary_lines: Sequence[str],
    chat: bool,
    examples: bool = True,
) -> dict[str, Any]:
    """The completion request: chat messages when the model has a template, else a prompt."""
    src = LANGUAGE_NAMES.get(pair.source, pair.source)
    tgt = LANGUAGE_NAMES.get(pair.target, pair.target)
    system = (
        f"You are a professional news translator. Translate the {src} text the user gives "
        f"into {tgt}, completely and faithfully: every clause, name and number, nothing added. "
        f"Reply with the {tgt} translation only, on one line: no quotes, no notes, no "
        "explanations, no alternatives. Never translate the context."
    )
    user = _user_message(sentence, context, tgt, glossary_lines)
    if chat:
        messages = [{"role": "system", "content": system}]
        if examples and pair == GLOSSARY_PAIR:
            for lines, example_context, source, translation in _EXAMPLES_ZH_EN:
                messages.append({"role": "user", "content": _user_message(
                    source, example_context, tgt, lines)})
                messages.append({"role": "assistant", "content": translation})
        messages.append({"role": "user", "content": user})
        return {
            "messages": messages,
            # Reasoning models (Qwen3 and the like) would otherwise think aloud first.
            "chat_template_kwargs": {"enable_thinking": False},
        }
    return {"prompt": f"{system}\n\n{user}\n\n{tgt} translation:", "stop": ["\n\n"]}


def follow_up(request: dict[str, Any], output: str, sentence: str,
              pair: LanguagePair) -> dict[str, Any] | None:
    """The second try for a usable answer that is still wrong, None when it is right (or the
    request is a plain prompt, which has no turn to answer in): the conversation so far, the
    answer, and a note saying what to fix."""
    note = _problem(output, sentence, pair)
    if note is None or "messages" not in request:
        return None
    retry = dict(request)
    retry["messages"] = [*request["messages"], {"role": "assistant", "content": output},
                         {"role": "user", "content": note}]
    return retry


def settle(first: str, second: str | None, sentence: str, pair: LanguagePair) -> str:
    """The answer to keep after a second try: the second when it fixed the problem and is
    still a whole translation; else the first, cut to one line for a headline (the added
    sentence goes: the headline itself comes first), with any Chinese left replaced by the
    dictionary's English for it (zh -> en)."""
    kept = first
    if is_headline(sentence) and len(split_sentences(first, pair.target)) > 1:
        start, end = split_sentences(first, pair.target)[0]
        kept = first[start:end].rstrip(". ")
    # A second answer much shorter than the first is a fragment (the model answered with the
    # one word it was told about), not the sentence translated again.
    if (second is not None and _problem(second, sentence, pair) is None
            and len(second) >= _WHOLE_SHARE * len(kept)):
        return second
    if pair == GLOSSARY_PAIR and _HAN_RUN.search(kept):
        kept = _fill_from_dictionary(kept)
    return kept


def _with_gloss(runs: Sequence[str], target: str) -> list[str]:
    """Each run with the dictionary's English for it, a hint the model can use: `防空 (a
    dictionary gives: anti-aircraft defense)`."""
    if target != "en":
        return list(runs)
    from parallax.core.translate.gloss import GlossEngine  # loads CC-CEDICT once: only here

    engine = GlossEngine()
    hinted = []
    for run in runs:
        gloss = engine.gloss(run)
        hinted.append(f"{run} (a dictionary gives: {gloss})" if gloss else run)
    return hinted


def _fill_from_dictionary(text: str) -> str:
    """Each run of Chinese in English text replaced by its dictionary gloss: the last resort for
    a word the model would not translate (the gloss engine's words, CC-CEDICT's senses)."""
    from parallax.core.translate.gloss import GlossEngine  # loads CC-CEDICT once: only here

    engine = GlossEngine()

    def gloss(match: re.Match[str]) -> str:
        english = engine.gloss(match.group())
        if not english:
            return match.group()
        before = " " if match.start() and not text[match.start() - 1].isspace() else ""
        after = " " if match.end() < len(text) and text[match.end()].isalnum() else ""
        return before + english + after

    return _HAN_RUN.sub(gloss, text)


def _problem(output: str, sentence: str, pair: LanguagePair) -> str | None:
    tgt = LANGUAGE_NAMES.get(pair.target, pair.target)
    if pair.target != "zh":
        runs = list(dict.fromkeys(_HAN_RUN.findall(output)))[:5]
        if runs:
            left = ", ".join(_with_gloss(runs, pair.target))
            return (f"Your answer left Chinese untranslated: {left}. Reply with the whole "
                    f"translation again, every word in {tgt}.")
    if is_headline(sentence) and len(split_sentences(output, pair.target)) > 1:
        return ("That is more than the headline says. Reply with the headline only, "
                "translated as one line, nothing added.")
    return None


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
