"""The importing process hands pieces to the workers ahead of time and, while the next result
is not ready, does other work (`idle`) instead of waiting; results still come in order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from pos_clients.directory_csv.importing import _in_pool


def test_results_come_in_order_and_idle_runs_while_the_next_one_is_not_ready() -> None:
    released = threading.Event()
    calls: list[int] = []

    def slow_first(n: int) -> int:
        if n == 0:
            assert released.wait(10)
        return n * n

    def idle() -> bool:
        calls.append(len(calls))
        if len(calls) == 3:  # the third piece of other work lets the first job finish
            released.set()
        return len(calls) < 3

    with ThreadPoolExecutor(2) as pool:
        jobs = ((n, (n,)) for n in range(6))
        assert list(_in_pool(pool, slow_first, jobs, idle)) == [(n, n * n) for n in range(6)]
    assert calls[:3] == [0, 1, 2]  # called until it had nothing left to do
