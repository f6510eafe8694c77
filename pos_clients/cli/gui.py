"""`pos-clients gui`: the window (also what `pos-clients` alone starts)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "gui", help="ouvrir la fenêtre (par défaut) / open the window"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pos_clients.ui.app import run_app

    return run_app(args.database)
