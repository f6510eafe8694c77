"""Across the window: tabs and seams, remembered layout, French and English, readable errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.errors import DatabaseBusyError
from pos_clients.i18n import current_language
from pos_clients.ui import translations
from pos_clients.ui.history import HistoryView
from pos_clients.ui.main_window import MainWindow
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.settings_general import GeneralSettingsPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.ui_data import fill_demo_directory
from tests.helpers.ui_dialogs import answer_next_box
from tests.helpers.ui_keys import type_text


def tab_titles(tabs) -> list[str]:  # type: ignore[no-untyped-def]
    return [tabs.tabText(i) for i in range(tabs.count())]


@pytest.fixture
def english(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("POS_CLIENTS_LANG", "en")
    monkeypatch.setenv("POS_CLIENTS_CACHE_DIR", str(tmp_path / "cache"))
    translations.install(translations.choose_language(), qapp)
    yield
    translations.install("fr", qapp)


def make_window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, SyncTaskRunner(), start_devices=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_main_window_has_the_shape_of_the_help_page(qtbot, sqlite_db: Database) -> None:
    window = make_window(qtbot, sqlite_db)
    assert tab_titles(window.tabs) == ["Clients", "Caisse", "Historique", "Réglages"]
    assert tab_titles(window.clients_tabs) == ["Répertoire", "Groupes client"]
    assert window.directory.new_button.text() == "Nouveau"
    assert "Ctrl+N" in window.directory.new_button.toolTip()


def test_the_areas_are_put_together(qtbot, sqlite_db: Database) -> None:
    window = make_window(qtbot, sqlite_db)
    assert isinstance(window.tabs.widget(1), RegisterPane)
    assert isinstance(window.tabs.widget(2), HistoryView)
    assert tab_titles(window.settings_tabs) == ["Général", "Imprimantes", "E-mail", "Douchettes"]
    # The register's "new customer" opens the directory's form.
    register = window.tabs.widget(1)
    assert isinstance(register, RegisterPane)
    assert register._form_factory == window.directory.new_customer_for
    window.add_settings_page(QWidget(), "Balance")
    assert tab_titles(window.settings_tabs)[-1] == "Balance"
    window.status_message("Imprimante prête")
    assert window.statusBar().currentMessage() == "Imprimante prête"


def test_window_remembers_geometry_columns_and_last_tab(qtbot, sqlite_db: Database) -> None:
    first = make_window(qtbot, sqlite_db)
    first.resize(780, 540)
    first.tabs.setCurrentIndex(0)
    first.clients_tabs.setCurrentIndex(1)
    first.directory.view.setColumnWidth(0, 321)
    first.close()
    second = make_window(qtbot, sqlite_db)
    assert second.clients_tabs.currentIndex() == 1
    assert second.size().width() == 780 and second.size().height() == 540
    assert second.directory.view.columnWidth(0) == 321


def test_new_customer_shortcut_and_tab_order(qtbot, sqlite_db: Database) -> None:
    window = MainWindow(sqlite_db, SyncTaskRunner(), start_devices=False)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.directory.view.setFocus()
    qtbot.keyClick(window.directory.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.directory.search.hasFocus()
    qtbot.keyClick(window.directory.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.directory.form
    assert form is not None and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.field("first_name").setFocus()
    chain = []
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        chain.append(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert chain == ["first_name", "last_name", "birthday", "email"]


def test_english_when_the_user_asks_for_it(qtbot, sqlite_db: Database, english: None) -> None:
    assert current_language() == "en"
    fill_demo_directory(sqlite_db)
    window = make_window(qtbot, sqlite_db)
    assert tab_titles(window.tabs) == ["Customers", "Register", "History", "Settings"]
    assert tab_titles(window.clients_tabs) == ["Directory", "Customer groups"]
    assert window.directory.count_label.text() == "11 customers"
    model = window.directory.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    qtbot.mouseClick(window.directory.new_button, Qt.MouseButton.LeftButton)
    form = window.directory.form
    assert form is not None and form.windowTitle() == "New customer"
    assert form.validate_button.text() == "Save"
    line = form.field("email")
    line.setFocus()
    type_text(line, "jean@")
    assert form.error_text("email") == "Invalid email address: “jean@”."


def test_language_setting_is_saved_for_next_start(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POS_CLIENTS_LANG")
    page = GeneralSettingsPage()
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("en"))
    assert "prochain démarrage" in page.note.text()
    assert (
        translations.choose_language(
            __import__("pos_clients.ui.preferences", fromlist=["x"]).saved_language()
        )
        == "en"
    )
    monkeypatch.setenv("POS_CLIENTS_LANG", "fr")
    assert translations.choose_language("en") == "fr"


def test_translations_compile_once_and_again_when_the_source_changes(tmp_path: Path) -> None:
    source = translations.TRANSLATIONS_DIR / "directory_en.ts"
    ts = tmp_path / "area_en.ts"
    ts.write_bytes(source.read_bytes())
    qm = translations.compiled(ts, tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    stamp = qm.stat().st_mtime_ns
    assert translations.compiled(ts, tmp_path) == qm
    assert qm.stat().st_mtime_ns == stamp
    os.utime(ts, ns=(stamp + 10**9, stamp + 10**9))
    assert translations.compiled(ts, tmp_path) == qm
    assert qm.stat().st_mtime_ns > stamp


def test_a_locked_database_says_so_and_keeps_what_was_typed(
    qtbot, sqlite_db: Database, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pos_clients.data.database.SQLITE_BUSY_TIMEOUT_MS", 50)
    window = make_window(qtbot, sqlite_db)
    qtbot.mouseClick(window.directory.new_button, Qt.MouseButton.LeftButton)
    form = window.directory.form
    assert form is not None
    form.field("last_name").setFocus()
    type_text(form.field("last_name"), "Verrou")
    type_text(form.field("email"), "verrou@example.fr")
    other_till = sqlite3.connect(sqlite_url.split("///", 1)[1], timeout=0.05)
    other_till.execute("BEGIN IMMEDIATE")
    try:
        sqlite_db.engine.dispose()  # new connections take the shorter busy timeout
        seen = answer_next_box("OK")
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
        assert seen.answered
        assert seen.text == DatabaseBusyError().message()
    finally:
        other_till.rollback()
        other_till.close()
    assert form.isVisible()
    assert form.field("last_name").text() == "Verrou"  # type: ignore[attr-defined]
    assert form.field("email").text() == "verrou@example.fr"  # type: ignore[attr-defined]
    assert form.validate_button.isEnabled()
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reader() as uow:
        assert customers.count_customers(uow) == 1


def _sources(ts: Path) -> dict[str, str]:
    import xml.etree.ElementTree as ET

    return {
        f"{context.findtext('name')}|{message.findtext('source')}": (
            "" if message.find("translation").get("type") else message.findtext("translation")
        )
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def test_every_french_string_of_the_window_has_its_english(tmp_path: Path) -> None:
    """The committed .ts holds every tr() of the directory window, each translated."""
    import subprocess
    import sys

    committed = translations.TRANSLATIONS_DIR / "directory_en.ts"
    fresh = tmp_path / "fresh_en.ts"
    ui = Path(translations.__file__).parent
    owned = sorted(
        [str(p) for area in ("directory", "groups") for p in (ui / area).glob("*.py")]
        + [str(ui / f) for f in ("main_window.py", "error_display.py", "settings_general.py")]
    )
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *owned, "-ts", str(fresh), "-locations", "none", "-silent"], check=True
    )
    wanted, have = _sources(fresh), _sources(committed)
    assert set(wanted) <= set(have), sorted(set(wanted) - set(have))
    assert [key for key in wanted if not have[key]] == []
