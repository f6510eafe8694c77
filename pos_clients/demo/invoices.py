"""Demo sales: N past sales through the real checkout, spread over past days (real chain,
numbering and closings)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from pos_clients import checkout, customers, items
from pos_clients.closings import utc_now
from pos_clients.data.database import Database
from pos_clients.data.register_tables import invoice_table
from pos_clients.data.tables import customer_table
from pos_clients.demo.items import make_demo_items
from pos_clients.invoice_model import InvoicedCustomer
from pos_clients.sale_hooks import SaleOptions
from pos_clients.tickets import Tender, Ticket

NO_DEVICES = SaleOptions(print_receipt=False, print_preparation=False, email_invoice=False)


def _sale_times(n: int, start: datetime, end: datetime, rng: random.Random) -> list[datetime]:
    """N times between start and end, during opening hours (6:00–18:00 UTC), in order."""
    days = max(1, (end.date() - start.date()).days)
    times = []
    for _ in range(n):
        day = start.date() + timedelta(days=rng.randrange(days))
        second = rng.randrange(6 * 3600, 18 * 3600)
        times.append(datetime.combine(day, datetime.min.time()) + timedelta(seconds=second))
    return sorted(t for t in times)


def _demo_customers(db: Database, rng: random.Random) -> list[InvoicedCustomer]:
    with db.reader() as uow:
        total = int(uow.session.scalar(select(func.count()).select_from(customer_table)) or 0)
        if not total:
            return []
        offset = rng.randrange(max(1, total - 200))
        ids = list(
            uow.session.scalars(
                select(customer_table.c.id).order_by(customer_table.c.id).offset(offset).limit(200)
            )
        )
        return [checkout.customer_on_ticket(customers.get_customer(uow, i)) for i in ids]


def _tenders(total: int, rng: random.Random) -> list[Tender]:
    roll = rng.random()
    if roll < 0.45:
        given = -(-total // 500) * 500 if rng.random() < 0.6 else total
        return [Tender("cash", given)]
    if roll < 0.85 or total < 200:
        return [Tender("card", total)]
    if roll < 0.93:
        return [Tender("cheque", total)]
    part = rng.randrange(100, total)
    return [Tender("card", part), Tender("cash", total - part)]


def make_demo_invoices(
    db: Database,
    n: int,
    *,
    days: int = 30,
    seed: int = 4,
    per_transaction: int = 1,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Make `n` past sales over the last `days` days (after any existing invoice), each
    through `checkout.issue_sale`; return how many were made. `per_transaction` > 1 groups
    sales in one commit (for large benchmark histories)."""
    rng = random.Random(seed)
    make_demo_items(db)
    with db.reader() as uow:
        catalogue = items.list_items(uow)
        last = uow.session.scalar(select(func.max(invoice_table.c.issued_at)))
    end = utc_now()
    start = end - timedelta(days=days)
    if last is not None and last + timedelta(seconds=1) > start:
        start = last + timedelta(seconds=1)
    people = _demo_customers(db, rng)
    times = [max(t, start) for t in _sale_times(n, start, end, rng)]
    made = 0
    while made < n:
        with db.uow() as uow:
            shop = checkout.shop_identity(uow)
            for at in times[made : made + per_transaction]:
                ticket = Ticket()
                for it in rng.sample(catalogue, k=rng.randint(1, 4)):
                    ticket = ticket.add(it.ticket_line(rng.choice((1, 1, 1, 2, 3))))
                if people and rng.random() < 0.4:
                    ticket = ticket.with_customer(rng.choice(people))
                total = ticket.priced().total_cents
                checkout.issue_sale(
                    uow,
                    ticket,
                    _tenders(total, rng),
                    till=rng.choice(("Caisse 1", "Caisse 2")),
                    cashier=rng.choice(("Léa", "Hugo", "Inès")),
                    options=NO_DEVICES,
                    at=at,
                    shop=shop,
                )
                made += 1
            uow.commit()
        if progress is not None:
            progress(made)
    return made
