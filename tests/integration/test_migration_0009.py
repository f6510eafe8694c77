"""Migration 0009: the customer indexes of values a customer may lack hold only the customers
who have one, on both engines; everything they served is still served by them (SQLite's
query plans read them), and the downgrade makes them whole again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from pos_clients import customers, groups
from pos_clients.customers import CustomerDraft
from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import downgrade_to
from pos_clients.errors import DuplicateReferenceError
from tests.helpers.factories import group, person
from tests.helpers.migrations import upgrade_to

PARTIAL = (
    "ix_customer_email_lower",
    "ix_customer_group",
    "ix_customer_mobile",
    "ix_customer_phone",
    "ix_customer_reference",
)


def _definitions(db: Database) -> dict[str, str]:
    with db.connection() as conn:
        if conn.dialect.name == "sqlite":
            sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        else:
            sql = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'customer'"
        return {str(name): str(made) for name, made in conn.execute(text(sql))}


def _fill(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    person(db, "Dupont", "Jean", email="Jean.Dupont@Example.fr", phone="01 42 00 00 01")
    person(db, "Martin", "Léa", mobile="06 12 34 56 78", reference="0400000000008")
    person(db, "Petit", "Marc", group_id=vip.id)
    person(db, "Sans", "Rien")  # no email, phone, card or group


def _served(db: Database) -> None:
    """What the partial indexes serve, answered as before."""
    with db.reader() as uow:
        card = customers.find_by_reference(uow, "0400000000008")
        assert card is not None and card.display_name == "Martin Léa"
        same = customers.possible_duplicates(
            uow, CustomerDraft(last_name="X", email="JEAN.DUPONT@example.fr")
        )
        assert [c.display_name for c in same] == ["Dupont Jean"]
        same = customers.possible_duplicates(uow, CustomerDraft(last_name="X", phone="0612345678"))
        assert [c.display_name for c in same] == ["Martin Léa"]
        assert {g.name: g.member_count for g in groups.list_groups(uow)} == {"VIP": 1}


def test_a_directory_at_0008_upgrades_to_partial_indexes(db_url: str) -> None:
    upgrade_to(db_url, "0008")
    db = open_database(db_url, migrate=False)
    _fill(db)
    assert all("NOT NULL" not in _definitions(db)[name] for name in PARTIAL)
    db.dispose()

    db = open_database(db_url)  # upgrades to head
    try:
        made = _definitions(db)
        for name in PARTIAL:
            assert "IS NOT NULL" in made[name], made[name]
        assert "UNIQUE" in made["ix_customer_reference"]
        _served(db)
        with pytest.raises(DuplicateReferenceError):
            person(db, "Autre", "Carte", reference="0400000000008")
        person(db, "Encore", "Rien")  # customers without any of the values stay welcome
    finally:
        db.dispose()


def test_sqlite_reads_the_partial_indexes_for_what_they_serve(sqlite_db: Database) -> None:
    _fill(sqlite_db)
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT") and "WHERE" in sql:
            statements.append((sql, params))

    event.listen(sqlite_db.engine, "before_cursor_execute", seen)
    try:
        _served(sqlite_db)
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", seen)
    used: set[str] = set()
    with sqlite_db.connection() as conn:
        for sql, params in statements:
            plan = " ".join(
                str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            assert "SCAN customer" not in plan, (sql, plan)
            used.update(name for name in PARTIAL if name in plan)
    # The card, the email, the mobile (and the landline: same query), the member counts.
    assert used >= {
        "ix_customer_reference",
        "ix_customer_email_lower",
        "ix_customer_mobile",
        "ix_customer_phone",
        "ix_customer_group",
    }


def test_downgrade_to_0008_makes_them_whole_again(db_url: str) -> None:
    db = open_database(db_url)
    _fill(db)
    downgrade_to(db.engine, "0008")
    made = _definitions(db)
    assert all("NOT NULL" not in made[name] for name in PARTIAL)
    _served(db)
    db.dispose()
    db = open_database(db_url)  # and up again
    try:
        assert all("IS NOT NULL" in _definitions(db)[name] for name in PARTIAL)
        _served(db)
    finally:
        db.dispose()
