"""Name-ordered matches of typed words from `customer_name_fts` (SQLite, migration 0006).

Its rowids are `search_index.name_rank(sort_key, id)`, so FTS5 hands the matches of a query
over in name order up to ties between sort keys sharing their first characters. The first
page is then: the first `need` matches by rank, plus every match tied with the last of them
(same `key_rank`); sorting those few rows by (sort_key, id) gives exactly the first page.

Words longer than the longest prefix index (6 letters) would make FTS5 merge the doclists of
every word starting with them before returning a single row; they go to FTS5 cut to 6
letters instead, and each batch of matches is checked against the whole word in the table;
so are words of one or two letters typed next to a longer one (their doclists cover most
of the directory). When few rows pass the checks (the whole words are much rarer, so their
doclists are short), the rest is asked of FTS5 with every word as typed after all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from pos_clients.data.database import UnitOfWork
from pos_clients.data.search_index import EMAIL_FTS, ID_BITS, ID_MASK, NAME_FTS, key_rank

LONGEST_PREFIX = 6
_LAST_BATCH = 4096
# Candidates checked against long words before asking FTS5 for the whole words instead.
_CHECK_BUDGET = 128


# An FTS5 query, and the check of its rows in the table.
_Plan = tuple[str, Callable[[list[int]], list[int]]]


def ints(uow: UnitOfWork, sql: str, params: dict[str, Any]) -> list[int]:
    """The first column of `sql`'s rows, straight from the driver (these lists run to
    thousands of ids, where a SQLAlchemy result costs several microseconds a row)."""
    cursor = uow.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return [row[0] for row in cursor.execute(sql, params)]
    finally:
        cursor.close()


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"*'


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _checked(uow: UnitOfWork, ranks: list[int], checks: Sequence[str]) -> list[int]:
    """Those of `ranks` whose customer has a word starting with each of `checks`."""
    if not ranks:
        return ranks
    likes = " AND ".join(f"search_text LIKE :w{i} ESCAPE '\\'" for i in range(len(checks)))
    params: dict[str, Any] = {f"w{i}": f"% {_like_escape(w)}%" for i, w in enumerate(checks)}
    params["ids"] = json.dumps([r & ID_MASK for r in ranks])
    sql = f"SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(:ids)) AND {likes}"
    keep = set(ints(uow, sql, params))
    return [r for r in ranks if r & ID_MASK in keep]


def page_ids(
    uow: UnitOfWork, words: Sequence[str], need: int, after_sort_key: str | None
) -> list[int]:
    """Ids of customers matching every word, among which are the first `need` in name order
    (after the start of `after_sort_key`'s tie group, when given): see the module docstring.
    """
    # One or two letters (`s` of `S.A.R.L.`) match most of the directory: FTS5 would step
    # through their whole doclists; they are checked in the table when a longer word is typed.
    indexed = [w for w in words if len(w) >= 3] or list(words)
    long_words = [w for w in indexed if len(w) > LONGEST_PREFIX]

    short = [w for w in words if w not in indexed]

    def plan(terms: Sequence[str], checks: Sequence[str]) -> _Plan:
        match = " ".join(_phrase(t) for t in dict.fromkeys(terms))
        return match, (lambda ranks: _checked(uow, ranks, checks) if checks else ranks)

    cut = [w[:LONGEST_PREFIX] for w in indexed]
    plans = [plan(cut, long_words + short)]
    if short:  # then the short words too go to FTS5
        plans.append(plan(cut + short, long_words))
    if long_words:  # then every word as typed
        plans.append(plan(words, []))
    return _first_ranks(uow, NAME_FTS, plans, need, after_sort_key)


def fragment_page_ids(
    uow: UnitOfWork, pattern: str, need: int, after_sort_key: str | None
) -> list[int] | None:
    """Like `page_ids`, for the customers whose email is LIKE `pattern` (`%fragment%`, whose
    `_` are one-character wildcards), from the ranked trigram index; None when the fragment
    has no three characters in a row to look up."""
    pieces = [p for p in pattern.strip("%").split("_") if len(p) >= 3]
    trigrams = dict.fromkeys(p[i : i + 3] for p in pieces for i in range(len(p) - 2))
    if not trigrams:
        return None
    match = " ".join('"' + t.replace('"', '""') + '"' for t in trigrams)

    plan: _Plan = (match, lambda ranks: _email_like(uow, ranks, pattern))
    return _first_ranks(uow, EMAIL_FTS, [plan], need, after_sort_key)


def _email_like(uow: UnitOfWork, ranks: list[int], pattern: str) -> list[int]:
    """Those of `ranks` whose customer's email is LIKE `pattern` (as the trigram index
    answers LIKE: no escape character)."""
    if not ranks:
        return ranks
    sql = (
        "SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(:ids)) "
        "AND email LIKE :pattern"
    )
    ids = json.dumps([r & ID_MASK for r in ranks])
    keep = set(ints(uow, sql, {"ids": ids, "pattern": pattern}))
    return [r for r in ranks if r & ID_MASK in keep]


def _first_ranks(
    uow: UnitOfWork,
    table: str,
    plans: Sequence[_Plan],
    need: int,
    after_sort_key: str | None,
) -> list[int]:
    """Read `table`'s matches in rank order, keep those the plan's check passes, until the
    tie group of the `need`-th one (after `after_sort_key`'s group) is complete. Each
    _CHECK_BUDGET rows read without a full page, go on with the next plan (same answers,
    fewer checks, more work for FTS5)."""
    match, check = plans[0]
    stage = 0
    # Rows of the cursor's own tie group may sort before it: collect them, never count them.
    after_key = key_rank(after_sort_key) if after_sort_key is not None else -1
    found: list[int] = []
    counted = 0
    cutoff: int | None = None
    last = (max(after_key, 0) << ID_BITS) - 1
    batch = need + 14
    scanned = 0
    sql = (
        f"SELECT rowid FROM {table} WHERE {table} MATCH :m AND rowid > :last "
        "ORDER BY rowid LIMIT :n"
    )
    while True:
        if stage + 1 < len(plans) and scanned >= _CHECK_BUDGET * (stage + 1) and counted < need:
            stage += 1
            match, check = plans[stage]
        ranks = ints(uow, sql, {"m": match, "last": last, "n": batch})
        if not ranks:
            break
        last = ranks[-1]
        scanned += len(ranks)
        passed = check(ranks)
        for rank in passed:
            key = rank >> ID_BITS
            if cutoff is not None and key > cutoff:
                return found
            found.append(rank & ID_MASK)
            if key > after_key:
                counted += 1
                if counted == need and cutoff is None:
                    cutoff = key
        if len(ranks) < batch:
            break
        # Grow the batches, less while the checks throw rows away.
        batch = (
            min(batch * 2, _CHECK_BUDGET)
            if len(passed) < len(ranks)
            else min(batch * 4, _LAST_BATCH)
        )
    return found
