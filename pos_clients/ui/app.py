"""Starting the app: the Qt application, its language, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from pos_clients.errors import PosError
from pos_clients.ui import translations
from pos_clients.ui.opening import open_showing_upgrade
from pos_clients.ui.preferences import saved_language


def make_application() -> QApplication:
    """The QApplication, named, with the user's language installed."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("pos-clients")
    app.setOrganizationName("pos-clients")
    app.setApplicationDisplayName("POS Clients")
    translations.install(translations.choose_language(saved_language()), app)
    return app


def run_app(database_url: str | None = None) -> int:
    app = make_application()
    try:
        db = open_showing_upgrade(database_url)
    except PosError as exc:
        QMessageBox.critical(None, "POS Clients", exc.message())
        return 2
    from pos_clients import sale_outputs
    from pos_clients.data import warmup
    from pos_clients.ui.main_window import MainWindow
    from pos_clients.ui.tasks import TaskRunner

    sale_outputs.install()
    # The first searches of the day read from memory, not from the disk.
    warmup.warm_in_background(db.engine.url.render_as_string(hide_password=False))
    runner = TaskRunner()
    window = MainWindow(db, runner)
    window.show()
    try:
        return int(app.exec())
    finally:
        runner.shutdown()
        db.dispose()
