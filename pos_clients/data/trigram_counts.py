"""How many addresses hold each trigram of the ranked email index (SQLite), counted at start.

An email fragment from the middle of an address (`dree.maill`) is looked for by asking FTS5
for the addresses holding its three rarest trigrams first (`search_ranked.fragment_page_ids`).
Which are the rarest, only the whole directory can tell: `mai` and `ail` look ordinary in a
fragment, yet every `gmail` address holds them (160,000 of 1,000,000), as `ree` and `ee.`
every `free.fr` one. Stepping through such doclists made the slowest fragments slow.

Counting reads every doclist once (`fts5vocab`, 0.8 s at 1,000,000 customers; about 6,000
distinct trigrams), so it runs on the start-up warm-up thread (`warmup.prepare`). Until it is
done, for a database it did not run on, or for a directory too small at the time to tell,
the search samples each trigram's density where the page is read instead
(`search_ranked._rarest`). The counts are not kept in step with later writes: they only
choose which trigrams FTS5 is asked for first, never what is found, and an import drops
them (`forget`), also when it ends while they are being counted.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from pos_clients.data.search_index import ASCII_LOWER, EMAIL_FTS

# Counts whose commonest trigram (`.fr`, `com`) fewer addresses hold than this come from a
# directory of a few thousand, where sampling chooses as well (and costs little).
MIN_COMMONEST = 2_500

# By database file, as its engine's URL names it: the counts, and the commonest trigram's.
# An entry is replaced whole, never changed.
_counts: dict[str, tuple[dict[str, int], int]] = {}
# By database file: how many times its counts were dropped. Counts made while they were
# dropped (an import ending during the count) describe the directory before it; not kept.
_dropped: dict[str, int] = {}
_lock = threading.Lock()


def count(path: Path) -> dict[str, int] | None:
    """How many addresses hold each trigram, for the SQLite file `path` (None when it has no
    ranked email index or cannot be read). Runs on its own read-only connection."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError):
        return None
    try:
        conn.execute(
            f"CREATE VIRTUAL TABLE temp.email_trigrams USING fts5vocab(main, {EMAIL_FTS}, row)"
        )
        # The table holds a local part's trigrams in lower case, a domain's in upper case
        # (`search_index.email_text`): a fragment's trigrams are chosen by how many addresses
        # hold them in either part (`search_ranked.fragment_trigrams`, in lower case).
        found: dict[str, int] = {}
        for term, doc in conn.execute("SELECT term, doc FROM email_trigrams"):
            key = str(term).translate(ASCII_LOWER)
            found[key] = found.get(key, 0) + int(doc)
        return found
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def load(path: Path, database: str) -> bool:
    """Count the trigrams of `path` and keep them for `database` (the file as the engine's URL
    names it); whether they are kept (not when they were dropped meanwhile)."""
    with _lock:
        before = _dropped.get(database, 0)
    found = count(path)
    if found is None:
        return False
    with _lock:
        if _dropped.get(database, 0) != before:
            return False
        _counts[database] = (found, max(found.values(), default=0))
    return True


def counts(database: str | None) -> dict[str, int] | None:
    """The counts kept for `database`, when there are enough to choose by."""
    found = _counts.get(database or "")
    if found is None or found[1] < MIN_COMMONEST:
        return None
    return found[0]


def forget(database: str | None) -> None:
    """Drop the counts of `database` (after a write that changes many addresses at once),
    and any being made for it at the time."""
    key = database or ""
    with _lock:
        _dropped[key] = _dropped.get(key, 0) + 1
        _counts.pop(key, None)
