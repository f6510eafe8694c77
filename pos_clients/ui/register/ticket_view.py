"""The ticket as the cashier sees it: lines (quantity editable), the discount line, totals, VAT."""

from __future__ import annotations

from functools import lru_cache

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

from pos_clients import tickets
from pos_clients.formatting import money, percent_bp
from pos_clients.i18n import current_language
from pos_clients.tickets import PricedTicket

QTY_COLUMN = 1


@lru_cache(maxsize=4096)
def _money(cents: int, language: str) -> str:
    return money(cents, language)


def cash(cents: int) -> str:
    """Money as shown on the ticket (babel is slow; the same amounts come back often)."""
    return _money(cents, current_language())


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
        self._shown_lines: tuple[tuple[str, int, int, int], ...] | None = None

    def show_ticket(self, priced: PricedTicket) -> None:
        shown = tuple(
            (line.name, line.quantity, line.unit_price_cents, line.gross_cents)
            for line in priced.lines
        )
        if shown != self._shown_lines:
            self._show_lines(priced)
            self._shown_lines = shown
        self._show_totals(priced)

    def forget_lines(self) -> None:
        """Redraw every line at the next show (an edit was refused: put the old value back)."""
        self._shown_lines = None

    def _show_lines(self, priced: PricedTicket) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(priced.lines))
            for row, line in enumerate(priced.lines):
                cells = (
                    line.name,
                    str(line.quantity),
                    cash(line.unit_price_cents),
                    cash(line.gross_cents),
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

    def _show_totals(self, priced: PricedTicket) -> None:
        totals = priced.totals
        if totals.discount_cents:
            # The invoice keeps the French label; the screen speaks the cashier's language.
            language = current_language()
            label = tickets.discount_label(priced.group_name, priced.discount_bp, language)
            self.discount_label.setText(f"{label}   {cash(-totals.discount_cents)}")
            self.discount_label.show()
        else:
            self.discount_label.clear()
            self.discount_label.hide()
        self.total_label.setText(self.tr("Total TTC : %1").replace("%1", cash(totals.total_cents)))
        rows = [
            self.tr("TVA %1 : base %2, TVA %3, TTC %4")
            .replace("%1", percent_bp(r.rate_bp))
            .replace("%2", cash(r.base_cents))
            .replace("%3", cash(r.vat_cents))
            .replace("%4", cash(r.total_cents))
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
