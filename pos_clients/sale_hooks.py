"""What else happens, in the same transaction, when a sale becomes an invoice.

The checkout service calls every registered hook after it has written the invoice and before
it commits, so that the email outbox and the print queue are written atomically with the
invoice (DESIGN.md: nothing is lost between the commit and the send). A hook must be quick
(no network, no device) and may raise only PosError, which cancels the whole sale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_clients.data.database import UnitOfWork
from pos_clients.invoice_model import IssuedInvoice


@dataclass(frozen=True, slots=True)
class SaleOptions:
    """Choices made at the till for one sale."""

    print_receipt: bool = True  # False: « pas de ticket »
    print_preparation: bool = True
    email_invoice: bool = True  # D4: only applies when the customer has an email


InvoiceHook = Callable[[UnitOfWork, IssuedInvoice, SaleOptions], None]

_hooks: list[InvoiceHook] = []


def on_invoice_issued(hook: InvoiceHook) -> InvoiceHook:
    """Register `hook` (usable as a decorator); registering twice is a no-op."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def run_hooks(uow: UnitOfWork, invoice: IssuedInvoice, options: SaleOptions) -> None:
    """Called by the checkout inside its transaction, before commit."""
    for hook in list(_hooks):
        hook(uow, invoice, options)


def registered() -> tuple[InvoiceHook, ...]:
    return tuple(_hooks)
