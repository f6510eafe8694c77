"""`items list`, `items import FILE`: the item catalogue from a shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pos_clients import items
from pos_clients.data.database import open_database
from pos_clients.formatting import money, percent_bp
from pos_clients.i18n import Text, current_language


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("items", help="catalogue des articles / item catalogue")
    sub = parser.add_subparsers(dest="items_command", metavar="ACTION", required=True)
    lst = sub.add_parser("list", help="lister les articles / list items")
    lst.set_defaults(handler=run_list)
    imp = sub.add_parser("import", help="importer un CSV / import a CSV file")
    imp.add_argument("file", type=Path, metavar="FICHIER")
    imp.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.reader() as uow:
            for it in items.list_items(uow):
                print(
                    f"{it.category or '—'}\t{it.name}\t{money(it.price_cents)}\t"
                    f"TVA {percent_bp(it.vat_rate_bp)}\t{it.code or ''}"
                )
        return 0
    finally:
        db.dispose()


def run_import(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        message = Text(
            f"Impossible de lire {args.file} : {exc.strerror}.",
            f"Cannot read {args.file}: {exc.strerror}.",
        )
        print(message.in_(current_language()), file=sys.stderr)
        return 1
    db = open_database(args.database)
    try:
        with db.uow() as uow:
            report = items.import_csv(uow, text)
    finally:
        db.dispose()
    done = Text(f"{report.created} article(s) importé(s).", f"{report.created} item(s) imported.")
    print(done.in_(current_language()))
    for line, why in report.errors:
        print(f"{args.file}:{line}: {why}", file=sys.stderr)
    return 1 if report.errors else 0
