"""SQLite: the email trigram table tells an address's local part from its domain.

`customer_email_ranked` indexed each address as stored, case folded by its tokenizer. A
fragment from the middle of a local part (`toinette.f`) then holds every trigram of each
`antoinette.martin@orange.fr` (`e.f` from `orange.fr`): 2,582 such addresses at 1,000,000
customers were read and checked one by one for the 100 that hold the fragment. The table is
made again case-sensitive (`trigram case_sensitive 1`), given `search_index.email_text`: the
local part in lower case, the domain in upper case. A fragment is asked as its own trigrams
in one case or the other (with an `@`, each side in its own), so that a trigram of the local
part is never found in a domain (`search_ranked.trigram_match`).

The upgrade fills the table again and merges it: about 25 s at 1,000,000 customers. The
downgrade makes it as it was.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

from pos_clients.data import search_index

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" and not search_index.email_split(conn):
        search_index.recreate_email_index(conn, split=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" and search_index.email_split(conn):
        search_index.recreate_email_index(conn, split=False)
