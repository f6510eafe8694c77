"""The Scanners settings page: adding scanners, saving per till, bad input, the test area."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_clients.config import config_dir
from pos_clients.data.database import Database
from pos_clients.scanner_settings import ScannerSettings, load_settings
from pos_clients.ui.scanner_dispatch import ScanDispatcher
from pos_clients.ui.scanners_page import ScannersPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers import factories
from tests.helpers.scanner_ticket import TicketPane

CARD = "0400000000015"


@pytest.fixture
def sqlite_ticket(qtbot: QtBot, sqlite_db: Database) -> TicketPane:
    pane = TicketPane(sqlite_db)
    qtbot.addWidget(pane)
    return pane


@pytest.fixture
def page(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, sqlite_ticket: TicketPane
) -> ScannersPage:
    dispatcher = ScanDispatcher(sqlite_db, sync_tasks, sqlite_ticket)
    widget = ScannersPage(load_settings(), dispatcher, sync_tasks)
    qtbot.addWidget(widget)
    return widget


def test_adding_a_serial_scanner_and_saving_keeps_it_for_this_till(
    qtbot: QtBot, page: ScannersPage
) -> None:
    assert page.scanner_list.count() == 1  # the keyboard scanner of a new till
    page.add_serial.click()
    assert page.scanner_list.currentRow() == 1
    page.device.setEditText("/dev/ttyACM0")
    page.baud.setCurrentIndex(page.baud.findData(115200))
    page.suffix.setCurrentIndex(page.suffix.findData("crlf"))
    page.card_prefix.setText("29")
    with qtbot.waitSignal(page.settings_saved) as saved:
        page.save.click()
    settings = saved.args[0]
    assert isinstance(settings, ScannerSettings)
    stored = json.loads((config_dir() / "scanners.json").read_text(encoding="utf-8"))
    assert stored["card_prefix"] == "29"
    serial = load_settings().scanners[1]
    assert (serial.kind, serial.device, serial.baud, serial.suffix) == (
        "serial",
        "/dev/ttyACM0",
        115200,
        "crlf",
    )


def test_a_scanner_without_device_is_refused_with_a_message(
    qtbot: QtBot, page: ScannersPage
) -> None:
    page.add_evdev.click()
    page.device.setEditText("")
    with qtbot.assertNotEmitted(page.settings_saved):
        page.save.click()
    assert page.error.text() == "Choisissez l'appareil de la douchette."
    assert not (config_dir() / "scanners.json").exists()


def test_removing_a_scanner(page: ScannersPage) -> None:
    page.add_keyboard.click()
    page.remove.click()
    assert page.scanner_list.count() == 1


def test_the_test_area_shows_the_code_and_its_class_without_touching_the_ticket(
    qtbot: QtBot, page: ScannersPage, sqlite_db: Database, sqlite_ticket: TicketPane
) -> None:
    factories.person(sqlite_db, "Lefèvre", "Zoë", reference=CARD)
    page.show()
    qtbot.waitExposed(page)
    dispatcher = page._dispatcher
    dispatcher.submit(CARD, "keyboard")
    assert page.test_code.text() == f"Code lu : {CARD} (keyboard)"
    assert page.test_result.text() == "Classement : carte client de Lefèvre Zoë"
    assert sqlite_ticket.customer_id is None
    dispatcher.submit("000123", "serial:/dev/ttyACM0")
    assert page.test_result.text() == "Classement : code inconnu"
    page.hide()
    dispatcher.submit(CARD, "keyboard")
    assert sqlite_ticket.customer_id is not None  # the page closed: scans go to the ticket
    assert QApplication.instance() is not None
