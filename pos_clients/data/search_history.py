"""The SQLite search tables of migrations 0001–0006 that migration 0007 dropped, for them.

Until 0007 the directory also had two FTS5 tables keyed by customer id: `customer_fts`
(external content over `customer.search_text`, prefix indexes) and `customer_email_trgm`
(external content trigram over `email`). They indexed the same text as the ranked tables
of 0006 (`search_index`), which now serve every search. The migrations before 0007 run
with today's code when a database is upgraded from scratch, and 0007's downgrade puts the
tables back: this module keeps what they create, and nothing else uses it.
The triggers (`search_index.recreate_triggers`) keep these tables in step while they exist.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pos_clients.data.search_index import BY_ID_TABLES, drop_triggers, recreate_triggers

_WORD_DDL = (
    "CREATE VIRTUAL TABLE customer_fts USING fts5(search_text, content='customer', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='{prefixes}')"
)
_EMAIL_DDL = (
    "CREATE VIRTUAL TABLE customer_email_trgm USING fts5(email, content='customer', "
    "content_rowid='id', tokenize='trigram', detail='none')"
)
_PG_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_customer_search_trgm ON customer USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX ix_customer_email_trgm ON customer USING gin (lower(email) gin_trgm_ops)",
)


def create(conn: Connection) -> None:
    """The search index of migration 0001: on SQLite the id-keyed tables (word prefixes 1 to
    3) filled from `customer`, on PostgreSQL the pg_trgm indexes (still today's)."""
    if conn.dialect.name == "postgresql":
        for ddl in _PG_DDL:
            conn.execute(text(ddl))
    elif conn.dialect.name == "sqlite":
        create_by_id_tables(conn, "1 2 3")


def drop(conn: Connection) -> None:
    """Undo `create` (migration 0001's downgrade, the `customer` table goes next)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_customer_search_trgm"))
        conn.execute(text("DROP INDEX IF EXISTS ix_customer_email_trgm"))
    elif conn.dialect.name == "sqlite":
        drop_triggers(conn)
        drop_by_id_tables(conn)


def create_by_id_tables(conn: Connection, prefixes: str) -> None:
    """SQLite: create both id-keyed tables (word prefix indexes of the lengths `prefixes`,
    e.g. "1 2 3"), fill them from `customer`, and let the triggers keep them in step."""
    conn.execute(text(_WORD_DDL.format(prefixes=prefixes)))
    conn.execute(text(_EMAIL_DDL))
    for table in BY_ID_TABLES:
        conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
    recreate_triggers(conn)


def recreate_word_table(conn: Connection, prefixes: str) -> None:
    """SQLite: re-create `customer_fts` with prefix indexes of these lengths, filled
    (migration 0005 and its downgrade)."""
    if conn.dialect.name != "sqlite":
        return
    drop_triggers(conn)
    conn.execute(text("DROP TABLE IF EXISTS customer_fts"))
    conn.execute(text(_WORD_DDL.format(prefixes=prefixes)))
    conn.execute(text("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')"))
    recreate_triggers(conn)


def drop_by_id_tables(conn: Connection) -> None:
    """SQLite: drop both id-keyed tables (the caller re-creates the triggers)."""
    for table in BY_ID_TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
