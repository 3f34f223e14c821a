"""Autosave and crash recovery: an app killed mid-edit offers its work at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.document import WorkspaceDocument
from parallax.ui.recovery import (
    Autosaver,
    Recovered,
    autosave_files,
    autosave_path,
    load_recovery,
    pending_recovery,
    write_recovery,
)

WindowFactory = Callable[..., Any]
EDIT = "A hand edit made just before the crash."

# Drives the real app: opens the sample, makes a hand edit the way the Edit dialog does,
# then keeps running until the test kills it.
CRASHING_APP = textwrap.dedent(f"""
    import sys
    from parallax.core.samples import sample_workspace
    from parallax.ui.app import create_application
    from parallax.ui.main_window import MainWindow
    from parallax.ui.theme import apply_theme

    app = create_application(sys.argv)
    apply_theme("light")
    window = MainWindow(sample_workspace(), translate_on_open=False, compare=False)
    window.show()
    window.translation.edit("original", "s1", {EDIT!r})
    print("edited", flush=True)
    app.exec()
""")


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("PARALLAX_HOME", str(home))
    return home


@pytest.mark.slow
def test_killed_mid_edit_then_restart_offers_the_edit(
        home: Path, make_window: WindowFactory, qtbot: QtBot) -> None:
    env = {**os.environ, "PARALLAX_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", CRASHING_APP], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not autosave_files():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no autosave appeared"
            time.sleep(0.1)
        time.sleep(0.3)  # the meta file is written right after the workspace
        assert pending_recovery() is None  # its instance is still running: not offered
    finally:
        process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        process.wait(10)
    if sys.platform != "win32":
        assert process.returncode == -signal.SIGKILL

    offered: list[Recovered] = []

    def accept(recovered: Recovered) -> bool:
        offered.append(recovered)
        return True

    window = make_window(autosave=True)
    assert window.restore_if_wanted(accept)
    assert len(offered) == 1
    workspace = window.document.workspace
    assert workspace.edits[ORIGINAL]["s1"] == EDIT
    assert workspace.translation_text(ORIGINAL, "s1") == EDIT
    assert window.document.dirty  # restored work is unsaved until the user saves it
    assert window.isWindowModified()


def test_declined_recovery_is_discarded(home: Path, sample_ws: Workspace,
                                        make_window: WindowFactory) -> None:
    write_recovery(sample_ws.with_edit(ORIGINAL, "s2", "x"), None, slot=7)  # a crashed run's
    assert pending_recovery() == autosave_path(7)
    window = make_window()
    offered: list[Recovered] = []

    def decline(recovered: Recovered) -> bool:
        offered.append(recovered)
        return False

    assert not window.restore_if_wanted(decline)
    assert len(offered) == 1
    assert pending_recovery() is None
    assert not autosave_path(7).exists()
    assert ORIGINAL not in window.document.workspace.edits


def test_two_running_instances_keep_their_own_autosaves(home: Path, sample_ws: Workspace,
                                                        qtbot: QtBot) -> None:
    # Another live instance: a subprocess that claims a slot and autosaves, then waits.
    other = textwrap.dedent("""
        import sys, time
        from parallax.core.samples import sample_workspace
        from parallax.ui.recovery import write_recovery
        print(write_recovery(sample_workspace(with_sources=False), None), flush=True)
        sys.stdin.readline()
    """)
    env = {**os.environ, "PARALLAX_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", other], env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        theirs = Path(process.stdout.readline().strip())
        document = WorkspaceDocument(sample_ws, compare=False)
        saver = Autosaver(document, after_change_ms=20)
        document.apply_edit(ORIGINAL, "s3", "mine")
        qtbot.waitUntil(lambda: autosave_path().exists(), timeout=5000)
        assert autosave_path() != theirs
        assert pending_recovery() is None  # neither is offered while both run
        saver.clear()  # a clean close here ...
        assert theirs.exists()  # ... leaves the other instance's recovery file alone
    finally:
        process.kill()
        process.wait(10)
    assert pending_recovery() == theirs  # once it is gone, its work is offered


def test_autosave_after_a_change_and_removed_on_save(
        home: Path, sample_ws: Workspace, qtbot: QtBot, tmp_path: Path) -> None:
    document = WorkspaceDocument(sample_ws, compare=False)
    saver = Autosaver(document, after_change_ms=50, period_ms=60_000)
    document.apply_edit(ORIGINAL, "s3", "edited")
    qtbot.waitUntil(lambda: autosave_path().exists(), timeout=5000)
    autosaved = Workspace.load(autosave_path())
    assert autosaved.edits[ORIGINAL]["s3"] == "edited"

    document.save(tmp_path / "saved.parallax")
    assert not document.dirty
    assert not autosave_path().exists()
    saver.deleteLater()


def test_undo_back_to_clean_removes_the_autosave(home: Path, sample_ws: Workspace,
                                                  qtbot: QtBot) -> None:
    document = WorkspaceDocument(sample_ws, compare=False)
    Autosaver(document, document, after_change_ms=20)
    document.apply_edit(ORIGINAL, "s3", "edited")
    qtbot.waitUntil(lambda: autosave_path().exists(), timeout=5000)
    document.undo_stack.undo()
    assert not document.dirty
    assert not autosave_path().exists()


def test_a_damaged_autosave_is_ignored(home: Path) -> None:
    path = autosave_path(5)  # left by a crashed run
    path.write_text("{not json", "utf-8")
    assert load_recovery() is None
    assert not path.exists()


def test_a_restored_document_starts_unsaved(home: Path, sample_ws: Workspace,
                                            tmp_path: Path) -> None:
    document = WorkspaceDocument(sample_ws, None, compare=False, dirty=True)
    assert document.dirty
    document.save(tmp_path / "restored.parallax")
    assert not document.dirty


def test_an_unreadable_autosave_is_moved_aside_and_reported(home: Path) -> None:
    """A newer format (or damage) is never deleted: it is kept under unreadable/, and said."""
    from parallax.ui.recovery import offer_recovery

    path = autosave_path(7)  # left by a crashed run of a newer Parallax
    newer = b'{"format": "parallax-workspace", "version": 99, "original": {}}'
    path.write_bytes(newer)
    told: list[tuple[Path, str]] = []
    asked: list[Recovered] = []

    def accept(recovered: Recovered) -> bool:
        asked.append(recovered)
        return True

    assert offer_recovery(accept, lambda kept, why: told.append((kept, why))) is None
    assert not asked and not path.exists()
    [(kept, why)] = told
    assert kept.parent == path.parent / "unreadable" and kept.read_bytes() == newer
    assert "newer Parallax" in why
    assert pending_recovery() is None  # not offered again at the next start


def test_an_unreadable_autosave_offered_from_the_window_is_kept_and_reported(
        home: Path, sample_ws: Workspace, make_window: WindowFactory) -> None:
    write_recovery(sample_ws, None, slot=9)
    autosave_path(9).write_bytes(b"\x00 not a workspace")
    window = make_window()
    told: list[tuple[Path, str]] = []
    assert not window.restore_if_wanted(lambda recovered: True,
                                        lambda kept, why: told.append((kept, why)))
    [(kept, why)] = told
    assert kept.is_file() and kept.read_bytes() == b"\x00 not a workspace"
    assert why and pending_recovery() is None
