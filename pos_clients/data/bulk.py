"""Inserting many rows at once (CSV import, demo data), customer ids returned in order.

On SQLite the rows go straight to the driver's executemany: SQLAlchemy's per-row parameter
processing costs as much as the insert itself. Dates, times and booleans are written exactly
as SQLAlchemy's SQLite types write them, so they read back alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, func, insert, select

from pos_clients.data.tables import customer_table

C = customer_table.c


def _sqlite_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's sqlite.DATETIME storage format.
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d")


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (all with the same keys) into `table` in the caller's transaction."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    converters: list[Callable[[Any], Any] | None] = []
    for name in names:
        kind = table.c[name].type
        converters.append(
            _sqlite_datetime
            if isinstance(kind, DateTime)
            else _sqlite_date
            if isinstance(kind, Date)
            else _sqlite_bool
            if isinstance(kind, Boolean)
            else None
        )
    plain = all(c is None for c in converters)
    params = [
        tuple(row[n] for n in names)
        if plain
        else tuple(
            row[n] if conv is None else conv(row[n])
            for n, conv in zip(names, converters, strict=True)
        )
        for row in rows
    ]
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
