"""Labels show an `&` as written: Qt reads a lone `&` in a button, check box or tab as the
mark of a keyboard shortcut, hides it and underlines the next letter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from pos_clients import items
from pos_clients.data.database import Database
from pos_clients.items import ItemDraft
from pos_clients.ui.main_window import MainWindow
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers import factories


def _labels(root: QWidget) -> list[str]:
    found = [button.text() for button in root.findChildren(QAbstractButton)]
    for bar in root.findChildren(QTabBar):
        found += [bar.tabText(i) for i in range(bar.count())]
    for menu in root.findChildren(QMenu):
        found += [action.text() for action in menu.actions()]
    return [text for text in found if text]


def _hidden_shortcuts(labels: list[str]) -> list[str]:
    return [text for text in labels if not QKeySequence.mnemonic(text).isEmpty()]


def test_no_label_of_the_window_hides_a_character(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    family = factories.group(sqlite_db, "Amis & Famille")
    window = MainWindow(sqlite_db, SyncTaskRunner(), start_devices=False)
    qtbot.addWidget(window)
    window.directory.show_group(family.id, family.name)  # « Groupe : Amis & Famille ✕ »
    labels = _labels(window)
    assert any("Amis && Famille" in text for text in labels), labels
    # The scanner page's check box names the keys an AZERTY keyboard sends for 12345.
    assert any("&&é" in text for text in labels), labels
    assert _hidden_shortcuts(labels) == []


def test_item_and_category_names_show_their_ampersand(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot
) -> None:
    with sqlite_db.uow() as uow:
        items.add_item(uow, ItemDraft("Fish & Chips", "7,50", "10", category="Snacks & Co"))
        items.add_item(uow, ItemDraft("Fish & Frites", "6,50", "10", category="Snacks & Co"))
        uow.commit()
    pane = RegisterPane(sqlite_db, sync_tasks)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: pane.item_button("Fish & Chips") is not None)
    assert _hidden_shortcuts(_labels(pane.categories)) == []
    button = pane.item_button("Fish & Chips")
    assert button is not None
    button.click()
    assert [line.name for line in pane.ticket.lines] == ["Fish & Chips"]
    # Typed in the code field, « fish » offers both in a menu.
    qtbot.keyClicks(pane.code_field, "fish")
    qtbot.keyClick(pane.code_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(pane.findChildren(QMenu)))
    offered = [action.text() for menu in pane.findChildren(QMenu) for action in menu.actions()]
    assert [text.split(" — ")[0] for text in offered] == ["Fish && Chips", "Fish && Frites"]
    assert _hidden_shortcuts(offered) == []
