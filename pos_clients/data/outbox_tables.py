"""The print queue and the email outbox: what waits for a printer or a mail server.

Each row holds everything its job needs (the invoice's content JSON and hash), so neither
depends on the invoice tables. `claimed_by`/`claimed_until` let one worker, on one till, take
a row for a while: the claim is an UPDATE guarded by its WHERE clause, atomic on both engines,
and a claim left by a killed process simply expires.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text
from sqlmodel import SQLModel

print_job_table = Table(
    "print_job",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime, nullable=False),
    Column("invoice_number", String(32), nullable=False),
    Column("till", String(60), nullable=False, default=""),  # the till of the sale
    Column("document", String(12), nullable=False),  # "receipt" | "preparation"
    Column("printer", String(12), nullable=False),  # "receipt" | "preparation"
    Column("duplicate", Boolean, nullable=False, default=False),
    Column("payload", Text, nullable=False),  # {"invoice": content(), "hash": …}
    Column("state", String(10), nullable=False, default="pending"),  # pending|printed|cancelled
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=False, default=""),
    Column("printed_at", DateTime, nullable=True),
    Column("claimed_by", String(100), nullable=True),
    Column("claimed_until", DateTime, nullable=True),
    Index("ix_print_job_state", "state", "printer", "id"),
    Index("ix_print_job_invoice", "invoice_number"),
)

email_outbox_table = Table(
    "email_outbox",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime, nullable=False),
    Column("kind", String(20), nullable=False),  # "invoice"
    Column("invoice_number", String(32), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("message_id", String(200), nullable=False, unique=True),
    Column("payload", Text, nullable=False),
    Column("state", String(10), nullable=False, default="pending"),  # pending|sent|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("sent_at", DateTime, nullable=True),
    Column("claimed_by", String(100), nullable=True),
    Column("claimed_until", DateTime, nullable=True),
    Index("ix_email_outbox_due", "state", "next_attempt_at", "id"),
    Index("ix_email_outbox_invoice", "invoice_number"),
)
