"""The preview, the Imprimantes and E-mail pages, and the status bar, as a cashier uses them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.mail.outbox import list_outbox
from pos_clients.mail.settings import load_smtp, smtp_password
from pos_clients.mail.worker import send_due
from pos_clients.print_queue import enqueue, list_jobs
from pos_clients.print_worker import PrintRound, print_due
from pos_clients.printing_settings import load_printer
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from pos_clients.shop_settings import set_setting
from pos_clients.ui.document_preview import DocumentPreview, open_document_preview
from pos_clients.ui.outputs_dialog import OutputsDialog
from pos_clients.ui.outputs_status import OutputsStatus, OutputWorkers
from pos_clients.ui.settings.email_page import EmailPage
from pos_clients.ui.settings.printers_page import PrintersPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.printing_escpos import decode_escpos
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import (
    LoopbackPrinter,
    LoopbackSmtp,
    free_port,
    set_up_printer,
    set_up_smtp,
    use_memory_keyring,
)


@pytest.fixture
def printer() -> Iterator[LoopbackPrinter]:
    device = LoopbackPrinter().start()
    yield device
    device.stop()


def test_preview_shows_the_receipt_and_the_preparation_ticket(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, tmp_path: Path
) -> None:
    dialog = DocumentPreview(zoe_invoice(), footer="Merci !", db=sqlite_db, tasks=sync_tasks)
    qtbot.addWidget(dialog)
    receipt_text = dialog.receipt_view.toPlainText()
    # As the CP858 paper shows it: Œ is not on the printer, so the screen says OE too.
    assert "Mme Zoë Lefèvre-OEuvray" in receipt_text and "3 rue de l'Église" in receipt_text
    assert "TOTAL TTC" in receipt_text and "36,81 €" in receipt_text
    assert dialog.preparation_view is not None
    assert "PRÉPARATION" in dialog.preparation_view.toPlainText()
    assert dialog.tabs.count() == 2
    target = tmp_path / "facture.pdf"
    with qtbot.waitSignal(dialog.pdf_saved, timeout=5000) as saved:
        dialog.save_pdf(str(target))
    assert saved.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert "facture.pdf" in dialog.message.text()


def test_preview_reprints_a_duplicata_and_resends(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    dialog = DocumentPreview(zoe_invoice(), db=sqlite_db, tasks=sync_tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reprint_button.isVisible() and dialog.resend_button.isVisible()
    with qtbot.waitSignal(dialog.reprinted, timeout=5000):
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.resent, timeout=5000):
        qtbot.mouseClick(dialog.resend_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reader() as uow:
        [job] = list_jobs(uow)
        [message] = list_outbox(uow)
    assert job.duplicate and job.invoice_number == "F2026-000123"
    assert message.recipient == "zoe@example.org"
    assert "zoe@example.org" in dialog.message.text()


def test_preview_opens_at_the_receipt_printer_width_with_the_footer(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    set_up_printer(sqlite_db, "receipt", "tcp://127.0.0.1:9100", columns=32)
    with sqlite_db.uow() as uow:
        set_setting(uow, "receipt.footer", "À bientôt chez nous")
        uow.commit()
    opened: list[DocumentPreview] = []
    open_document_preview(zoe_invoice(), sqlite_db, sync_tasks, on_open=opened.append)
    [dialog] = opened
    qtbot.addWidget(dialog)
    lines = dialog.receipt_view.toPlainText().splitlines()
    assert max(len(line) for line in lines) == 32
    assert "À bientôt chez nous" in lines[-1]
    assert dialog.isVisible()


def test_preview_of_a_counter_sale_has_no_resend(qtbot: QtBot) -> None:
    dialog = DocumentPreview(zoe_invoice(customer=None))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reprint_button.isVisible() and not dialog.resend_button.isVisible()
    assert "Client :" not in dialog.receipt_view.toPlainText()


def test_printers_page_saves_and_prints_a_test_ticket(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, printer: LoopbackPrinter
) -> None:
    page = PrintersPage(sqlite_db, sync_tasks)
    qtbot.addWidget(page)
    assert page.receipt_box.codepage.currentText() == "CP858"
    qtbot.keyClicks(page.receipt_box.url, printer.url)
    page.receipt_box.columns.setCurrentText("32")
    with qtbot.waitSignal(page.test_printed, timeout=5000):
        qtbot.mouseClick(page.receipt_box.test_button, Qt.MouseButton.LeftButton)
    [data] = printer.wait_received(1)
    text = decode_escpos(data).text
    assert "Impression de test" in text and "Colonnes : 32" in text and "€" in text
    assert all(len(line) <= 32 for line in text.splitlines())
    page.footer.setPlainText("Merci de votre visite !")
    with qtbot.waitSignal(page.saved, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reader() as uow:
        saved = load_printer(uow, "receipt")
    assert saved.url == printer.url and saved.columns == 32
    assert "enregistrés" in page.message.text()


def test_printers_page_refuses_a_bad_address_and_saves_nothing(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    page = PrintersPage(sqlite_db, sync_tasks)
    qtbot.addWidget(page)
    page.receipt_box.url.setText("tcp://127.0.0.1:9100")
    page.preparation_box.url.setText("ipp://cuisine")
    with qtbot.waitSignal(page.failed, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Adresse d'imprimante invalide « ipp://cuisine »" in page.message.text()
    with sqlite_db.reader() as uow:
        assert load_printer(uow, "receipt").url == ""  # all or nothing


def test_printers_page_test_print_with_the_printer_off_says_so(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    page = PrintersPage(sqlite_db, sync_tasks)
    qtbot.addWidget(page)
    page.preparation_box.url.setText(f"tcp://127.0.0.1:{free_port()}")
    with qtbot.waitSignal(page.failed, timeout=10000):
        qtbot.mouseClick(page.preparation_box.test_button, Qt.MouseButton.LeftButton)
    assert "ne répond pas" in page.message.text()


def test_email_page_keeps_the_password_in_the_keyring_and_sends_a_test(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    use_memory_keyring()
    server = LoopbackSmtp().start()
    try:
        page = EmailPage(sqlite_db, sync_tasks)
        qtbot.addWidget(page)
        assert "{numero}" in page.subject.text()
        page.host.setText("127.0.0.1")
        page.port.setValue(server.port)
        page.security.setCurrentIndex(page.security.findData("none"))
        page.user.setText("caisse")
        page.password.setText("s3cret")
        page.sender_address.setText("factures@saint-eloi.example")
        with qtbot.waitSignal(page.saved, timeout=5000):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert page.password.text() == ""
        assert page.password.placeholderText() == "enregistré dans le trousseau"
        with sqlite_db.reader() as uow:
            settings = load_smtp(uow)
        assert settings.host == "127.0.0.1" and settings.port == server.port
        assert smtp_password(settings) == "s3cret"
        page.user.clear()  # the loopback server asks no login
        page.test_address.setText("gerant@saint-eloi.example")
        with qtbot.waitSignal(page.test_sent, timeout=10000):
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    finally:
        server.stop()
    [message] = server.messages
    assert message["To"] == "gerant@saint-eloi.example"
    assert "gerant@saint-eloi.example" in page.message.text()


def test_email_page_refuses_a_bad_sender(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    page = EmailPage(sqlite_db, sync_tasks)
    qtbot.addWidget(page)
    page.sender_address.setText("pas une adresse")
    with qtbot.waitSignal(page.failed, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Adresse e-mail invalide" in page.message.text()


def test_status_bar_says_tickets_wait_for_a_printer_that_does_not_answer(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    set_up_printer(sqlite_db, "receipt", f"tcp://127.0.0.1:{free_port()}")
    with sqlite_db.uow() as uow:
        enqueue(uow, zoe_invoice(), "receipt")
        enqueue(uow, zoe_invoice("F2026-000124"), "receipt")
        uow.commit()
    print_due(sqlite_db)
    status = OutputsStatus(sqlite_db, sync_tasks)
    qtbot.addWidget(status)
    assert "2 ticket(s) en attente (imprimante de tickets) : ne répond pas" in status.text()
    assert "ne répond pas" in status.toolTip()


def test_outputs_dialog_moves_a_waiting_ticket_and_retries_a_refused_email(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner, printer: LoopbackPrinter
) -> None:
    set_up_printer(sqlite_db, "receipt", f"tcp://127.0.0.1:{free_port()}")  # off
    set_up_printer(sqlite_db, "preparation", printer.url, columns=32)
    server = LoopbackSmtp(refuse={"zoe@example.org"}).start()
    try:
        set_up_smtp(sqlite_db, server.port)
        install()
        with sqlite_db.uow() as uow:
            run_hooks(uow, zoe_invoice(), SaleOptions(print_preparation=False))
            uow.commit()
        print_due(sqlite_db)
        send_due(sqlite_db)
        dialog = OutputsDialog(sqlite_db, sync_tasks)
        qtbot.addWidget(dialog)
        assert dialog.job_table.rowCount() == 1
        assert "ne répond pas" in dialog.job_table.item(0, 4).text()
        assert dialog.message_table.item(0, 3).text() == "refusé"
        assert "550" in dialog.message_table.item(0, 4).text()
        dialog.job_table.selectRow(0)
        with qtbot.waitSignal(dialog.changed, timeout=5000):
            qtbot.mouseClick(dialog.other_printer_button, Qt.MouseButton.LeftButton)
        assert print_due(sqlite_db).printed == 1
        assert "Facture F2026-000123" in decode_escpos(printer.wait_received(1)[0]).text
        with qtbot.waitSignal(dialog.changed, timeout=5000):
            dialog.retry(dialog.messages[0].id, "zoe.lefevre@example.org")
        assert dialog.message_table.item(0, 2).text() == "zoe.lefevre@example.org"
        assert send_due(sqlite_db).sent == 1
    finally:
        server.stop()
    assert [str(m["To"]) for m in server.messages] == ["zoe.lefevre@example.org"]
    dialog.reload()
    assert dialog.job_table.rowCount() == 0 and dialog.message_table.rowCount() == 0


def test_the_status_is_quiet_when_nothing_waits_and_can_be_clicked(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    status = OutputsStatus(sqlite_db, sync_tasks)
    qtbot.addWidget(status)
    assert status.text() == ""  # nothing waits: the status bar stays quiet
    with qtbot.waitSignal(status.clicked, timeout=2000):
        qtbot.mouseClick(status, Qt.MouseButton.LeftButton)


def test_printers_page_of_one_till_keeps_the_shop_printers(
    qtbot: QtBot, sqlite_db: Database, sync_tasks: SyncTaskRunner
) -> None:
    set_up_printer(sqlite_db, "receipt", "tcp://192.168.1.50:9100")
    page = PrintersPage(sqlite_db, sync_tasks, till="Caisse 2")
    qtbot.addWidget(page)
    assert "Caisse 2" in page.scope.text()
    assert page.receipt_box.url.text() == "tcp://192.168.1.50:9100"  # the shop's, until its own
    page.receipt_box.url.setText("/dev/usb/lp0")
    with qtbot.waitSignal(page.saved, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.reader() as uow:
        assert load_printer(uow, "receipt", "Caisse 2").url == "/dev/usb/lp0"
        assert load_printer(uow, "receipt").url == "tcp://192.168.1.50:9100"
        assert load_printer(uow, "receipt", "Caisse 1").url == "tcp://192.168.1.50:9100"


def test_output_workers_print_after_a_sale_and_report_on_the_ui_thread(
    qtbot: QtBot, sqlite_db: Database, printer: LoopbackPrinter
) -> None:
    set_up_printer(sqlite_db, "receipt", printer.url)
    workers = OutputWorkers(sqlite_db)
    rounds: list[PrintRound] = []
    workers.print_round_done.connect(rounds.append)
    workers.start()
    try:
        qtbot.waitUntil(lambda: len(rounds) >= 1, timeout=10000)  # the first pass at start
        install()
        with sqlite_db.uow() as uow:
            run_hooks(uow, zoe_invoice("F2026-000090"), SaleOptions())
            uow.commit()
        workers.sale_done()
        qtbot.waitUntil(lambda: any(r.printed for r in rounds), timeout=10000)
    finally:
        workers.stop()
    assert "Facture F2026-000090" in decode_escpos(printer.wait_received(1)[0]).text
