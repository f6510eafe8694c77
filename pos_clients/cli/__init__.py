"""The `pos-clients` command: the app with no subcommand, and the scripting subcommands.

Each module in COMMAND_MODULES adds its subcommands with `register(subparsers)`; a handler
takes the parsed arguments and returns the exit status. Errors of the PosError hierarchy are
printed in the user's language, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from pos_clients import __version__
from pos_clients.errors import PosError

COMMAND_MODULES = (
    "pos_clients.cli.gui",
    "pos_clients.cli.directory",
    "pos_clients.cli.transfer",
    "pos_clients.cli.demo",
    "pos_clients.cli.invoices",
    "pos_clients.cli.items",
    "pos_clients.cli.scanner",
    "pos_clients.cli.outbox",
    "pos_clients.cli.settings",
    "pos_clients.cli.screenshots",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-clients",
        description="Répertoire clients et caisse / customer directory and till.",
    )
    parser.add_argument("--version", action="version", version=f"pos-clients {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="base de données (sqlite:///fichier ou postgresql://…); "
        "par défaut POS_CLIENTS_DATABASE_URL, sinon le fichier SQLite de l'utilisateur",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # What a sale prints and emails, for every command that may check out or resend. Imported
    # here, not at the top: worker processes (CSV checks, verify) import this module again
    # when started from the `pos-clients` script, and need none of it (1.4 s of imports).
    from pos_clients import sale_outputs

    sale_outputs.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        status = int(args.handler(args))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return status
    except PosError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`pos-clients search … | head`): the output ends there, with
        # no traceback. What is still buffered goes nowhere, so that exit does not fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a command killed by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
