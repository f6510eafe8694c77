"""Going around the app, as someone with the database file would: for the tampering tests."""

from __future__ import annotations

from sqlalchemy import text

from pos_clients.data.database import Database


def drop_write_once_guards(db: Database) -> None:
    """Remove the triggers that refuse UPDATE/DELETE on invoices and closings."""
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            for table in ("invoice", "closing"):
                conn.execute(text(f"DROP TRIGGER {table}_write_once ON {table}"))
        else:
            for table in ("invoice", "closing"):
                for action in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER {table}_no_{action}"))


def execute(db: Database, sql: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)
