"""The one way the UI runs core work off the GUI thread.

Modelled on a fluent "query op": build a `Task` with the work (`op`, run on a pool thread) and
what to do with its result (`success`, run on the GUI thread), optionally `.failure(...)`,
`.on_progress(...)`, then `.run()`. If `parent` is deleted before the work ends (a dialog the user
closed), the result is dropped: no callback runs on a dead widget, and the tracker still ends.

    Task(self, op=lambda ctx: pipeline.run(ws, None, options, ctx.progress, ctx.cancel),
         success=self.show_result, key="compare").run()

Never touch widgets inside `op`: it runs on another thread. Progress is reported through
`ctx.progress(done, total)` and arrives on the GUI thread. A task started with the same `key` as
a running one cancels it; results of a superseded or cancelled task are dropped, so a slow old
result can never overwrite a newer one.

The module's state is the process's, not a document's: one relay and one tracker (Qt objects,
made and used on the GUI thread only, where every Task starts and every result arrives), the
request counter (`itertools.count`, whose `next` is atomic) and the collector's settings
(changed by the tracker, so on the GUI thread too). Per-document data lives in
`ui.presentation`, never here.
"""

from __future__ import annotations

import gc
import itertools
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from parallax.core.errors import Cancelled, ParallaxError, describe
from parallax.core.progress import CancelToken

log = logging.getLogger(__name__)
T = TypeVar("T")
_ids = itertools.count(1)


@dataclass
class TaskContext:
    """What `op` receives: a cancel token and a thread-safe progress reporter."""

    cancel: CancelToken
    progress: Callable[[int, int], None]


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the pool arrive there (queued).

    One for the whole process, connected once to module functions that find the task by its
    request id. A worker thread therefore never holds a `Task` (nor a relay that could die
    with it): when the last reference to a Task went away on a pool thread, PySide tore down
    its signal connections there, racing the GUI thread (a rare crash in long test runs).
    """

    progressed = Signal(int, int, int)  # request id, done, total
    finished = Signal(int, object)  # request id, result
    failed = Signal(int, object)  # request id, exception


_the_relay: _Relay | None = None


def _relay() -> _Relay:
    global _the_relay
    if _the_relay is None or not shiboken6.isValid(_the_relay):
        relay = _Relay(QCoreApplication.instance())
        relay.progressed.connect(_deliver_progress)
        relay.finished.connect(_deliver_result)
        relay.failed.connect(_deliver_failure)
        _the_relay = relay
    return _the_relay


def _task(request_id: int) -> Any:
    return tracker().task(request_id)


def _deliver_progress(request_id: int, done: int, total: int) -> None:
    task = _task(request_id)
    if task is not None:
        task._on_progress(request_id, done, total)


def _deliver_result(request_id: int, result: object) -> None:
    task = _task(request_id)
    if task is not None:
        task._on_finished(request_id, result)


def _deliver_failure(request_id: int, exc: object) -> None:
    task = _task(request_id)
    if task is not None:
        task._on_failed(request_id, exc)


class TaskTracker(QObject):
    """Counts running tasks and remembers the newest request per key."""

    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._running: dict[int, CancelToken] = {}
        self._latest: dict[str, int] = {}
        # Callers may drop their Task; it must live until its result has been delivered.
        self._alive: dict[int, object] = {}

    def keep_alive(self, request_id: int, task: object) -> None:
        self._alive[request_id] = task

    def task(self, request_id: int) -> object | None:
        return self._alive.get(request_id)

    def start(self, request_id: int, key: str | None, token: CancelToken) -> None:
        if key is not None:
            previous = self._latest.get(key)
            if previous is not None and previous in self._running:
                self._running[previous].cancel()
            self._latest[key] = request_id
        was_idle = not self._running
        self._running[request_id] = token
        if was_idle:
            hold_full_collections(True)
            self.busy_changed.emit(True)

    def is_current(self, request_id: int, key: str | None) -> bool:
        return key is None or self._latest.get(key) == request_id

    def done(self, request_id: int) -> None:
        self._running.pop(request_id, None)
        self._alive.pop(request_id, None)
        if not self._running:
            hold_full_collections(False)
            self.busy_changed.emit(False)
            self.idle.emit()

    def cancel_all(self) -> None:
        for token in self._running.values():
            token.cancel()

    @property
    def active(self) -> int:
        return len(self._running)


_tracker: TaskTracker | None = None


def tracker() -> TaskTracker:
    global _tracker
    if _tracker is None:
        _tracker = TaskTracker()
    return _tracker


def user_message(exc: BaseException) -> str:
    """The one message shown for any failure: ours verbatim, anything else summarised."""
    if isinstance(exc, ParallaxError):
        return str(exc)
    described = describe(exc)
    if described is not None:
        return f"{described} Your work is unchanged."
    return (
        f"Something went wrong ({type(exc).__name__}: {exc}). "
        "Your work is unchanged; details are in the log file."
    )


SWITCH_INTERVAL_S = 0.0005


def share_interpreter() -> None:
    """Let the GUI thread have the interpreter back quickly while work runs beside it.

    Qt calls from Python release the GIL, and taking it back waits for the running thread to
    be asked to let go, which Python does after its switch interval (5 ms by default). A GUI
    thread making hundreds of Qt calls while a comparison runs in Python on a worker therefore
    waited seconds; a shorter interval costs the worker little and only under contention.
    """
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


_heap_frozen = False
_held_threshold: int | None = None  # the oldest generation's threshold while held


def hold_full_collections(hold: bool) -> None:
    """No full garbage collection while background work runs; young ones go on.

    A full collection walks every object alive, holding the interpreter lock: in the middle of
    a comparison of a long article that is a million objects and 150-350 ms in which the GUI
    thread cannot run. The young generations still reclaim almost every cycle; whatever
    reaches the oldest one waits until the work is done (then the usual threshold is back).
    """
    global _held_threshold
    young, middle, oldest = gc.get_threshold()
    if hold and _held_threshold is None:
        _held_threshold = oldest
        gc.set_threshold(young, middle, 1 << 30)
    elif not hold and _held_threshold is not None:
        gc.set_threshold(young, middle, _held_threshold)
        _held_threshold = None


def freeze_startup_heap() -> None:
    """Take what is alive now out of the garbage collector's sight, once per process.

    A full collection walks every tracked object while holding the interpreter lock: with the
    comparison's dictionaries and the window loaded that is some 400,000 objects and 150-350
    ms during which neither the GUI thread nor a worker runs. Those objects live as long as
    the process, so once the first comparison is on screen they are frozen (`gc.freeze`), and
    later collections walk only what was made after.
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.freeze()


class Task(Generic[T]):
    def __init__(
        self,
        parent: QObject,
        op: Callable[[TaskContext], T],
        success: Callable[[T], None],
        key: str | None = None,
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[int, int], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._finally: Callable[[], None] | None = None
        self.key = key
        self.token = CancelToken()
        self.request_id = next(_ids)

    def failure(self, callback: Callable[[BaseException], None]) -> Task[T]:
        self._failure = callback
        return self

    def on_progress(self, callback: Callable[[int, int], None]) -> Task[T]:
        self._progress = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> Task[T]:
        self._cancelled = callback
        return self

    def always(self, callback: Callable[[], None]) -> Task[T]:
        """Run after success, failure or cancel (e.g. hide a progress bar)."""
        self._finally = callback
        return self

    def cancel(self) -> None:
        self.token.cancel()

    def run(self, pool: QThreadPool | None = None) -> Task[T]:
        share_interpreter()
        # The relay hangs off the application, which outlives every widget, so a result can
        # always be delivered (and dropped) even when `parent` has been deleted meanwhile.
        relay = _relay()
        track = tracker()
        track.start(self.request_id, self.key, self.token)
        track.keep_alive(self.request_id, self)  # until its result is delivered
        request_id, op = self.request_id, self._op  # the worker holds these, never `self`
        ctx = TaskContext(
            cancel=self.token,
            progress=lambda done, total: relay.progressed.emit(request_id, done, total),
        )

        def work() -> None:
            try:
                result = op(ctx)
            except Exception as exc:  # every failure is reported on the GUI thread
                if not isinstance(exc, ParallaxError):
                    log.error("background task failed:\n%s", traceback.format_exc())
                relay.failed.emit(request_id, exc)
            else:
                relay.finished.emit(request_id, result)

        # A plain callable, not a QRunnable subclass: the pool deletes auto-delete runnables
        # from its own thread, which races with Python's ownership of a subclass's wrapper.
        (pool or QThreadPool.globalInstance()).start(work)
        return self

    # ---- GUI-thread side -----------------------------------------------------------------
    def _parent_alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _current(self) -> bool:
        return not self.token.cancelled and tracker().is_current(self.request_id, self.key)

    def _on_progress(self, request_id: int, done: int, total: int) -> None:
        if self._progress is not None and self._current() and self._parent_alive():
            self._progress(done, total)

    def _on_finished(self, request_id: int, result: Any) -> None:
        try:
            if not self._parent_alive():
                return
            if self._current():
                self._success(result)
            elif self._cancelled is not None:
                self._cancelled()
        finally:
            self._end()

    def _on_failed(self, request_id: int, exc: BaseException) -> None:
        try:
            if not self._parent_alive():
                return
            if isinstance(exc, Cancelled) or self.token.cancelled:
                if self._cancelled is not None:
                    self._cancelled()
            elif not tracker().is_current(self.request_id, self.key):
                pass  # superseded: nobody wants this error
            elif self._failure is not None:
                self._failure(exc)
            else:
                show_error(self._parent, exc)
        finally:
            self._end()

    def _end(self) -> None:
        try:
            if self._finally is not None and self._parent_alive():
                self._finally()
        finally:
            tracker().done(self.request_id)


# Set for unattended runs (screenshots): nobody is there to close a dialog, so errors are
# collected here and reported on exit instead of blocking the event loop in a modal box.
_unattended_errors: list[str] | None = None


def run_unattended() -> list[str]:
    """From now on errors are logged and collected, not shown; returns the collection."""
    global _unattended_errors
    _unattended_errors = []
    return _unattended_errors


def report_unattended(message: str) -> bool:
    """Collect `message` if this run is unattended; False when a dialog should show it."""
    if _unattended_errors is None:
        return False
    log.error("%s", message)
    _unattended_errors.append(message)
    return True


def show_error(parent: QObject, exc: BaseException, title: str = "Parallax") -> None:
    """A dialog with a message the user can act on, never a traceback."""
    from PySide6.QtWidgets import QWidget

    from parallax.ui.plain import warn

    if report_unattended(user_message(exc)):
        return
    widget = parent if isinstance(parent, QWidget) else None
    # Errors quote file names, zip entries and titles: plain text, never markup.
    warn(widget, title, user_message(exc))
