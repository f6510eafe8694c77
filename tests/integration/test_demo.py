"""Demo data (issue 2): valid by the form's own checks, searchable at once, on both engines."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from stdnum.fr import siret, tva

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database
from pos_clients.data.tables import customer_table
from pos_clients.demo.customers import fill_customers
from pos_clients.demo.numbers import loyalty_reference


def test_demo_customers_pass_every_field_check(db: Database) -> None:
    made = fill_customers(db, 400, seed=3)
    assert made.count == 400
    with db.reader() as uow:
        ids = list(uow.session.scalars(select(customer_table.c.id)))
        everyone = [customers.get_customer(uow, i) for i in ids]
    assert len(everyone) == 400
    kinds = Counter(c.kind for c in everyone)
    assert kinds["company"] > 20 and kinds["person"] > 250
    for c in everyone:
        # The form's checks accept every demo customer as it is.
        again = customers.clean(c.to_draft())
        assert again.reference == c.reference and again.phone == c.phone
        if c.is_company:
            assert siret.is_valid(c.siret)
            assert not c.vat_number or (tva.is_valid(c.vat_number) and c.siret[:9] in c.vat_number)
    refs = [c.reference for c in everyone if c.reference]
    assert len(refs) == len(set(refs)) > 300
    assert all(r.startswith("04") and len(r) == 13 for r in refs)
    assert 0.1 < sum(1 for c in everyone if not c.email) / 400 < 0.5
    assert {c.group_name for c in everyone} >= {"VIP", "Professionnels", None}


def test_demo_is_indexed_for_search(db: Database) -> None:
    fill_customers(db, 200, seed=5)
    with db.reader() as uow:
        page = customer_search.search(uow, "", limit=200)
        for item in page.items[::17]:
            word = item.display_name.split()[0]
            found = customer_search.search(uow, word, limit=200).items
            assert item.id in [f.id for f in found]
            if item.email:
                found = customer_search.search(uow, item.email, limit=200).items
                assert item.id in [f.id for f in found]


def test_loyalty_references_are_distinct_and_valid() -> None:
    from stdnum import ean

    cards = [loyalty_reference(n) for n in range(1, 20_001)]
    assert len(set(cards)) == 20_000
    assert all(ean.is_valid(c) and c.startswith("04") for c in cards[::97])
