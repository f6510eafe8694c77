"""The directory search (D6) on both engines: accents, prefixes, phones, emails, user syntax."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database
from tests.helpers.factories import company, person


@pytest.fixture
def shop(db: Database) -> Database:
    person(
        db,
        "Lefèvre-Œuvray",
        "Zoë",
        email="zoe.lefevre@orange.fr",
        phone="06 12 34 56 78",
        postcode="75004",
        city="Paris",
        reference="4006381333931",
    )
    person(db, "Helene", "Marie", email="marie.helene@gmail.com", postcode="69001", city="Lyon")
    person(db, "Dupont", "Hélène", phone="01 45 67 89 10", postcode="75011", city="Paris")
    person(db, "Dupond", "Jean", city="Marseille", postcode="13001")
    company(db, "Boulangerie Dupuis", contact_name="Paul Martin", city="Lille", postcode="59000")
    return db


def names(db: Database, query: str) -> list[str]:
    with db.reader() as uow:
        return [item.display_name for item in customer_search.search(uow, query).items]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hélène", ["Dupont Hélène", "Helene Marie"]),
        ("helene", ["Dupont Hélène", "Helene Marie"]),
        ("HELENE", ["Dupont Hélène", "Helene Marie"]),
        ("lefevre", ["Lefèvre-Œuvray Zoë"]),
        ("oeuvray", ["Lefèvre-Œuvray Zoë"]),
        ("Œuvray", ["Lefèvre-Œuvray Zoë"]),
        ("dup", ["Boulangerie Dupuis", "Dupond Jean", "Dupont Hélène"]),
        ("hel dup", ["Dupont Hélène"]),
        ("dup hel", ["Dupont Hélène"]),
        ("0612", ["Lefèvre-Œuvray Zoë"]),
        ("06 12", ["Lefèvre-Œuvray Zoë"]),
        ("+33 6 12", ["Lefèvre-Œuvray Zoë"]),
        ("06.12.34", ["Lefèvre-Œuvray Zoë"]),
        ("0145", ["Dupont Hélène"]),
        ("orange.fr", ["Lefèvre-Œuvray Zoë"]),
        ("efevre@", ["Lefèvre-Œuvray Zoë"]),
        ("gmail", ["Helene Marie"]),
        ("4006381333931", ["Lefèvre-Œuvray Zoë"]),
        ("75004", ["Lefèvre-Œuvray Zoë"]),
        ("paris", ["Dupont Hélène", "Lefèvre-Œuvray Zoë"]),
        ("martin", ["Boulangerie Dupuis"]),
        ("du", ["Dupond Jean", "Dupont Hélène"]),
        ("d", ["Dupond Jean", "Dupont Hélène"]),
        ("nobody", []),
    ],
)
def test_search_finds(shop: Database, query: str, expected: list[str]) -> None:
    assert names(shop, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "-",
        "AND",
        "OR",
        "NEAR(",
        "du*",
        '"dup',
        "%",
        "_",
        "\\",
        "a'b",
        "dup -jean",
        "NOT dup",
        "^",
        "{col}:x",
        "\x00",
        "é" * 500,
        "@",
        "...",
    ],
)
def test_typed_syntax_is_searched_for_never_an_error(shop: Database, query: str) -> None:
    with shop.reader() as uow:
        page = customer_search.search(uow, query)
        customer_search.count(uow, query)
    assert all(item.display_name for item in page.items)


def test_operators_are_plain_words(shop: Database) -> None:
    # `dup*` and `"dup` mean the word dup, not FTS syntax.
    assert names(shop, "dup*") == names(shop, "dup")
    assert names(shop, '"dup') == names(shop, "dup")
    # A percent sign is not a wildcard.
    assert names(shop, "%") == []


def test_pages_by_key_cover_everything_once(db: Database) -> None:
    for i in range(23):
        person(db, "Martin", f"Client{i:02d}")
    seen: list[int] = []
    with db.reader() as uow:
        page = customer_search.search(uow, "martin", limit=10)
        seen += [i.id for i in page.items]
        while page.next_cursor is not None:
            page = customer_search.search(uow, "martin", after=page.next_cursor, limit=10)
            seen += [i.id for i in page.items]
        assert customer_search.count(uow, "martin") == 23
        assert customer_search.count(uow, "martin", cap=5) == 6
    assert len(seen) == 23 == len(set(seen))


def test_empty_query_lists_directory_by_name(shop: Database) -> None:
    assert names(shop, "") == [
        "Boulangerie Dupuis",
        "Dupond Jean",
        "Dupont Hélène",
        "Helene Marie",
        "Lefèvre-Œuvray Zoë",
    ]


@pytest.mark.parametrize("query", ["", "z"])
def test_each_row_shows_the_name_the_customer_record_shows(shop: Database, query: str) -> None:
    person(shop, "Zorro")  # no first name
    company(shop, "Zèbre & Cie", contact_name="Zoé Martin")
    with shop.reader() as uow:
        page = customer_search.search(uow, query, limit=1000)
        assert page.items
        for item in page.items:
            assert item.display_name == customers.get_customer(uow, item.id).display_name
        assert "Zorro" in [item.display_name for item in page.items]


def test_index_follows_updates_and_deletes(db: Database) -> None:
    from dataclasses import replace

    from pos_clients import customers

    jean = person(db, "Dupont", "Jean", email="jean@exemple.fr")
    with db.uow() as uow:
        customers.update_customer(
            uow, jean.id, replace(jean.to_draft(), last_name="Durand", email="jd@autre.fr")
        )
    assert names(db, "dupont") == []
    assert names(db, "durand") == ["Durand Jean"]
    assert names(db, "exemple.fr") == []
    assert names(db, "autre.fr") == ["Durand Jean"]
    with db.uow() as uow:
        customers.delete_customer(uow, jean.id)
    assert names(db, "durand") == []


@pytest.fixture
def digits_shop(shop: Database) -> Database:
    """Digits that `33…` may begin: a French phone (Zoë's), a postcode of the Gironde, a card;
    and a Belgian phone."""
    person(shop, "Garcia", "Luis", postcode="33612", city="Cestas")
    person(shop, "Bernard", "Anne", reference="336123")
    person(shop, "Peeters", "Jan", phone="+32 475 12 34 56", city="Bruxelles", country="BE")
    return shop


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # French phones are indexed in their national form only: digits typed as the
        # international form without its + find them too, and what else starts so.
        ("33612", ["Bernard Anne", "Garcia Luis", "Lefèvre-Œuvray Zoë"]),
        ("33 6 12 34", ["Lefèvre-Œuvray Zoë"]),
        ("336 12 34 56 78", ["Lefèvre-Œuvray Zoë"]),
        ("0033 6 12 34", ["Lefèvre-Œuvray Zoë"]),
        ("lefevre 33612", ["Lefèvre-Œuvray Zoë"]),
        ("33612 paris", ["Lefèvre-Œuvray Zoë"]),
        ("cestas 33612", ["Garcia Luis"]),
        ("3361234567", ["Lefèvre-Œuvray Zoë"]),
        ("33145", ["Dupont Hélène"]),
        ("3306", []),
        # A number outside France keeps both forms.
        ("32475", ["Peeters Jan"]),
        ("+32 475", ["Peeters Jan"]),
        ("0475 12", ["Peeters Jan"]),
    ],
)
def test_digits_of_an_international_number_find_a_french_phone(
    digits_shop: Database, query: str, expected: list[str]
) -> None:
    assert names(digits_shop, query) == expected
    with digits_shop.reader() as uow:
        assert customer_search.count(uow, query) == len(expected)


def test_a_french_phone_is_indexed_by_its_national_digits_only(digits_shop: Database) -> None:
    with digits_shop.reader() as uow:
        stored = dict(
            uow.session.execute(text("SELECT last_name, search_text FROM customer")).all()
        )
    assert " 0612345678" in stored["Lefèvre-Œuvray"]
    assert "33612345678" not in stored["Lefèvre-Œuvray"]
    assert " 0475123456" in stored["Peeters"] and " 32475123456" in stored["Peeters"]


def test_a_row_indexed_with_the_international_form_is_found_once(shop: Database) -> None:
    # Customers saved before French phones lost their international form in the index still
    # hold it until they are saved again: both forms match them, each once.
    with shop.uow() as uow:
        uow.session.execute(
            text(
                "UPDATE customer SET search_text = search_text || ' 33612345678' "
                "WHERE phone = '+33612345678'"
            )
        )
    for query in ("33612", "lefevre 3361234", "0612"):
        assert names(shop, query) == ["Lefèvre-Œuvray Zoë"], query


@pytest.mark.parametrize("walk_from", [1, 10**9])
def test_walking_by_name_and_sorting_matches_find_the_same(
    shop: Database, monkeypatch: pytest.MonkeyPatch, walk_from: int
) -> None:
    # A dense query walks the directory in name order; a sparse one sorts its matches.
    # Both plans must give the same pages (SQLite; PostgreSQL has one plan).
    for i in range(30):
        person(shop, "Martin", f"Client{i:02d}", email=f"c{i}@orange.fr", city="Paris")
    queries = ["martin", "mar cli", "orange.fr", "paris", "c1@", "dup", "0612", "zzz", "hel dup"]
    queries += ["33612", "paris 3361"]
    expected = {}
    for query in queries:
        with shop.reader() as uow:
            expected[query] = _all_pages(uow, query)
    monkeypatch.setattr(customer_search, "WALK_FROM", walk_from)
    for query in queries:
        with shop.reader() as uow:
            assert _all_pages(uow, query) == expected[query], query
    assert len(expected["martin"]) == 31 and len(expected["orange.fr"]) == 31


def _all_pages(uow: object, query: str) -> list[int]:
    from pos_clients.data.database import UnitOfWork

    assert isinstance(uow, UnitOfWork)
    seen: list[int] = []
    page = customer_search.search(uow, query, limit=7)
    seen += [i.id for i in page.items]
    while page.next_cursor is not None:
        page = customer_search.search(uow, query, after=page.next_cursor, limit=7)
        seen += [i.id for i in page.items]
    return seen
