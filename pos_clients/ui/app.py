"""Starting the app: the Qt application, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from pos_clients.data.database import open_database
from pos_clients.errors import PosError


def run_app(database_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-clients")
    app.setOrganizationName("pos-clients")
    app.setApplicationDisplayName("POS Clients")
    try:
        db = open_database(database_url)
    except PosError as exc:
        QMessageBox.critical(None, "POS Clients", exc.message())
        return 2
    from pos_clients.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    return int(app.exec())
