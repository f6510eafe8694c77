"""What waits or failed: tickets waiting for a printer (send to the other printer, cancel) and
emails waiting or refused (correct the address and send again). Opened from the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_clients.data.database import Database
from pos_clients.documents.wording import local_time
from pos_clients.errors import PosError
from pos_clients.mail.outbox import OutboxMessage, list_outbox, retry_message
from pos_clients.print_queue import PrintJob, cancel_job, list_jobs, send_to_other_printer
from pos_clients.ui.tasks import TaskRunner


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class OutputsDialog(QDialog):
    """Signals:
    changed(): a job or a message was changed (the status bar refreshes).
    failed(str): an action failed; the message is for the user.
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self.jobs: list[PrintJob] = []
        self.messages: list[OutboxMessage] = []
        self.setWindowTitle(self.tr("Impressions et e-mails en attente"))
        self.job_table = _table(
            [
                self.tr("Heure"),
                self.tr("Facture"),
                self.tr("Ticket"),
                self.tr("Imprimante"),
                self.tr("Erreur"),
            ]
        )
        self.other_printer_button = QPushButton(self.tr("Envoyer à l'autre imprimante"))
        self.cancel_button = QPushButton(self.tr("Ne pas imprimer"))
        self.message_table = _table(
            [
                self.tr("Heure"),
                self.tr("Facture"),
                self.tr("Adresse"),
                self.tr("État"),
                self.tr("Erreur"),
            ]
        )
        self.retry_button = QPushButton(self.tr("Corriger l'adresse et renvoyer…"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        jobs_page = QWidget()
        jobs_layout = QVBoxLayout(jobs_page)
        jobs_layout.addWidget(self.job_table)
        row = QHBoxLayout()
        row.addWidget(self.other_printer_button)
        row.addWidget(self.cancel_button)
        row.addStretch()
        jobs_layout.addLayout(row)
        mail_page = QWidget()
        mail_layout = QVBoxLayout(mail_page)
        mail_layout.addWidget(self.message_table)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addStretch()
        mail_layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(jobs_page, self.tr("Tickets en attente"))
        self.tabs.addTab(mail_page, self.tr("E-mails"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(760, 420)

        self.other_printer_button.clicked.connect(self._on_other_printer_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.reload()

    @Slot()
    def reload(self) -> None:
        db = self._db

        def load() -> tuple[list[PrintJob], list[OutboxMessage]]:
            with db.reader() as uow:
                jobs = list_jobs(uow, states=("pending",))
                messages = list_outbox(uow, states=("pending", "failed"))
            return jobs, messages

        self._tasks.run(load, self._show, self._on_failed)

    def _show(self, values: tuple[list[PrintJob], list[OutboxMessage]]) -> None:
        self.jobs, self.messages = values
        documents = {"receipt": self.tr("ticket de caisse"), "preparation": self.tr("préparation")}
        printers = {"receipt": self.tr("tickets"), "preparation": self.tr("préparation")}
        _fill(
            self.job_table,
            [
                [
                    local_time(job.created_at).strftime("%H:%M"),
                    job.invoice_number,
                    documents.get(job.document, job.document)
                    + (" (DUPLICATA)" if job.duplicate else ""),
                    printers.get(job.printer, job.printer),
                    job.last_error,
                ]
                for job in self.jobs
            ],
        )
        states = {"pending": self.tr("en attente"), "failed": self.tr("refusé")}
        _fill(
            self.message_table,
            [
                [
                    local_time(m.created_at).strftime("%d/%m %H:%M"),
                    m.invoice_number,
                    m.recipient,
                    states.get(m.state, m.state),
                    m.last_error,
                ]
                for m in self.messages
            ],
        )

    def _selected(self, table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _run(self, action: Callable[[], object], done_text: str) -> None:
        def done(_: object) -> None:
            self.message.setText(done_text)
            self.changed.emit()
            self.reload()

        self._tasks.run(action, done, self._on_failed)

    @Slot()
    def _on_other_printer_clicked(self) -> None:
        row = self._selected(self.job_table)
        if row is not None:
            self.send_job_to_other_printer(self.jobs[row].id)

    def send_job_to_other_printer(self, job_id: int) -> None:
        db = self._db

        def action() -> PrintJob:
            with db.uow() as uow:
                return send_to_other_printer(uow, job_id)

        self._run(action, self.tr("Ticket envoyé à l'autre imprimante."))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        row = self._selected(self.job_table)
        if row is not None:
            self.cancel_job(self.jobs[row].id)

    def cancel_job(self, job_id: int) -> None:
        db = self._db

        def action() -> PrintJob:
            with db.uow() as uow:
                return cancel_job(uow, job_id)

        self._run(action, self.tr("Ce ticket ne sera pas imprimé."))

    @Slot()
    def _on_retry_clicked(self) -> None:
        row = self._selected(self.message_table)
        if row is None:
            return
        message = self.messages[row]
        address, ok = QInputDialog.getText(
            self,
            self.tr("Renvoyer la facture"),
            self.tr("Adresse e-mail :"),
            text=message.recipient,
        )
        if ok:
            self.retry(message.id, address)

    def retry(self, message_id: int, address: str) -> None:
        db = self._db

        def action() -> OutboxMessage:
            with db.uow() as uow:
                return retry_message(uow, message_id, address)

        self._run(action, self.tr("Le message repart à l'adresse indiquée."))

    def _on_failed(self, exc: BaseException) -> None:
        text = exc.message() if isinstance(exc, PosError) else str(exc)
        self.message.setText(text)
        self.failed.emit(text)
