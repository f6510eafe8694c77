"""Creating, changing and deleting customers on a real database (D1–D5, D7, D8)."""

from __future__ import annotations

import pytest

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data.database import Database
from pos_clients.errors import DuplicateReferenceError, NotFoundError, ValidationError
from tests.helpers.factories import company, group, person


def test_person_is_stored_normalised(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    zoe = person(
        db,
        "Lefèvre-Œuvray",
        "Zoë",
        civility="mme",
        email="Zoe.Lefevre@Orange.FR",
        phone="06 12 34 56 78",
        postcode="75004",
        city="Paris",
        address_line1="3 rue de l'Église",
        reference=" 4006381333931 ",
        account_number="411zoe",
        group_id=vip.id,
        birthday="14/07/1985",
        consents={"email": True},
    )
    with db.reader() as uow:
        stored = customers.get_customer(uow, zoe.id)
    assert stored.civility == "Mme"
    assert stored.full_name == "Mme Zoë Lefèvre-Œuvray"
    assert stored.display_name == "Lefèvre-Œuvray Zoë"
    assert stored.email == "Zoe.Lefevre@orange.fr"
    assert stored.phone == "+33612345678"
    assert stored.reference == "4006381333931"
    assert stored.account_number == "411ZOE"
    assert stored.group_name == "VIP" and stored.group_discount_bp == 1000
    assert stored.birthday is not None and stored.birthday.isoformat() == "1985-07-14"
    consent = stored.consent("email")
    assert consent is not None and consent.granted and consent.source == "form"


def test_company_needs_valid_siret_and_vat(db: Database) -> None:
    with db.uow() as uow, pytest.raises(ValidationError) as err:
        customers.create_customer(
            uow,
            CustomerDraft(
                kind="company",
                company_name="Boulangerie Martin",
                siret="73282932000075",
                vat_number="FR00123456789",
            ),
        )
    assert set(err.value.fields) == {"siret", "vat_number"}
    assert "SIRET" in err.value.fields["siret"].fr
    made = company(
        db,
        "Boulangerie Martin",
        siret="732 829 320 00074",
        vat_number="FR 44 732829320",
        legal_form="SARL",
    )
    assert made.siret == "73282932000074"
    assert made.vat_number == "FR44732829320"
    assert made.civility == ""


def test_each_wrong_field_is_named_in_french_and_english(db: Database) -> None:
    draft = CustomerDraft(
        kind="person",
        last_name="",
        email="pas-un-email",
        phone="12",
        postcode="7500",
        reference="4006381333932",
        account_number="411-ABC",
    )
    with db.uow() as uow, pytest.raises(ValidationError) as err:
        customers.create_customer(uow, draft)
    fields = err.value.fields
    assert set(fields) == {"last_name", "email", "phone", "postcode", "reference", "account_number"}
    assert "clé de contrôle" in fields["reference"].fr
    assert "check digit" in fields["reference"].en
    assert "5 chiffres" in fields["postcode"].fr
    with db.reader() as uow:
        assert customers.count_customers(uow) == 0


def test_duplicate_reference_names_the_holder(db: Database) -> None:
    person(db, "Dupont", "Jean", reference="4006381333931")
    with db.uow() as uow, pytest.raises(DuplicateReferenceError) as err:
        customers.create_customer(
            uow, CustomerDraft(kind="person", last_name="Durand", reference="4006381333931")
        )
    assert "Dupont Jean" in err.value.message("fr")
    assert err.value.fields["reference"].en.startswith("Reference 4006381333931")


def test_update_keeps_own_reference_and_changes_fields(db: Database) -> None:
    jean = person(db, "Dupont", "Jean", reference="CARTE-12")
    draft = jean.to_draft()
    changed = CustomerDraft(**{**_asdict(draft), "city": "Lyon", "postcode": "69001"})
    with db.uow() as uow:
        saved = customers.update_customer(uow, jean.id, changed)
    assert saved.city == "Lyon" and saved.reference == "CARTE-12"
    assert saved.updated_at >= jean.updated_at


def test_delete_removes_for_good(db: Database) -> None:
    jean = person(db, "Dupont", "Jean", reference="CARTE-12", consents={"sms": True})
    with db.uow() as uow:
        removed = customers.delete_customer(uow, jean.id)
    assert removed.display_name == "Dupont Jean"
    with db.reader() as uow:
        with pytest.raises(NotFoundError):
            customers.get_customer(uow, jean.id)
        assert customers.find_by_reference(uow, "CARTE-12") is None


def test_find_by_reference_normalises_the_code(db: Database) -> None:
    jean = person(db, "Dupont", "Jean", reference="abc123")
    with db.reader() as uow:
        found = customers.find_by_reference(uow, "  ABC123 ")
        assert found is not None and found.id == jean.id
        assert customers.find_by_reference(uow, "4006381333932") is None  # bad check digit


def test_possible_duplicates(db: Database) -> None:
    jean = person(db, "Dupont", "Jean", email="jean@example.fr", phone="0612345678")
    other = person(db, "Martin", "Paul")
    with db.reader() as uow:
        by_email = customers.possible_duplicates(
            uow, CustomerDraft(last_name="X", email="JEAN@example.fr")
        )
        by_phone = customers.possible_duplicates(
            uow, CustomerDraft(last_name="X", phone="+33 6 12 34 56 78")
        )
        by_name = customers.possible_duplicates(
            uow, CustomerDraft(last_name="dupont", first_name="jean-marc")
        )
        none = customers.possible_duplicates(uow, CustomerDraft(last_name="Durand"))
        itself = customers.possible_duplicates(
            uow, CustomerDraft(last_name="Martin", first_name="Paul"), exclude_id=other.id
        )
    assert [c.id for c in by_email] == [jean.id]
    assert [c.id for c in by_phone] == [jean.id]
    assert [c.id for c in by_name] == [jean.id]
    assert none == [] and itself == []


def test_possible_duplicates_are_the_first_in_name_order_whatever_the_resemblance(
    db: Database,
) -> None:
    by_mobile = person(db, "Zola", "Émile", mobile="06 98 76 54 32")
    by_email = person(db, "Adam", "Léa", email="Lea.Adam@Example.fr")
    by_name = person(db, "Martin", "Paul-Henri")
    same_name = person(db, "Martin", "Paul")
    person(db, "Martin", "Jacques")  # another first letter: not a duplicate
    draft = CustomerDraft(
        last_name="Martin", first_name="Paul", email="lea.adam@example.FR", mobile="0698765432"
    )
    with db.reader() as uow:
        every = customers.possible_duplicates(uow, draft)
        first_two = customers.possible_duplicates(uow, draft, limit=2)
        others = customers.possible_duplicates(uow, draft, exclude_id=same_name.id)
    assert [c.id for c in every] == [by_email.id, same_name.id, by_name.id, by_mobile.id]
    assert [c.id for c in first_two] == [by_email.id, same_name.id]
    assert [c.id for c in others] == [by_email.id, by_name.id, by_mobile.id]


def _asdict(draft: CustomerDraft) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(draft)
