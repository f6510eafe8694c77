"""`pos-clients scanner listen --keyboard`: its small window reads a keyboard scanner."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from pos_clients.cli import main


def test_listen_keyboard_prints_the_scanned_code(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    def scan_into_window() -> None:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QLabel) and w.isVisible() and "Scannez" in w.text()
        )
        QTest.keyClicks(window, "0400000000015")  # a scanner: well under 40 ms per key
        QTest.keyClick(window, "\r")

    QTimer.singleShot(0, scan_into_window)
    assert main(["scanner", "listen", "--keyboard", "--json", "--count", "1"]) == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert line["code"] == "0400000000015" and line["source"] == "keyboard"
