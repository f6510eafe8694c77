"""Directory search: a covering index to walk the directory in name order (SQLite).

When a query matches a large share of the directory (`mar`, `jean`, `orange.fr`), the first
page is found by walking the names in order and testing each customer's folded words,
instead of sorting every match; this index holds what that test reads, so the walk never
touches the table. PostgreSQL plans its own way over its trigram indexes: nothing to do.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_customer_walk ON customer (sort_key, id, search_text, email)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_customer_walk")
