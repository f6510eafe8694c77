"""The ticket as the cashier sees it: lines (quantity editable), the discount line, totals, VAT."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_clients.formatting import money, percent_bp
from pos_clients.tickets import PricedTicket

QTY_COLUMN = 1


class TicketView(QWidget):
    """Signals:
    quantity_edited(int, str): the cashier typed a new quantity for line `index`.
    """

    quantity_edited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Article"), self.tr("Qté"), self.tr("Prix unit."), self.tr("Total")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.discount_label = QLabel()
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-size: 20px; font-weight: bold")
        self.vat_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.discount_label)
        layout.addWidget(self.total_label)
        layout.addWidget(self.vat_label)
        self._filling = False

    def show_ticket(self, priced: PricedTicket) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(priced.lines))
            for row, line in enumerate(priced.lines):
                cells = (
                    line.name,
                    str(line.quantity),
                    money(line.unit_price_cents),
                    money(line.gross_cents),
                )
                for col, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if col == QTY_COLUMN:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    if col:
                        cell.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    cell.setFlags(flags)
                    self.table.setItem(row, col, cell)
        finally:
            self._filling = False
        totals = priced.totals
        if totals.discount_cents:
            self.discount_label.setText(
                f"{priced.discount_label}   {money(-totals.discount_cents)}"
            )
            self.discount_label.show()
        else:
            self.discount_label.clear()
            self.discount_label.hide()
        self.total_label.setText(self.tr("Total TTC : %1").replace("%1", money(totals.total_cents)))
        rows = [
            self.tr("TVA %1 : base %2, TVA %3, TTC %4")
            .replace("%1", percent_bp(r.rate_bp))
            .replace("%2", money(r.base_cents))
            .replace("%3", money(r.vat_cents))
            .replace("%4", money(r.total_cents))
            for r in priced.vat
        ]
        self.vat_label.setText("\n".join(rows))

    def current_line(self) -> int | None:
        row = self.table.currentRow()
        return row if row >= 0 else None

    def _on_table_item_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() != QTY_COLUMN:
            return
        self.quantity_edited.emit(cell.row(), cell.text())
