"""Translation on any OpenAI-compatible server (`/v1/chat/completions`): llama.cpp's
llama-server, vLLM, Ollama, LM Studio, LocalAI, TGI, or a hosted API.

The prompt, glossary, output cleaning and fallback are the in-process LLM engine's
(`prompting.py`); only the transport differs. Up to `concurrency` requests are in flight, each
sentence's prompt being known up front (any context is the previous *source* sentence).
Before the first sentence the engine asks `/models` whether the model exists, so a wrong name
is one clear line instead of N failed requests (servers without that endpoint are trusted).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from parallax.core.errors import InputError, LanguagePairError, TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import ItemTranslator, LanguagePair
from parallax.core.translate.glossary import Glossary, active_glossary, fingerprint
from parallax.core.translate.prompting import (
    LANGUAGE_NAMES,
    PROMPT_VERSION,
    SEND_CONTEXT,
    fallback,
    finish,
    follow_up,
    llm_pairs,
    sentence_request,
    settle,
)
from parallax.core.translate.server import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT_S,
    ContextTooLongError,
    HttpClient,
    ServerModelError,
    ServerReplyError,
    api_key_from_env,
    check_concurrency,
    is_json,
    parse_server,
    plain,
    run_bounded,
)

log = logging.getLogger(__name__)

ENGINE_NAME = "openai"
_DEFAULT = object()


class OpenAIEngine(ItemTranslator):
    """The `Engine` for an OpenAI-compatible chat-completions server."""

    uses_context = SEND_CONTEXT

    def __init__(
        self,
        server: str,
        model: str,
        *,
        api_key_env: str | None = None,
        api_key: str | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float = DEFAULT_TIMEOUT_S,
        glossary: Glossary | object | None = _DEFAULT,
        allow_insecure: bool = False,
    ) -> None:
        if not str(model or "").strip():
            raise InputError("Name the model the server should use (--model NAME).")
        self.address = parse_server(server, allow_insecure)
        self._model = str(model).strip()
        self.concurrency = check_concurrency(concurrency)
        # `api_key`: the GUI's key, held in memory or the OS keyring (never in an argument list).
        key = api_key if api_key is not None else api_key_from_env(api_key_env)
        self._client = HttpClient(self.address, key or None, timeout)
        self._glossary: Glossary | None = (
            active_glossary() if glossary is _DEFAULT else glossary  # type: ignore[assignment]
        )
        self._checked_model = False
        self._model_version: str | None = None  # what `/models` says of it, once asked
        self._send_template_kwargs = True
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OpenAIEngine({self.address.url!r}, {self._model!r})"

    # -- Engine protocol -------------------------------------------------------------------

    @property
    def name(self) -> str:
        return ENGINE_NAME

    @property
    def version(self) -> str:
        version = f"{ENGINE_NAME}:{self.address.url} model:{self._model} prompt:{PROMPT_VERSION}"
        if self._glossary:
            version += f" glossary:{fingerprint(self._glossary)}"
        return version

    @property
    def is_gloss(self) -> bool:
        return False

    @property
    def server_url(self) -> str:
        return self.address.url

    @property
    def model_name(self) -> str:
        return self._model

    @property
    def glossary(self) -> Glossary | None:
        return self._glossary

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
        """(sentence, context) pairs -> one output each, `concurrency` requests at a time."""
        pair = LanguagePair(source, target)
        if pair not in self.pairs():
            raise LanguagePairError(
                f"The openai engine translates between {', '.join(LANGUAGE_NAMES.values())}; "
                f"{pair} is not one of its pairs."
            )
        with self._lock:
            self.check_model()
            total = len(items)
            done = 0
            if on_progress is not None:
                on_progress(0, total)

            def finished(index: int, output: str) -> None:
                nonlocal done
                done += 1
                if on_result is not None:
                    on_result(index, output)
                if on_progress is not None:
                    on_progress(done, total)

            return run_bounded(list(items), lambda item: self._one(item, pair),
                               self.concurrency, self._client, cancel, finished)

    # -- the server ------------------------------------------------------------------------

    def models(self) -> list[str] | None:
        """The model names the server lists, or None when it has no `/models` endpoint."""
        status, reply = self._client.call("GET", "/models", retry=False)
        self._model_version = ""
        if status == 404:
            return None
        if status != 200:
            raise self._client.failure(status, reply)
        data = reply.get("data") if isinstance(reply, dict) else None
        if not isinstance(data, list):
            raise ServerReplyError(f"The translation server at {self.address.url} sent a model "
                                   "list that is not OpenAI's format.")
        names: list[str] = []
        for entry in data:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                mine = [entry["id"]]
                aliases = entry.get("aliases")
                if isinstance(aliases, list):
                    mine += [a for a in aliases if isinstance(a, str)]
                names += mine
                if self._model in mine:
                    self._model_version = reported_version(entry)
        return names

    def model_identity(self, source: str, target: str) -> tuple[str, str]:
        """(model name, what the server reports of the model's version, or ""). Asks `/models`
        only when no translation has asked it yet (everything came from the cache)."""
        if self._model_version is None:
            try:
                self.models()
            except TranslationError as exc:  # the record is informative: never fail on it
                log.info("model version not available from %s: %s", self.address.url, exc)
                self._model_version = ""
        return self._model, self._model_version or ""

    def check_model(self) -> None:
        """Raise `ServerModelError` when the server lists its models and this is not one."""
        if self._checked_model:
            return
        names = self.models()
        if names is not None and self._model not in names:
            offered = ", ".join(plain(n, 60) for n in names[:5]) or "none"
            raise ServerModelError(
                f"The translation server at {self.address.url} has no model named "
                f"{plain(self._model, 80)!r}; it offers: {offered}."
            )
        self._checked_model = True

    def _one(self, item: tuple[str, str | None], pair: LanguagePair,
             examples: bool = True) -> str:
        sentence, context = item
        if not sentence.strip():
            return sentence
        request = sentence_request(sentence, context, pair, self._glossary, chat=True,
                                   examples=examples)
        request["model"] = self._model
        request["stream"] = False
        if not self._send_template_kwargs:
            request.pop("chat_template_kwargs", None)
        status, reply = self._client.call("POST", "/chat/completions", request)
        if status == 400 and "chat_template_kwargs" in request and "chat_template_kwargs" in (
                str(reply)):
            # A server that rejects the extra field (the hosted API does): ask again without.
            self._send_template_kwargs = False
            request.pop("chat_template_kwargs")
            status, reply = self._client.call("POST", "/chat/completions", request)
        if status != 200:
            error = self._client.failure(status, reply, self._model)
            if not (isinstance(error, ContextTooLongError) and (context is not None or examples)):
                raise error
            # Too long with the previous sentence and the worked examples: the sentence alone
            # may still fit.
            return self._one((sentence, None), pair, examples=False)
        text = _content(reply)
        if text is None:
            raise ServerReplyError(
                f"The translation server at {self.address.url} sent a reply that is not an "
                "OpenAI chat completion."
            )
        output = finish(text, sentence, pair)
        if output is None:
            log.info("unusable answer for a sentence; marked untranslated")
            return fallback(sentence)
        retry = follow_up(request, output, sentence, pair)
        if retry is None:
            return output
        # Chinese left, or a headline grown a sentence: one second try (a failed one keeps the
        # first answer, for the checks to flag).
        status, reply = self._client.call("POST", "/chat/completions", retry)
        second = _content(reply) if status == 200 else None
        return settle(output, None if second is None else finish(second, sentence, pair),
                      sentence, pair)


def reported_version(entry: dict[str, Any]) -> str:
    """A model's version as an OpenAI-compatible server's `/models` entry reports it: a
    `digest` where the server gives one, else llama.cpp's `meta` (file type, parameter count,
    weight bytes, training context), else "". Server-sent text, shortened and made plain."""
    digest = entry.get("digest")
    if isinstance(digest, str) and digest.strip():
        return plain(digest, 100)
    meta = entry.get("meta")
    if not isinstance(meta, dict):
        return ""
    parts = []
    for key in ("ftype", "n_params", "size", "n_ctx_train"):
        value = meta.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            parts.append(f"{key}={plain(str(value), 40)}")
    return " ".join(parts)


def _content(reply: Any) -> str | None:
    """choices[0].message.content, or None when the reply does not have it."""
    if not is_json(reply) or not isinstance(reply, dict):
        return None
    choices = reply.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    message = choices[0].get("message")
    if not isinstance(message, dict):
        return None
    content = message.get("content")
    if content is None:
        return ""  # a refusal or an empty answer: the sentence falls back
    return content if isinstance(content, str) else None
