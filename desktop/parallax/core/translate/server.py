"""Talking to a translation server: addresses, the API key, requests, errors, parallel calls.

Shared by the OpenAI-compatible engine and the LibreTranslate engine. Standard library only
(`http.client`, `ssl`, `concurrent.futures`): one connection per request, so a cancel can shut
the sockets of the requests in flight and every worker stops at once.

Privacy rules kept here:
- there is no default server: a server is only ever the one the user named;
- `http://` to a host other than this machine is refused unless the user allows it;
- the API key comes from an environment variable, goes only into the Authorization header (or
  the body field LibreTranslate wants) and is masked in anything a server sends back; the URL
  recorded in workspaces and exports never holds credentials.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import logging
import os
import random
import re
import socket
import ssl
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from parallax import __version__
from parallax.core.errors import Cancelled, InputError, TranslationError
from parallax.core.progress import CancelToken
from parallax.core.translate.engine import MAX_TIMEOUT_S, check_count, check_seconds
from parallax.core.translate.tls import ssl_context

log = logging.getLogger(__name__)

API_KEY_ENV = "PARALLAX_API_KEY"
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 32
DEFAULT_TIMEOUT_S = 120.0
RETRIES = 3  # after the first try, on 429, 5xx and dropped connections
BACKOFF_S = 0.5  # doubled on every retry, with jitter
MAX_BACKOFF_S = 10.0
MAX_REPLY_BYTES = 16 * 1024 * 1024
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")

T = TypeVar("T")
R = TypeVar("R")


class ServerError(TranslationError):
    """A translation server could not do the work; the message says what and where."""


class ServerUnreachableError(ServerError):
    """Nothing answers at the address (refused, unknown host, timed out, connection lost)."""


class ServerTlsError(ServerError):
    """The TLS handshake failed (certificate, protocol)."""


class ServerAuthError(ServerError):
    """401/403: the API key is missing or refused."""


class ServerModelError(ServerError):
    """The server has no model of that name."""


class ServerReplyError(ServerError):
    """The reply is not what the protocol promises."""


class ContextTooLongError(ServerError):
    """The request does not fit the model's context."""


class InsecureServerError(InputError):
    """`http://` to another machine without the user's explicit consent."""


def plain(text: object, limit: int = 200) -> str:
    """Untrusted server text as one plain line: no control characters, bounded length."""
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def is_loopback(host: str) -> bool:
    """This machine: `localhost` or a loopback address (no DNS lookup)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerAddress:
    scheme: str  # "http" or "https"
    host: str
    port: int
    path: str  # base path without a trailing slash ("/v1", "")

    @property
    def url(self) -> str:
        """The address as recorded in workspaces and exports: never holds credentials."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def parse_server(url: str, allow_insecure: bool = False) -> ServerAddress:
    """Check a server URL the user gave; every problem is a one-line `InputError`."""
    text = str(url).strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"Not a server URL: {plain(text, 80)} ({exc}).") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"The server URL must start with http:// or https:// (got "
                         f"{plain(text.split('@')[-1], 80)}).")
    if parts.username is not None or parts.password is not None:
        raise InputError("Do not put credentials in the server URL: set the API key in the "
                         f"{API_KEY_ENV} environment variable instead.")
    host = parts.hostname or ""
    if not host:
        raise InputError(f"The server URL names no host: {plain(text, 80)}.")
    if parts.query or parts.fragment:
        raise InputError("The server URL must not carry a query or fragment; give the base "
                         "address, such as http://127.0.0.1:8080/v1.")
    address = ServerAddress(scheme, host, port or (443 if scheme == "https" else 80),
                            parts.path.rstrip("/"))
    if scheme == "http" and not address.loopback and not allow_insecure:
        raise InsecureServerError(
            f"{address.url} is another machine reached over plain http://: the article text "
            "would cross the network unencrypted. Use https://, or pass --allow-insecure if "
            "this network is trusted."
        )
    return address


def api_key_from_env(variable: str | None) -> str | None:
    """The API key held in `variable` (default `PARALLAX_API_KEY`), or None when unset."""
    name = variable or API_KEY_ENV
    if not _ENV_NAME.fullmatch(name):
        raise InputError(f"Not an environment variable name: {plain(name, 40)}.")
    value = os.environ.get(name, "").strip()
    return value or None


def check_concurrency(value: object) -> int:
    return check_count("The number of requests in flight (--concurrency)", value, 1,
                       MAX_CONCURRENCY)


class HttpClient:
    """JSON over HTTP(S) to one server, with retries, and an abort for requests in flight."""

    def __init__(self, address: ServerAddress, api_key: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, what: str = "translation server") -> None:
        self.address = address
        self._api_key = api_key
        self.timeout = check_seconds("The server timeout", timeout, MAX_TIMEOUT_S)
        self.what = what
        self._active: set[http.client.HTTPConnection] = set()
        self._lock = threading.Lock()
        self.stop = threading.Event()  # set: no new request starts, backoff waits end

    def __repr__(self) -> str:  # never the key
        return f"HttpClient({self.address.url!r})"

    # -- aborting --------------------------------------------------------------------------

    def abort(self) -> None:
        """Stop: shut the sockets of the requests in flight (their workers fail at once)."""
        self.stop.set()
        with self._lock:
            connections = list(self._active)
        for conn in connections:
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def reset(self) -> None:
        self.stop.clear()

    # -- requests --------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        a = self.address
        if a.scheme == "https":
            return http.client.HTTPSConnection(a.host, a.port, timeout=self.timeout,
                                               context=ssl_context())
        return http.client.HTTPConnection(a.host, a.port, timeout=self.timeout)

    def mask(self, text: str) -> str:
        """`text` with the API key masked (servers sometimes echo what they refuse)."""
        return text.replace(self._api_key, "***") if self._api_key else text

    def _once(self, method: str, path: str, body: bytes | None,
              extra_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        # One connection per request (so an abort shuts exactly the requests in flight).
        headers = {"Accept": "application/json", "User-Agent": f"parallax/{__version__}",
                   "Connection": "close"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        headers.update(extra_headers)
        conn = self._connection()
        with self._lock:
            self._active.add(conn)
        try:
            conn.connect()
            # After connecting: an abort either saw this socket (and shut it) or set the flag
            # before this check, so no request can slip past a cancel.
            if self.stop.is_set():
                raise Cancelled()
            conn.request(method, self.address.path + path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read(MAX_REPLY_BYTES + 1)
            if len(data) > MAX_REPLY_BYTES:
                raise self._error(ServerReplyError, "sent a reply over 16 MB")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            with self._lock:
                self._active.discard(conn)
            conn.close()

    def _error(self, kind: type[ServerError], what: str) -> ServerError:
        return kind(f"The {self.what} at {self.address.url} {what}.")

    def call(self, method: str, path: str, payload: Any = None,
             retry: bool = True) -> tuple[int, Any]:
        """(status, parsed JSON or None) after retries on 429/5xx and dropped connections.

        Raises a `ServerError` subclass for what retrying cannot fix, `Cancelled` when
        `abort` was called.
        """
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        attempts = RETRIES + 1 if retry else 1
        last = ""
        for attempt in range(attempts):
            if self.stop.is_set():
                raise Cancelled()
            try:
                status, headers, data = self._once(method, path, body, {})
            except Cancelled:
                raise
            except ssl.SSLError as exc:
                if self.stop.is_set():
                    raise Cancelled() from None
                raise self._error(ServerTlsError, f"failed the TLS handshake "
                                  f"({plain(getattr(exc, 'reason', None) or exc, 120)})") from None
            except (TimeoutError, http.client.HTTPException, OSError) as exc:
                if self.stop.is_set():
                    raise Cancelled() from None
                last = _connection_reason(exc)
                if isinstance(exc, socket.gaierror):
                    raise self._error(ServerUnreachableError,
                                      f"cannot be reached: unknown host ({last})") from None
                if isinstance(exc, TimeoutError):  # waiting again would only double the wait
                    raise self._error(ServerUnreachableError,
                                      f"gave no answer within {self.timeout:g} s") from None
                if attempt + 1 < attempts:
                    self._backoff(attempt, None)
                    continue
                raise self._error(ServerUnreachableError, f"cannot be reached ({last})") \
                    from None
            if status in _RETRY_STATUS and attempt + 1 < attempts:
                last = f"HTTP {status}"
                self._backoff(attempt, headers.get("retry-after"))
                continue
            return status, _parse_json(data)
        raise self._error(ServerUnreachableError, f"kept failing ({last})")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: str | None) -> None:
        delay = min(BACKOFF_S * 2 ** attempt, MAX_BACKOFF_S) * random.uniform(0.8, 1.2)
        if retry_after is not None:
            with contextlib.suppress(ValueError):
                delay = min(max(float(retry_after), delay), MAX_BACKOFF_S)
        if self.stop.wait(delay):
            raise Cancelled()

    def failure(self, status: int, reply: Any, model: str | None = None) -> ServerError:
        """The one-line error for a reply with a non-2xx status."""
        message = self.mask(plain(error_message(reply), 160))
        said = f": {message}" if message else ""
        if status in (401, 403):
            return self._error(ServerAuthError, f"refused the request (HTTP {status}{said}); "
                               f"check the API key in {API_KEY_ENV} or the variable you named")
        if status == 404 and model is not None:
            return self._error(ServerModelError, f"has no model named {plain(model, 80)!r} or "
                               f"no such endpoint (HTTP 404{said})")
        if status == 404:
            return self._error(ServerError, f"has no such endpoint (HTTP 404{said}); check the "
                               "URL")
        if status in (400, 413) and _is_context_error(message):
            return self._error(ContextTooLongError, "says the text is too long for the model's "
                               f"context (HTTP {status}{said})")
        if status in _RETRY_STATUS:
            return self._error(ServerError, f"kept failing (HTTP {status}{said}) after "
                               f"{RETRIES + 1} tries")
        return self._error(ServerError, f"answered HTTP {status}{said}")


def error_message(reply: Any) -> str:
    """The message inside an error reply: OpenAI's {"error": {"message"}}, LibreTranslate's
    {"error": "..."}, or nothing."""
    if isinstance(reply, dict):
        error = reply.get("error", reply.get("detail", reply.get("message")))
        if isinstance(error, dict):
            error = error.get("message", "")
        if isinstance(error, str):
            return error
    return ""


def _is_context_error(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in (
        "context", "too long", "maximum length", "max_tokens", "exceed", "n_ctx", "token limit"))


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8")) if data.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return _NOT_JSON


class _NotJson:
    def __repr__(self) -> str:
        return "<not JSON>"


_NOT_JSON: Any = _NotJson()


def is_json(reply: Any) -> bool:
    return reply is not _NOT_JSON


def _connection_reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError):
        return "no answer before the timeout"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected,
                        BrokenPipeError, ConnectionAbortedError)):
        return "the connection was closed"
    if isinstance(exc, socket.gaierror):
        return plain(exc.strerror or exc, 80)
    return plain(getattr(exc, "strerror", None) or exc, 80)


def run_bounded(
    items: Sequence[T],
    work: Callable[[T], R],
    concurrency: int,
    client: HttpClient,
    cancel: CancelToken | None = None,
    on_result: Callable[[int, R], None] | None = None,
) -> list[R]:
    """`work(item)` for every item with at most `concurrency` in flight, results in order.

    Backpressure: an item is submitted only when a slot frees up. `on_result(index, result)`
    runs on the calling thread as each one finishes. On a cancel or the first error, requests
    in flight are aborted, nothing new starts, and `Cancelled` or that error is raised after
    every worker has stopped.
    """
    results: dict[int, R] = {}
    client.reset()
    failure: BaseException | None = None
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="server") as pool:
        pending: dict[Future[R], int] = {}
        queue = iter(enumerate(items))

        def fill() -> None:
            while len(pending) < concurrency and failure is None:
                try:
                    index, item = next(queue)
                except StopIteration:
                    return
                pending[pool.submit(work, item)] = index

        fill()
        while pending:
            done, _ = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel.cancelled and failure is None:
                failure = Cancelled()
                client.abort()
            for future in done:
                index = pending.pop(future)
                try:
                    result = future.result()
                except BaseException as exc:  # kept, re-raised once every worker has stopped
                    if failure is None:
                        failure = exc
                    client.abort()
                    continue
                results[index] = result
                if on_result is not None:  # even after a failure: finished work is kept
                    on_result(index, result)
            fill()
    if failure is not None:
        if isinstance(failure, Cancelled):
            raise Cancelled(partial=[])
        raise failure
    return [results[i] for i in range(len(items))]
