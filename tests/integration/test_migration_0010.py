"""Migration 0010 (SQLite): a directory at 0009 comes to head with its email trigram table
telling local parts from domains (`search_index.email_text`), finds every address holding a
fragment as before, keeps it in step; the downgrade makes the table as it was."""

from __future__ import annotations

from dataclasses import replace

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import current_revision, downgrade_to
from pos_clients.data.search_index import EMAIL_FTS, email_split
from tests.helpers.factories import company, person
from tests.helpers.fts import assert_ranked_index_matches, indexed_terms
from tests.helpers.migrations import upgrade_to

ADDRESSES = {
    "Fabre": "Antoinette.Fabre@orange.fr",
    "Martin": "antoinette.martin@orange.fr",  # every trigram of `toinette.f`, not the fragment
    "Gauthier": "zoé.gauthier@exemple.fr",
    "Orange": "contact@toinette.fr",  # `toinette.f` in a domain
}


def _emails(db: Database, fragment: str) -> list[str]:
    with db.reader() as uow:
        return sorted(c.email or "" for c in customer_search.search(uow, fragment).items)


def _check(db: Database) -> None:
    with db.connection() as conn:
        assert_ranked_index_matches(conn)
    assert _emails(db, "toinette.f") == [
        "Antoinette.Fabre@orange.fr",
        "contact@toinette.fr",
    ]
    assert _emails(db, "e.fabre@ora") == ["Antoinette.Fabre@orange.fr"]
    assert _emails(db, "ange.f") == [
        "Antoinette.Fabre@orange.fr",
        "antoinette.martin@orange.fr",
    ]
    assert _emails(db, "zoé.gau") == ["zoé.gauthier@exemple.fr"]
    assert _emails(db, "tte.mart") == ["antoinette.martin@orange.fr"]


def test_a_directory_at_0009_upgrades_to_head_and_finds_every_fragment_as_before(
    sqlite_url: str,
) -> None:
    upgrade_to(sqlite_url, "0009")
    db = open_database(sqlite_url, migrate=False)
    with db.connection() as conn:
        assert not email_split(conn)
    for last, email in ADDRESSES.items():
        if last == "Orange":
            company(db, "Orange Toinette", email=email)
        else:
            person(db, last, "Antoinette", email=email)
    _check(db)  # the table of 0009: the address as stored, folded by its tokenizer
    db.dispose()

    db = open_database(sqlite_url)  # upgrades to head
    try:
        with db.connection() as conn:
            assert email_split(conn)
            held = set().union(*indexed_terms(conn, EMAIL_FTS).values())
        # A local part's trigrams in lower case, a domain's in upper case.
        assert {"e.f", "oin", "E.F", "ANG", "n@O", "zoé"} <= held
        assert "ang" not in held and "e.m" in held and "E.M" not in held
        _check(db)
        late = person(db, "Fontaine", "Antoinette", email="Antoinette.FONTAINE@free.fr")
        assert "Antoinette.FONTAINE@free.fr" in _emails(db, "toinette.f")
        with db.uow() as uow:
            moved = replace(late.to_draft(), email="antoinette.x@free.fr")
            customers.update_customer(uow, late.id, moved)
        assert "antoinette.x@free.fr" not in _emails(db, "toinette.f")
        _check(db)  # (the triggers deleted what they had indexed)
    finally:
        db.dispose()


def test_downgrade_to_0009_makes_the_table_as_it_was_and_keeps_it_in_step(
    sqlite_url: str,
) -> None:
    db = open_database(sqlite_url)
    for last, email in ADDRESSES.items():
        person(db, last, "Antoinette", email=email)
    downgrade_to(db.engine, "0009")
    assert current_revision(db.engine) == "0009"
    with db.connection() as conn:
        assert not email_split(conn)
        held = set().union(*indexed_terms(conn, EMAIL_FTS).values())
        assert "E.F" not in held and "e.f" in held and "ang" in held
    _check(db)
    person(db, "Ferrand", "Antoinette", email="antoinette.ferrand@wanadoo.fr")  # 0009 triggers
    with db.connection() as conn:
        assert_ranked_index_matches(conn)
    assert _emails(db, "e.ferrand@wan") == ["antoinette.ferrand@wanadoo.fr"]
    db.dispose()
    db = open_database(sqlite_url)  # and up again
    try:
        with db.connection() as conn:
            assert email_split(conn)
            assert_ranked_index_matches(conn)
        assert _emails(db, "e.ferrand@wan") == ["antoinette.ferrand@wanadoo.fr"]
        assert len(_emails(db, "toinette.f")) == 3
    finally:
        db.dispose()
