"""`verify`: the invoice history is whole and unaltered (numbering, hash chain, chain head,
closings), in streaming passes over the invoices (split between processes for large ones).

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
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from pos_clients.closings import empty_period
from pos_clients.data.database import Database, make_engine
from pos_clients.data.register_tables import closing_table, invoice_table, register_state_table
from pos_clients.i18n import Text
from pos_clients.invoice_model import GENESIS_HASH

V = invoice_table.c
K = closing_table.c
MAX_PROBLEMS = 20
# Below this many invoices one process is quicker than starting others.
PARALLEL_FROM = 50_000


@dataclass
class VerifyReport:
    invoices: int = 0
    closings: int = 0
    problems: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Range:
    """What the scan of one range of the chain found."""

    count: int = 0
    first_seq: int | None = None
    first_previous: str = ""
    first_number: str = ""
    last_seq: int = 0
    last_hash: str = ""
    last_number: str = ""
    problems: list[tuple[int, Text]] = field(default_factory=list)
    # series → [chain_seq of its first invoice here, its number, its first seq, its last seq]
    series: dict[str, list[Any]] = field(default_factory=dict)
    # index of the daily closing an invoice falls in (len(day_ends): not closed yet) → totals
    segments: dict[int, dict[str, Any]] = field(default_factory=dict)
    boundary_hashes: dict[int, str] = field(default_factory=dict)


def verify(db: Database, progress: Callable[[int], None] | None = None) -> VerifyReport:
    """Check the whole history; the report lists the problems, the first one first."""
    report = VerifyReport()
    closing_problems: list[Text] = []
    by_kind = _load_closings(db, report, closing_problems.append)
    day_ends = [c["last_chain_seq"] for c in by_kind["day"]]
    with db.engine.connect() as conn:
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
    ranges: list[_Range] = []
    if count:
        workers = min(os.cpu_count() or 1, 4)
        if count >= PARALLEL_FROM and workers > 1:
            url = db.engine.url.render_as_string(hide_password=False)
            step = (hi - lo + workers) // workers
            bounds = [(lo + k * step, min(hi, lo + (k + 1) * step - 1)) for k in range(workers)]
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                futures = [pool.submit(_scan_url, url, a, b, day_ends) for a, b in bounds]
                ranges = [f.result() for f in futures]
        else:
            ranges = [_scan(db.engine, lo, hi, day_ends)]
    report.invoices = sum(r.count for r in ranges)
    if progress is not None:
        progress(report.invoices)
    problems = _combine(ranges, by_kind, head)
    report.problems = [t for _, t in sorted(problems, key=lambda p: p[0])][:MAX_PROBLEMS]
    report.problems += closing_problems[: MAX_PROBLEMS - len(report.problems)]
    return report


def _scan_url(url: str, lo: int, hi: int, day_ends: list[int]) -> _Range:
    engine = make_engine(url)
    try:
        return _scan(engine, lo, hi, day_ends)
    finally:
        engine.dispose()


def _scan(engine: Engine, lo: int, hi: int, day_ends: list[int]) -> _Range:
    """Check invoices lo..hi (chain positions) against each other; sum them per closing."""
    found = _Range()

    def problem(seq: int, text: Text) -> None:
        if len(found.problems) < MAX_PROBLEMS:
            found.problems.append((seq, text))

    stmt = (
        select(
            V.chain_seq,
            V.number,
            V.kind,
            V.series,
            V.seq,
            V.issued_at,
            V.total_cents,
            V.corrects,
            V.content,
            V.previous_hash,
            V.hash,
        )
        .where(V.chain_seq >= lo, V.chain_seq <= hi)
        .order_by(V.chain_seq)
    )
    boundaries = set(day_ends)
    segment = 0
    acc: dict[str, Any] | None = None
    previous_seq: int | None = None
    previous = ""
    last_number = ""
    sha256 = hashlib.sha256
    with engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=5000).execute(stmt)
        for (
            chain_seq,
            number,
            kind,
            series,
            seq,
            issued_at,
            total_cents,
            corrects,
            content,
            previous_hash,
            hash_,
        ) in rows:
            found.count += 1
            if previous_seq is None:
                found.first_seq, found.first_previous = chain_seq, previous_hash
                found.first_number = number
            elif chain_seq != previous_seq + 1:
                problem(
                    chain_seq,
                    Text(
                        f"Facture manquante avant la facture {number} (chaîne rompue).",
                        f"An invoice is missing before invoice {number} (broken chain).",
                    ),
                )
            elif previous_hash != previous:
                problem(
                    chain_seq,
                    Text(
                        f"Facture {number} : elle ne suit pas la facture {last_number}.",
                        f"Invoice {number} does not follow invoice {last_number}.",
                    ),
                )
            digest = sha256(previous_hash.encode("ascii") + content.encode("utf-8")).hexdigest()
            tail = _tail(content)
            if digest != hash_:
                problem(
                    chain_seq,
                    Text(
                        f"Facture {number} altérée : son contenu ne correspond plus à son "
                        "empreinte.",
                        f"Invoice {number} was altered: its content no longer matches its hash.",
                    ),
                )
            elif tail is None or not _columns_agree(
                content, tail, number, kind, issued_at, total_cents, corrects, previous_hash
            ):
                problem(
                    chain_seq,
                    Text(
                        f"Facture {number} altérée : ses colonnes ne correspondent plus à la "
                        "facture émise.",
                        f"Invoice {number} was altered: its columns no longer match the invoice "
                        "as issued.",
                    ),
                )
            known = found.series.get(series)
            if known is None:
                found.series[series] = [chain_seq, number, seq, seq]
            else:
                if seq != known[3] + 1:
                    problem(
                        chain_seq,
                        Text(
                            f"Numérotation interrompue : {number} suit le n° {known[3]} "
                            f"de la série {series}.",
                            f"Numbering gap: {number} follows number {known[3]} "
                            f"of series {series}.",
                        ),
                    )
                known[3] = seq
            while segment < len(day_ends) and day_ends[segment] < chain_seq:
                segment += 1
                acc = None
            if acc is None:
                acc = found.segments.setdefault(segment, empty_period(""))
            if tail is not None:
                _add(acc, number, chain_seq, tail)
            if chain_seq in boundaries:
                found.boundary_hashes[chain_seq] = hash_
            previous_seq, previous, last_number = chain_seq, hash_, number
    found.last_seq, found.last_hash, found.last_number = previous_seq or 0, previous, last_number
    return found


def _add(acc: dict[str, Any], number: str, chain_seq: int, tail: Amounts) -> None:
    amount, vat, payments, _ = tail
    if not acc["invoice_count"]:
        acc["first_chain_seq"], acc["first_number"] = chain_seq, number
    acc["last_chain_seq"], acc["last_number"] = chain_seq, number
    acc["invoice_count"] += 1
    acc["total_cents"] += amount
    by_rate = acc["by_rate"]
    for rate, base, vat_cents, total in vat:
        sums = by_rate.get(rate)
        if sums is None:
            by_rate[rate] = [base, vat_cents, total]
        else:
            sums[0] += base
            sums[1] += vat_cents
            sums[2] += total
    by_method = acc["by_method"]
    for method, paid in payments:
        by_method[method] = by_method.get(method, 0) + paid


def _combine(
    ranges: list[_Range], by_kind: dict[str, list[dict[str, Any]]], head: Any
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
            _merge(segments.setdefault(index, empty_period("")), part)
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
    db: Database, report: VerifyReport, problem: Callable[[Text], None]
) -> dict[str, list[dict[str, Any]]]:
    """Check the closings' own chain; return their contents by kind, in order."""
    by_kind: dict[str, list[dict[str, Any]]] = {"day": [], "month": []}
    previous = GENESIS_HASH
    expected_seq = 1
    with db.reader() as uow:
        rows = uow.session.execute(
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
    with db.reader() as uow:
        head = uow.session.execute(select(register_state_table.c.last_closing_hash)).scalar()
    if head is not None and head != previous:
        problem(
            Text(
                "La dernière clôture enregistrée manque ou a été altérée.",
                "The last recorded closing is missing or was altered.",
            )
        )
    return by_kind


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


# The canonical JSON has sorted keys and escapes every quote inside a string, so these
# fragments can only be the invoice's own top-level keys. Reading just the amounts (payments,
# previous_hash, totals, vat) with patterns is several times faster than parsing the lines,
# the customer and the shop, which the hash already vouches for; when the shape is not the
# expected one (a field added to the model later), the amounts are parsed as JSON instead.
_PAYMENTS = ',"payments":['
_PREVIOUS = ',"previous_hash":"'
_SHOP = ',"shop":{'
_TOTALS = ',"totals":{'
_VAT = ',"vat":['
_PAYMENT_RE = re.compile(
    r'\{"amount_cents":(-?\d+),"change_cents":-?\d+,"given_cents":-?\d+,"method":"([a-z_]+)"\}'
)
_VAT_RE = re.compile(
    r'\{"base_cents":(-?\d+),"rate_bp":(\d+),"total_cents":(-?\d+),"vat_cents":(-?\d+)\}'
)
_TOTAL_RE = re.compile(
    r'"totals":\{"discount_cents":-?\d+,"gross_cents":-?\d+,"total_cents":(-?\d+),'
)

Amounts = tuple[int, list[tuple[str, int, int, int]], list[tuple[str, int]], str]


def _tail(content: str) -> Amounts | None:
    """(total, VAT rows, payments, previous hash) of a stored invoice, or None if malformed."""
    pay = content.rfind(_PAYMENTS)
    prev = content.rfind(_PREVIOUS)
    shop = content.rfind(_SHOP)
    totals = content.rfind(_TOTALS)
    vat = content.rfind(_VAT)
    if not 0 <= pay < prev < shop < totals < vat:
        return None
    pay_part = content[pay:prev]
    vat_part = content[vat:]
    payments = [(m, int(a)) for a, m in _PAYMENT_RE.findall(pay_part)]
    rows = [(r, int(b), int(v), int(t)) for b, r, t, v in _VAT_RE.findall(vat_part)]
    total = _TOTAL_RE.match(content, totals + 1)
    if (
        total is not None
        and len(payments) == pay_part.count("{")
        and len(rows) == vat_part.count("{")
    ):
        previous = content[prev + len(_PREVIOUS) : shop - 1]
        return int(total.group(1)), rows, payments, previous
    try:
        data = json.loads("{" + content[pay + 1 : shop] + content[totals:])
        return (
            data["totals"]["total_cents"],
            [
                (str(r["rate_bp"]), r["base_cents"], r["vat_cents"], r["total_cents"])
                for r in data["vat"]
            ],
            [(p["method"], p["amount_cents"]) for p in data["payments"]],
            data["previous_hash"],
        )
    except (ValueError, KeyError, TypeError):
        return None


def _columns_agree(
    content: str,
    tail: Amounts,
    number: str,
    kind: str,
    issued_at: datetime,
    total_cents: int,
    corrects: str,
    previous_hash: str,
) -> bool:
    stamp = issued_at.isoformat()  # stored without microseconds
    return (
        tail[0] == total_cents
        and tail[3] == previous_hash
        and f',"issued_at":"{stamp}","kind":"{kind}","lines":[' in content
        and f'],"number":"{number}","payments":[' in content
        and f',"corrects":"{corrects}","customer":' in content
    )
