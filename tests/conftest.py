"""Fixtures for every suite: a migrated database on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_clients.data.database import Database, open_database
from pos_clients.i18n import set_language
from tests.helpers.postgres import PgCluster, create_database, start_cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_db_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the user's real data, config or keyring; French unless a test says otherwise."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("POS_CLIENTS_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("POS_CLIENTS_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("POS_CLIENTS_DATABASE_URL", raising=False)
    monkeypatch.setenv("POS_CLIENTS_LANG", "fr")
    set_language("fr")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster | str]:
    cluster = start_cluster()
    yield cluster
    if isinstance(cluster, PgCluster):
        cluster.stop()


def _pg_or_skip(cluster: PgCluster | str) -> PgCluster:
    if isinstance(cluster, str):
        if os.environ.get("POS_CLIENTS_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here but unavailable: {cluster}")
        pytest.skip(f"PostgreSQL unavailable: {cluster}")
    return cluster


@pytest.fixture
def pg_url(pg_cluster: PgCluster | str) -> str:
    """The URL of a new, empty PostgreSQL database."""
    cluster = _pg_or_skip(pg_cluster)
    return create_database(cluster, f"t{os.getpid()}_{next(_db_counter)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated database, on each engine."""
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    """A migrated database on a SQLite file only (for tests of SQLite behaviour)."""
    database = open_database(sqlite_url)
    yield database
    database.dispose()
