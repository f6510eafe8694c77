"""Search queries over the directory (D6): as-you-type, accent- and case-blind, paged by key.

What a user types is never query syntax: it is folded into plain words (letters and digits),
which are quoted before they reach FTS5, and into LIKE patterns with their wildcards escaped.

A customer matches when every word typed is the start of one of their words (name, company,
contact, email, phone digits, postcode, city, reference). Digits typed with phone punctuation
(`06 12`, `+33 6 12`) are one word (`0612`). Text that looks like part of an email address
(`@`, or a dot without spaces) also matches any email that contains it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)

from pos_clients.data import search_postgres, search_ranked
from pos_clients.data.database import UnitOfWork
from pos_clients.data.search_index import (
    EMAIL_FTS,
    ID_BITS,
    ID_MASK,
    NAME_FTS,
    key_rank,
    word_forms,
)
from pos_clients.data.tables import customer_table, group_table
from pos_clients.folding import fold, words

PAGE_SIZE = 50
_PHONE_LIKE = re.compile(r"[\d\s+.\-()/]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD_CHAR = re.compile(r"[0-9a-z]")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    words: tuple[str, ...]
    email_fragment: str | None

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.email_fragment

    @property
    def may_be_rare(self) -> bool:
        """An email fragment, or digits (a phone, a card): how many customers hold it, the
        PostgreSQL planner cannot tell from pg_trgm's statistics (`search_postgres`)."""
        if self.email_fragment is not None:
            return True
        digits = bool(self.words) and all(w.isdigit() for w in self.words)
        return digits and not self.is_short_name_prefix

    @property
    def is_short_name_prefix(self) -> bool:
        """One or two characters: served by the sort-key index (names starting with them)."""
        return len(self.words) == 1 and len(self.words[0]) <= 2 and not self.email_fragment


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the next page starts after this (sort key, id)."""

    sort_key: str
    id: int


class CustomerListItem(NamedTuple):
    """One row of the directory list (a named tuple: a page makes 50 of them at every
    keystroke, 0.7 µs each where a frozen dataclass takes 3)."""

    id: int
    kind: str
    display_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    postcode: str
    city: str
    reference: str | None
    group_name: str | None
    sort_key: str

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.sort_key, self.id)


@dataclass(frozen=True, slots=True)
class SearchPage:
    items: tuple[CustomerListItem, ...]
    # None when this page is the last one.
    next_cursor: Cursor | None


def parse(query: str) -> ParsedQuery:
    query = query.strip()
    if not query:
        return ParsedQuery((), None)
    digits = "".join(c for c in query if c.isdigit())
    if _PHONE_LIKE.fullmatch(query) and len(digits) >= 2 and not query.isdigit():
        if query.startswith("+") or query.startswith("00"):
            digits = digits[2:] if query.startswith("00") else digits
            if digits.startswith("33"):
                digits = "0" + digits[2:]
        return ParsedQuery((digits,), None)
    found = tuple(dict.fromkeys(words(query)))
    fragment = None
    # Control characters are no part of an address (and PostgreSQL refuses NUL in text).
    compact = _CONTROL.sub("", fold(query))
    if ("@" in compact or ("." in compact and " " not in compact)) and len(compact) >= 3:
        fragment = compact
    return ParsedQuery(found, fragment)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _starts_a_word(search_text: ColumnElement[str], word: str) -> ColumnElement[bool]:
    """A word of `search_text` starts with `word`, in one of its forms (`word_forms`)."""
    likes = [search_text.like(f"% {_like_escape(f)}%", escape="\\") for f in word_forms(word)]
    return likes[0] if len(likes) == 1 else or_(*likes)


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Words handed to FTS5 at most; the others are checked on its (few) results. FTS5 merges
# the whole doclist of every prefix it is given, so short common words (`le`, `de`) in a
# full name would cost more than they narrow; the longest words are the most selective.
FTS_WORDS = 2


def _fts_words(parsed: ParsedQuery) -> tuple[str, ...]:
    longest = sorted(parsed.words, key=len, reverse=True)
    # One or two letters (`s` of `S.A.S.`) match most of the directory: never worth merging
    # when a longer word is there to narrow first.
    useful = [w for w in longest if len(w) >= 3] or longest
    return tuple(useful[:FTS_WORDS])


def _fts_match(parsed: ParsedQuery) -> str:
    return search_ranked.all_match(_fts_words(parsed))


def _trigram_like(parsed: ParsedQuery) -> str:
    return "%" + (parsed.email_fragment or "").replace("%", "") + "%"


def _trigram_match(parsed: ParsedQuery) -> str | None:
    """An FTS5 query of the trigrams every email LIKE `_trigram_like` holds (its `_` match
    any character: the pieces between them); None when there are no three in a row."""
    pattern = _trigram_like(parsed)
    found = search_ranked.fragment_trigrams(pattern)
    return search_ranked.trigram_match(pattern, found) if found else None


def _fragment_ids(uow: UnitOfWork, parsed: ParsedQuery, cap: int) -> list[int]:
    """The ids of (at most `cap`) customers whose email holds the typed fragment (SQLite)."""
    params: dict[str, Any] = {"p": _trigram_like(parsed), "cap": cap}
    match = _trigram_match(parsed)
    if match is None:
        return search_ranked.ints(uow, _IDS_EMAIL_LIKE, params)
    return search_ranked.ints(uow, _IDS_TRIGRAMS, params | {"m": match})


# From this many matches on, the first page is found sooner by walking the directory in name
# order (testing each customer's folded words, from the covering index `ix_customer_walk`)
# than by fetching every match and sorting it. Measured at 1,000,000 customers: see
# BENCHMARKS.md and benchmarks/bench_search.py.
WALK_FROM = 3000
# The ranked tables' rowids hold the customer id in their low bits (search_index.name_rank).
_ID_OF_RANK = f"rowid & {ID_MASK}"
_IDS_WORDS = f"SELECT {_ID_OF_RANK} FROM {NAME_FTS} WHERE {NAME_FTS} MATCH :m LIMIT :cap"
# An email fragment: the rows holding its trigrams, then LIKE on the address itself (the
# same pattern as the walk's); without three characters in a row, LIKE alone on every row.
_IDS_TRIGRAMS = (
    f"SELECT customer.id FROM {EMAIL_FTS} CROSS JOIN customer "
    f"ON customer.id = {EMAIL_FTS}.{_ID_OF_RANK} "
    f"WHERE {EMAIL_FTS} MATCH :m AND customer.email LIKE :p LIMIT :cap"
)
_IDS_EMAIL_LIKE = "SELECT id FROM customer WHERE email LIKE :p LIMIT :cap"
_COUNT_WORDS = f"SELECT count(*) FROM (SELECT 1 FROM {NAME_FTS} WHERE {NAME_FTS} MATCH :m LIMIT :n)"


def _words_cover(parsed: ParsedQuery) -> bool:
    """Whether every email containing the fragment also has a word starting with each typed
    word, so the word index alone finds them: true when the fragment starts at a word
    boundary (`@free.fr`, `.fr`) and holds no `_` (a one-character wildcard for trigram)."""
    fragment = parsed.email_fragment or ""
    return bool(parsed.words) and not _WORD_CHAR.match(fragment) and "_" not in fragment


def _candidates(uow: UnitOfWork, parsed: ParsedQuery) -> list[int] | None:
    """The ids of every customer matching `parsed` and maybe a few more, or None when there
    are WALK_FROM or more: the caller checks them (`_matching(..., walk=True)`).

    One pass over the indexes, stopping at WALK_FROM: the longest typed words go to FTS5
    (`_fts_words`) as `search_ranked.narrowing_match` writes them (a word longer than the
    prefix indexes as the few indexed words it starts, or cut to them: asked as typed,
    `martine*` would make FTS5 merge the doclists of 990 words, 10 ms at 1,000,000
    customers), and the trigram table adds the email fragments (checked by LIKE). When the
    query is that dense, walking by name is faster (None); otherwise sorting these few ids
    needs no second pass over the index.
    """
    found: dict[int, None] = {}
    if parsed.words:
        match = search_ranked.narrowing_match(uow, _fts_words(parsed))
        found.update(
            dict.fromkeys(search_ranked.ints(uow, _IDS_WORDS, {"m": match, "cap": WALK_FROM}))
        )
    if parsed.email_fragment and len(found) < WALK_FROM:
        found.update(dict.fromkeys(_fragment_ids(uow, parsed, WALK_FROM)))
    return None if len(found) >= WALK_FROM else list(found)


def _matching(
    stmt: Select[Any], parsed: ParsedQuery, dialect: str, *, walk: bool = False
) -> Select[Any]:
    """Add to `stmt` the conditions of `parsed` for this engine.

    On SQLite, `walk=False` takes the matches from the FTS indexes (then sorted by name);
    `walk=True` states the same conditions row by row (a word of `search_text` starting with
    each typed word; the email LIKE the fragment), for a scan in name order.
    Both select exactly the same customers.
    """
    c = customer_table.c
    sort_key = c.sort_key
    if parsed.is_short_name_prefix:
        prefix = parsed.words[0]
        return stmt.where(sort_key >= prefix, sort_key < _next_prefix(prefix))
    conditions: list[ColumnElement[bool]] = []
    if dialect == "sqlite" and not walk:
        if parsed.words:
            indexed = _fts_words(parsed)
            others = list(parsed.words)
            for word in indexed:
                others.remove(word)
            conditions.append(
                and_(
                    c.id.in_(
                        select(literal_column(_ID_OF_RANK))
                        .select_from(text(NAME_FTS))
                        .where(
                            text(f"{NAME_FTS} MATCH :fts_match").bindparams(
                                fts_match=_fts_match(parsed)
                            )
                        )
                        # In id order: SQLite lists them in a b-tree, far faster in order.
                        .order_by(literal_column("1"))
                    ),
                    *[_starts_a_word(c.search_text, w) for w in others],
                )
            )
        if parsed.email_fragment:
            # The same LIKE as the walk's (no ESCAPE: `_` stays a one-character wildcard,
            # harmless: it also matches `_`), on the rows holding the fragment's trigrams.
            like: ColumnElement[bool] = c.email.like(_trigram_like(parsed))
            match = _trigram_match(parsed)
            if match is not None:
                like = and_(
                    c.id.in_(
                        select(literal_column(_ID_OF_RANK))
                        .select_from(text(EMAIL_FTS))
                        .where(text(f"{EMAIL_FTS} MATCH :trgm_match").bindparams(trgm_match=match))
                        .order_by(literal_column("1"))
                    ),
                    like,
                )
            conditions.append(like)
    else:
        search_text = c.search_text
        if parsed.words:
            conditions.append(and_(*[_starts_a_word(search_text, w) for w in parsed.words]))
        if parsed.email_fragment and dialect == "sqlite":
            # The same pattern as the indexed plan checks, so both find the same customers.
            conditions.append(c.email.like(_trigram_like(parsed)))
        elif parsed.email_fragment:
            conditions.append(
                func.lower(c.email).like(f"%{_like_escape(parsed.email_fragment)}%", escape="\\")
            )
    return stmt.where(or_(*conditions))


def where_matching(stmt: Select[Any], query: str, dialect: str) -> Select[Any]:
    """`stmt` (over `customer`) narrowed to the customers matching `query`.

    An empty query keeps everyone; text with nothing searchable in it keeps no one.
    """
    parsed = parse(query)
    if parsed.is_empty:
        return stmt.where(false()) if query.strip() else stmt
    return _matching(stmt, parsed, dialect)


def search(
    uow: UnitOfWork,
    query: str,
    *,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
    group_id: int | None = None,
) -> SearchPage:
    """One page of the customers matching `query`, ordered by name, after `after`.

    An empty query lists the whole directory. `group_id` keeps only that group's members.
    """
    parsed = parse(query)
    if parsed.is_empty and query.strip():
        return SearchPage((), None)
    sqlite_words = uow.dialect == "sqlite" and not parsed.is_empty
    walks = False
    if sqlite_words and not parsed.is_short_name_prefix and group_id is None:
        # Matches in name order from the ranked word and email indexes (migration 0006).
        after_key = (after.sort_key, after.id) if after else None
        found: list[int] = []
        by_words: list[int] = []
        if parsed.words:
            by_words = search_ranked.page_ids(uow, parsed.words, limit + 1, after_key)
        if parsed.email_fragment and not _words_cover(parsed):
            pattern = _trigram_like(parsed)
            # Past the words' page (when full), no address can make the page: the fragment's
            # matches are looked for only before it.
            stop = _rank_after(uow, by_words, limit + 1, after)
            ranked = search_ranked.fragment_page_ids(uow, pattern, limit + 1, after_key, stop)
            if ranked is None:  # no three characters in a row: LIKE on every row, capped
                ranked = _fragment_ids(uow, parsed, WALK_FROM)
                walks = len(ranked) >= WALK_FROM
            found = ranked
        if not walks:
            found += by_words
            if not found:
                return SearchPage((), None)
            return _page_of_ids(uow, found, after, limit)
    c = customer_table.c
    stmt: Select[Any] = select(
        c.id,
        c.kind,
        c.first_name,
        c.last_name,
        c.company_name,
        c.email,
        c.phone,
        c.mobile,
        c.postcode,
        c.city,
        c.reference,
        group_table.c.name,
        c.sort_key,
    ).select_from(customer_table.outerjoin(group_table, group_table.c.id == c.group_id))
    # Within a group (SQLite): the customers the indexes list, when fewer than WALK_FROM, are
    # read and sorted; a query matching more walks the group's members in name order (from
    # `ix_customer_group`, which holds what the walk checks: migration 0011).
    by_ids = sqlite_words and group_id is not None and not parsed.is_short_name_prefix
    candidates = _candidates(uow, parsed) if by_ids and not walks else None
    walks = walks or (by_ids and candidates is None)
    if walks:
        # Pick the page's ids from a covering index alone, then read those rows.
        page: Select[Any] = _matching(select(c.id), parsed, uow.dialect, walk=True)
        if group_id is not None:
            page = page.where(c.group_id == group_id)
        if after is not None:
            page = page.where(tuple_(c.sort_key, c.id) > tuple_(after.sort_key, after.id))
        stmt = stmt.where(c.id.in_(page.order_by(c.sort_key, c.id).limit(limit + 1)))
    else:
        if candidates is not None and group_id is not None:
            if not candidates:
                return SearchPage((), None)
            # Read, check and sort just those rows: no second pass over the word index.
            stmt = _checked_members(stmt, parsed, candidates, group_id)
        else:
            if not parsed.is_empty:
                stmt = _matching(stmt, parsed, uow.dialect)
            if group_id is not None:
                stmt = stmt.where(c.group_id == group_id)
        if after is not None:
            stmt = stmt.where(tuple_(c.sort_key, c.id) > tuple_(after.sort_key, after.id))
    return _page(uow, stmt, limit, may_be_rare=parsed.may_be_rare)


def _checked_members(
    stmt: Select[Any], parsed: ParsedQuery, candidates: list[int], group_id: int
) -> Select[Any]:
    """`stmt` (over `customer`, SQLite) narrowed to those of `candidates` (`_candidates`) in
    the group `group_id` that match `parsed`, checked row by row."""
    ids = text("customer.id IN (SELECT value FROM json_each(:ids))")
    stmt = stmt.where(ids.bindparams(ids=json.dumps(candidates)))
    # Each candidate looked up by id: the unary + keeps SQLite from walking the whole group
    # in name order (`ix_customer_group`) to find the few.
    stmt = stmt.where(text("+customer.group_id = :group_id").bindparams(group_id=group_id))
    return _matching(stmt, parsed, "sqlite", walk=True)


def _page(
    uow: UnitOfWork, stmt: Select[Any], limit: int, *, may_be_rare: bool = False
) -> SearchPage:
    """Run `stmt` (the list's columns) ordered by name, one page of `limit`. `may_be_rare`:
    the matches may be too rare for the planner's walk in name order (PostgreSQL, an email
    fragment or digits: `search_postgres`)."""
    c = customer_table.c
    stmt = stmt.order_by(c.sort_key, c.id).limit(limit + 1)
    if may_be_rare and uow.dialect == "postgresql":
        return _page_from(search_postgres.rows_trying_order(uow.session, stmt), limit)
    return _page_from(uow.session.execute(stmt).all(), limit)


# The list's columns of the customers whose ids are given, in name order (SQLite): sent
# straight to the driver, as it runs at every keystroke.
_PAGE_OF_IDS = (
    "SELECT c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.phone, "
    "c.mobile, c.postcode, c.city, c.reference, g.name, c.sort_key FROM customer AS c "
    "LEFT OUTER JOIN customer_group AS g ON g.id = c.group_id "
    "WHERE c.id IN (SELECT value FROM json_each(:ids)) {after}"
    "ORDER BY c.sort_key, c.id LIMIT :n"
)


_SORT_KEYS_OF_IDS = (
    "SELECT sort_key, id FROM customer WHERE id IN (SELECT value FROM json_each(:ids))"
)


def _rank_after(uow: UnitOfWork, ids: list[int], need: int, after: Cursor | None) -> int | None:
    """The `name_rank` from which on no customer is among the first `need` of `ids` (in name
    order, after `after`): the start of the tie group after the `need`-th one's; None when
    `ids` has fewer than `need` after `after`."""
    if len(ids) < need:
        return None
    keys = search_ranked.rows(uow, _SORT_KEYS_OF_IDS, {"ids": json.dumps(ids)})
    if after is not None:
        keys = [k for k in keys if (k[0], k[1]) > (after.sort_key, after.id)]
    if len(keys) < need:
        return None
    nth = sorted(keys)[need - 1][0]
    return (key_rank(nth) + 1) << ID_BITS


def _page_of_ids(uow: UnitOfWork, ids: list[int], after: Cursor | None, limit: int) -> SearchPage:
    """One page of `limit` among the customers `ids`, in name order after `after`."""
    params: dict[str, Any] = {"ids": json.dumps(ids), "n": limit + 1}
    if after is not None:
        params |= {"after_key": after.sort_key, "after_id": after.id}
    sql = _PAGE_OF_IDS.format(
        after="AND (c.sort_key, c.id) > (:after_key, :after_id) " if after is not None else ""
    )
    return _page_from(search_ranked.rows(uow, sql, params), limit)


def _page_from(rows: Sequence[Sequence[Any]], limit: int) -> SearchPage:
    """The page of the rows of the list's columns (one more than `limit` if there are more)."""
    items = tuple(
        CustomerListItem(
            r[0],
            r[1],
            # As customers.display_name: the company, or "last first" without empty parts.
            r[4] if r[1] == "company" else (f"{r[3]} {r[2]}" if r[2] else r[3]) if r[3] else r[2],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
        )
        for r in rows[:limit]
    )
    next_cursor = items[-1].cursor if len(rows) > limit and items else None
    return SearchPage(items, next_cursor)


def count(uow: UnitOfWork, query: str, *, cap: int = 10_000, group_id: int | None = None) -> int:
    """How many customers match `query`, counting no further than `cap` (+1 means "more")."""
    parsed = parse(query)
    if parsed.is_empty and query.strip():
        return 0
    if (
        uow.dialect == "sqlite"
        and group_id is None
        and not parsed.email_fragment
        and not parsed.is_short_name_prefix
        and len(_fts_words(parsed)) == len(parsed.words) > 0
    ):
        # Every word typed goes to the word index: count its matches there alone.
        found = search_ranked.ints(uow, _COUNT_WORDS, {"m": _fts_match(parsed), "n": cap + 1})
        return found[0]
    c = customer_table.c
    inner: Select[Any] = select(c.id).select_from(customer_table)
    if uow.dialect == "sqlite" and group_id is not None and not parsed.is_empty:
        # Within a group, as `search` reads it: the candidates checked, else (or a name's
        # first letters) the group's members walked from `ix_customer_group`.
        candidates = None if parsed.is_short_name_prefix else _candidates(uow, parsed)
        if candidates is not None:
            inner = _checked_members(inner, parsed, candidates, group_id)
        else:
            inner = _matching(inner, parsed, uow.dialect, walk=True).where(c.group_id == group_id)
    else:
        if not parsed.is_empty:
            inner = _matching(inner, parsed, uow.dialect)
        if group_id is not None:
            inner = inner.where(c.group_id == group_id)
    sub = inner.limit(cap + 1).subquery()
    return int(uow.session.scalar(select(func.count()).select_from(sub)) or 0)
