"""Classifying a scanned code against the database: the customer and item look-ups wired in.

Runs on the task runner's worker thread (one short read transaction), never on the UI thread.
The item catalogue belongs to the register; until `pos_clients.items.find_by_barcode` exists,
no code is an item.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from pos_clients.customers import find_by_reference
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.scanning import ScanResult, ScanRules, classify

FindItem = Callable[[UnitOfWork, str], object | None]


def _no_item(_uow: UnitOfWork, _code: str) -> object | None:
    return None


def default_find_item() -> FindItem:
    """`pos_clients.items.find_by_barcode` when the register's catalogue is there."""
    try:
        items = importlib.import_module("pos_clients.items")
    except ImportError:
        return _no_item
    found: FindItem = getattr(items, "find_by_barcode", _no_item)
    return found


def classify_in(
    db: Database, code: str, rules: ScanRules, find_item: FindItem | None = None
) -> ScanResult:
    """What `code` is in this shop's data (one read transaction)."""
    look_up_item = find_item or default_find_item()
    with db.reader() as uow:
        return classify(
            code,
            lambda c: find_by_reference(uow, c),
            lambda c: look_up_item(uow, c),
            rules,
        )
