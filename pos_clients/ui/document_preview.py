"""On-screen preview of an invoice: the receipt and the preparation ticket as the paper shows
them, the A4 PDF to save, and (from the History) reprint and resend."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_clients.data.database import Database
from pos_clients.documents.escpos import Paper, paper_preview
from pos_clients.documents.pdf import invoice_file_name, invoice_pdf
from pos_clients.documents.ticket import (
    needs_preparation,
    preparation_ticket,
    receipt,
)
from pos_clients.errors import PosError
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.mail.outbox import OutboxMessage, resend_invoice
from pos_clients.print_queue import PrintJob, reprint
from pos_clients.printing_settings import load_printer, receipt_footer
from pos_clients.ui.tasks import TaskRunner


def _paper_view(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setPlainText(text)
    return view


class DocumentPreview(QDialog):
    """A preview of `invoice`; with `db` and `tasks`, also reprint (DUPLICATA) and resend.

    Signals:
        pdf_saved(str): the PDF was written to this path.
        reprinted(object): a DUPLICATA job was queued (PrintJob).
        resent(object): the invoice was put in the outbox again (OutboxMessage).
        failed(str): an action failed; the message is for the user.
    """

    pdf_saved = Signal(str)
    reprinted = Signal(object)
    resent = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        invoice: IssuedInvoice,
        parent: QWidget | None = None,
        *,
        paper: Paper | None = None,
        footer: str = "",
        db: Database | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.invoice = invoice
        self._db = db
        self._tasks = tasks
        self.setWindowTitle(self.tr("Facture %1").replace("%1", invoice.number))
        self.tabs = QTabWidget()
        paper = paper or Paper()
        self.receipt_view = _paper_view(paper_preview(receipt(invoice, footer=footer), paper))
        self.tabs.addTab(self.receipt_view, self.tr("Ticket de caisse"))
        self.preparation_view: QPlainTextEdit | None = None
        if needs_preparation(invoice):
            self.preparation_view = _paper_view(paper_preview(preparation_ticket(invoice), paper))
            self.tabs.addTab(self.preparation_view, self.tr("Ticket de préparation"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Enregistrer le PDF…"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.reprint_button = QPushButton(self.tr("Réimprimer (DUPLICATA)"))
        self.reprint_button.clicked.connect(self.reprint)
        self.resend_button = QPushButton(self.tr("Renvoyer par e-mail"))
        self.resend_button.clicked.connect(self.resend)
        has_email = bool(invoice.customer and invoice.customer.email)
        self.reprint_button.setVisible(db is not None and tasks is not None)
        self.resend_button.setVisible(db is not None and tasks is not None and has_email)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.reprint_button, self.resend_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(520, 720)

    @Slot()
    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer la facture"), invoice_file_name(self.invoice), "PDF (*.pdf)"
        )
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> None:
        """Write the PDF (off the UI thread when a task runner is given)."""
        invoice = self.invoice

        def write() -> str:
            with open(path, "wb") as file:
                file.write(invoice_pdf(invoice))
            return path

        def done(saved: str) -> None:
            self.message.setText(self.tr("PDF enregistré : %1").replace("%1", saved))
            self.pdf_saved.emit(saved)

        if self._tasks is not None:
            self._tasks.run(write, done, self._on_failed)
        else:
            try:
                done(write())
            except OSError as exc:
                self._on_failed(exc)

    @Slot()
    def reprint(self) -> None:
        if self._db is None or self._tasks is None:
            return
        db, invoice = self._db, self.invoice

        def run() -> PrintJob:
            with db.uow() as uow:
                return reprint(uow, invoice)

        def done(job: PrintJob) -> None:
            self.message.setText(self.tr("DUPLICATA envoyé à l'imprimante."))
            self.reprinted.emit(job)

        self._tasks.run(run, done, self._on_failed)

    @Slot()
    def resend(self) -> None:
        if self._db is None or self._tasks is None:
            return
        db, invoice = self._db, self.invoice

        def run() -> OutboxMessage:
            with db.uow() as uow:
                return resend_invoice(uow, invoice)

        def done(message: OutboxMessage) -> None:
            self.message.setText(
                self.tr("Facture mise dans la boîte d'envoi pour %1.").replace(
                    "%1", message.recipient
                )
            )
            self.resent.emit(message)

        self._tasks.run(run, done, self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        text = exc.message() if isinstance(exc, PosError) else str(exc)
        self.message.setText(text)
        self.failed.emit(text)


def open_document_preview(
    invoice: IssuedInvoice,
    db: Database,
    tasks: TaskRunner,
    parent: QWidget | None = None,
    on_open: Callable[[DocumentPreview], None] | None = None,
) -> None:
    """Show the preview of `invoice` as the receipt printer would print it (its width and the
    shop's footer, read off the UI thread), with reprint and resend (History, after a sale)."""

    def load() -> tuple[Paper, str]:
        with db.reader() as uow:
            return load_printer(uow, "receipt").paper, receipt_footer(uow)

    def show(values: tuple[Paper, str]) -> None:
        paper, footer = values
        dialog = DocumentPreview(invoice, parent, paper=paper, footer=footer, db=db, tasks=tasks)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if on_open is not None:
            on_open(dialog)

    tasks.run(load, show)
