"""The schema comes from the Alembic migrations on both engines, search triggers included."""

from __future__ import annotations

from sqlalchemy import inspect, text

from pos_clients.data.database import Database, make_engine, open_database
from pos_clients.data.migrate import current_revision, downgrade_to, head_revision
from pos_clients.data.search_index import SQLITE_TRIGGERS


def test_upgrade_head_creates_tables(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {"customer", "customer_group", "marketing_consent", "shop_setting"} <= tables
    assert current_revision(db.engine) == head_revision()


def test_sqlite_search_triggers_exist_after_upgrade_head(sqlite_db: Database) -> None:
    with sqlite_db.connection() as conn:
        triggers = {
            row[0]
            for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
        }
        pragmas = (
            conn.execute(text("PRAGMA journal_mode")).scalar(),
            conn.execute(text("PRAGMA foreign_keys")).scalar(),
            conn.execute(text("PRAGMA synchronous")).scalar(),
        )
    assert set(SQLITE_TRIGGERS) <= triggers
    assert pragmas == ("wal", 1, 2)


def test_downgrade_and_upgrade_again(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    downgrade_to(database.engine, "base")
    assert "customer" not in inspect(database.engine).get_table_names()
    database.dispose()
    database = open_database(sqlite_url)
    assert "customer" in inspect(database.engine).get_table_names()
    database.dispose()


def test_open_twice_is_a_no_op(sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    engine = make_engine(sqlite_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_sqlite_search_index_after_upgrade_head(sqlite_db: Database) -> None:
    # 0004: the covering index the search walks by name; 0006: the ranked word index with
    # prefix indexes up to 6 letters; 0007: the id-keyed word and email tables are gone.
    with sqlite_db.connection() as conn:
        fts = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'customer_name_fts'"))
        walk = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ix_customer_walk'"))
        assert "prefix='1 2 3 4 5 6'" in str(fts.scalar())
        assert "search_text" in str(walk.scalar())
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
        triggers = " ".join(
            conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    assert {"customer_name_fts", "customer_email_ranked"} <= names
    assert not {"customer_fts", "customer_email_trgm"} & names
    assert "customer_name_fts" in triggers and "customer_email_ranked" in triggers
    assert "customer_fts" not in triggers and "customer_email_trgm" not in triggers
