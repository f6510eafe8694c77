"""Invoice histories for the `verify` benchmark, built once through the real checkout and
cached in `benchmarks/.cache/` (gitignored)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pos_clients.data.database import open_database
from pos_clients.demo.invoices import make_demo_invoices

CACHE = Path(__file__).resolve().parent / ".cache"
# Sales per commit while building: the same `checkout.issue_sale` as at the till, fewer fsyncs.
PER_COMMIT = 10_000


def history_days(n: int) -> int:
    """Days the demo history of `n` invoices spans: about 800 sales a day, at least a year."""
    return max(365, n // 800)


def cached_history(n: int) -> tuple[str, float]:
    """The URL of a SQLite history of `n` demo sales, built when missing; its build time (s).

    Each sale goes through `checkout.issue_sale` (numbering, hash chain, closings), so the
    history is exactly what the till writes; it is written under a temporary name and renamed
    once complete, so an interrupted build is never reused.
    """
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"history-{n}.sqlite3"
    if path.exists():
        open_database(f"sqlite:///{path}").dispose()  # bring a cached file to the newest schema
        return f"sqlite:///{path}", 0.0
    partial = CACHE / f"history-{n}.partial.sqlite3"
    for leftover in CACHE.glob(f"history-{n}.partial.sqlite3*"):
        leftover.unlink()
    start = time.perf_counter()
    db = open_database(f"sqlite:///{partial}")

    def progress(made: int) -> None:
        print(f"\r  history: {made:,}/{n:,} sales", end="", file=sys.stderr, flush=True)

    make_demo_invoices(db, n, days=history_days(n), per_transaction=PER_COMMIT, progress=progress)
    print(file=sys.stderr)
    db.dispose()
    partial.rename(path)
    return f"sqlite:///{path}", time.perf_counter() - start


if __name__ == "__main__":
    for size in sys.argv[1:]:
        url, seconds = cached_history(int(size))
        print(f"{url}: built in {seconds:.0f} s")
