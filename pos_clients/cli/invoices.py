"""`invoices list`, `invoice NUMBER`, `close-day`, `verify`: the invoice history from a shell.

`invoice NUMBER` also writes the PDF, the receipt or preparation bytes, reprints or resends
(the options of `pos_clients.cli.invoice_outputs`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from pos_clients import closings, invoices
from pos_clients.cli.invoice_outputs import add_invoice_output_arguments, run_invoice_outputs
from pos_clients.data.database import open_database
from pos_clients.folding import fold
from pos_clients.formatting import money
from pos_clients.i18n import Text, current_language
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.invoice_text import invoice_json, invoice_text, local_stamp
from pos_clients.verify import verify


def _day(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date invalide / invalid date: {text} (AAAA-MM-JJ)")


def register(subparsers: Any) -> None:
    listing = subparsers.add_parser("invoices", help="historique des factures / invoice history")
    listing_sub = listing.add_subparsers(dest="invoices_command", metavar="ACTION", required=True)
    lst = listing_sub.add_parser("list", help="lister les factures / list invoices")
    lst.add_argument("--from", dest="date_from", type=_day, metavar="DATE")
    lst.add_argument("--to", dest="date_to", type=_day, metavar="DATE")
    lst.add_argument("--customer", default="", help="client facturé / customer as invoiced")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_list)

    one = subparsers.add_parser(
        "invoice", help="une facture telle qu'émise / one invoice as issued"
    )
    one.add_argument("number", metavar="NUMERO")
    one.add_argument("--json", action="store_true")
    add_invoice_output_arguments(one)
    one.set_defaults(handler=run_invoice)

    close = subparsers.add_parser("close-day", help="clôturer la journée / close the day")
    close.set_defaults(handler=run_close_day)

    check = subparsers.add_parser(
        "verify", help="vérifier l'historique inaltérable / verify the unalterable history"
    )
    check.set_defaults(handler=run_verify)


def _say(text: Text) -> str:
    return text.in_(current_language())


def run_list(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.reader() as uow:
            if args.json:
                sys.stdout.write("[")
                first = True
                for inv in invoices.iter_invoices(
                    uow, date_from=args.date_from, date_to=args.date_to
                ):
                    if args.customer and not _customer_matches(inv, args.customer):
                        continue
                    sys.stdout.write(
                        ("\n" if first else ",\n")
                        + json.dumps(invoice_json(inv), ensure_ascii=False)
                    )
                    first = False
                sys.stdout.write("\n]\n")
                return 0
            rows = invoices.list_invoices(
                uow,
                date_from=args.date_from,
                date_to=args.date_to,
                customer=args.customer,
                limit=1_000_000,
            )
        for row in reversed(rows):
            print(
                f"{row.number}\t{local_stamp(row.issued_at)}\t{money(row.total_cents)}\t"
                f"{row.customer_name or '—'}" + (f"\t→ {row.corrects}" if row.corrects else "")
            )
        return 0
    finally:
        db.dispose()


def _customer_matches(invoice: IssuedInvoice, query: str) -> bool:
    if invoice.customer is None:
        return False
    hay = fold(f"{invoice.customer.full_name} {invoice.customer.company_name}")
    return all(word in hay for word in fold(query).split())


def run_invoice(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.reader() as uow:
            invoice = invoices.get_invoice(uow, args.number)
        status = run_invoice_outputs(args, db, invoice)
        if status is not None:
            return status
        if args.json:
            print(json.dumps(invoice_json(invoice), ensure_ascii=False, indent=2))
        else:
            print(invoice_text(invoice))
        return 0
    finally:
        db.dispose()


def run_close_day(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.uow() as uow:
            made = closings.close_day(uow)
        if not made:
            print(
                _say(
                    Text(
                        "Rien à clôturer : aucune vente depuis la dernière clôture.",
                        "Nothing to close: no sale since the last closing.",
                    )
                )
            )
        for c in made:
            kind = _say(
                Text("Clôture journalière", "Daily closing")
                if c.kind == "day"
                else Text("Clôture mensuelle", "Monthly closing")
            )
            print(
                f"{kind} {c.period} : {c.invoice_count} ({c.first_number} → {c.last_number}), "
                f"{money(c.total_cents)} ; total perpétuel {money(c.grand_total_cents)}"
            )
        return 0
    finally:
        db.dispose()


def run_verify(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        report = verify(db)
    finally:
        db.dispose()
    if report.ok:
        print(
            _say(
                Text(
                    f"Historique intact : {report.invoices} facture(s) et "
                    f"{report.closings} clôture(s) vérifiées.",
                    f"History intact: {report.invoices} invoice(s) and "
                    f"{report.closings} closing(s) verified.",
                )
            )
        )
        return 0
    for text in report.problems:
        print(_say(text), file=sys.stderr)
    return 1
