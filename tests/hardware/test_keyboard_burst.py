"""The keyboard-burst fallback through QTest with an injected clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_clients.hardware.keyboard_burst import BurstRules
from pos_clients.hardware.qt_keyboard import KeyboardBurstFilter
from tests.helpers.scanner_devices import FakeClock, type_keys

SCAN_GAP = 0.004  # a scanner: 4 ms per key
HUMAN_GAP = 0.15  # a person: 150 ms per key


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.notes = QPlainTextEdit()
        self.other = QLineEdit()
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.returns = 0
        self.field.returnPressed.connect(self._on_return)
        layout = QVBoxLayout(self)
        for w in (self.field, self.notes, self.other, self.combo):
            layout.addWidget(w)

    def _on_return(self) -> None:
        self.returns += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def burst(qapp: QApplication, clock: FakeClock) -> Iterator[tuple[KeyboardBurstFilter, list[str]]]:
    flt = KeyboardBurstFilter(BurstRules(gap_s=0.04, min_length=4), clock=clock)
    codes: list[str] = []
    flt.code_read.connect(lambda code, _src: codes.append(code))
    flt.install(qapp)
    yield flt, codes
    flt.uninstall(qapp)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.field.setFocus()
    qtbot.waitUntil(widget.field.hasFocus)
    return widget


def test_a_fast_burst_is_a_scan_and_leaves_nothing_in_the_field(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "Du", clock, HUMAN_GAP)
    clock.now += 1.0  # the cashier picks up the scanner
    type_keys(form.field, "0400000000015\r", clock, SCAN_GAP)
    assert codes == ["0400000000015"]
    assert form.field.text() == "Du"  # what the person typed stays, the scan is taken back
    assert form.returns == 0  # the scanner's Enter did not reach the field


def test_human_typing_stays_typing(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "Dupont\r", clock, HUMAN_GAP)
    assert codes == []
    assert form.field.text() == "Dupont"
    assert form.returns == 1


def test_a_short_fast_burst_is_typing(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "ab\r", clock, SCAN_GAP)  # shorter than the minimum length
    assert codes == [] and form.field.text() == "ab"


def test_azerty_number_row_becomes_digits(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "à&é\"'(-è_çà\r", clock, SCAN_GAP)
    assert codes == ["01234567890"]
    assert form.field.text() == ""


def test_tab_suffix_and_a_text_box(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock, qtbot: QtBot
) -> None:
    _, codes = burst
    form.notes.setFocus()
    qtbot.waitUntil(form.notes.hasFocus)
    type_keys(form.notes, "Note ", clock, HUMAN_GAP)
    clock.now += 1.0
    type_keys(form.notes, "ABC-1234\t", clock, SCAN_GAP)
    assert codes == ["ABC-1234"]
    assert form.notes.toPlainText() == "Note "
    assert form.notes.hasFocus()  # the scanner's Tab did not move the focus


def test_a_slow_suffix_after_a_fast_burst_is_typing(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "12345", clock, SCAN_GAP)
    type_keys(form.field, "\r", clock, HUMAN_GAP)
    assert codes == [] and form.field.text() == "12345"


def test_interleaved_bursts_without_suffix_are_no_scan(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock
) -> None:
    _, codes = burst
    type_keys(form.field, "0400", clock, SCAN_GAP)  # a scan cut short, no suffix
    clock.now += 1.0
    type_keys(form.field, "3017620422003\r", clock, SCAN_GAP)
    assert codes == ["3017620422003"]
    assert form.field.text() == "0400"


def test_an_editable_combo_box_is_cleaned_too(
    form: Form, burst: tuple[KeyboardBurstFilter, list[str]], clock: FakeClock, qtbot: QtBot
) -> None:
    _, codes = burst
    form.combo.setFocus()
    qtbot.waitUntil(form.combo.hasFocus)
    type_keys(form.combo, "Ly", clock, HUMAN_GAP)
    clock.now += 1.0
    type_keys(form.combo, "0400000000015\r", clock, SCAN_GAP)
    assert codes == ["0400000000015"]
    assert form.combo.currentText() == "Ly"
