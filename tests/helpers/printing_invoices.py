"""Invoices as issued, for the printing and email tests (made as the checkout makes them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pos_clients.invoice_model import (
    InvoicedCustomer,
    InvoiceLine,
    IssuedInvoice,
    Payment,
    ShopIdentity,
    Totals,
    VatRow,
)

SHOP = ShopIdentity(
    name="Boulangerie Saint-Éloi",
    address_line1="12 rue des Rosiers",
    postcode="75004",
    city="Paris",
    phone="01 42 72 00 00",
    email="contact@saint-eloi.example",
    siret="12345678900017",
    vat_number="FR32123456789",
    legal_form="SARL",
    share_capital="10 000 €",
    rcs="Paris B 123 456 789",
)

ZOE = InvoicedCustomer(
    customer_id=7,
    kind="person",
    civility="Mme",
    first_name="Zoë",
    last_name="Lefèvre-Œuvray",
    email="zoe@example.org",
    mobile="+33612345678",
    address_line1="3 rue de l'Église",
    postcode="75004",
    city="Paris",
    reference="2000000000015",
    group="VIP",
    group_discount_bp=1000,
)

ACME = InvoicedCustomer(
    customer_id=9,
    kind="company",
    company_name="Œnologie & Cie",
    legal_form="SAS",
    siret="73282932000074",
    vat_number="FR44732829320",
    contact_name="Bérénice Dupré",
    email="compta@oenologie.example",
    address_line1="8 avenue de l'Opéra",
    postcode="75001",
    city="Paris",
)


def _line(
    position: int,
    name: str,
    quantity: int,
    unit: int,
    vat_bp: int,
    discount_bp: int,
    **extra: Any,
) -> InvoiceLine:
    gross = quantity * unit
    discount = gross * discount_bp // 10_000
    return InvoiceLine(
        position=position,
        name=name,
        quantity=quantity,
        unit_price_cents=unit,
        vat_rate_bp=vat_bp,
        gross_cents=gross,
        discount_cents=discount,
        total_cents=gross - discount,
        **extra,
    )


def _vat_rows(lines: tuple[InvoiceLine, ...]) -> tuple[VatRow, ...]:
    rows = []
    for rate in sorted({line.vat_rate_bp for line in lines}):
        total = sum(line.total_cents for line in lines if line.vat_rate_bp == rate)
        base = (2 * total * 10_000 + 10_000 + rate) // (2 * (10_000 + rate))
        rows.append(VatRow(rate, base, total - base, total))
    return tuple(rows)


def zoe_invoice(
    number: str = "F2026-000123",
    customer: InvoicedCustomer | None = ZOE,
    **changes: Any,
) -> IssuedInvoice:
    """Mme Zoë Lefèvre-Œuvray (VIP −10 %), bread at 5,5 % and a cake to prepare at 20 %, paid
    in cash with change."""
    discount_bp = customer.group_discount_bp if customer else 0
    lines = (
        _line(1, "Baguette tradition", 3, 130, 550, discount_bp, item_code="B01"),
        _line(
            2,
            "Fraisier 6 parts « maison »",
            1,
            3200,
            2000,
            discount_bp,
            category="Pâtisserie",
            note="Écrire « Joyeux anniversaire Léa »",
            needs_preparation=True,
        ),
        _line(3, "Café crème", 2, 250, 1000, discount_bp),
    )
    vat = _vat_rows(lines)
    gross = sum(line.gross_cents for line in lines)
    discount = sum(line.discount_cents for line in lines)
    total = gross - discount
    excl = sum(row.base_cents for row in vat)
    given = ((total // 1000) + 1) * 1000
    invoice = IssuedInvoice(
        number=number,
        kind="invoice",
        issued_at=datetime(2026, 11, 28, 9, 42, 5),
        till="Caisse 1",
        cashier="Julie",
        shop=SHOP,
        customer=customer,
        lines=lines,
        discount_label="Remise VIP −10 %" if discount else "",
        vat=vat,
        totals=Totals(gross, discount, total, excl, total - excl),
        payments=(Payment("cash", total, given_cents=given, change_cents=given - total),),
    )
    invoice = replace(invoice, **changes)
    return replace(invoice, hash=invoice.compute_hash())


def company_invoice(number: str = "F2026-000124") -> IssuedInvoice:
    """The same sale to a company (B2B mentions, SIREN and VAT number), paid by card."""
    invoice = zoe_invoice(number, customer=ACME)
    card = Payment("card", invoice.totals.total_cents)
    invoice = replace(invoice, payments=(card,))
    return replace(invoice, hash=invoice.compute_hash())
