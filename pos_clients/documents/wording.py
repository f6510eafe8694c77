"""What every printed document says the same way: amounts, dates, payments, parties.

Printed documents are in French whatever the interface language: they are the shop's legal
papers, handed to French customers (an invoice must be written in French in France).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from pos_clients.formatting import money as _money
from pos_clients.formatting import percent_bp
from pos_clients.invoice_model import InvoicedCustomer, InvoiceLine, ShopIdentity

SHOP_TIMEZONE = ZoneInfo("Europe/Paris")

PAYMENT_LABELS = {
    "cash": "Espèces",
    "card": "Carte bancaire",
    "cheque": "Chèque",
    "account": "Compte client",
}

# Babel's French money has no-break spaces; paper columns want plain ones.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def money(cents: int) -> str:
    """`123456` → `1 234,56 €`, with plain spaces (columns on paper count them).

    Written out rather than asked of babel: a receipt formats dozens of amounts and must stay
    within a few milliseconds; `test_money_matches_babel` keeps both in agreement.
    """
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", " ")
    return f"{sign}{grouped},{rest:02d} €"


def babel_money(cents: int) -> str:
    """The same amount as babel writes it in French (the reference of `money`)."""
    return _money(cents, "fr").translate(_SPACES)


@cache
def rate(rate_bp: int) -> str:
    """`550` → `5,5 %`."""
    return percent_bp(rate_bp, "fr").translate(_SPACES)


def local_time(issued_at: datetime) -> datetime:
    """The shop's wall-clock time of a naive-UTC timestamp."""
    return issued_at.replace(tzinfo=UTC).astimezone(SHOP_TIMEZONE)


def date_fr(issued_at: datetime) -> str:
    return local_time(issued_at).strftime("%d/%m/%Y")


def time_fr(issued_at: datetime) -> str:
    return local_time(issued_at).strftime("%H:%M")


def payment_label(method: str) -> str:
    return PAYMENT_LABELS.get(method, method)


def shop_lines(shop: ShopIdentity) -> list[str]:
    """The shop's address and contact lines under its name."""
    lines = [line for line in (shop.address_line1, shop.address_line2) if line]
    town = " ".join(p for p in (shop.postcode, shop.city) if p)
    if town:
        lines.append(town)
    if shop.phone:
        lines.append(f"Tél. {shop.phone}")
    return lines


def shop_legal_lines(shop: ShopIdentity) -> list[str]:
    """SIRET, VAT number and company details, as each is known."""
    lines = []
    company = " ".join(
        p
        for p in (
            shop.legal_form,
            f"au capital de {shop.share_capital}" if shop.share_capital else "",
        )
        if p
    )
    if company:
        lines.append(company)
    if shop.siret:
        lines.append(f"SIRET {shop.siret}")
    if shop.rcs:
        lines.append(f"RCS {shop.rcs}")
    if shop.vat_number:
        lines.append(f"TVA intracom. {shop.vat_number}")
    return lines


def customer_name_lines(customer: InvoicedCustomer) -> list[str]:
    """Civility and name, or the company then its contact."""
    if customer.kind == "company":
        lines = [customer.company_name]
        if customer.contact_name:
            lines.append(customer.contact_name)
        return [line for line in lines if line]
    return [customer.full_name] if customer.full_name else []


def customer_ids(customer: InvoicedCustomer) -> list[str]:
    """A company's SIREN and VAT number (buyer identification on a B2B invoice)."""
    lines = []
    if customer.kind == "company" and customer.siret:
        lines.append(f"SIREN {customer.siret[:9]}")
    if customer.vat_number:
        lines.append(f"TVA intracom. {customer.vat_number}")
    return lines


def excl_vat(amount_incl_cents: int, rate_bp: int) -> int:
    """The amount excluding VAT of an amount including it, rounded half up to the cent."""
    divisor = 10_000 + rate_bp
    numerator = amount_incl_cents * 10_000
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + divisor) // (2 * divisor))


def quantity_line(line: InvoiceLine) -> str:
    """`2 x Croissant` (the quantity only when it is not 1)."""
    return line.name if line.quantity == 1 else f"{line.quantity} x {line.name}"
