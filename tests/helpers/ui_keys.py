"""Typing French text into a widget key by key (QTest only types ASCII)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt  # noqa: TID251 (Qt test helper)
from PySide6.QtGui import QKeyEvent  # noqa: TID251 (Qt test helper)
from PySide6.QtTest import QTest  # noqa: TID251 (Qt test helper)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: TID251 (Qt test helper)


def type_text(widget: QWidget, text: str) -> None:
    """Press and release a key for each character, as a French keyboard would send it."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
