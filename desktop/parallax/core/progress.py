"""Progress reporting and cancellation for long work, shared by the CLI and the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable

from parallax.core.errors import Cancelled

ProgressCallback = Callable[[int, int], None]
"""Called with (done, total) as work advances."""


class CancelToken:
    """Set from any thread; long work checks it between units and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

