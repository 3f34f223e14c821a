"""ui/tasks.py: work runs off the GUI thread; progress, cancel, stale results and errors."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from parallax.core.errors import InputError
from parallax.ui.tasks import Task, TaskContext, tracker, user_message


def wait_idle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=5000)


def test_op_runs_off_the_gui_thread_and_success_on_it(qtbot: QtBot) -> None:
    parent = QObject()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def op(ctx: TaskContext) -> int:
        seen["op_thread"] = threading.current_thread()
        seen["op_is_gui"] = QThread.currentThread() is gui
        for i in range(3):
            ctx.progress(i + 1, 3)
        return 42

    progress: list[tuple[int, int]] = []

    def success(value: int) -> None:
        seen["value"] = value
        seen["success_is_gui"] = QThread.currentThread() is gui

    Task(parent, op, success).on_progress(lambda d, t: progress.append((d, t))).run()
    wait_idle(qtbot)
    assert seen["value"] == 42
    assert seen["op_is_gui"] is False
    assert seen["op_thread"] is not threading.main_thread()
    assert seen["success_is_gui"] is True
    assert progress == [(1, 3), (2, 3), (3, 3)]


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot: QtBot) -> None:
    parent = QObject()
    results: list[str] = []
    release = threading.Event()

    def slow(ctx: TaskContext) -> str:
        release.wait(2)
        return "old"

    old = Task(parent, slow, results.append, key="compare").run()
    Task(parent, lambda ctx: "new", results.append, key="compare").run()
    release.set()
    wait_idle(qtbot)
    assert results == ["new"]
    assert old.token.cancelled


def test_cancel_calls_on_cancelled_not_success(qtbot: QtBot) -> None:
    parent = QObject()
    outcome: list[str] = []

    def op(ctx: TaskContext) -> str:
        while not ctx.cancel.cancelled:
            time.sleep(0.01)
        ctx.cancel.raise_if_cancelled()
        return "done"

    task = Task(parent, op, lambda v: outcome.append("success")).on_cancelled(
        lambda: outcome.append("cancelled")).always(lambda: outcome.append("always"))
    task.run()
    task.cancel()
    wait_idle(qtbot)
    assert outcome == ["cancelled", "always"]


def test_errors_reach_the_failure_callback_as_one_message(qtbot: QtBot) -> None:
    parent = QObject()
    errors: list[str] = []

    def bad_input(ctx: TaskContext) -> None:
        raise InputError("The file is empty.")

    def bug(ctx: TaskContext) -> None:
        raise ZeroDivisionError("division by zero")

    Task(parent, bad_input, lambda v: None).failure(lambda e: errors.append(user_message(e))).run()
    wait_idle(qtbot)
    Task(parent, bug, lambda v: None).failure(lambda e: errors.append(user_message(e))).run()
    wait_idle(qtbot)
    assert errors[0] == "The file is empty."
    assert "ZeroDivisionError" in errors[1]
    assert "Traceback" not in errors[1]


def test_a_deleted_parent_drops_the_result_and_the_tracker_still_ends(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    release = threading.Event()
    delivered: list[str] = []

    def op(ctx: TaskContext) -> str:
        release.wait(2)
        return "late"

    Task(widget, op, delivered.append).always(lambda: delivered.append("always")).run()
    widget.deleteLater()
    qtbot.wait(50)  # let the deletion happen while the work is still running
    release.set()
    wait_idle(qtbot)
    assert delivered == []


def test_os_and_nesting_errors_say_what_happened() -> None:
    message = user_message(PermissionError(13, "Permission denied", "/srv/a.txt"))
    assert "/srv/a.txt" in message and "Permission denied" in message
    assert "nested too deeply" in user_message(RecursionError("maximum recursion depth"))
    assert "Something went wrong (KeyError" in user_message(KeyError("bug"))
