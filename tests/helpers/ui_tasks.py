"""A task runner whose tasks wait until the test runs them, in the order it chooses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pos_clients.ui.tasks import Failed, SyncTaskRunner


class HeldTaskRunner(SyncTaskRunner):
    """Holds each task; `run_pending(order)` runs them (as the one worker would, late)."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[tuple[Callable[[], Any], Any, Failed | None]] = []

    def run(  # type: ignore[override]
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Failed | None = None,
        *,
        owner: object = None,
    ) -> int:
        self.pending.append((fn, on_done, on_error))
        return len(self.pending) - 1

    def run_pending(self, order: list[int] | None = None) -> None:
        tasks, self.pending = self.pending, []
        for i in order if order is not None else range(len(tasks)):
            fn, on_done, on_error = tasks[i]
            SyncTaskRunner.run(self, fn, on_done, on_error)
