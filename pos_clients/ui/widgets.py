"""Small helpers shared by the widgets of every tab."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTabWidget,
    QWidget,
)

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (tests and style sheets find widgets by name)."""
    widget.setObjectName(name)
    return widget


def as_typed(text: str) -> str:
    """`text` (a name the shop typed) for a button, check box or tab, shown as typed: Qt reads
    one `&` as the mark of a keyboard shortcut, hides it and underlines the next character
    (« Fish & Chips » would read « Fish  Chips », « &é » an underlined « é »); two show one."""
    return text.replace("&", "&&")


def key_for(button: QAbstractButton, key: str, scope: QWidget) -> QShortcut:
    """A function key that clicks `button` while the focus is in `scope`, so that a cashier's
    hands stay on the keyboard (nothing happens while the button is off); the button's
    tooltip names the key."""
    shortcut = QShortcut(QKeySequence(key), scope)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(button.click)
    tip = button.toolTip()
    named_key = QCoreApplication.translate("Keys", "Touche %1").replace("%1", key)
    button.setToolTip(f"{tip} ({key})" if tip else named_key)
    return shortcut


NBSP = "\N{NO-BREAK SPACE}"


def french_spacing(text: str) -> str:
    """Keep « guillemets » and the space before ? ! : ; on their word's line, as French does."""
    text = text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    for mark in ("?", "!", ":", ";"):
        text = text.replace(" " + mark, NBSP + mark)
    return text


class _RoomyTabsStyle(QProxyStyle):
    """The application's style, with tabs a little taller.

    Fusion draws the label of a tab that is not the current one 2 px lower in a rect that
    clips it: the accent of a capital (« Épicerie » shown « Epicerie ») and the tail of a
    cedilla are cut off. Four more pixels give them room."""

    EXTRA_HEIGHT = 4

    def sizeFromContents(
        self,
        contents: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        /,
        widget: QWidget | None = None,
    ) -> QSize:
        # PySide6's stubs say QProxyStyle's widget may not be None; Qt passes None at times.
        found = super().sizeFromContents(contents, option, size, widget)  # type: ignore[arg-type]
        if contents == QStyle.ContentsType.CT_TabBarTab:
            found.setHeight(found.height() + self.EXTRA_HEIGHT)
        return found


def roomy_tabs(tabs: QTabWidget) -> QTabWidget:
    """`tabs` with room for accented capitals in its labels (names the shop types: item
    categories)."""
    style = _RoomyTabsStyle()
    style.setParent(tabs)  # lives as long as the tabs
    tabs.tabBar().setStyle(style)
    return tabs
