"""The main window's one call: scanners started, status in the status bar, page added."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.scanner_settings import ScannerConfig, ScannerSettings
from pos_clients.ui.scanner_setup import install_scanners
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers import factories
from tests.helpers.scanner_devices import PtyScanner
from tests.helpers.scanner_ticket import TicketPane

CARD = "0400000000015"


def test_install_scanners_in_a_window(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, tmp_path: Path
) -> None:
    zoe = factories.person(sqlite_db, "Lefèvre", "Zoë", reference=CARD)
    window = QMainWindow()
    qtbot.addWidget(window)
    settings_tabs = QTabWidget()
    window.setCentralWidget(settings_tabs)
    ticket = TicketPane(sqlite_db)
    qtbot.addWidget(ticket)

    def add_settings_page(page: QWidget, title: str) -> None:
        settings_tabs.addTab(page, title)

    pty = PtyScanner(tmp_path)
    scanners = install_scanners(
        sqlite_db,
        sync_tasks,
        ticket,
        add_settings_page,
        window.statusBar(),
        ScannerSettings(
            scanners=(ScannerConfig(kind="serial", device=str(pty.path), suffix="cr"),)
        ),
    )
    try:
        assert settings_tabs.tabText(0) == "Douchettes"
        qtbot.waitUntil(lambda: "prête" in window.statusBar().currentMessage(), timeout=5000)
        pty.send(CARD.encode() + b"\r")
        qtbot.waitUntil(lambda: ticket.customer_id == zoe.id, timeout=5000)
        pty.unplug()
        qtbot.waitUntil(lambda: "indisponible" in window.statusBar().currentMessage(), timeout=5000)
    finally:
        scanners.hub.stop()
