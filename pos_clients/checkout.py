"""Checkout (R4): a paid ticket becomes an invoice, in one transaction, with the sale hooks.

`checkout()` prices the ticket, checks that the tenders cover it, copies the shop and the
customer as they are (H2), issues the invoice into the chain (numbering, hash, closings),
runs the sale hooks (email outbox, print queue) and commits once.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import datetime

from pos_clients import invoices
from pos_clients.closings import utc_now
from pos_clients.customers import Customer
from pos_clients.data.database import UnitOfWork
from pos_clients.errors import PosError
from pos_clients.formatting import money
from pos_clients.i18n import Text
from pos_clients.invoice_model import InvoicedCustomer, IssuedInvoice, ShopIdentity
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.shop_settings import load_shop_settings
from pos_clients.tickets import Tender, Ticket, settle


def this_till() -> str:
    """The name of this till (POS_CLIENTS_TILL, else the machine's name)."""
    return os.environ.get("POS_CLIENTS_TILL") or socket.gethostname()[:60] or "Caisse"


def customer_on_ticket(customer: Customer) -> InvoicedCustomer:
    """The customer as they will be invoiced: a copy of what the directory holds now."""
    return InvoicedCustomer(
        customer_id=customer.id,
        kind=customer.kind,
        civility=customer.civility,
        first_name=customer.first_name,
        last_name=customer.last_name,
        company_name=customer.company_name,
        legal_form=customer.legal_form,
        siret=customer.siret,
        vat_number=customer.vat_number,
        contact_name=customer.contact_name,
        email=customer.email or "",
        phone=customer.phone or "",
        mobile=customer.mobile or "",
        address_line1=customer.address_line1,
        address_line2=customer.address_line2,
        postcode=customer.postcode,
        city=customer.city,
        country=customer.country,
        reference=customer.reference or "",
        account_number=customer.account_number or "",
        group=customer.group_name or "",
        group_discount_bp=customer.group_discount_bp,
    )


def shop_identity(uow: UnitOfWork) -> ShopIdentity:
    s = load_shop_settings(uow)
    return ShopIdentity(
        name=s.name,
        address_line1=s.address_line1,
        address_line2=s.address_line2,
        postcode=s.postcode,
        city=s.city,
        country=s.country,
        phone=s.phone,
        email=s.email,
        siret=s.siret,
        vat_number=s.vat_number,
        legal_form=s.legal_form,
        share_capital=s.share_capital,
        rcs=s.rcs,
    )


def issue_sale(
    uow: UnitOfWork,
    ticket: Ticket,
    tenders: Sequence[Tender],
    *,
    till: str | None = None,
    cashier: str = "",
    options: SaleOptions | None = None,
    at: datetime | None = None,
    shop: ShopIdentity | None = None,
) -> IssuedInvoice:
    """Turn a paid ticket into an invoice inside the caller's transaction (no commit).

    `shop` is the shop identity to print (read from the settings when not given).

    Raises PosError when the ticket is empty or not fully paid (nothing is written), and
    whatever a sale hook raises (the whole sale is then cancelled).
    """
    if not ticket.lines:
        raise PosError(Text("Le ticket est vide.", "The ticket is empty."))
    priced = ticket.priced()
    settlement = settle(priced.total_cents, tenders)
    if not settlement.is_paid:
        raise PosError(
            Text(
                f"Il reste {money(settlement.remaining_cents, 'fr')} à payer.",
                f"{money(settlement.remaining_cents, 'en')} remains to be paid.",
            )
        )
    draft = IssuedInvoice(
        number="",
        kind="invoice",
        issued_at=at or utc_now(),
        till=till or this_till(),
        cashier=cashier,
        shop=shop or shop_identity(uow),
        customer=ticket.customer,
        lines=priced.lines,
        discount_label=priced.discount_label,
        vat=priced.vat,
        totals=priced.totals,
        payments=settlement.payments,
    )
    invoice = invoices.issue(uow, draft)
    run_hooks(uow, invoice, options or SaleOptions())
    return invoice


def checkout(
    uow: UnitOfWork,
    ticket: Ticket,
    tenders: Sequence[Tender],
    *,
    till: str | None = None,
    cashier: str = "",
    options: SaleOptions | None = None,
    at: datetime | None = None,
) -> IssuedInvoice:
    """Turn a paid ticket into an invoice and commit; return the invoice as issued.

    Raises PosError when the ticket is empty or not fully paid (nothing is written), and
    whatever a sale hook raises (the whole sale is then cancelled).
    """
    invoice = issue_sale(uow, ticket, tenders, till=till, cashier=cashier, options=options, at=at)
    uow.commit()
    return invoice
