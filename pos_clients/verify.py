"""`verify`: the invoice history is whole and unaltered (numbering, hash chain, chain head,
closings), in one streaming pass over the invoices.

It finds an amount changed by hand (the stored JSON no longer gives its hash, or a column no
longer agrees with it), an invoice removed from the middle (a hole in the chain or in a
series' numbers) or from the end (the chain head, kept outside the invoice table, names a
later invoice), and an altered closing (its hash, or its totals against the invoices).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from pos_clients.closings import empty_period
from pos_clients.data.database import Database
from pos_clients.data.register_tables import closing_table, invoice_table, register_state_table
from pos_clients.i18n import Text
from pos_clients.invoice_model import GENESIS_HASH

V = invoice_table.c
K = closing_table.c
MAX_PROBLEMS = 20


@dataclass
class VerifyReport:
    invoices: int = 0
    closings: int = 0
    problems: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Stop(Exception):
    pass


def verify(db: Database, progress: Callable[[int], None] | None = None) -> VerifyReport:
    """Check the whole history; the report lists the problems, the first one first."""
    report = VerifyReport()

    def problem(text: Text) -> None:
        report.problems.append(text)
        if len(report.problems) >= MAX_PROBLEMS:
            raise _Stop

    with suppress(_Stop):
        _verify(db, report, problem, progress)
    return report


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


class _ClosingsCheck:
    """Running totals of the invoices, compared with each closing when its range ends.

    Each invoice is added to the day's totals only; a finished day is added to the month's
    (a monthly closing always ends where a daily one does).
    """

    def __init__(self, by_kind: dict[str, list[dict[str, Any]]]) -> None:
        self.days = list(reversed(by_kind.get("day", [])))
        self.months = list(reversed(by_kind.get("month", [])))
        self.day = empty_period("")
        self.month = empty_period("")
        self.grand_total = 0

    def add(
        self,
        number: str,
        amount: int,
        vat: list[tuple[str, int, int, int]],
        payments: list[tuple[str, int]],
        chain_seq: int,
        hash_: str,
        problem: Callable[[Text], None],
    ) -> None:
        acc = self.day
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
        self.grand_total += amount
        if self.days and self.days[-1]["last_chain_seq"] == chain_seq:
            self._compare(self.days.pop(), acc, hash_, problem)
            _merge(self.month, acc)
            self.day = empty_period("")
        if self.months and self.months[-1]["last_chain_seq"] == chain_seq:
            _merge(self.month, self.day)  # not empty only if the day was not closed here
            self._compare(self.months.pop(), self.month, hash_, problem)
            self.month = empty_period("")

    def _compare(
        self,
        closing: dict[str, Any],
        acc: dict[str, Any],
        hash_: str,
        problem: Callable[[Text], None],
    ) -> None:
        wrong = [k for k in _COMPARED if closing.get(k) != acc[k]]
        if closing.get("grand_total_cents") != self.grand_total:
            wrong.append("grand_total_cents")
        if closing.get("last_invoice_hash") != hash_:
            wrong.append("last_invoice_hash")
        if wrong:
            label = f"{closing.get('kind')} {closing.get('period')} (n° {closing.get('seq')})"
            problem(
                Text(
                    f"Clôture {label} : ne correspond pas aux factures ({', '.join(wrong)}).",
                    f"Closing {label} does not match the invoices ({', '.join(wrong)}).",
                )
            )

    def finish(self, problem: Callable[[Text], None]) -> None:
        for closing in [*reversed(self.days), *reversed(self.months)]:
            label = f"{closing.get('kind')} {closing.get('period')} (n° {closing.get('seq')})"
            problem(
                Text(
                    f"Clôture {label} : ses factures manquent.",
                    f"Closing {label}: its invoices are missing.",
                )
            )


def _verify(
    db: Database,
    report: VerifyReport,
    problem: Callable[[Text], None],
    progress: Callable[[int], None] | None,
) -> None:
    check = _ClosingsCheck(_load_closings(db, report, problem))
    previous = GENESIS_HASH
    last_number = ""
    expected_chain = 1
    last_seq: dict[str, int] = {}
    stmt = select(
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
    ).order_by(V.chain_seq)
    sha256 = hashlib.sha256
    with db.engine.connect() as conn:
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
            report.invoices += 1
            if chain_seq != expected_chain:
                problem(
                    Text(
                        f"Facture manquante avant la facture {number} (chaîne rompue).",
                        f"An invoice is missing before invoice {number} (broken chain).",
                    )
                )
            elif previous_hash != previous:
                problem(
                    Text(
                        f"Facture {number} : elle ne suit pas la facture {last_number}.",
                        f"Invoice {number} does not follow invoice {last_number}.",
                    )
                )
            expected_chain = chain_seq + 1
            digest = sha256(previous_hash.encode("ascii") + content.encode("utf-8")).hexdigest()
            tail = _tail(content)
            if digest != hash_:
                problem(
                    Text(
                        f"Facture {number} altérée : son contenu ne correspond plus à son "
                        "empreinte.",
                        f"Invoice {number} was altered: its content no longer matches its hash.",
                    )
                )
            elif tail is None or not _columns_agree(
                content, tail, number, kind, issued_at, total_cents, corrects, previous_hash
            ):
                problem(
                    Text(
                        f"Facture {number} altérée : ses colonnes ne correspondent plus à la "
                        "facture émise.",
                        f"Invoice {number} was altered: its columns no longer match the invoice "
                        "as issued.",
                    )
                )
            expected_seq = last_seq.get(series, 0) + 1
            if seq != expected_seq:
                problem(
                    Text(
                        f"Numérotation interrompue : {number} suit le n° {expected_seq - 1} "
                        f"de la série {series}.",
                        f"Numbering gap: {number} follows number {expected_seq - 1} "
                        f"of series {series}.",
                    )
                )
            last_seq[series] = seq
            if tail is not None:
                amount, vat, payments, _ = tail
                check.add(number, amount, vat, payments, chain_seq, hash_, problem)
            previous, last_number = hash_, number
            if progress is not None and report.invoices % 10_000 == 0:
                progress(report.invoices)
        head = conn.execute(
            select(
                register_state_table.c.chain_seq,
                register_state_table.c.last_number,
                register_state_table.c.last_hash,
            )
        ).one()
    if (head.chain_seq, head.last_hash) != (expected_chain - 1, previous):
        problem(
            Text(
                f"Les dernières factures manquent : la dernière émise est {head.last_number}, "
                f"la dernière présente est {last_number or '(aucune)'}.",
                f"The newest invoices are missing: the last issued is {head.last_number}, "
                f"the last present is {last_number or '(none)'}.",
            )
        )
    check.finish(problem)


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
