"""Model downloads: the Argos package index (cached, with its age) and the packages themselves.

The index lists each package with a `package_version` and one or more mirror `links`. For a
pair the highest version is taken (not the last listed), and its links are tried in turn: a
dead mirror (HTTP error, refused connection) moves on to the next one; a transfer cut short is
resumed where it stopped (HTTP Range) on the same link, once, before moving on. A finished file
is verified before it is installed: its length against what the server announced, its SHA-256
where the index gives one, and the CRC-32 of every zip member (Argos's index has no checksums,
so the zip's own are what show a damaged transfer). Each failure gets its own message: no
network, an HTTP status, a damaged file, a full disk.

HTTPS trusts the system's certificates and certifi's (`tls.ssl_context`). The index is kept
in the cache folder; when the network is unreachable the cached copy is used and its age is
shown.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import json
import logging
import os
import re
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from parallax.core import paths
from parallax.core.errors import Cancelled, LanguagePairError, TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.tls import ssl_context

log = logging.getLogger(__name__)

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_CACHE_NAME = "argos-index.json"
CHUNK_BYTES = 256 * 1024
# What to do without a network, said after "Cannot reach ..." (other downloads name theirs).
ARGOS_OFFLINE_HINT = "Install a downloaded .argosmodel file instead."
MAX_INDEX_BYTES = 16 * 1024 * 1024


class DownloadError(TranslationError):
    """A download failed; the message says why and what to do."""


class DiskFullError(DownloadError):
    """No space left for the download: no other link can help."""


@dataclass(frozen=True)
class AvailableModel:
    """A package listed in the Argos index (not downloaded)."""

    pair: LanguagePair
    version: str
    name: str
    links: tuple[str, ...]
    sha256: str = ""


@dataclass(frozen=True)
class ModelIndex:
    """The index's packages, when they were fetched, and whether this is the cached copy."""

    models: tuple[AvailableModel, ...]
    fetched_at: float
    from_cache: bool = False
    problem: str = ""  # why the network copy could not be used (with a cached one)

    def best(self, pair: LanguagePair) -> AvailableModel | None:
        """The highest `package_version` for `pair` that has a link."""
        candidates = [m for m in self.models if m.pair == pair and m.links]
        return max(candidates, key=lambda m: version_key(m.version), default=None)

    def age_text(self, now: float | None = None) -> str:
        """How old the list is, for people: "just now", "5 minutes", "3 hours", "2 days"."""
        seconds = max(0.0, (time.time() if now is None else now) - self.fetched_at)
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if seconds >= size:
                count = int(seconds // size)
                return f"{count} {unit}{'s' if count != 1 else ''}"
        return "just now"

    def describe(self, now: float | None = None) -> str:
        """One line for the user about where the list came from."""
        age = self.age_text(now)
        when = "fetched just now" if age == "just now" else f"fetched {age} ago"
        if not self.from_cache:
            return f"Model list {when}."
        return f"Offline: using the model list {when} ({self.problem})"


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key for package versions: 1.10 > 1.9 > 1.9rc1 > 1.7 (numbers compare as numbers)."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    # Numbers rank above the end of the version, which ranks above a letter part, so
    # 1.9.1 > 1.9 > 1.9rc1.
    key = [(1, f"{int(p):012d}") if p.isdigit() else (-1, p.lower()) for p in parts]
    return (*key, (0, ""))


def index_url() -> str:
    """Argos's index, or a mirror named by ARGOS_PACKAGE_INDEX (a folder URL, as Argos reads it)."""
    mirror = os.environ.get("ARGOS_PACKAGE_INDEX", "").strip()
    return mirror.rstrip("/") + "/index.json" if mirror else DEFAULT_INDEX_URL


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def _open(url: str, timeout: float, headers: Mapping[str, str] | None = None,
          offline_hint: str = ARGOS_OFFLINE_HINT) -> Any:
    """Open `url`; every failure becomes a DownloadError that says which kind it is."""
    request = urllib.request.Request(url, headers={"User-Agent": "Parallax", **(headers or {})})
    try:
        return urllib.request.urlopen(request, timeout=timeout, context=ssl_context())
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DownloadError(
            f"{_host(url)} answered HTTP {exc.code} ({exc.reason}) for {url}.") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLError):
            raise DownloadError(
                f"The secure connection to {_host(url)} failed ({reason}); check the system "
                "clock, or a proxy that intercepts HTTPS.") from exc
        raise DownloadError(
            f"Cannot reach {_host(url)} (no network?): {reason}. {offline_hint}") from exc
    except (TimeoutError, OSError, ValueError, http.client.HTTPException) as exc:
        raise DownloadError(
            f"Cannot reach {_host(url)} (no network?): {exc}. {offline_hint}") from exc


def parse_index(data: Any) -> tuple[AvailableModel, ...]:
    """The translation packages in an Argos index document."""
    models: list[AvailableModel] = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict) or item.get("type", "translate") != "translate":
            continue
        if not item.get("from_code") or not item.get("to_code"):
            continue
        pair = LanguagePair(str(item["from_code"]).lower(), str(item["to_code"]).lower())
        links = item.get("links", [])
        models.append(AvailableModel(
            pair, str(item.get("package_version", "")), f"translate-{pair.source}_{pair.target}",
            tuple(str(u) for u in links) if isinstance(links, list) else (),
            str(item.get("sha256", "")).lower()))
    return tuple(models)


def _cache_path() -> Path:
    return paths.cache_dir() / INDEX_CACHE_NAME


def _read_cache() -> tuple[Any, float] | None:
    try:
        stored = json.loads(_cache_path().read_text(encoding="utf-8"))
        return stored["index"], float(stored["fetched_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(data: Any, fetched_at: float) -> None:
    target = _cache_path()
    work = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        work.write_text(json.dumps({"fetched_at": fetched_at, "url": index_url(),
                                    "index": data}), encoding="utf-8")
        os.replace(work, target)
    except OSError as exc:  # a cache that cannot be written is only a missed shortcut
        log.warning("could not cache the model index: %s", exc)
        with contextlib.suppress(OSError):
            work.unlink()


def load_index(timeout: float = 15.0) -> ModelIndex:
    """The index from the network (then cached), or the cached copy when that fails."""
    try:
        with _open(index_url(), timeout) as response:
            raw = response.read(MAX_INDEX_BYTES + 1)
        if len(raw) > MAX_INDEX_BYTES:
            raise DownloadError("The model index is larger than any real one; not read.")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DownloadError(f"The model index is unreadable: {exc}.") from exc
    except (DownloadError, OSError) as exc:
        cached = _read_cache()
        if cached is None:
            raise exc if isinstance(exc, DownloadError) else DownloadError(str(exc)) from exc
        log.info("using the cached model index: %s", exc)
        return ModelIndex(parse_index(cached[0]), cached[1], from_cache=True, problem=str(exc))
    now = time.time()
    _write_cache(data, now)
    return ModelIndex(parse_index(data), now)


class _CutShortError(Exception):
    """The transfer ended before the announced length: worth resuming."""


def _append(handle: IO[bytes], chunk: bytes) -> None:
    handle.write(chunk)


def _disk_full(path: Path, exc: OSError) -> DiskFullError:
    return DiskFullError(
        f"The disk is full: no room to save the download in {path.parent} ({exc.strerror}). "
        "Free some space and try again.")


def _fetch_to(url: str, part: Path, timeout: float, on_progress: ProgressCallback | None,
              cancel: CancelToken | None, offline_hint: str = ARGOS_OFFLINE_HINT) -> None:
    """Fetch `url` into `part`, continuing what is already there when the server allows it."""
    have = part.stat().st_size if part.exists() else 0
    response = _open(url, timeout, {"Range": f"bytes={have}-"} if have else None, offline_hint)
    with response:
        if have and response.status != 206:  # no range support: start again
            have = 0
        length = int(response.headers.get("Content-Length") or 0)
        total = have + length if length else 0
        done = have
        try:
            with part.open("ab" if have else "wb") as out:
                while True:
                    if cancel is not None and cancel.cancelled:
                        raise Cancelled("Download cancelled.")
                    try:
                        chunk = response.read(CHUNK_BYTES)
                    except (OSError, http.client.HTTPException) as exc:
                        raise _CutShortError(str(exc)) from exc
                    if not chunk:
                        break
                    _append(out, chunk)
                    done += len(chunk)
                    if on_progress is not None:
                        on_progress(done, max(total, done))
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise _disk_full(part, exc) from exc
            raise DownloadError(f"Cannot save the download to {part}: {exc}.") from exc
    if total and done < total:
        raise _CutShortError(f"{done:,} of {total:,} bytes")


def fetch_resuming(url: str, part: Path, *, timeout: float = 60.0,
                   on_progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                   offline_hint: str = ARGOS_OFFLINE_HINT) -> None:
    """Fetch `url` into `part`, continuing a partial `part` already there (HTTP Range); a
    transfer cut short is resumed once. A DownloadError (DiskFullError for a full disk) or
    Cancelled otherwise; `part` is left as it is for the caller to keep or delete."""
    for attempt in (1, 2):
        try:
            _fetch_to(url, part, timeout, on_progress, cancel, offline_hint)
            return
        except _CutShortError as exc:
            log.info("%s was cut short (%s); attempt %d", url, exc, attempt)
            if attempt == 2:
                raise DownloadError(
                    f"{_host(url)}: the transfer kept stopping ({exc})") from exc


def _verify(part: Path, model: AvailableModel) -> None:
    """A DownloadError when the file is not what the index describes."""
    if model.sha256:
        digest = hashlib.sha256()
        with part.open("rb") as handle:
            for block in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(block)
        if digest.hexdigest() != model.sha256:
            raise DownloadError(f"The downloaded {model.name} {model.version} failed its "
                                "checksum (SHA-256 differs from the index's).")
    try:
        with zipfile.ZipFile(part) as zf:
            damaged = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DownloadError(f"The downloaded {model.name} {model.version} is damaged "
                            f"(not a complete zip: {exc}).") from exc
    except (RuntimeError, NotImplementedError, zipfile.LargeZipFile) as exc:
        raise DownloadError(f"The downloaded {model.name} {model.version} cannot be "
                            f"checked: {exc}.") from exc
    if damaged is not None:
        raise DownloadError(f"The downloaded {model.name} {model.version} failed its "
                            f"checksum (CRC-32 of {damaged}).")


def download_package(
    model: AvailableModel,
    folder: Path,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download `model` into `folder` from the first of its links that works; returns the
    verified file. A transfer cut short is resumed once on the same link; any other failure
    moves on to the next link; a full disk or a cancel stops at once."""
    if not model.links:
        raise DownloadError(f"The index lists no download link for {model.name}.")
    safe_version = re.sub(r"[^0-9A-Za-z.]+", "_", model.version) or "0"
    part = folder / f"{model.name}-{safe_version}.argosmodel.part"
    problems: list[str] = []
    try:
        for url in model.links:
            with contextlib.suppress(OSError):
                part.unlink()  # a partial file from another link is not resumable here
            try:
                fetch_resuming(url, part, timeout=timeout, on_progress=on_progress,
                               cancel=cancel)
                _verify(part, model)
                return part
            except DiskFullError:
                raise
            except DownloadError as exc:
                problems.append(str(exc))
        raise DownloadError(
            f"Could not download {model.name} {model.version} from any of its "
            f"{len(model.links)} link(s): " + " ".join(problems))
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise


def best_model(index: ModelIndex, pair: LanguagePair) -> AvailableModel:
    found = index.best(pair)
    if found is None:
        raise LanguagePairError(f"The Argos index has no model for {pair}.")
    return found
