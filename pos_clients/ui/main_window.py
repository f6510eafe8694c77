"""The main window: Clients (Répertoire, Groupes client), Caisse, Historique, Réglages.

The register pane (`pos_clients.ui.register.RegisterPane`) and the invoice history
(`pos_clients.ui.history.HistoryView`) go in Caisse and Historique when those packages are
installed; the register's "new customer" button opens this window's customer form. Seams for
the other areas: `set_register_pane(widget)` and `set_history_pane(widget)` replace those tabs,
`add_settings_page(widget, title)` adds a page to Réglages, and `status_message(text)` writes
in the status bar.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from pos_clients.data.database import Database
from pos_clients.ui.directory.import_dialog import DirectoryTransfer
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.groups.page import GroupsPage
from pos_clients.ui.preferences import ui_settings
from pos_clients.ui.settings_general import GeneralSettingsPage
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import named

STATUS_TIMEOUT_MS = 8000


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _optional_pane(module: str, name: str, *args: Any, **kwargs: Any) -> QWidget | None:
    """Another area's pane, when its package is installed (built without it otherwise)."""
    if importlib.util.find_spec(module) is None:
        return None
    pane = getattr(importlib.import_module(module), name)(*args, **kwargs)
    assert isinstance(pane, QWidget)
    return pane


class MainWindow(QMainWindow):
    """The app's one window; takes the opened database and the task runner."""

    def __init__(
        self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None
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
        self.register_pane = _optional_pane(
            "pos_clients.ui.register",
            "RegisterPane",
            db,
            self.runner,
            customer_form_factory=self.directory.new_customer_for,
        )
        self.history_view = _optional_pane("pos_clients.ui.history", "HistoryView", db, self.runner)
        self.tabs.addTab(
            self.register_pane or _placeholder(self.tr("Caisse : à venir")), self.tr("Caisse")
        )
        self.tabs.addTab(
            self.history_view or _placeholder(self.tr("Historique : à venir")),
            self.tr("Historique"),
        )
        self.settings_tabs = named(QTabWidget(), "settingsTabs")
        self.settings_tabs.setTabPosition(QTabWidget.TabPosition.West)
        self.add_settings_page(GeneralSettingsPage(), self.tr("Général"))
        self.tabs.addTab(self.settings_tabs, self.tr("Réglages"))
        self.setCentralWidget(self.tabs)
        self.groups.groups_changed.connect(self.directory.model.refresh)
        self.groups.show_members_requested.connect(self._on_groups_show_members_requested)
        self.directory.customer_saved.connect(lambda _c: self.groups.reload())
        self.directory.customer_deleted.connect(lambda _id: self.groups.reload())
        self.statusBar().showMessage(self.tr("Base de données : %1").replace("%1", db.url))
        self._restore()

    # --- seams for the other areas -------------------------------------------------------

    def set_register_pane(self, pane: QWidget) -> None:
        """Put a register pane (Caisse) in place of the current one."""
        self.register_pane = pane
        self._replace_tab(1, pane, self.tr("Caisse"))

    def set_history_pane(self, pane: QWidget) -> None:
        """Put an invoice history (Historique) in place of the current one."""
        self.history_view = pane
        self._replace_tab(2, pane, self.tr("Historique"))

    def add_settings_page(self, widget: QWidget, title: str) -> None:
        """Add a page to Réglages (scanner, printers, …)."""
        self.settings_tabs.addTab(widget, title)

    def status_message(self, text: str) -> None:
        """Say something in the status bar for a few seconds."""
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def show_directory(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.clients_tabs.setCurrentWidget(self.directory)

    def _replace_tab(self, index: int, pane: QWidget, title: str) -> None:
        current = self.tabs.currentIndex()
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, pane, title)
        if old is not None:
            old.deleteLater()
        self.tabs.setCurrentIndex(current)

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
        super().closeEvent(event)
