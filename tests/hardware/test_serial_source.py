"""A serial scanner through a pty pair: codes, partial reads, unplug and reconnect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_clients.hardware.qt_serial import SerialScannerSource
from tests.helpers.scanner_devices import PtyScanner


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyScanner]:
    scanner = PtyScanner(tmp_path)
    yield scanner
    if scanner.master >= 0:
        scanner.unplug()


@pytest.fixture
def source(qtbot: QtBot, pty: PtyScanner) -> Iterator[SerialScannerSource]:
    src = SerialScannerSource(str(pty.path), source="serial:test", baud=9600, suffix="cr")
    codes: list[str] = []
    src.code_read.connect(lambda code, _s: codes.append(code))
    src.codes = codes  # type: ignore[attr-defined]
    src.start()
    qtbot.waitUntil(src.worker.connected.is_set, timeout=5000)
    yield src
    src.stop()


def test_codes_arrive_on_the_ui_thread(
    qtbot: QtBot, pty: PtyScanner, source: SerialScannerSource
) -> None:
    with qtbot.waitSignal(source.code_read, timeout=5000) as blocker:
        pty.send(b"0400000000015\r")
    assert blocker.args == ["0400000000015", "serial:test"]


def test_a_code_split_across_reads(
    qtbot: QtBot, pty: PtyScanner, source: SerialScannerSource
) -> None:
    codes: list[str] = source.codes  # type: ignore[attr-defined]
    pty.send(b"000123\r3017")  # the second code's start is read with the first code
    qtbot.waitUntil(lambda: codes == ["000123"], timeout=5000)
    pty.send(b"620422003\r")
    qtbot.waitUntil(lambda: codes == ["000123", "3017620422003"], timeout=5000)


def test_unplug_then_replug(qtbot: QtBot, pty: PtyScanner, source: SerialScannerSource) -> None:
    statuses: list[str] = []
    source.status_changed.connect(statuses.append)
    pty.unplug()
    qtbot.waitUntil(lambda: any("indisponible" in s for s in statuses), timeout=5000)
    pty.plug()
    qtbot.waitUntil(lambda: any("prête" in s for s in statuses), timeout=10000)
    with qtbot.waitSignal(source.code_read, timeout=5000) as blocker:
        pty.send(b"0400000000015\r")
    assert blocker.args[0] == "0400000000015"
