"""The as-you-type directory search popup of the register: a few letters, Enter, attached."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_clients.data import customer_search
from pos_clients.data.customer_search import SearchPage
from pos_clients.data.database import Database
from pos_clients.ui.tasks import TaskRunner

RESULTS = 20
DEBOUNCE_MS = 120


class CustomerSearchPopup(QDialog):
    """Search the directory from the register.

    Signals:
        customer_chosen(int): the cashier picked this customer (Enter or double click).
        results_shown(int): a page of results is on screen (how many).
    """

    customer_chosen = Signal(int)
    results_shown = Signal(int)

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._generation = 0
        self.setWindowTitle(self.tr("Rechercher un client"))
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Nom, société, e-mail, téléphone, ville, référence…"))
        self.field.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.field.textEdited.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(self._on_results_activated)
        self.resize(460, 380)

    def search_now(self) -> None:
        """Run the pending search at once (Enter typed faster than the debounce)."""
        self._timer.stop()
        self._search()

    def _search(self) -> None:
        self._generation += 1
        generation = self._generation
        query = self.field.text()

        def work() -> SearchPage:
            with self._db.reader() as uow:
                return customer_search.search(uow, query, limit=RESULTS)

        self._tasks.run(work, lambda page: self._show(generation, page))

    def _show(self, generation: int, page: SearchPage) -> None:
        if generation != self._generation:
            return  # an older search answered after a newer one was asked
        self.results.clear()
        for found in page.items:
            details = " · ".join(
                x for x in (found.postcode, found.city, found.group_name or "") if x
            )
            text = found.display_name + (f"  —  {details}" if details else "")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, found.id)
            self.results.addItem(row)
        if page.items:
            self.results.setCurrentRow(0)
            self.status.setText("")
        else:
            self.status.setText(self.tr("Aucun client trouvé."))
        self.results_shown.emit(len(page.items))

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self.search_now()
        row = self.results.currentItem()
        if row is not None:
            self._on_results_activated(row)

    def _on_results_activated(self, row: QListWidgetItem) -> None:
        self.customer_chosen.emit(int(row.data(Qt.ItemDataRole.UserRole)))
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down move in the results while the typing stays in the field.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)
