"""widget_task: a result that arrives after its widget was deleted is dropped quietly."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from parallax.ui.tasks import TaskContext, tracker
from parallax.ui.widget_tasks import while_alive, widget_task


def test_late_result_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    release = threading.Event()
    delivered: list[object] = []

    def op(ctx: TaskContext) -> str:
        release.wait(10)
        return "late"

    widget_task(widget, op, delivered.append, key="widget-task-test").always(
        while_alive(widget, lambda: delivered.append("always"))).run()
    shiboken6.delete(widget)
    release.set()
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=10_000)
    assert delivered == []


def test_result_for_a_live_widget_arrives(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    delivered: list[object] = []
    widget_task(widget, lambda ctx: 42, delivered.append).run()
    qtbot.waitUntil(lambda: delivered == [42], timeout=10_000)
