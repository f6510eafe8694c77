"""Every plan of the directory search finds exactly the customers the rules say, on both
engines: within a group, counted, for the export (`where_matching`), sparse or dense, with
words, email fragments (with or without three characters in a row), or both."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pos_clients.data import customer_search
from pos_clients.data.database import Database
from pos_clients.data.tables import customer_table
from tests.helpers.factories import group, person

FIRST = ["Jean", "Paul", "Léa", "Zoé", "Anne"]
LAST = ["Dupont", "Dupuis", "Martin", "Lefèvre", "Petit", "Durand"]
DOMAINS = ["free.fr", "orange.fr", "exemple.com"]
QUERIES = [
    "dup",  # one word
    "jean dup",  # several words
    "lefev zoe",
    "@free.fr",  # a fragment at a word boundary
    "free.fr",
    "ean.dup",  # a fragment inside a word (and the words `ean`, `dup`)
    "._1@",  # `_`: a wildcard on SQLite; no three characters in a row
    "l_dupuis.",  # `_` in a fragment with three characters in a row
    "an du",  # short words
    "a.d",
    "nobody@",
    "lefevre",  # longer than the prefix indexes: spelled out for a group's candidates
    "durands",  # longer than the prefix indexes, and nobody's word
    "jean dupuis free",  # Jean Dupuis has the two longest words, not `free`: checked
]
FINDS_NO_ONE = ("nobody@", "durands", "jean dupuis free")


@pytest.fixture
def shop(db: Database) -> tuple[Database, int]:
    vip = group(db, "VIP").id
    for i in range(36):
        first, last = FIRST[i % len(FIRST)], LAST[i % len(LAST)]
        separator = "_" if i % 4 == 0 else "."
        local = f"{first.lower()}{separator}{last.lower()}.{i}".replace("é", "e").replace("è", "e")
        person(
            db,
            last,
            first,
            email=f"{local}@{DOMAINS[i % len(DOMAINS)]}" if i % 7 else "",
            group_id=vip if i % 2 else None,
        )
    return db, vip


def _expected(db: Database, query: str, group_id: int | None) -> set[int]:
    """The rules, in Python: each word typed starts a word of the customer's, or (for text
    that looks like part of an address) the email holds the fragment."""
    parsed = customer_search.parse(query)
    c = customer_table.c
    with db.reader() as uow:
        rows = uow.session.execute(select(c.id, c.search_text, c.email, c.group_id)).all()
    wildcard = db.dialect == "sqlite"  # `_` is one character in SQLite's pattern
    fragment = parsed.email_fragment or ""
    pattern = re.compile(
        "".join("." if ch == "_" and wildcard else re.escape(ch) for ch in fragment)
    )
    found = set()
    for customer_id, search_text, email, gid in rows:
        if group_id is not None and gid != group_id:
            continue
        own = search_text.split()
        by_words = bool(parsed.words) and all(
            any(w.startswith(typed) for w in own) for typed in parsed.words
        )
        by_email = bool(fragment) and email is not None and bool(pattern.search(email.lower()))
        if by_words or by_email:
            found.add(customer_id)
    return found


def _searched(db: Database, query: str, group_id: int | None) -> set[int]:
    with db.reader() as uow:
        page = customer_search.search(uow, query, group_id=group_id, limit=500)
        assert page.next_cursor is None
        return {item.id for item in page.items}


def _counted(db: Database, query: str, group_id: int | None) -> int:
    with db.reader() as uow:
        return customer_search.count(uow, query, group_id=group_id)


def _exported(db: Database, query: str) -> set[int]:
    c = customer_table.c
    with db.reader() as uow:
        stmt = customer_search.where_matching(select(c.id), query, db.dialect)
        return set(uow.session.scalars(stmt))


@pytest.mark.parametrize("query", QUERIES)
def test_every_plan_finds_exactly_the_matching_customers(
    shop: tuple[Database, int], query: str
) -> None:
    db, vip = shop
    everyone, members = _expected(db, query, None), _expected(db, query, vip)
    if query not in FINDS_NO_ONE and (db.dialect == "sqlite" or "_" not in query):
        assert members, query  # the directory is made so that every query finds someone
    assert _searched(db, query, None) == everyone
    assert _searched(db, query, vip) == members
    assert _counted(db, query, None) == len(everyone)
    assert _counted(db, query, vip) == len(members)
    assert _exported(db, query) == everyone


@pytest.mark.parametrize("query", QUERIES)
def test_dense_queries_take_the_other_plans_and_find_the_same(
    shop: tuple[Database, int], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # WALK_FROM 2: any query matching two customers counts as dense (index subqueries within
    # a group, a walk in name order without one).
    db, vip = shop
    monkeypatch.setattr(customer_search, "WALK_FROM", 2)
    assert _searched(db, query, None) == _expected(db, query, None)
    members = _expected(db, query, vip)
    assert _searched(db, query, vip) == members
    assert _counted(db, query, vip) == len(members)


@pytest.mark.parametrize("walk_from", [2, 10**9])
@pytest.mark.parametrize("query", ["", "dup", "jean dup", "lefevre", "@free.fr", "ean.dup"])
def test_a_group_is_paged_in_name_order(
    shop: tuple[Database, int], query: str, walk_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # walk_from 2: the group's members walked in name order; 10**9: the candidates sorted.
    db, vip = shop
    monkeypatch.setattr(customer_search, "WALK_FROM", walk_from)
    wanted = _expected(db, query, vip)  # (none for the empty query: every member listed)
    c = customer_table.c
    with db.reader() as uow:
        ordered = uow.session.execute(
            select(c.id).where(c.group_id == vip).order_by(c.sort_key, c.id)
        ).scalars()
        expected = [i for i in ordered if i in wanted or not query]
        seen: list[int] = []
        page = customer_search.search(uow, query, limit=2, group_id=vip)
        seen += [item.id for item in page.items]
        while page.next_cursor is not None:
            page = customer_search.search(uow, query, after=page.next_cursor, limit=2, group_id=vip)
            seen += [item.id for item in page.items]
    assert seen == expected
    assert expected
