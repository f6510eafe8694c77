"""The "maybe already in the directory" panel of the new-customer form (D8)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_clients.customer_fields import format_phone
from pos_clients.customers import Customer


class DuplicatesPanel(QFrame):
    """Customers who may be the one being typed, each with a button to open it instead.

    Signals:
        open_requested(int): the user chose to open this existing customer.
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicates")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#duplicates { background: #fff8e1; border: 1px solid #ffcc80; }")
        self._layout = QVBoxLayout(self)
        self._title = QLabel()
        self._layout.addWidget(self._title)
        self._rows: list[QWidget] = []
        self.customers: list[Customer] = []
        self.setVisible(False)

    def show_customers(self, found: list[Customer]) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows.clear()
        self.customers = list(found)
        self._title.setText(
            self.tr("Ce client existe peut-être déjà :")
            if len(found) == 1
            else self.tr("Ces clients existent peut-être déjà :")
        )
        for customer in found:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            details = [customer.full_name or customer.display_name]
            details += [
                d
                for d in (
                    customer.email or "",
                    format_phone(customer.phone or customer.mobile),
                    " ".join(p for p in (customer.postcode, customer.city) if p),
                )
                if d
            ]
            line.addWidget(QLabel(" — ".join(details)), 1)
            button = QPushButton(self.tr("Ouvrir ce client"))
            button.setObjectName(f"open_duplicate_{customer.id}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, cid=customer.id: self.open_requested.emit(cid))
            line.addWidget(button)
            self._layout.addWidget(row)
            self._rows.append(row)
        self.setVisible(bool(found))
