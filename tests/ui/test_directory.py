"""The Répertoire tab as a manager uses it: list, search as you type, delete with confirmation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.ui.directory.model import DirectoryModel
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.ui_data import fill_demo_directory, fill_many
from tests.helpers.ui_dialogs import answer_next_box
from tests.helpers.ui_tasks import HeldTaskRunner


def names(model: DirectoryModel) -> list[str]:
    return [model.data(model.index(r, DirectoryModel.NAME)) for r in range(model.rowCount())]


def click_cell(qtbot, view: QAbstractItemView, row: int, column: int, double: bool = False) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    if double:
        # A real double-click is a click followed by a double-click event.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


@pytest.fixture
def page(qtbot, db: Database, sync_tasks: SyncTaskRunner) -> DirectoryPage:
    fill_demo_directory(db)
    widget = DirectoryPage(db, sync_tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_model_passes_qtmodeltester_over_several_pages(qtmodeltester, db, sync_tasks) -> None:
    fill_many(db, 130)
    model = DirectoryModel(db, sync_tasks)
    model.set_query("")
    assert model.rowCount() == 50 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 130
    qtmodeltester.check(model, force_py=True)


def test_directory_lists_everyone_by_name_with_count_and_kind(page: DirectoryPage) -> None:
    shown = names(page.model)
    assert shown[:4] == ["Bernard François", "Boulangerie Dupain", "Café de la Gare", "Dupont Jean"]
    assert len(shown) == 11
    assert page.count_label.text() == "11 clients"
    row = shown.index("Lefèvre Hélène")
    model = page.model
    assert model.data(model.index(row, DirectoryModel.EMAIL)) == "helene.lefevre@orange.fr"
    assert model.data(model.index(row, DirectoryModel.PHONE)) == "06 12 34 56 78"
    assert model.data(model.index(row, DirectoryModel.PLACE)) == "75004 Paris"
    assert model.data(model.index(row, DirectoryModel.GROUP)) == "VIP"
    assert model.data(model.index(row, DirectoryModel.REFERENCE)) == "4006381333931"
    company = shown.index("Boulangerie Dupain")
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(company, DirectoryModel.NAME), tip) == "Personne morale"
    assert model.data(model.index(row, DirectoryModel.NAME), tip) == "Personne physique"
    assert model.data(model.index(row, DirectoryModel.DELETE), tip).startswith("Supprimer")


def test_pages_are_fetched_as_the_list_scrolls(qtbot, db, sync_tasks) -> None:
    fill_many(db, 260)
    widget = DirectoryPage(db, sync_tasks)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 50
    assert widget.count_label.text() == "260 clients"

    def scrolled_to_the_end() -> None:
        widget.view.scrollToBottom()
        assert widget.model.rowCount() == 260

    qtbot.waitUntil(scrolled_to_the_end)
    ids = [widget.model.id_at(row) for row in range(260)]
    assert len(set(ids)) == 260
    assert all(name != "…" for name in names(widget.model))


def test_search_filters_as_you_type_ignoring_accents(qtbot, page: DirectoryPage) -> None:
    page.focus_search()
    qtbot.keyClicks(page.search, "hele")
    assert names(page.model) == ["Lefèvre Hélène"]
    assert page.count_label.text() == "1 client"
    page.search.clear()
    qtbot.keyClicks(page.search, "lyon")
    assert names(page.model) == ["Dupont Jean", "Martin Zoë"]
    assert page.count_label.text() == "2 clients"
    page.search.clear()
    qtbot.keyClicks(page.search, "06 98")
    assert names(page.model) == ["Dupont Jean"]
    qtbot.keyClicks(page.search, "zzz")
    assert names(page.model) == []
    assert page.count_label.text() == "aucun client"


def test_escape_clears_the_search_and_ctrl_f_focuses_it(qtbot, page: DirectoryPage) -> None:
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "dupain")
    assert names(page.model) == ["Boulangerie Dupain"]
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert len(names(page.model)) == 11
    assert "Ctrl+F" in page.search.toolTip()


def test_a_stale_search_result_is_dropped(qtbot, db: Database) -> None:
    fill_demo_directory(db)
    runner = HeldTaskRunner()
    widget = DirectoryPage(db, runner)
    qtbot.addWidget(widget)
    runner.run_pending()
    qtbot.keyClicks(widget.search, "l")  # first keystroke: "l"
    qtbot.keyClicks(widget.search, "yon")  # then "ly", "lyo", "lyon"
    assert len(runner.pending) == 4
    # The worker answers the last keystroke first and the first one last.
    runner.run_pending([3, 2, 1, 0])
    runner.run_pending()  # the count of the search shown
    assert names(widget.model) == ["Dupont Jean", "Martin Zoë"]
    assert widget.count_label.text() == "2 clients"


def test_delete_asks_naming_the_customer_then_removes_the_row(
    qtbot, page: DirectoryPage, db: Database
) -> None:
    row = names(page.model).index("Dupont Jean")
    seen = answer_next_box("Annuler")
    click_cell(qtbot, page.view, row, DirectoryModel.DELETE)
    assert seen.answered
    assert "« Dupont Jean »" in seen.text
    assert "factures" in seen.informative and "gardent" in seen.informative
    assert "Dupont Jean" in names(page.model)

    seen = answer_next_box("Supprimer")
    click_cell(qtbot, page.view, row, DirectoryModel.DELETE)
    assert seen.answered
    assert "Dupont Jean" not in names(page.model)
    assert page.count_label.text() == "10 clients"
    with db.reader() as uow:
        assert customers.count_customers(uow) == 10


def test_delete_key_deletes_the_selected_customer(qtbot, page: DirectoryPage, db) -> None:
    row = names(page.model).index("Martin Zoë")
    click_cell(qtbot, page.view, row, DirectoryModel.NAME)
    seen = answer_next_box("Supprimer")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "« Martin Zoë »" in seen.text
    assert "Martin Zoë" not in names(page.model)
    with db.reader() as uow:
        found = customers.possible_duplicates(
            uow, customers.CustomerDraft(first_name="Zoë", last_name="Martin")
        )
    assert found == []


def test_removing_a_row_deep_in_the_list_keeps_later_pages_right(qtbot, db, sync_tasks) -> None:
    fill_many(db, 160)
    model = DirectoryModel(db, sync_tasks)
    model.set_query("")
    while model.canFetchMore():
        model.fetchMore()
    before = names(model)
    victim = model.id_at(75)
    assert victim is not None
    with db.uow() as uow:
        customers.delete_customer(uow, victim)
    model.remove_customer(victim)
    model._cache.clear()  # as if every page had left the cache: each is fetched again by key
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    assert names(model) == before[:75] + before[76:]
    assert model.match_count == 159
    assert model.data(QModelIndex()) is None
