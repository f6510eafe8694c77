"""Putting the scanners into the main window: one call the window makes at start.

    scanners = install_scanners(db, tasks, register_pane, window.add_settings_page,
                                window.statusBar())

loads this till's settings, starts every scanner, sends their codes to the register pane (or
the focused Référence field), shows scanner status in the status bar, and adds the
« Douchettes » page to the settings; saving that page restarts the scanners.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar, QWidget

from pos_clients.data.database import Database
from pos_clients.scanner_settings import ScannerSettings, load_settings
from pos_clients.ui.scanner_dispatch import ScanDispatcher, ScanTarget
from pos_clients.ui.scanner_hub import ScannerHub
from pos_clients.ui.scanners_page import ScannersPage
from pos_clients.ui.tasks import TaskRunner

STATUS_MS = 8000


@dataclass
class Scanners:
    dispatcher: ScanDispatcher
    hub: ScannerHub
    page: ScannersPage


def install_scanners(
    db: Database,
    tasks: TaskRunner,
    target: ScanTarget | None,
    add_settings_page: Callable[[QWidget, str], object] | None = None,
    status_bar: QStatusBar | None = None,
    settings: ScannerSettings | None = None,
    *,
    start: bool = True,
) -> Scanners:
    settings = settings or load_settings()
    dispatcher = ScanDispatcher(db, tasks, target, settings.rules)
    hub = ScannerHub(dispatcher)
    if status_bar is not None:
        hub.status_changed.connect(lambda message: status_bar.showMessage(message, STATUS_MS))
    page = ScannersPage(settings, dispatcher, tasks)
    page.settings_saved.connect(hub.apply)
    if add_settings_page is not None:
        add_settings_page(page, QCoreApplication.translate("Scanners", "Douchettes"))
    if start:
        hub.apply(settings)
    return Scanners(dispatcher, hub, page)
