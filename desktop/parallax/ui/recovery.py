"""Autosave and crash recovery.

While the open workspace has unsaved changes it is written (atomically) to
`recovery_dir()/autosave.parallax` a couple of seconds after each change and every minute; a
small `autosave.json` beside it remembers which file it belongs to. A clean save or a clean
close removes both. If they still exist at the next start, the app crashed or was killed with
unsaved work, and the user is offered the recovered workspace.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from parallax.core.errors import ParallaxError
from parallax.core.paths import recovery_dir
from parallax.core.workspace import Workspace, write_atomic
from parallax.ui.document import WorkspaceDocument

log = logging.getLogger(__name__)

AUTOSAVE_NAME = "autosave.parallax"
META_NAME = "autosave.json"
AFTER_CHANGE_MS = 2000
PERIOD_MS = 60_000


def autosave_path() -> Path:
    return recovery_dir() / AUTOSAVE_NAME


def _meta_path() -> Path:
    return recovery_dir() / META_NAME


@dataclass(frozen=True)
class Recovered:
    """What a previous run left behind."""

    workspace: Workspace
    original_path: Path | None  # the file the user was editing, if it had one
    saved_at: str


def pending_recovery() -> Path | None:
    path = autosave_path()
    return path if path.is_file() else None


def load_recovery() -> Recovered | None:
    """The autosaved workspace, or None; a damaged autosave is logged and discarded."""
    path = pending_recovery()
    if path is None:
        return None
    try:
        workspace = Workspace.load(path)
    except ParallaxError as exc:
        log.warning("discarding unreadable autosave %s: %s", path, exc)
        discard_recovery()
        return None
    original: Path | None = None
    saved_at = ""
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
        meta = json.loads(_meta_path().read_text(encoding="utf-8"))
        original = Path(meta["path"]) if meta.get("path") else None
        saved_at = str(meta.get("saved", ""))
    return Recovered(workspace, original, saved_at)


def discard_recovery() -> None:
    for path in (autosave_path(), _meta_path()):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_recovery(workspace: Workspace, original_path: Path | None) -> Path:
    target = autosave_path()
    meta = {
        "path": str(original_path) if original_path else None,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    # The workspace first: a meta file without a workspace is never read.
    workspace.save(target)
    write_atomic(_meta_path(), json.dumps(meta).encode("utf-8"))
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
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Recovery", "Restore unsaved work"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    return decide


def offer_recovery(decide: RecoveryDecision) -> Recovered | None:
    """If a previous run left unsaved work, ask `decide`; returns it when accepted.

    Declined work is discarded: asking again on every start would only nag.
    """
    recovered = load_recovery()
    if recovered is None:
        return None
    if decide(recovered):
        log.info("restoring autosaved workspace")
        return recovered
    discard_recovery()
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
