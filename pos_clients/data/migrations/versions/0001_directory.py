"""Customer directory: groups, customers, marketing consent, shop settings, search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pos_clients.data import search_history

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    sort_type = sa.String(320, collation="C") if dialect == "postgresql" else sa.String(320)
    op.create_table(
        "customer_group",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("name_key", sa.String(80), nullable=False),
        sa.Column("discount_bp", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("name_key", name="uq_customer_group_name_key"),
        sa.CheckConstraint("discount_bp BETWEEN 0 AND 10000", name="ck_group_discount"),
    )
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("civility", sa.String(10), nullable=False, server_default=""),
        sa.Column("first_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("last_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("company_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("legal_form", sa.String(50), nullable=False, server_default=""),
        sa.Column("siret", sa.String(14), nullable=False, server_default=""),
        sa.Column("vat_number", sa.String(20), nullable=False, server_default=""),
        sa.Column("contact_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("mobile", sa.String(20), nullable=True),
        sa.Column("address_line1", sa.String(200), nullable=False, server_default=""),
        sa.Column("address_line2", sa.String(200), nullable=False, server_default=""),
        sa.Column("postcode", sa.String(20), nullable=False, server_default=""),
        sa.Column("city", sa.String(100), nullable=False, server_default=""),
        sa.Column("country", sa.String(2), nullable=False, server_default="FR"),
        sa.Column("reference", sa.String(64), nullable=True),
        sa.Column("account_number", sa.String(20), nullable=True),
        sa.Column(
            "group_id",
            sa.Integer,
            sa.ForeignKey("customer_group.id", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("birthday", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("sort_key", sort_type, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.CheckConstraint("kind IN ('person', 'company')", name="ck_customer_kind"),
    )
    op.create_index("ix_customer_sort", "customer", ["sort_key", "id"])
    op.create_index("ix_customer_reference", "customer", ["reference"], unique=True)
    op.create_index("ix_customer_group", "customer", ["group_id"])
    op.create_index("ix_customer_email", "customer", ["email"])
    op.create_index("ix_customer_phone", "customer", ["phone"])
    op.create_index("ix_customer_mobile", "customer", ["mobile"])
    op.create_table(
        "marketing_consent",
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey("customer.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("channel", sa.String(10), primary_key=True),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.String(50), nullable=False, server_default=""),
    )
    op.create_table(
        "shop_setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    search_history.create(op.get_bind())


def downgrade() -> None:
    search_history.drop(op.get_bind())
    op.drop_table("shop_setting")
    op.drop_table("marketing_consent")
    op.drop_table("customer")
    op.drop_table("customer_group")
