"""The comparison set: the original, its translations, parallel reports and settings.

Saved as one `.parallax` file: UTF-8 JSON with a format name and version number (see
docs/workspace-format.md), written atomically (temp file in the same folder, fsync, rename), so a
crash or a full disk never leaves a half-written workspace behind.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import logging
import math
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from parallax import __version__
from parallax.core.article import Article
from parallax.core.errors import InputError, OutputPathError, WorkspaceError
from parallax.core.review import Review

log = logging.getLogger(__name__)

FORMAT_NAME = "parallax-workspace"
FORMAT_VERSION = 1
SUFFIX = ".parallax"
ORIGINAL = "original"  # key of the original article in per-article maps
TITLE = "title"  # key of the headline in per-sentence maps
MAX_WORKSPACE_BYTES = 256 * 1024 * 1024

Role = Literal["translation", "report"]
ROLES: tuple[Role, ...] = ("translation", "report")


@dataclass(frozen=True)
class Source:
    """Another version of the story: a translation of the original or another outlet's report."""

    id: str
    role: Role
    article: Article
    label: str = ""

    @property
    def display_name(self) -> str:
        return self.label or self.article.outlet or Path(self.article.source or "").name or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "role": self.role, "label": self.label,
                "article": self.article.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        role = str(data["role"])
        if role not in ROLES:
            raise WorkspaceError(f"Unknown source role {role!r}.")
        return cls(str(data["id"]), role, Article.from_dict(data["article"]),
                   str(data.get("label", "")))


@dataclass(frozen=True)
class MachineTranslation:
    """One article's sentences translated by one engine (kept whatever the user edits)."""

    engine: str
    engine_version: str
    source_lang: str
    target_lang: str
    texts: Mapping[str, str]  # sentence id (or TITLE) -> translation
    is_gloss: bool = False
    # Sentence id -> the checks its translation fails ({"kind", "detail"}; see
    # core/translate/checks.py); only sentences that fail any are listed.
    checks: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict)
    server: str = ""  # the translation server's URL (never with credentials), if any
    model: str = ""  # the model's name as the engine knows it, if any
    # Which exact model: a GGUF file's sha256, what the server reports, Argos package versions.
    model_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "engine": self.engine,
            "engine_version": self.engine_version,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "is_gloss": self.is_gloss,
            "texts": dict(self.texts),
        }
        if self.checks:
            data["checks"] = {k: [dict(c) for c in v] for k, v in self.checks.items()}
        if self.server:
            data["server"] = self.server
        if self.model:
            data["model"] = self.model
        if self.model_version:
            data["model_version"] = self.model_version
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MachineTranslation:
        texts = data["texts"]
        if not isinstance(texts, dict):
            raise WorkspaceError("Translation texts must be an object.")
        return cls(
            str(data["engine"]),
            str(data["engine_version"]),
            str(data["source_lang"]),
            str(data["target_lang"]),
            {str(k): str(v) for k, v in texts.items()},
            bool(data.get("is_gloss", False)),
            _checks_from(data.get("checks")),
            str(data.get("server") or ""),
            str(data.get("model") or ""),
            str(data.get("model_version") or ""),
        )


def _checks_from(value: Any) -> dict[str, tuple[Mapping[str, str], ...]]:
    """Stored translation checks; anything malformed is dropped (they are informative)."""
    if not isinstance(value, dict):
        return {}
    return {
        str(key): tuple({"kind": str(c.get("kind", "")), "detail": str(c.get("detail", ""))}
                        for c in found if isinstance(c, dict))
        for key, found in value.items() if isinstance(found, list)
    }


@dataclass(frozen=True)
class Settings:
    # The comparison options live here only (not in the window's preferences). Which engine
    # translates is the user's preference; an older file's `engine` is ignored on load.
    pivot_lang: str = "en"
    min_score: float = 0.3
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_whitespace: bool = True
    translate_on_open: bool = True

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        # A workspace is a file from anywhere: every setting is type- and range-checked here,
        # so a `min_score` of "high", 5 or NaN never reaches the comparison.
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        for name, value in known.items():
            default = getattr(cls, name)
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise WorkspaceError(f"Workspace setting {name} must be true or false.")
            elif isinstance(default, float):
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                        math.isfinite(value) and 0.0 <= value <= 1.0):
                    raise WorkspaceError(
                        f"Workspace setting {name} must be a number from 0 to 1.")
                known[name] = float(value)
            elif not isinstance(value, str) or not 0 < len(value) <= 32:
                raise WorkspaceError(f"Workspace setting {name} must be a short name.")
        return cls(**known)


@dataclass(frozen=True)
class Workspace:
    original: Article
    sources: tuple[Source, ...] = ()
    translations: Mapping[str, MachineTranslation] = field(default_factory=dict)
    edits: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    review: Review = field(default_factory=Review)  # the analyst's layer (core.review)

    # ---- queries -------------------------------------------------------------------------
    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def article(self, key: str) -> Article:
        """The original (key `original`) or a source's article."""
        return self.original if key == ORIGINAL else self.source(key).article

    def translation_text(self, key: str, sentence_id: str) -> str | None:
        """What to show as the pivot-language text: a hand edit first, then machine output."""
        edited = self.edits.get(key, {}).get(sentence_id)
        if edited is not None:
            return edited
        machine = self.translations.get(key)
        return None if machine is None else machine.texts.get(sentence_id)

    def reports(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.role == "report")

    def versions(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.role == "translation")

    def next_source_id(self) -> str:
        used = {s.id for s in self.sources}
        n = 1
        while f"src{n}" in used:
            n += 1
        return f"src{n}"

    # ---- immutable updates ---------------------------------------------------------------
    def with_source(self, article: Article, role: Role, label: str = "") -> Workspace:
        source = Source(self.next_source_id(), role, article, label)
        return replace(self, sources=(*self.sources, source))

    def without_source(self, source_id: str) -> Workspace:
        self.source(source_id)
        translations = {k: v for k, v in self.translations.items() if k != source_id}
        edits = {k: v for k, v in self.edits.items() if k != source_id}
        return replace(
            self,
            sources=tuple(s for s in self.sources if s.id != source_id),
            translations=translations,
            edits=edits,
            review=self.review.without_source(source_id),
        )

    def with_updated_source(self, source_id: str, **changes: Any) -> Workspace:
        sources = tuple(replace(s, **changes) if s.id == source_id else s for s in self.sources)
        return replace(self, sources=sources)

    def with_source_order(self, ids: list[str]) -> Workspace:
        by_id = {s.id: s for s in self.sources}
        if sorted(ids) != sorted(by_id):
            raise ValueError("the new order must name every source once")
        return replace(self, sources=tuple(by_id[i] for i in ids))

    def with_translation(self, key: str, translation: MachineTranslation) -> Workspace:
        return replace(self, translations={**self.translations, key: translation})

    def with_edit(self, key: str, sentence_id: str, text: str | None) -> Workspace:
        """Set (or with None, drop) a hand edit; machine output is never overwritten."""
        current = dict(self.edits.get(key, {}))
        if text is None:
            current.pop(sentence_id, None)
        else:
            current[sentence_id] = text
        edits = {k: v for k, v in self.edits.items() if k != key}
        if current:
            edits[key] = current
        return replace(self, edits=edits)

    def with_settings(self, **changes: Any) -> Workspace:
        return replace(self, settings=replace(self.settings, **changes))

    def with_review(self, review: Review) -> Workspace:
        """The analyst's review replaced; the machine's output is never touched."""
        return replace(self, review=review)

    # ---- file format ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "app_version": __version__,
            "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "original": self.original.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
            "translations": {k: v.to_dict() for k, v in self.translations.items()},
            "edits": {k: dict(v) for k, v in self.edits.items()},
            "settings": self.settings.to_dict(),
            "review": self.review.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Workspace:
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise WorkspaceError("This is not a Parallax workspace file.")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise WorkspaceError("The workspace file has no valid format version.")
        if version > FORMAT_VERSION:
            raise WorkspaceError(
                f"The workspace was saved by a newer Parallax (format {version}); "
                f"this version reads format {FORMAT_VERSION}. Please update Parallax."
            )
        try:
            sources = tuple(Source.from_dict(s) for s in data.get("sources", []))
            if len({s.id for s in sources}) != len(sources):
                raise WorkspaceError("The workspace names the same source twice.")
            return cls(
                original=Article.from_dict(data["original"]),
                sources=sources,
                translations={
                    str(k): MachineTranslation.from_dict(v)
                    for k, v in dict(data.get("translations", {})).items()
                },
                edits={
                    str(k): {str(sk): str(sv) for sk, sv in dict(v).items()}
                    for k, v in dict(data.get("edits", {})).items()
                },
                settings=Settings.from_dict(dict(data.get("settings", {}))),
                review=Review.from_dict(data.get("review")),
            )
        except WorkspaceError:
            raise
        except InputError as exc:
            raise WorkspaceError(f"The workspace is damaged: {exc}") from exc
        except RecursionError as exc:
            raise WorkspaceError(
                "The workspace is damaged: its data is nested too deeply.") from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise WorkspaceError(f"The workspace is damaged or incomplete ({exc!r}).") from exc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def save(self, path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
        """Write atomically; refuses (before writing) a file `load` would refuse to read."""
        data = self.to_json().encode("utf-8")
        if len(data) > MAX_WORKSPACE_BYTES:
            raise WorkspaceError(
                f"The workspace is too large to save ({len(data) / 2**20:,.0f} MB; the limit "
                f"is {MAX_WORKSPACE_BYTES // 2**20} MB). Remove some sources and save again."
            )
        write_atomic(Path(path), data, inputs)

    @classmethod
    def load(cls, path: str | Path) -> Workspace:
        path = Path(path)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                # A FIFO or device would block or never end: only regular files are read.
                raise WorkspaceError(f"{path.name} is not a regular file.")
            if info.st_size > MAX_WORKSPACE_BYTES:
                raise WorkspaceError(
                    f"{path.name} is too large to be a workspace (over "
                    f"{MAX_WORKSPACE_BYTES // 2**20} MB).")
            with path.open("rb") as handle:
                # read(n) allocates n bytes up front: ask for what the file holds, not the limit.
                raw = handle.read(min(info.st_size, MAX_WORKSPACE_BYTES) + 1)
            if len(raw) > MAX_WORKSPACE_BYTES:
                raise WorkspaceError(f"{path.name} is too large to be a workspace.")
        except FileNotFoundError as exc:
            raise WorkspaceError(f"{path} does not exist.") from exc
        except OSError as exc:
            raise WorkspaceError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise WorkspaceError(
                f"{path.name} is damaged: it is not a readable workspace file."
            ) from exc
        except RecursionError as exc:
            raise WorkspaceError(f"{path.name} is damaged: its data is nested too deeply.") from exc
        return cls.from_dict(data)


_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process umask (reading it means setting it, so briefly, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_output_path(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """The file an output may really be written to, or an `OutputPathError` saying why not.

    An atomic save renames a temporary file over its target, so it must never be pointed at
    one of the command's own inputs, a device (`/dev/null`, `/dev/stdout`), a FIFO or a
    folder: the rename would replace them. A symlink to a regular file is followed, so the link
    stays and its target is updated. `-` is stdout, which callers handle before this.
    """
    given = Path(path)
    name = str(given)
    if name == "-":
        raise OutputPathError("'-' means standard output here; write to it directly.")
    real = Path(os.path.realpath(given))
    for candidate in (Path(os.path.abspath(given)), real):
        if candidate.parts[:2] == ("/", "dev"):
            raise OutputPathError(
                f"Will not write over the device {name}; use '-' to write to standard output.")
    try:
        info: os.stat_result | None = os.stat(real)
    except OSError:
        info = None  # missing (a new file) or unreachable: the write itself says why
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"{name} is a folder; give a file name to write to.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputPathError(
            f"Will not write over {name}: it is not a regular file (a device, FIFO or socket).")
    for source in inputs:
        if _same_file(real, Path(source)):
            raise OutputPathError(
                f"Will not write over {name}: it is one of this command's inputs.")
    return real


def write_atomic(path: Path, data: bytes, inputs: Iterable[str | Path] = ()) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    The target is checked first (`check_output_path`: never an input, a device or a folder).
    The new file keeps the replaced file's permissions; a new file gets the usual
    `0o666 & ~umask` (`mkstemp` alone would make every output 0600).
    """
    target = check_output_path(path, inputs)
    directory = target.parent
    tmp_name: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        _clean_stale_temps(target)
    except OSError as exc:
        raise WorkspaceError(
            f"Could not save {path.name}: {_os_reason(exc)}. The previous file is unchanged."
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


STALE_TEMP_S = 15 * 60


def _clean_stale_temps(target: Path) -> None:
    """Remove `.NAME.*.tmp` files a killed save left beside `target`. Only old ones: a
    younger one may belong to another process saving the same file right now."""
    cutoff = time.time() - STALE_TEMP_S
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and not leftover.is_symlink() and (
                    leftover.stat().st_mtime < cutoff):
                leftover.unlink()
                log.info("removed a temporary file left by an interrupted save: %s", leftover)


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{reason} (the folder is read-only or protected)"
    return reason
