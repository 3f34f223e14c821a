"""The server engines against real servers on 127.0.0.1 (no protocol mocks).

`openai`: llama.cpp's own OpenAI-compatible server (xllamacpp, in a child process) serving a
tiny generated GGUF; a recording relay in front of it shows what was sent and how many requests
were open at once, and can hold them so cancel and concurrency are seen without timing.
`libretranslate`: a stdlib server implementing LibreTranslate's documented API
(tests/support/servers.py says why not the real package).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from parallax.core.errors import Cancelled, InputError, LanguagePairError
from parallax.core.loaders import load_text
from parallax.core.progress import CancelToken
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.engines import ENGINE_NAMES, get_engine
from parallax.core.translate.glossary import parse_glossary
from parallax.core.translate.libretranslate import LibreTranslateEngine
from parallax.core.translate.openai_engine import OpenAIEngine
from parallax.core.translate.prompting import PROMPT_VERSION, UNTRANSLATED_MARK, sentence_request
from parallax.core.translate.server import (
    ContextTooLongError,
    InsecureServerError,
    ServerAuthError,
    ServerModelError,
    ServerReplyError,
    ServerTlsError,
    ServerUnreachableError,
    parse_server,
)
from support.gguf_model import write_tiny_llama
from support.servers import LibreTranslateServer, LlamaServer, RecordingProxy, free_port

SENTENCES = [
    "普京访问蒙古国。", "国际刑事法院对其发出逮捕令。", "", "蒙古国是《罗马规约》的缔约国。",
    "克里姆林宫对此表示不担心。", "乌克兰外交部批评蒙古国。", "俄罗斯总统于周一抵达。",
    "蒙古国没有逮捕他。", "这次访问引起了争议。",
]
GLOSSARY = parse_glossary("国际刑事法院\tInternational Criminal Court\n普京\tPutin\n")
WAIT_S = 60  # upper bound on every wait below; never reached when things work


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("xllamacpp")  # llama.cpp's server comes with the llm extra
    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="module")
def server(model: Path) -> Iterator[LlamaServer]:
    with LlamaServer(model, alias="tiny", parallel=2) as running:
        yield running


def engine_for(url: str, **settings: Any) -> OpenAIEngine:
    settings.setdefault("glossary", GLOSSARY)
    return OpenAIEngine(url, settings.pop("model", "tiny"), **settings)


def test_engine_names_are_declared_once() -> None:
    assert ENGINE_NAMES == ("argos", "llm", "openai", "libretranslate", "gloss")


def test_a_batch_through_the_real_server_uses_the_llm_engines_prompt(
        server: LlamaServer) -> None:
    with RecordingProxy(server.port) as proxy:
        engine = engine_for(proxy.url, concurrency=4)
        progress: list[tuple[int, int]] = []
        outputs = engine.translate(SENTENCES, "zh", "en",
                                   on_progress=lambda d, t: progress.append((d, t)))
    assert len(outputs) == len(SENTENCES) and outputs[2] == ""
    assert all(o and not o.startswith(UNTRANSLATED_MARK) for i, o in enumerate(outputs) if i != 2)
    assert progress[-1] == (len(SENTENCES), len(SENTENCES))
    sent = {body["messages"][-1]["content"]: body for path, body in proxy.bodies
            if path.endswith("/chat/completions")}
    pair = LanguagePair("zh", "en")
    # The very request the in-process engine builds: prompt, examples, glossary, budget (and
    # no previous sentence: SEND_CONTEXT is off).
    want = sentence_request(SENTENCES[1], None, pair, GLOSSARY, chat=True)
    assert SENTENCES[0] not in str(want["messages"])
    got = sent[want["messages"][-1]["content"]]
    assert got["messages"] == want["messages"] and got["max_tokens"] == want["max_tokens"]
    assert "国际刑事法院 = International Criminal Court" in got["messages"][-1]["content"]
    assert got["model"] == "tiny" and got["temperature"] == 0.0
    assert len(sent) == len(SENTENCES) - 1  # the empty sentence costs no request


def test_at_most_concurrency_requests_are_in_flight(server: LlamaServer) -> None:
    # The relay holds requests until three are open at once: only parallel requests get
    # through, and backpressure keeps it at three.
    with RecordingProxy(server.port, release_at=3) as proxy:
        outputs = engine_for(proxy.url, concurrency=3).translate(SENTENCES, "zh", "en")
    assert len(outputs) == len(SENTENCES)
    assert proxy.max_open == 3


def test_cancel_aborts_requests_in_flight(server: LlamaServer) -> None:
    with RecordingProxy(server.port, hold=True) as proxy:
        engine = engine_for(proxy.url, concurrency=2)
        engine.check_model()  # the model list goes through before the hold matters
        cancel = CancelToken()
        outcome: dict[str, BaseException] = {}

        def work() -> None:
            try:
                engine.translate(SENTENCES, "zh", "en", cancel=cancel)
            except BaseException as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        assert proxy.entered.acquire(timeout=WAIT_S) and proxy.entered.acquire(timeout=WAIT_S)
        cancel.cancel()  # both requests are held by the relay: only an abort frees them
        worker.join(timeout=WAIT_S)
        assert not worker.is_alive()
        proxy.release()
    assert isinstance(outcome.get("error"), Cancelled)


def test_server_killed_mid_run_keeps_finished_sentences_and_a_rerun_resumes(
        model: Path, tmp_path: Path) -> None:
    article = load_text("普京访问蒙古国\n\n" + "".join(SENTENCES), source="a.txt")
    port = free_port()
    cache_path = tmp_path / "cache.sqlite3"
    first = LlamaServer(model, port=port).start()
    try:
        engine = engine_for(first.url, concurrency=1)

        def kill_after_three(done: int, _total: int) -> None:
            if done == 3:
                first.kill()

        with TranslationCache(cache_path) as cache, \
                pytest.raises(ServerUnreachableError, match="cannot be reached") as error:
            translate_article(article, engine, "en", cache, kill_after_three)
        assert "\n" not in str(error.value)
        with TranslationCache(cache_path) as cache:
            kept = cache.count()
        assert kept >= 3
    finally:
        first.stop()
    with LlamaServer(model, port=port) as second, TranslationCache(cache_path) as cache:
        result = translate_article(article, engine_for(second.url), "en", cache)
        assert cache.hits >= kept
    assert len(result.texts) == len(article.sentences) + 1
    assert result.server == second.url and result.model == "tiny"
    assert result.engine_version.startswith(f"openai:{second.url} model:tiny prompt:")


def test_a_wrong_model_name_is_one_clear_line(server: LlamaServer) -> None:
    with pytest.raises(ServerModelError, match="no model named 'nope'; it offers: tiny"):
        engine_for(server.url, model="nope").translate(["普京。"], "zh", "en")


def test_a_sentence_too_long_for_the_context(server: LlamaServer) -> None:
    with pytest.raises(ContextTooLongError, match="too long for the model's context"):
        engine_for(server.url).translate(["普京访问蒙古国。" * 600], "zh", "en")


def test_nothing_listening_tls_and_the_api_key(
        model: Path, server: LlamaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ServerUnreachableError, match="connection refused"):
        engine_for(f"http://127.0.0.1:{free_port()}/v1").translate(["普京。"], "zh", "en")
    with LibreTranslateServer() as plain_http, pytest.raises(ServerTlsError, match="TLS"):
        # https:// to a server that speaks plain HTTP: the handshake fails.
        engine_for(f"https://127.0.0.1:{plain_http.port}/v1").translate(["普京。"], "zh", "en")
    key = "sk-planted-0123456789abcdef"
    with LlamaServer(model, api_key=key) as locked:
        monkeypatch.delenv("PARALLAX_API_KEY", raising=False)
        with pytest.raises(ServerAuthError, match="HTTP 401") as error:
            engine_for(locked.url).translate(["普京。"], "zh", "en")
        assert key not in str(error.value)
        monkeypatch.setenv("TEAM_KEY", key)
        engine = engine_for(locked.url, api_key_env="TEAM_KEY")
        assert len(engine.translate(["普京。"], "zh", "en")) == 1
        assert key not in repr(engine) and key not in engine.version


def test_a_reply_that_is_not_a_chat_completion() -> None:
    class Broken(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            body = b'{"choices": "\x1b[31mnot a list"}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(ServerReplyError, match="not an OpenAI chat completion"):
            engine_for(f"http://127.0.0.1:{httpd.server_address[1]}/v1").translate(
                ["普京。"], "zh", "en")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_server_addresses_privacy_rules() -> None:
    with pytest.raises(InsecureServerError, match="--allow-insecure"):
        parse_server("http://192.0.2.7:8080/v1")
    assert parse_server("http://192.0.2.7:8080/v1", allow_insecure=True).url == \
        "http://192.0.2.7:8080/v1"
    assert parse_server("https://mt.example.org/v1/").url == "https://mt.example.org/v1"
    assert parse_server("http://localhost:8080").loopback
    with pytest.raises(InputError, match="credentials") as error:
        parse_server("https://user:hunter2@mt.example.org/v1")
    assert "hunter2" not in str(error.value)
    with pytest.raises(InputError, match="needs the server"):
        get_engine("openai", model="m")
    with pytest.raises(InputError, match="--model"):
        get_engine("openai", server="http://127.0.0.1:1/v1")
    with pytest.raises(Exception, match="from 1 to 32"):
        get_engine("openai", server="http://127.0.0.1:1/v1", model="m", concurrency=0)


# -- LibreTranslate ----------------------------------------------------------------------------

def test_libretranslate_batches_lists_pairs_and_sends_the_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_API_KEY", "lt-key")
    with LibreTranslateServer(api_key="lt-key") as server:
        engine = LibreTranslateEngine(server.url, batch_size=4, concurrency=2)
        assert LanguagePair("zh", "en") in engine.pairs()
        outputs = engine.translate(SENTENCES, "zh", "en")
        batches = [r["q"] for r in server.requests]
    assert len(outputs) == len(SENTENCES) and outputs[2] == ""
    assert "Putin" in outputs[0]
    assert all(isinstance(q, list) and 1 <= len(q) <= 4 for q in batches)
    assert sum(len(q) for q in batches) == len(SENTENCES) - 1
    assert {r["source"] for r in server.requests} == {"zh-Hans"}
    assert {r["api_key"] for r in server.requests} == {"lt-key"}


def test_libretranslate_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_API_KEY", "wrong-key")
    with LibreTranslateServer(api_key="right") as server:
        engine = LibreTranslateEngine(server.url)
        with pytest.raises(ServerAuthError, match="HTTP 403") as error:
            engine.translate(["普京。"], "zh", "en")
        assert "wrong-key" not in str(error.value)
        with pytest.raises(LanguagePairError, match="ru->en"):
            engine.translate(["Привет."], "ru", "en")


def test_libretranslate_cancel_aborts_requests_in_flight() -> None:
    with LibreTranslateServer() as server:
        server.gate = threading.Event()
        engine = LibreTranslateEngine(server.url, batch_size=1, concurrency=2)
        engine.pairs()
        cancel = CancelToken()
        outcome: dict[str, BaseException] = {}

        def work() -> None:
            try:
                engine.translate(SENTENCES, "zh", "en", cancel=cancel)
            except BaseException as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        assert server.entered.acquire(timeout=WAIT_S) and server.entered.acquire(timeout=WAIT_S)
        cancel.cancel()
        worker.join(timeout=WAIT_S)
        assert not worker.is_alive()
        server.gate.set()
    assert isinstance(outcome.get("error"), Cancelled)


def test_the_cache_version_names_server_model_prompt_and_glossary(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_API_KEY", "sk-secret-in-env")
    base = OpenAIEngine("http://127.0.0.1:8080/v1", "a", glossary=GLOSSARY)
    others = [OpenAIEngine("http://127.0.0.1:8081/v1", "a", glossary=GLOSSARY),
              OpenAIEngine("http://127.0.0.1:8080/v1", "b", glossary=GLOSSARY),
              OpenAIEngine("http://127.0.0.1:8080/v1", "a", glossary=None),
              OpenAIEngine("http://127.0.0.1:8080/v1", "a",
                           glossary=parse_glossary("普京\tPutin\n"))]
    assert len({base.version, *(e.version for e in others)}) == 5
    assert base.version.startswith(
        f"openai:http://127.0.0.1:8080/v1 model:a prompt:{PROMPT_VERSION} glossary:")
    assert all("sk-secret" not in e.version for e in (base, *others))
    libre = LibreTranslateEngine("http://127.0.0.1:5000")
    assert libre.version == "libretranslate:http://127.0.0.1:5000"


class _Flaky(BaseHTTPRequestHandler):
    """Answers each POST with the next status of `plan`, then a valid chat completion."""

    plan: ClassVar[list[int]] = []
    seen: ClassVar[list[int]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = self.plan.pop(0) if self.plan else 200
        self.seen.append(status)
        body = (b'{"choices": [{"message": {"role": "assistant", "content": "Putin visits '
                b'Mongolia."}}]}' if status == 200 else b'{"error": {"message": "busy"}}')
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def flaky(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from parallax.core.translate import server as server_module

    monkeypatch.setattr(server_module, "BACKOFF_S", 0.01)  # the same retries, shorter waits
    _Flaky.plan, _Flaky.seen = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_429_and_5xx_are_retried_with_backoff(flaky: str) -> None:
    _Flaky.plan = [503, 429, 502]
    assert engine_for(flaky, concurrency=1).translate(["普京访问蒙古国。"], "zh", "en") == [
        "Putin visits Mongolia."]
    assert _Flaky.seen == [503, 429, 502, 200]


def test_a_server_that_keeps_failing_is_one_line(flaky: str) -> None:
    _Flaky.plan = [503] * 10
    with pytest.raises(Exception, match=r"kept failing \(HTTP 503: busy\) after 4 tries"):
        engine_for(flaky, concurrency=1).translate(["普京访问蒙古国。"], "zh", "en")
    assert _Flaky.seen == [503] * 4
