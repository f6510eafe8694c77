"""The customer form: create a person and a company, every message, duplicates, edit, leave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.ui.directory.form import CustomerForm
from pos_clients.ui.directory.model import DirectoryModel
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.ui_data import fill_demo_directory
from tests.helpers.ui_dialogs import answer_next_box
from tests.helpers.ui_keys import type_text
from tests.ui.test_directory import click_cell, names


@pytest.fixture
def page(qtbot, db: Database, sync_tasks: SyncTaskRunner) -> DirectoryPage:
    fill_demo_directory(db)
    widget = DirectoryPage(db, sync_tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_new_form(qtbot, page: DirectoryPage) -> CustomerForm:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert form is not None and form.isVisible()
    return form


def type_into(qtbot, form: CustomerForm, name: str, text: str) -> None:
    line = form.field(name)
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(line, text)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_create_a_person_through_the_form(qtbot, page: DirectoryPage, db: Database) -> None:
    form = open_new_form(qtbot, page)
    assert form.windowTitle() == "Nouveau client"
    assert form.person_button.isChecked()
    assert not form.validate_button.isEnabled()
    assert form.field("last_name").isVisibleTo(form)
    assert not form.field("siret").isVisibleTo(form)
    choose(qtbot, form.civility, "Mme")
    type_into(qtbot, form, "first_name", "Anaïs")
    type_into(qtbot, form, "last_name", "Roussel")
    type_into(qtbot, form, "email", "anais.roussel@example.fr")
    type_into(qtbot, form, "phone", "06 11 22 33 44")
    type_into(qtbot, form, "postcode", "35000")
    type_into(qtbot, form, "city", "Rennes")
    type_into(qtbot, form, "reference", "2900000000025")
    choose(qtbot, form.group, "VIP (remise 10 %)")
    qtbot.mouseClick(form.consent_boxes["email"], Qt.MouseButton.LeftButton)
    assert form.validate_button.isEnabled()
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert "Roussel Anaïs" in names(page.model)
    assert page.count_label.text() == "12 clients"
    with db.reader() as uow:
        stored = customers.get_customer(uow, saved.args[0].id)
    assert stored.full_name == "Mme Anaïs Roussel"
    assert stored.email == "anais.roussel@example.fr"
    assert stored.phone == "+33611223344"
    assert stored.reference == "2900000000025"
    assert stored.group_name == "VIP"
    consent = stored.consent("email")
    assert consent is not None and consent.granted


def test_create_a_company_through_the_form(qtbot, page: DirectoryPage, db: Database) -> None:
    form = open_new_form(qtbot, page)
    qtbot.mouseClick(form.company_button, Qt.MouseButton.LeftButton)
    assert form.company_button.isChecked()
    assert not form.field("last_name").isVisibleTo(form)
    assert not form.civility.isVisibleTo(form)
    assert form.field("siret").isVisibleTo(form)
    type_into(qtbot, form, "company_name", "Fromagerie Lefèvre")
    choose(qtbot, form.legal_form, "SARL")
    type_into(qtbot, form, "siret", "732 829 320 00074")
    type_into(qtbot, form, "vat_number", "FR44732829320")
    type_into(qtbot, form, "contact_name", "Marc Lefèvre")
    type_into(qtbot, form, "account_number", "411fromlef")
    assert form.validate_button.isEnabled(), [form.error_text(n) for n in ("siret", "vat_number")]
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(form.field("account_number"), Qt.Key.Key_Return)
    with db.reader() as uow:
        stored = customers.get_customer(uow, saved.args[0].id)
    assert stored.is_company and stored.company_name == "Fromagerie Lefèvre"
    assert stored.legal_form == "SARL"
    assert stored.siret == "73282932000074"
    assert stored.vat_number == "FR44732829320"
    assert stored.account_number == "411FROMLEF"
    row = names(page.model).index("Fromagerie Lefèvre")
    icon_tip = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert icon_tip == "Personne morale"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("email", "jean@", "Adresse e-mail invalide : « jean@ »."),
        ("phone", "06 12", "Numéro de téléphone invalide : « 06 12 »."),
        ("postcode", "7500", "Code postal français : 5 chiffres (ex. 75004)."),
        ("reference", "4006381333932", "Code EAN-13 invalide : la clé de contrôle ne correspond"),
        ("account_number", "411-DUP", "Numéro de compte : lettres et chiffres uniquement"),
        ("birthday", "31/02/1980", "Date de naissance invalide : « 31/02/1980 » (JJ/MM/AAAA)."),
        ("country", "Atlantide", "Pays inconnu : « Atlantide »."),
    ],
)
def test_each_wrong_field_says_why_next_to_it(
    qtbot, page: DirectoryPage, field: str, typed: str, message: str
) -> None:
    form = open_new_form(qtbot, page)
    type_into(qtbot, form, "last_name", "Durand")
    assert form.validate_button.isEnabled()
    type_into(qtbot, form, field, typed)
    assert form.error_text(field).startswith(message)
    assert not form.validate_button.isEnabled()
    type_into(qtbot, form, field, "")
    assert form.error_text(field) == ""
    assert form.validate_button.isEnabled()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("siret", "73282932000075", "SIRET ou SIREN invalide : « 73282932000075 »"),
        ("vat_number", "FR00123456789", "Numéro de TVA intracommunautaire invalide"),
    ],
)
def test_company_numbers_are_checked(
    qtbot, page: DirectoryPage, field: str, typed: str, message: str
) -> None:
    form = open_new_form(qtbot, page)
    qtbot.mouseClick(form.company_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, form, "company_name", "Garage Martin")
    type_into(qtbot, form, field, typed)
    assert form.error_text(field).startswith(message)
    assert not form.validate_button.isEnabled()


def test_required_name_is_asked_once_touched(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    assert form.error_text("last_name") == ""
    type_into(qtbot, form, "last_name", "X")
    type_into(qtbot, form, "last_name", "")
    assert form.error_text("last_name") == "Le nom est obligatoire."
    qtbot.mouseClick(form.company_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, form, "company_name", "A")
    type_into(qtbot, form, "company_name", "")
    assert form.error_text("company_name") == "La raison sociale est obligatoire."


def test_the_form_explains_email_reference_and_account(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    hints = {
        name: form.findChild(QLabel, f"hint_{name}")
        for name in ("email", "reference", "account_number")
    }
    assert "facture par e-mail à chaque passage" in hints["email"].text()
    assert "carte de fidélité" in hints["reference"].text()
    assert "douchette" in hints["reference"].text()
    assert "Clients divers" in hints["account_number"].text()


def test_a_reference_already_taken_names_its_holder(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    type_into(qtbot, form, "last_name", "Durand")
    type_into(qtbot, form, "reference", "4006381333931")
    qtbot.waitUntil(lambda: form.error_text("reference") != "")
    assert form.error_text("reference") == (
        "La référence 4006381333931 appartient déjà à Lefèvre Hélène."
    )
    assert not form.validate_button.isEnabled()
    type_into(qtbot, form, "reference", "2900000000025")
    qtbot.waitUntil(lambda: form.error_text("reference") == "")
    assert form.validate_button.isEnabled()


def test_possible_duplicates_show_and_open_the_existing_customer(
    qtbot, page: DirectoryPage
) -> None:
    form = open_new_form(qtbot, page)
    type_into(qtbot, form, "last_name", "Bidule")
    type_into(qtbot, form, "email", "Jean.Dupont@free.fr")
    qtbot.waitUntil(lambda: form.duplicates.isVisible())
    assert [c.display_name for c in form.duplicates.customers] == ["Dupont Jean"]
    existing = form.duplicates.customers[0]
    button = form.duplicates.findChild(QPushButton, f"open_duplicate_{existing.id}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    edit = page.form
    assert edit is not None and edit is not form and edit.isVisible()
    assert edit.windowTitle() == "Modifier le client"
    assert edit.field("last_name").text() == "Dupont"  # type: ignore[attr-defined]


def test_a_close_name_is_a_possible_duplicate(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    type_into(qtbot, form, "first_name", "Hélène")
    type_into(qtbot, form, "last_name", "Lefevre")
    qtbot.waitUntil(lambda: form.duplicates.isVisible())
    assert [c.display_name for c in form.duplicates.customers] == ["Lefèvre Hélène"]


def test_double_click_opens_the_customer_and_saves_changes(
    qtbot, page: DirectoryPage, db: Database
) -> None:
    row = names(page.model).index("Moreau Chloé")
    click_cell(qtbot, page.view, row, DirectoryModel.NAME, double=True)
    form = page.form
    assert form is not None and form.windowTitle() == "Modifier le client"
    assert form.field("email").text() == "chloe.moreau@sfr.fr"  # type: ignore[attr-defined]
    assert form.civility.currentText() == "Mme"
    type_into(qtbot, form, "city", "Saint-Nazaire")
    type_into(qtbot, form, "postcode", "44600")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    assert page.model.data(page.model.index(row, DirectoryModel.PLACE)) == "44600 Saint-Nazaire"
    with db.reader() as uow:
        customer_id = page.model.id_at(row)
        assert customer_id is not None
        assert customers.get_customer(uow, customer_id).city == "Saint-Nazaire"


def test_enter_opens_the_selected_customer(qtbot, page: DirectoryPage) -> None:
    row = names(page.model).index("Petit Amélie")
    click_cell(qtbot, page.view, row, DirectoryModel.NAME)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.form is not None
    assert page.form.field("first_name").text() == "Amélie"  # type: ignore[attr-defined]


def test_leaving_with_unsaved_changes_asks_first(qtbot, page: DirectoryPage, db: Database) -> None:
    row = names(page.model).index("Girard Noël")
    customer_id = page.model.id_at(row)
    assert customer_id is not None
    click_cell(qtbot, page.view, row, DirectoryModel.NAME, double=True)
    form = page.form
    assert form is not None
    type_into(qtbot, form, "city", "Colmar")
    seen = answer_next_box("Continuer la saisie")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert seen.answered and "Abandonner les modifications" in seen.text
    assert form.isVisible()
    assert form.field("city").text() == "Colmar"  # type: ignore[attr-defined]
    seen = answer_next_box("Abandonner")
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert seen.answered
    assert not form.isVisible()
    with db.reader() as uow:
        assert customers.get_customer(uow, customer_id).city == "Strasbourg"


def test_leaving_an_untouched_form_does_not_ask(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_another_pane_can_create_a_customer_with_the_form(
    qtbot, page: DirectoryPage, db: Database
) -> None:
    created: list[int] = []
    page.new_customer_for(page, created.append)
    form = next(w for w in page.findChildren(CustomerForm) if w.isVisible())
    type_into(qtbot, form, "last_name", "Caisse")
    type_into(qtbot, form, "first_name", "Client")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    assert len(created) == 1
    with db.reader() as uow:
        assert customers.get_customer(uow, created[0]).display_name == "Caisse Client"
    assert "Caisse Client" in names(page.model)


def test_a_card_scanned_into_the_reference_field_is_checked(qtbot, page: DirectoryPage) -> None:
    form = open_new_form(qtbot, page)
    reference = form.field("reference")
    assert reference.property("acceptsScannedCode") is True
    type_into(qtbot, form, "last_name", "Durand")
    reference.setText("4006381333931")  # what the scanner's dispatcher does
    qtbot.waitUntil(lambda: form.error_text("reference") != "")
    assert "appartient déjà à Lefèvre Hélène" in form.error_text("reference")
    assert not form.validate_button.isEnabled()
