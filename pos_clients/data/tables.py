"""SQLModel tables of the customer directory and the shop's settings.

Columns ending in `_folded`, `sort_key` and `search_text` are derived in Python
(pos_clients.folding) on every write, so that both engines index the same text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


def stamp_column(*, nullable: bool = False) -> Any:
    """A naive-UTC timestamp column (both engines store and return it alike)."""
    return Field(sa_column=Column(DateTime, nullable=nullable))


class CustomerGroupRow(SQLModel, table=True):
    __tablename__ = "customer_group"
    __table_args__ = (UniqueConstraint("name_key", name="uq_customer_group_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    # Folded name: two groups may not differ only by case or accents.
    name_key: str = Field(max_length=80)
    # Permanent automatic discount in basis points (10 % = 1000).
    discount_bp: int = Field(default=0)
    created_at: datetime = stamp_column()
    updated_at: datetime = stamp_column()


class CustomerRow(SQLModel, table=True):
    __tablename__ = "customer"
    # What the migrations make (they, not this list, make the schema): on SQLite,
    # `ix_customer_walk (sort_key, id, search_text, email)` stands for `ix_customer_sort` (0004,
    # 0008); `ix_customer_email_lower` indexes `lower(email)` (0008); the indexes of values a
    # customer may lack hold only the rows that have one (`WHERE … IS NOT NULL`, 0009); a
    # group's members are indexed in name order (0011; on SQLite with `search_text, email`).
    __table_args__ = (
        Index("ix_customer_sort", "sort_key", "id"),
        Index("ix_customer_reference", "reference", unique=True),
        Index("ix_customer_group", "group_id", "sort_key", "id"),
        Index("ix_customer_phone", "phone"),
        Index("ix_customer_mobile", "mobile"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)  # "person" | "company"
    civility: str = Field(default="", max_length=10)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    company_name: str = Field(default="", max_length=200)
    legal_form: str = Field(default="", max_length=50)
    siret: str = Field(default="", max_length=14)
    vat_number: str = Field(default="", max_length=20)
    contact_name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)  # E.164
    mobile: str | None = Field(default=None, max_length=20)  # E.164
    address_line1: str = Field(default="", max_length=200)
    address_line2: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=20)
    city: str = Field(default="", max_length=100)
    country: str = Field(default="FR", max_length=2)  # ISO 3166-1 alpha-2
    reference: str | None = Field(default=None, max_length=64)
    account_number: str | None = Field(default=None, max_length=20)
    group_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("customer_group.id", ondelete="RESTRICT")),
    )
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    birthday: date | None = None
    created_at: datetime = stamp_column()
    updated_at: datetime = stamp_column()
    # Folded display name then id: the order of the directory, and the key of its pages.
    sort_key: str = Field(sa_column=Column(String(320), nullable=False))
    # Folded words of every searchable field, space-separated, with phone digits.
    search_text: str = Field(sa_column=Column(Text, nullable=False))


class MarketingConsentRow(SQLModel, table=True):
    """Consent to marketing per channel, with when and how it was collected (D2)."""

    __tablename__ = "marketing_consent"

    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    channel: str = Field(primary_key=True, max_length=10)  # "email" | "sms" | "post"
    granted: bool
    recorded_at: datetime = stamp_column()
    source: str = Field(default="", max_length=50)


class ShopSettingRow(SQLModel, table=True):
    """One setting of the shop (identity, accounting accounts…), shared by every till."""

    __tablename__ = "shop_setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))


# The same tables as SQLAlchemy Core objects, for typed queries (SQLModel's class attributes
# type as plain Python values, which mypy cannot compare into SQL expressions).
customer_table = cast(Table, CustomerRow.__table__)  # type: ignore[attr-defined]
group_table = cast(Table, CustomerGroupRow.__table__)  # type: ignore[attr-defined]
consent_table = cast(Table, MarketingConsentRow.__table__)  # type: ignore[attr-defined]
setting_table = cast(Table, ShopSettingRow.__table__)  # type: ignore[attr-defined]
