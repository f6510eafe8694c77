"""Checkout (R4): a paid ticket becomes a numbered, chained invoice that copies everything."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from pos_clients import checkout, customers, groups, invoices, items
from pos_clients.data.database import Database
from pos_clients.data.register_tables import invoice_table
from pos_clients.errors import PosError, ValidationError
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.items import ItemDraft
from pos_clients.sale_hooks import SaleOptions, _hooks
from pos_clients.tickets import Tender, Ticket
from tests.helpers.factories import group, person
from tests.helpers.register_sales import item, sale


def test_sale_with_vip_customer_is_invoiced_with_discount_and_change(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    zoe = person(
        db,
        "Lefèvre",
        "Zoë",
        civility="Mme",
        email="zoe@example.fr",
        group_id=vip.id,
        address_line1="3 rue de l'Église",
        postcode="75004",
        city="Paris",
        reference="4006381333931",
        account_number="411ZOE",
    )
    croissant = item(db, "Croissant", "1,15", "5,5", "3760001000016", "Viennoiseries")
    coffee = item(db, "Café", "1,80", "10", "", "Boissons")
    ticket = Ticket().add(croissant.ticket_line(3)).add(coffee.ticket_line())
    ticket = ticket.with_customer(checkout.customer_on_ticket(zoe))
    with db.uow() as uow:
        invoice = checkout.checkout(
            uow,
            ticket,
            [Tender("card", 200), Tender("cash", 500)],
            till="Caisse 1",
            cashier="Léa",
            at=datetime(2026, 11, 28, 9, 30),
        )
    assert invoice.number == "F2026-000001"
    assert invoice.discount_label == "Remise VIP −10 %"
    assert [line.total_cents for line in invoice.lines] == [310, 162]
    assert invoice.totals.total_cents == 472
    assert [(p.method, p.amount_cents, p.change_cents) for p in invoice.payments] == [
        ("card", 200, 0),
        ("cash", 272, 228),
    ]
    assert invoice.customer is not None and invoice.customer.full_name == "Mme Zoë Lefèvre"
    assert invoice.customer.group == "VIP" and invoice.customer.group_discount_bp == 1000
    assert invoice.hash == invoice.compute_hash()
    with db.reader() as uow:
        assert invoices.get_invoice(uow, "F2026-000001") == invoice


def test_invoice_unchanged_after_customer_and_group_are_deleted(db: Database) -> None:
    vip = group(db, "VIP", 1500)
    zoe = person(
        db,
        "Durand",
        "Zoé",
        email="zoe@example.fr",
        group_id=vip.id,
        address_line1="1 place du Marché",
        postcode="69001",
        city="Lyon",
    )
    bread = item(db, "Baguette", "1,10")
    issued = sale(db, [(bread, 2)], zoe)
    with db.uow() as uow:
        customers.delete_customer(uow, zoe.id)
    with db.uow() as uow:
        groups.delete_group(uow, vip.id)
    with db.uow() as uow:
        items.update_item(uow, bread.id, ItemDraft("Baguette tradition", "1,30", "5,5"))
    with db.reader() as uow:
        again = invoices.get_invoice(uow, issued.number)
        listed = invoices.list_invoices(uow, customer="durand")
    assert again == issued
    assert again.customer is not None
    assert (again.customer.last_name, again.customer.city, again.customer.group) == (
        "Durand",
        "Lyon",
        "VIP",
    )
    assert again.customer.group_discount_bp == 1500
    assert again.lines[0].name == "Baguette" and again.lines[0].unit_price_cents == 110
    assert [s.number for s in listed] == [issued.number]


def test_unpaid_or_empty_ticket_writes_nothing(db: Database) -> None:
    bread = item(db, "Baguette", "1,10")
    ticket = Ticket().add(bread.ticket_line(2))
    with db.uow() as uow, pytest.raises(PosError, match="Il reste 1,20"):
        checkout.checkout(uow, ticket, [Tender("cash", 100)])
    with db.uow() as uow, pytest.raises(PosError, match="vide"):
        checkout.checkout(uow, Ticket(), [])
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(invoice_table)) == 0


def test_hook_failure_cancels_the_whole_sale(db: Database) -> None:
    bread = item(db, "Baguette", "1,10")
    seen: list[str] = []

    def failing_hook(uow: object, invoice: IssuedInvoice, options: SaleOptions) -> None:
        seen.append(invoice.number)
        raise PosError(checkout.Text("Imprimante absente", "No printer"))

    _hooks.append(failing_hook)
    try:
        with pytest.raises(PosError):
            sale(db, [(bread, 1)])
    finally:
        _hooks.remove(failing_hook)
    assert seen == ["F2026-000001"] or seen[0].endswith("-000001")
    second = sale(db, [(bread, 1)])
    assert second.number.endswith("-000001")  # the failed sale left no gap


def test_credit_note_cancels_an_invoice_once(db: Database) -> None:
    bread = item(db, "Baguette", "1,10")
    issued = sale(db, [(bread, 3)], method="cash")
    with db.uow() as uow:
        credit = invoices.issue_credit_note(uow, issued.number, till="Caisse 2", cashier="Max")
    assert credit.number.startswith("A") and credit.number.endswith("-000001")
    assert credit.corrects == issued.number
    assert credit.totals.total_cents == -330
    assert credit.previous_hash == issued.hash
    assert [p.amount_cents for p in credit.payments] == [-330]
    with db.uow() as uow, pytest.raises(PosError, match="déjà annulée"):
        invoices.issue_credit_note(uow, issued.number, till="Caisse 2", cashier="Max")
    with db.uow() as uow, pytest.raises(PosError, match="avoir"):
        invoices.issue_credit_note(uow, credit.number, till="Caisse 2", cashier="Max")


def test_items_are_checked_and_found_by_barcode(db: Database) -> None:
    with db.uow() as uow, pytest.raises(ValidationError) as caught:
        items.create_item(uow, ItemDraft("", "abc", "7", "3760001000017"))
    assert set(caught.value.fields) == {"name", "price", "vat_rate", "code"}
    tart = item(db, "Tarte aux pommes", "12,50", "5,5", "3760001000016", "Pâtisseries")
    with db.reader() as uow:
        assert items.find_by_barcode(uow, " 3760001000016 ") == tart
        assert items.find_by_barcode(uow, "0000") is None
        assert items.search_items(uow, "pomme") == [tart]
    with db.uow() as uow:
        report = items.import_csv(
            uow,
            "name;price;vat_rate;code;category\nÉclair;2,40;5,5;;Pâtisseries\n"
            "Faux;1;20;3760001000016;\nMauvais;x;20;;\n",
        )
    assert report.created == 1 and [line for line, _ in report.errors] == [3, 4]


def test_ticket_customer_read_model_matches_the_directory(db: Database) -> None:
    from pos_clients.ticket_customers import ticket_customer, ticket_customer_by_reference

    vip = group(db, "VIP", 1000)
    zoe = person(
        db,
        "Lefèvre",
        "Zoë",
        civility="Mme",
        email="zoe@example.fr",
        group_id=vip.id,
        phone="06 12 34 56 78",
        address_line1="3 rue de l'Église",
        postcode="75004",
        city="Paris",
        reference="4006381333931",
        account_number="411ZOE",
    )
    plain = person(db, "Martin")
    expected = checkout.customer_on_ticket(zoe)
    with db.reader() as uow:
        assert ticket_customer(uow, zoe.id) == expected
        assert ticket_customer_by_reference(uow, " 4006381333931 ") == expected
        assert ticket_customer_by_reference(uow, "4006381333932") is None
        assert ticket_customer(uow, plain.id) == checkout.customer_on_ticket(plain)
        assert ticket_customer(uow, 10_000) is None


def test_numbers_restart_each_shop_year_and_closings_follow_local_days(db: Database) -> None:
    from pos_clients import closings

    bread = item(db, "Baguette", "1,10")
    last_of_year = sale(db, [(bread, 1)], at=datetime(2026, 12, 31, 22, 0))  # 23:00 in Paris
    first_of_year = sale(db, [(bread, 2)], at=datetime(2026, 12, 31, 23, 30))  # 00:30 in Paris
    assert last_of_year.number == "F2026-000001"
    assert first_of_year.number == "F2027-000001"
    with db.reader() as uow:
        made = closings.list_closings(uow)
    assert [(c.kind, c.period, c.invoice_count, c.total_cents) for c in made] == [
        ("month", "2026-12", 1, 110),
        ("day", "2026-12-31", 1, 110),
    ]
