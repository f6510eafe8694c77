"""Name-ordered matches of typed words from `customer_name_fts` (SQLite, migration 0006).

Its rowids are `search_index.name_rank(sort_key, id)`, so FTS5 hands the matches of a query
over in name order up to ties between sort keys sharing their first characters. The first
page is then: the first `need` matches by rank, plus every match tied with the last of them
(same `key_rank`); sorting those few rows by (sort_key, id) gives exactly the first page.
A crowded tie group (a common surname fills the first 6 characters) is not collected whole:
the page's share of it is read in name order from the covering index `ix_customer_walk`.

Words longer than the longest prefix index (6 letters) would make FTS5 merge the doclists of
every word starting with them before returning a single row; they go to FTS5 cut to 6
letters instead, and each batch of matches is checked against the whole word in the table;
so are words of one or two letters typed next to a longer one (their doclists cover most
of the directory). When few rows pass the checks (the whole words are much rarer, so their
doclists are short), the rest is asked of FTS5 with every word as typed after all: a long
word as the few indexed words starting with it, written whole (`_spelled_out`: FTS5 reads their
doclists as it goes), or merged when it starts many.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from pos_clients.data import trigram_counts
from pos_clients.data.database import UnitOfWork
from pos_clients.data.search_index import (
    ASCII_LOWER,
    ASCII_UPPER,
    EMAIL_FTS,
    ID_BITS,
    ID_MASK,
    NAME_FTS,
    NAME_VOCAB,
    email_text,
    group_bounds,
    key_rank,
    word_forms,
)

LONGEST_PREFIX = 6
# How many of an email fragment's trigrams are asked of FTS5, the rarest first, before all
# of them (LIKE checks the others). (3, 6) did no better than (3,) on 500 fragments at
# 1,000,000 customers (within the noise).
FRAGMENT_TRIGRAMS = (3,)
_LAST_BATCH = 4096
# Rows a plan reads beyond the page's need at first, when its rows are checked (some fail)
# or when each of its queries merges doclists (a word longer than the prefix indexes: a
# second query to complete the last tie group would merge them all again, 3 ms for
# `alexandrie*` at 1,000,000 customers); none for plain prefix-indexed words.
_SLACK = 14
# Rows the checks may still need to read (at the pass rate seen so far) to fill the page,
# beyond which FTS5 is asked for the whole words instead (merging prefix doclists costs a
# few milliseconds; checking a row in the table about 5 microseconds); a quarter of it
# before asking FTS5 for one- and two-letter words too.
_CHECK_BUDGET = 512
# The same for the rarest trigrams of an email fragment, after which more trigrams are asked:
# lower, as a check row costs about as much as for words, but more trigrams at once cost
# less than every word as typed (no prefix merge). Half of it: on the benchmark's 500
# fragments at 1,000,000 customers, the 40 slowest took 4.5 % less time (best of 7 runs
# each), and no more run once each as the benchmark runs them; a quarter made some slower
# (`illaume.ro` 1.6 -> 2.7 ms).
_FRAGMENT_BUDGET = _CHECK_BUDGET // 2

# A tie group with more matches than this is read in name order from the covering index
# (whole when it has _CROWD candidates or more: checking and sorting them would cost more).
GROUP_WALK_FROM = 64
_CROWD = 2048
# Rows a walk may read for each candidate of the group still to collect (and check). A
# candidate of an email fragment's plan of more trigrams than the rarest few costs FTS5 eight
# times as much (every doclist stepped to it, `nta` and `tac` of `contact.` holding 130,000
# entries each: 6-8 µs a candidate against 0.3-0.5 µs a walked row, measured at 1,000,000
# customers), so such a plan's groups may be walked that much further.
WALK_PER_CANDIDATE = 4
COSTLY_CANDIDATE = 8

# A condition as an SQL expression over a customer row, and its parameters.
_Walk = tuple[str, dict[str, Any]]
# The ranked FTS5 table asked, its query, the condition its rows must meet in the table (None:
# every row passes), its budget (the rows the checks may still need, at the pass rate seen so
# far, beyond which the next plan is cheaper), its slack (`_SLACK` or 0) and how many rows a
# walk may read for each of its candidates (`_walk_crowd`). Both ranked tables share their
# rowids, so plans may switch tables.
_Plan = tuple[str, str, _Walk | None, int, int, int]


def ints(uow: UnitOfWork, sql: str, params: dict[str, Any]) -> list[int]:
    """The first column of `sql`'s rows, straight from the driver (these lists run to
    thousands of ids, where a SQLAlchemy result costs several microseconds a row)."""
    cursor = uow.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return [row[0] for row in cursor.execute(sql, params)]
    finally:
        cursor.close()


def rows(uow: UnitOfWork, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of `sql` (SQLite named parameters), straight from the driver."""
    cursor = uow.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return list(cursor.execute(sql, params))
    finally:
        cursor.close()


def _prefix_match(word: str) -> str:
    """The FTS5 query of the indexed words starting with `word`, in any of its forms
    (`search_index.word_forms`): `"dup"*`, `("33612"* OR "0612"*)`."""
    return _any_of([_phrase(form) + "*" for form in word_forms(word)])


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _any_of(phrases: Sequence[str]) -> str:
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def all_match(words: Iterable[str]) -> str:
    """The FTS5 query of the rows holding a word starting with each of `words` (in any of its
    forms). FTS5 reads phrases side by side as AND, but not a parenthesized OR: then AND is
    written out."""
    return _and([_prefix_match(word) for word in words])


def _and(matches: Sequence[str]) -> str:
    return (" AND " if any(m.startswith("(") for m in matches) else " ").join(matches)


# A typed word longer than the prefix indexes is spelled out as the indexed words starting
# with it when there are at most this many (FTS5 reads each one's doclist as it goes; asked
# `"alexandrie"*`, it merges them all first: 3.2 ms against 0.1 for its 3 words at 1,000,000
# customers); with more (`rousseau`: 508 words, mostly of email addresses), it is not.
SPELLED_OUT = 16
_VOCAB = f"SELECT term FROM temp.{NAME_VOCAB} WHERE term >= :low AND term < :high LIMIT :n"


def _spelled_out(uow: UnitOfWork, word: str) -> str | None:
    """The FTS5 query of the indexed words starting with `word` (in any of its forms), each
    written whole (`search_index.NAME_VOCAB`); None when a form longer than the prefix indexes
    starts more than SPELLED_OUT of them."""
    phrases: list[str] = []
    for form in word_forms(word):
        if len(form) <= LONGEST_PREFIX:  # a prefix index answers it
            phrases.append(_phrase(form) + "*")
            continue
        after_last = ord(form[-1]) + 1
        if 0xD800 <= after_last <= 0xDFFF or after_last > 0x10FFFF:
            return None  # no character to bound the words with (never a folded letter)
        high = form[:-1] + chr(after_last)
        params = {"low": form, "high": high, "n": SPELLED_OUT + 1}
        terms = [term for (term,) in rows(uow, _VOCAB, params)]
        if len(terms) > SPELLED_OUT:
            return None
        # None at all: the prefix query, which then merges nothing and matches nothing.
        phrases += [_phrase(term) for term in terms] or [_phrase(form) + "*"]
    return _any_of(phrases)


def narrowing_match(uow: UnitOfWork, words: Iterable[str]) -> str:
    """An FTS5 query of the rows holding a word starting with each of `words`, and maybe a
    few more (for a check to drop), that merges no long doclist: a word longer than the
    prefix indexes spelled out (`_spelled_out`) when it starts few indexed words, else cut
    to them; a word of digits cut too."""
    matches = []
    for word in dict.fromkeys(words):
        spelled = None
        if len(word) > LONGEST_PREFIX and not word.isdigit():
            spelled = _spelled_out(uow, word)
        matches.append(spelled or _prefix_match(word[:LONGEST_PREFIX]))
    return _and(list(dict.fromkeys(matches)))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _words_walk(words: Sequence[str]) -> _Walk:
    """The condition of `page_ids` row by row: a word starting with each typed word (in one
    of its forms: `search_index.word_forms`)."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    for i, word in enumerate(words):
        likes: list[str] = []
        for j, form in enumerate(word_forms(word)):
            params[f"w{i}_{j}"] = f"% {_like_escape(form)}%"
            likes.append(f"search_text LIKE :w{i}_{j} ESCAPE '\\'")
        conditions.append(likes[0] if len(likes) == 1 else f"({' OR '.join(likes)})")
    return " AND ".join(conditions), params


def page_ids(
    uow: UnitOfWork, words: Sequence[str], need: int, after: tuple[str, int] | None
) -> list[int]:
    """Ids of customers matching every word, among which are the first `need` in name order
    (after the `(sort_key, id)` cursor `after`, when given): see the module docstring.
    """
    # One or two letters (`s` of `S.A.R.L.`) match most of the directory: FTS5 would step
    # through their whole doclists; they are checked in the table when a longer word is typed.
    indexed = [w for w in words if len(w) >= 3] or list(words)
    long_words = [w for w in indexed if len(w) > LONGEST_PREFIX]

    short = [w for w in words if w not in indexed]

    def plan(terms: Sequence[str], checks: Sequence[str], budget: int = 0) -> _Plan:
        match = all_match(dict.fromkeys(terms))
        check = _words_walk(checks) if checks else None
        merging = any(len(form) > LONGEST_PREFIX for t in terms for form in word_forms(t))
        slack = _SLACK if checks or merging else 0
        return NAME_FTS, match, check, budget, slack, WALK_PER_CANDIDATE

    def plans() -> Iterator[_Plan]:
        """Made as they are needed: most searches never need the last."""
        cut = [w[:LONGEST_PREFIX] for w in indexed]
        yield plan(cut, long_words + short, _CHECK_BUDGET // 4 if short else _CHECK_BUDGET)
        if short:  # then the short words too go to FTS5 (their doclists are long, not endless)
            yield plan(cut + short, long_words, _CHECK_BUDGET)
        if long_words:  # then every word as typed
            yield from _whole_word_plans(uow, words, long_words)

    return _first_ranks(uow, plans(), _words_walk(words), need, after)


def _whole_word_plans(
    uow: UnitOfWork, words: Sequence[str], long_words: Sequence[str]
) -> Iterator[_Plan]:
    """The plans asking FTS5 for every word as typed: the long words spelled out as the
    indexed words starting with them (`_spelled_out`) where they are few. A long word that
    starts too many is first cut to the prefix indexes and checked, when a word spelled out
    narrows the rows (`rousseau christophe`: `"rousse"* "christophe"`), then merged."""
    # A word of digits (a phone, a card) stays as typed: few customers share a beginning of
    # 7 digits, so its merge is short (0.1-0.2 ms), shorter than looking its words up.
    spelled = {word: _spelled_out(uow, word) for word in long_words if not word.isdigit()}
    unspelled = [word for word, match in spelled.items() if match is None]
    prefixes = [spelled.get(word) or _prefix_match(word) for word in dict.fromkeys(words)]
    if unspelled and len(unspelled) < len(spelled):
        narrowed = [
            _prefix_match(word[:LONGEST_PREFIX]) if word in unspelled else match
            for word, match in zip(dict.fromkeys(words), prefixes, strict=True)
        ]
        check = _words_walk(unspelled)
        yield NAME_FTS, _and(narrowed), check, _CHECK_BUDGET, _SLACK, WALK_PER_CANDIDATE
    # Each query merges the words not spelled out.
    slack = _SLACK if unspelled or any(word.isdigit() for word in long_words) else 0
    yield NAME_FTS, _and(prefixes), None, 0, slack, WALK_PER_CANDIDATE


def _fragment(pattern: str) -> str:
    """The fragment of `pattern` (`%fragment%`), its ASCII letters in lower case (LIKE matches
    them in either case)."""
    return pattern.strip("%").translate(ASCII_LOWER)


def fragment_trigrams(pattern: str) -> list[str]:
    """The trigrams every email LIKE `pattern` (`%fragment%`) holds, in lower case: those of
    the pieces between its `_` (one-character wildcards), once each, in the fragment's
    order. `trigram_match` asks them in the case the email table holds them."""
    pieces = [p for p in _fragment(pattern).split("_") if len(p) >= 3]
    return list(dict.fromkeys(p[i : i + 3] for p in pieces for i in range(len(p) - 2)))


def _covering(pattern: str, chosen: Sequence[str], counts: dict[str, int]) -> list[str]:
    """`chosen` and more trigrams of the fragment of `pattern` (`%fragment%`), until every
    character of its pieces between `_` is in one of them: each time the one held by the
    fewest addresses for each character it adds (`counts`)."""
    covers: dict[str, set[int]] = {}  # each trigram: the characters its occurrences cover
    at = 0
    for piece in _fragment(pattern).split("_"):
        for i in range(len(piece) - 2):
            covers.setdefault(piece[i : i + 3], set()).update((at + i, at + i + 1, at + i + 2))
        at += len(piece) + 1
    taken = list(dict.fromkeys(chosen))
    needed = set().union(*covers.values()).difference(*(covers.get(t, ()) for t in taken))
    while needed:
        trigram = min(
            (t for t in covers if t not in taken and covers[t] & needed),
            key=lambda t: counts.get(t, 0) / len(covers[t] & needed),
        )
        taken.append(trigram)
        needed -= covers[trigram]
    return taken


def _all_of(trigrams: Iterable[str]) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(trigrams))


def trigram_match(pattern: str, chosen: Sequence[str]) -> str:
    """The FTS5 query of the addresses holding the trigrams `chosen` (some of
    `fragment_trigrams(pattern)`) where the fragment of `pattern` shows them, in the case the
    email table holds them there (`search_index.email_text`: the local part in lower case,
    the domain in upper case; an address has one `@`, email-validator sees to it).

    With an `@`, the fragment's trigrams before it are the local part's, those after it (and
    across it) the domain's. Without, each piece between `_` lies wholly in one part or the
    other: its trigrams all in lower case, or all in upper case (`toinette.f` is never asked
    as `oin` of a local part and `E.F` of a domain).
    """
    fragment = _fragment(pattern)
    wanted = set(chosen)
    if "@" in fragment:
        shown = email_text(fragment)
        return _all_of(
            shown[i : i + 3] for i in range(len(shown) - 2) if fragment[i : i + 3] in wanted
        )
    either: list[str] = []
    for piece in fragment.split("_"):
        held = [piece[i : i + 3] for i in range(len(piece) - 2) if piece[i : i + 3] in wanted]
        if held:
            lower, upper = _all_of(held), _all_of(t.translate(ASCII_UPPER) for t in held)
            either.append(lower if lower == upper else f"({lower}) OR ({upper})")
    return either[0] if len(either) == 1 else " AND ".join(f"({e})" for e in either)


def fragment_page_ids(
    uow: UnitOfWork,
    pattern: str,
    need: int,
    after: tuple[str, int] | None,
    stop: int | None = None,
) -> list[int] | None:
    """Like `page_ids`, for the customers whose email is LIKE `pattern` (`%fragment%`, whose
    `_` are one-character wildcards), from the ranked trigram index; None when the fragment
    has no three characters in a row to look up. With `stop`, only among ranks below it
    (fewer than `need` when fewer are there).

    A fragment from the middle of an address (`ntact.sanc`) is a conjunction of common
    trigrams (`nta`, `act`: every `contact.` address); FTS5 steps through their long
    doclists, page by page, at each match. Its rarest trigrams are asked first (across the
    directory, as counted at start: `trigram_counts`; else sampled where the page is read:
    `_rarest`), the LIKE check doing the rest.
    """
    every = fragment_trigrams(pattern)
    if not every:
        return None

    # As the trigram index answers LIKE: no escape character.
    walk: _Walk = ("email LIKE :pattern", {"pattern": pattern})

    def plan(chosen: Sequence[str], budget: int) -> _Plan:
        walk_rows = WALK_PER_CANDIDATE
        if len(chosen) > FRAGMENT_TRIGRAMS[0]:
            walk_rows *= COSTLY_CANDIDATE
        return EMAIL_FTS, trigram_match(pattern, chosen), walk, budget, _SLACK, walk_rows

    def plans() -> Iterator[_Plan]:
        """Made as they are needed: most fragments never need the second."""
        if len(every) > FRAGMENT_TRIGRAMS[0]:
            # FTS5 steps through the doclists of every trigram given (`nta`, `ct.`: 130,000
            # addresses each): first the rarest few, LIKE checking the rest; more of them
            # when the checks throw away too much.
            counted = trigram_counts.counts(uow.database)
            if counted is not None:  # the rarest across the directory (counted at start)
                rarest = sorted(every, key=lambda t: counted.get(t, 0))
            else:
                start = (key_rank(after[0]) << ID_BITS) - 1 if after is not None else -1
                rarest = _rarest(uow, pattern, every, start)
            for k in FRAGMENT_TRIGRAMS:
                if k < len(every):
                    yield plan(rarest[:k], _FRAGMENT_BUDGET)
            if counted is not None:
                # Then trigrams covering the rest of the fragment, the fewest held first: all
                # its characters checked by FTS5 without the doclists of `mai`, `ail` (gmail).
                covering = _covering(pattern, rarest[: FRAGMENT_TRIGRAMS[0]], counted)
                if FRAGMENT_TRIGRAMS[0] < len(covering) < len(every):
                    yield plan(covering, _FRAGMENT_BUDGET)
        yield plan(every, 0)

    made = plans()
    first = next(made)
    # Every plan's matches hold the fragment's: its first (rarest trigrams) counts cheapest.
    return _first_ranks(uow, chain([first], made), walk, need, after, first[:2], stop)


_SAMPLE = 16
_SAMPLED = 8


def _rarest(uow: UnitOfWork, pattern: str, trigrams: list[str], start: int) -> list[str]:
    """`trigrams` (of `pattern`), the least densely occurring first in the ranked email index
    from rank `start` on: for each, its first _SAMPLE matches there over the span of ranks
    they cover (one statement; a trigram with fewer matches left is rarer than any). Of more
    than _SAMPLED trigrams, that many spread over the fragment are sampled, the others come
    last.
    """
    count = min(len(trigrams), _SAMPLED)
    sampled = [trigrams[i * len(trigrams) // count] for i in range(count)]
    sample = (
        f"SELECT {{i}}, rowid FROM (SELECT rowid FROM {EMAIL_FTS} WHERE {EMAIL_FTS} "
        "MATCH :m{i} AND rowid > :start ORDER BY rowid LIMIT :n)"
    )
    sql = " UNION ALL ".join(sample.format(i=i) for i in range(len(sampled)))
    params: dict[str, Any] = {"start": start, "n": _SAMPLE}
    params |= {f"m{i}": trigram_match(pattern, [t]) for i, t in enumerate(sampled)}
    seen = [0] * len(sampled)
    span = [1 << 63] * len(sampled)
    for i, rank in rows(uow, sql, params):
        seen[i] += 1
        if seen[i] == _SAMPLE:
            span[i] = max(rank - start, 1)
    order = sorted(range(len(sampled)), key=lambda i: seen[i] / span[i])
    ranked = [sampled[i] for i in order]
    return ranked + [t for t in trigrams if t not in ranked]


def _walk_group(
    uow: UnitOfWork,
    walk: _Walk,
    key: int,
    n: int,
    after: tuple[str, int] | None,
    scan: int | None,
) -> tuple[list[int], tuple[str, int] | None]:
    """The first `n` customers of the tie group `key` meeting `walk`, in name order (after
    the cursor `after`), read from the covering index `ix_customer_walk` (migration 0004).

    Reads at most `scan` rows of the group (all of them when None). Also returns, when fewer
    than `n` were found and the group goes on past those rows, the last one read, as a cursor
    to walk on from; None when the group ended there.
    """
    condition, params = walk
    low, high = group_bounds(key)
    bounds = "sort_key >= :low" + ("" if high is None else " AND sort_key < :high")
    if after is not None:
        bounds += " AND (sort_key, id) > (:after_key, :after_id)"
    ordered = f"FROM customer WHERE {bounds} ORDER BY sort_key, id"
    values = {**params, "low": low, "high": high, "n": n, "scan": -1 if scan is None else scan}
    if after is not None:
        values |= {"after_key": after[0], "after_id": after[1]}
    walked = f"SELECT id, search_text, email {ordered} LIMIT :scan"
    found = ints(uow, f"SELECT id FROM ({walked}) WHERE {condition} LIMIT :n", values)
    if len(found) >= n or scan is None:
        return found, None
    last_read = f"SELECT sort_key, id {ordered} LIMIT 1 OFFSET :skip"
    end = rows(uow, last_read, values | {"skip": scan - 1})
    return found, (end[0][0], end[0][1]) if end else None


def _walk_crowd(
    uow: UnitOfWork,
    query: tuple[str, str],
    walk: _Walk,
    key: int,
    n: int,
    after: tuple[str, int] | None,
    seen: tuple[int | None, int] = (None, 0),
    walk_rows: int | None = None,
) -> list[int] | None:
    """The first `n` matches of the tie group `key` (after `after`) in name order, walked
    from the covering index when more than GROUP_WALK_FROM of its candidates (FTS5 matches of
    `query`, a table and its query) are still to be read (`seen`: how many the group has,
    when already estimated, else counted here; and how many were read already); None when
    the group is not crowded, or its matches too sparse to walk to.

    Collecting a candidate (reading, checking and sorting it) costs about 5 µs, walking a row
    about 0.6: the walk may read `walk_rows` rows per candidate left (WALK_PER_CANDIDATE
    unless given: more for a plan whose candidates cost FTS5 more), or every row of the
    group when it has _CROWD candidates or more. When those rows hold too few matches, it
    goes on only while the matches seen so far say the rest is within as many rows again in
    all.
    """
    candidates, read = seen
    if candidates is None:
        candidates = _candidates(uow, *query, key, _CROWD)
    if candidates - read <= GROUP_WALK_FROM:
        return None
    if candidates >= _CROWD:
        return _walk_group(uow, walk, key, n, after, None)[0]
    budget = (WALK_PER_CANDIDATE if walk_rows is None else walk_rows) * (candidates - read)
    found: list[int] = []
    scan = budget
    walked = 0
    while True:
        more, end = _walk_group(uow, walk, key, n - len(found), after, scan)
        found += more
        walked += scan
        if len(found) >= n or end is None:
            return found
        # At the density seen so far (with some margin), the rows still to walk: on only
        # while they keep the whole walk within twice the budget (matches may cluster at the
        # group's start: `ntact.bart` found 41 in its first 376 rows, then none in 5 more
        # steps, walking 1,560 rows for a budget of 376).
        scan = (n - len(found)) * walked // max(len(found), 1) * 5 // 4 + 16
        if not found or walked + scan > 2 * budget:
            return None
        after = end


def _candidates(uow: UnitOfWork, table: str, match: str, key: int, n: int) -> int:
    """How many rows of `table` match `match` in the tie group `key`, counting up to `n`."""
    sql = (
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH :m "
        "AND rowid >= :low AND rowid < :high LIMIT :n)"
    )
    params = {"m": match, "low": key << ID_BITS, "high": (key + 1) << ID_BITS, "n": n}
    return ints(uow, sql, params)[0]


# Fewer matches of a tie group seen than this tell too little of how many it holds.
_MIN_SEEN = 32
# Candidates of one tie group read (whatever their checks) from which on it may be walked.
CROWD_READ = 128


def _read_in(seen: list[int], key: int) -> int:
    """How many of the ranks `seen` (in order) are in the tie group `key`."""
    return bisect_left(seen, (key + 1) << ID_BITS) - bisect_left(seen, key << ID_BITS)


def _estimated(
    seen: list[int], since: int, covered: int, key: int, max_id: int
) -> tuple[int | None, int]:
    """About how many matches the tie group `key` holds, from those of them `seen` (a plan's
    matches in rank order: every one ranked in `(since, covered]`), and how many of them were
    seen: within a group the ranks follow the ids, which spread evenly over 1 to `max_id`
    whatever the name. Exact when the whole group was read; None when too little was to tell.
    """
    low = key << ID_BITS
    high = low + max_id + 1
    start, end = max(since + 1, low), min(covered + 1, high)
    if end <= start:
        return None, 0
    in_group = bisect_left(seen, end) - bisect_left(seen, start)
    if start == low and end == high:
        return in_group, in_group
    if in_group < _MIN_SEEN:
        return None, in_group
    return in_group * (high - low) // (end - start), in_group


_READ = (
    "SELECT rowid FROM {table} WHERE {table} MATCH :m AND rowid > :last AND rowid < :stop "
    "ORDER BY rowid LIMIT :n"
)
# The same rows, each with whether its customer meets the condition: one statement (a check
# of its own, of the ids as JSON, cost 40 % more: 0.19 against 0.12 ms for 65 rows). A LEFT
# JOIN returns every rank read, so that a short batch still means FTS5 has no more.
_READ_CHECKED = (
    f"SELECT f.rowid, {{condition}} FROM ({_READ}) AS f "
    f"LEFT JOIN customer ON customer.id = f.rowid & {ID_MASK}"
)


def _read(
    uow: UnitOfWork,
    table: str,
    match: str,
    check: _Walk | None,
    last: int,
    stop: int,
    n: int,
) -> tuple[list[int], list[int]]:
    """The first `n` ranks of `table` matching `match` in `(last, stop)`, in order, and those
    of them whose customer meets `check` (all of them when None)."""
    params: dict[str, Any] = {"m": match, "last": last, "stop": stop, "n": n}
    if check is None:
        ranks = ints(uow, _READ.format(table=table), params)
        return ranks, ranks
    condition, values = check
    found = rows(uow, _READ_CHECKED.format(table=table, condition=condition), params | values)
    found.sort()  # the outer statement has no ORDER BY of its own (its rows come in order)
    return [rank for rank, _ in found], [rank for rank, passes in found if passes]


def _first_ranks(
    uow: UnitOfWork,
    plans: Iterable[_Plan],
    walk: _Walk,
    need: int,
    after: tuple[str, int] | None,
    census: tuple[str, str] | None = None,
    stop: int | None = None,
) -> list[int]:
    """Ids among which are the first `need` matches in name order (after `after`), of those
    ranked below `stop` when given.

    Reads `table`'s matches in rank order, keeps those the plan's check passes, one tie group
    (rows sharing a `key_rank`) after another, until `need` are counted. A tie group of more
    than GROUP_WALK_FROM matches (everyone called Martin), or of more than CROWD_READ
    candidates read (whatever their checks), is read in name order from the covering index
    instead (`walk`, the same condition as SQL), only as many rows as the page still needs,
    unless its matches are too sparse for that. When the checks would need
    more than the plan's budget of rows to fill the page, go on with the next plan, taken
    from `plans` only then (same
    answers, fewer checks, more work for FTS5). `census` (a table and its query) counts the
    candidates of a tie group, when cheaper than the plan's own query.
    """
    following = iter(plans)
    table, match, check, budget, slack, walk_rows = next(following)
    more = True  # whether a next plan may follow
    # Rows of the cursor's own tie group may sort before it: collect them, never count them.
    after_key = key_rank(after[0]) if after is not None else -1
    found: list[int] = []
    counted = 0
    group_key = -1
    group: list[int] = []
    unwalkable = -1  # a crowded group whose matches are too sparse to walk to
    last = (max(after_key, 0) << ID_BITS) - 1
    # A plan whose matches are checked, or merged, reads a few more than the page needs first.
    batch = need + slack
    read = kept = 0  # rows read and passed under the current plan
    completing = False
    ranks: list[int] = []
    passed: list[int] = []
    # Every rank (or those below `stop`); once the page is full, the end of its last tie group.
    stop = (1 << 63) - 1 if stop is None else stop
    # The current plan's matches read, all of them ranked in (since, covered].
    seen: list[int] = []
    since = covered = last
    max_id: int | None = None

    def estimated(key: int) -> tuple[int | None, int]:
        nonlocal max_id
        if max_id is None:
            max_id = ints(uow, "SELECT max(id) FROM customer", {})[0] or 0
        return _estimated(seen, since, covered, key, max_id)

    def walk_group(key: int, n: int) -> list[int] | None:
        cursor = after if key == after_key else None
        query = census or (table, match)
        return _walk_crowd(uow, query, walk, key, n, cursor, estimated(key), walk_rows)

    def next_group(key: int) -> bool:
        """The tie group collected so far is complete, `key`'s begins; whether the page is."""
        nonlocal found, counted, group_key, group
        found += group
        counted += len(group) if group_key > after_key else 0
        group_key, group = key, []
        return counted >= need

    def take_walked(key: int, walked: list[int]) -> bool:
        """Add the rows walked of group `key`; whether the page is full. When it is not, they
        were all of the group: the reading goes on after it."""
        nonlocal found, counted, group, last, seen, since
        found += walked
        counted += len(walked)
        group = []
        last = ((key + 1) << ID_BITS) - 1
        seen, since = [], last
        return counted >= need

    while True:
        # Rows still to check at this plan's pass rate before the page is full (the rows of
        # the cursor's own group do not count: some may come before the cursor).
        missing = need - counted - (len(group) if group_key > after_key else 0)
        # At the pass rate so far, or the last batch's if lower (matches come in clusters).
        projected = max(missing * read // max(kept, 1), missing * len(ranks) // max(len(passed), 1))
        switch = None
        if more and missing > 0 and projected > budget:
            switch = next(following, None)
            more = switch is not None
        if switch is not None:
            table, match, check, budget, slack, walk_rows = switch
            read = kept = 0
            # Its pass rate is still to be seen.
            batch = missing + slack
            seen, since = [], last
        elif missing <= 0:
            # The page is full: only the last tie group is still to complete (small batches
            # first: it usually ends within a few rows; when it does not, the page's share of
            # it may be cheaper to walk to than to check).
            if completing and group_key != unwalkable:
                still = need - counted
                walked = walk_group(group_key, still)
                if walked is not None:
                    return found + walked
                unwalkable = group_key
            batch = min(batch * 4, _LAST_BATCH) if completing else 32
            completing = True
            stop = (group_key + 1) << ID_BITS
        elif read and kept < read:
            # The checks throw rows away: ask for about what the page still needs, at most
            # twice the last batch (a crowded group may be next: walked, not checked).
            batch = max(32, min(_CHECK_BUDGET, projected * 5 // 4 + 8, batch * 2))
        ranks, passed = _read(uow, table, match, check, last, stop, batch)
        last = ranks[-1] if ranks else last
        seen += ranks
        covered = last if len(ranks) == batch else stop - 1
        read, kept = read + len(ranks), kept + len(passed)
        for rank in passed:
            key = rank >> ID_BITS
            if key != group_key and next_group(key):
                return found
            group.append(rank & ID_MASK)
            if len(group) > GROUP_WALK_FROM and group_key != unwalkable:
                # A crowded tie group: take just what the page needs of it, in name order.
                walked = walk_group(group_key, need - counted)
                if walked is None:
                    unwalkable = group_key  # collect it whole after all
                    continue
                if take_walked(group_key, walked):
                    return found
                break
        else:
            key = last >> ID_BITS
            if (
                len(ranks) == batch
                and not completing
                and key != unwalkable
                and _read_in(seen, key) > CROWD_READ
            ):
                # Many candidates of one tie group read, few passing: walk it too.
                if key != group_key and next_group(key):
                    return found
                walked = walk_group(key, need - counted)
                if walked is None:
                    unwalkable = key
                else:
                    if take_walked(key, walked):
                        return found
                    continue
            if len(ranks) < batch:
                return found + group
            if kept == read:
                batch = min(batch * 4, _LAST_BATCH)
