"""The Groupes client tab: create, edit, delete (moving members first), see the members."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pos_clients import customers, groups
from pos_clients.data.database import Database
from pos_clients.groups import CustomerGroup
from pos_clients.ui.groups.dialogs import DeleteGroupDialog, GroupDialog
from pos_clients.ui.groups.model import GroupsModel
from pos_clients.ui.main_window import MainWindow
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.ui_data import fill_demo_directory
from tests.helpers.ui_keys import type_text
from tests.ui.test_directory import click_cell, names


@pytest.fixture
def window(qtbot, db: Database, sync_tasks: SyncTaskRunner) -> MainWindow:
    fill_demo_directory(db)
    main = MainWindow(db, sync_tasks, start_devices=False)
    qtbot.addWidget(main)
    main.resize(1200, 760)
    main.show()
    main.tabs.setCurrentIndex(0)
    main.clients_tabs.setCurrentWidget(main.groups)
    qtbot.waitExposed(main)
    return main


def plain(text: str) -> str:
    return text.replace("\N{NO-BREAK SPACE}", " ")


def shown(model: GroupsModel) -> list[tuple[str, str, str]]:
    return [
        tuple(model.data(model.index(r, c)) for c in range(3))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def row_named(model: GroupsModel, name: str) -> int:
    return [g.name for g in model.groups].index(name)


def stored_groups(db: Database) -> dict[str, CustomerGroup]:
    with db.reader() as uow:
        return {g.name: g for g in groups.list_groups(uow)}


def test_groups_model_passes_qtmodeltester(qtmodeltester, window: MainWindow) -> None:
    assert window.groups.model.rowCount() == 4
    qtmodeltester.check(window.groups.model, force_py=True)


def test_groups_show_discount_and_member_count(window: MainWindow) -> None:
    assert shown(window.groups.model) == [
        ("Association du quartier", "2,5 %", "0"),
        ("Personnel", "15 %", "1"),
        ("Professionnels", "5 %", "4"),
        ("VIP", "10 %", "2"),
    ]


def test_create_a_group_with_plus(qtbot, window: MainWindow, db: Database) -> None:
    page = window.groups
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, GroupDialog) and dialog.isVisible()
    assert not dialog.validate_button.isEnabled()
    type_text(dialog.name, "Fidèles")
    type_text(dialog.discount, "101")
    assert plain(dialog.discount_error.text()) == "Remise : 100 % au plus."
    assert not dialog.validate_button.isEnabled()
    dialog.discount.clear()
    type_text(dialog.discount, "7,255")
    assert plain(dialog.discount_error.text()).startswith("Remise : un pourcentage de 0 à 100")
    dialog.discount.clear()
    type_text(dialog.discount, "12,5")
    assert dialog.validate_button.isEnabled()
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ("Fidèles", "12,5 %", "0") in shown(page.model)
    assert stored_groups(db)["Fidèles"].discount_bp == 1250


def test_a_group_name_already_used_is_refused_next_to_the_name(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.groups.add_button, Qt.MouseButton.LeftButton)
    dialog = window.groups.dialog
    assert isinstance(dialog, GroupDialog)
    type_text(dialog.name, "vip")
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert plain(dialog.name_error.text()) == "Un groupe client nommé « VIP » existe déjà."
    assert not dialog.validate_button.isEnabled()


def test_edit_a_group_name_and_discount(qtbot, window: MainWindow, db: Database) -> None:
    page = window.groups
    click_cell(qtbot, page.view, row_named(page.model, "VIP"), GroupsModel.NAME, double=True)
    dialog = page.dialog
    assert isinstance(dialog, GroupDialog)
    assert dialog.name.text() == "VIP" and dialog.discount.text() == "10"
    dialog.name.selectAll()
    type_text(dialog.name, "Clients VIP")
    dialog.discount.selectAll()
    type_text(dialog.discount, "12")
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    assert ("Clients VIP", "12 %", "2") in shown(page.model)
    assert stored_groups(db)["Clients VIP"].discount_bp == 1200
    # The directory shows the new name at once.
    directory = window.directory.model
    row = names(directory).index("Lefèvre Hélène")
    assert directory.data(directory.index(row, 4)) == "Clients VIP"


def test_delete_an_empty_group_with_confirmation(qtbot, window: MainWindow, db) -> None:
    page = window.groups
    row = row_named(page.model, "Association du quartier")
    click_cell(qtbot, page.view, row, GroupsModel.DELETE)
    dialog = page.dialog
    assert isinstance(dialog, DeleteGroupDialog)
    question = plain(dialog.findChildren(QLabel)[0].text())
    assert question == "Supprimer définitivement le groupe client « Association du quartier » ?"
    assert dialog.findChild(QLabel, "memberCount") is None
    assert dialog.confirm_button.text() == "Supprimer"
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert "Association du quartier" not in [g.name for g in page.model.groups]
    assert "Association du quartier" not in stored_groups(db)


def test_cancel_keeps_the_group(qtbot, window: MainWindow, db) -> None:
    page = window.groups
    page.view.setFocus()
    page.view.selectRow(row_named(page.model, "Personnel"))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    dialog = page.dialog
    assert isinstance(dialog, DeleteGroupDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert "Personnel" in stored_groups(db)


def test_delete_a_group_with_members_moves_them_then_deletes(
    qtbot, window: MainWindow, db: Database
) -> None:
    page = window.groups
    click_cell(qtbot, page.view, row_named(page.model, "Professionnels"), GroupsModel.DELETE)
    dialog = page.dialog
    assert isinstance(dialog, DeleteGroupDialog)
    member_count = dialog.findChild(QLabel, "memberCount")
    assert member_count is not None
    assert member_count.text() == "4 clients appartiennent à ce groupe."
    assert dialog.confirm_button.text() == "Déplacer et supprimer"
    targets = [dialog.target.itemText(i) for i in range(dialog.target.count())]
    assert targets == [
        "Aucun groupe",
        "Association du quartier (2,5 %)",
        "Personnel (15 %)",
        "VIP (10 %)",
    ]
    dialog.target.setCurrentIndex(targets.index("VIP (10 %)"))
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    after = stored_groups(db)
    assert "Professionnels" not in after
    assert after["VIP"].member_count == 6
    assert ("VIP", "10 %", "6") in shown(page.model)
    directory = window.directory.model
    row = names(directory).index("Boulangerie Dupain")
    assert directory.data(directory.index(row, 4)) == "VIP"


def test_members_can_go_to_no_group(qtbot, window: MainWindow, db: Database) -> None:
    page = window.groups
    click_cell(qtbot, page.view, row_named(page.model, "VIP"), GroupsModel.DELETE)
    dialog = page.dialog
    assert isinstance(dialog, DeleteGroupDialog)
    assert dialog.target.currentText() == "Aucun groupe"
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    with db.reader() as uow:
        assert customers.count_customers(uow) == 11
    assert "VIP" not in stored_groups(db)
    assert sum(g.member_count for g in stored_groups(db).values()) == 5


def test_see_a_groups_members_in_the_directory(qtbot, window: MainWindow) -> None:
    page = window.groups
    page.view.selectRow(row_named(page.model, "VIP"))
    qtbot.mouseClick(page.members_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 0
    assert window.clients_tabs.currentWidget() is window.directory
    assert names(window.directory.model) == ["Lefèvre Hélène", "Moreau Chloé"]
    assert window.directory.count_label.text() == "2 clients"
    chip = window.directory.group_chip
    assert chip.isVisible() and "VIP" in chip.text()
    qtbot.keyClicks(window.directory.search, "chl")
    assert names(window.directory.model) == ["Moreau Chloé"]
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not chip.isVisible()
    assert names(window.directory.model) == ["Moreau Chloé"]


def test_member_counts_follow_the_directory(qtbot, window: MainWindow, db: Database) -> None:
    window.show_directory()
    directory = window.directory
    row = names(directory.model).index("Petit Amélie")
    from tests.helpers.ui_dialogs import answer_next_box

    answer_next_box("Supprimer")
    click_cell(qtbot, directory.view, row, 6)
    assert ("Personnel", "15 %", "0") in shown(window.groups.model)
