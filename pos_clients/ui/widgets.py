"""Small helpers shared by the widgets of every tab."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (tests and style sheets find widgets by name)."""
    widget.setObjectName(name)
    return widget
