"""What the command-line modules share: opening the database, JSON output, progress bars."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pos_clients.data.database import Database, open_database
from pos_clients.i18n import Text

USAGE_ERROR = 2


def open_db(args: argparse.Namespace) -> Database:
    """The database of `--database`, else POS_CLIENTS_DATABASE_URL, else the SQLite file."""
    return open_database(getattr(args, "database", None))


def say(text: Text, *, error: bool = False) -> None:
    print(str(text), file=sys.stderr if error else sys.stdout)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@contextmanager
def progress_bar(label: Text) -> Iterator[Callable[[int, int], None] | None]:
    """A `progress(done, total)` callback drawing a tqdm bar, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    # No monitor thread (tqdm starts one with its first bar): an import run by a process of
    # one thread forks its workers, which start at once (`importing.start_method`); the bar
    # is redrawn at every update anyway.
    tqdm.monitor_interval = 0
    unit = str(Text(" lignes", " rows"))
    bar = tqdm(desc=str(label), unit=unit, unit_scale=True, file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()
