"""The outputs of `pos-clients invoice NUMBER`: --pdf, --receipt, --preparation, --print, --email.

The register's `invoice` command adds these options with `add_invoice_output_arguments` and,
once it has the invoice, calls `run_invoice_outputs`; None means no output was asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos_clients.data.database import Database
from pos_clients.documents.escpos import ticket_bytes
from pos_clients.documents.pdf import invoice_pdf
from pos_clients.documents.ticket import preparation_ticket, receipt
from pos_clients.i18n import Text
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.mail.outbox import resend_invoice
from pos_clients.mail.worker import send_due
from pos_clients.print_queue import reprint
from pos_clients.print_worker import print_due
from pos_clients.printing_settings import load_printer, receipt_footer


def add_invoice_output_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("sorties / outputs")
    group.add_argument("--pdf", metavar="FICHIER", help="écrire la facture en PDF / write the PDF")
    group.add_argument(
        "--receipt",
        metavar="FICHIER",
        help="écrire le ticket (octets ESC/POS, DUPLICATA) ; - pour la sortie standard / "
        "write the receipt's ESC/POS bytes (DUPLICATA); - for standard output",
    )
    group.add_argument(
        "--preparation",
        metavar="FICHIER",
        help="écrire le ticket de préparation (ESC/POS) / write the preparation ticket",
    )
    group.add_argument(
        "--print",
        action="store_true",
        help="réimprimer le ticket (DUPLICATA) / reprint the receipt (DUPLICATA)",
    )
    group.add_argument(
        "--email", action="store_true", help="renvoyer la facture par e-mail / email it again"
    )
    group.add_argument(
        "--to", metavar="ADRESSE", help="avec --email : une autre adresse / with --email: another"
    )


def _write(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(target).write_bytes(data)


def _say(text: Text) -> None:
    print(text, file=sys.stderr)


def run_invoice_outputs(
    args: argparse.Namespace, db: Database, invoice: IssuedInvoice
) -> int | None:
    """Do every output asked for; the exit status, or None when none was asked for.

    Raises PosError (bad address, database fault); a printer or mail server that does not
    answer is reported and leaves the job or message waiting (exit status 1).
    """
    wanted = (args.pdf, args.receipt, args.preparation, args.print, args.email)
    if not any(wanted):
        return None
    status = 0
    if args.pdf:
        _write(args.pdf, invoice_pdf(invoice))
    if args.receipt or args.preparation:
        with db.reader() as uow:
            footer = receipt_footer(uow)
            receipt_paper = load_printer(uow, "receipt").paper
            preparation_paper = load_printer(uow, "preparation").paper
        if args.receipt:
            ticket = receipt(invoice, footer=footer, duplicate=True)
            _write(args.receipt, ticket_bytes(ticket, receipt_paper))
        if args.preparation:
            ticket = preparation_ticket(invoice, duplicate=True)
            _write(args.preparation, ticket_bytes(ticket, preparation_paper))
    if args.print:
        with db.uow() as uow:
            reprint(uow, invoice)
        result = print_due(db)
        if result.errors:
            for error in result.errors.values():
                _say(error.text)
            status = 1
        else:
            _say(Text("DUPLICATA imprimé.", "DUPLICATA printed."))
    if args.email:
        with db.uow() as uow:
            message = resend_invoice(uow, invoice, args.to)
        sent = send_due(db)
        if sent.error is not None:
            _say(sent.error.text)
            status = 1
        else:
            _say(
                Text(
                    f"Facture envoyée à {message.recipient}.",
                    f"Invoice sent to {message.recipient}.",
                )
            )
    return status
