"""The invoice email: the shop's French template filled in, the PDF attached, a fixed Message-ID."""

from __future__ import annotations

import secrets
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Any

from pos_clients.documents import wording as w
from pos_clients.documents.pdf import invoice_file_name, invoice_pdf
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.mail.settings import SmtpSettings


class _Template(dict[str, Any]):
    """Leaves an unknown `{zone}` as written instead of failing at send time."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def new_message_id(invoice: IssuedInvoice) -> str:
    """A Message-ID made once, when the email enters the outbox, and kept for every retry."""
    domain = invoice.shop.email.rpartition("@")[2] or "pos-clients.invalid"
    return f"<facture.{invoice.number}.{secrets.token_hex(8)}@{domain}>"


def fill(template: str, invoice: IssuedInvoice) -> str:
    customer = invoice.customer
    values = _Template(
        client=customer.full_name if customer else "",
        numero=invoice.number,
        date=w.date_fr(invoice.issued_at),
        montant=w.money(invoice.totals.total_cents),
        boutique=invoice.shop.name,
    )
    return template.format_map(values)


def invoice_message(
    settings: SmtpSettings, invoice: IssuedInvoice, recipient: str, message_id: str
) -> EmailMessage:
    """The email carrying `invoice` as a PDF to `recipient`."""
    message = EmailMessage()
    message["From"] = formataddr(
        (settings.sender_name or invoice.shop.name, settings.sender_address)
    )
    message["To"] = recipient
    message["Subject"] = fill(settings.subject, invoice).replace("\n", " ")
    message["Message-ID"] = message_id
    message["Date"] = formatdate(localtime=True)  # when it leaves; the Message-ID stays
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(fill(settings.body, invoice))
    message.add_attachment(
        invoice_pdf(invoice),
        maintype="application",
        subtype="pdf",
        filename=invoice_file_name(invoice),
    )
    return message


def test_message(settings: SmtpSettings, recipient: str) -> EmailMessage:
    """The message of the « Envoyer un message d'essai » button."""
    message = EmailMessage()
    message["From"] = formataddr((settings.sender_name, settings.sender_address))
    message["To"] = recipient
    message["Subject"] = "POS Clients : message d'essai"
    message.set_content(
        "Ce message d'essai confirme que les réglages d'envoi des factures fonctionnent.\n"
    )
    return message
