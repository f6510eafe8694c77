"""Fixtures for the UI tests: offscreen Qt, a migrated SQLite database, synchronous tasks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos_clients.ui import translations
from pos_clients.ui.tasks import SyncTaskRunner


@pytest.fixture(autouse=True, scope="session")
def french(qapp: QApplication) -> None:
    """The window in French, as the app starts it (Qt's own words, « Fermer », too)."""
    translations.install("fr", qapp)


@pytest.fixture(params=["fr", "en"])
def language(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[str]:
    """Each test using it runs in French, then in English (as the user chose it)."""
    monkeypatch.setenv("POS_CLIENTS_LANG", request.param)
    monkeypatch.setenv("POS_CLIENTS_CACHE_DIR", str(tmp_path / "cache"))
    translations.install(translations.choose_language(), qapp)
    yield str(request.param)
    translations.install("fr", qapp)


@pytest.fixture
def sync_tasks(qapp: object) -> SyncTaskRunner:
    """A task runner that runs database work at once on the calling thread."""
    return SyncTaskRunner()
