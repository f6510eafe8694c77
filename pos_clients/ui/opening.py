"""Opening the database at start, with a window that says so while its schema is upgraded.

The migrations run before the main window exists. Most take a moment; those that index the
directory again (0006, 0008, 0010) take up to a minute or two at 1,000,000 customers. Then
the upgrade runs on a worker thread while a small window tells the manager what is going on
and that it may take a while; the UI thread goes on drawing it instead of waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog
from sqlalchemy.exc import DBAPIError

from pos_clients.data.database import Database, make_engine, open_database
from pos_clients.data.migrate import current_revision, head_revision

_POLL_MS = 50
UPGRADE_TEXT = (
    "Préparation de la base de données…\n"
    "Pour un grand répertoire, cela peut prendre quelques minutes. "
    "Ne fermez pas l'application."
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseUpgrade", text)


def upgrade_needed(url: str | None) -> bool:
    """Whether the database at `url` is behind the newest schema (False when it cannot be
    reached: opening it then reports why)."""
    engine = make_engine(url)
    try:
        return current_revision(engine) != head_revision()
    except DBAPIError:
        return False
    finally:
        engine.dispose()


def open_showing_upgrade(
    url: str | None, opener: Callable[[str | None], Database] = open_database
) -> Database:
    """`opener(url)` (which migrates), on a worker thread behind a busy window when the
    schema is behind; its errors are raised here."""
    if not upgrade_needed(url):
        return opener(url)
    dialog = QProgressDialog()
    dialog.setWindowTitle("POS Clients")
    dialog.setLabelText(_tr(UPGRADE_TEXT))
    dialog.setCancelButton(None)  # no button: an upgrade cannot stop half-way
    dialog.setRange(0, 0)  # busy, no percentage
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    with ThreadPoolExecutor(1, thread_name_prefix="upgrade") as pool:
        future = pool.submit(opener, url)
        loop = QEventLoop()
        timer = QTimer(interval=_POLL_MS)
        timer.timeout.connect(lambda: loop.quit() if future.done() else None)
        timer.start()
        if not future.done():
            loop.exec()
        timer.stop()
    dialog.close()
    dialog.deleteLater()
    return future.result()
