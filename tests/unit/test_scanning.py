"""The classifier: refused misreads, the card prefix rule, unknown codes."""

from __future__ import annotations

from datetime import datetime

from pos_clients.customers import Customer
from pos_clients.scanning import (
    CustomerCard,
    ItemCode,
    RejectedCode,
    ScanRules,
    UnknownCode,
    classify,
    clean_code,
    ean_check_digit_ok,
)


def customer(customer_id: int, reference: str) -> Customer:
    now = datetime(2026, 1, 1)
    return Customer(
        id=customer_id, kind="person", civility="", first_name="Zoë", last_name="Lefèvre",
        company_name="", legal_form="", siret="", vat_number="", contact_name="", email=None,
        phone=None, mobile=None, address_line1="", address_line2="", postcode="", city="",
        country="FR", reference=reference, account_number=None, group_id=None,
        group_name=None, group_discount_bp=0, notes="", birthday=None, created_at=now,
        updated_at=now,
    )  # fmt: skip


CARD = "0400000000015"  # EAN-13 with a right check digit, loyalty prefix
ITEM = "3017620422003"


def lookups(customers: dict[str, Customer], items: dict[str, str]):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def find_customer(code: str) -> Customer | None:
        asked.append("customer")
        return customers.get(code)

    def find_item(code: str) -> str | None:
        asked.append("item")
        return items.get(code)

    return find_customer, find_item, asked


def test_ean_check_digits() -> None:
    assert ean_check_digit_ok(CARD)
    assert ean_check_digit_ok(ITEM)
    assert ean_check_digit_ok("96385074")
    assert not ean_check_digit_ok("3017620422004")


def test_a_card_finds_its_customer() -> None:
    fc, fi, asked = lookups({CARD: customer(7, CARD)}, {})
    result = classify(CARD + "\r\n", fc, fi)
    assert isinstance(result, CustomerCard) and result.customer.id == 7
    assert asked == ["customer"]


def test_an_item_barcode_finds_its_item() -> None:
    fc, fi, asked = lookups({}, {ITEM: "Pâte à tartiner"})
    result = classify(ITEM, fc, fi)
    assert isinstance(result, ItemCode) and result.item == "Pâte à tartiner"
    assert asked == ["item"]


def test_both_a_card_and_an_item_prefix_decides() -> None:
    both_card = CARD
    both_item = ITEM
    shared = {both_card: customer(1, both_card), both_item: customer(2, both_item)}
    items = {both_card: "article", both_item: "article"}
    fc, fi, _ = lookups(shared, items)
    assert isinstance(classify(both_card, fc, fi), CustomerCard)
    assert isinstance(classify(both_item, fc, fi), ItemCode)
    # Another prefix setting changes the rule.
    assert isinstance(classify(both_item, fc, fi, ScanRules(card_prefix="30")), CustomerCard)
    assert isinstance(classify(both_card, fc, fi, ScanRules(card_prefix="")), ItemCode)


def test_a_card_without_the_prefix_is_still_found() -> None:
    fc, fi, _ = lookups({"ABC123": customer(3, "ABC123")}, {})
    result = classify("ABC123", fc, fi)
    assert isinstance(result, CustomerCard) and result.customer.id == 3


def test_unknown_code_is_said_with_the_code_and_leading_zeros() -> None:
    fc, fi, _ = lookups({}, {})
    result = classify("000123", fc, fi)
    assert result == UnknownCode("000123")
    assert result.describe().fr == "Code inconnu : 000123"


def test_misread_ean_is_refused_not_looked_up() -> None:
    fc, fi, asked = lookups({"0400000000016": customer(9, "x")}, {})
    result = classify("0400000000016", fc, fi)
    assert isinstance(result, RejectedCode)
    assert "clé de contrôle" in result.describe().fr
    assert asked == []


def test_overlong_and_empty_codes_are_refused() -> None:
    fc, fi, asked = lookups({}, {})
    assert isinstance(classify("9" * 65, fc, fi), RejectedCode)
    assert isinstance(classify("\r\n\t ", fc, fi), RejectedCode)
    assert asked == []


def test_clean_code_strips_controls_keeps_zeros() -> None:
    assert clean_code("\x02 0012\x03\r\n") == "0012"
