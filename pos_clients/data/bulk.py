"""Inserting many rows at once (CSV import, demo data), customer ids returned in order.

On SQLite the rows go straight to the driver's executemany: SQLAlchemy's per-row parameter
processing costs as much as the insert itself. Dates, times and booleans are written exactly
as SQLAlchemy's SQLite types write them, so they read back alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, func, insert, select

from pos_clients.data.tables import customer_table

C = customer_table.c


def _sqlite_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's sqlite.DATETIME storage format.
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _converter(kind: object) -> Callable[[Any], Any] | None:
    if isinstance(kind, DateTime):
        return lru_cache(maxsize=1024)(_sqlite_datetime)  # rows of a batch share a stamp
    if isinstance(kind, Date):
        return _sqlite_date
    if isinstance(kind, Boolean):
        return _sqlite_bool
    return None


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (all with the same keys) into `table` in the caller's transaction."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    pick = itemgetter(*names)
    converted = [
        (position, conv)
        for position, name in enumerate(names)
        if (conv := _converter(table.c[name].type)) is not None
    ]
    params: list[Any] = []
    for row in rows:
        values = list(pick(row))
        for position, conv in converted:
            values[position] = conv(values[position])
        params.append(tuple(values))
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', params)


def insert_customers(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert customers (column values) in the caller's write transaction; return their ids.

    SQLite: inside the write transaction (BEGIN IMMEDIATE) nobody else inserts, and SQLite
    numbers a row of a table without AUTOINCREMENT one above the largest id, so the new ids
    are consecutive from there; this is checked. PostgreSQL: batched INSERT … RETURNING in
    the order of `rows`.
    """
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        first = int(conn.scalar(select(func.coalesce(func.max(C.id), 0))) or 0) + 1
        insert_rows(conn, customer_table, rows)
        last = int(conn.scalar(select(func.max(C.id))) or 0)
        if last != first + len(rows) - 1:
            raise RuntimeError(f"bulk insert ids {first}..{last} for {len(rows)} rows")
        return list(range(first, last + 1))
    result = conn.execute(
        insert(customer_table).returning(C.id, sort_by_parameter_order=True), list(rows)
    )
    return [int(i) for i in result.scalars()]


@contextmanager
def indexes_set_aside(conn: Connection, table: str) -> Iterator[None]:
    """SQLite: drop the indexes of `table` for the block, then create them again with their own
    SQL, all in the caller's transaction (no other connection sees the table without them).

    Filling an empty table and indexing it at the end costs far less than keeping every index
    in step row by row. When the block raises, nothing is re-created: the caller's rollback
    brings the indexes back with the rest.
    """
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        (table,),
    ).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)
