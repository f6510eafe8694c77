"""Printing and email: receipt bytes (target ≤ 5 ms), one-page PDF invoice (≤ 50 ms), and what
the sale hooks add to a checkout transaction (outbox row + print jobs, on SQLite)."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.report import summary_ms, write_section
from pos_clients.data.database import open_database
from pos_clients.documents.escpos import Paper, ticket_bytes
from pos_clients.documents.pdf import invoice_pdf
from pos_clients.documents.ticket import preparation_ticket, receipt
from pos_clients.printing_settings import PrinterSettings, save_printer
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from pos_clients.shop_settings import set_setting
from tests.helpers.printing_invoices import zoe_invoice


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up (fonts, profiles, code page tables)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def _row(name: str, target: str, samples: list[float]) -> str:
    s = summary_ms(samples)
    return (
        f"| {name} | {s['n']:.0f} | {s['median']:.2f} | {s['p95']:.2f} | {s['p99']:.2f} "
        f"| {s['max']:.2f} | {target} |"
    )


def run(args: argparse.Namespace) -> None:
    runs = 50 if args.quick else 500
    invoice = zoe_invoice()
    rows = [
        _row(
            "receipt ESC/POS bytes (42 col.)",
            "≤ 5 ms",
            _time(lambda: ticket_bytes(receipt(invoice), Paper(columns=42)), runs),
        ),
        _row(
            "preparation ticket ESC/POS bytes",
            "—",
            _time(lambda: ticket_bytes(preparation_ticket(invoice), Paper(columns=32)), runs),
        ),
        _row(
            "one-page PDF invoice",
            "≤ 50 ms",
            _time(lambda: invoice_pdf(invoice), max(runs // 5, 20)),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        with db.uow() as uow:
            save_printer(uow, "receipt", PrinterSettings(url="tcp://127.0.0.1:9100"))
        with db.uow() as uow:
            save_printer(uow, "preparation", PrinterSettings(url="/dev/null", columns=32))
        install()
        counter = iter(range(10_000_000))
        # Made beforehand: the checkout has its invoice already when it runs the hooks.
        invoices = iter([zoe_invoice(f"F2026-{n:06d}") for n in range(runs + 1)])

        def checkout_outputs() -> None:
            invoice = next(invoices)
            with db.uow() as uow:
                set_setting(uow, "bench.last_invoice", invoice.number)
                run_hooks(uow, invoice, SaleOptions())
                uow.commit()

        def bare_checkout() -> None:
            with db.uow() as uow:
                set_setting(uow, "bench.last_invoice", f"F2026-{next(counter):06d}")
                uow.commit()

        rows.append(
            _row(
                "checkout transaction with outbox + 2 print jobs (SQLite)",
                "within the register's 30 ms p99",
                _time(checkout_outputs, runs),
            )
        )
        rows.append(
            _row("same transaction without the hooks (baseline)", "—", _time(bare_checkout, runs))
        )
        db.dispose()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    body = (
        f"Load average when it ended: {load} (the machine is shared: tails grow with it).\n\n"
        "`scripts/bench printing` (`--quick`: fewer runs). Times in milliseconds; the invoice\n"
        "is the test invoice (3 lines, 3 VAT rates, a customer with an address and email).\n"
        "The checkout rows time a write unit of work that stores one row and commits (the\n"
        "fsync a checkout pays anyway), with and without `run_hooks`: the difference is what\n"
        "the outbox row and the print jobs add to the register's checkout.\n\n"
        "| what | runs | median | p95 | p99 | max | target |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("printing", "Printing and invoice email", body)
