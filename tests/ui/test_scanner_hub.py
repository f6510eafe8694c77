"""The till's scanners from its settings: several at once, one failing stops no other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.scanner_settings import ScannerConfig, ScannerSettings
from pos_clients.ui.scanner_dispatch import ScanDispatcher
from pos_clients.ui.scanner_hub import ScannerHub
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers import factories
from tests.helpers.scanner_devices import PtyScanner
from tests.helpers.scanner_ticket import TicketPane

CARD = "0400000000015"


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyScanner]:
    scanner = PtyScanner(tmp_path)
    yield scanner
    if scanner.master >= 0:
        scanner.unplug()


def test_a_missing_usb_scanner_does_not_stop_the_serial_one(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, pty: PtyScanner
) -> None:
    zoe = factories.person(sqlite_db, "Lefèvre", "Zoë", reference=CARD)
    ticket = TicketPane(sqlite_db)
    qtbot.addWidget(ticket)
    hub = ScannerHub(ScanDispatcher(sqlite_db, sync_tasks, ticket))
    statuses: list[str] = []
    hub.status_changed.connect(statuses.append)
    settings = ScannerSettings(
        scanners=(
            ScannerConfig(kind="evdev", device="/dev/input/by-id/absent-event-kbd"),
            ScannerConfig(kind="serial", device=str(pty.path), suffix="cr", label="comptoir"),
            ScannerConfig(kind="keyboard"),
        )
    )
    hub.apply(settings)
    try:
        assert len(hub.sources) == 3
        qtbot.waitUntil(lambda: any("comptoir prête" in s for s in statuses), timeout=5000)
        assert any("absent-event-kbd indisponible" in s for s in statuses)
        pty.send(CARD.encode() + b"\r")
        qtbot.waitUntil(lambda: ticket.customer_id == zoe.id, timeout=5000)
    finally:
        hub.stop()
