"""Translation with a local LLM (a GGUF model run in-process by llama.cpp through xllamacpp).

One prompt per sentence, carrying the glossary terms that occur in it (the prompt, cleaning
and checks are `prompting.py`'s, shared with the server engine). Greedy decoding, output
bounded by the input's length, cleaned of the chatter instruction models add, and asked once
more when Chinese is left in it or a headline grew a sentence. Every input gets exactly one
output: a sentence the model fails on comes back as its source text behind `UNTRANSLATED_MARK`.
Output is streamed, so a cancel stops the sentence being generated, not only the next one.

Nothing here imports xllamacpp until a model is loaded, so the app runs without the extra.
llama.cpp's server core also opens an HTTP listener; it is bound to 127.0.0.1 on a random port
and locked with a random API key, and Parallax itself never uses it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from parallax.core.errors import Cancelled, LanguagePairError, ModelPackageError, TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import (
    MAX_CONTEXT_LENGTH,
    ItemTranslator,
    LanguagePair,
    check_count,
    max_threads,
)
from parallax.core.translate.gguf_models import (
    DEFAULT_CONTEXT_LENGTH,
    GgufInfo,
    GgufModel,
    check_fits_memory,
    context_for,
    file_sha256,
    find_gguf_by_path,
    get_gguf,
    inspect_gguf,
)
from parallax.core.translate.glossary import (
    Glossary,
    GlossaryMiss,
    active_glossary,
    check_glossary,
    fingerprint,
)
from parallax.core.translate.prompting import (
    GLOSSARY_PAIR,
    LANGUAGE_NAMES,
    MAX_OUTPUT_TOKENS,
    PROMPT_VERSION,
    SEND_CONTEXT,
    UNTRANSLATED_MARK,
    build_request,
    clean_output,
    fallback,
    finish,
    follow_up,
    glossary_for,
    is_usable,
    llm_pairs,
    max_tokens_for,
    sentence_request,
    settle,
)

__all__ = [
    "DEFAULT_CONTEXT", "ENGINE_NAME", "GLOSSARY_PAIR", "INSTALL_HINT", "LANGUAGE_NAMES",
    "MAX_OUTPUT_TOKENS", "PROMPT_VERSION", "UNTRANSLATED_MARK", "LlmEngine", "LlmSettings",
    "available", "build_request", "clean_output", "default_threads", "is_usable",
    "max_tokens_for",
]

log = logging.getLogger(__name__)

ENGINE_NAME = "llm"
INSTALL_HINT = "pip install parallax[llm]"
DEFAULT_CONTEXT = DEFAULT_CONTEXT_LENGTH


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


@dataclass(frozen=True)
class LlmSettings:
    threads: int = field(default_factory=default_threads)
    context_length: int = DEFAULT_CONTEXT
    # The shipped glossary merged with the user's; None for no glossary at all.
    glossary: Glossary | None = field(default_factory=active_glossary)


class LlmEngine(ItemTranslator):
    """The `Engine` for a local GGUF model. Load happens on first use, on the calling worker."""

    def __init__(self, model: GgufModel | Path, settings: LlmSettings | None = None) -> None:
        if isinstance(model, GgufModel):
            self._path = model.path
            self._sha256: str | None = model.sha256
            self._registered_size: int | None = model.size
            self._registered_name = model.name
        else:
            self._path = Path(model).expanduser().resolve()
            registered = find_gguf_by_path(self._path)
            self._sha256 = registered.sha256 if registered else None
            self._registered_size = registered.size if registered else None
            self._registered_name = registered.name if registered else ""
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

        An unregistered file is hashed once (remembered by path, size and time).
        """
        version = f"{ENGINE_NAME}:{self._path.name}@sha256:{self.sha256[:12]}"
        version += f" prompt:{PROMPT_VERSION}"
        if self.settings.glossary:
            version += f" glossary:{fingerprint(self.settings.glossary)}"
        return version

    @property
    def is_gloss(self) -> bool:
        return False

    # Whether the prompt holds the previous sentence (callers then pass it to `translate_items`).
    uses_context = SEND_CONTEXT

    @property
    def model_path(self) -> Path:
        return self._path

    @property
    def sha256(self) -> str:
        """The model file's SHA-256 (the registry's, else hashed once)."""
        if self._sha256 is None:
            self._sha256 = file_sha256(self._path)
        return self._sha256

    def model_identity(self, source: str, target: str) -> tuple[str, str]:
        """(model name, model version) for the record: the file's full SHA-256."""
        return self.model_name, f"sha256:{self.sha256}"

    @property
    def model_name(self) -> str:
        """The name it is registered under, else the file's name."""
        return self._registered_name or self._path.name

    @property
    def glossary(self) -> Glossary | None:
        return self.settings.glossary

    def pairs(self) -> list[LanguagePair]:
        return llm_pairs()

    def translate_items(
        self,
        items: Sequence[tuple[str, str | None]],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        on_result: Callable[[int, str], None] | None = None,
    ) -> list[str]:
        """(sentence, context) pairs -> one output each; `on_result(index, output)` as each
        one is done, so the caller can keep finished work whatever happens next."""
        pair = LanguagePair(source, target)
        if pair not in self.pairs():
            raise LanguagePairError(
                f"The local LLM engine translates between {', '.join(LANGUAGE_NAMES.values())}; "
                f"{pair} is not one of its pairs."
            )
        with self._lock:
            self._ensure_loaded()
            return self._translate_all(list(items), pair, on_progress, cancel, on_result)

    def generate(self, request: dict[str, Any]) -> str | None:
        """One raw completion of `request` (chat `messages`, or a `prompt`), with no prompt of
        Parallax's, no cleaning and no checks: a plain baseline to measure the engine against
        (bench/llm_quality.py). None when llama.cpp fails."""
        with self._lock:
            self._ensure_loaded()
            return self._generate(dict(request), None)

    @property
    def uses_chat(self) -> bool:
        """Whether requests go through the model's chat template (known once loaded)."""
        return self._use_chat

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
        context = context_for(info, self.settings.context_length)
        check_fits_memory(self._path, size, info, context)
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
        items: list[tuple[str, str | None]],
        pair: LanguagePair,
        on_progress: ProgressCallback | None,
        cancel: CancelToken | None,
        on_result: Callable[[int, str], None] | None = None,
    ) -> list[str]:
        total = len(items)
        results: list[str] = []
        misses: list[GlossaryMiss] = []
        fallbacks: list[int] = []
        self.last_glossary_misses = misses
        self.last_fallbacks = fallbacks
        glossary = glossary_for(self.settings.glossary, pair)
        if on_progress is not None:
            on_progress(0, total)
        for index, (sentence, context) in enumerate(items):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=results)
            output = self._translate_one(sentence, context, pair, cancel)
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=results)
            if output is None:
                fallbacks.append(index)
                output = fallback(sentence)
            elif glossary is not None:
                misses.extend(
                    GlossaryMiss(m.source, m.expected, index)
                    for m in check_glossary(sentence, output, glossary)
                )
            results.append(output)
            if on_result is not None:
                on_result(index, output)
            if on_progress is not None:
                on_progress(index + 1, total)
        return results

    def _translate_one(
        self,
        sentence: str,
        context: str | None,
        pair: LanguagePair,
        cancel: CancelToken | None,
    ) -> str | None:
        """The cleaned translation, or None when the model gave nothing usable."""
        if not sentence.strip():
            return sentence
        request = sentence_request(sentence, context, pair, self.settings.glossary,
                                   chat=self._use_chat)
        text = self._generate(request, cancel)
        if text is None and not (cancel and cancel.cancelled):
            # llama.cpp refused the request (most often: it does not fit the context window):
            # the sentence alone, without the context and the worked examples, may still fit.
            smallest = sentence_request(sentence, None, pair, self.settings.glossary,
                                        chat=self._use_chat, examples=False)
            if smallest != request:
                request = smallest
                text = self._generate(request, cancel)
        if text is None:
            return None
        output = finish(text, sentence, pair)
        retry = None if output is None else follow_up(request, output, sentence, pair)
        if output is None or retry is None:
            return output
        second = self._generate(retry, cancel)
        if cancel is not None and cancel.cancelled:
            return None
        return settle(output, None if second is None else finish(second, sentence, pair),
                      sentence, pair)

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
