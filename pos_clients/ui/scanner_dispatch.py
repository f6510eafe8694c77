"""Where a scanned code goes: into the focused Référence field, or onto the current ticket.

Every source (evdev, serial, keyboard burst) hands its codes to one `ScanDispatcher`. When the
focused widget is a line edit with the dynamic property `acceptsScannedCode` set to True (the
customer form's Référence field), the code fills it. Otherwise the code is classified on the
task runner (never on the UI thread) and the `ScanTarget` (the register pane) gets the
customer or the item, or a message for an unknown or refused code.

Signals:
    classified(str, str, object): a code, its source, and its ScanResult.
    field_filled(str): a code was put into a reference field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

from pos_clients.data.database import Database
from pos_clients.errors import PosError
from pos_clients.scan_lookup import FindItem, classify_in
from pos_clients.scanning import CustomerCard, ItemCode, ScanResult, ScanRules, UnknownCode
from pos_clients.ui.tasks import TaskRunner

ACCEPTS_SCANNED_CODE = "acceptsScannedCode"


class ScanTarget(Protocol):
    """What a scan acts on: the register pane's current ticket."""

    def attach_customer(self, customer_id: int) -> None: ...
    def add_item_by_code(self, code: str) -> bool: ...
    def show_message(self, text: str) -> None: ...


def reference_field() -> QLineEdit | None:
    """The focused line edit that takes scanned codes itself, if any."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit) and focus.property(ACCEPTS_SCANNED_CODE) is True:
        return focus
    return None


class ScanDispatcher(QObject):
    classified = Signal(str, str, object)
    field_filled = Signal(str)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        target: ScanTarget | None = None,
        rules: ScanRules | None = None,
        find_item: FindItem | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._target = target
        self.rules = rules or ScanRules()
        self._find_item = find_item
        self._diagnostic: Callable[[str, str, ScanResult], None] | None = None

    def set_target(self, target: ScanTarget | None) -> None:
        self._target = target

    def set_diagnostic(self, sink: Callable[[str, str, ScanResult], None] | None) -> None:
        """While set (the settings' test area is open), codes are only shown, never acted on."""
        self._diagnostic = sink

    def submit(self, code: str, source: str) -> None:
        """A code from any scanner; returns at once."""
        field = reference_field()
        if field is not None and self._diagnostic is None:
            field.setText(code.strip())
            field.selectAll()
            self.field_filled.emit(code)
            return
        rules, find_item = self.rules, self._find_item
        self._tasks.run(
            lambda: classify_in(self._db, code, rules, find_item),
            lambda result: self._on_classified(code, source, result),
            self._on_lookup_failed,
        )

    def _on_classified(self, code: str, source: str, result: ScanResult) -> None:
        self.classified.emit(code, source, result)
        if self._diagnostic is not None:
            self._diagnostic(code, source, result)
            return
        target = self._target
        if target is None:
            return
        try:
            if isinstance(result, CustomerCard):
                target.attach_customer(result.customer.id)
            elif isinstance(result, ItemCode):
                if not target.add_item_by_code(result.code):
                    target.show_message(str(UnknownCode(result.code).describe()))
            else:
                target.show_message(str(result.describe()))
        except PosError as exc:  # e.g. the customer was deleted from another till meanwhile
            target.show_message(exc.message())

    def _on_lookup_failed(self, exc: BaseException) -> None:
        if self._target is None:
            return
        if isinstance(exc, PosError):
            self._target.show_message(exc.message())
        else:
            self._target.show_message(
                self.tr("Le code scanné n'a pas pu être lu : %1").replace("%1", str(exc))
            )
