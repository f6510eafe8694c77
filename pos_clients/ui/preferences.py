"""What this till's window remembers: geometry, column widths, last tab, language (QSettings)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSettings, Qt
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


def remembered_columns(
    key: str, header: QHeaderView, widths: Sequence[int], *, fixed: int, stretch: int
) -> None:
    """Lay out a list's columns (left-aligned titles, a fixed trash column, one stretching
    column), then restore the widths the user left and save them whenever they change."""
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(fixed, QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    restore_header(key, header)
    header.sectionResized.connect(lambda *_: save_header(key, header))
