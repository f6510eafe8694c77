"""The print queue with a real network printer on loopback: printed, off, back on, in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from pos_clients import print_queue
from pos_clients.data.database import Database
from pos_clients.data.outbox_tables import print_job_table
from pos_clients.errors import PosError
from pos_clients.hardware.printers import PrinterUnavailableError
from pos_clients.print_queue import queue_status
from pos_clients.print_worker import PrintWorker, print_due
from pos_clients.printing_settings import PrinterSettings, save_printer
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from tests.helpers.printing_escpos import decode_escpos
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import LoopbackPrinter, set_up_printer, wait_for


@pytest.fixture
def printer() -> Iterator[LoopbackPrinter]:
    device = LoopbackPrinter().start()
    yield device
    device.stop()


@pytest.fixture
def kitchen() -> Iterator[LoopbackPrinter]:
    device = LoopbackPrinter().start()
    yield device
    device.stop()


def _sell(db: Database, number: str, options: SaleOptions | None = None) -> None:
    """What the checkout does: the invoice's hooks inside its transaction, then commit."""
    install()
    with db.uow() as uow:
        run_hooks(uow, zoe_invoice(number), options or SaleOptions())
        uow.commit()


def _texts(device: LoopbackPrinter, count: int) -> list[str]:
    return [decode_escpos(data).text for data in device.wait_received(count)]


def test_a_sale_prints_its_receipt_and_its_preparation_ticket(
    db: Database, printer: LoopbackPrinter, kitchen: LoopbackPrinter
) -> None:
    set_up_printer(db, "receipt", printer.url)
    set_up_printer(db, "preparation", kitchen.url, columns=32)
    _sell(db, "F2026-000001")
    assert print_due(db).printed == 2
    [receipt_text] = _texts(printer, 1)
    assert "Facture F2026-000001" in receipt_text and "Mme Zoë Lefèvre-OEuvray" in receipt_text
    [kitchen_text] = _texts(kitchen, 1)
    assert "PRÉPARATION" in kitchen_text and "Fraisier" in kitchen_text
    assert all(len(line) <= 32 for line in kitchen_text.splitlines())
    # Nothing prints twice.
    assert print_due(db).printed == 0
    assert len(printer.received) == 1 and len(kitchen.received) == 1


def test_pas_de_ticket_prints_only_the_preparation_ticket(
    db: Database, printer: LoopbackPrinter, kitchen: LoopbackPrinter
) -> None:
    set_up_printer(db, "receipt", printer.url)
    set_up_printer(db, "preparation", kitchen.url)
    _sell(db, "F2026-000002", SaleOptions(print_receipt=False))
    print_due(db)
    kitchen.wait_received(1)
    assert printer.received == [] and len(kitchen.received) == 1


def test_a_cancelled_checkout_leaves_no_job(db: Database, printer: LoopbackPrinter) -> None:
    set_up_printer(db, "receipt", printer.url)
    install()
    with db.uow() as uow:
        run_hooks(uow, zoe_invoice("F2026-000003"), SaleOptions())
        # no commit: the sale failed after the hooks ran
    with db.reader() as uow:
        count = uow.session.execute(select(func.count()).select_from(print_job_table)).scalar()
    assert count == 0


def test_printer_off_jobs_wait_then_print_in_order_once(
    db: Database, printer: LoopbackPrinter
) -> None:
    set_up_printer(db, "receipt", printer.url)
    printer.stop()
    for n in (11, 12, 13):
        _sell(db, f"F2026-0000{n}")
    result = print_due(db)
    assert result.printed == 0
    assert isinstance(result.errors["receipt"], PrinterUnavailableError)
    with db.reader() as uow:
        status = queue_status(uow)
    assert status.waiting == {"receipt": 3}
    assert "ne répond pas" in status.errors["receipt"]
    printer.start()  # back on, same address
    assert print_due(db).printed == 3
    texts = _texts(printer, 3)
    numbers = [line for text in texts for line in text.splitlines() if "Facture" in line]
    assert numbers == ["Facture F2026-000011", "Facture F2026-000012", "Facture F2026-000013"]
    assert print_due(db).printed == 0
    assert len(printer.received) == 3
    with db.reader() as uow:
        assert queue_status(uow).total_waiting == 0


def test_reprint_is_marked_duplicata(db: Database, printer: LoopbackPrinter) -> None:
    set_up_printer(db, "receipt", printer.url)
    _sell(db, "F2026-000020")
    print_due(db)
    with db.uow() as uow:
        job = print_queue.reprint(uow, zoe_invoice("F2026-000020"))
    assert job.duplicate and job.state == "pending"
    print_due(db)
    first, second = _texts(printer, 2)
    assert "DUPLICATA" not in first
    assert "*** DUPLICATA ***" in second and "Facture F2026-000020" in second


def test_a_waiting_job_can_go_to_the_other_printer(
    db: Database, printer: LoopbackPrinter, kitchen: LoopbackPrinter
) -> None:
    set_up_printer(db, "receipt", printer.url, columns=42)
    set_up_printer(db, "preparation", kitchen.url, columns=32)
    printer.stop()
    _sell(db, "F2026-000030", SaleOptions(print_preparation=False))
    print_due(db)
    with db.reader() as uow:
        [job] = print_queue.list_jobs(uow, states=("pending",))
    with db.uow() as uow:
        moved = print_queue.send_to_other_printer(uow, job.id)
    assert moved.printer == "preparation"
    assert print_due(db).printed == 1
    [text] = _texts(kitchen, 1)
    assert "Facture F2026-000030" in text
    assert all(len(line) <= 32 for line in text.splitlines())  # laid out for that printer
    with db.uow() as uow, pytest.raises(PosError, match="déjà imprimé"):
        print_queue.send_to_other_printer(uow, job.id)


def test_two_workers_print_each_job_once(db: Database, printer: LoopbackPrinter) -> None:
    set_up_printer(db, "receipt", printer.url)
    for n in range(40, 50):
        _sell(db, f"F2026-0000{n}")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def till(name: str) -> None:
        barrier.wait()
        try:
            for _ in range(5):
                print_due(db, me=name)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=till, args=(f"till-{i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    numbers = sorted(
        line for text in _texts(printer, 10) for line in text.splitlines() if "Facture" in line
    )
    assert numbers == [f"Facture F2026-0000{n}" for n in range(40, 50)]


def test_the_worker_thread_prints_when_woken(db: Database, printer: LoopbackPrinter) -> None:
    set_up_printer(db, "receipt", printer.url)
    worker = PrintWorker(db, idle_seconds=30)
    worker.start()
    try:
        _sell(db, "F2026-000060")
        worker.wake()
        wait_for(lambda: len(printer.received) == 1)
    finally:
        worker.stop()
    assert "Facture F2026-000060" in _texts(printer, 1)[0]


def test_status_says_when_a_printer_is_not_set(db: Database, printer: LoopbackPrinter) -> None:
    set_up_printer(db, "receipt", printer.url)
    printer.stop()
    _sell(db, "F2026-000070", SaleOptions(print_preparation=False))
    with db.reader() as uow:
        [job] = print_queue.list_jobs(uow)
    with db.uow() as uow, pytest.raises(PosError, match="Aucune imprimante de préparation"):
        print_queue.send_to_other_printer(uow, job.id)
    set_up_printer(db, "receipt", "")  # the receipt printer is removed from the settings
    with db.reader() as uow:
        status = queue_status(uow)
    assert status.waiting == {"receipt": 1}
    assert "Aucune imprimante de tickets n'est réglée" in status.errors["receipt"]


def test_a_till_with_its_own_printer_prints_its_own_tickets_there(
    db: Database, printer: LoopbackPrinter, kitchen: LoopbackPrinter
) -> None:
    set_up_printer(db, "receipt", printer.url)  # the shop's receipt printer
    with db.uow() as uow:  # "Caisse 2" has its own, and no preparation printer at all
        save_printer(uow, "receipt", PrinterSettings(url=kitchen.url, columns=32), "Caisse 2")
    with db.uow() as uow:
        save_printer(uow, "preparation", PrinterSettings(url=""), "Caisse 2")
    install()
    with db.uow() as uow:
        run_hooks(uow, zoe_invoice("F2026-000080", till="Caisse 1"), SaleOptions())
        run_hooks(uow, zoe_invoice("F2026-000081", till="Caisse 2"), SaleOptions())
        uow.commit()
    with db.reader() as uow:
        jobs = print_queue.list_jobs(uow)
    # Caisse 1 has no preparation printer either (the shop has none); Caisse 2 said none.
    assert sorted((j.till, j.document) for j in jobs) == [
        ("Caisse 1", "receipt"),
        ("Caisse 2", "receipt"),
    ]
    assert print_due(db, till="Caisse 2").printed == 1
    [text] = _texts(kitchen, 1)
    assert "Facture F2026-000081" in text and all(len(line) <= 32 for line in text.splitlines())
    assert printer.received == []
    with db.reader() as uow:
        assert queue_status(uow, "Caisse 1").waiting == {"receipt": 1}
        assert queue_status(uow, "Caisse 2").waiting == {}
    assert print_due(db).printed == 1  # a worker for every till: Caisse 1's on the shop's
    assert "Facture F2026-000080" in _texts(printer, 1)[0]
