"""Stand-ins for scanner devices whose code paths stay real: pipes, ptys, a clock, key typing."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt  # noqa: TID251 (a helper of the Qt tests)
from PySide6.QtTest import QTest  # noqa: TID251
from PySide6.QtWidgets import QWidget  # noqa: TID251

from pos_clients.hardware.evdev_devices import OpenedInput


class PipeDevice:
    """Opens a new pipe each time it is asked, as an evdev device that can be unplugged."""

    def __init__(self, held: list[int] | None = None) -> None:
        self.writers: list[int] = []
        self.grabs = 0
        self.opened = 0
        self.held = held or []
        self.present = True

    def open(self) -> OpenedInput:
        if not self.present:
            raise OSError(19, "No such device")
        read_fd, write_fd = os.pipe()
        self.writers.append(write_fd)
        self.opened += 1
        return OpenedInput(read_fd, grab=self._grab, held_keys=lambda: list(self.held))

    def _grab(self) -> None:
        self.grabs += 1

    def write(self, data: bytes) -> None:
        os.write(self.writers[-1], data)

    def unplug(self) -> None:
        os.close(self.writers[-1])

    def close_all(self) -> None:
        for fd in self.writers:
            with contextlib.suppress(OSError):
                os.close(fd)


class PtyScanner:
    """A serial scanner on a pty pair; `path` is a stable symlink re-pointed on replug."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "ttyScanner"
        self.master = -1
        self.plug()

    def plug(self) -> None:
        master, slave = os.openpty()
        tmp = self.path.with_suffix(".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(slave))
        os.replace(tmp, self.path)
        os.close(slave)
        self.master = master

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        os.close(self.master)
        self.master = -1


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


_KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def type_keys(widget: QWidget, text: str, clock: FakeClock, gap_s: float) -> None:
    """Type `text` into `widget` with QTest, `gap_s` apart on the clock (\\r Enter, \\t Tab)."""
    for char in text:
        clock.now += gap_s
        key = _KEYS.get(char)
        if key is not None:
            QTest.keyClick(widget, key)
        else:
            code = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, code, char, Qt.KeyboardModifier.NoModifier
            )


Opener = Callable[[], OpenedInput]
