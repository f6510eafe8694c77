"""What this till's window remembers: geometry, column widths, last tab, language (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView

from pos_clients.config import config_dir


def ui_settings() -> QSettings:
    """The per-till UI settings file, in the configuration directory."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    value = ui_settings().value("language")
    return str(value) if value else None


def save_language(language: str) -> None:
    settings = ui_settings()
    settings.setValue("language", language)
    settings.sync()


def save_header(key: str, header: QHeaderView) -> None:
    settings = ui_settings()
    settings.setValue(f"columns/{key}", header.saveState())
    settings.sync()


def restore_header(key: str, header: QHeaderView) -> bool:
    state = ui_settings().value(f"columns/{key}")
    return isinstance(state, QByteArray) and header.restoreState(state)
