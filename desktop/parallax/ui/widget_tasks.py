"""Tasks started by widgets that may be closed before the work ends.

`Task` delivers through a relay parented to its `parent`; when that parent is a dialog the user
closes (and Qt deletes) mid-work, the pool thread has nowhere to deliver. Here the relay hangs
off the application, which outlives every widget, and each callback first checks that its
widget still exists, so a late result is simply dropped and the task tracker still ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from parallax.ui.tasks import Task, TaskContext

T = TypeVar("T")


def while_alive(widget: QObject, callback: Callable[..., None]) -> Callable[..., None]:
    """`callback`, or nothing at all once `widget` has been deleted."""

    def call(*args: object) -> None:
        if shiboken6.isValid(widget):
            callback(*args)

    return call


def widget_task(
    widget: QObject,
    op: Callable[[TaskContext], T],
    success: Callable[[T], None],
    key: str | None = None,
) -> Task[T]:
    """A `Task` for `widget`; add callbacks with `while_alive(widget, ...)` too."""
    owner = QCoreApplication.instance() or widget
    return Task(owner, op, while_alive(widget, success), key=key)
