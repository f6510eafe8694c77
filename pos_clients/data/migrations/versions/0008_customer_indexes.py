"""Customer indexes: lower-cased email, no duplicate name index, no FTS5 document sizes.

- Both engines: `ix_customer_email` indexed the address as typed, but the duplicate check
  of the form (D8) compares addresses without case (`lower(email) = …`), which it could not
  serve: on SQLite that check read the whole directory (1.2 s at 1,000,000 customers).
  `ix_customer_email_lower` indexes `lower(email)` instead.
- SQLite: `ix_customer_sort (sort_key, id)` is the beginning of `ix_customer_walk (sort_key,
  id, search_text, email)` (0004), which serves every query it served; an import no longer
  builds it. PostgreSQL keeps it (it has no walk index).
- SQLite: the ranked FTS5 tables are made again with `columnsize=0`: they kept every
  document's size, which only relevance ranking reads and no search does.

The downgrade puts both indexes back; the FTS5 tables stay as they are (every revision
reads them alike).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from pos_clients.data import search_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.execute("DROP INDEX IF EXISTS ix_customer_email")
    op.execute("CREATE INDEX ix_customer_email_lower ON customer (lower(email))")
    if conn.dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_customer_sort")
        if not search_index.without_sizes(conn):
            search_index.recreate_name_index(conn)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_customer_email_lower")
    op.execute("CREATE INDEX ix_customer_email ON customer (email)")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_customer_sort ON customer (sort_key, id)")
