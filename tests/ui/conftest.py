"""Fixtures for the UI tests: offscreen Qt, a migrated SQLite database, synchronous tasks."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos_clients.ui.tasks import SyncTaskRunner


@pytest.fixture
def sync_tasks(qapp: object) -> SyncTaskRunner:
    """A task runner that runs database work at once on the calling thread."""
    return SyncTaskRunner()
