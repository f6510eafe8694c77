"""Alembic environment: runs on the connection the app hands over (pos_clients.data.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from pos_clients.data.database import make_engine


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    # `alembic` run by hand: the configured database (see pos_clients.config).
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or None)
    with engine.begin() as conn:
        _run(conn)
