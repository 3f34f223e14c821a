"""Translation with a local LLM (a GGUF model run in-process by llama.cpp through xllamacpp).

One prompt per sentence, carrying the previous sentence (and its translation) as context and
the glossary terms that occur in the sentence. Greedy decoding, output bounded by the input's
length, and cleaned of the chatter instruction models add. Every input gets exactly one output:
a sentence the model fails on comes back as its source text behind `UNTRANSLATED_MARK`.
Output is streamed, so a cancel stops the sentence being generated, not only the next one.

Nothing here imports xllamacpp until a model is loaded, so the app runs without the extra.
llama.cpp's server core also opens an HTTP listener; it is bound to 127.0.0.1 on a random port
and locked with a random API key, and Parallax itself never uses it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from parallax.core.errors import Cancelled, LanguagePairError, ModelPackageError, TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import (
    MAX_CONTEXT_LENGTH,
    LanguagePair,
    check_count,
    max_threads,
)
from parallax.core.translate.gguf_models import (
    GgufInfo,
    GgufModel,
    check_fits_memory,
    find_gguf_by_path,
    get_gguf,
    inspect_gguf,
    sha256_file,
)
from parallax.core.translate.glossary import (
    Glossary,
    GlossaryMiss,
    active_glossary,
    check_glossary,
    fingerprint,
    prompt_lines,
)

log = logging.getLogger(__name__)

ENGINE_NAME = "llm"
INSTALL_HINT = "pip install parallax[llm]"
UNTRANSLATED_MARK = "[untranslated] "
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English", "ru": "Russian"}
DEFAULT_CONTEXT = 4096
MAX_OUTPUT_TOKENS = 1024
GLOSSARY_PAIR = LanguagePair("zh", "en")
PROMPT_VERSION = 1  # bump when the prompt or the cleaning changes: cached results then differ


def available() -> tuple[bool, str]:
    """Whether the binding is installed; the reason (with the install hint) when it is not."""
    if importlib.util.find_spec("xllamacpp") is None:
        return False, f"Local LLM translation is not installed. Install it with: {INSTALL_HINT}"
    if importlib.util.find_spec("gguf") is None:
        return False, f"The GGUF reader is missing. Install it with: {INSTALL_HINT}"
    return True, "llama.cpp (xllamacpp) is installed"


def default_threads() -> int:
    # Half the cores: translation runs beside the GUI and the user's other work.
    return max(1, (os.cpu_count() or 2) // 2)


def max_tokens_for(sentence: str, source: str) -> int:
    """Output budget relative to input length: a runaway model stops, a long sentence fits."""
    # One hanzi becomes 1-2 English tokens; alphabetic text runs about 4 characters a token.
    budget = 3 * len(sentence) + 32 if source == "zh" else len(sentence) // 2 + 32
    return min(budget, MAX_OUTPUT_TOKENS)


@dataclass(frozen=True)
class LlmSettings:
    threads: int = field(default_factory=default_threads)
    context_length: int = DEFAULT_CONTEXT
    # The shipped glossary merged with the user's; None for no glossary at all.
    glossary: Glossary | None = field(default_factory=active_glossary)


class LlmEngine:
    """The `Engine` for a local GGUF model. Load happens on first use, on the calling worker."""

    def __init__(self, model: GgufModel | Path, settings: LlmSettings | None = None) -> None:
        if isinstance(model, GgufModel):
            self._path = model.path
            self._sha256: str | None = model.sha256
            self._registered_size: int | None = model.size
        else:
            self._path = Path(model).expanduser().resolve()
            registered = find_gguf_by_path(self._path)
            self._sha256 = registered.sha256 if registered else None
            self._registered_size = registered.size if registered else None
        settings = settings or LlmSettings()
        check_count("The thread count (0: automatic)", settings.threads, 0, max_threads())
        if settings.threads == 0:
            settings = replace(settings, threads=default_threads())
        self.settings = settings
        check_count("The context length", self.settings.context_length, 256, MAX_CONTEXT_LENGTH)
        self._server: Any = None
        self._info: GgufInfo | None = None
        self._use_chat = False
        self._lock = threading.Lock()
        # Per call: glossary misses (sentence_index set) and the indexes that fell back.
        self.last_glossary_misses: list[GlossaryMiss] = []
        self.last_fallbacks: list[int] = []

    @classmethod
    def from_name(cls, name: str, settings: LlmSettings | None = None) -> LlmEngine:
        """The engine for a model registered with `add_gguf` (see `list_gguf`)."""
        return cls(get_gguf(name), settings)

    # -- Engine protocol -------------------------------------------------------------------

    @property
    def name(self) -> str:
        return ENGINE_NAME

    @property
    def version(self) -> str:
        """`llm:<file>@sha256:<first 12> prompt:<n>[ glossary:<digest>]`.

        Hashing an unregistered file happens once per engine.
        """
        if self._sha256 is None:
            self._sha256 = sha256_file(self._path)
        version = f"{ENGINE_NAME}:{self._path.name}@sha256:{self._sha256[:12]}"
        version += f" prompt:{PROMPT_VERSION}"
        if self.settings.glossary:
            version += f" glossary:{fingerprint(self.settings.glossary)}"
        return version

    @property
    def is_gloss(self) -> bool:
        return False

    @property
    def model_path(self) -> Path:
        return self._path

    def pairs(self) -> list[LanguagePair]:
        codes = list(LANGUAGE_NAMES)
        return [LanguagePair(s, t) for s in codes for t in codes if s != t]

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        pair = LanguagePair(source, target)
        if pair not in self.pairs():
            raise LanguagePairError(
                f"The local LLM engine translates between {', '.join(LANGUAGE_NAMES.values())}; "
                f"{pair} is not one of its pairs."
            )
        with self._lock:
            self._ensure_loaded()
            return self._translate_all(list(sentences), pair, on_progress, cancel)

    def close(self) -> None:
        """Free the model (the next translation loads it again)."""
        with self._lock:
            self._server = None

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Load now (on a worker thread) instead of on the first translation."""
        with self._lock:
            self._ensure_loaded()

    def _ensure_loaded(self) -> None:
        if self._server is not None:
            return
        ok, reason = available()
        if not ok:
            raise TranslationError(reason)
        info = inspect_gguf(self._path)
        size = self._path.stat().st_size
        if self._registered_size is not None and size != self._registered_size:
            # The recorded hash would name a different file in every workspace it goes into.
            raise ModelPackageError(
                f"{self._path.name} has changed since it was added ({self._registered_size:,} "
                f"bytes then, {size:,} now). Add it again with: parallax models add-gguf "
                f"{self._path}"
            )
        check_fits_memory(self._path, size)
        context = self.settings.context_length
        if info.context_length:
            context = min(context, info.context_length)
        use_chat = bool(info.chat_template)
        try:
            self._server = self._start_server(context, template_override=None)
        except Exception as exc:  # llama.cpp reports load failures as a bare RuntimeError
            if not use_chat:
                raise self._load_error(info) from exc
            # A template llama.cpp cannot parse stops the whole load. Such a model still works
            # with a plain prompt; the override only gets it past that check.
            log.warning("chat template of %s not usable; using a plain prompt", self._path.name)
            use_chat = False
            try:
                self._server = self._start_server(context, template_override="chatml")
            except Exception as retry_exc:
                raise self._load_error(info) from retry_exc
        self._info = info
        self._use_chat = use_chat
        log.info(
            "loaded %s (%s, ctx %d, %d threads, chat template: %s)",
            self._path.name, info.architecture, context, self.settings.threads, use_chat,
        )

    def _start_server(self, context: int, template_override: str | None) -> Any:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(self._path)
        params.n_ctx = context
        params.n_parallel = 1
        params.cpuparams.n_threads = self.settings.threads
        params.cpuparams_batch.n_threads = self.settings.threads
        params.sampling.temp = 0.0  # greedy: the same input always gives the same output
        params.sampling.seed = 0
        params.warmup = False
        params.verbosity = -1
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.api_keys = [secrets.token_hex(24)]
        if template_override:
            params.chat_template = template_override
        return xllamacpp.Server(params)

    def _load_error(self, info: GgufInfo) -> ModelPackageError:
        return ModelPackageError(
            f"llama.cpp could not load {self._path.name} ({info.architecture}). The model may "
            "use an architecture this version does not support, or be damaged."
        )

    # -- translation -----------------------------------------------------------------------

    def _translate_all(
        self,
        sentences: list[str],
        pair: LanguagePair,
        on_progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> list[str]:
        total = len(sentences)
        results: list[str] = []
        misses: list[GlossaryMiss] = []
        fallbacks: list[int] = []
        self.last_glossary_misses = misses
        self.last_fallbacks = fallbacks
        glossary = self._glossary_for(pair)
        if on_progress is not None:
            on_progress(0, total)
        previous: tuple[str, str] | None = None
        for index, sentence in enumerate(sentences):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=results)
            output = self._translate_one(sentence, previous, pair, cancel)
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=results)
            if output is None:
                fallbacks.append(index)
                output = UNTRANSLATED_MARK + sentence
                previous = None  # do not feed a failure back as context
            else:
                previous = (sentence, output)
                if glossary is not None:
                    misses.extend(
                        GlossaryMiss(m.source, m.expected, index)
                        for m in check_glossary(sentence, output, glossary)
                    )
            results.append(output)
            if on_progress is not None:
                on_progress(index + 1, total)
        return results

    def _translate_one(
        self,
        sentence: str,
        previous: tuple[str, str] | None,
        pair: LanguagePair,
        cancel: CancelToken | None,
    ) -> str | None:
        """The cleaned translation, or None when the model gave nothing usable."""
        if not sentence.strip():
            return sentence
        glossary = self._glossary_for(pair)
        terms = glossary.terms_in(sentence) if glossary else []
        request = build_request(
            sentence, previous, pair, prompt_lines(terms),
            chat=self._use_chat,
        )
        request["max_tokens"] = max_tokens_for(sentence, pair.source)
        request["temperature"] = 0.0
        request["seed"] = 0
        text = self._generate(request, cancel)
        if text is None:
            return None
        cleaned = clean_output(text)
        return cleaned if is_usable(cleaned, sentence, pair.target) else None

    def _glossary_for(self, pair: LanguagePair) -> Glossary | None:
        # The glossary maps Chinese terms to English ones; other pairs cannot use it.
        return self.settings.glossary if pair == GLOSSARY_PAIR else None

    def _generate(self, request: dict[str, Any], cancel: CancelToken | None) -> str | None:
        """Stream one completion, stopping early when `cancel` fires; None on a failure.

        Streaming is what lets a cancel interrupt a long generation instead of waiting for it.
        """
        chat = "messages" in request
        pieces: list[str] = []
        failure: list[str] = []

        def on_chunk(chunk: Any) -> bool:
            # Exceptions raised here would be swallowed by the binding: record, then stop.
            try:
                if isinstance(chunk, dict) and "error" in chunk:
                    failure.append(str(chunk["error"]))
                    return True
                choice = chunk["choices"][0]
                piece = (choice.get("delta") or {}).get("content") if chat else choice.get("text")
                if isinstance(piece, str):
                    pieces.append(piece)
            except Exception as exc:
                failure.append(f"unexpected chunk {chunk!r:.200}: {exc}")
                return True
            return cancel is not None and cancel.cancelled

        request["stream"] = True
        try:
            if chat:
                self._server.handle_chat_completions(request, on_chunk)
            else:
                self._server.handle_completions(request, on_chunk)
        except Exception as exc:  # a failing sentence must not take the others down
            failure.append(str(exc))
        if cancel is not None and cancel.cancelled:
            return None  # the caller raises Cancelled; this sentence is not finished
        if failure:
            log.warning("llama.cpp failed on a sentence: %s", failure[0])
            return None
        return "".join(pieces)


def build_request(
    sentence: str,
    previous: tuple[str, str] | None,
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
    if previous is not None:
        parts.append(
            f"Previous sentence, for context only (do not translate it again):\n{previous[0]}\n"
            f"Its translation: {previous[1]}"
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
