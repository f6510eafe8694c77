"""Money and percentages as the user reads them (babel), from integer cents and basis points."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from pos_clients.i18n import current_language

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(language: str | None) -> str:
    return _LOCALES.get(language or current_language(), "fr_FR")


def money(cents: int, language: str | None = None, currency: str = "EUR") -> str:
    """`1234` → `12,34 €` in French, `€12.34` in English."""
    return str(format_currency(Decimal(cents) / 100, currency, locale=_locale(language)))


def percent_bp(basis_points: int, language: str | None = None) -> str:
    """`1250` → `12,5 %` in French, `12.5%` in English."""
    value = format_decimal(Decimal(basis_points) / 100, format="#,##0.##", locale=_locale(language))
    return f"{value} %" if _locale(language).startswith("fr") else f"{value}%"
