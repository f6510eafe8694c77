"""The words Qt writes itself (standard buttons, a text field's edit menu) come in the user's
language: « Fermer », not « Close », in a French window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.ui.outputs_dialog import OutputsDialog
from pos_clients.ui.tasks import SyncTaskRunner

EXPECTED = {
    "fr": {"close": "Fermer", "paste": "Coller"},
    "en": {"close": "Close", "paste": "Paste"},
}


def _shown(text: str) -> str:
    """A label as the user reads it (Qt's shortcut marks and tab stops aside)."""
    return text.split("\t", 1)[0].replace("&", "")


def test_the_outputs_dialog_closes_in_the_user_language(
    sqlite_db: Database, qtbot: QtBot, language: str
) -> None:
    dialog = OutputsDialog(sqlite_db, SyncTaskRunner())
    qtbot.addWidget(dialog)
    shown = [_shown(button.text()) for button in dialog.findChildren(QAbstractButton)]
    assert EXPECTED[language]["close"] in shown


def test_a_text_field_edit_menu_speaks_the_user_language(qtbot: QtBot, language: str) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    assert isinstance(menu, QMenu)
    try:
        shown = [_shown(action.text()) for action in menu.actions()]
    finally:
        menu.deleteLater()
    assert EXPECTED[language]["paste"] in shown, shown
