"""The invoice as issued: everything it printed, frozen, and its canonical JSON.

This is the contract between the checkout (which makes an `IssuedInvoice` and chains its
hash) and every rendering of it (receipt, preparation ticket, PDF, email, accounting export).
An invoice copies the shop, the customer and the group as they were at the sale (H2), so
deleting a customer or a group changes nothing here.

Amounts are integer cents, rates integer basis points (20 % = 2000), times naive UTC.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

PAYMENT_METHODS = ("cash", "card", "cheque", "account")
GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class ShopIdentity:
    name: str
    address_line1: str = ""
    address_line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    phone: str = ""
    email: str = ""
    siret: str = ""
    vat_number: str = ""
    legal_form: str = ""
    share_capital: str = ""
    rcs: str = ""


@dataclass(frozen=True, slots=True)
class InvoicedCustomer:
    """The customer as invoiced; field names are those of the directory's CSV columns."""

    customer_id: int | None
    kind: str  # "person" | "company"
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    legal_form: str = ""
    siret: str = ""
    vat_number: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    address_line1: str = ""
    address_line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    reference: str = ""
    account_number: str = ""
    group: str = ""
    group_discount_bp: int = 0

    @property
    def full_name(self) -> str:
        if self.kind == "company":
            return self.company_name
        return " ".join(p for p in (self.civility, self.first_name, self.last_name) if p)

    @property
    def address_lines(self) -> list[str]:
        """Postal address lines as printed (France without its country line)."""
        lines = [line for line in (self.address_line1, self.address_line2) if line]
        town = " ".join(p for p in (self.postcode, self.city) if p)
        if town:
            lines.append(town)
        if self.country and self.country != "FR":
            lines.append(self.country)
        return lines


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    position: int
    name: str
    quantity: int
    unit_price_cents: int  # including VAT
    vat_rate_bp: int
    gross_cents: int  # quantity × unit price
    discount_cents: int  # the group discount on this line (>= 0)
    total_cents: int  # gross − discount, including VAT
    item_code: str = ""
    category: str = ""
    note: str = ""
    needs_preparation: bool = False


@dataclass(frozen=True, slots=True)
class VatRow:
    rate_bp: int
    base_cents: int  # excluding VAT
    vat_cents: int
    total_cents: int  # including VAT


@dataclass(frozen=True, slots=True)
class Payment:
    method: str  # one of PAYMENT_METHODS
    amount_cents: int  # what this payment settles (cash: given minus change)
    given_cents: int = 0  # cash handed over
    change_cents: int = 0


@dataclass(frozen=True, slots=True)
class Totals:
    gross_cents: int
    discount_cents: int
    total_cents: int  # including VAT
    total_excl_vat_cents: int
    vat_cents: int


@dataclass(frozen=True, slots=True)
class IssuedInvoice:
    number: str  # e.g. F2026-000123; credit notes A2026-000004
    kind: str  # "invoice" | "credit_note"
    issued_at: datetime
    till: str
    cashier: str
    shop: ShopIdentity
    customer: InvoicedCustomer | None
    lines: tuple[InvoiceLine, ...]
    discount_label: str  # "Remise VIP −10 %", or "" without a discount
    vat: tuple[VatRow, ...]
    totals: Totals
    payments: tuple[Payment, ...]
    corrects: str = ""  # a credit note: the number of the invoice it corrects
    previous_hash: str = GENESIS_HASH
    hash: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def content(self) -> dict[str, Any]:
        """Everything the hash covers (all but the hash itself), as plain JSON values."""
        data = asdict(self)
        data.pop("hash")
        data["issued_at"] = self.issued_at.isoformat(timespec="seconds")
        return data

    def canonical_json(self) -> bytes:
        return canonical_json(self.content())

    def compute_hash(self) -> str:
        """SHA-256 over the previous hash and the canonical JSON of this invoice."""
        return chain_hash(self.previous_hash, self.canonical_json())


def canonical_json(value: Any) -> bytes:
    """Sorted keys, fixed separators, UTF-8: the same bytes for the same data, always."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def chain_hash(previous_hash: str, payload: bytes) -> str:
    return hashlib.sha256(previous_hash.encode("ascii") + payload).hexdigest()


def invoice_from_content(data: dict[str, Any], hash_: str) -> IssuedInvoice:
    """Rebuild an invoice from `content()` as stored."""
    customer = data.get("customer")
    return IssuedInvoice(
        number=data["number"],
        kind=data["kind"],
        issued_at=datetime.fromisoformat(data["issued_at"]),
        till=data["till"],
        cashier=data["cashier"],
        shop=ShopIdentity(**data["shop"]),
        customer=InvoicedCustomer(**customer) if customer else None,
        lines=tuple(InvoiceLine(**line) for line in data["lines"]),
        discount_label=data["discount_label"],
        vat=tuple(VatRow(**row) for row in data["vat"]),
        totals=Totals(**data["totals"]),
        payments=tuple(Payment(**p) for p in data["payments"]),
        corrects=data.get("corrects", ""),
        previous_hash=data["previous_hash"],
        hash=hash_,
        extra=dict(data.get("extra", {})),
    )
