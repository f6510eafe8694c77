"""End to end: scans from a device stand-in through the dispatcher to a ticket (real database)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.formatting import percent_bp
from pos_clients.hardware.keymap import KeyDecoder
from pos_clients.hardware.qt_evdev import EvdevScanner
from pos_clients.hardware.qt_keyboard import KeyboardBurstFilter
from pos_clients.scanning import CustomerCard, ScanRules
from pos_clients.ui.scanner_dispatch import ACCEPTS_SCANNED_CODE, ScanDispatcher
from pos_clients.ui.tasks import SyncTaskRunner, TaskRunner
from tests.helpers import factories
from tests.helpers.scanner_devices import FakeClock, PipeDevice, type_keys
from tests.helpers.scanner_keys import pack, scan_events
from tests.helpers.scanner_ticket import TicketPane

CARD = "0400000000015"
OTHER_CARD = "0400000000022"
ITEM = "3017620422003"


@pytest.fixture
def ticket(qtbot: QtBot, db: Database) -> TicketPane:
    pane = TicketPane(db, catalogue={ITEM: "Pâte à tartiner 400 g"})
    qtbot.addWidget(pane)
    return pane


@pytest.fixture
def dispatcher(db: Database, sync_tasks: SyncTaskRunner, ticket: TicketPane) -> ScanDispatcher:
    return ScanDispatcher(
        db,
        sync_tasks,
        ticket,
        ScanRules(),
        find_item=lambda _uow, code: ticket.catalogue.get(code),
    )


@pytest.fixture
def device() -> Iterator[PipeDevice]:
    dev = PipeDevice()
    yield dev
    dev.close_all()


def test_scanning_a_card_puts_the_customer_and_discount_on_the_ticket(
    qtbot: QtBot, db: Database, ticket: TicketPane, dispatcher: ScanDispatcher, device: PipeDevice
) -> None:
    vip = factories.group(db, "VIP", discount_bp=1000)
    factories.person(db, "Martin", "Léa", reference=OTHER_CARD)
    zoe = factories.person(db, "Lefèvre", "Zoë", reference=CARD, group_id=vip.id)
    scanner = EvdevScanner(device.open, KeyDecoder(layout="fr"), "evdev:test")
    scanner.code_read.connect(dispatcher.submit)
    scanner.start()
    with qtbot.waitSignal(dispatcher.classified, timeout=3000):
        device.write(pack(scan_events(CARD, "fr")))
    assert ticket.customer_id == zoe.id
    assert ticket.customer_label.text() == f"Lefèvre Zoë — remise {percent_bp(1000)}"
    scanner.stop()


def test_another_card_replaces_the_customer(
    db: Database, ticket: TicketPane, dispatcher: ScanDispatcher
) -> None:
    first = factories.person(db, "Martin", "Léa", reference=OTHER_CARD)
    second = factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    dispatcher.submit(OTHER_CARD, "test")
    assert ticket.customer_id == first.id
    dispatcher.submit(CARD, "test")
    assert ticket.customer_id == second.id
    assert ticket.message.text() == "Client remplacé"


def test_an_item_barcode_adds_the_item(ticket: TicketPane, dispatcher: ScanDispatcher) -> None:
    dispatcher.submit(ITEM, "test")
    assert [ticket.items.item(i).text() for i in range(ticket.items.count())] == [
        "Pâte à tartiner 400 g"
    ]
    assert ticket.customer_id is None


def test_an_unknown_code_says_so(ticket: TicketPane, dispatcher: ScanDispatcher) -> None:
    dispatcher.submit("000123", "test")
    assert ticket.message.text() == "Code inconnu : 000123"
    assert ticket.customer_id is None


def test_a_misread_card_is_refused(
    db: Database, ticket: TicketPane, dispatcher: ScanDispatcher
) -> None:
    factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    dispatcher.submit(CARD[:-1] + "6", "test")
    assert "clé de contrôle" in ticket.message.text()
    assert ticket.customer_id is None


class CustomerForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.reference = QLineEdit()
        self.reference.setProperty(ACCEPTS_SCANNED_CODE, True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.reference)


def test_a_scan_with_the_reference_field_focused_fills_it(
    qtbot: QtBot,
    qapp: object,
    db: Database,
    ticket: TicketPane,
    dispatcher: ScanDispatcher,
) -> None:
    factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    form = CustomerForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.reference.setFocus()
    qtbot.waitUntil(form.reference.hasFocus)
    clock = FakeClock()
    burst = KeyboardBurstFilter(clock=clock)
    burst.code_read.connect(dispatcher.submit)
    burst.install(qapp)  # type: ignore[arg-type]
    try:
        with qtbot.waitSignal(dispatcher.field_filled, timeout=1000):
            type_keys(form.reference, "&é\"'(-è_çà\r", clock, 0.004)
    finally:
        burst.uninstall(qapp)  # type: ignore[arg-type]
    assert form.reference.text() == "1234567890"
    assert ticket.customer_id is None  # the form took the code, not the ticket
    # The name field does not take codes: the same scan goes to the ticket.
    form.name.setFocus()
    qtbot.waitUntil(form.name.hasFocus)
    dispatcher.submit(CARD, "test")
    assert ticket.customer_id is not None and form.name.text() == ""


def test_noise_never_attaches_a_wrong_customer(
    db: Database, ticket: TicketPane, dispatcher: ScanDispatcher
) -> None:
    zoe = factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    rng = random.Random(11)
    alphabet = "0123456789ABCZéè&\"'(-_çà \t\r\x00\x1b"
    for _ in range(150):
        code = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90)))
        dispatcher.submit(code, "noise")
        assert ticket.customer_id is None, code
    dispatcher.submit(CARD + "1", "noise")  # one digit too many
    dispatcher.submit(CARD[1:], "noise")  # a leading zero lost
    assert ticket.customer_id is None
    dispatcher.submit(CARD, "scanner")
    assert ticket.customer_id == zoe.id


def test_lookups_run_off_the_ui_thread(qtbot: QtBot, db: Database, ticket: TicketPane) -> None:
    zoe = factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    runner = TaskRunner()
    try:
        dispatcher = ScanDispatcher(db, runner, ticket)
        results: list[object] = []
        dispatcher.classified.connect(lambda _c, _s, result: results.append(result))
        dispatcher.submit(CARD, "test")
        assert ticket.customer_id is None  # submit returned before the look-up
        qtbot.waitUntil(lambda: ticket.customer_id == zoe.id, timeout=5000)
        assert isinstance(results[0], CustomerCard)
    finally:
        runner.shutdown()


def test_a_customer_deleted_meanwhile_is_said_not_raised(
    db: Database, ticket: TicketPane, dispatcher: ScanDispatcher
) -> None:
    from pos_clients import customers

    zoe = factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    original = ticket.attach_customer

    def attach_after_delete(customer_id: int) -> None:
        with db.uow() as uow:
            customers.delete_customer(uow, zoe.id)
        original(customer_id)

    ticket.attach_customer = attach_after_delete  # type: ignore[method-assign]
    dispatcher.submit(CARD, "test")
    assert "n'existe plus" in ticket.message.text()
    assert ticket.customer_id is None
