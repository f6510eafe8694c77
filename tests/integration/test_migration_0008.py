"""Migration 0008: a directory at 0007 with customers comes to head with its email indexed
without case, (SQLite) no separate name index and FTS5 tables without document sizes, and
is searched as before; the duplicate check reads indexes only; the downgrade puts the
indexes back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, text

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.data.migrate import downgrade_to
from tests.helpers.factories import company, person
from tests.helpers.fts import assert_ranked_index_matches
from tests.helpers.migrations import upgrade_to

RANKED = ("customer_name_fts", "customer_email_ranked")


def _schema(conn: Connection) -> dict[str, str]:
    rows = conn.execute(text("SELECT name, coalesce(sql, '') FROM sqlite_master"))
    return {str(name): str(sql) for name, sql in rows}


def _names(db: Database, query: str) -> list[str]:
    with db.reader() as uow:
        return [c.display_name for c in customer_search.search(uow, query).items]


def test_a_directory_at_0007_upgrades_to_head_and_is_searched_as_before(
    sqlite_url: str,
) -> None:
    upgrade_to(sqlite_url, "0007")
    db = open_database(sqlite_url, migrate=False)
    with db.connection() as conn:
        before = _schema(conn)
    assert "ix_customer_sort" in before and "ix_customer_email" in before
    assert "columnsize" not in before["customer_name_fts"]
    person(db, "Lefèvre", "Zoé", email="Zoe.Lefevre@Exemple.fr", phone="0612345678")
    company(db, "Boulangerie Martin", email="contact@boulangerie-martin.fr")
    db.dispose()

    db = open_database(sqlite_url)  # upgrades to head
    try:
        with db.connection() as conn:
            after = _schema(conn)
            for fts in RANKED:
                assert "columnsize=0" in after[fts]
                assert f"{fts}_docsize" not in after
            assert_ranked_index_matches(conn)
        assert "ix_customer_sort" not in after and "ix_customer_email" not in after
        assert "lower(email)" in after["ix_customer_email_lower"]
        assert _names(db, "lefev") == ["Lefèvre Zoé"]
        assert _names(db, "06 12 34") == ["Lefèvre Zoé"]
        assert _names(db, "boulangerie-martin.fr") == ["Boulangerie Martin"]
        assert _names(db, "ntact@boul") == ["Boulangerie Martin"]
        late = person(db, "Zzyzx", "Après", email="zz@apres.fr")  # through the triggers
        assert _names(db, "zzyzx") == [late.display_name] == _names(db, "@apres.f")
        with db.reader() as uow:
            found = customers.possible_duplicates(
                uow, CustomerDraft(last_name="X", email="zoe.lefevre@exemple.FR")
            )
        assert [c.display_name for c in found] == ["Lefèvre Zoé"]
    finally:
        db.dispose()


def test_the_duplicate_check_reads_indexes_only(sqlite_db: Database) -> None:
    person(sqlite_db, "Dupont", "Jean", email="jean@example.fr", phone="0612345678")
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            statements.append((sql, params))

    draft = CustomerDraft(
        last_name="Dupont", first_name="Jean", email="JEAN@example.fr", mobile="0612345678"
    )
    event.listen(sqlite_db.engine, "before_cursor_execute", seen)
    try:
        with sqlite_db.reader() as uow:
            assert len(customers.possible_duplicates(uow, draft)) == 1
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", seen)
    searches = [(sql, p) for sql, p in statements if "sort_key" in sql and "LIMIT" in sql]
    assert len(searches) == 5  # email, phone, mobile, same name, same beginning
    with sqlite_db.connection() as conn:
        for sql, params in searches:
            plan = " ".join(
                str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            assert "SCAN customer" not in plan, (sql, plan)


def _indexes(db: Database) -> set[str]:
    with db.connection() as conn:
        if conn.dialect.name == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customer'"
        else:
            sql = "SELECT indexname FROM pg_indexes WHERE tablename = 'customer'"
        return {str(name) for name in conn.execute(text(sql)).scalars()}


def test_downgrade_to_0007_puts_the_indexes_back_on_each_engine(db_url: str) -> None:
    db = open_database(db_url)
    sqlite = db.engine.dialect.name == "sqlite"
    assert "ix_customer_email_lower" in _indexes(db)
    assert ("ix_customer_sort" in _indexes(db)) is not sqlite  # PostgreSQL keeps it
    person(db, "Dupont", "Jean", email="jean@example.fr")
    downgrade_to(db.engine, "0007")
    after = _indexes(db)
    assert {"ix_customer_sort", "ix_customer_email"} <= after
    assert "ix_customer_email_lower" not in after
    assert _names(db, "dup") == ["Dupont Jean"]
    db.dispose()
    db = open_database(db_url)  # and up again
    try:
        assert "ix_customer_email_lower" in _indexes(db)
        assert ("ix_customer_sort" in _indexes(db)) is not sqlite
        assert _names(db, "jean@ex") == ["Dupont Jean"]
    finally:
        db.dispose()
