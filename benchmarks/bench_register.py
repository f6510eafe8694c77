"""Register: checkout latency (SQLite synchronous=FULL, PostgreSQL), attaching a customer by
reference at the directory's size, and `verify` over a large history."""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from pos_clients import checkout
from pos_clients.data.database import Database, open_database
from pos_clients.demo.invoices import NO_DEVICES
from pos_clients.demo.items import make_demo_items
from pos_clients.items import list_items
from pos_clients.tickets import Tender, Ticket
from pos_clients.verify import PARALLEL_FROM, verify

from .bench_search import sqlite_directory
from .register_history import cached_history, history_days
from .report import REPORT, summary_ms, write_section

VERIFY_TARGET = 1_000_000
TITLE = "Register: checkout, attach by reference, verify"


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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def verify_lines(n_invoices: int) -> list[str]:
    """`verify` over a cached history of `n_invoices` sales, as the app runs it (split
    between processes) and in one process (CPU per invoice: the figure that does not depend
    on what else the shared machine runs)."""
    url, made_s = cached_history(n_invoices)
    db = open_database(url)
    try:
        verify(db, workers=1)  # warm the page cache, as a second run at the shop would be
        load = os.getloadavg()[0]
        cpu, children = time.process_time(), _children_cpu()
        start = time.perf_counter()
        report = verify(db)
        wall = time.perf_counter() - start
        cpu, children = time.process_time() - cpu, _children_cpu() - children
        assert report.ok, [p.en for p in report.problems]
        single_cpu = time.process_time()
        start = time.perf_counter()
        assert verify(db, workers=1).ok
        single_wall = time.perf_counter() - start
        single_cpu = time.process_time() - single_cpu
        load_after = os.getloadavg()[0]
    finally:
        db.dispose()
    workers = min(os.cpu_count() or 1, 4) if report.invoices >= PARALLEL_FROM else 1
    made = f"built in {made_s:.0f} s" if made_s else "cached in `benchmarks/.cache/`"
    scale = VERIFY_TARGET / n_invoices
    projected = "" if scale == 1 else f", i.e. {wall * scale:.1f} s projected linearly"
    return [
        f"- `verify` over {report.invoices:,} invoices and {report.closings} closings: "
        f"**{wall:.2f} s**{projected} (target ≤ 20 s for 1,000,000), split between this "
        f"process and {workers - 1} other(s) it starts; CPU {cpu:.2f} s here + {children:.2f} s "
        f"in the other(s). In one process: {single_wall:.2f} s, CPU "
        f"{single_cpu / report.invoices * 1e6:.1f} µs per invoice. Load average "
        f"{load:.1f} → {load_after:.1f} on the {os.cpu_count()} shared cores.",
        f"- History: {n_invoices:,} sales over {history_days(n_invoices)} days through "
        f"`checkout.issue_sale` (numbering, hash chain, closings; 10,000 per commit), "
        f"{made}; the page cache warmed by one run first.",
    ]


def _replace_verify_lines(lines: list[str]) -> None:
    """Put new `verify` lines into the register section, keeping its other figures."""
    text = REPORT.read_text(encoding="utf-8")
    section = re.search(
        r"<!-- begin:register -->\n## [^\n]*\n\n(Run [^\n]*)\n\n(.*?)"
        r"<!-- end:register -->",
        text,
        re.S,
    )
    kept: list[str] = []
    if section:
        for line in section.group(2).splitlines():
            if line.startswith(("- `verify`", "- History:", "Command:")) or not line.strip():
                continue
            kept.append(line)
        if not any(line.startswith("Other figures:") for line in kept):
            stamp = section.group(1).removeprefix("Run ").split(" on:")[0]
            kept.append(f"\nOther figures: from the run of {stamp} (same machine).")
    body = "\n".join([line for line in kept if not line.lstrip().startswith("Other")] + lines)
    body += "".join(f"\n\n{line.strip()}" for line in kept if line.lstrip().startswith("Other"))
    write_section("register", TITLE, body + "\n\n" + COMMAND)


COMMAND = (
    "Command: `scripts/bench register` (or `python -m benchmarks register --customers N`); "
    "`--quick` for tiny sizes; `--verify-only` for the `verify` lines alone."
)


def run(args: argparse.Namespace) -> None:
    quick = bool(args.quick)
    n_checkouts = 50 if quick else 1000
    n_customers = 2000 if quick else int(args.customers)
    n_invoices = 2000 if quick else VERIFY_TARGET
    if getattr(args, "verify_only", False):
        _replace_verify_lines(verify_lines(n_invoices))
        return
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

    lines += verify_lines(n_invoices)
    write_section("register", TITLE, "\n".join(lines) + "\n\n" + COMMAND + "\n")
