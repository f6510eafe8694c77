"""The main window: Clients (Répertoire, Groupes client), Caisse, Historique, Réglages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from pos_clients.data.database import Database
from pos_clients.ui.history import HistoryView
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.tasks import TaskRunner


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(self.tr("POS Clients"))
        self.resize(1200, 760)
        self.tabs = QTabWidget()
        clients = QTabWidget()
        clients.addTab(_placeholder(self.tr("Répertoire : à venir")), self.tr("Répertoire"))
        clients.addTab(_placeholder(self.tr("Groupes client : à venir")), self.tr("Groupes client"))
        self.tabs.addTab(clients, self.tr("Clients"))
        self.tasks = TaskRunner(self)
        self.register_pane = RegisterPane(db, self.tasks)
        self.tabs.addTab(self.register_pane, self.tr("Caisse"))
        self.tabs.addTab(HistoryView(db, self.tasks), self.tr("Historique"))
        self.setCentralWidget(self.tabs)
        self.statusBar().showMessage(self.tr("Base de données : %1").replace("%1", db.url))
