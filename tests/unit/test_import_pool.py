"""The importing process hands pieces to the workers ahead of time and, while the next result
is not ready, does other work (`idle`), then takes over jobs the pool has not started,
instead of waiting; results still come in order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

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


def test_the_first_jobs_run_here_while_the_pool_starts_on_the_next_ones() -> None:
    here = threading.get_ident()
    started = threading.Event()

    def where(n: int) -> tuple[int, bool]:
        if threading.get_ident() != here:
            started.set()
        else:
            # The pool has the later jobs already while this thread does the first ones.
            assert started.wait(10)
        return n, threading.get_ident() == here

    with ThreadPoolExecutor(2) as pool:
        jobs = [(n, (n,)) for n in range(8)]
        results = list(_in_pool(pool, where, jobs, lambda: False, local=3))
    assert [key for key, _ in results] == list(range(8))  # in order all the same
    assert [ran_here for _, (_, ran_here) in results][:3] == [True] * 3
    assert started.is_set()


def test_this_process_takes_over_the_jobs_the_pool_has_not_started_the_last_first() -> None:
    here = threading.get_ident()
    released = threading.Event()
    taken_over: list[int] = []

    def job(n: int) -> tuple[int, bool]:
        if threading.get_ident() == here:
            taken_over.append(n)
            if n == 1:  # nothing left to take over: let the pool's job finish
                released.set()
        elif n == 0:
            assert released.wait(10)  # the pool's only thread is busy with the first job
        return n, threading.get_ident() == here

    with ThreadPoolExecutor(1) as pool:
        jobs = [(n, (n,)) for n in range(6)]
        results = list(_in_pool(pool, job, jobs, lambda: False))
    assert [key for key, _ in results] == list(range(6))
    assert results[0] == (0, (0, False))
    assert taken_over == [5, 4, 3, 2, 1]


def test_a_job_taken_over_that_fails_raises_at_its_turn() -> None:
    here = threading.get_ident()
    released = threading.Event()

    def job(n: int) -> int:
        if threading.get_ident() == here:
            if n == 1:
                released.set()
            if n == 3:
                raise ValueError("piece 3")
        elif n == 0:
            assert released.wait(10)
        return n

    with ThreadPoolExecutor(1) as pool:
        results = _in_pool(pool, job, [(n, (n,)) for n in range(5)], lambda: False)
        got = [next(results)[1] for _ in range(3)]  # the jobs before it come first, in order
        with pytest.raises(ValueError, match="piece 3"):
            next(results)
    assert got == [0, 1, 2]
