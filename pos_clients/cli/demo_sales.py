"""`demo-sales --invoices N`: demo items and N past sales (folded into `demo` when merged)."""

from __future__ import annotations

import argparse
from typing import Any

from pos_clients.data.database import open_database
from pos_clients.demo.invoices import make_demo_invoices
from pos_clients.demo.items import make_demo_items


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo-sales", help="articles et ventes de démonstration / demo items and sales"
    )
    parser.add_argument("--invoices", type=int, default=0, metavar="N")
    parser.add_argument("--days", type=int, default=30, help="sur N jours passés / over N days")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        added = make_demo_items(db)
        print(f"Articles ajoutés / items added: {added}")
        if args.invoices:
            made = make_demo_invoices(db, args.invoices, days=args.days)
            print(f"Ventes faites / sales made: {made}")
        return 0
    finally:
        db.dispose()
