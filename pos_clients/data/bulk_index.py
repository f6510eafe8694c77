"""Indexing customers loaded in bulk on SQLite (CSV import), with the triggers set aside.

The same rows as the triggers would write (`search_index`), written faster: one statement
per table for every few tens of thousands of rows (while the workers check the next ones),
in rowid order (FTS5 flushes its pending terms whenever a rowid does not grow, and at the
end of each statement), the rowids (`name_rank`) computed from a small table of the sort
key beginnings met (`key_rank`, in Python) instead of the triggers' long SQL expression.
While loading, each FTS5 table keeps more pending terms in memory (`hashsize`), so it writes
fewer, larger segments, and merges none of them as it goes (`automerge`); the settings are
put back before the commit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import islice

from sqlalchemy import Connection

from pos_clients.data.search_index import (
    EMAIL_FTS,
    ID_BITS,
    NAME_FTS,
    RANK_CHARS,
    email_split,
    email_text_sql,
    has_name_index,
)

_TABLES = (NAME_FTS, EMAIL_FTS)
# FTS5's own defaults of the settings changed while loading (used when a table has no row
# for them in its `_config` table).
_DEFAULTS = {"hashsize": 1024 * 1024, "automerge": 4}
# While loading: each table keeps more pending terms in memory (fewer, larger segments), and
# merges no segments as it goes (FTS5 still merges them when a level holds 16: `crisismerge`).
LOAD_SETTINGS = {"hashsize": 64 * 1024 * 1024, "automerge": 0}


def _tables(conn: Connection) -> tuple[str, ...]:
    return _TABLES if has_name_index(conn) else ()


@contextmanager
def loading(conn: Connection) -> Iterator[None]:
    """FTS5 settings for loading in bulk during the block (SQLite, inside the write
    transaction); each table's own settings are put back at its end (when the block raises,
    the caller's rollback undoes the change)."""
    tables = _tables(conn)
    saved: dict[tuple[str, str], object] = {}
    for table in tables:
        for key, value in LOAD_SETTINGS.items():
            saved[table, key] = conn.exec_driver_sql(
                f"SELECT v FROM {table}_config WHERE k = ?", (key,)
            ).scalar()
            _set(conn, table, key, value)
    yield
    for (table, key), before in saved.items():
        _set(conn, table, key, _DEFAULTS[key] if before is None else before)
        if before is None:  # as it was: no row, FTS5's default
            conn.exec_driver_sql(f"DELETE FROM {table}_config WHERE k = ?", (key,))


def _set(conn: Connection, table: str, key: str, value: object) -> None:
    conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (key, value))


class NameIndexer:
    """Indexes the customers written so far in the name-ordered FTS5 tables, a batch of ids
    at a time (while the workers check the next records), one statement per table each."""

    def __init__(self, conn: Connection, first_id: int) -> None:
        self.conn = conn
        self.next_id = first_id  # the first id not indexed yet
        self._known = 0  # beginnings of `key_ranks` already in the temporary table
        self._active = has_name_index(conn)
        email = email_text_sql("c.email") if self._active and email_split(conn) else "c.email"
        # What each table is given of a customer row `c`.
        self._texts = ((NAME_FTS, "search_text", "c.search_text"), (EMAIL_FTS, "email", email))

    def index(self, end_id: int, key_ranks: Mapping[str, int]) -> None:
        """Index the customers from `next_id` to `end_id` (excluded).

        `key_ranks` maps the first `RANK_CHARS` characters of each of their sort keys to its
        `search_index.key_rank` (it may hold more; new beginnings come last, in order).
        """
        if not self._active or end_id <= self.next_id:
            return
        if len(key_ranks) > self._known:
            self.conn.exec_driver_sql(
                "INSERT OR IGNORE INTO temp.import_key_rank(beginning, key_rank) VALUES (?, ?)",
                list(islice(key_ranks.items(), self._known, None)),
            )
            self._known = len(key_ranks)
        for table, column, value in self._texts:
            self.conn.exec_driver_sql(
                f"INSERT INTO {table}(rowid, {column}) "
                f"SELECT (k.key_rank << {ID_BITS}) | c.id, {value} FROM customer AS c "
                "JOIN temp.import_key_rank AS k "
                f"ON k.beginning = substr(c.sort_key, 1, {RANK_CHARS}) "
                "WHERE c.id >= ? AND c.id < ? ORDER BY 1",
                (self.next_id, end_id),
            )
        self.next_id = end_id


@contextmanager
def by_name(conn: Connection, first_id: int) -> Iterator[NameIndexer]:
    """A `NameIndexer` for the customers from `first_id` on, with its temporary table of sort
    key beginnings for the block (SQLite, inside the write transaction)."""
    conn.exec_driver_sql(
        "CREATE TEMP TABLE import_key_rank "
        "(beginning TEXT PRIMARY KEY, key_rank INTEGER NOT NULL) WITHOUT ROWID"
    )
    try:
        yield NameIndexer(conn, first_id)
    finally:
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.import_key_rank")
