"""Tables of the register: the item catalogue, invoices, their numbering, chain head, closings.

SQLAlchemy Core tables (typed queries, fast inserts); the schema itself comes from migration
0002. `invoice` and `closing` rows are written once and never updated or deleted: database
triggers refuse it, and `pos-clients verify` detects it when someone goes around them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

item_table = Table(
    "item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("name_folded", String(120), nullable=False),
    Column("price_cents", Integer, nullable=False),
    Column("vat_rate_bp", Integer, nullable=False),
    Column("code", String(64), nullable=True, unique=True),
    Column("category", String(60), nullable=False, server_default=""),
    Column("needs_preparation", Boolean, nullable=False, server_default="0"),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("position", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

invoice_table = Table(
    "invoice",
    metadata,
    Column("id", Integer, primary_key=True),
    # Position in the one hash chain of invoices and credit notes: 1, 2, 3… without a gap.
    Column("chain_seq", Integer, nullable=False, unique=True),
    Column("number", String(20), nullable=False, unique=True),
    Column("kind", String(12), nullable=False),
    Column("series", String(10), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("till", String(60), nullable=False),
    Column("cashier", String(60), nullable=False),
    Column("customer_id", Integer, nullable=True),  # no foreign key: customers may go (H2)
    Column("customer_name", String(200), nullable=False),
    Column("customer_folded", String(200), nullable=False),
    Column("total_cents", BigInteger, nullable=False),
    Column("corrects", String(20), nullable=False),
    # The canonical JSON of IssuedInvoice.content(), exactly the bytes the hash covers.
    Column("content", Text, nullable=False),
    Column("previous_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

invoice_counter_table = Table(
    "invoice_counter",
    metadata,
    Column("series", String(10), primary_key=True),  # "F2026", "A2026"
    Column("last_seq", Integer, nullable=False),
)

# One row (id = 1): the chain head kept outside the invoice table, and the open periods.
register_state_table = Table(
    "register_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chain_seq", Integer, nullable=False),
    Column("last_number", String(20), nullable=False),
    Column("last_hash", String(64), nullable=False),
    Column("grand_total_cents", BigInteger, nullable=False),
    Column("day_open", Text, nullable=False),  # JSON running totals since the last closing
    Column("month_open", Text, nullable=False),
    Column("closing_seq", Integer, nullable=False),
    Column("last_closing_hash", String(64), nullable=False),
)

closing_table = Table(
    "closing",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("kind", String(5), nullable=False),  # "day" | "month"
    Column("period", String(10), nullable=False),  # "2026-11-28" | "2026-11"
    Column("closed_at", DateTime, nullable=False),
    Column("first_chain_seq", Integer, nullable=False),
    Column("last_chain_seq", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("previous_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
