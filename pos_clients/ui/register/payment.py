"""The payment dialog: cash (amount given, change due), card, cheque, several payments."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_clients.errors import PosError
from pos_clients.formatting import money
from pos_clients.items import parse_cents
from pos_clients.tickets import Settlement, Tender, settle
from pos_clients.ui.widgets import key_for


class PaymentDialog(QDialog):
    """Collects tenders until the ticket is paid; `tenders` holds them when accepted.

    Signals:
        settlement_changed(object): the Settlement after a payment was added or removed.
    """

    settlement_changed = Signal(object)

    def __init__(self, total_cents: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encaissement"))
        self.total_cents = total_cents
        self.tenders: list[Tender] = []
        self.settlement = settle(total_cents, [])
        self.total_label = QLabel(self.tr("Total à payer : %1").replace("%1", money(total_cents)))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Montant"))
        self.cash_button = QPushButton(self.tr("Espèces"))
        self.card_button = QPushButton(self.tr("Carte bancaire"))
        self.cheque_button = QPushButton(self.tr("Chèque"))
        self.account_button = QPushButton(self.tr("Compte client"))
        # Payment on the customer's account comes with the customer-accounts issue (A1).
        self.account_button.setEnabled(False)
        self.account_button.setToolTip(self.tr("Paiement sur compte client : bientôt disponible"))
        self.paid_list = QListWidget()
        self.remove_button = QPushButton(self.tr("Retirer le paiement"))
        self.remaining_label = QLabel()
        self.change_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Valider la vente"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        methods = QGridLayout()
        for col, button in enumerate(
            (self.cash_button, self.card_button, self.cheque_button, self.account_button)
        ):
            methods.addWidget(button, 0, col)
        layout = QVBoxLayout(self)
        layout.addWidget(self.total_label)
        layout.addWidget(self.amount)
        layout.addLayout(methods)
        layout.addWidget(self.paid_list)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.remaining_label)
        layout.addWidget(self.change_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.cash_button.clicked.connect(lambda: self.add_payment("cash"))
        self.card_button.clicked.connect(lambda: self.add_payment("card"))
        self.cheque_button.clicked.connect(lambda: self.add_payment("cheque"))
        for key, button in (
            ("F1", self.cash_button),
            ("F2", self.card_button),
            ("F3", self.cheque_button),
        ):
            key_for(button, key, self)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._refresh()

    def method_name(self, method: str) -> str:
        names = {
            "cash": self.tr("Espèces"),
            "card": self.tr("Carte bancaire"),
            "cheque": self.tr("Chèque"),
        }
        return names.get(method, method)

    def add_payment(self, method: str) -> None:
        """Add a payment of the amount typed (or of what remains when nothing is typed)."""
        self.error_label.clear()
        text = self.amount.text().strip()
        try:
            cents = parse_cents(text) if text else self.settlement.remaining_cents
        except ValueError:
            self.error_label.setText(self.tr("Montant invalide : %1").replace("%1", text))
            return
        try:
            settlement = settle(self.total_cents, [*self.tenders, Tender(method, cents)])
        except PosError as exc:
            self.error_label.setText(exc.message())
            return
        self.tenders.append(Tender(method, cents))
        self.settlement = settlement
        self.amount.clear()
        self._refresh()

    def _on_remove_clicked(self) -> None:
        row = self.paid_list.currentRow()
        if row < 0 and self.tenders:
            row = len(self.tenders) - 1
        if 0 <= row < len(self.tenders):
            del self.tenders[row]
            self.settlement = settle(self.total_cents, self.tenders)
            self._refresh()

    def _refresh(self) -> None:
        s: Settlement = self.settlement
        self.paid_list.clear()
        for p in s.payments:
            text = (
                self.tr("%1 : %2")
                .replace("%1", self.method_name(p.method))
                .replace("%2", money(p.amount_cents))
            )
            if p.change_cents:
                text += self.tr(" (donné %1)").replace("%1", money(p.given_cents))
            self.paid_list.addItem(text)
        self.remaining_label.setText(
            self.tr("Reste à payer : %1").replace("%1", money(s.remaining_cents))
        )
        self.change_label.setText(
            self.tr("Rendu : %1").replace("%1", money(s.change_cents)) if s.change_cents else ""
        )
        self.amount.setText("")
        self.amount.setPlaceholderText(money(s.remaining_cents))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(s.is_paid)
        for button in (self.cash_button, self.card_button, self.cheque_button):
            button.setEnabled(not s.is_paid)
        self.settlement_changed.emit(s)
