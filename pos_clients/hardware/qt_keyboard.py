"""Any other scanner, as a keyboard burst inside the window: an application event filter.

Keys go through to the focused field as they come (a person typing sees no delay). When a
burst ends with Enter/Tab fast enough to be a scan, the filter eats the suffix, takes the
burst's characters back out of the field, and emits the code instead.

Signals:
    code_read(str, str): a scanned code and the source's name (`keyboard`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from pos_clients.hardware.keyboard_burst import BurstDetector, BurstRules

_SUFFIX = {Qt.Key.Key_Return: "enter", Qt.Key.Key_Enter: "enter", Qt.Key.Key_Tab: "tab"}
_IGNORED = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Control,
    Qt.Key.Key_Meta,
}
_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


class KeyboardBurstFilter(QObject):
    code_read = Signal(str, str)

    def __init__(
        self,
        rules: BurstRules | None = None,
        clock: Callable[[], float] = time.monotonic,
        source: str = "keyboard",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = BurstDetector(rules or BurstRules(), clock)
        self.source = source
        self._field: QWidget | None = None
        self._snapshot: tuple[str, int] | None = None

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        # A key event ignored by a field is offered to its parents too; count it once.
        focus = QApplication.focusWidget()
        if watched is not focus and not (focus is None and watched.isWidgetType()):
            return False
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat():
            return False
        key = Qt.Key(event.key())
        suffix = _SUFFIX.get(key)
        if suffix is not None:
            code = self.detector.end(suffix)
            if code is None:
                return False
            self._take_back()
            self.code_read.emit(code, self.source)
            return True
        if key in _IGNORED:
            return False
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & _SHORTCUT_MODIFIERS:
            self.detector.interrupt()
            return False
        if self.detector.character(text):
            self._remember(focus)
        return False

    def _remember(self, field: QWidget | None) -> None:
        """Before a burst's first character goes in: what the field held."""
        self._field = field
        if isinstance(field, QComboBox) and field.lineEdit() is not None:
            field = field.lineEdit()  # an editable combo types into its line edit
        if isinstance(field, QLineEdit):
            self._snapshot = (field.text(), field.cursorPosition())
        else:
            self._snapshot = None

    def _take_back(self) -> None:
        field = self._field
        if field is None or field is not QApplication.focusWidget():
            return
        if isinstance(field, QComboBox) and field.lineEdit() is not None:
            field = field.lineEdit()
        if isinstance(field, QLineEdit) and self._snapshot is not None:
            text, position = self._snapshot
            field.setText(text)
            field.setCursorPosition(position)
        elif isinstance(field, QPlainTextEdit | QTextEdit):
            text_cursor = field.textCursor()
            for _ in range(self.detector.last_length):
                text_cursor.deletePreviousChar()
