"""A worker thread that does one round of work at once when woken, else after a pause.

The print and mail workers are both this: a sale wakes them; otherwise they look again
after a delay of their choosing (backing off while a printer or server does not answer).
"""

from __future__ import annotations

import threading


class WakeableWorker:
    """Subclasses implement `_recover()` (once, at start) and `_round() -> next delay (s)`."""

    def __init__(self, thread_name: str, stop_timeout: float) -> None:
        self._thread_name = thread_name
        self._stop_timeout = stop_timeout
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=self._thread_name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Do a round now (after a sale, a reprint or a resend)."""
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self._stop_timeout if timeout is None else timeout)

    def _loop(self) -> None:
        self._recover()
        while not self._stop.is_set():
            self._wake.clear()
            delay = self._round()
            self._wake.wait(delay)

    def _recover(self) -> None:
        """Called once on the worker thread before the first round."""

    def _round(self) -> float:
        raise NotImplementedError
