"""Where the app keeps its files and which database it opens."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pos-clients"
DATABASE_URL_ENV = "POS_CLIENTS_DATABASE_URL"


def data_dir() -> Path:
    """The user data directory (POS_CLIENTS_DATA_DIR overrides it, for tests and kiosks)."""
    override = os.environ.get("POS_CLIENTS_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The per-till configuration directory (scanners, printers of this till)."""
    override = os.environ.get("POS_CLIENTS_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'pos-clients.sqlite3'}"


def database_url(explicit: str | None = None) -> str:
    """`--database URL`, else POS_CLIENTS_DATABASE_URL, else the embedded SQLite file."""
    url = explicit or os.environ.get(DATABASE_URL_ENV) or default_database_url()
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver; a plain postgresql:// URL means it.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
