"""Small helpers shared by the widgets of every tab."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (tests and style sheets find widgets by name)."""
    widget.setObjectName(name)
    return widget


NBSP = "\N{NO-BREAK SPACE}"


def french_spacing(text: str) -> str:
    """Keep « guillemets » and the space before ? ! : ; on their word's line, as French does."""
    text = text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    for mark in ("?", "!", ":", ";"):
        text = text.replace(" " + mark, NBSP + mark)
    return text
