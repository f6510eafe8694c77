"""The register pane, as a cashier uses it (pytest-qt, offscreen, real SQLite database)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_clients import invoices
from pos_clients.customers import CustomerDraft, create_customer
from pos_clients.data.database import Database
from pos_clients.sale_hooks import SaleOptions
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.factories import group, person
from tests.helpers.register_sales import item


@pytest.fixture
def shop(sqlite_db: Database) -> Database:
    vip = group(sqlite_db, "VIP", 1000)
    person(
        sqlite_db,
        "Lefèvre",
        "Zoë",
        civility="Mme",
        group_id=vip.id,
        city="Paris",
        reference="4006381333931",
    )
    person(sqlite_db, "Martin", "Hugo", city="Lyon", reference="CARTE-42")
    item(sqlite_db, "Croissant", "1,15", "5,5", "3760001000016", "Viennoiseries")
    item(sqlite_db, "Café", "1,80", "10", "", "Boissons")
    return sqlite_db


@pytest.fixture
def pane(shop: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot) -> RegisterPane:
    widget = RegisterPane(
        shop,
        sync_tasks,
        till="Caisse 1",
        cashier="Léa",
        sale_options=SaleOptions(False, False, False),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_sale_with_customer_found_by_search_discount_and_two_payments(
    pane: RegisterPane, shop: Database, qtbot: QtBot
) -> None:
    croissant = pane.item_button("Croissant")
    assert croissant is not None
    qtbot.mouseClick(croissant, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(croissant, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(croissant, Qt.MouseButton.LeftButton)
    coffee = pane.item_button("Café")
    assert coffee is not None
    qtbot.mouseClick(coffee, Qt.MouseButton.LeftButton)
    assert _plain(pane.ticket_view.total_label.text()) == "Total TTC : 5,25 €"
    assert pane.ticket_view.discount_label.isHidden()

    qtbot.mouseClick(pane.search_customer_button, Qt.MouseButton.LeftButton)
    popup = pane.search_popup
    assert popup is not None
    with qtbot.waitSignal(popup.results_shown):
        qtbot.keyClicks(popup.field, "lef")
    assert popup.results.count() == 1 and "Lefèvre Zoë" in popup.results.item(0).text()
    with qtbot.waitSignal(pane.customer_changed):
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert "Mme Zoë Lefèvre" in pane.customer_label.text()
    assert "VIP" in pane.customer_label.text() and "10 %" in pane.customer_label.text()
    assert _plain(pane.ticket_view.discount_label.text()) == "Remise VIP −10 %   -0,53 €"
    assert _plain(pane.ticket_view.total_label.text()) == "Total TTC : 4,72 €"
    assert "TVA 5,5 %" in pane.ticket_view.vat_label.text()

    qtbot.mouseClick(pane.pay_button, Qt.MouseButton.LeftButton)
    dialog = pane.payment_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.amount.setText("2,00")
    qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
    assert _plain(dialog.remaining_label.text()) == "Reste à payer : 2,72 €"
    assert not ok.isEnabled()
    dialog.amount.setText("5")
    qtbot.mouseClick(dialog.cash_button, Qt.MouseButton.LeftButton)
    assert _plain(dialog.change_label.text()) == "Rendu : 2,28 €"
    assert ok.isEnabled()
    with qtbot.waitSignal(pane.sale_completed) as sold:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    invoice = sold.args[0]
    assert invoice.number.endswith("-000001")
    assert "Rendu : 2,28 €" in _plain(pane.message_label.text())
    assert pane.ticket.lines == () and pane.ticket.customer is None
    with shop.reader() as uow:
        stored = invoices.get_invoice(uow, invoice.number)
    assert stored.customer is not None and stored.customer.last_name == "Lefèvre"
    assert [(p.method, p.amount_cents) for p in stored.payments] == [("card", 200), ("cash", 272)]
    assert stored.discount_label == "Remise VIP −10 %"


def test_scanned_codes_add_items_and_replace_the_customer(pane: RegisterPane, qtbot: QtBot) -> None:
    assert pane.add_item_by_code("3760001000016")
    assert not pane.add_item_by_code("0000000000000")
    assert pane.ticket.lines[0].name == "Croissant"
    pane.attach_customer_by_reference("4006381333931")
    assert pane.ticket.customer is not None and pane.ticket.customer.last_name == "Lefèvre"
    with qtbot.waitSignal(pane.message_shown) as shown:
        pane.code_field.setText("CARTE-42")
        qtbot.keyClick(pane.code_field, Qt.Key.Key_Return)
    assert "Hugo Martin remplace Mme Zoë Lefèvre" in shown.args[0]
    assert pane.ticket_view.discount_label.isHidden()  # Hugo has no group discount
    pane.detach_customer()
    assert pane.ticket.customer is None
    assert "Aucun client" in pane.customer_label.text()
    pane.show_message("Scanner débranché")
    assert pane.message_label.text() == "Scanner débranché"


def test_quantity_edit_remove_and_clear_with_confirmation(pane: RegisterPane, qtbot: QtBot) -> None:
    pane.add_item_by_code("3760001000016")
    cell = pane.ticket_view.table.item(0, 1)
    cell.setText("4")
    assert pane.ticket.lines[0].quantity == 4
    assert _plain(pane.ticket_view.total_label.text()) == "Total TTC : 4,60 €"
    pane.ticket_view.table.item(0, 1).setText("beaucoup")
    assert "Quantité invalide" in pane.message_label.text()
    assert pane.ticket_view.table.item(0, 1).text() == "4"
    qtbot.mouseClick(pane.clear_button, Qt.MouseButton.LeftButton)
    box = pane.clear_confirmation
    assert box is not None and pane.ticket.lines  # nothing cleared before the answer
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert pane.ticket.lines == ()
    assert not pane.pay_button.isEnabled()


def test_typed_name_adds_the_only_matching_item(pane: RegisterPane, qtbot: QtBot) -> None:
    pane.code_field.setText("cafe")
    qtbot.keyClick(pane.code_field, Qt.Key.Key_Return)
    assert [line.name for line in pane.ticket.lines] == ["Café"]
    with qtbot.waitSignal(pane.message_shown) as shown:
        pane.code_field.setText("zzz")
        qtbot.keyClick(pane.code_field, Qt.Key.Key_Return)
    assert "Aucun article ni client" in shown.args[0]


def test_new_customer_from_the_register_is_attached(
    shop: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot
) -> None:
    def simple_form(parent: QWidget, created: Callable[[int], None]) -> None:
        with shop.uow() as uow:
            new = create_customer(
                uow, CustomerDraft(kind="company", company_name="Boulangerie Paul")
            )
        created(new.id)

    widget = RegisterPane(shop, sync_tasks, customer_form_factory=simple_form)
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.new_customer_button, Qt.MouseButton.LeftButton)
    assert widget.ticket.customer is not None
    assert widget.ticket.customer.company_name == "Boulangerie Paul"
    assert "Boulangerie Paul" in widget.customer_label.text()


def test_payment_on_account_is_a_visible_disabled_place(pane: RegisterPane) -> None:
    pane.add_item_by_code("3760001000016")
    dialog = pane.open_payment()
    assert dialog is not None
    assert dialog.account_button.isVisible() and not dialog.account_button.isEnabled()
    dialog.amount.setText("9,00")
    dialog.add_payment("card")
    assert "dépasser" in dialog.error_label.text()


def test_an_empty_catalogue_says_how_to_add_items(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    widget = RegisterPane(sqlite_db, sync_tasks, sale_options=SaleOptions(False, False, False))
    qtbot.addWidget(widget)
    widget.show()
    hint = widget.findChild(QLabel, "noItemsHint")
    assert hint is not None and "Articles…" in hint.text()
    item(sqlite_db, "Croissant", "1,15", "5,5", "", "Viennoiseries")
    with qtbot.waitSignal(widget.items_loaded):
        widget.reload_items()
    assert widget.categories.tabText(0) == "Viennoiseries"
    assert widget.item_button("Croissant") is not None


def test_the_discount_line_speaks_the_cashier_language_the_invoice_stays_french(
    shop: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot, language: str
) -> None:
    pane = RegisterPane(shop, sync_tasks, sale_options=SaleOptions(False, False, False))
    qtbot.addWidget(pane)
    pane.attach_customer_by_reference("4006381333931")  # Zoë, VIP 10 %
    assert pane.add_item_by_code("3760001000016")
    shown = _plain(pane.ticket_view.discount_label.text())
    expected = {"fr": "Remise VIP −10 %   -0,12 €", "en": "Discount VIP −10%   -€0.12"}
    assert shown == expected[language]
    assert pane.ticket.priced().discount_label == "Remise VIP −10 %"  # what the invoice keeps


def test_the_payments_listed_with_the_punctuation_of_the_cashier_language(
    pane: RegisterPane, language: str
) -> None:
    assert pane.add_item_by_code("3760001000016")  # a croissant, 1,15 €
    dialog = pane.open_payment()
    assert dialog is not None
    dialog.amount.setText("1,15" if language == "fr" else "1.15")
    dialog.add_payment("card")
    listed = _plain(dialog.paid_list.item(0).text())
    assert listed == {"fr": "Carte bancaire : 1,15 €", "en": "Card: €1.15"}[language]


def test_a_whole_sale_at_the_keyboard(pane: RegisterPane, shop: Database, qtbot: QtBot) -> None:
    """Scan (or type) a code, F2 for the customer, F12 to pay, F1 cash, Enter: sold."""
    pane.activateWindow()
    pane.code_field.setFocus()
    qtbot.keyClicks(pane.code_field, "3760001000016")
    qtbot.keyClick(pane.code_field, Qt.Key.Key_Return)
    assert [line.name for line in pane.ticket.lines] == ["Croissant"]
    coffee = pane.item_button("Café")
    assert coffee is not None
    qtbot.mouseClick(coffee, Qt.MouseButton.LeftButton)  # a touch on the grid…
    assert QApplication.focusWidget() is pane.code_field  # …leaves the keys where they were
    qtbot.keyClick(pane.code_field, Qt.Key.Key_F8)  # and F8 takes the coffee off again
    assert [line.name for line in pane.ticket.lines] == ["Croissant"]
    assert pane.pay_button.toolTip() == "Touche F12"
    assert pane.search_customer_button.toolTip().endswith("(F2)")

    qtbot.keyClick(pane.code_field, Qt.Key.Key_F2)
    popup = pane.search_popup
    assert popup is not None and popup.isVisible()
    with qtbot.waitSignal(popup.results_shown):
        qtbot.keyClicks(popup.field, "lef")
    with qtbot.waitSignal(pane.customer_changed):
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)

    # The keys go to the code field again once the popup is gone.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.code_field)
    qtbot.keyClick(pane.code_field, Qt.Key.Key_F12)
    dialog = pane.payment_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount)
    qtbot.keyClicks(dialog.amount, "0,50")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)  # card (F2 here, not the Caisse's Client…)
    qtbot.keyClicks(dialog.amount, "5")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F1)  # cash: 5,00 € given
    paid = [_plain(dialog.paid_list.item(i).text()) for i in range(dialog.paid_list.count())]
    assert paid == ["Carte bancaire : 0,50 €", "Espèces : 0,53 € (donné 5,00 €)"]
    with qtbot.waitSignal(pane.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert pane.ticket.lines == () and pane.ticket.customer is None

    qtbot.keyClick(pane.code_field, Qt.Key.Key_F12)  # nothing to pay: the key does nothing
    assert not (pane.payment_dialog and pane.payment_dialog.isVisible())
