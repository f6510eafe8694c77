"""`pos-clients outbox [--json]`, `outbox send`, `outbox retry ID [--to ADDRESS]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pos_clients.data.database import open_database
from pos_clients.i18n import Text, current_language
from pos_clients.mail.outbox import STATE_NAMES, STATES, list_outbox, retry_message
from pos_clients.mail.worker import send_due


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "outbox",
        help="e-mails en attente, envoyés, en échec / emails pending, sent, failed",
    )
    parser.add_argument("--json", action="store_true", help="sortie JSON / JSON output")
    parser.add_argument("--state", choices=STATES, help="un seul état / one state only")
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(dest="outbox_action", metavar="ACTION")
    send = actions.add_parser(
        "send", help="envoyer ce qui est dû, puis quitter / send what is due, then exit"
    )
    send.set_defaults(handler=run_send)
    retry = actions.add_parser(
        "retry", help="renvoyer un message en échec / send a failed message again"
    )
    retry.add_argument("id", type=int)
    retry.add_argument("--to", metavar="ADRESSE", help="adresse corrigée / corrected address")
    retry.set_defaults(handler=run_retry)


def _stamp(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def run_list(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.reader() as uow:
            messages = list_outbox(uow, states=(args.state,) if args.state else ())
    finally:
        db.dispose()
    if args.json:
        rows = [
            {
                "id": m.id,
                "invoice": m.invoice_number,
                "recipient": m.recipient,
                "state": m.state,
                "attempts": m.attempts,
                "created_at": _stamp(m.created_at),
                "next_attempt_at": _stamp(m.next_attempt_at) if m.state == "pending" else None,
                "sent_at": _stamp(m.sent_at),
                "error": m.last_error,
                "message_id": m.message_id,
            }
            for m in messages
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not messages:
        print(Text("La boîte d'envoi est vide.", "The outbox is empty."))
        return 0
    language = current_language()
    for m in messages:
        state = STATE_NAMES[m.state].in_(language)
        print(f"{m.id:>6}  {m.invoice_number:<14} {state:<11} {m.recipient}")
        if m.last_error:
            print(f"        {m.last_error}")
    return 0


def run_send(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        result = send_due(db)
    finally:
        db.dispose()
    print(
        Text(
            f"{result.sent} envoyé(s), {result.failed} refusé(s), {result.deferred} reporté(s).",
            f"{result.sent} sent, {result.failed} refused, {result.deferred} put off.",
        )
    )
    if result.error is not None:
        print(result.error.message(), file=sys.stderr)
        return 1
    return 0


def run_retry(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.uow() as uow:
            message = retry_message(uow, args.id, args.to)
        result = send_due(db)
    finally:
        db.dispose()
    if result.error is not None:
        print(result.error.message(), file=sys.stderr)
        return 1
    print(Text(f"Message envoyé à {message.recipient}.", f"Message sent to {message.recipient}."))
    return 0
