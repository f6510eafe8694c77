"""The email outbox (M3): written with the invoice, read by the worker, shown in the History.

`queue_sale_email` is a sale hook: inside the checkout transaction it writes one row per
invoice whose customer has an email, with the invoice's content JSON and a Message-ID made
once. Nothing here talks to a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update

from pos_clients.clock import utcnow
from pos_clients.customer_fields import FieldError, clean_email
from pos_clients.data.database import UnitOfWork
from pos_clients.data.outbox_tables import email_outbox_table as outbox
from pos_clients.documents.payload import invoice_from_payload, invoice_payload
from pos_clients.errors import NotFoundError, PosError, ValidationError
from pos_clients.i18n import Text
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.mail.message import new_message_id
from pos_clients.sale_hooks import SaleOptions

STATES = ("pending", "sent", "failed")
STATE_NAMES = {
    "pending": Text("en attente", "pending"),
    "sent": Text("envoyé", "sent"),
    "failed": Text("échec", "failed"),
}


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    id: int
    created_at: datetime
    invoice_number: str
    recipient: str
    message_id: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    sent_at: datetime | None


def _message(row: Row[Any]) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        created_at=row.created_at,
        invoice_number=row.invoice_number,
        recipient=row.recipient,
        message_id=row.message_id,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )


def _checked_address(address: str) -> str:
    try:
        cleaned = clean_email(address)
    except FieldError as exc:
        raise ValidationError({"email": exc.text}) from None
    if not cleaned:
        raise ValidationError(
            {"email": Text("Indiquez une adresse e-mail.", "Enter an email address.")}
        )
    return cleaned


def queue_invoice_email(uow: UnitOfWork, invoice: IssuedInvoice, recipient: str) -> int:
    """Write one invoice email into the outbox (the caller commits); returns its id."""
    now = utcnow()
    result = uow.session.execute(
        outbox.insert().returning(outbox.c.id),
        {
            "created_at": now,
            "kind": "invoice",
            "invoice_number": invoice.number,
            "recipient": recipient,
            "message_id": new_message_id(invoice),
            "payload": invoice_payload(invoice),
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "last_error": "",
        },
    )
    return int(result.scalar_one())


def queue_sale_email(uow: UnitOfWork, invoice: IssuedInvoice, options: SaleOptions) -> None:
    """Sale hook (D4): the invoice goes by email when the customer has an email."""
    customer = invoice.customer
    if options.email_invoice and customer is not None and customer.email:
        queue_invoice_email(uow, invoice, customer.email)


def resend_invoice(
    uow: UnitOfWork, invoice: IssuedInvoice, recipient: str | None = None
) -> OutboxMessage:
    """Queue the invoice again (from the History), to `recipient` or the customer; commit.

    Raises ValidationError for a missing or malformed address.
    """
    address = recipient or (invoice.customer.email if invoice.customer else "")
    message_id = queue_invoice_email(uow, invoice, _checked_address(address))
    uow.commit()
    return get_message(uow, message_id)


def retry_message(uow: UnitOfWork, message_id: int, recipient: str | None = None) -> OutboxMessage:
    """Send a failed (or waiting) message again now, to a corrected address if given; commit.

    Raises NotFoundError, ValidationError, or PosError when it was already sent.
    """
    message = get_message(uow, message_id)
    if message.state == "sent":
        raise PosError(
            Text(
                "Ce message est déjà parti : utilisez « Renvoyer la facture ».",
                "This message has already gone: use “Send the invoice again”.",
            )
        )
    values: dict[str, Any] = {
        "state": "pending",
        "next_attempt_at": utcnow(),
        "last_error": "",
        "claimed_by": None,
        "claimed_until": None,
    }
    if recipient is not None:
        values["recipient"] = _checked_address(recipient)
    uow.session.execute(update(outbox).where(outbox.c.id == message_id).values(**values))
    uow.commit()
    return get_message(uow, message_id)


def get_message(uow: UnitOfWork, message_id: int) -> OutboxMessage:
    row = uow.session.execute(select(outbox).where(outbox.c.id == message_id)).one_or_none()
    if row is None:
        raise NotFoundError(
            Text(f"Le message {message_id} n'existe pas.", f"No message {message_id}.")
        )
    return _message(row)


def list_outbox(
    uow: UnitOfWork,
    *,
    states: tuple[str, ...] = (),
    invoice_number: str | None = None,
    limit: int = 200,
) -> list[OutboxMessage]:
    """The newest messages first, optionally of some states or of one invoice."""
    query = select(outbox).order_by(outbox.c.id.desc()).limit(limit)
    if states:
        query = query.where(outbox.c.state.in_(states))
    if invoice_number is not None:
        query = query.where(outbox.c.invoice_number == invoice_number)
    return [_message(row) for row in uow.session.execute(query)]


def outbox_counts(uow: UnitOfWork) -> dict[str, int]:
    counts = dict.fromkeys(STATES, 0)
    query = select(outbox.c.state, func.count()).group_by(outbox.c.state)
    for state, count in uow.session.execute(query):
        counts[state] = int(count)
    return counts


def message_invoice(payload: str) -> IssuedInvoice:
    return invoice_from_payload(payload)
