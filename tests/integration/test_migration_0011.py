"""Migration 0011: a group's members are indexed in name order, on both engines; a page of a
group (opened from Groupes client, with or without a search) is read in that order from the
index, with no sort (SQLite's query plans), and the downgrade puts the group-only index back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from pos_clients import groups
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import downgrade_to
from tests.helpers.factories import group, person
from tests.helpers.migrations import upgrade_to

LAST_NAMES = ["Zola", "Abel", "Martin", "Martinez", "Dupont", "Durand", "Bernard", "Morel"]


def _definition(db: Database) -> str:
    with db.connection() as conn:
        if conn.dialect.name == "sqlite":
            sql = "SELECT sql FROM sqlite_master WHERE name = 'ix_customer_group'"
        else:
            sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_customer_group'"
        return str(conn.execute(text(sql)).scalar())


def _fill(db: Database) -> tuple[int, int]:
    vip, pro = group(db, "VIP", 1000), group(db, "Professionnels", 500)
    for i, last in enumerate(LAST_NAMES * 3):
        person(db, last, f"Client{i}", group_id=(vip.id, pro.id, None)[i % 3])
    return vip.id, pro.id


def _pages(db: Database, query: str, group_id: int) -> list[str]:
    """The names of the group's members matching `query`, page after page of 2."""
    names: list[str] = []
    with db.reader() as uow:
        page = customer_search.search(uow, query, limit=2, group_id=group_id)
        names += [i.display_name for i in page.items]
        while page.next_cursor is not None:
            page = customer_search.search(
                uow, query, after=page.next_cursor, limit=2, group_id=group_id
            )
            names += [i.display_name for i in page.items]
    return names


def _served(db: Database, vip: int) -> None:
    expected = [f"{last} Client{i}" for i, last in enumerate(LAST_NAMES * 3) if i % 3 == 0]
    assert _pages(db, "", vip) == sorted(expected)
    assert _pages(db, "mar", vip) == sorted(n for n in expected if n.startswith("Mar"))
    assert _pages(db, "d", vip) == sorted(n for n in expected if n.startswith("D"))
    with db.reader() as uow:
        assert {g.name: g.member_count for g in groups.list_groups(uow)} == {
            "VIP": 8,
            "Professionnels": 8,
        }


def test_a_directory_at_0010_upgrades_to_groups_in_name_order(db_url: str) -> None:
    upgrade_to(db_url, "0010")
    db = open_database(db_url, migrate=False)
    vip, _ = _fill(db)
    assert "sort_key" not in _definition(db)
    _served(db, vip)
    db.dispose()

    db = open_database(db_url)  # upgrades to head
    try:
        made = _definition(db)
        assert "group_id, sort_key, id" in made and "IS NOT NULL" in made, made
        _served(db, vip)
        downgrade_to(db.engine, "0010")
        assert "sort_key" not in _definition(db) and "IS NOT NULL" in _definition(db)
        _served(db, vip)
    finally:
        db.dispose()
    db = open_database(db_url)  # and up again
    try:
        assert "group_id, sort_key, id" in _definition(db)
        _served(db, vip)
    finally:
        db.dispose()


def _plans(db: Database, query: str, group_id: int) -> list[str]:
    """SQLite's plans of the statements paging the group's members matching `query`."""
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if "group_id =" in sql and "ORDER BY" in sql:
            statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        _pages(db, query, group_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert statements
    with db.connection() as conn:
        return [
            " ".join(str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in statements
        ]


def test_sqlite_reads_a_group_page_in_order_from_the_index(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    vip, _ = _fill(sqlite_db)
    # The group opened from Groupes client, and a letter typed: its members in name order.
    for plan in _plans(sqlite_db, "", vip) + _plans(sqlite_db, "d", vip):
        assert "ix_customer_group" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # no sort: the index's order
    # A search matching few customers: each looked up by id, not the whole group walked.
    for plan in _plans(sqlite_db, "martin client", vip):
        assert "ix_customer_group" not in plan and "INTEGER PRIMARY KEY" in plan, plan
    # One matching many: the group's members walked in name order, the index alone read.
    monkeypatch.setattr(customer_search, "WALK_FROM", 2)
    plans = _plans(sqlite_db, "martin client", vip)
    assert any("COVERING INDEX ix_customer_group" in plan for plan in plans), plans
