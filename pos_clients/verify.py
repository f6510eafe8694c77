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


def _add(acc: dict[str, Any], data: dict[str, Any], chain_seq: int) -> None:
    if not acc["invoice_count"]:
        acc["first_chain_seq"], acc["first_number"] = chain_seq, data["number"]
    acc["last_chain_seq"], acc["last_number"] = chain_seq, data["number"]
    acc["invoice_count"] += 1
    acc["total_cents"] += data["totals"]["total_cents"]
    by_rate = acc["by_rate"]
    for row in data["vat"]:
        sums = by_rate.setdefault(str(row["rate_bp"]), [0, 0, 0])
        sums[0] += row["base_cents"]
        sums[1] += row["vat_cents"]
        sums[2] += row["total_cents"]
    by_method = acc["by_method"]
    for p in data["payments"]:
        by_method[p["method"]] = by_method.get(p["method"], 0) + p["amount_cents"]


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


class _PeriodCheck:
    """Running totals of one kind of closing, compared when each closing's range ends."""

    def __init__(self, kind: str, closings: list[dict[str, Any]]) -> None:
        self.kind = kind
        self.pending = list(reversed(closings))
        self.acc = empty_period("")
        self.grand_total = 0

    def add(
        self, data: dict[str, Any], chain_seq: int, hash_: str, problem: Callable[[Text], None]
    ) -> None:
        _add(self.acc, data, chain_seq)
        self.grand_total += data["totals"]["total_cents"]
        if not self.pending or self.pending[-1]["last_chain_seq"] != chain_seq:
            return
        closing = self.pending.pop()
        wrong = [k for k in _COMPARED if closing.get(k) != self.acc[k]]
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
        self.acc = empty_period("")

    def finish(self, problem: Callable[[Text], None]) -> None:
        for closing in reversed(self.pending):
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
    checks = [
        _PeriodCheck(kind, items) for kind, items in _load_closings(db, report, problem).items()
    ]
    previous = GENESIS_HASH
    last_number = ""
    expected_chain = 1
    last_seq: dict[str, int] = {}
    columns = (
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
    with db.reader() as uow:
        result = uow.session.execute(
            select(*columns).order_by(V.chain_seq).execution_options(yield_per=2000)
        )
        for row in result:
            report.invoices += 1
            number = row.number
            if row.chain_seq != expected_chain:
                problem(
                    Text(
                        f"Facture manquante avant la facture {number} (chaîne rompue).",
                        f"An invoice is missing before invoice {number} (broken chain).",
                    )
                )
            elif row.previous_hash != previous:
                problem(
                    Text(
                        f"Facture {number} : elle ne suit pas la facture {last_number}.",
                        f"Invoice {number} does not follow invoice {last_number}.",
                    )
                )
            expected_chain = row.chain_seq + 1
            content = row.content.encode("utf-8")
            digest = hashlib.sha256(row.previous_hash.encode("ascii") + content).hexdigest()
            data = json.loads(content)
            if digest != row.hash:
                problem(
                    Text(
                        f"Facture {number} altérée : son contenu ne correspond plus à son "
                        "empreinte.",
                        f"Invoice {number} was altered: its content no longer matches its hash.",
                    )
                )
            elif _columns_disagree(row, data):
                problem(
                    Text(
                        f"Facture {number} altérée : ses colonnes ne correspondent plus à la "
                        "facture émise.",
                        f"Invoice {number} was altered: its columns no longer match the invoice "
                        "as issued.",
                    )
                )
            seq = last_seq.get(row.series, 0) + 1
            if row.seq != seq:
                problem(
                    Text(
                        f"Numérotation interrompue : {number} suit le n° {seq - 1} "
                        f"de la série {row.series}.",
                        f"Numbering gap: {number} follows number {seq - 1} of series {row.series}.",
                    )
                )
            last_seq[row.series] = row.seq
            for check in checks:
                check.add(data, row.chain_seq, row.hash, problem)
            previous, last_number = row.hash, number
            if progress is not None and report.invoices % 10_000 == 0:
                progress(report.invoices)
        head = uow.session.execute(
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
    for check in checks:
        check.finish(problem)


def _columns_disagree(row: Any, data: dict[str, Any]) -> bool:
    issued_at: datetime = row.issued_at
    return bool(
        data.get("number") != row.number
        or data.get("kind") != row.kind
        or data.get("totals", {}).get("total_cents") != row.total_cents
        or data.get("corrects", "") != row.corrects
        or data.get("previous_hash") != row.previous_hash
        or data.get("issued_at") != issued_at.isoformat(timespec="seconds")
    )
