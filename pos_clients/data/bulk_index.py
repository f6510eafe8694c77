"""Indexing customers loaded in bulk on SQLite (CSV import), with the triggers set aside.

The same rows as the triggers would write (`search_index`), written faster: one statement
per table, once every row is in, in rowid order (FTS5 flushes its pending terms whenever a
rowid does not grow, and at the end of each statement), the rowids (`name_rank`) computed
from a small table of the sort key beginnings met (`key_rank`, in Python) instead of the
triggers' long SQL expression.
While loading, each FTS5 table keeps more pending terms in memory (`hashsize`), so it writes
fewer, larger segments; the setting is put back before the commit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Connection

from pos_clients.data.search_index import (
    EMAIL_FTS,
    ID_BITS,
    NAME_FTS,
    RANK_CHARS,
    has_name_index,
)

_TABLES = (NAME_FTS, EMAIL_FTS)
_HASHSIZE = "hashsize"
_DEFAULT_HASHSIZE = 1024 * 1024  # FTS5's own default
LOAD_HASHSIZE = 64 * 1024 * 1024  # per table, while loading


def _tables(conn: Connection) -> tuple[str, ...]:
    return _TABLES if has_name_index(conn) else ()


@contextmanager
def loading(conn: Connection) -> Iterator[None]:
    """Larger in-memory FTS5 batches for the block (SQLite, inside the write transaction);
    each table's own setting is put back at its end (when the block raises, the caller's
    rollback undoes the change)."""
    tables = _tables(conn)
    saved: dict[str, object] = {}
    for table in tables:
        saved[table] = conn.exec_driver_sql(
            f"SELECT v FROM {table}_config WHERE k = ?", (_HASHSIZE,)
        ).scalar()
        _set(conn, table, LOAD_HASHSIZE)
    yield
    for table in tables:
        before = saved[table]
        _set(conn, table, _DEFAULT_HASHSIZE if before is None else before)
        if before is None:  # as it was: no row, FTS5's default
            conn.exec_driver_sql(f"DELETE FROM {table}_config WHERE k = ?", (_HASHSIZE,))


def _set(conn: Connection, table: str, value: object) -> None:
    conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (_HASHSIZE, value))


def index_by_name(conn: Connection, first_id: int, key_ranks: Mapping[str, int]) -> None:
    """Index the customers from `first_id` on in the name-ordered FTS5 tables.

    `key_ranks` maps the first `RANK_CHARS` characters of each of their sort keys to its
    `search_index.key_rank`.
    """
    if not has_name_index(conn):
        return
    conn.exec_driver_sql(
        "CREATE TEMP TABLE import_key_rank "
        "(beginning TEXT PRIMARY KEY, key_rank INTEGER NOT NULL) WITHOUT ROWID"
    )
    try:
        conn.exec_driver_sql(
            "INSERT INTO temp.import_key_rank(beginning, key_rank) VALUES (?, ?)",
            list(key_ranks.items()),
        )
        for table, column in ((NAME_FTS, "search_text"), (EMAIL_FTS, "email")):
            conn.exec_driver_sql(
                f"INSERT INTO {table}(rowid, {column}) "
                f"SELECT (k.key_rank << {ID_BITS}) | c.id, c.{column} FROM customer AS c "
                "JOIN temp.import_key_rank AS k "
                f"ON k.beginning = substr(c.sort_key, 1, {RANK_CHARS}) "
                "WHERE c.id >= ? ORDER BY 1",
                (first_id,),
            )
    finally:
        conn.exec_driver_sql("DROP TABLE temp.import_key_rank")
