"""Warming the database file into the operating system's cache at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_clients.data import warmup


def test_only_a_sqlite_file_has_a_file_to_warm(tmp_path: Path) -> None:
    assert warmup.database_file(f"sqlite:///{tmp_path}/shop.sqlite3") == tmp_path / "shop.sqlite3"
    assert warmup.database_file("sqlite://") is None
    assert warmup.database_file("sqlite:///:memory:") is None
    assert warmup.database_file("postgresql+psycopg://u:p@localhost/shop") is None


def test_the_whole_file_and_its_log_are_read_once(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    db.write_bytes(b"x" * (3 * warmup.CHUNK + 17))
    (tmp_path / "shop.sqlite3-wal").write_bytes(b"y" * 1000)
    warmed = warmup.warm(db)
    assert warmed is not None
    assert warmed.bytes_read == 3 * warmup.CHUNK + 17 + 1000


def test_a_file_larger_than_half_the_memory_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "shop.sqlite3"
    db.write_bytes(b"x" * 4096)
    monkeypatch.setattr(warmup, "physical_memory", lambda: 8000)
    assert warmup.warm(db) is None
    assert warmup.warm(tmp_path / "gone.sqlite3") is None


def test_warming_runs_on_a_background_thread_that_ends(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    db.write_bytes(b"x" * 10_000)
    thread = warmup.warm_in_background(f"sqlite:///{db}")
    assert thread is not None and thread.daemon
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert warmup.warm_in_background(f"sqlite:///{tmp_path}/missing.sqlite3") is None
    assert warmup.warm_in_background("postgresql+psycopg://u:p@localhost/shop") is None
