"""Real translation servers on 127.0.0.1 for the server-engine tests (no protocol mocks).

- `LlamaServer`: llama.cpp's own OpenAI-compatible HTTP server (through xllamacpp, the llm
  extra), in a child process so a test can kill it mid-run, serving a tiny generated GGUF.
- `LibreTranslateServer`: a small stdlib `http.server` implementing LibreTranslate's documented
  API (`GET /languages`, `POST /translate` with `q` a string or a list, `source`, `target`,
  `format`, `api_key`). The real `libretranslate` package installs without torch, but it pins
  numpy<2, Flask 2.2 and packaging 23.1 against this project's own pins and fetches its
  language models from the network at start, so it cannot run in this test environment. Its
  "translation" is the dictionary gloss: real text through a real HTTP exchange.

Every wait is bounded; every server listens on loopback only.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 120.0

_CHILD = r"""
import sys, time, xllamacpp
model, port, alias, parallel, key = sys.argv[1:6]
p = xllamacpp.CommonParams()
p.model.path = model
p.model_alias = {alias}
p.n_ctx = 2048 * int(parallel)
p.n_parallel = int(parallel)
p.cpuparams.n_threads = 1
p.cpuparams_batch.n_threads = 1
p.sampling.temp = 0.0
p.warmup = False
p.verbosity = -1
p.hostnames = ["127.0.0.1"]
p.port = int(port)
if key:
    p.api_keys = [key]
server = xllamacpp.Server(p)
print("serving", flush=True)
while True:
    time.sleep(3600)
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaServer:
    """`with LlamaServer(model) as server:` ... `server.url` is the /v1 base URL."""

    def __init__(self, model: Path, alias: str = "tiny", parallel: int = 1,
                 api_key: str = "", port: int | None = None) -> None:
        self.model = model
        self.alias = alias
        self.parallel = parallel
        self.api_key = api_key
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LlamaServer:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(self.model), str(self.port), self.alias,
             str(self.parallel), self.api_key],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health",
                                            timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("llama.cpp server did not start in time")

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled cable would end it."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        self.kill()

    def __enter__(self) -> LlamaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["en", "zh-Hans"]},
    {"code": "zh-Hans", "name": "Chinese", "targets": ["en", "zh-Hans"]},
]


class LibreTranslateServer:
    """LibreTranslate's documented API on 127.0.0.1; `requests` records what arrived."""

    def __init__(self, api_key: str = "") -> None:
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        self.gate: threading.Event | None = None  # when set, /translate waits on it
        self.entered = threading.Semaphore(0)  # released as each /translate starts
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, data: Any) -> None:
                body = json.dumps(data, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/languages":
                    self._send(200, LANGUAGES)
                else:
                    self._send(404, {"error": "Not Found"})

            def do_POST(self) -> None:
                if self.path.rstrip("/") != "/translate":
                    self._send(404, {"error": "Not Found"})
                    return
                length = int(self.headers.get("Content-Length", "0"))
                try:
                    data = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": "Invalid request: bad JSON"})
                    return
                owner.requests.append(data)
                owner.entered.release()
                if owner.gate is not None:
                    owner.gate.wait(timeout=60)
                if owner.api_key and data.get("api_key") != owner.api_key:
                    self._send(403, {"error": "Invalid API key"})
                    return
                codes = {entry["code"] for entry in LANGUAGES}
                if data.get("source") not in codes or data.get("target") not in codes:
                    self._send(400, {"error": f"{data.get('source')} is not supported"})
                    return
                q = data.get("q")
                texts = q if isinstance(q, list) else [q]
                if not all(isinstance(t, str) for t in texts):
                    self._send(400, {"error": "Invalid request: missing q parameter"})
                    return
                out = [owner.translate(t, data["source"], data["target"]) for t in texts]
                self._send(200, {"translatedText": out if isinstance(q, list) else out[0]})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def translate(self, text: str, source: str, target: str) -> str:
        if source == target or source != "zh-Hans":
            return text
        from parallax.core.translate.gloss import GlossEngine

        return GlossEngine().translate([text], "zh", "en")[0]

    def __enter__(self) -> LibreTranslateServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.gate is not None:
            self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=30)


class RecordingProxy:
    """A TCP relay on 127.0.0.1 in front of a real server, one request per connection.

    It records each request's path and JSON body and how many were open at once, and can hold
    requests (`hold`) until `release()`: so tests see concurrency and cancel happen without
    relying on timing. Nothing is rewritten: the bytes are the server's.
    """

    def __init__(self, upstream_port: int, hold: bool = False,
                 release_at: int | None = None) -> None:
        self.upstream_port = upstream_port
        self.bodies: list[tuple[str, Any]] = []
        self.entered = threading.Semaphore(0)
        self.open = 0
        self.max_open = 0
        self._gate = threading.Event()
        self.release_at = release_at  # release the gate once this many are open
        if not hold and release_at is None:
            self._gate.set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._closed = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def release(self) -> None:
        self._gate.set()

    def _accept(self) -> None:
        self._listener.settimeout(0.1)  # so closing is noticed: accept() alone never wakes
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _read_request(self, client: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                break
            body += chunk
        path = head.split(b"\r\n")[0].split(b" ")[1].decode()
        try:
            parsed = json.loads(body) if body else None
        except json.JSONDecodeError:
            parsed = body
        with self._lock:
            self.bodies.append((path, parsed))
        return head + b"\r\n\r\n" + body

    def _relay(self, client: socket.socket) -> None:
        with client:
            request = self._read_request(client)
            counted = request.startswith(b"POST")  # the work; model lists pass straight on
            if counted:
                with self._lock:
                    self.open += 1
                    self.max_open = max(self.max_open, self.open)
                    if self.release_at is not None and self.open >= self.release_at:
                        self._gate.set()
                self.entered.release()
            reply = b""
            try:
                if counted:
                    self._gate.wait(timeout=60)
                with socket.create_connection(("127.0.0.1", self.upstream_port),
                                              timeout=60) as upstream:
                    upstream.sendall(request)
                    while chunk := upstream.recv(65536):
                        reply += chunk
            except OSError:
                pass
            finally:
                if counted:  # done before the client sees the answer and sends the next one
                    with self._lock:
                        self.open -= 1
            with contextlib.suppress(OSError):
                client.sendall(reply)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed = True
        self._gate.set()
        self._thread.join(timeout=30)
        self._listener.close()
