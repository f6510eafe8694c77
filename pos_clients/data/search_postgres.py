"""PostgreSQL: a page of the customers holding an email fragment or digits (a phone, a card),
without the long walks.

The planner estimates how many customers hold a fragment of an email from pg_trgm's
statistics, which cannot tell `contact.` (half the directory) from `ntact.rena` (a handful
of addresses): it takes both for common, and reads the directory in name order
(`ix_customer_sort`), checking each row, until the page is full. For a common fragment that
is a few milliseconds; for a rare one it reads most of the directory (855,749 rows checked
in 3.5 s at 1,000,000 customers). Bitmap scans of the trigram indexes, then sorting the
matches, answer a rare fragment in tens of milliseconds, but a common one several times
slower than the walk.

Digits typed alone (the beginning of a phone number) have the same trouble. So the
planner's own plan is tried first, for at most ORDERED_TRY_MS; when it has not finished by
then, the text is rare enough for the trigram indexes, and the same query
runs again with bitmap scans only. Each try runs inside a savepoint that is rolled back
afterwards, so the settings it changes end with it and a cancelled try leaves the
transaction usable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

# How long the planner's plan may run before the trigram indexes are asked instead
# (0: ask them at once). At 1,000,000 customers most fragments are answered in name order
# within 15 ms; 30, 40, 60 and 100 ms were tried (docs/directory.md).
ORDERED_TRY_MS = 40

_QUERY_CANCELED = "57014"  # SQLSTATE of a statement stopped by statement_timeout
_BITMAPS_ONLY = {"enable_indexscan": "off", "enable_seqscan": "off"}


def rows_trying_order(session: Session, stmt: Select[Any]) -> Sequence[Row[Any]]:
    """The rows of `stmt` (ordered and limited), by the planner's plan when it finishes
    within ORDERED_TRY_MS, else by bitmap scans of the indexes then a sort."""
    if ORDERED_TRY_MS > 0:
        try:
            return _rows_with(session, stmt, {"statement_timeout": f"{ORDERED_TRY_MS}ms"})
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != _QUERY_CANCELED:
                raise
    return _rows_with(session, stmt, _BITMAPS_ONLY)


def _rows_with(session: Session, stmt: Select[Any], settings: dict[str, str]) -> Sequence[Row[Any]]:
    """The rows of `stmt`, run with `settings` in a savepoint rolled back afterwards."""
    savepoint = session.begin_nested()
    try:
        for name, value in settings.items():
            session.execute(
                text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value}
            )
        return session.execute(stmt).all()
    finally:
        savepoint.rollback()
