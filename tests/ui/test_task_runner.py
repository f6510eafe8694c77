"""The background runners: results on the UI thread, and a side runner that is never held up."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from pos_clients.ui.tasks import SyncTaskRunner, TaskRunner


def test_a_slow_task_on_the_runner_does_not_hold_up_its_side_runner(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    done: list[str] = []
    try:
        runner.run(lambda: release.wait(30), lambda _r: done.append("slow"))
        side = runner.side()
        assert side is runner.side()
        side.run(lambda: threading.current_thread().name, done.append)
        # The side task ends (and reports on the UI thread) while the slow one still waits.
        qtbot.waitUntil(lambda: len(done) == 1, timeout=5000)
        assert done[0].startswith("pos-db") and done[0] != "slow"
        release.set()
        qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
        assert done[1] == "slow"
    finally:
        release.set()
        runner.shutdown()


def test_tests_run_side_tasks_at_once_too() -> None:
    runner = SyncTaskRunner()
    got: list[int] = []
    runner.side().run(lambda: 42, got.append)
    assert got == [42]
