"""Items and sales for the register tests, made through the real services."""

from __future__ import annotations

from datetime import datetime

from pos_clients import checkout, items
from pos_clients.customers import Customer
from pos_clients.data.database import Database
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.items import Item, ItemDraft
from pos_clients.tickets import Tender, Ticket


def item(
    db: Database, name: str, price: str, vat: str = "5,5", code: str = "", category: str = ""
) -> Item:
    with db.uow() as uow:
        return items.create_item(uow, ItemDraft(name, price, vat, code, category))


def sale(
    db: Database,
    lines: list[tuple[Item, int]],
    customer: Customer | None = None,
    *,
    method: str = "card",
    at: datetime | None = None,
    till: str = "Caisse 1",
) -> IssuedInvoice:
    """A sale of `lines`, paid in full by `method`."""
    ticket = Ticket()
    for it, quantity in lines:
        ticket = ticket.add(it.ticket_line(quantity))
    if customer is not None:
        ticket = ticket.with_customer(checkout.customer_on_ticket(customer))
    total = ticket.priced().total_cents
    with db.uow() as uow:
        return checkout.checkout(
            uow, ticket, [Tender(method, total)], till=till, cashier="Léa", at=at
        )
