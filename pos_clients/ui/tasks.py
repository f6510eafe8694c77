"""Running database and device work off the UI thread, with results back on it.

`TaskRunner.run(fn, on_done, on_error, owner=widget)` runs `fn()` on one worker thread (so
database work is serialised, as SQLite wants) and calls `on_done(result)` or `on_error(exc)` on
the UI thread, unless `owner` was deleted meanwhile (a dialog closed before its query ended).
Tests use `SyncTaskRunner`, which runs everything at once on the calling thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def alive(obj: QObject) -> bool:
    """Whether the C++ side of `obj` still exists (not deleted by Qt)."""
    from shiboken6 import isValid

    return bool(isValid(obj))


class TaskRunner(QObject):
    """Runs callables on one background thread; callbacks come back on the UI thread.

    Signals:
        _finished(int, object, object): a task ended (id, result, exception), internal.
    """

    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-db")
        self._callbacks: dict[int, tuple[Done | None, Failed | None, QObject | None]] = {}
        self._ids = itertools.count()
        # Queued even when the task ended before run() returned: a callback never runs inside
        # run() itself, so callers may rely on their state being set up after run().
        self._finished.connect(self._on_task_finished, Qt.ConnectionType.QueuedConnection)
        self._side: TaskRunner | None = None

    def side(self) -> TaskRunner:
        """A second runner, with its own thread, for slow reads that must never hold up this
        one's queue (counting a million matches while the next keystroke's page is asked)."""
        if self._side is None:
            self._side = TaskRunner(self)
        return self._side

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error, owner)
        future = self._pool.submit(fn)

        def _report(f: Future[T]) -> None:
            exc = f.exception()
            self._finished.emit(task_id, None if exc else f.result(), exc)

        future.add_done_callback(_report)
        return task_id

    @Slot(int, object, object)
    def _on_task_finished(self, task_id: int, result: object, exc: object) -> None:
        on_done, on_error, owner = self._callbacks.pop(task_id, (None, None, None))
        if owner is not None and not alive(owner):
            return
        if isinstance(exc, BaseException):
            if on_error is not None:
                on_error(exc)
            else:
                raise exc
        elif on_done is not None:
            on_done(result)

    def shutdown(self) -> None:
        if self._side is not None:
            self._side.shutdown()
        self._pool.shutdown(wait=True)


class SyncTaskRunner(TaskRunner):
    """Runs each task at once on the calling thread (tests)."""

    def side(self) -> TaskRunner:
        return self

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> int:
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)
        return -1
