"""A group's members in name order (both engines).

`ix_customer_group` indexed the group alone: the members of a group, shown by the
directory when a manager opens it from Groupes client, were all read and sorted by name for
each page (at 1,000,000 customers, 42,508 VIP members: 112 ms; 105,015 professionals:
162 ms), and the same for a search within the group. Indexed by group, then name and id
(the list's order), a page of members is read in order from the index: 0.5 ms. On SQLite
the index also holds what the search checks row by row (`search_text`, `email`, as
`ix_customer_walk` does for the whole directory), so that a search matching many customers
walks the group's members in name order without reading the table (`customer_search`).
The member counts (`group_id IS NOT NULL`, grouped) and the moves between groups read it
as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _index(columns: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_customer_group")
    op.execute(f"CREATE INDEX ix_customer_group ON customer ({columns}) WHERE group_id IS NOT NULL")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _index("group_id, sort_key, id" + (", search_text, email" if sqlite else ""))


def downgrade() -> None:
    _index("group_id")
