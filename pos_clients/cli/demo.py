"""`pos-clients demo`: fill the database with a realistic French shop, part after part."""

from __future__ import annotations

import argparse
from typing import Any

from pos_clients.cli.common import open_db, progress_bar, say
from pos_clients.demo import parts
from pos_clients.i18n import Text


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo", help="données de démonstration / demo data"
    )
    for part in parts():
        part.add_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        for part in parts():
            with progress_bar(Text("Démonstration", "Demo")) as progress:
                summary = part.fill(db, args, progress)
            if summary is not None:
                say(summary)
    finally:
        db.dispose()
    return 0
