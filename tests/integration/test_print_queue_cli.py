"""The outputs of `pos-clients invoice NUMBER` (--pdf, --receipt, --preparation, --print,
--email), driven through a parser as the register's `invoice` command builds it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from pos_clients.cli.invoice_outputs import add_invoice_output_arguments, run_invoice_outputs
from pos_clients.data.database import Database
from tests.helpers.printing_escpos import decode_escpos
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import (
    LoopbackPrinter,
    LoopbackSmtp,
    free_port,
    set_up_printer,
    set_up_smtp,
)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pos-clients invoice")
    parser.add_argument("number")
    add_invoice_output_arguments(parser)
    return parser.parse_args(["F2026-000123", *argv])


def test_no_output_asked_returns_none(db: Database) -> None:
    assert run_invoice_outputs(_args(), db, zoe_invoice()) is None


def test_pdf_receipt_and_preparation_files(db: Database, tmp_path: Path) -> None:
    set_up_printer(db, "preparation", "tcp://127.0.0.1:9100", columns=32)
    pdf, ticket, kitchen = tmp_path / "f.pdf", tmp_path / "t.bin", tmp_path / "p.bin"
    args = _args("--pdf", str(pdf), "--receipt", str(ticket), "--preparation", str(kitchen))
    assert run_invoice_outputs(args, db, zoe_invoice()) == 0
    assert "Lefèvre-Œuvray" in PdfReader(pdf).pages[0].extract_text()
    receipt_text = decode_escpos(ticket.read_bytes()).text
    assert "*** DUPLICATA ***" in receipt_text and "Facture F2026-000123" in receipt_text
    kitchen_text = decode_escpos(kitchen.read_bytes()).text
    assert "PRÉPARATION" in kitchen_text
    assert all(len(line) <= 32 for line in kitchen_text.splitlines())


def test_print_reprints_a_duplicata(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    printer = LoopbackPrinter().start()
    try:
        set_up_printer(db, "receipt", printer.url)
        assert run_invoice_outputs(_args("--print"), db, zoe_invoice()) == 0
        [data] = printer.wait_received(1)
    finally:
        printer.stop()
    assert "*** DUPLICATA ***" in decode_escpos(data).text
    assert "DUPLICATA imprimé." in capsys.readouterr().err


def test_print_with_the_printer_off_leaves_the_job_waiting(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    set_up_printer(db, "receipt", f"tcp://127.0.0.1:{free_port()}")
    assert run_invoice_outputs(_args("--print"), db, zoe_invoice()) == 1
    assert "Les tickets attendent" in capsys.readouterr().err


def test_email_sends_again(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    server = LoopbackSmtp().start()
    try:
        set_up_smtp(db, server.port)
        args = _args("--email", "--to", "compta@example.org")
        assert run_invoice_outputs(args, db, zoe_invoice()) == 0
    finally:
        server.stop()
    [message] = server.messages
    assert message["To"] == "compta@example.org"
    assert "Facture envoyée à compta@example.org." in capsys.readouterr().err
