"""A loopback HTTP server for download tests: files by path, with HTTP ranges, and the ways a
real mirror fails (404, a transfer cut short, no range support, a server that goes away)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Site:
    """What the server serves: files by path; paths that answer 404; paths whose first
    transfer is cut in half; whether ranges are ignored; after how many bytes of a transfer
    the whole server stops for good; and every request it saw (path, Range header)."""

    files: dict[str, bytes] = field(default_factory=dict)
    dead: set[str] = field(default_factory=set)
    cut_once: set[str] = field(default_factory=set)
    no_range: bool = False
    die_after: int | None = None
    requests: list[tuple[str, str]] = field(default_factory=list)
    base: str = ""


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        site = self.site
        byte_range = self.headers.get("Range", "")
        site.requests.append((self.path, byte_range))
        if self.path in site.dead or self.path not in site.files:
            self.send_error(404, "Not Found")
            return
        data = site.files[self.path]
        start = int(byte_range[len("bytes="):].split("-")[0]) if byte_range else 0
        if start and not site.no_range:
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            body = data[start:]
        else:
            self.send_response(200)
            body = data
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path in site.cut_once:
            site.cut_once.discard(self.path)
            self.wfile.write(body[: len(body) // 2])  # then the connection closes
            self.close_connection = True
            return
        if site.die_after is not None:
            self.wfile.write(body[:site.die_after])
            self.wfile.flush()
            self.close_connection = True

            def die() -> None:  # nothing answers a retry either
                self.server.shutdown()
                self.server.server_close()

            threading.Thread(target=die, daemon=True).start()
            return
        self.wfile.write(body)


@dataclass
class Running:
    site: Site
    http: ThreadingHTTPServer

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def serve(site: Site) -> Running:
    """`site` served on 127.0.0.1 in a background thread; `site.base` is its URL."""
    handler = type("SiteHandler", (_Handler,), {"site": site})
    http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    site.base = f"http://127.0.0.1:{http.server_address[1]}"
    return Running(site, http)
