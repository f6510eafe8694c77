"""Opening a database whose schema is behind: the upgrade runs on a worker thread behind a
window that says so, and the app gets the database at the newest schema."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QProgressDialog

from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import current_revision, head_revision
from pos_clients.ui import opening, translations
from tests.helpers.factories import person
from tests.helpers.migrations import upgrade_to

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "directory_en.ts"


def _upgrade_windows() -> list[QProgressDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_an_old_schema_is_upgraded_behind_a_window_that_says_so(
    qapp: QApplication, sqlite_url: str
) -> None:
    upgrade_to(sqlite_url, "0007")
    assert opening.upgrade_needed(sqlite_url)
    release = threading.Event()
    seen: list[str] = []
    threads: list[str] = []

    def slow_open(url: str | None) -> Database:
        threads.append(threading.current_thread().name)
        assert release.wait(10)  # the upgrade "takes long" until the window has been seen
        return open_database(url)

    def look() -> None:
        seen.extend(w.labelText() for w in _upgrade_windows())
        release.set()

    QTimer.singleShot(100, look)  # runs only if the UI thread keeps handling events
    db = opening.open_showing_upgrade(sqlite_url, slow_open)
    try:
        assert len(seen) == 1 and seen[0].startswith("Préparation de la base de données")
        assert threads and threads[0] != threading.current_thread().name
        assert current_revision(db.engine) == head_revision()
        assert person(db, "Dupont", "Jean").display_name == "Dupont Jean"
        QApplication.processEvents()
        assert _upgrade_windows() == []
    finally:
        db.dispose()


def test_an_up_to_date_schema_opens_without_a_window(qapp: QApplication, sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    assert not opening.upgrade_needed(sqlite_url)
    shown: list[int] = []
    opened_on: list[threading.Thread] = []

    def opener(url: str | None) -> Database:
        opened_on.append(threading.current_thread())
        shown.append(len(_upgrade_windows()))  # no window while it opens
        return open_database(url)

    QTimer.singleShot(0, lambda: shown.append(len(_upgrade_windows())))
    db = opening.open_showing_upgrade(sqlite_url, opener)
    QApplication.processEvents()
    db.dispose()
    assert shown == [0, 0]
    assert opened_on == [threading.main_thread()]  # at once, no worker thread


def test_an_upgrade_that_fails_raises_its_error_and_closes_the_window(
    qapp: QApplication, sqlite_url: str
) -> None:
    upgrade_to(sqlite_url, "0007")

    def failing(url: str | None) -> Database:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        opening.open_showing_upgrade(sqlite_url, failing)
    QApplication.processEvents()
    assert _upgrade_windows() == []


def test_the_window_speaks_english(qapp: QApplication, tmp_path: Path) -> None:
    qm = translations.compiled(TS, tmp_path)  # as the app compiles it at start
    if qm is None:
        pytest.skip("lrelease not installed")
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        text = opening._tr(opening.UPGRADE_TEXT)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert text.startswith("Preparing the database…")
