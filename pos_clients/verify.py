"""`verify`: the invoice history is whole and unaltered (numbering, hash chain, chain head,
closings), in streaming passes over the invoices (split between processes for large ones;
the pass itself is `verify_scan`).

It finds an amount changed by hand (the stored JSON no longer gives its hash, or a column no
longer agrees with it), an invoice removed from the middle (a hole in the chain or in a
series' numbers) or from the end (the chain head, kept outside the invoice table, names a
later invoice), and an altered closing (its hash, or its totals against the invoices).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from pos_clients.closings import empty_period
from pos_clients.data.database import Database
from pos_clients.data.register_tables import closing_table, invoice_table, register_state_table
from pos_clients.i18n import Text
from pos_clients.invoice_model import GENESIS_HASH
from pos_clients.verify_scan import MAX_PROBLEMS, Range, Segment, Source, scan, scan_source

V = invoice_table.c
K = closing_table.c
# Below this many invoices (about 3 s of scanning) one process is quicker than starting
# others: a worker started from the `pos-clients` script imports the whole command line
# again (about 1.5 s) before it scans.
PARALLEL_FROM = 200_000
# The share of the first range, scanned here while the other processes start, above an
# equal split.
HEAD_START = 0.1


@dataclass
class VerifyReport:
    invoices: int = 0
    closings: int = 0
    problems: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(
    db: Database, progress: Callable[[int], None] | None = None, *, workers: int | None = None
) -> VerifyReport:
    """Check the whole history; the report lists the problems, the first one first.

    `workers`: processes sharing a large history (default: one per core, at most 4).
    """
    report = VerifyReport()
    closing_problems: list[Text] = []
    with db.engine.connect() as conn:  # one snapshot: closings, chain bounds, chain head
        by_kind = _load_closings(conn, report, closing_problems.append)
        lo, hi, count = conn.execute(
            select(func.min(V.chain_seq), func.max(V.chain_seq), func.count())
        ).one()
        head = conn.execute(
            select(
                register_state_table.c.chain_seq,
                register_state_table.c.last_number,
                register_state_table.c.last_hash,
            )
        ).one()
    day_ends = [c["last_chain_seq"] for c in by_kind["day"]]
    ranges: list[Range] = []
    if count:
        source = _source(db)
        workers = workers or min(os.cpu_count() or 1, 4)
        if source is None:
            ranges = [_scan_in_memory(db, lo, hi, day_ends)]
        elif count < PARALLEL_FROM or workers < 2:
            ranges = [scan_source(source, lo, hi, day_ends)]
        else:
            ranges = _scan_in_parallel(source, lo, hi, day_ends, workers)
    report.invoices = sum(r.count for r in ranges)
    if progress is not None:
        progress(report.invoices)
    problems = _combine(ranges, by_kind, head)
    report.problems = [t for _, t in sorted(problems, key=lambda p: p[0])][:MAX_PROBLEMS]
    report.problems += closing_problems[: MAX_PROBLEMS - len(report.problems)]
    return report


def _source(db: Database) -> Source | None:
    """How the scans reach this database with the bare driver (None: a database in memory,
    which only this engine's connection sees)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        return Source("sqlite", url.database)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return Source("postgresql", conninfo)


def _scan_in_memory(db: Database, lo: int, hi: int, day_ends: list[int]) -> Range:
    """Scan a SQLite database in memory through the engine's own connection."""
    pooled = db.engine.raw_connection()
    try:
        conn: Any = pooled.driver_connection
        factory = conn.text_factory
        conn.text_factory = bytes
        try:
            return scan(conn, "sqlite", lo, hi, day_ends)
        finally:
            conn.text_factory = factory
    finally:
        pooled.close()


def _scan_in_parallel(
    source: Source, lo: int, hi: int, day_ends: list[int], workers: int
) -> list[Range]:
    """Split lo..hi between this process and `workers` − 1 others started for it.

    This process takes the first range, a little longer than the others, while they start.
    """
    others = workers - 1
    size = hi - lo + 1
    own = max(1, min(size, int(size / workers * (1 + HEAD_START))))
    step = -(-(size - own) // others)
    bounds = [(lo + own + k * step, min(hi, lo + own + (k + 1) * step - 1)) for k in range(others)]
    bounds = [(a, b) for a, b in bounds if a <= b]
    if not bounds:
        return [scan_source(source, lo, hi, day_ends)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(len(bounds), mp_context=context) as pool:
        futures = [pool.submit(scan_source, source, a, b, day_ends) for a, b in bounds]
        first = scan_source(source, lo, lo + own - 1, day_ends)
        return [first] + [f.result() for f in futures]


def _combine(
    ranges: list[Range], by_kind: dict[str, list[dict[str, Any]]], head: Any
) -> list[tuple[int, Text]]:
    """Join the ranges: chain and numbering across them, the chain head, the closings."""
    problems: list[tuple[int, Text]] = []
    expected, previous, last_number = 1, GENESIS_HASH, ""
    last_seq: dict[str, int] = {}
    segments: dict[int, dict[str, Any]] = {}
    boundary_hashes: dict[int, str] = {}
    for r in ranges:
        if r.first_seq is None:
            continue
        if r.first_seq != expected:
            problems.append(
                (
                    r.first_seq,
                    Text(
                        f"Facture manquante avant la facture {r.first_number} (chaîne rompue).",
                        f"An invoice is missing before invoice {r.first_number} (broken chain).",
                    ),
                )
            )
        elif r.first_previous != previous:
            problems.append(
                (
                    r.first_seq,
                    Text(
                        f"Facture {r.first_number} : elle ne suit pas la facture {last_number}.",
                        f"Invoice {r.first_number} does not follow invoice {last_number}.",
                    ),
                )
            )
        problems += r.problems
        for series, (chain_seq, number, first, last) in r.series.items():
            before = last_seq.get(series, 0)
            if first != before + 1:
                problems.append(
                    (
                        chain_seq,
                        Text(
                            f"Numérotation interrompue : {number} suit le n° {before} "
                            f"de la série {series}.",
                            f"Numbering gap: {number} follows number {before} of series {series}.",
                        ),
                    )
                )
            last_seq[series] = last
        for index, part in r.segments.items():
            _merge(segments.setdefault(index, empty_period("")), _as_period(part))
        boundary_hashes.update(r.boundary_hashes)
        expected, previous, last_number = r.last_seq + 1, r.last_hash, r.last_number
    end = expected - 1
    if (head.chain_seq, head.last_hash) != (end, previous):
        problems.append(
            (
                end + 1,
                Text(
                    f"Les dernières factures manquent : la dernière émise est "
                    f"{head.last_number}, la dernière présente est {last_number or '(aucune)'}.",
                    f"The newest invoices are missing: the last issued is {head.last_number}, "
                    f"the last present is {last_number or '(none)'}.",
                ),
            )
        )
    problems += _check_closings(by_kind, segments, boundary_hashes, end)
    return problems


def _check_closings(
    by_kind: dict[str, list[dict[str, Any]]],
    segments: dict[int, dict[str, Any]],
    boundary_hashes: dict[int, str],
    end: int,
) -> list[tuple[int, Text]]:
    """Each closing against the invoices it covers; months are made of whole days."""
    problems: list[tuple[int, Text]] = []
    days, months = by_kind["day"], by_kind["month"]
    month_at = {m["last_chain_seq"]: m for m in months}
    day_end_set = {d["last_chain_seq"] for d in days}
    grand = 0
    month = empty_period("")
    after_last = end + 1

    def compare(closing: dict[str, Any], acc: dict[str, Any]) -> None:
        wrong = [k for k in _COMPARED if closing.get(k) != acc[k]]
        if closing.get("grand_total_cents") != grand:
            wrong.append("grand_total_cents")
        if closing.get("last_invoice_hash") != boundary_hashes.get(closing["last_chain_seq"]):
            wrong.append("last_invoice_hash")
        if wrong:
            label = f"{closing.get('kind')} {closing.get('period')} (n° {closing.get('seq')})"
            problems.append(
                (
                    after_last,
                    Text(
                        f"Clôture {label} : ne correspond pas aux factures ({', '.join(wrong)}).",
                        f"Closing {label} does not match the invoices ({', '.join(wrong)}).",
                    ),
                )
            )

    for index, day in enumerate(days):
        acc = segments.get(index, empty_period(""))
        grand += acc["total_cents"]
        compare(day, acc)
        _merge(month, acc)
        closing_month = month_at.get(day["last_chain_seq"])
        if closing_month is not None:
            compare(closing_month, month)
            month = empty_period("")
    for m in months:
        if m["last_chain_seq"] not in day_end_set:
            compare(m, empty_period(""))
    return problems


_COMPARED = (
    "first_chain_seq",
    "last_chain_seq",
    "first_number",
    "last_number",
    "invoice_count",
    "total_cents",
    "by_rate",
    "by_method",
)


def _load_closings(
    conn: Connection, report: VerifyReport, problem: Callable[[Text], None]
) -> dict[str, list[dict[str, Any]]]:
    """Check the closings' own chain; return their contents by kind, in order."""
    by_kind: dict[str, list[dict[str, Any]]] = {"day": [], "month": []}
    previous = GENESIS_HASH
    expected_seq = 1
    rows = conn.execute(
        select(K.seq, K.kind, K.period, K.content, K.previous_hash, K.hash).order_by(K.seq)
    ).all()
    for row in rows:
        report.closings += 1
        label = f"{row.kind} {row.period} (n° {row.seq})"
        if row.seq != expected_seq:
            problem(
                Text(
                    f"Clôture manquante avant la clôture {label}.",
                    f"A closing is missing before closing {label}.",
                )
            )
        expected_seq = row.seq + 1
        digest = hashlib.sha256(previous.encode("ascii") + row.content.encode("utf-8"))
        if row.previous_hash != previous or row.hash != digest.hexdigest():
            problem(
                Text(
                    f"Clôture {label} altérée : son empreinte ne correspond plus.",
                    f"Closing {label} was altered: its hash no longer matches.",
                )
            )
        previous = row.hash
        data = json.loads(row.content)
        if (data.get("kind"), data.get("period")) != (row.kind, row.period):
            problem(Text(f"Clôture {label} altérée.", f"Closing {label} was altered."))
        by_kind.setdefault(data.get("kind", row.kind), []).append(data)
    head = conn.execute(select(register_state_table.c.last_closing_hash)).scalar()
    if head is not None and head != previous:
        problem(
            Text(
                "La dernière clôture enregistrée manque ou a été altérée.",
                "The last recorded closing is missing or was altered.",
            )
        )
    return by_kind


def _as_period(seg: Segment) -> dict[str, Any]:
    """A scanned segment in the form of a closing's totals."""
    return {
        "period": "",
        "first_chain_seq": seg.first_chain_seq,
        "last_chain_seq": seg.last_chain_seq,
        "first_number": seg.first_number,
        "last_number": seg.last_number,
        "invoice_count": seg.invoice_count,
        "total_cents": seg.total_cents,
        "by_rate": seg.by_rate,
        "by_method": seg.by_method,
    }


def _merge(into: dict[str, Any], part: dict[str, Any]) -> None:
    """Add a day's running totals to the month's."""
    if not part["invoice_count"]:
        return
    if not into["invoice_count"]:
        into["first_chain_seq"], into["first_number"] = (
            part["first_chain_seq"],
            part["first_number"],
        )
    into["last_chain_seq"], into["last_number"] = part["last_chain_seq"], part["last_number"]
    into["invoice_count"] += part["invoice_count"]
    into["total_cents"] += part["total_cents"]
    for rate, sums in part["by_rate"].items():
        have = into["by_rate"].setdefault(rate, [0, 0, 0])
        for i in range(3):
            have[i] += sums[i]
    for method, paid in part["by_method"].items():
        into["by_method"][method] = into["by_method"].get(method, 0) + paid
