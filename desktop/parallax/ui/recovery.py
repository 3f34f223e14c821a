"""Autosave and crash recovery.

While the open workspace has unsaved changes it is written (atomically) to
`recovery_dir()/autosave-N.parallax` a couple of seconds after each change and every minute; a
small `autosave-N.json` beside it remembers which file it belongs to. N is this running
instance's slot, held with a `QLockFile`, so two windows of Parallax never overwrite or delete
each other's recovery files. A clean save or a clean close removes both files. Files whose
slot no running instance holds (its lock is stale: the app crashed or was killed) are offered to
the user at the next start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QWidget

from parallax.core.errors import ParallaxError
from parallax.core.paths import recovery_dir
from parallax.core.workspace import Workspace, write_atomic
from parallax.ui.document import WorkspaceDocument
from parallax.ui.plain import Button, ask, warn

log = logging.getLogger(__name__)

AFTER_CHANGE_MS = 2000
PERIOD_MS = 60_000
MAX_SLOTS = 64
_AUTOSAVE = re.compile(r"^autosave-(\d+)\.parallax$")
# Slots this process holds, per recovery folder (tests switch folders).
_claimed: dict[Path, tuple[int, QLockFile]] = {}


def _lock(folder: Path, slot: int) -> QLockFile:
    lock = QLockFile(str(folder / f"autosave-{slot}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


def own_slot() -> int:
    """This instance's slot, claimed on first use: free, and with no orphaned work in it."""
    folder = recovery_dir()
    if folder in _claimed:
        return _claimed[folder][0]
    for slot in range(MAX_SLOTS):
        if (folder / f"autosave-{slot}.parallax").exists():
            continue  # someone's work (running or crashed): leave it for recovery
        lock = _lock(folder, slot)
        if lock.tryLock(0):
            _claimed[folder] = (slot, lock)
            return slot
    raise ParallaxError("Too many Parallax windows are open to autosave this one.")


def autosave_path(slot: int | None = None) -> Path:
    return recovery_dir() / f"autosave-{own_slot() if slot is None else slot}.parallax"


def _meta_path(slot: int | None = None) -> Path:
    return recovery_dir() / f"autosave-{own_slot() if slot is None else slot}.json"


@dataclass(frozen=True)
class Recovered:
    """What a previous run left behind."""

    workspace: Workspace
    original_path: Path | None  # the file the user was editing, if it had one
    saved_at: str
    slot: int = -1


def autosave_files() -> list[Path]:
    """Every autosave in the recovery folder, this instance's and others'."""
    folder = recovery_dir()
    return sorted(p for p in folder.iterdir() if _AUTOSAVE.match(p.name))


def _orphaned_slot() -> int | None:
    """A slot with autosaved work that no running instance holds, locked for us to examine."""
    folder = recovery_dir()
    own = _claimed.get(folder, (None,))[0]
    for path in autosave_files():
        slot = int(_AUTOSAVE.match(path.name).group(1))  # type: ignore[union-attr]
        if slot == own:
            continue
        lock = _lock(folder, slot)
        if lock.tryLock(0):
            lock.unlock()
            return slot
    return None


def pending_recovery() -> Path | None:
    """An autosave left by an instance that is no longer running, if any."""
    slot = _orphaned_slot()
    return None if slot is None else autosave_path(slot)


SetAside = Callable[[Path, str], None]  # (where the unreadable autosave now is, why)


def _set_aside(slot: int) -> Path:
    """Move an autosave this version cannot read out of the way, never deleting it: it may be
    from a newer Parallax, or salvageable by hand."""
    folder = recovery_dir() / "unreadable"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    kept = folder / f"autosave-{stamp}-{slot}.parallax"
    os.replace(autosave_path(slot), kept)
    with contextlib.suppress(OSError):
        os.replace(_meta_path(slot), kept.with_suffix(".json"))
    return kept


def load_recovery(on_set_aside: SetAside | None = None) -> Recovered | None:
    """The orphaned autosave, or None. One that cannot be read is moved to
    `recovery_dir()/unreadable/` (and `on_set_aside` told where and why), never deleted."""
    slot = _orphaned_slot()
    if slot is None:
        return None
    path = autosave_path(slot)
    try:
        workspace = Workspace.load(path)
    except ParallaxError as exc:
        try:
            kept = _set_aside(slot)
        except OSError as move_exc:
            # Leave it where it is (it will be offered again) rather than lose it.
            log.warning("cannot read autosave %s (%s) nor move it: %s", path, exc, move_exc)
            return None
        log.warning("unreadable autosave %s kept as %s: %s", path, kept, exc)
        if on_set_aside is not None:
            on_set_aside(kept, str(exc))
        return None
    original: Path | None = None
    saved_at = ""
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, RecursionError):
        meta = json.loads(_meta_path(slot).read_text(encoding="utf-8"))
        original = Path(meta["path"]) if meta.get("path") else None
        saved_at = str(meta.get("saved", ""))
    return Recovered(workspace, original, saved_at, slot)


def discard_recovery(slot: int | None = None) -> None:
    """Remove this instance's autosave (or another slot's, once it has been dealt with)."""
    for path in (autosave_path(slot), _meta_path(slot)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_recovery(workspace: Workspace, original_path: Path | None,
                   slot: int | None = None) -> Path:
    target = autosave_path(slot)
    meta = {
        "path": str(original_path) if original_path else None,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    # The workspace first: a meta file without a workspace is never read.
    workspace.save(target)
    write_atomic(_meta_path(slot), json.dumps(meta).encode("utf-8"))
    return target


RecoveryDecision = Callable[[Recovered], bool]


def ask_to_restore(parent: QWidget | None) -> RecoveryDecision:
    """The default decision: a question box."""

    def decide(recovered: Recovered) -> bool:
        name = recovered.original_path.name if recovered.original_path else (
            recovered.workspace.original.title)
        text = QCoreApplication.translate(
            "Recovery",
            "Parallax did not close normally last time. Unsaved changes to “{0}” were "
            "recovered. Restore them?"
        ).format(name)
        # The name is a file name or an article's title: plain text, never markup.
        answer = ask(parent, QCoreApplication.translate("Recovery", "Restore unsaved work"),
                     text)
        return answer == Button.Yes

    return decide


def tell_set_aside(parent: QWidget | None) -> SetAside:
    """The default notice for an autosave that could not be read: where it was kept."""

    def tell(kept: Path, reason: str) -> None:
        warn(parent, QCoreApplication.translate("Recovery", "Unsaved work not restored"),
             QCoreApplication.translate(
                 "Recovery", "Unsaved work from last time could not be read ({0}). It was "
                 "kept, not deleted, as {1}.").format(reason, kept))

    return tell


def offer_recovery(decide: RecoveryDecision,
                   on_set_aside: SetAside | None = None) -> Recovered | None:
    """If a previous run left unsaved work, ask `decide`; returns it when accepted.

    Declined work is discarded: asking again on every start would only nag. Work that cannot
    be read is moved aside and reported to `on_set_aside`.
    """
    recovered = load_recovery(on_set_aside)
    if recovered is None:
        return None
    restore = decide(recovered)
    # Either way the old slot is done with: restored work is unsaved in this instance, whose
    # autosaver writes it to its own slot.
    discard_recovery(recovered.slot)
    if restore:
        log.info("restoring autosaved workspace")
        return recovered
    return None


class Autosaver(QObject):
    """Writes the document's workspace to the recovery file while it has unsaved changes."""

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None, *,
                 after_change_ms: int = AFTER_CHANGE_MS, period_ms: int = PERIOD_MS) -> None:
        super().__init__(parent)
        self._document = document
        self._written: Workspace | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(after_change_ms)
        self._soon.timeout.connect(self.save_now)
        self._periodic = QTimer(self)
        self._periodic.setInterval(period_ms)
        self._periodic.timeout.connect(self.save_now)
        self._periodic.start()
        document.workspace_changed.connect(self._on_changed)
        document.dirty_changed.connect(self._on_dirty)

    def _on_changed(self, _workspace: object) -> None:
        if self._document.dirty:
            self._soon.start()

    def _on_dirty(self, dirty: bool) -> None:
        if dirty:
            self._soon.start()
        else:
            self._soon.stop()
            self.clear()

    def save_now(self) -> None:
        document = self._document
        if not document.dirty or document.workspace is self._written:
            return
        try:
            write_recovery(document.workspace, document.path)
        except ParallaxError as exc:
            # Not worth a dialog every minute; the user's own save still reports errors.
            log.warning("autosave failed: %s", exc)
            return
        self._written = document.workspace
        log.debug("autosaved to %s", autosave_path())

    def clear(self) -> None:
        """The work is saved or deliberately dropped: nothing to recover any more."""
        self._soon.stop()
        self._written = None
        discard_recovery()
