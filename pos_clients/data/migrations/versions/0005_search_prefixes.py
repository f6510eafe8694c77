"""Directory search: prefix indexes for one to six letters in the SQLite word index.

With them, `saint`, `martin jean` or a six-letter prefix is one doclist read that stops as
soon as a page is full, instead of a merge of every word sharing the prefix (measured at
1,000,000 customers: 8–13 ms down to about 0.5 ms to count the first 3,000 matches). The
index grows by about 60 %. PostgreSQL: nothing to do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from pos_clients.data import search_history

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_history.recreate_word_table(op.get_bind(), "1 2 3 4 5 6")


def downgrade() -> None:
    search_history.recreate_word_table(op.get_bind(), "1 2 3")
