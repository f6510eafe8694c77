"""Migration 0007 (SQLite): a directory at 0006 with customers comes to head searchable, with
one word and one email index; going back to 0006 restores the id-keyed tables, filled."""

from __future__ import annotations

from sqlalchemy import Connection, text

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import current_revision, downgrade_to
from tests.helpers.factories import company, group, person
from tests.helpers.fts import assert_ranked_index_matches
from tests.helpers.migrations import upgrade_to

BY_ID = ("customer_fts", "customer_email_trgm")
RANKED = ("customer_name_fts", "customer_email_ranked")


def _tables(conn: Connection) -> set[str]:
    return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())


def _trigger_sql(conn: Connection) -> str:
    rows = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger'")).scalars()
    return " ".join(rows)


def _check_ranked(db: Database) -> None:
    with db.connection() as conn:
        assert_ranked_index_matches(conn)


def _names(db: Database, query: str, group_id: int | None = None) -> list[str]:
    with db.reader() as uow:
        page = customer_search.search(uow, query, group_id=group_id)
        return [c.display_name for c in page.items]


def _fill(db: Database) -> tuple[int, int]:
    """Customers written through the triggers; (group id, id of a deleted customer)."""
    vip = group(db, "VIP")
    person(db, "Lefèvre", "Zoé", email="zoe.lefevre@exemple.fr", group_id=vip.id)
    company(db, "Boulangerie Martin", email="contact@boulangerie-martin.fr")
    moved = person(db, "Durand", "Paul", email="paul@ancien.fr", city="Lyon")
    gone = person(db, "Petit", "Léa", email="lea@petit.fr")
    with db.uow() as uow:
        draft = CustomerDraft(
            kind="person", last_name="Durand", first_name="Paul", email="paul@nouveau.fr"
        )
        customers.update_customer(uow, moved.id, draft)
        customers.delete_customer(uow, gone.id)
    return vip.id, gone.id


def test_a_directory_at_0006_with_customers_upgrades_to_head_and_is_found(
    sqlite_url: str,
) -> None:
    upgrade_to(sqlite_url, "0006")
    db = open_database(sqlite_url, migrate=False)
    with db.connection() as conn:
        assert set(BY_ID) | set(RANKED) <= _tables(conn)
    vip, _ = _fill(db)
    db.dispose()

    db = open_database(sqlite_url)  # upgrades to head
    try:
        with db.connection() as conn:
            assert not set(BY_ID) & _tables(conn)
            triggers = _trigger_sql(conn)
        assert all(t in triggers for t in RANKED) and not any(t in triggers for t in BY_ID)
        _check_ranked(db)
        assert _names(db, "lefev") == ["Lefèvre Zoé"]
        assert _names(db, "zoe lefev", group_id=vip) == ["Lefèvre Zoé"]
        assert _names(db, "boulangerie-martin.fr") == ["Boulangerie Martin"]
        assert _names(db, "@nouveau") == ["Durand Paul"]
        assert _names(db, "@ancien") == [] and _names(db, "petit") == []
        with db.reader() as uow:
            assert customer_search.count(uow, "@nouveau.fr") == 1
            assert customer_search.count(uow, "durand") == 1
        # The triggers keep the index in step after the upgrade.
        late = person(db, "Zzyzx", "Après", email="zz@apres.fr")
        assert _names(db, "zzyzx") == ["Zzyzx Après"] and _names(db, "@apres.f") == [
            late.display_name
        ]
        _check_ranked(db)
    finally:
        db.dispose()


def test_downgrade_to_0006_restores_the_id_keyed_tables_filled_and_kept_in_step(
    sqlite_url: str,
) -> None:
    db = open_database(sqlite_url)
    _fill(db)
    downgrade_to(db.engine, "0006")
    assert current_revision(db.engine) == "0006"
    with db.connection() as conn:
        assert set(BY_ID) | set(RANKED) <= _tables(conn)
        word_sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'customer_fts'")
        ).scalar()
        assert "prefix='1 2 3 4 5 6'" in str(word_sql)
        triggers = _trigger_sql(conn)
    assert all(t in triggers for t in (*BY_ID, *RANKED))
    late = person(db, "Zzyzx", "Après", email="zz@apres.fr")  # through the 0006 triggers
    with db.connection() as conn:
        for fts in BY_ID:
            conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')"))

        def ids(sql: str) -> set[int]:
            return set(conn.execute(text(sql)).scalars())

        durand = ids("SELECT id FROM customer WHERE last_name = 'Durand'")
        assert ids("SELECT rowid FROM customer_fts WHERE customer_fts MATCH 'durand'") == durand
        assert ids("SELECT rowid FROM customer_fts WHERE customer_fts MATCH 'zzy*'") == {late.id}
        assert ids("SELECT rowid FROM customer_email_trgm WHERE email LIKE '%nouveau%'") == durand
        assert ids("SELECT rowid FROM customer_email_trgm WHERE email LIKE '%apres%'") == {late.id}
    _check_ranked(db)
    db.dispose()
    db = open_database(sqlite_url)  # and up again
    try:
        with db.connection() as conn:
            assert not set(BY_ID) & _tables(conn)
        assert _names(db, "zzyzx") == ["Zzyzx Après"]
        _check_ranked(db)
    finally:
        db.dispose()
