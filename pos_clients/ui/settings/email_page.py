"""The E-mail page of the Réglages tab: SMTP server, sender, French template, test message.

The password goes to the system keyring, never to the database or a file; an empty password
field keeps the one stored.
"""

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_clients.data.database import Database
from pos_clients.errors import PosError
from pos_clients.mail.message import test_message
from pos_clients.mail.settings import (
    SmtpSettings,
    load_smtp,
    save_smtp,
    set_smtp_password,
    smtp_password,
)
from pos_clients.mail.smtp import deliver
from pos_clients.ui.tasks import TaskRunner


class EmailPage(QWidget):
    """Signals:
    saved(): the settings (and the password, if typed) were stored.
    test_sent(str): the test message was accepted by the server for this address.
    failed(str): saving or sending failed; the message is for the user.
    """

    saved = Signal()
    test_sent = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        device_tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        # The test message may wait on the server for a while: not on the database's thread.
        self._device_tasks = device_tasks or TaskRunner(self)
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.fr")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.addItem(self.tr("STARTTLS"), "starttls")
        self.security.addItem(self.tr("TLS"), "tls")
        self.security.addItem(self.tr("Aucune"), "none")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_name = QLineEdit()
        self.sender_address = QLineEdit()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.test_address = QLineEdit()
        self.test_address.setPlaceholderText(self.tr("adresse qui recevra l'essai"))
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.test_button = QPushButton(self.tr("Envoyer un message d'essai"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        server = QGroupBox(self.tr("Serveur d'envoi (SMTP)"))
        form = QFormLayout(server)
        form.addRow(self.tr("Serveur"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Sécurité"), self.security)
        form.addRow(self.tr("Utilisateur"), self.user)
        form.addRow(self.tr("Mot de passe"), self.password)
        sender = QGroupBox(self.tr("Message"))
        form = QFormLayout(sender)
        form.addRow(self.tr("Nom de l'expéditeur"), self.sender_name)
        form.addRow(self.tr("Adresse de l'expéditeur"), self.sender_address)
        form.addRow(self.tr("Objet"), self.subject)
        form.addRow(self.tr("Texte"), self.body)
        form.addRow(
            "",
            QLabel(self.tr("Zones : {client} {numero} {date} {montant} {boutique}")),
        )
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_address)
        test_row.addWidget(self.test_button)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addWidget(sender)
        layout.addLayout(buttons)
        layout.addLayout(test_row)
        layout.addWidget(self.message)
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.send_test)
        self.security.currentIndexChanged.connect(self._on_security_changed)
        self.reload()

    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=str(self.security.currentData()),
            user=self.user.text().strip(),
            sender_name=self.sender_name.text().strip(),
            sender_address=self.sender_address.text().strip(),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
        )

    @Slot(int)
    def _on_security_changed(self, _index: int) -> None:
        # Follow the usual port, unless someone typed another one.
        usual = {"starttls": 587, "tls": 465, "none": 25}
        if self.port.value() in usual.values():
            self.port.setValue(usual[str(self.security.currentData())])

    @Slot()
    def reload(self) -> None:
        db = self._db

        def load() -> tuple[SmtpSettings, bool]:
            with db.reader() as uow:
                settings = load_smtp(uow)
            return settings, smtp_password(settings) is not None

        def show(values: tuple[SmtpSettings, bool]) -> None:
            settings, has_password = values
            self.host.setText(settings.host)
            self.port.setValue(settings.port)
            self.security.setCurrentIndex(max(self.security.findData(settings.security), 0))
            self.user.setText(settings.user)
            self.password.clear()
            self.password.setPlaceholderText(
                self.tr("enregistré dans le trousseau") if has_password else ""
            )
            self.sender_name.setText(settings.sender_name)
            self.sender_address.setText(settings.sender_address)
            self.subject.setText(settings.subject)
            self.body.setPlainText(settings.body)

        self._tasks.run(load, show, self._on_failed)

    @Slot()
    def save(self) -> None:
        db = self._db
        settings = self.settings()
        password = self.password.text()

        def store() -> None:
            with db.uow() as uow:
                saved = save_smtp(uow, settings)
            if password:
                set_smtp_password(saved, password)

        def done(_: None) -> None:
            self.password.clear()
            self.message.setText(self.tr("Réglages d'e-mail enregistrés."))
            self.saved.emit()
            self.reload()

        self._tasks.run(store, done, self._on_failed)

    @Slot()
    def send_test(self) -> None:
        """Send a test message with the settings as typed, to the address typed (or the sender)."""
        settings = self.settings()
        typed = self.password.text()
        recipient = self.test_address.text().strip() or settings.sender_address

        def run() -> str:
            password = typed or smtp_password(settings)
            deliver(settings, password, test_message(settings, recipient))
            return recipient

        def done(address: str) -> None:
            self.message.setText(self.tr("Message d'essai envoyé à %1.").replace("%1", address))
            self.test_sent.emit(address)

        self.message.setText(self.tr("Envoi en cours…"))
        self._device_tasks.run(run, done, self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        text = exc.message() if isinstance(exc, PosError) else str(exc)
        self.message.setText(text)
        self.failed.emit(text)
