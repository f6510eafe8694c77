"""The user's language for text made outside Qt (errors, validation, command line).

French is the reference language; English is the translation. The Qt layer has its own
translation files for widgets; this module only chooses between the two texts that every
domain message carries.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass
from typing import Literal

Language = Literal["fr", "en"]

_language: Language | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in French (the reference) and English."""

    fr: str
    en: str

    def __str__(self) -> str:
        return self.fr if current_language() == "fr" else self.en

    def format(self, **values: object) -> Text:
        return Text(self.fr.format(**values), self.en.format(**values))

    def in_(self, language: Language) -> str:
        return self.fr if language == "fr" else self.en


def detect_language() -> Language:
    """French unless the environment asks for English (POS_CLIENTS_LANG, then LC_ALL/LANG)."""
    for var in ("POS_CLIENTS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    try:
        system = locale.getlocale()[0] or ""
    except ValueError:
        system = ""
    return "en" if system.lower().startswith("en") else "fr"


def current_language() -> Language:
    global _language
    if _language is None:
        _language = detect_language()
    return _language


def set_language(language: Language) -> None:
    global _language
    _language = language
