"""Register: checkout latency (SQLite synchronous=FULL, PostgreSQL), attaching a customer by
reference at the directory's size, and `verify` over a large history."""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from pos_clients import checkout
from pos_clients.data.database import Database, open_database
from pos_clients.demo.invoices import NO_DEVICES, make_demo_invoices
from pos_clients.demo.items import make_demo_items
from pos_clients.items import list_items
from pos_clients.tickets import Tender, Ticket
from pos_clients.verify import verify

from .bench_search import sqlite_directory
from .report import summary_ms, write_section

VERIFY_TARGET = 1_000_000


def _checkout_times(db: Database, n: int) -> list[float]:
    make_demo_items(db)
    rng = random.Random(1)
    with db.reader() as uow:
        catalogue = list_items(uow)
    samples = []
    for i in range(n + 20):
        ticket = Ticket()
        for it in rng.sample(catalogue, k=rng.randint(1, 5)):
            ticket = ticket.add(it.ticket_line(rng.randint(1, 3)))
        total = ticket.priced().total_cents
        start = time.perf_counter()
        with db.uow() as uow:
            checkout.checkout(
                uow, ticket, [Tender("card", total)], till="Bench", options=NO_DEVICES
            )
        if i >= 20:  # warm-up
            samples.append(time.perf_counter() - start)
    return samples


def _scan_codes(url: str, count: int = 500) -> list[str]:
    """Loyalty-card references of random customers of the directory at `url`."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        (top,) = conn.execute("SELECT max(id) FROM customer").fetchone()
        rng = random.Random(2)
        codes: list[str] = []
        while len(codes) < count:
            row = conn.execute(
                "SELECT reference FROM customer WHERE id = ? AND reference IS NOT NULL",
                (rng.randint(1, top),),
            ).fetchone()
            if row:
                codes.append(row[0])
    return codes


def _fmt(s: dict[str, float]) -> str:
    return (
        f"n={int(s['n'])}, median {s['median']:.2f} ms, p95 {s['p95']:.2f} ms, "
        f"p99 {s['p99']:.2f} ms, max {s['max']:.2f} ms"
    )


def run(args: argparse.Namespace) -> None:
    quick = bool(args.quick)
    n_checkouts = 50 if quick else 1000
    n_customers = 2000 if quick else int(args.customers)
    n_invoices = 2000 if quick else 100_000
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        sqlite_checkout = summary_ms(_checkout_times(db, n_checkouts))
        lines.append(
            f"- Checkout on SQLite (WAL, synchronous=FULL): {_fmt(sqlite_checkout)} "
            "(target p99 ≤ 30 ms)."
        )
        db.dispose()

        from tests.helpers.postgres import PgCluster, create_database, start_cluster

        cluster = start_cluster()
        if isinstance(cluster, PgCluster):
            try:
                pg = open_database(create_database(cluster, "bench_register"))
                lines.append(
                    f"- Checkout on PostgreSQL (local, fsync on): "
                    f"{_fmt(summary_ms(_checkout_times(pg, n_checkouts)))}."
                )
                pg.dispose()
            finally:
                cluster.stop()
        else:
            lines.append(f"- Checkout on PostgreSQL: not measured ({cluster}).")

        # The demo directory the search benchmark caches (built once, then reused).
        start = time.perf_counter()
        url, _demo_seconds = sqlite_directory(n_customers)
        fill_s = time.perf_counter() - start
        codes = _scan_codes(url)
        db = open_database(url)
        make_demo_items(db)
        from .ui_register import attach_by_reference_times

        attach = summary_ms(attach_by_reference_times(db, codes))
        lines.append(
            f"- Attach a customer by reference (code → ticket updated, RegisterPane with a "
            f"synchronous task runner) with {n_customers:,} demo customers: {_fmt(attach)} "
            f"(target ≤ 2 ms at 1,000,000; directory ready in {fill_s:.0f} s)."
        )
        db.dispose()

        db = open_database(f"sqlite:///{Path(tmp) / 'history.sqlite3'}")
        start = time.perf_counter()
        make_demo_invoices(db, n_invoices, days=365, per_transaction=1000)
        made_s = time.perf_counter() - start
        start = time.perf_counter()
        report = verify(db)
        verify_s = time.perf_counter() - start
        assert report.ok, [p.en for p in report.problems]
        projected = verify_s * VERIFY_TARGET / n_invoices
        lines.append(
            f"- `verify` over {n_invoices:,} invoices and {report.closings} closings: "
            f"{verify_s:.2f} s, i.e. {projected:.1f} s projected linearly for 1,000,000 "
            f"(target ≤ 20 s; streaming scans of the chain split between "
            f"{min(os.cpu_count() or 1, 4)} processes, linear in the invoices). "
            f"History made in {made_s:.0f} s through `checkout.issue_sale`, 1,000 per commit."
        )
        db.dispose()
    body = "\n".join(lines) + (
        "\n\nCommand: `scripts/bench register` (or `python -m benchmarks register "
        "--customers N`); `--quick` for tiny sizes.\n"
    )
    write_section("register", "Register: checkout, attach by reference, verify", body)
