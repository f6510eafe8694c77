"""Classifying scanned codes against a real database, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.scan_lookup import classify_in, find_card_holder
from pos_clients.scanning import CustomerCard, ItemCode, RejectedCode, ScanRules, UnknownCode
from tests.helpers import factories

CARD = "0400000000015"


def test_the_card_holder_is_the_customer_as_the_directory_has_them(db: Database) -> None:
    vip = factories.group(db, "VIP", discount_bp=1500)
    made = factories.person(
        db,
        "Lefèvre",
        "Zoë",
        reference=CARD,
        group_id=vip.id,
        email="zoe@example.fr",
        birthday="1990-02-03",
        city="Lyon",
    )
    factories.company(db, "Boulangerie Martin", reference="carte-77")
    with db.connection() as conn:
        found = find_card_holder(conn, CARD)
        by_lower_case = find_card_holder(conn, "CARTE-77")
        assert find_card_holder(conn, "0400000000022") is None
        assert find_card_holder(conn, "") is None
    with db.reader() as uow:
        expected = customers.find_by_reference(uow, CARD)
    assert expected is not None and found == replace(expected, consents=())
    assert found.id == made.id and found.group_discount_bp == 1500
    assert by_lower_case is not None and by_lower_case.display_name == "Boulangerie Martin"


def test_classify_in_each_case(db: Database) -> None:
    zoe = factories.person(db, "Lefèvre", "Zoë", reference=CARD)
    items = {"3017620422003": "Pâte à tartiner"}
    seen_uows: list[object] = []

    def find_item(uow: object, code: str) -> object | None:
        seen_uows.append(uow)
        return items.get(code)

    rules = ScanRules()
    card = classify_in(db, CARD, rules, find_item)
    assert isinstance(card, CustomerCard) and card.customer.id == zoe.id
    assert seen_uows == []  # a card found by its prefix needs no item look-up
    assert isinstance(classify_in(db, "3017620422003", rules, find_item), ItemCode)
    assert classify_in(db, "000123", rules, find_item) == UnknownCode("000123")
    assert isinstance(classify_in(db, "3017620422004", rules, find_item), RejectedCode)
