"""Opening the database: engine settings per engine, migrations, and units of work.

SQLite: WAL, synchronous=FULL, foreign keys, a busy timeout, and BEGIN IMMEDIATE for every
unit of work that may write (a deferred read-then-write transaction gets SQLITE_BUSY at once
in WAL mode, whatever the timeout). PostgreSQL: psycopg 3, READ COMMITTED.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pos_clients.config import database_url
from pos_clients.data.search_index import NAME_VOCAB_DDL
from pos_clients.errors import DatabaseBusyError, DatabaseUnavailableError, DiskFullError

SQLITE_CACHE_KIB = 32 * 1024
SQLITE_BUSY_TIMEOUT_MS = 5000


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # Up to 32 MiB of pages kept per connection (SQLite's default is 2 MiB): the index
        # pages successive searches share are read from the file once, not at each keystroke.
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        # The words the name index holds, which `search_ranked` lists to spell out a long
        # typed word (a temporary table of this connection: no file, no migration).
        cur.execute(NAME_VOCAB_DDL)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for `url` (default: the configured database) with this app's settings."""
    url = database_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 5.0}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def translate_db_error(exc: DBAPIError | sqlite3.Error) -> Exception:
    """The user-facing error for a database fault, or `exc` itself when it is a bug. Also
    for the driver's own errors: the hot paths (search, the import's rows) call it directly."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig if orig is not None else exc).lower()
    if "database is locked" in text or "database is busy" in text:
        return DatabaseBusyError()
    if "disk is full" in text or "no space left" in text or "disk full" in text:
        return DiskFullError()
    if isinstance(exc, OperationalError | sqlite3.OperationalError) and (
        "unable to open" in text or "connection" in text or "could not" in text
    ):
        return DatabaseUnavailableError(str(orig or exc).splitlines()[0])
    return exc


class UnitOfWork:
    """One transaction. Services call `commit()` once; leaving without it rolls back."""

    def __init__(self, engine: Engine, *, write: bool = True) -> None:
        self._engine = engine
        self._write = write
        self.session: Session

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @property
    def database(self) -> str | None:
        """The database its engine's URL names (a SQLite file's path as given)."""
        return self._engine.url.database

    def __enter__(self) -> UnitOfWork:
        bind = self._engine
        if self._write and bind.dialect.name == "sqlite":
            bind = bind.execution_options(sqlite_begin="IMMEDIATE")
        self.session = Session(bind=bind, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, DBAPIError | sqlite3.Error):
            translated = translate_db_error(exc)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()


@dataclass
class Database:
    """An opened, migrated database and the way to start units of work on it."""

    engine: Engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self, *, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self.engine, write=write)

    def reader(self) -> UnitOfWork:
        return UnitOfWork(self.engine, write=False)

    @contextmanager
    def connection(self) -> Iterator[Any]:
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and by default migrate to the newest schema) the database at `url`.

    Raises DatabaseUnavailableError when it cannot be reached.
    """
    from pos_clients.data.migrate import upgrade_to_head

    engine = make_engine(url)
    try:
        if migrate:
            upgrade_to_head(engine)
        else:
            with engine.connect():
                pass
    except DBAPIError as exc:
        engine.dispose()
        translated = translate_db_error(exc)
        if translated is exc:
            raise
        raise translated from exc
    return Database(engine)
