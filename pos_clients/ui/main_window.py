"""The main window: Clients (Répertoire, Groupes client), Caisse, Historique, Réglages.

It puts the areas together: the register's "new customer" button opens the directory's
customer form; the scanners send their codes to the register (or the focused Référence
field); a paid sale wakes the print and mail workers; the status bar tells what waits for a
printer or the mail server. `add_settings_page(widget, title)` adds a page to Réglages and
`status_message(text)` writes in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

from pos_clients.checkout import this_till
from pos_clients.data.database import Database
from pos_clients.ui.directory.import_dialog import DirectoryTransfer
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.groups.page import GroupsPage
from pos_clients.ui.history import HistoryView
from pos_clients.ui.outputs_dialog import OutputsDialog
from pos_clients.ui.outputs_status import OutputsStatus, OutputWorkers
from pos_clients.ui.preferences import ui_settings
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.scanner_setup import install_scanners
from pos_clients.ui.settings.email_page import EmailPage
from pos_clients.ui.settings.printers_page import PrintersPage
from pos_clients.ui.settings_general import GeneralSettingsPage
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import named

STATUS_TIMEOUT_MS = 8000


class MainWindow(QMainWindow):
    """The app's one window; takes the opened database and the task runner.

    `start_devices=False` (tests, screenshots) builds every page but starts no scanner and no
    print or mail worker.
    """

    def __init__(
        self,
        db: Database,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        start_devices: bool = True,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner or TaskRunner(self)
        self.tasks = self.runner  # the name the register and history panes use
        self.setWindowTitle(self.tr("POS Clients"))
        self.resize(1200, 760)
        self.tabs = named(QTabWidget(), "mainTabs")
        self.clients_tabs = named(QTabWidget(), "clientsTabs")
        self.directory = DirectoryPage(db, self.runner, self.status_message)
        self.groups = GroupsPage(db, self.runner, self.status_message)
        self.transfer = DirectoryTransfer(db, self.runner, self.directory, self.status_message)
        self.clients_tabs.addTab(self.directory, self.tr("Répertoire"))
        self.clients_tabs.addTab(self.groups, self.tr("Groupes client"))
        self.tabs.addTab(self.clients_tabs, self.tr("Clients"))
        self.till = this_till()
        self.register_pane: QWidget = RegisterPane(
            db, self.runner, customer_form_factory=self.directory.new_customer_for, till=self.till
        )
        self.history_view: QWidget = HistoryView(db, self.runner)
        self.tabs.addTab(self.register_pane, self.tr("Caisse"))
        self.tabs.addTab(self.history_view, self.tr("Historique"))
        self.settings_tabs = named(QTabWidget(), "settingsTabs")
        self.settings_tabs.setTabPosition(QTabWidget.TabPosition.West)
        self.add_settings_page(GeneralSettingsPage(), self.tr("Général"))
        self.add_settings_page(PrintersPage(db, self.runner), self.tr("Imprimantes"))
        self.add_settings_page(EmailPage(db, self.runner), self.tr("E-mail"))
        self.tabs.addTab(self.settings_tabs, self.tr("Réglages"))
        self.setCentralWidget(self.tabs)
        self._install_outputs(start_devices)
        self.groups.groups_changed.connect(self.directory.model.refresh)
        self.groups.show_members_requested.connect(self._on_groups_show_members_requested)
        self.directory.customer_saved.connect(lambda _c: self.groups.reload())
        self.directory.customer_deleted.connect(lambda _id: self.groups.reload())
        self.statusBar().showMessage(self.tr("Base de données : %1").replace("%1", db.url))
        self._restore()

    def _install_outputs(self, start_devices: bool) -> None:
        """Scanners, print and mail workers, and their status in the status bar."""
        register = self.register_pane
        assert isinstance(register, RegisterPane)
        self.scanners = install_scanners(
            self.db,
            self.runner,
            register,
            self.add_settings_page,
            self.statusBar(),
            start=start_devices,
        )
        self.outputs = OutputWorkers(self.db, self, till=self.till)
        self.outputs_status = OutputsStatus(self.db, self.runner, self, till=self.till)
        self.statusBar().addPermanentWidget(self.outputs_status)
        self.outputs_status.clicked.connect(self._on_outputs_status_clicked)
        self.outputs.print_round_done.connect(self.outputs_status.refresh)
        self.outputs.mail_round_done.connect(self.outputs_status.refresh)
        register.sale_completed.connect(self._on_register_sale_completed)
        if start_devices:
            self.outputs.start()

    def _on_register_sale_completed(self, _invoice: object) -> None:
        # Print and send now rather than at the workers' next tick.
        self.outputs.sale_done()
        self.outputs_status.refresh()

    def _on_outputs_status_clicked(self) -> None:
        dialog = OutputsDialog(self.db, self.runner, self)
        dialog.changed.connect(self.outputs.sale_done)
        dialog.changed.connect(self.outputs_status.refresh)
        dialog.open()

    # --- seams for the other areas -------------------------------------------------------

    def add_settings_page(self, widget: QWidget, title: str) -> None:
        """Add a page to Réglages (scanner, printers, …), scrolled when the screen is small,
        so that no settings page makes the till's window larger than its screen."""
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(widget)
        self.settings_tabs.addTab(scroller, title)

    def status_message(self, text: str) -> None:
        """Say something in the status bar for a few seconds."""
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def show_directory(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.clients_tabs.setCurrentWidget(self.directory)

    def _on_groups_show_members_requested(self, group_id: int, name: str) -> None:
        self.directory.show_group(group_id, name)
        self.show_directory()

    # --- what the window remembers -------------------------------------------------------

    def _restore(self) -> None:
        settings = ui_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, tabs in (("window/tab", self.tabs), ("window/clientsTab", self.clients_tabs)):
            value = settings.value(key)
            if value is not None and 0 <= int(str(value)) < tabs.count():
                tabs.setCurrentIndex(int(str(value)))
            tabs.currentChanged.connect(lambda index, k=key: self._save(k, index))

    def _save(self, key: str, value: object) -> None:
        settings = ui_settings()
        settings.setValue(key, value)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save("window/geometry", self.saveGeometry())
        self.scanners.hub.stop()
        self.outputs.stop()
        super().closeEvent(event)
