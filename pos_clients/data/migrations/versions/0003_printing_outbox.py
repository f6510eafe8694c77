"""Print queue and email outbox.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _claim_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("claimed_until", sa.DateTime, nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "print_job",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("invoice_number", sa.String(32), nullable=False),
        sa.Column("till", sa.String(60), nullable=False, server_default=""),
        sa.Column("document", sa.String(12), nullable=False),
        sa.Column("printer", sa.String(12), nullable=False),
        sa.Column("duplicate", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("printed_at", sa.DateTime, nullable=True),
        *_claim_columns(),
        sa.CheckConstraint(
            "state IN ('pending', 'printed', 'cancelled')", name="ck_print_job_state"
        ),
        sa.CheckConstraint("document IN ('receipt', 'preparation')", name="ck_print_job_doc"),
        sa.CheckConstraint("printer IN ('receipt', 'preparation')", name="ck_print_job_printer"),
    )
    op.create_index("ix_print_job_state", "print_job", ["state", "printer", "id"])
    op.create_index("ix_print_job_invoice", "print_job", ["invoice_number"])
    op.create_table(
        "email_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("invoice_number", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("sent_at", sa.DateTime, nullable=True),
        *_claim_columns(),
        sa.UniqueConstraint("message_id", name="uq_email_outbox_message_id"),
        sa.CheckConstraint("state IN ('pending', 'sent', 'failed')", name="ck_email_outbox_state"),
    )
    op.create_index("ix_email_outbox_due", "email_outbox", ["state", "next_attempt_at", "id"])
    op.create_index("ix_email_outbox_invoice", "email_outbox", ["invoice_number"])


def downgrade() -> None:
    op.drop_table("email_outbox")
    op.drop_table("print_job")
