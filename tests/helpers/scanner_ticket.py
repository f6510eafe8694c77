"""A small real ticket widget implementing the dispatcher's ScanTarget, for the scanner tests."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget  # noqa: TID251

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.formatting import percent_bp


class TicketPane(QWidget):
    """Shows the ticket's customer (with their group discount), its items, and one message."""

    def __init__(self, db: Database, catalogue: dict[str, str] | None = None) -> None:
        super().__init__()
        self.db = db
        self.catalogue = catalogue or {}
        self.customer_id: int | None = None
        self.customer_label = QLabel("—")
        self.items = QListWidget()
        self.message = QLabel()
        layout = QVBoxLayout(self)
        for w in (self.customer_label, self.items, self.message):
            layout.addWidget(w)

    def attach_customer(self, customer_id: int) -> None:
        with self.db.reader() as uow:
            customer = customers.get_customer(uow, customer_id)
        replaced = self.customer_id is not None and self.customer_id != customer_id
        self.customer_id = customer_id
        text = customer.display_name
        if customer.group_discount_bp:
            text += f" — remise {percent_bp(customer.group_discount_bp)}"
        self.customer_label.setText(text)
        self.message.setText("Client remplacé" if replaced else "")

    def add_item_by_code(self, code: str) -> bool:
        name = self.catalogue.get(code)
        if name is None:
            return False
        self.items.addItem(name)
        return True

    def show_message(self, text: str) -> None:
        self.message.setText(text)
