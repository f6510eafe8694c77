"""Register: item catalogue, invoices with numbering and hash chain, chain head, closings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
EMPTY_PERIOD = "{}"
WRITE_ONCE = ("invoice", "closing")


def upgrade() -> None:
    op.create_table(
        "item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("name_folded", sa.String(120), nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=False),
        sa.Column("vat_rate_bp", sa.Integer, nullable=False),
        sa.Column("code", sa.String(64), nullable=True),
        sa.Column("category", sa.String(60), nullable=False, server_default=""),
        sa.Column("needs_preparation", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("price_cents >= 0", name="ck_item_price"),
    )
    op.create_index("ix_item_code", "item", ["code"], unique=True)
    op.create_index("ix_item_category", "item", ["category", "position", "name_folded"])
    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chain_seq", sa.Integer, nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("series", sa.String(10), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("till", sa.String(60), nullable=False),
        sa.Column("cashier", sa.String(60), nullable=False),
        sa.Column("customer_id", sa.Integer, nullable=True),
        sa.Column("customer_name", sa.String(200), nullable=False),
        sa.Column("customer_folded", sa.String(200), nullable=False),
        sa.Column("total_cents", sa.BigInteger, nullable=False),
        sa.Column("corrects", sa.String(20), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name="ck_invoice_kind"),
    )
    op.create_index("ix_invoice_chain_seq", "invoice", ["chain_seq"], unique=True)
    op.create_index("ix_invoice_number", "invoice", ["number"], unique=True)
    op.create_index("ix_invoice_series_seq", "invoice", ["series", "seq"], unique=True)
    op.create_index("ix_invoice_issued_at", "invoice", ["issued_at"])
    op.create_index("ix_invoice_customer", "invoice", ["customer_folded"])
    op.create_index("ix_invoice_corrects", "invoice", ["corrects"])
    op.create_table(
        "invoice_counter",
        sa.Column("series", sa.String(10), primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    state = op.create_table(
        "register_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chain_seq", sa.Integer, nullable=False),
        sa.Column("last_number", sa.String(20), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("grand_total_cents", sa.BigInteger, nullable=False),
        sa.Column("day_open", sa.Text, nullable=False),
        sa.Column("month_open", sa.Text, nullable=False),
        sa.Column("closing_seq", sa.Integer, nullable=False),
        sa.Column("last_closing_hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(
        state,
        [
            {
                "id": 1,
                "chain_seq": 0,
                "last_number": "",
                "last_hash": GENESIS,
                "grand_total_cents": 0,
                "day_open": EMPTY_PERIOD,
                "month_open": EMPTY_PERIOD,
                "closing_seq": 0,
                "last_closing_hash": GENESIS,
            }
        ],
    )
    op.create_table(
        "closing",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(5), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=False),
        sa.Column("first_chain_seq", sa.Integer, nullable=False),
        sa.Column("last_chain_seq", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("kind IN ('day', 'month')", name="ck_closing_kind"),
    )
    op.create_index("ix_closing_seq", "closing", ["seq"], unique=True)
    _create_write_once_guards()


def _create_write_once_guards() -> None:
    """Refuse UPDATE and DELETE on invoices and closings in the database itself."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION pos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% rows cannot be altered (write once)', TG_TABLE_NAME; END $$"
        )
        for table in WRITE_ONCE:
            op.execute(
                f"CREATE TRIGGER {table}_write_once BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION pos_refuse_change()"
            )
        return
    for table in WRITE_ONCE:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows cannot be altered (write once)'); END"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in WRITE_ONCE:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_write_once ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS pos_refuse_change()")
    op.drop_table("closing")
    op.drop_table("register_state")
    op.drop_table("invoice_counter")
    op.drop_table("invoice")
    op.drop_table("item")
