"""Classifying a scanned code against the database: the customer and item look-ups wired in.

Runs on the task runner's worker thread, never on the UI thread. The card look-up is one
indexed Core query (customer joined to its group) on a pooled connection, no ORM session: a
scan must put the customer on the ticket within a couple of milliseconds with a million
customers. The customer it returns has no consents loaded (the till does not need them).
Items are looked up with `pos_clients.items.find_by_barcode`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

from sqlalchemy import Connection

from pos_clients import items
from pos_clients.customers import Customer, card_holder
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.scanning import ScanResult, ScanRules, classify

FindItem = Callable[[UnitOfWork, str], object | None]


def find_card_holder(conn: Connection, code: str) -> Customer | None:
    """The customer whose reference is `code` (normalised as stored), with their group."""
    return card_holder(conn, code)


def classify_in(
    db: Database, code: str, rules: ScanRules, find_item: FindItem | None = None
) -> ScanResult:
    """What `code` is in this shop's data (read-only)."""
    look_up_item = find_item or items.find_by_barcode
    with ExitStack() as stack:
        conn = stack.enter_context(db.connection())
        uows: list[UnitOfWork] = []

        def item(c: str) -> object | None:
            if not uows:  # opened only when an item is looked up
                uows.append(stack.enter_context(db.reader()))
            return look_up_item(uows[0], c)

        try:
            return classify(code, lambda c: find_card_holder(conn, c), item, rules)
        finally:
            conn.rollback()
