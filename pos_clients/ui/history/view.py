"""HistoryView: invoices by date, number or customer (as invoiced), one invoice shown as it
was issued, the credit-note action, the closings and the verification of the chain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_clients import checkout, closings, invoices
from pos_clients.closings import Closing
from pos_clients.data.database import Database
from pos_clients.errors import PosError
from pos_clients.formatting import money
from pos_clients.i18n import current_language
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.invoice_text import invoice_text, local_stamp
from pos_clients.invoices import InvoiceSummary
from pos_clients.mail.outbox import OutboxMessage, list_outbox
from pos_clients.ui.document_preview import open_document_preview
from pos_clients.ui.tasks import TaskRunner
from pos_clients.verify import VerifyReport, verify

PAGE = 500


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


def _qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class HistoryView(QWidget):
    """The Historique tab.

    Signals:
        invoices_shown(int): the invoice list was filled (how many rows).
        invoice_shown(object): this IssuedInvoice is displayed as issued.
        credit_note_issued(object): the IssuedInvoice of a new credit note.
        closings_shown(int): the closings list was filled.
        message_shown(str): a message for the user was shown.
    """

    invoices_shown = Signal(int)
    invoice_shown = Signal(object)
    credit_note_issued = Signal(object)
    closings_shown = Signal(int)
    message_shown = Signal(str)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        till: str | None = None,
        cashier: str = "",
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._till = till or checkout.this_till()
        self._cashier = cashier
        self._rows: list[InvoiceSummary] = []
        self.current: IssuedInvoice | None = None
        self.credit_confirmation: QMessageBox | None = None
        self._build()

    def _build(self) -> None:
        today = QDate.currentDate()
        self.use_dates = QCheckBox(self.tr("Du"))
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.customer_field = QLineEdit()
        self.customer_field.setPlaceholderText(self.tr("Client facturé"))
        self.number_field = QLineEdit()
        self.number_field.setPlaceholderText(self.tr("N° de facture"))
        self.search_button = QPushButton(self.tr("Rechercher"))
        filters = QHBoxLayout()
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("au")))
        filters.addWidget(self.date_to)
        filters.addWidget(self.customer_field, 1)
        filters.addWidget(self.number_field)
        filters.addWidget(self.search_button)
        for field in (self.customer_field, self.number_field):
            field.returnPressed.connect(self.refresh)
        self.search_button.clicked.connect(self.refresh)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Numéro"), self.tr("Date"), self.tr("Client"), self.tr("Total TTC")]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.credit_button = QPushButton(self.tr("Établir un avoir"))
        self.credit_button.setEnabled(False)
        self.credit_button.clicked.connect(self._on_credit_clicked)
        self.preview_button = QPushButton(self.tr("Ticket et facture…"))
        self.preview_button.setToolTip(
            self.tr("Aperçu du ticket et de la facture PDF, réimpression (DUPLICATA), renvoi")
        )
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.mail_label = QLabel()
        self.mail_label.setWordWrap(True)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.mail_label)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.preview_button)
        detail_buttons.addWidget(self.credit_button)
        detail_layout.addLayout(detail_buttons)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setSizes([500, 400])
        invoices_page = QWidget()
        page_layout = QVBoxLayout(invoices_page)
        page_layout.addLayout(filters)
        page_layout.addWidget(splitter, 1)

        self.closings_table = QTableWidget(0, 6)
        self.closings_table.setHorizontalHeaderLabels(
            [
                self.tr("Clôture"),
                self.tr("Période"),
                self.tr("Factures"),
                self.tr("Total TTC"),
                self.tr("Total perpétuel"),
                self.tr("Par moyen de paiement"),
            ]
        )
        self.closings_table.horizontalHeader().setSectionResizeMode(
            5, QHeaderView.ResizeMode.Stretch
        )
        self.closings_table.verticalHeader().setVisible(False)
        self.close_day_button = QPushButton(self.tr("Clôturer la journée"))
        self.close_day_button.clicked.connect(self.close_day)
        self.verify_button = QPushButton(self.tr("Vérifier l'historique"))
        self.verify_button.clicked.connect(self.verify_history)
        closing_buttons = QHBoxLayout()
        closing_buttons.addWidget(self.close_day_button)
        closing_buttons.addWidget(self.verify_button)
        closing_buttons.addStretch(1)
        closings_page = QWidget()
        closings_layout = QVBoxLayout(closings_page)
        closings_layout.addWidget(self.closings_table, 1)
        closings_layout.addLayout(closing_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(invoices_page, self.tr("Factures"))
        self.tabs.addTab(closings_page, self.tr("Clôtures"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.refresh_closings()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_shown.emit(text)

    # ---- invoices ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fill the list with the invoices matching the filters, newest first."""
        date_from = _qdate(self.date_from.date()) if self.use_dates.isChecked() else None
        date_to = _qdate(self.date_to.date()) if self.use_dates.isChecked() else None
        customer = self.customer_field.text()
        number = self.number_field.text()

        def work() -> list[InvoiceSummary]:
            with self._db.reader() as uow:
                return invoices.list_invoices(
                    uow,
                    date_from=date_from,
                    date_to=date_to,
                    customer=customer,
                    number=number,
                    limit=PAGE,
                )

        self._tasks.run(work, self._show_rows, self._on_task_failed)

    def _show_rows(self, rows: list[InvoiceSummary]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            number = row.number + (f" → {row.corrects}" if row.corrects else "")
            self.table.setItem(i, 0, _cell(number))
            self.table.setItem(i, 1, _cell(local_stamp(row.issued_at)))
            self.table.setItem(i, 2, _cell(row.customer_name or "—"))
            self.table.setItem(i, 3, _cell(money(row.total_cents), right=True))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.invoices_shown.emit(len(rows))
        if rows:
            blocked = self.table.blockSignals(True)
            self.table.setCurrentCell(0, 0)
            self.table.blockSignals(blocked)
            self.show_invoice(rows[0].number)
        else:
            self.current = None
            self.detail.clear()
            self.mail_label.clear()
            self.credit_button.setEnabled(False)
            self.preview_button.setEnabled(False)

    def show_invoice(self, number: str) -> None:
        """Display invoice `number` as it was issued."""

        def work() -> tuple[IssuedInvoice, str | None, list[OutboxMessage]]:
            with self._db.reader() as uow:
                invoice = invoices.get_invoice(uow, number)
                mails = list_outbox(uow, invoice_number=invoice.number)
                return invoice, invoices.credit_note_for(uow, invoice.number), mails

        self._tasks.run(work, lambda result: self._display(*result), self._on_task_failed)

    def _display(
        self, invoice: IssuedInvoice, credited_by: str | None, mails: Sequence[OutboxMessage] = ()
    ) -> None:
        self.current = invoice
        text = invoice_text(invoice)
        if credited_by:
            text += "\n\n" + self.tr("Annulée par l'avoir %1").replace("%1", credited_by)
        self.detail.setPlainText(text)
        self.mail_label.setText("\n".join(self._mail_line(m) for m in mails))
        self.credit_button.setEnabled(invoice.kind == "invoice" and not credited_by)
        self.preview_button.setEnabled(True)
        self.invoice_shown.emit(invoice)

    def _mail_line(self, mail: OutboxMessage) -> str:
        """What became of the invoice's email (M1), with the server's reason when refused."""
        if mail.state == "sent" and mail.sent_at is not None:
            line = (
                self.tr("Facture envoyée par e-mail à %1 le %2.")
                .replace("%1", mail.recipient)
                .replace("%2", local_stamp(mail.sent_at))
            )
        elif mail.state == "failed":
            line = (
                self.tr("E-mail à %1 refusé : %2 (corrigez l'adresse depuis la barre d'état).")
                .replace("%1", mail.recipient)
                .replace("%2", mail.last_error)
            )
        else:
            line = self.tr("E-mail à %1 en attente d'envoi.").replace("%1", mail.recipient)
        return line

    def _on_preview_clicked(self) -> None:
        if self.current is not None:
            open_document_preview(self.current, self._db, self._tasks, self)

    def _on_table_current_changed(self, row: int, _col: int, _prev_row: int, _prev: int) -> None:
        if 0 <= row < len(self._rows):
            self.show_invoice(self._rows[row].number)

    def _on_credit_clicked(self) -> None:
        invoice = self.current
        if invoice is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Établir un avoir"),
            self.tr("Annuler la facture %1 (%2) par un avoir ?")
            .replace("%1", invoice.number)
            .replace("%2", money(invoice.totals.total_cents)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.accepted.connect(lambda: self.issue_credit_note(invoice.number))
        self.credit_confirmation = box
        box.open()

    def issue_credit_note(self, number: str) -> None:
        """Cancel invoice `number` by a credit note (no confirmation here)."""

        def work() -> IssuedInvoice:
            with self._db.uow() as uow:
                return invoices.issue_credit_note(
                    uow, number, till=self._till, cashier=self._cashier
                )

        def done(credit: IssuedInvoice) -> None:
            self.show_message(
                self.tr("Avoir %1 établi pour la facture %2.")
                .replace("%1", credit.number)
                .replace("%2", number)
            )
            self.credit_note_issued.emit(credit)
            self.refresh()
            self.refresh_closings()

        self._tasks.run(work, done, self._on_task_failed)

    # ---- closings ------------------------------------------------------------------------

    def refresh_closings(self) -> None:
        def work() -> list[Closing]:
            with self._db.reader() as uow:
                return closings.list_closings(uow)

        self._tasks.run(work, self._show_closings, self._on_task_failed)

    def _show_closings(self, rows: list[Closing]) -> None:
        self.closings_table.setRowCount(len(rows))
        methods = {
            "cash": self.tr("Espèces"),
            "card": self.tr("Carte"),
            "cheque": self.tr("Chèque"),
            "account": self.tr("Compte"),
        }
        for i, c in enumerate(rows):
            kind = self.tr("Journalière") if c.kind == "day" else self.tr("Mensuelle")
            by_method = ", ".join(
                f"{methods.get(m, m)} {money(v)}" for m, v in sorted(c.by_method.items())
            )
            cells = (
                (kind, False),
                (c.period, False),
                (str(c.invoice_count), True),
                (money(c.total_cents), True),
                (money(c.grand_total_cents), True),
                (by_method, False),
            )
            for col, (text, right) in enumerate(cells):
                self.closings_table.setItem(i, col, _cell(text, right))
        self.closings_shown.emit(len(rows))

    def close_day(self) -> None:
        """Close the day now (clôture journalière on demand)."""

        def work() -> list[Closing]:
            with self._db.uow() as uow:
                return closings.close_day(uow)

        def done(made: list[Closing]) -> None:
            if made:
                self.show_message(self.tr("Journée clôturée."))
            else:
                self.show_message(self.tr("Rien à clôturer depuis la dernière clôture."))
            self.refresh_closings()

        self._tasks.run(work, done, self._on_task_failed)

    def verify_history(self) -> None:
        """Check the chain, the numbering and the closings (in the background)."""

        def done(report: VerifyReport) -> None:
            if report.ok:
                self.show_message(
                    self.tr("Historique intact : %1 factures et %2 clôtures vérifiées.")
                    .replace("%1", str(report.invoices))
                    .replace("%2", str(report.closings))
                )
            else:
                self.show_message(report.problems[0].in_(current_language()))

        self._tasks.run(lambda: verify(self._db), done, self._on_task_failed)

    def _on_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosError):
            self.show_message(exc.message())
        else:
            self.show_message(self.tr("Erreur inattendue : %1").replace("%1", str(exc)))
