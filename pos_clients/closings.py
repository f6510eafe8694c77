"""Daily and monthly closings (clôtures) and the register's state row (the chain head).

The state row (kept outside the invoice table) holds the last number and hash of the chain,
the perpetual grand total, and the running totals of the open day and month. A daily closing
is made at the first sale of a new day or on demand; a monthly one at the first sale of a new
month. Each closing records the period's totals by VAT rate and by payment method, the grand
total and the last invoice hash, and is itself chained (SHA-256 over the previous closing's
hash and its canonical JSON).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import bindparam, select

from pos_clients.data.database import UnitOfWork
from pos_clients.data.register_tables import closing_table, register_state_table
from pos_clients.invoice_model import IssuedInvoice, canonical_json, chain_hash

S = register_state_table.c
K = closing_table.c


def shop_timezone() -> ZoneInfo | None:
    """The shop's time zone (POS_CLIENTS_TIMEZONE, default Europe/Paris): days are local."""
    try:
        return ZoneInfo(os.environ.get("POS_CLIENTS_TIMEZONE", "Europe/Paris"))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_day(stamp_utc: datetime) -> date:
    """The shop's calendar day of a naive-UTC time."""
    zone = shop_timezone()
    aware = stamp_utc.replace(tzinfo=UTC)
    return (aware.astimezone(zone) if zone else aware).date()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def empty_period(period: str) -> dict[str, Any]:
    return {
        "period": period,
        "first_chain_seq": 0,
        "last_chain_seq": 0,
        "first_number": "",
        "last_number": "",
        "invoice_count": 0,
        "total_cents": 0,
        "by_rate": {},
        "by_method": {},
    }


def add_to_period(acc: dict[str, Any], invoice: IssuedInvoice, chain_seq: int) -> None:
    """Add one invoice (or credit note) to a period's running totals."""
    if not acc["invoice_count"]:
        acc["first_chain_seq"], acc["first_number"] = chain_seq, invoice.number
    acc["last_chain_seq"], acc["last_number"] = chain_seq, invoice.number
    acc["invoice_count"] += 1
    acc["total_cents"] += invoice.totals.total_cents
    add_amounts(
        acc,
        ((r.rate_bp, r.base_cents, r.vat_cents, r.total_cents) for r in invoice.vat),
        ((p.method, p.amount_cents) for p in invoice.payments),
    )


def add_amounts(
    acc: dict[str, Any],
    vat: Iterable[tuple[int, int, int, int]],
    payments: Iterable[tuple[str, int]],
) -> None:
    """Add VAT rows (rate, base, VAT, total) and payments (method, amount) to `acc`."""
    by_rate: dict[str, list[int]] = acc["by_rate"]
    for rate, base, vat_cents, total in vat:
        sums = by_rate.setdefault(str(rate), [0, 0, 0])
        sums[0] += base
        sums[1] += vat_cents
        sums[2] += total
    by_method: dict[str, int] = acc["by_method"]
    for method, amount in payments:
        by_method[method] = by_method.get(method, 0) + amount


@dataclass(frozen=True, slots=True)
class RegisterState:
    chain_seq: int
    last_number: str
    last_hash: str
    grand_total_cents: int
    day_open: dict[str, Any]
    month_open: dict[str, Any]
    closing_seq: int
    last_closing_hash: str


def lock_state(uow: UnitOfWork) -> RegisterState:
    """Read the state row, locked until commit: every till's checkout queues here (gapless)."""
    row = uow.session.execute(_LOCK_STATE).one()
    return RegisterState(
        chain_seq=row.chain_seq,
        last_number=row.last_number,
        last_hash=row.last_hash,
        grand_total_cents=int(row.grand_total_cents),
        day_open=json.loads(row.day_open),
        month_open=json.loads(row.month_open),
        closing_seq=row.closing_seq,
        last_closing_hash=row.last_closing_hash,
    )


_SAVE_STATE = (
    register_state_table.update()
    .where(S.id == 1)
    .values(
        {
            name: bindparam(f"b_{name}")
            for name in (
                "chain_seq",
                "last_number",
                "last_hash",
                "grand_total_cents",
                "day_open",
                "month_open",
                "closing_seq",
                "last_closing_hash",
            )
        }
    )
)
_LOCK_STATE = select(register_state_table).where(S.id == 1).with_for_update()


def save_state(uow: UnitOfWork, state: RegisterState) -> None:
    uow.session.execute(
        _SAVE_STATE,
        {
            "b_chain_seq": state.chain_seq,
            "b_last_number": state.last_number,
            "b_last_hash": state.last_hash,
            "b_grand_total_cents": state.grand_total_cents,
            "b_day_open": json.dumps(state.day_open, sort_keys=True),
            "b_month_open": json.dumps(state.month_open, sort_keys=True),
            "b_closing_seq": state.closing_seq,
            "b_last_closing_hash": state.last_closing_hash,
        },
    )


@dataclass(frozen=True, slots=True)
class Closing:
    seq: int
    kind: str  # "day" | "month"
    period: str
    closed_at: datetime
    invoice_count: int
    first_number: str
    last_number: str
    total_cents: int
    by_rate: dict[str, list[int]]  # rate_bp → [base, vat, total]
    by_method: dict[str, int]
    grand_total_cents: int
    last_invoice_hash: str
    hash: str


def closing_content(
    seq: int, kind: str, acc: dict[str, Any], closed_at: datetime, state: RegisterState
) -> dict[str, Any]:
    return {
        "seq": seq,
        "kind": kind,
        "period": acc["period"],
        "closed_at": closed_at.isoformat(timespec="seconds"),
        "first_chain_seq": acc["first_chain_seq"],
        "last_chain_seq": acc["last_chain_seq"],
        "first_number": acc["first_number"],
        "last_number": acc["last_number"],
        "invoice_count": acc["invoice_count"],
        "total_cents": acc["total_cents"],
        "by_rate": acc["by_rate"],
        "by_method": acc["by_method"],
        "grand_total_cents": state.grand_total_cents,
        "last_invoice_hash": state.last_hash,
        "previous_hash": state.last_closing_hash,
    }


def closing_from_content(data: dict[str, Any], hash_: str) -> Closing:
    return Closing(
        seq=data["seq"],
        kind=data["kind"],
        period=data["period"],
        closed_at=datetime.fromisoformat(data["closed_at"]),
        invoice_count=data["invoice_count"],
        first_number=data["first_number"],
        last_number=data["last_number"],
        total_cents=data["total_cents"],
        by_rate=data["by_rate"],
        by_method=data["by_method"],
        grand_total_cents=data["grand_total_cents"],
        last_invoice_hash=data["last_invoice_hash"],
        hash=hash_,
    )


def _close(uow: UnitOfWork, state: RegisterState, kind: str, closed_at: datetime) -> RegisterState:
    acc = state.day_open if kind == "day" else state.month_open
    seq = state.closing_seq + 1
    content = closing_content(seq, kind, acc, closed_at, state)
    payload = canonical_json(content)
    hash_ = chain_hash(state.last_closing_hash, payload)
    uow.session.execute(
        closing_table.insert().values(
            seq=seq,
            kind=kind,
            period=acc["period"],
            closed_at=closed_at,
            first_chain_seq=acc["first_chain_seq"],
            last_chain_seq=acc["last_chain_seq"],
            content=payload.decode("utf-8"),
            previous_hash=state.last_closing_hash,
            hash=hash_,
        )
    )
    opened: dict[str, dict[str, Any]] = {f"{kind}_open": {}}
    return _replace(state, closing_seq=seq, last_closing_hash=hash_, **opened)


def _replace(state: RegisterState, **changes: Any) -> RegisterState:
    return replace(state, **changes)


def close_finished_periods(
    uow: UnitOfWork, state: RegisterState, at: datetime, *, force_day: bool = False
) -> RegisterState:
    """Close the open day if its day is over (or `force_day`), and the open month if over."""
    day = local_day(at)
    if state.day_open and (force_day or state.day_open["period"] != day.isoformat()):
        state = _close(uow, state, "day", at)
    if state.month_open and state.month_open["period"] != day.isoformat()[:7]:
        state = _close(uow, state, "month", at)
    return state


def record_in_periods(
    state: RegisterState, invoice: IssuedInvoice, chain_seq: int
) -> RegisterState:
    """The state after `invoice` joined the open day and month (opened if need be)."""
    day = local_day(invoice.issued_at).isoformat()
    day_open = state.day_open or empty_period(day)
    month_open = state.month_open or empty_period(day[:7])
    add_to_period(day_open, invoice, chain_seq)
    add_to_period(month_open, invoice, chain_seq)
    return _replace(state, day_open=day_open, month_open=month_open)


def close_day(uow: UnitOfWork, at: datetime | None = None) -> list[Closing]:
    """Close the open day now (on demand), and the month if it is over; commit.

    Returns the closings made (none when nothing was sold since the last closing).
    """
    at = at or utc_now()
    state = lock_state(uow)
    before = state.closing_seq
    state = close_finished_periods(uow, state, at, force_day=True)
    save_state(uow, state)
    uow.commit()
    return [c for c in list_closings(uow) if c.seq > before]


def list_closings(uow: UnitOfWork, *, kind: str | None = None, limit: int = 1000) -> list[Closing]:
    """The closings, newest first."""
    stmt = select(K.content, K.hash).order_by(K.seq.desc()).limit(limit)
    if kind:
        stmt = stmt.where(K.kind == kind)
    return [closing_from_content(json.loads(c), h) for c, h in uow.session.execute(stmt)]
