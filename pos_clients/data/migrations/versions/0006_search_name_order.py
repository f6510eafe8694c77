"""Directory search: a word index whose rowids follow name order (SQLite).

`customer_name_fts` indexes the same folded words as `customer_fts`, contentless, with the
rowid `search_index.name_rank(sort_key, id)`: the start of the sort key, then the id. FTS5
returns matches by rowid, so a query reads them already (nearly) in name order and stops
after one page, instead of reading every match's sort key from the table to sort them. The
same for email fragments: `customer_email_ranked`, a contentless trigram index of the email
under the same rowids. The triggers keep both in step from now on. PostgreSQL: nothing to do.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from pos_clients.data import search_index

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.create_name_index(op.get_bind(), sizes=True)


def downgrade() -> None:
    search_index.drop_name_index(op.get_bind())
