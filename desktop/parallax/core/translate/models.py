"""Installed Argos model packages: list, install (validated first), remove, download.

A package is a zip (`.argosmodel`) holding one folder with `metadata.json`, a CTranslate2
`model/` folder and a `sentencepiece.model` (or `bpe.model`). Installing never trusts the zip:
entries that would land outside the target folder, symlinks, encrypted or exotic compression, a
missing `metadata.json` or a model that does not load are refused before anything reaches the
models folder, and the work folder is removed whatever happens.

An install is a transaction on exactly one language pair: the installed folder is named from
the validated metadata (`translate-zh_en`), never from the archive, and only packages for that
same pair are replaced. Removing is all-or-nothing: every folder of the pair is first renamed
aside, and only then deleted. Work folders that a killed install left behind (`.installing-*`,
`.replaced-*`, `.removing-*`, named with their process id) are cleaned at the next use.
Network access happens only in `download_index`/`download_model` (through downloads.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from parallax.core import paths
from parallax.core.errors import LanguagePairError, ModelPackageError, TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.downloads import (
    AvailableModel,  # re-exported: callers import it from here
    best_model,
    download_package,
    load_index,
)
from parallax.core.translate.engine import LanguagePair

log = logging.getLogger(__name__)

MAX_UNPACKED_BYTES = 4 * 1024**3  # far above any real package; stops zip bombs
MAX_ENTRIES = 10_000
MAX_METADATA_BYTES = 1024 * 1024
_WORK_PREFIX = ".installing-"
_OLD_PREFIX = ".replaced-"
_GONE_PREFIX = ".removing-"
_WORK_PREFIXES = (_WORK_PREFIX, _OLD_PREFIX, _GONE_PREFIX)
# Language codes as Argos names them (zh, en, pt-BR, zt): letters, digits and - or _ only, so a
# code can never carry a path separator into a folder name.
_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8}){0,2}$")
# Compression methods Python's zipfile reads; others (deflate64, PPMd, ...) are refused up front.
_KNOWN_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                      zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class InstalledModel:
    pair: LanguagePair
    version: str
    size_bytes: int
    path: Path
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"pair": str(self.pair), "source": self.pair.source, "target": self.pair.target,
                "version": self.version, "size_bytes": self.size_bytes,
                "path": str(self.path), "name": self.name}


def _models_dir(models_dir: Path | None) -> Path:
    if models_dir is None:
        return paths.models_dir()
    models_dir.mkdir(parents=True, exist_ok=True)
    return models_dir


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def read_metadata(folder: Path) -> dict[str, Any]:
    """The package's metadata.json, checked for what translation needs."""
    meta_path = folder / "metadata.json"
    try:
        if not meta_path.is_file():
            raise FileNotFoundError(meta_path)
        if meta_path.stat().st_size > MAX_METADATA_BYTES:
            raise ModelPackageError("The model package's metadata.json is implausibly large.")
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelPackageError(
            f"The model package has no metadata.json in {folder.name}; it is not an Argos package."
        ) from exc
    except RecursionError as exc:
        raise ModelPackageError(
            "The model package's metadata.json is nested too deeply; it is not Argos metadata."
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelPackageError(
            f"The model package's metadata.json is unreadable ({exc}); it may be damaged."
        ) from exc
    if not isinstance(data, dict):
        raise ModelPackageError("The model package's metadata.json is not an object.")
    if data.get("type", "translate") != "translate":
        raise ModelPackageError(
            f"This is a {data.get('type')!r} package, not a translation model."
        )
    for key in ("from_code", "to_code"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ModelPackageError(f"The model package's metadata.json lacks {key!r}.")
        if not _CODE.match(data[key].lower()):
            raise ModelPackageError(
                f"The model package's metadata.json has an invalid {key} ({data[key][:20]!r}).")
    return data


def _model_from_folder(folder: Path) -> InstalledModel:
    meta = read_metadata(folder)
    return InstalledModel(
        pair=LanguagePair(str(meta["from_code"]).lower(), str(meta["to_code"]).lower()),
        version=str(meta.get("package_version", "")),
        size_bytes=_folder_size(folder),
        path=folder,
        name=folder.name,
    )


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours (EPERM), or no such call (Windows): keep it
        return True
    return True


def clean_stale_work(models_dir: Path | None = None) -> list[str]:
    """Remove work folders left by installs and removals whose process is gone."""
    root = _models_dir(models_dir)
    cleaned: list[str] = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return cleaned
    for entry in entries:
        prefix = next((p for p in _WORK_PREFIXES if entry.name.startswith(p)), None)
        if prefix is None or entry.is_symlink() or not entry.is_dir():
            continue
        pid_text, _, original = entry.name[len(prefix):].partition("-")
        if pid_text.isdigit() and _pid_alive(int(pid_text)):
            continue  # another running Parallax is using it
        if prefix == _OLD_PREFIX and original and not (root / original).exists():
            # Killed between moving the old package aside and moving the new one in: the old
            # one is the only copy, so it goes back rather than away.
            with contextlib.suppress(OSError):
                entry.rename(root / original)
                log.info("restored %s, left aside by an interrupted install", original)
                continue
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            cleaned.append(entry.name)
            log.info("removed stale work folder %s", entry)
    return cleaned


def list_models(models_dir: Path | None = None) -> list[InstalledModel]:
    """Installed translation packages, sorted by pair; damaged folders are logged and skipped."""
    root = _models_dir(models_dir)
    found: list[InstalledModel] = []
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        raise TranslationError(
            f"Cannot read the models folder {root}: {exc.strerror or exc}.") from exc
    for folder in entries:
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            found.append(_model_from_folder(folder))
        except ModelPackageError as exc:
            log.warning("Skipping %s: %s", folder, exc)
    return sorted(found, key=lambda m: (m.pair.source, m.pair.target, m.name))


def find_model(pair: LanguagePair, models_dir: Path | None = None) -> InstalledModel | None:
    matches = [m for m in list_models(models_dir) if m.pair == pair]
    return matches[-1] if matches else None


# ---- installing ----------------------------------------------------------------------------


def _check_entries(zf: zipfile.ZipFile) -> str:
    """Refuse unsafe entries; return the package's single top-level folder name."""
    infos = zf.infolist()
    if not infos:
        raise ModelPackageError("The model package is empty.")
    if len(infos) > MAX_ENTRIES:
        raise ModelPackageError("The model package has too many files to be a model.")
    total = 0
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise ModelPackageError(
                f"The model package is encrypted ({name!r}); it cannot be read.")
        if info.compress_type not in _KNOWN_COMPRESSION:
            raise ModelPackageError(
                f"The model package uses a compression method Parallax cannot read ({name!r}).")
        if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            raise ModelPackageError(
                f"The model package is unsafe: entry {name!r} has an absolute path."
            )
        parts = tuple(p for p in PurePosixPath(name).parts if p != ".")
        if ".." in parts:
            raise ModelPackageError(
                f"The model package is unsafe: entry {name!r} points outside its folder."
            )
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ModelPackageError(
                f"The model package is unsafe: entry {name!r} is a symbolic link."
            )
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise ModelPackageError("The model package unpacks to an implausible size.")
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise ModelPackageError(
            "The model package must hold exactly one folder (with metadata.json inside)."
        )
    top = tops.pop()
    if not any(PurePosixPath(i.filename).parts[:1] == (top,) and len(
            PurePosixPath(i.filename).parts) > 1 for i in infos):
        raise ModelPackageError("The model package has no folder with metadata.json inside.")
    return top


def _extract(zf: zipfile.ZipFile, dest: Path) -> None:
    root = dest.resolve()
    for info in zf.infolist():
        target = (root / info.filename).resolve()
        if target != root and root not in target.parents:
            raise ModelPackageError(f"The model package is unsafe: {info.filename!r}.")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out, 1024 * 1024)


def check_loads(folder: Path) -> None:
    """Load the CTranslate2 model and the tokenizer once, as translation would."""
    import ctranslate2
    import sentencepiece

    model_dir = folder / "model"
    if not (model_dir / "model.bin").is_file():
        raise ModelPackageError("The model package has no model/model.bin.")
    try:
        ctranslate2.Translator(str(model_dir), device="cpu", compute_type="default",
                               inter_threads=1, intra_threads=1)
    except Exception as exc:  # CTranslate2 raises RuntimeError, IndexError, ... on bad files
        raise ModelPackageError(f"The translation model does not load: {exc}.") from exc
    sp_path = folder / "sentencepiece.model"
    if sp_path.is_file():
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        except Exception as exc:  # SentencePiece raises RuntimeError or OSError
            raise ModelPackageError(f"The tokenizer model does not load: {exc}.") from exc
    elif not (folder / "bpe.model").is_file():
        raise ModelPackageError("The model package has no sentencepiece.model or bpe.model.")
    from parallax.core.translate.argos_env import import_argos

    try:  # Argos itself must accept the package too: the engine reads it through Argos.
        import_argos().Package(folder)
    except Exception as exc:
        raise ModelPackageError(f"Argos Translate cannot read this package: {exc}.") from exc


def _folder_for(pair: LanguagePair, root: Path, same_pair: list[Path]) -> Path:
    """The installed folder's name, from the validated pair: `translate-zh_en`. A folder of
    that name that holds another pair (put there by hand) is left alone: a suffix is added."""
    base = f"translate-{pair.source}_{pair.target}"
    for n in range(1, 100):
        final = root / (base if n == 1 else f"{base}-{n}")
        if final in same_pair or not (final.exists() or final.is_symlink()):
            return final
        try:
            other = _model_from_folder(final)
        except ModelPackageError:
            return final  # our name for this pair, damaged (no metadata): replaced
        if other.pair == pair:
            return final
    raise TranslationError(f"Too many folders named {base} in {root}.")


def _writable_work_folder(root: Path, prefix: str) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=root))
    except OSError as exc:
        raise TranslationError(
            f"Cannot install into the models folder {root}: {exc.strerror or exc} "
            "(is it read-only?)."
        ) from exc


def install_model(path: str | Path, models_dir: Path | None = None) -> InstalledModel:
    """Validate an `.argosmodel` file and install it, replacing packages for the same pair only."""
    source = Path(path)
    try:
        root = _models_dir(models_dir)
    except OSError as exc:
        raise TranslationError(f"Cannot create the models folder: {exc.strerror or exc}.") from exc
    if not source.is_file():
        raise ModelPackageError(f"{source} does not exist or is not a file.")
    try:
        if not zipfile.is_zipfile(source):
            raise ModelPackageError(
                f"{source.name} is not an Argos model package (not a zip file).")
    except OSError as exc:
        raise ModelPackageError(f"Cannot read {source.name}: {exc.strerror or exc}.") from exc
    clean_stale_work(root)
    work = _writable_work_folder(root, _WORK_PREFIX)  # same disk: the move is atomic
    try:
        try:
            with zipfile.ZipFile(source) as zf:
                top = _check_entries(zf)
                _extract(zf, work)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError,
                RuntimeError, NotImplementedError, ValueError) as exc:
            # RuntimeError: encrypted entry; NotImplementedError: unknown compression.
            raise ModelPackageError(f"{source.name} is damaged or unreadable: {exc}.") from exc
        staged = work / top
        model = _model_from_folder(staged)
        check_loads(staged)
        same_pair = [m.path for m in list_models(root) if m.pair == model.pair]
        final = _folder_for(model.pair, root, same_pair)
        _move_into_place(staged, final, same_pair)
        log.info("Installed %s (%s) into %s", model.pair, model.version, final)
        return _model_from_folder(final)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _move_into_place(staged: Path, final: Path, replaced: list[Path]) -> None:
    """Swap the new package in; on failure put the previous ones back. `replaced` holds only
    folders of the same pair; `final` is either one of them, free, or a damaged folder of ours."""
    replaced = list(replaced)
    if (final.exists() or final.is_symlink()) and final not in replaced:
        replaced.append(final)  # our name for this pair, e.g. a damaged earlier install
    moved: list[tuple[Path, Path]] = []
    try:
        for old in replaced:
            aside = old.with_name(f"{_OLD_PREFIX}{os.getpid()}-{old.name}")
            old.rename(aside)
            moved.append((old, aside))
        os.replace(staged, final)
    except OSError as exc:
        for old, aside in reversed(moved):
            with contextlib.suppress(OSError):
                aside.rename(old)
        raise TranslationError(
            f"Could not install into {final.parent}: {exc.strerror or exc}. "
            "Nothing was changed."
        ) from exc
    for _, aside in moved:
        shutil.rmtree(aside, ignore_errors=True)


def remove_model(pair: LanguagePair | str, models_dir: Path | None = None) -> list[InstalledModel]:
    """Remove every installed package for `pair`, all or nothing; returns what was removed.

    Each folder is first renamed aside (atomic, and invisible to `list_models`); if any rename
    fails the others are put back and nothing is removed. Deleting the renamed folders comes
    last; what a failed delete leaves is hidden and cleaned at the next use.
    """
    wanted = LanguagePair.parse(pair) if isinstance(pair, str) else pair
    root = _models_dir(models_dir)
    clean_stale_work(root)
    removed = [m for m in list_models(root) if m.pair == wanted]
    if not removed:
        raise LanguagePairError(f"No model for {wanted} is installed.")
    moved: list[tuple[Path, Path]] = []
    try:
        for model in removed:
            aside = model.path.with_name(f"{_GONE_PREFIX}{os.getpid()}-{model.path.name}")
            model.path.rename(aside)
            moved.append((model.path, aside))
    except OSError as exc:
        for old, aside in reversed(moved):
            with contextlib.suppress(OSError):
                aside.rename(old)
        raise TranslationError(
            f"Could not remove the {wanted} model from {root}: {exc.strerror or exc}. "
            "Nothing was removed."
        ) from exc
    for _, aside in moved:
        shutil.rmtree(aside, ignore_errors=True)
    return removed


# ---- network (only when asked) -------------------------------------------------------------


def download_index(timeout: float = 15.0) -> list[AvailableModel]:
    """The Argos package index (network; the cached copy when offline: see downloads.py)."""
    return list(load_index(timeout).models)


def download_model(
    pair: LanguagePair | str,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 60.0,
    models_dir: Path | None = None,
) -> InstalledModel:
    """Download the newest package for `pair` in the Argos index (every mirror link in turn,
    resumed and verified: downloads.py), then install it (validated)."""
    wanted = LanguagePair.parse(pair) if isinstance(pair, str) else pair
    model = best_model(load_index(timeout), wanted)
    package = download_package(model, paths.cache_dir(), on_progress, cancel, timeout)
    try:
        return install_model(package, models_dir)
    finally:
        with contextlib.suppress(OSError):
            package.unlink()
