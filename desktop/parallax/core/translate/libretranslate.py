"""Translation on a LibreTranslate server (the Argos authors' own server).

`POST /translate` with `q` as a list of sentences (one request per batch, `concurrency` batches
in flight), `source`, `target`, `format: text` and the optional `api_key`; `GET /languages`
lists what the server can translate. Newer servers name Chinese `zh-Hans`/`zh-Hant`, older
ones `zh`/`zt`: the engine asks for whichever code the server lists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from parallax.core.errors import LanguagePairError
from parallax.core.language import base_language
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import ItemTranslator, LanguagePair, check_count
from parallax.core.translate.prompting import fallback
from parallax.core.translate.server import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT_S,
    HttpClient,
    ServerReplyError,
    api_key_from_env,
    check_concurrency,
    is_json,
    parse_server,
    plain,
    run_bounded,
)

ENGINE_NAME = "libretranslate"
DEFAULT_BATCH = 16
MAX_BATCH = 256
# Server code -> our base code, for the codes that are not already base codes.
_CODE_ALIASES = {"zh-hans": "zh", "zh-cn": "zh", "zt": "zh-Hant", "zh-hant": "zh-Hant",
                 "zh-tw": "zh-Hant"}


def _our_code(code: str) -> str:
    return _CODE_ALIASES.get(code.lower(), base_language(code))


class LibreTranslateEngine(ItemTranslator):
    """The `Engine` for a LibreTranslate server."""

    uses_context = False

    def __init__(
        self,
        server: str,
        *,
        api_key_env: str | None = None,
        api_key: str | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float = DEFAULT_TIMEOUT_S,
        batch_size: int = DEFAULT_BATCH,
        allow_insecure: bool = False,
    ) -> None:
        self.address = parse_server(server, allow_insecure)
        self.concurrency = check_concurrency(concurrency)
        self.batch_size = check_count("The batch size", batch_size, 1, MAX_BATCH)
        key = api_key if api_key is not None else api_key_from_env(api_key_env)
        self._api_key = key or None  # `api_key`: the GUI's, from memory or the OS keyring
        self._client = HttpClient(self.address, None, timeout)  # the key travels in the body
        self._codes: dict[str, str] | None = None  # our code -> the server's
        self._targets: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LibreTranslateEngine({self.address.url!r})"

    @property
    def name(self) -> str:
        return ENGINE_NAME

    @property
    def version(self) -> str:
        return f"{ENGINE_NAME}:{self.address.url}"

    @property
    def is_gloss(self) -> bool:
        return False

    @property
    def server_url(self) -> str:
        return self.address.url

    @property
    def model_name(self) -> str:
        return ""

    def languages(self) -> list[dict[str, Any]]:
        """`GET /languages`: [{"code", "name", "targets"}], as the server sends it."""
        status, reply = self._client.call("GET", "/languages")
        if status != 200:
            raise self._client.failure(status, reply)
        if not is_json(reply) or not isinstance(reply, list):
            raise ServerReplyError(f"The LibreTranslate server at {self.address.url} sent a "
                                   "language list that is not LibreTranslate's format.")
        return [entry for entry in reply if isinstance(entry, dict)
                and isinstance(entry.get("code"), str)]

    def _load_languages(self) -> None:
        if self._codes is not None:
            return
        codes: dict[str, str] = {}
        targets: dict[str, set[str]] = {}
        for entry in self.languages():
            code = str(entry["code"])
            ours = _our_code(code)
            codes.setdefault(ours, code)
            listed = entry.get("targets")
            if isinstance(listed, list):
                targets[ours] = {_our_code(str(t)) for t in listed if isinstance(t, str)}
        self._codes, self._targets = codes, targets

    def pairs(self) -> list[LanguagePair]:
        with self._lock:
            self._load_languages()
            codes = self._codes or {}
            return sorted(LanguagePair(s, t) for s in codes for t in codes
                          if s != t and t in self._targets.get(s, set(codes)))

    def has_pair(self, source: str, target: str) -> bool:
        return LanguagePair(_our_code(source), _our_code(target)) in self.pairs()

    def translate_items(
        self,
        items: Sequence[tuple[str, str | None]],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        on_result: Callable[[int, str], None] | None = None,
    ) -> list[str]:
        """Sentences (contexts are not used) in batches of `batch_size`."""
        if not self.has_pair(source, target):
            raise LanguagePairError(
                f"The LibreTranslate server at {self.address.url} does not translate "
                f"{_our_code(source)}->{_our_code(target)}."
            )
        codes = self._codes or {}
        src, tgt = codes[_our_code(source)], codes[_our_code(target)]
        sentences = [text for text, _context in items]
        batches = [list(range(i, min(i + self.batch_size, len(sentences))))
                   for i in range(0, len(sentences), self.batch_size)]
        outputs: list[str] = list(sentences)
        total = len(sentences)
        done = 0
        if on_progress is not None:
            on_progress(0, total)

        def finished(batch_index: int, texts: list[str]) -> None:
            nonlocal done
            for index, text in zip(batches[batch_index], texts, strict=True):
                outputs[index] = text
                done += 1
                if on_result is not None:
                    on_result(index, text)
            if on_progress is not None:
                on_progress(done, total)

        def work(batch: list[int]) -> list[str]:
            return self._batch([sentences[i] for i in batch], src, tgt)

        run_bounded(batches, work, self.concurrency, self._client, cancel, finished)
        return outputs

    def _batch(self, texts: list[str], source: str, target: str) -> list[str]:
        wanted = [i for i, t in enumerate(texts) if t.strip()]
        results = list(texts)
        if not wanted:
            return results
        payload: dict[str, Any] = {"q": [texts[i] for i in wanted], "source": source,
                                   "target": target, "format": "text"}
        if self._api_key:
            payload["api_key"] = self._api_key
        status, reply = self._client.call("POST", "/translate", payload)
        if status != 200:
            raise self._client_failure(status, reply)
        translated = reply.get("translatedText") if isinstance(reply, dict) else None
        if isinstance(translated, str) and len(wanted) == 1:
            translated = [translated]
        if (not isinstance(translated, list) or len(translated) != len(wanted)
                or not all(isinstance(t, str) for t in translated)):
            raise ServerReplyError(f"The LibreTranslate server at {self.address.url} sent a "
                                   "reply that does not match the sentences sent.")
        for index, text in zip(wanted, translated, strict=True):
            cleaned = plain(text, 100_000)
            results[index] = cleaned if cleaned.strip() else fallback(texts[index])
        return results

    def _client_failure(self, status: int, reply: Any) -> Exception:
        error = self._client.failure(status, reply)
        if self._api_key:
            return type(error)(str(error).replace(self._api_key, "***"))
        return error
