"""The receipt and preparation printers' settings (URL, profile, columns, code page), checked.

Kept in the shared settings table: the shop's printers under `printer.receipt.*` and
`printer.preparation.*`; a till with printers of its own (several tills in one shop) under
`till.NAME.printer.receipt.*`, which then replace the shop's for that till's tickets. The
receipt footer is `receipt.footer`. The command line (`pos-clients settings`) sees the same.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from escpos.capabilities import get_profile
from sqlalchemy import select

from pos_clients.data.database import UnitOfWork
from pos_clients.data.tables import setting_table
from pos_clients.documents.escpos import DEFAULT_CODEPAGE, DEFAULT_PROFILE, Paper
from pos_clients.documents.ticket import COLUMN_CHOICES
from pos_clients.errors import ValidationError
from pos_clients.hardware.printers import parse_printer_url
from pos_clients.i18n import Text
from pos_clients.shop_settings import get_setting, set_setting

PRINTER_ROLES = ("receipt", "preparation")
ROLE_NAMES = {
    "receipt": Text("imprimante de tickets", "receipt printer"),
    "preparation": Text("imprimante de préparation", "preparation printer"),
}
FOOTER_KEY = "receipt.footer"
PROFILES = ("default", "simple", "TM-T88V", "TM-T88IV", "TM-T20II", "TSP600", "POS-5890")


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    """One printer of the till; an empty URL means none."""

    url: str = ""
    profile: str = DEFAULT_PROFILE
    columns: int = 42
    codepage: str = DEFAULT_CODEPAGE

    @property
    def paper(self) -> Paper:
        return Paper(self.profile, self.columns, self.codepage)

    @property
    def configured(self) -> bool:
        return bool(self.url)


def other_role(role: str) -> str:
    return "preparation" if role == "receipt" else "receipt"


def _invalid(field: str, fr: str, en: str) -> ValidationError:
    return ValidationError({field: Text(fr, en)})


def check_printer_value(name: str, value: str) -> str | int:
    """The checked value of one printer setting (`url`, `profile`, `columns`, `codepage`).

    Raises ValidationError saying what is wrong.
    """
    value = value.strip()
    if name == "url":
        if value and value.lower() not in ("none", "aucune"):
            parse_printer_url(value)
            return value
        return ""
    if name == "columns":
        if not value.isdigit() or int(value) not in COLUMN_CHOICES:
            choices = ", ".join(map(str, COLUMN_CHOICES))
            raise _invalid(
                "columns",
                f"Nombre de colonnes « {value} » invalide : {choices}.",
                f"Invalid number of columns “{value}”: {choices}.",
            )
        return int(value)
    if name == "profile":
        try:
            get_profile(value)
        except Exception:
            raise _invalid(
                "profile",
                f"Profil d'imprimante « {value} » inconnu (par exemple : {', '.join(PROFILES)}).",
                f"Unknown printer profile “{value}” (for example: {', '.join(PROFILES)}).",
            ) from None
        return value
    if name == "codepage":
        code = value.upper()
        if code not in codepages_of(DEFAULT_PROFILE):
            raise _invalid(
                "codepage",
                f"Page de code « {value} » inconnue (CP858 imprime € et les accents).",
                f"Unknown code page “{value}” (CP858 prints € and accents).",
            )
        return code
    raise _invalid(
        "key", f"Réglage d'imprimante inconnu : {name}.", f"Unknown printer setting: {name}."
    )


def codepages_of(profile: str) -> list[str]:
    """The code pages a printer profile knows (those it can really print, not 'Unknown')."""
    return [c for c in get_profile(profile).get_code_pages() if c != "Unknown"]


def _prefix(role: str, till: str | None) -> str:
    return f"till.{till}.printer.{role}." if till else f"printer.{role}."


def _has_own_printer(uow: UnitOfWork, role: str, till: str | None) -> bool:
    return bool(till) and get_setting(uow, _prefix(role, till) + "url") is not None


def load_printer(uow: UnitOfWork, role: str, till: str | None = None) -> PrinterSettings:
    """The printer of `role` for `till`: its own when it has one, else the shop's."""
    prefix = _prefix(role, till if _has_own_printer(uow, role, till) else None)
    default = PrinterSettings()

    def stored(name: str, fallback: str) -> str:
        return get_setting(uow, prefix + name, fallback) or fallback

    columns = stored("columns", str(default.columns))
    return PrinterSettings(
        url=stored("url", ""),
        profile=stored("profile", default.profile),
        columns=int(columns) if columns.isdigit() else default.columns,
        codepage=stored("codepage", default.codepage),
    )


def _store_printer(
    uow: UnitOfWork, role: str, settings: PrinterSettings, till: str | None
) -> PrinterSettings:
    checked = PrinterSettings(
        url=str(check_printer_value("url", settings.url)),
        profile=str(check_printer_value("profile", settings.profile)),
        columns=int(check_printer_value("columns", str(settings.columns))),
        codepage=str(check_printer_value("codepage", settings.codepage)),
    )
    if checked.codepage not in codepages_of(checked.profile):
        raise _invalid(
            "codepage",
            f"Le profil {checked.profile} ne connaît pas la page de code {checked.codepage}.",
            f"The profile {checked.profile} does not know the code page {checked.codepage}.",
        )
    for f in fields(PrinterSettings):
        set_setting(uow, _prefix(role, till) + f.name, str(getattr(checked, f.name)))
    return checked


def save_printer(
    uow: UnitOfWork, role: str, settings: PrinterSettings, till: str | None = None
) -> PrinterSettings:
    """Check and store one printer's settings (the shop's, or one till's own), then commit.

    Raises ValidationError.
    """
    checked = _store_printer(uow, role, settings, till)
    uow.commit()
    return checked


def save_printing_settings(
    uow: UnitOfWork,
    receipt: PrinterSettings,
    preparation: PrinterSettings,
    footer: str,
    till: str | None = None,
) -> tuple[PrinterSettings, PrinterSettings]:
    """Check and store both printers (the shop's, or `till`'s own) and the receipt footer in one
    commit (all or nothing). Raises ValidationError."""
    checked = (
        _store_printer(uow, "receipt", receipt, till),
        _store_printer(uow, "preparation", preparation, till),
    )
    set_setting(uow, FOOTER_KEY, footer)
    uow.commit()
    return checked


def configured_printers(uow: UnitOfWork, till: str | None = None) -> set[str]:
    """The roles that have a printer for `till`, in one query (asked at every sale)."""
    shop_keys = {f"printer.{role}.url": role for role in PRINTER_ROLES}
    till_keys = {f"till.{till}.printer.{role}.url": role for role in PRINTER_ROLES} if till else {}
    query = select(setting_table.c.key, setting_table.c.value).where(
        setting_table.c.key.in_([*shop_keys, *till_keys])
    )
    rows: dict[str, str] = {key: value for key, value in uow.session.execute(query)}
    configured = set()
    for role in PRINTER_ROLES:
        own = next((k for k, r in till_keys.items() if r == role and k in rows), None)
        url = rows[own] if own else rows.get(f"printer.{role}.url", "")
        if url:
            configured.add(role)
    return configured


def receipt_footer(uow: UnitOfWork) -> str:
    return get_setting(uow, FOOTER_KEY, "Merci de votre visite !") or ""
