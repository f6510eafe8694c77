"""The Imprimantes page of the Réglages tab: receipt and preparation printers, test print."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_clients.data.database import Database
from pos_clients.documents.escpos import ticket_bytes
from pos_clients.documents.ticket import COLUMN_CHOICES, test_ticket
from pos_clients.errors import PosError
from pos_clients.hardware.printers import send_to_printer
from pos_clients.i18n import Text
from pos_clients.printing_settings import (
    PROFILES,
    PrinterSettings,
    codepages_of,
    load_printer,
    receipt_footer,
    save_printing_settings,
)
from pos_clients.shop_settings import load_shop_settings
from pos_clients.ui.tasks import TaskRunner


class PrinterBox(QGroupBox):
    """One printer's URL, profile, columns and code page, and its test print button."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("tcp://192.168.1.50:9100 — vide : aucune"))
        self.profile = QComboBox()
        self.profile.setEditable(True)
        self.profile.addItems(list(PROFILES))
        self.columns = QComboBox()
        for columns in COLUMN_CHOICES:
            self.columns.addItem(str(columns), columns)
        self.codepage = QComboBox()
        self.codepage.addItems(codepages_of("default"))
        self.test_button = QPushButton(self.tr("Impression de test"))
        form = QFormLayout(self)
        form.addRow(self.tr("Adresse"), self.url)
        form.addRow(self.tr("Profil"), self.profile)
        form.addRow(self.tr("Colonnes"), self.columns)
        form.addRow(self.tr("Page de code"), self.codepage)
        form.addRow("", self.test_button)

    def settings(self) -> PrinterSettings:
        return PrinterSettings(
            url=self.url.text().strip(),
            profile=self.profile.currentText().strip(),
            columns=int(self.columns.currentData()),
            codepage=self.codepage.currentText(),
        )

    def show_settings(self, settings: PrinterSettings) -> None:
        self.url.setText(settings.url)
        self.profile.setCurrentText(settings.profile)
        index = self.columns.findData(settings.columns)
        self.columns.setCurrentIndex(max(index, 0))
        self.codepage.setCurrentText(settings.codepage)


class PrintersPage(QWidget):
    """Signals:
    saved(): the settings were stored.
    test_printed(str): the test ticket went to the printer of this role.
    failed(str): saving or printing failed; the message is for the user.
    """

    saved = Signal()
    test_printed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        till: str | None = None,
        device_tasks: TaskRunner | None = None,
    ) -> None:
        """`till`: edit that till's own printers (a shop whose tills each have theirs);
        without it, the shop's printers, used by every till that has none of its own."""
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._till = till
        # A test print may wait on a printer for seconds: not on the database's thread.
        self._device_tasks = device_tasks or TaskRunner(self)
        self.receipt_box = PrinterBox(self.tr("Imprimante de tickets"))
        self.preparation_box = PrinterBox(self.tr("Imprimante de préparation"))
        self.scope = QLabel(
            self.tr("Imprimantes de la caisse « %1 »").replace("%1", till)
            if till
            else self.tr("Imprimantes de la boutique (toutes les caisses)")
        )
        self.footer = QPlainTextEdit()
        self.footer.setMaximumHeight(70)
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        footer_box = QGroupBox(self.tr("Pied de ticket"))
        QVBoxLayout(footer_box).addWidget(self.footer)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.receipt_box)
        layout.addWidget(self.preparation_box)
        layout.addWidget(footer_box)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch()
        self.save_button.clicked.connect(self.save)
        self.receipt_box.test_button.clicked.connect(lambda: self.test_print("receipt"))
        self.preparation_box.test_button.clicked.connect(lambda: self.test_print("preparation"))
        self.reload()

    def _box(self, role: str) -> PrinterBox:
        return self.receipt_box if role == "receipt" else self.preparation_box

    @Slot()
    def reload(self) -> None:
        db, till = self._db, self._till

        def load() -> tuple[PrinterSettings, PrinterSettings, str]:
            with db.reader() as uow:
                return (
                    load_printer(uow, "receipt", till),
                    load_printer(uow, "preparation", till),
                    receipt_footer(uow),
                )

        def show(values: tuple[PrinterSettings, PrinterSettings, str]) -> None:
            self.receipt_box.show_settings(values[0])
            self.preparation_box.show_settings(values[1])
            self.footer.setPlainText(values[2])

        self._tasks.run(load, show, self._on_failed)

    @Slot()
    def save(self) -> None:
        db, till = self._db, self._till
        receipt_settings = self.receipt_box.settings()
        preparation_settings = self.preparation_box.settings()
        footer = self.footer.toPlainText().strip()

        def store() -> None:
            with db.uow() as uow:
                save_printing_settings(
                    uow, receipt_settings, preparation_settings, footer, till=till
                )

        def done(_: None) -> None:
            self.message.setText(self.tr("Réglages des imprimantes enregistrés."))
            self.saved.emit()

        self._tasks.run(store, done, self._on_failed)

    def test_print(self, role: str) -> None:
        """Print the test ticket with the settings as typed (saved or not)."""
        settings = self._box(role).settings()
        if not settings.url:
            self._on_failed(
                PosError(
                    Text(
                        "Indiquez d'abord l'adresse de l'imprimante.",
                        "Enter the printer's address first.",
                    )
                )
            )
            return
        db = self._db

        def run() -> None:
            with db.reader() as uow:
                shop = load_shop_settings(uow).name
            ticket = test_ticket(shop, settings.columns, settings.codepage)
            send_to_printer(settings.url, ticket_bytes(ticket, settings.paper))

        def done(_: None) -> None:
            self.message.setText(self.tr("Ticket de test imprimé."))
            self.test_printed.emit(role)

        self.message.setText(self.tr("Impression en cours…"))
        self._device_tasks.run(run, done, self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        text = exc.message() if isinstance(exc, PosError) else str(exc)
        self.message.setText(text)
        self.failed.emit(text)
