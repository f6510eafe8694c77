"""The invoice history (H1, H2): issuing invoices and credit notes into the chain, reading them.

Issuing takes the register's state row under lock (so two tills never share a number),
closes the finished day or month, takes the next gapless number of the series (`F2026-000123`,
credit notes `A2026-000004`), chains the hash, writes the invoice once and moves the chain head.
No function here updates or deletes an invoice; a correction is a credit note.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, select

from pos_clients import closings
from pos_clients.data.database import UnitOfWork
from pos_clients.data.register_tables import invoice_counter_table, invoice_table
from pos_clients.errors import NotFoundError, PosError
from pos_clients.folding import fold
from pos_clients.i18n import Text
from pos_clients.invoice_model import (
    GENESIS_HASH,
    IssuedInvoice,
    Payment,
    Totals,
    VatRow,
    chain_hash,
    invoice_from_content,
)
from pos_clients.sale_hooks import SaleOptions, run_hooks

V = invoice_table.c
N = invoice_counter_table.c
SERIES_PREFIX = {"invoice": "F", "credit_note": "A"}


def series_of(kind: str, issued_at: datetime) -> str:
    return f"{SERIES_PREFIX[kind]}{closings.local_day(issued_at).year}"


def format_number(series: str, seq: int) -> str:
    return f"{series}-{seq:06d}"


# Statements built once: building them per sale costs more than running them.
_LAST_SEQ = select(N.last_seq).where(N.series == bindparam("series"))
_NEW_SERIES = invoice_counter_table.insert()
_NEXT_SEQ = (
    invoice_counter_table.update()
    .where(N.series == bindparam("b_series"))
    .values(last_seq=bindparam("b_last_seq"))
)
_INSERT_INVOICE = invoice_table.insert()


def _next_seq(uow: UnitOfWork, series: str) -> int:
    last = uow.session.scalar(_LAST_SEQ, {"series": series})
    if last is None:
        uow.session.execute(_NEW_SERIES, {"series": series, "last_seq": 1})
        return 1
    uow.session.execute(_NEXT_SEQ, {"b_series": series, "b_last_seq": int(last) + 1})
    return int(last) + 1


def issue(uow: UnitOfWork, draft: IssuedInvoice) -> IssuedInvoice:
    """Number, chain and store `draft` (its number, hashes are filled here); no commit.

    The caller holds nothing yet: this takes the chain lock, which is kept until its commit.
    """
    state = closings.lock_state(uow)
    state = closings.close_finished_periods(uow, state, draft.issued_at)
    series = series_of(draft.kind, draft.issued_at)
    number = format_number(series, _next_seq(uow, series))
    invoice = replace(draft, number=number, previous_hash=state.last_hash, hash="")
    payload = invoice.canonical_json()
    invoice = replace(invoice, hash=chain_hash(state.last_hash, payload))
    chain_seq = state.chain_seq + 1
    customer = invoice.customer
    name = customer.full_name if customer else ""
    uow.session.execute(
        _INSERT_INVOICE,
        dict(
            chain_seq=chain_seq,
            number=number,
            kind=invoice.kind,
            series=series,
            seq=int(number.rsplit("-", 1)[1]),
            issued_at=invoice.issued_at,
            till=invoice.till,
            cashier=invoice.cashier,
            customer_id=customer.customer_id if customer else None,
            customer_name=name[:200],
            customer_folded=fold(
                f"{customer.last_name} {customer.first_name} {customer.company_name}"
                if customer
                else ""
            ).strip()[:200],
            total_cents=invoice.totals.total_cents,
            corrects=invoice.corrects,
            content=payload.decode("utf-8"),
            previous_hash=invoice.previous_hash,
            hash=invoice.hash,
        ),
    )
    state = closings.record_in_periods(state, invoice, chain_seq)
    state = replace(
        state,
        chain_seq=chain_seq,
        last_number=number,
        last_hash=invoice.hash,
        grand_total_cents=state.grand_total_cents + invoice.totals.total_cents,
    )
    closings.save_state(uow, state)
    return invoice


def get_invoice(uow: UnitOfWork, number: str) -> IssuedInvoice:
    """The invoice (or credit note) `number` as issued. Raises NotFoundError."""
    row = uow.session.execute(
        select(V.content, V.hash).where(V.number == number.strip().upper())
    ).first()
    if row is None:
        raise NotFoundError(
            Text(f"Aucune facture n° {number}.", f"There is no invoice number {number}.")
        )
    return invoice_from_content(json.loads(row.content), row.hash)


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    number: str
    kind: str
    issued_at: datetime
    customer_id: int | None
    customer_name: str
    total_cents: int
    corrects: str
    till: str


def _day_start_utc(day: date) -> datetime:
    """Midnight of a shop day, as naive UTC."""
    zone = closings.shop_timezone()
    local = datetime.combine(day, time())
    if zone is None:
        return local
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def list_invoices(
    uow: UnitOfWork,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    customer: str = "",
    number: str = "",
    limit: int = 500,
    before_chain_seq: int | None = None,
) -> list[InvoiceSummary]:
    """Invoices and credit notes, newest first, filtered by shop days (inclusive), by the
    customer as invoiced (start of name words, accents ignored) and by number prefix."""
    stmt: Any = select(
        V.number,
        V.kind,
        V.issued_at,
        V.customer_id,
        V.customer_name,
        V.total_cents,
        V.corrects,
        V.till,
    )
    if date_from is not None:
        stmt = stmt.where(V.issued_at >= _day_start_utc(date_from))
    if date_to is not None:
        stmt = stmt.where(V.issued_at < _day_start_utc(date_to + timedelta(days=1)))
    for word in fold(customer).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(V.customer_folded.like(f"%{escaped}%", escape="\\"))
    if number.strip():
        escaped = number.strip().upper().replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(V.number.like(f"%{escaped}%", escape="\\"))
    if before_chain_seq is not None:
        stmt = stmt.where(V.chain_seq < before_chain_seq)
    stmt = stmt.order_by(V.chain_seq.desc()).limit(limit)
    return [
        InvoiceSummary(
            number=r.number,
            kind=r.kind,
            issued_at=r.issued_at,
            customer_id=r.customer_id,
            customer_name=r.customer_name,
            total_cents=int(r.total_cents),
            corrects=r.corrects,
            till=r.till,
        )
        for r in uow.session.execute(stmt)
    ]


def iter_invoices(
    uow: UnitOfWork, *, date_from: date | None = None, date_to: date | None = None
) -> Iterator[IssuedInvoice]:
    """Every invoice and credit note issued in those shop days (inclusive), oldest first."""
    stmt: Any = select(V.content, V.hash).order_by(V.chain_seq)
    if date_from is not None:
        stmt = stmt.where(V.issued_at >= _day_start_utc(date_from))
    if date_to is not None:
        stmt = stmt.where(V.issued_at < _day_start_utc(date_to + timedelta(days=1)))
    for content, hash_ in uow.session.execute(stmt.execution_options(yield_per=1000)):
        yield invoice_from_content(json.loads(content), hash_)


def credit_note_for(uow: UnitOfWork, number: str) -> str | None:
    """The number of the credit note that corrects invoice `number`, if there is one."""
    return uow.session.scalar(select(V.number).where(V.corrects == number))


def _negated(invoice: IssuedInvoice) -> dict[str, Any]:
    lines = tuple(
        replace(
            line,
            quantity=-line.quantity,
            gross_cents=-line.gross_cents,
            discount_cents=-line.discount_cents,
            total_cents=-line.total_cents,
        )
        for line in invoice.lines
    )
    vat = tuple(VatRow(r.rate_bp, -r.base_cents, -r.vat_cents, -r.total_cents) for r in invoice.vat)
    t = invoice.totals
    totals = Totals(
        -t.gross_cents, -t.discount_cents, -t.total_cents, -t.total_excl_vat_cents, -t.vat_cents
    )
    payments = tuple(Payment(p.method, -p.amount_cents) for p in invoice.payments)
    return {"lines": lines, "vat": vat, "totals": totals, "payments": payments}


def issue_credit_note(
    uow: UnitOfWork,
    number: str,
    *,
    till: str,
    cashier: str,
    at: datetime | None = None,
    options: SaleOptions | None = None,
) -> IssuedInvoice:
    """Cancel invoice `number` by a credit note (avoir) for all of it, refunded by the same
    means; chained like any invoice; commits. Raises NotFoundError, PosError (a credit note
    cannot be corrected, an invoice only once)."""
    original = get_invoice(uow, number)
    if original.kind != "invoice":
        raise PosError(
            Text("Un avoir ne peut pas être lui-même annulé.", "A credit note cannot be cancelled.")
        )
    closings.lock_state(uow)  # so two tills cannot both credit the same invoice
    existing = credit_note_for(uow, original.number)
    if existing:
        raise PosError(
            Text(
                f"La facture {original.number} est déjà annulée par l'avoir {existing}.",
                f"Invoice {original.number} is already cancelled by credit note {existing}.",
            )
        )
    draft = replace(
        original,
        number="",
        kind="credit_note",
        issued_at=at or closings.utc_now(),
        till=till,
        cashier=cashier,
        corrects=original.number,
        previous_hash=GENESIS_HASH,
        hash="",
        extra={},
        **_negated(original),
    )
    credit = issue(uow, draft)
    run_hooks(uow, credit, options or SaleOptions(print_preparation=False, email_invoice=False))
    uow.commit()
    return credit
