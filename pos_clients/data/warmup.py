"""Warming the SQLite database file into the operating system's cache, in the background.

After a reboot the file is on disk only: the first searches of the day would wait on one disk
read per index page they touch (a few milliseconds each on a spinning disk, 0.1 ms on an
SSD), which is most of their time at a million customers. Reading the whole file once, in a
background thread at start, brings every page into the cache the operating system keeps
anyway; the app's own memory does not grow. A file larger than half the machine's memory is
left alone (it would push out what else runs). The same thread then counts the trigrams of
the email index (`trigram_counts`), which steer the search for parts of addresses.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from pos_clients.data import trigram_counts

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Warmed:
    bytes_read: int
    seconds: float


def database_file(url: str) -> Path | None:
    """The file of a SQLite database URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def warm(path: Path) -> Warmed | None:
    """Read `path` (and its write-ahead log) through once; None when it is too large or gone."""
    memory = physical_memory()
    files = [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    try:
        total = sum(p.stat().st_size for p in files)
    except OSError:
        return None
    if not files or (memory is not None and total > memory // 2):
        return None
    started = time.perf_counter()
    buffer = bytearray(CHUNK)
    read = 0
    for file in files:
        try:
            with file.open("rb", buffering=0) as f:
                if hasattr(os, "posix_fadvise"):
                    # Let the kernel read ahead in large sequential requests.
                    os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)
                while n := f.readinto(buffer):
                    read += n
        except OSError:
            return None  # removed or unreadable meanwhile: nothing to warm
    return Warmed(read, time.perf_counter() - started)


def prepare(url: str) -> Warmed | None:
    """What the app does at start, off the UI thread, for the SQLite file of `url`: warm it
    (`warm`), then count the trigrams of its email index (`trigram_counts`), which the file
    just read makes quick. None when there is no file to warm."""
    path = database_file(url)
    if path is None or not path.exists():
        return None
    warmed = warm(path)
    trigram_counts.load(path, make_url(url).database or "")
    return warmed


def warm_in_background(url: str) -> threading.Thread | None:
    """Start `prepare(url)` on a daemon thread (None: no file to warm)."""
    path = database_file(url)
    if path is None or not path.exists():
        return None
    thread = threading.Thread(target=prepare, args=(url,), name="pos-warmup", daemon=True)
    thread.start()
    return thread
