"""`pos-clients settings show` and `settings set KEY VALUE`: printers, receipt footer, SMTP, shop.

Keys: `printer.receipt.url|profile|columns|codepage` (and `printer.preparation.*`),
`receipt.footer`, `smtp.host|port|security|user|sender_name|sender_address|subject|body`,
`smtp.password` (kept in the system keyring; `-` reads it from standard input), `shop.*`,
and `till.NAME.printer.receipt.*` for a till with printers of its own.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import fields, replace
from typing import Any

from sqlalchemy import select

from pos_clients.data.database import Database, UnitOfWork, open_database
from pos_clients.data.tables import setting_table
from pos_clients.errors import PosError
from pos_clients.i18n import Text
from pos_clients.mail.settings import (
    SmtpSettings,
    check_smtp_value,
    load_smtp,
    set_smtp_password,
    smtp_password,
)
from pos_clients.printing_settings import (
    FOOTER_KEY,
    PRINTER_ROLES,
    PrinterSettings,
    load_printer,
    receipt_footer,
    save_printer,
)
from pos_clients.shop_settings import (
    ShopSettings,
    load_shop_settings,
    save_shop_settings,
    set_setting,
)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "settings", help="réglages des imprimantes et de l'e-mail / printer and email settings"
    )
    actions = parser.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="afficher les réglages / show the settings")
    show.add_argument("--json", action="store_true", help="sortie JSON / JSON output")
    show.set_defaults(handler=run_show)
    set_ = actions.add_parser("set", help="changer un réglage / change a setting")
    set_.add_argument("key", metavar="CLÉ")
    set_.add_argument("value", metavar="VALEUR")
    set_.set_defaults(handler=run_set)


def known_keys() -> list[str]:
    keys = [f"printer.{role}.{f.name}" for role in PRINTER_ROLES for f in fields(PrinterSettings)]
    keys.append(FOOTER_KEY)
    keys += [f"smtp.{f.name}" for f in fields(SmtpSettings)] + ["smtp.password"]
    keys += [f"shop.{f.name}" for f in fields(ShopSettings)]
    keys.append("till.NOM.printer.receipt.url (…)")
    return keys


def current_settings(uow: UnitOfWork) -> dict[str, str]:
    """Every setting as text, the SMTP password shown only as set or not."""
    values: dict[str, str] = {}
    for role in PRINTER_ROLES:
        printer = load_printer(uow, role)
        for f in fields(PrinterSettings):
            values[f"printer.{role}.{f.name}"] = str(getattr(printer, f.name))
    values[FOOTER_KEY] = receipt_footer(uow)
    smtp = load_smtp(uow)
    for f in fields(SmtpSettings):
        values[f"smtp.{f.name}"] = str(getattr(smtp, f.name))
    has_password = smtp_password(smtp) is not None
    values["smtp.password"] = "(trousseau / keyring)" if has_password else ""
    shop = load_shop_settings(uow)
    for f in fields(ShopSettings):
        values[f"shop.{f.name}"] = str(getattr(shop, f.name))
    own = uow.session.execute(
        select(setting_table.c.key, setting_table.c.value)
        .where(setting_table.c.key.startswith("till."))
        .order_by(setting_table.c.key)
    )
    for key, value in own:
        values[key] = value
    return values


def _unknown(key: str) -> PosError:
    keys = ", ".join(known_keys())
    return PosError(
        Text(
            f"Réglage inconnu « {key} ». Réglages : {keys}.",
            f"Unknown setting “{key}”. Settings: {keys}.",
        )
    )


def apply_setting(db: Database, key: str, value: str) -> None:
    """Check and store one setting. Raises ValidationError or PosError (unknown key)."""
    section, _, name = key.partition(".")
    till: str | None = None
    if section == "till":
        # till.NAME.printer.ROLE.FIELD: a till's own printers (NAME may contain dots).
        head, _, printer_key = name.rpartition(".printer.")
        if not head or not printer_key:
            raise _unknown(key)
        till, section, name = head, "printer", printer_key
    if key == "smtp.password":
        with db.reader() as uow:
            smtp = load_smtp(uow)
        # Asked outside any transaction: the database is not locked while someone types.
        set_smtp_password(smtp, getpass.getpass("Mot de passe SMTP : ") if value == "-" else value)
        return
    with db.uow() as uow:
        if section == "printer":
            role, _, field = name.partition(".")
            if role not in PRINTER_ROLES or field not in {f.name for f in fields(PrinterSettings)}:
                raise _unknown(key)
            current = load_printer(uow, role, till)
            # A non-number stays text, and the check says what is wrong with it.
            typed: str | int = int(value) if field == "columns" and value.isdigit() else value
            changed = replace(current, **{field: typed})  # type: ignore[arg-type]
            save_printer(uow, role, changed, till)
        elif key == FOOTER_KEY:
            set_setting(uow, FOOTER_KEY, value.replace("\\n", "\n"))
            uow.commit()
        elif section == "smtp" and name in {f.name for f in fields(SmtpSettings)}:
            checked = check_smtp_value(name, value.replace("\\n", "\n"))
            set_setting(uow, key, str(checked))
            uow.commit()
        elif section == "shop" and name in {f.name for f in fields(ShopSettings)}:
            save_shop_settings(uow, replace(load_shop_settings(uow), **{name: value.strip()}))
        else:
            raise _unknown(key)


def run_show(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        with db.reader() as uow:
            values = current_settings(uow)
    finally:
        db.dispose()
    if args.json:
        json.dump(values, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    width = max(len(key) for key in values)
    for key, value in values.items():
        shown = value.replace("\n", "\\n")
        print(f"{key:<{width}}  {shown}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    db = open_database(args.database)
    try:
        apply_setting(db, args.key, args.value)
    finally:
        db.dispose()
    return 0
