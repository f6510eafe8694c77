"""Bringing a test database to a given schema revision (to test what comes after it)."""

from __future__ import annotations

from alembic import command

from pos_clients.data.database import make_engine
from pos_clients.data.migrate import alembic_config


def upgrade_to(url: str, revision: str) -> None:
    """Run the migrations of the database at `url` up to `revision` (not to head)."""
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
