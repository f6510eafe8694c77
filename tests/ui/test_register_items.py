"""The catalogue dialog of the register: add, refuse a bad barcode, import a CSV, withdraw."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pos_clients import items
from pos_clients.data.database import Database
from pos_clients.items import ItemDraft
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
    # The barcode shows whole, the price right-aligned as on the ticket.
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 4).text())
    assert dialog.table.columnWidth(4) >= dialog.table.sizeHintForColumn(4)
    assert dialog.table.item(row, 2).textAlignment() & Qt.AlignmentFlag.AlignRight
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


def _tab_label(pane: RegisterPane, index: int) -> QImage:
    """The tab as drawn, while another tab is the current one."""
    bar = pane.categories.tabBar()
    pane.categories.setCurrentIndex(0 if index else 1)
    return bar.grab(bar.tabRect(index)).toImage()


def test_categories_come_in_french_order_with_their_accents_drawn(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot
) -> None:
    with sqlite_db.uow() as uow:
        for name, category in (
            ("Baguette", "Pains"),
            ("Cidre", "Épicerie"),
            ("Éclair", "Pâtisseries"),
            ("Journal", "Presse"),
            ("Café", "Boissons"),
            ("Glace", "Ça glace"),
        ):
            items.add_item(uow, ItemDraft(name, "1,00", "10", category=category))
        uow.commit()
    pane = RegisterPane(sqlite_db, sync_tasks)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    qtbot.waitUntil(lambda: pane.categories.count() == 6)
    tabs = [pane.categories.tabText(i) for i in range(pane.categories.count())]
    # By the letters, whatever their accents (code points would put É and Ç last, â after r).
    assert tabs == ["Boissons", "Ça glace", "Épicerie", "Pains", "Pâtisseries", "Presse"]

    # The accent of the capital and the cedilla's tail are drawn: the label differs from the
    # same label without them (Fusion clipped both off a tab that was not the current one).
    for index, bare in ((tabs.index("Épicerie"), "Epicerie"), (tabs.index("Ça glace"), "Ca glace")):
        accented = _tab_label(pane, index)
        pane.categories.setTabText(index, bare)
        plain = _tab_label(pane, index)
        pane.categories.setTabText(index, tabs[index])
        assert accented.size() == plain.size()
        assert accented != plain, f"the accent of « {tabs[index]} » is clipped"
