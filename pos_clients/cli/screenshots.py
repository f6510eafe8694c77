"""`pos-clients screenshots`: save PNGs of the main screens into docs/screenshots/."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "screenshots",
        help="captures d'écran des écrans principaux (PNG) / screenshots of the main screens",
    )
    parser.add_argument("--out", type=Path, help="dossier des PNG (par défaut docs/screenshots)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue / language")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pos_clients.ui.screenshots import main

    argv = ["--lang", args.lang]
    if args.out:
        argv += ["--out", str(args.out)]
    if args.database:
        argv += ["--database", args.database]
    return main(argv)
