"""The catalogue dialog of the register: add, refuse a bad barcode, import a CSV, withdraw."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_clients.data.database import Database
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.tasks import SyncTaskRunner


def test_items_added_imported_and_withdrawn_show_in_the_grid(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    pane = RegisterPane(sqlite_db, sync_tasks)
    qtbot.addWidget(pane)
    qtbot.mouseClick(pane.items_button, Qt.MouseButton.LeftButton)
    dialog = pane.items_dialog
    assert dialog is not None
    dialog.name.setText("Baguette tradition")
    dialog.price.setText("1,20")
    dialog.code.setText("3760001000017")  # wrong check digit
    dialog.category.setText("Pains")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "chiffre de contrôle" in dialog.message.text()
    assert pane.item_button("Baguette tradition") is None
    dialog.code.setText("3760001000016")
    with qtbot.waitSignal(pane.items_loaded):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert pane.item_button("Baguette tradition") is not None
    assert pane.add_item_by_code("3760001000016")
    assert pane.ticket.lines[0].vat_rate_bp == 550 and pane.ticket.lines[0].unit_price_cents == 120

    csv = tmp_path / "articles.csv"
    csv.write_text(
        "name;price;vat_rate;code;category\nCafé;1,80;10;;Boissons\nMauvais;abc;10;;\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(pane.items_loaded):
        dialog.import_file(csv)
    assert "1 article(s) importé(s)" in dialog.message.text()
    assert "Ligne 3" in dialog.message.text()
    assert [pane.categories.tabText(i) for i in range(pane.categories.count())] == [
        "Boissons",
        "Pains",
    ]
    dialog.table.setCurrentCell(0, 1)  # Boissons / Café
    assert dialog.name.text() == "Café"
    with qtbot.waitSignal(pane.items_loaded):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert pane.item_button("Café") is None
