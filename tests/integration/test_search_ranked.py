"""The name-ordered word index (SQLite, migration 0006): its rowids, and pages read from it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from pos_clients import customers
from pos_clients.data import customer_search, search_ranked
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.data.search_index import ID_BITS, group_bounds, key_rank
from tests.helpers.factories import company, person
from tests.helpers.fts import assert_ranked_index_matches, indexed_rowids

# Sort keys sharing their first 6 characters (ties of the rank), punctuation and digits.
LAST_NAMES = [
    "Martin",
    "Martinez",
    "Martineau",
    "Mart'in",
    "Martin-Dupont",
    "Ma Tin",
    "Marti",
    "Martin2",
    "Martín",
    "Martinelli",
    # After the crowded "martin" tie group: a page may end inside it and go on past it.
    "Marty",
    "Martz",
]


def _fill_crowd(db: Database) -> Database:
    for i, last in enumerate(LAST_NAMES * 3):
        person(db, last, f"Antoine{i % 4}", city="Saint-Martin", email=f"a{i}@contact.fr")
    company(db, "Martinez & Fils", city="Paris")
    company(db, "123 Martin", city="Paris")
    return db


@pytest.fixture
def crowd(db: Database) -> Database:
    return _fill_crowd(db)


def _expected(uow: UnitOfWork, query: str) -> list[int]:
    """Every customer with a word starting with each typed word, by name (plain SQL)."""
    typed = customer_search.parse(query).words
    rows = uow.session.execute(text("SELECT id, search_text FROM customer ORDER BY sort_key, id"))
    return [i for i, indexed in rows if all(f" {w}" in indexed for w in typed)]


def _pages(uow: UnitOfWork, query: str, limit: int) -> list[int]:
    seen: list[int] = []
    page = customer_search.search(uow, query, limit=limit)
    seen += [i.id for i in page.items]
    while page.next_cursor is not None:
        page = customer_search.search(uow, query, after=page.next_cursor, limit=limit)
        seen += [i.id for i in page.items]
    return seen


@pytest.mark.parametrize(
    ("walk_from", "walk_rows", "crowd_read"),
    [(0, 4, 10**9), (2, 4, 10**9), (0, 0, 10**9), (10**9, 4, 10**9), (2, 4, 3)],
)
@pytest.mark.parametrize("budget", [1, 10**9])
@pytest.mark.parametrize("limit", [1, 4, 50])
def test_pages_from_the_ranked_index_are_in_name_order(
    crowd: Database,
    monkeypatch: pytest.MonkeyPatch,
    budget: int,
    limit: int,
    walk_from: int,
    walk_rows: int,
    crowd_read: int,
) -> None:
    # budget 1: long words are asked whole of FTS5 at once; 10**9: always checked in the table.
    monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", budget)
    # walk_from 0 or 2: every crowded tie group (the Martins) is read in name order instead;
    # walk_rows 0: no walk ever finds enough, and each crowded group is collected after all;
    # crowd_read 3: a group is walked once 3 of its candidates are read, whatever their checks.
    monkeypatch.setattr(search_ranked, "GROUP_WALK_FROM", walk_from)
    monkeypatch.setattr(search_ranked, "WALK_PER_CANDIDATE", walk_rows)
    monkeypatch.setattr(search_ranked, "CROWD_READ", crowd_read)
    queries = ["mar", "martin", "martinez", "martineau antoine2", "antoine", "saint", "123", "tin"]
    with crowd.reader() as uow:
        for query in queries:
            expected = _expected(uow, query)
            assert expected, query
            assert _pages(uow, query, limit) == expected, query


def test_rowids_follow_every_change(sqlite_db: Database) -> None:
    from dataclasses import replace

    db = sqlite_db  # the ranked index is SQLite's
    people = [person(db, last, "Zoé") for last in LAST_NAMES]
    with db.uow() as uow:
        customers.update_customer(
            uow, people[0].id, replace(people[0].to_draft(), last_name="Durand")
        )
        customers.delete_customer(uow, people[1].id)
    with db.reader() as uow:
        assert_ranked_index_matches(uow.session.connection())
        assert customer_search.search(uow, "durand").items[0].id == people[0].id
        assert customer_search.search(uow, "martinez").items == ()


@pytest.mark.parametrize("walk_from", [0, 10**9])
def test_email_fragment_pages_walk_crowded_tie_groups_in_name_order(
    crowd: Database, monkeypatch: pytest.MonkeyPatch, walk_from: int
) -> None:
    monkeypatch.setattr(search_ranked, "GROUP_WALK_FROM", walk_from)
    with crowd.reader() as uow:
        rows = uow.session.execute(text("SELECT id, email FROM customer ORDER BY sort_key, id"))
        expected = [i for i, email in rows if email and "1@contact" in email]
        assert len(expected) == 4  # a1, a11, a21, a31
        assert _pages(uow, "1@contact", 1) == expected


# Addresses holding every trigram of `ntact.mart` without holding it, and some holding it,
# under names that share their first 6 letters (crowded tie groups) or not.
_ADDRESSES = [
    "contact.martin@free.fr",
    "martin.contact@free.fr",
    "contact.m.art@free.fr",
    "ntact.mart@orange.fr",
    "mart.ntact@orange.fr",
    "xcontact.martine@gmail.com",
]


def _fill_fragments(db: Database) -> Database:
    # First by name, a tie group large enough that a page fills inside it.
    for i, last in enumerate(["Aaron"] * 80 + LAST_NAMES * 2):
        email = _ADDRESSES[i % len(_ADDRESSES)].replace("@", f"{i}@")
        person(db, last, f"Antoine{i % 3}", email=email)
    company(db, "Martinez & Fils", city="Paris", email="contact.martinez@fils.fr")
    return db


@pytest.fixture
def fragments(db: Database) -> Database:
    return _fill_fragments(db)


@pytest.mark.parametrize("crowd_read", [4, 10**9])
@pytest.mark.parametrize("walk_from", [0, 30, 10**9])
@pytest.mark.parametrize("budget", [1, 10**9])
@pytest.mark.parametrize("limit", [1, 50])
def test_mid_address_fragments_page_in_name_order_as_like_finds_them(
    fragments: Database,
    monkeypatch: pytest.MonkeyPatch,
    walk_from: int,
    budget: int,
    limit: int,
    crowd_read: int,
) -> None:
    # budget 1: the rarest trigrams give way to every trigram at once; walk_from 0: every
    # tie group with candidates is walked in name order; 30: the Aarons only once the page
    # is full, to complete it. crowd_read 4: a group is walked as soon as 4 of its
    # candidates are read, whatever their checks.
    monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", budget)
    monkeypatch.setattr(search_ranked, "_FRAGMENT_BUDGET", budget)
    monkeypatch.setattr(search_ranked, "GROUP_WALK_FROM", walk_from)
    monkeypatch.setattr(search_ranked, "CROWD_READ", crowd_read)
    with fragments.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, email, search_text FROM customer ORDER BY sort_key, id")
        ).all()
        for query in ["ntact.mart", "tact.ma", "rtin.con", "t.martin", "ntact.martine"]:
            typed = customer_search.parse(query).words
            expected = [
                i
                for i, email, indexed in rows
                if query in email or all(f" {w}" in indexed for w in typed)
            ]
            assert any(query in email for _, email, _ in rows), query
            assert _pages(uow, query, limit) == expected, query


def test_a_crowded_tie_group_is_walked_on_while_its_matches_say_the_rest_is_near(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fragments = _fill_fragments(sqlite_db)  # the covering index walked is SQLite's
    # Walk any group, at most one row per candidate left to read.
    monkeypatch.setattr(search_ranked, "GROUP_WALK_FROM", 0)
    monkeypatch.setattr(search_ranked, "WALK_PER_CANDIDATE", 1)
    calls: list[str] = []
    monkeypatch.setattr(search_ranked, "_walk_group", _spy(search_ranked._walk_group, calls))
    walk = ("email LIKE :pattern", {"pattern": "%ntact.mart%"})
    with fragments.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, email, sort_key FROM customer ORDER BY sort_key, id")
        ).all()
        key = key_rank(rows[0][2])  # the 80 Aarons
        group = [(i, email) for i, email, k in rows if key_rank(k) == key]
        matches = [i for i, email in group if "ntact.mart" in email]
        # By name, the Aarons' first 40 rows hold 27 matches: 29 are found a few rows on.
        assert sum("ntact.mart" in email for _, email in group[:40]) == 27
        found = search_ranked._walk_crowd(uow, ("", ""), walk, key, 29, None, (40, 0))
        assert found == matches[:29]
        assert calls == ["_walk_group", "_walk_group"]
        # 20 rows hold 20 matches: 40 are too far for a walk of 20 rows per step.
        calls.clear()
        assert search_ranked._walk_crowd(uow, ("", ""), walk, key, 40, None, (20, 0)) is None
        assert calls == ["_walk_group"]
        # A group holding fewer than asked: all of its matches.
        assert search_ranked._walk_crowd(uow, ("", ""), walk, key, 80, None, (100, 0)) == matches


@pytest.mark.parametrize("walk_rows", [None, 32])
def test_a_walk_whose_matches_stop_early_gives_up_within_twice_its_budget(
    monkeypatch: pytest.MonkeyPatch, walk_rows: int | None
) -> None:
    # 41 matches in the group's first rows, none after (`ntact.bart`: the Barthelemy
    # companies first): each step finds nothing, and the walk gives up once going on would
    # take it past twice its budget of rows, then the group is collected from FTS5.
    scans: list[int] = []

    def walk_group(
        uow: Any, walk: Any, key: int, n: int, after: Any, scan: int
    ) -> tuple[list[int], tuple[str, int]]:
        scans.append(scan)
        return (list(range(41)) if len(scans) == 1 else []), ("barthelemy", len(scans))

    monkeypatch.setattr(search_ranked, "_walk_group", walk_group)
    # Its budget: `walk_rows` rows per candidate still to read (WALK_PER_CANDIDATE unless given).
    budget = (walk_rows or search_ranked.WALK_PER_CANDIDATE) * 100
    found = search_ranked._walk_crowd(None, ("", ""), ("", {}), 1, 51, None, (100, 0), walk_rows)  # type: ignore[arg-type]
    assert found is None
    assert scans[0] == budget and len(scans) == 3
    assert sum(scans) <= 2 * budget


def test_a_plan_of_more_trigrams_than_the_rarest_walks_further_per_candidate(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every trigram of `ntact.mart` at once (the rarest three give way at the first failed
    # check): a candidate costs FTS5 more (every doclist stepped to it), so a crowded group
    # may be walked further for each candidate left to read.
    monkeypatch.setattr(search_ranked, "_FRAGMENT_BUDGET", 1)
    monkeypatch.setattr(search_ranked, "GROUP_WALK_FROM", 0)
    walk_rows: list[int] = []
    real = search_ranked._walk_crowd

    def walk_crowd(*args: Any) -> Any:
        walk_rows.append(args[-1])
        return real(*args)

    monkeypatch.setattr(search_ranked, "_walk_crowd", walk_crowd)
    fragments = _fill_fragments(sqlite_db)  # the ranked index is SQLite's
    with fragments.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, email, search_text FROM customer ORDER BY sort_key, id")
        )
        typed = customer_search.parse("ntact.mart").words
        expected = [
            i
            for i, email, indexed in rows
            if "ntact.mart" in email or all(f" {w}" in indexed for w in typed)
        ]
        assert _pages(uow, "ntact.mart", 50) == expected
    costly = search_ranked.WALK_PER_CANDIDATE * search_ranked.COSTLY_CANDIDATE
    assert costly in walk_rows  # (the words' groups, and the rarest trigrams', are walked too)
    # A fragment of three trigrams (`act.m`) is asked whole at once: its candidates cost less.
    walk_rows.clear()
    with fragments.reader() as uow:
        assert _pages(uow, "act.m", 50)
    assert walk_rows and costly not in walk_rows


def test_a_merged_plan_reads_past_the_page_once_instead_of_merging_again(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A word longer than the prefix indexes makes FTS5 merge the doclists of every word
    # starting with it, at each query: the rows that complete the last tie group come with
    # the first query.
    queries: list[str] = []
    real = search_ranked.ints

    def ints(uow: UnitOfWork, sql: str, params: dict[str, Any]) -> list[int]:
        if "MATCH" in sql and params.get("m") == '"saint"* "martin"*':
            queries.append(sql)
        return real(uow, sql, params)

    monkeypatch.setattr(search_ranked, "ints", ints)
    crowd = _fill_crowd(sqlite_db)  # the ranked index is SQLite's
    with crowd.reader() as uow:
        # Both words longer than the prefix indexes, and no budget for checking their cut
        # forms: FTS5 is asked for the words as typed at once.
        monkeypatch.setattr(search_ranked, "LONGEST_PREFIX", 3)
        monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", -4)
        # And each starts more indexed words than may be spelled out (`_spelled_out`).
        monkeypatch.setattr(search_ranked, "SPELLED_OUT", 0)
        found = [i.id for i in customer_search.search(uow, "saint-martin", limit=4).items]
        assert found == _expected(uow, "saint-martin")[:4]
    assert len(queries) == 1


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The FTS5 queries of the word index asked from now on."""
    asked: list[str] = []
    for name in ("ints", "rows"):
        real = getattr(search_ranked, name)

        def spy(uow: UnitOfWork, sql: str, params: dict[str, Any], real: Any = real) -> Any:
            if "customer_name_fts MATCH" in sql:
                asked.append(params["m"])
            return real(uow, sql, params)

        monkeypatch.setattr(search_ranked, name, spy)
    return asked


def test_a_long_word_is_asked_as_the_few_indexed_words_starting_with_it(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    crowd = _fill_crowd(sqlite_db)  # the ranked index is SQLite's
    # No budget for checking the cut forms: FTS5 is asked for every word as typed at once.
    monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", -4)
    asked = _asked(monkeypatch)
    with crowd.reader() as uow:
        # `martine` starts three indexed words (Martineau, Martinelli, Martinez): asked as
        # themselves, FTS5 reads their doclists as it goes instead of merging them first.
        assert _pages(uow, "martine", 50) == _expected(uow, "martine")
        assert '("martineau" OR "martinelli" OR "martinez")' in asked
        assert '"martine"*' not in asked
        # With more of them than may be spelled out, the word is merged as typed…
        monkeypatch.setattr(search_ranked, "SPELLED_OUT", 2)
        asked.clear()
        assert _pages(uow, "martine", 50) == _expected(uow, "martine")
        assert asked[-1] == '"martine"*'
        # …except next to a word spelled out: cut to the prefix indexes there, and checked.
        asked.clear()
        assert _pages(uow, "martine antoine1", 1) == _expected(uow, "martine antoine1")
        assert '"martin"* "antoine1"' in asked
        assert not any('"martine"*' in match for match in asked)


@pytest.mark.parametrize("spelled_out", [0, 1, 3, 16])
@pytest.mark.parametrize("budget", [-4, 10**9])
def test_long_words_find_what_their_prefixes_find_however_they_are_asked(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, spelled_out: int, budget: int
) -> None:
    crowd = _fill_crowd(sqlite_db)  # the ranked index is SQLite's
    # Words of 4 letters and more count as long: spelled out (up to `spelled_out` indexed
    # words), cut and checked, or merged; with `budget` -4 every plan is given up at once.
    monkeypatch.setattr(search_ranked, "LONGEST_PREFIX", 3)
    monkeypatch.setattr(search_ranked, "SPELLED_OUT", spelled_out)
    monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", budget)
    queries = [
        "martin",
        "martine antoine1",
        "saint-martin antoine",
        "marti antoine3 contact",
        "mart'in",
        "martinz",  # starts no indexed word
        "ma tin",
        "contact a11",
    ]
    with crowd.reader() as uow:
        for query in queries:
            for limit in (1, 4, 50):
                assert _pages(uow, query, limit) == _expected(uow, query), (query, limit)


# Letters the folding and FTS5's tokenizer may treat differently (ß, ø, œ, æ), and digits.
_LETTERS = "abcdeéèêàçôœŒßøæñÅ0123456789"
_PIECE = st.text(_LETTERS, min_size=1, max_size=5)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stem=st.text(_LETTERS, min_size=3, max_size=7),
    endings=st.lists(st.text(_LETTERS, max_size=4), min_size=1, max_size=6),
    others=st.lists(_PIECE, min_size=1, max_size=3),
    data=st.data(),
)
def test_long_words_spelled_out_or_not_find_what_their_prefixes_find(
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    stem: str,
    endings: list[str],
    others: list[str],
    data: st.DataObject,
) -> None:
    # Names whose words share a beginning (`stem`), so that a typed word starts several
    # indexed words. Every word of 4 characters or more is long, and every plan is given up
    # at once: the words as typed go to FTS5, spelled out from its vocabulary (folded and
    # tokenized) up to `SPELLED_OUT` indexed words each, cut and checked, or merged.
    monkeypatch.setattr(search_ranked, "LONGEST_PREFIX", 3)
    monkeypatch.setattr(search_ranked, "_CHECK_BUDGET", -4)
    monkeypatch.setattr(search_ranked, "SPELLED_OUT", data.draw(st.sampled_from([0, 1, 2, 16])))
    names = [f"{stem}{ending} {others[i % len(others)]}" for i, ending in enumerate(endings)]
    made = [person(sqlite_db, name, "Zoé") for name in names]
    try:
        typed = [w for name in names for w in name.split()]
        queries = {stem, stem[:4], *(data.draw(st.sampled_from(typed))[:n] for n in (4, 6, 9))}
        queries.add(" ".join(data.draw(st.lists(st.sampled_from([stem, *typed]), max_size=3))))
        with sqlite_db.reader() as uow:
            for query in queries:
                parsed = customer_search.parse(query)
                if parsed.is_empty or parsed.is_short_name_prefix:
                    continue  # the names starting with it (the directory's order)
                assert _pages(uow, query, 2) == _expected(uow, query), query
    finally:
        with sqlite_db.uow() as uow:
            for customer in made:
                customers.delete_customer(uow, customer.id)


def test_a_tie_group_is_estimated_from_the_share_of_its_ids_read() -> None:
    key = key_rank("martin")
    low = key << ID_BITS
    before, after = (key - 1) << ID_BITS, (key + 1) << ID_BITS
    # 40 matches among the ids 1 to 500 of at most 1,000: about 80 in the whole group.
    seen = [before + 7, *(low + 10 + 12 * i for i in range(40))]
    assert search_ranked._estimated(seen, before + 7, low + 500, key, 999) == (79, 40)
    # Read from the middle of the group on (a plan started there): the same share.
    assert search_ranked._estimated(seen, low + 9, low + 500, key, 999) == (81, 40)
    # The whole group read: exactly what was seen in it, not its neighbours'.
    whole = [*seen, low + 990, after + 3]
    assert search_ranked._estimated(whole, before, after + 3, key, 999) == (41, 41)
    # Too few matches seen to tell.
    assert search_ranked._estimated(seen[:11], before, low + 130, key, 999) == (None, 10)
    assert search_ranked._estimated(seen, before, before + 9, key, 999) == (None, 0)


# Characters of the alphabet, between its neighbours, beyond it, and control characters.
_KEY_CHARS = st.text(st.sampled_from([*" .09az:é\x01ÿ-_", chr(0x10FFFF)]), max_size=8)


@given(_KEY_CHARS, _KEY_CHARS)
def test_group_bounds_hold_exactly_the_keys_of_a_tie_group(a: str, b: str) -> None:
    low, high = group_bounds(key_rank(a))
    assert low <= a and (high is None or a < high)
    inside = low <= b and (high is None or b < high)
    assert inside == (key_rank(a) == key_rank(b))


def test_group_bounds_compare_in_sqlite_as_in_python(sqlite_db: Database) -> None:
    keys = ["martin", "martin2", "marti", "mart'in", "martín", "ma tin", "martinez", "zoé"]
    with sqlite_db.connection() as conn:
        for key in keys:
            low, high = group_bounds(key_rank(key))
            sql = "SELECT :k >= :low AND (:high IS NULL OR :k < :high)"
            for other in keys:
                inside = conn.execute(text(sql), {"k": other, "low": low, "high": high}).scalar()
                assert bool(inside) == (key_rank(key) == key_rank(other)), (key, other)


@given(st.text(max_size=8), st.text(max_size=8))
def test_key_rank_never_contradicts_name_order(a: str, b: str) -> None:
    low, high = sorted((a, b))
    assert key_rank(low) <= key_rank(high)


@given(st.text(" .0129abmtz", max_size=6), st.text(" .0129abmtz", max_size=6))
def test_key_rank_separates_short_keys_of_letters_digits_spaces_dots(a: str, b: str) -> None:
    # Up to 6 characters of the folded alphabet, the rank alone orders the keys: no tie.
    if a != b:
        low, high = sorted((a, b))
        assert key_rank(low) < key_rank(high)


def test_demo_bulk_load_and_triggers_after_upgrade_head_keep_it_complete(
    sqlite_db: Database,
) -> None:
    from pos_clients.demo.customers import fill_customers

    db = sqlite_db  # the ranked index is SQLite's
    with db.connection() as conn:
        triggers = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'customer'")
        ).scalars()
        assert sum("customer_name_fts" in sql for sql in triggers) == 3
    fill_customers(db, 300, seed=3)
    person(db, "Zzyzx", "Après")
    with db.reader() as uow:
        assert_ranked_index_matches(uow.session.connection())
        assert len(indexed_rowids(uow.session.connection(), "customer_name_fts")) == 301
        assert [i.display_name for i in customer_search.search(uow, "zzyzx").items] == [
            "Zzyzx Après"
        ]


@pytest.mark.parametrize("query", ["@free.fr", ".fr", "@free.f", "free.fr", "e@free"])
def test_email_fragments_find_every_address_containing_them(db: Database, query: str) -> None:
    # A fragment starting at a word boundary is answered by the word index alone: it must
    # still find exactly the addresses that contain it (plus customers with those words).
    emails = ["anne@free.fr", "bob@free.frites.com", "cat@xfree.fr", "dan@free.org", "e@fr.free.fr"]
    for i, email in enumerate(emails):
        person(db, f"Client{i}", "Zoé", email=email)
    parsed = customer_search.parse(query)
    assert parsed.email_fragment == query
    with db.reader() as uow:
        got = {i.email for i in customer_search.search(uow, query).items}
        rows = uow.session.execute(text("SELECT email, search_text FROM customer")).all()
    # The meaning of D6: the address contains the fragment, or every word typed starts a word.
    expected = {
        email
        for email, indexed in rows
        if query in email or all(f" {w}" in indexed for w in parsed.words)
    }
    assert {e for e in emails if query in e} <= got == expected


def test_a_large_demo_load_ends_with_merged_indexes_that_still_find_everyone(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_clients.data import search_index
    from pos_clients.demo.customers import fill_customers

    db = sqlite_db  # FTS5 is SQLite's
    merged: list[str] = []
    monkeypatch.setattr(search_index, "OPTIMIZE_FROM", 100)
    monkeypatch.setattr(search_index, "optimize", _spy(search_index.optimize, merged))
    fill_customers(db, 100, seed=8)
    assert merged == ["optimize"]
    person(db, "Zzyzx", "Après")
    with db.connection() as conn:
        for table in ("customer_name_fts", "customer_email_ranked"):
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
    with db.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, coalesce(nullif(last_name, ''), company_name) FROM customer")
        )
        for customer_id, name in rows:
            assert customer_id in {i.id for i in _all(uow, name)}, name
        assert customer_search.search(uow, "zzyzx apr").items[0].display_name == "Zzyzx Après"


def _spy(fn: Any, calls: list[str]) -> Any:
    def spy(*args: Any) -> Any:
        calls.append(fn.__name__)
        return fn(*args)

    return spy


def _all(uow: UnitOfWork, query: str) -> list[customer_search.CustomerListItem]:
    return list(customer_search.search(uow, query, limit=1000).items)


def test_a_full_page_of_words_bounds_where_the_fragment_is_looked_for(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the last customer of a full page of the typed words, no address can make the
    # page: the fragment is looked for only before it, and the pages are the same.
    fragments = _fill_fragments(sqlite_db)  # the ranked indexes are SQLite's
    stops: list[int | None] = []
    real = search_ranked.fragment_page_ids

    def spy(
        uow: UnitOfWork, pattern: str, need: int, after: Any, stop: int | None = None
    ) -> list[int] | None:
        stops.append(stop)
        return real(uow, pattern, need, after, stop)

    monkeypatch.setattr(search_ranked, "fragment_page_ids", spy)
    with fragments.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, email, search_text FROM customer ORDER BY sort_key, id")
        ).all()
        query = "ntact.mart"
        typed = customer_search.parse(query).words
        expected = [
            i
            for i, email, indexed in rows
            if query in email or all(f" {w}" in indexed for w in typed)
        ]
        assert _pages(uow, query, 2) == expected
    assert any(stop is not None for stop in stops)


def test_the_narrowing_match_merges_no_long_doclist(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The candidates of a search within a group: a long word as the few indexed words it
    # starts, else cut to the prefix indexes (checked afterwards), never merged as typed.
    crowd = _fill_crowd(sqlite_db)  # the ranked index is SQLite's
    with crowd.reader() as uow:
        match = search_ranked.narrowing_match
        assert (
            match(uow, ["martine", "ant"])
            == '("martineau" OR "martinelli" OR "martinez") AND "ant"*'
        )
        assert match(uow, ["martinz"]) == '"martinz"*'  # starts no word: matches nothing
        assert match(uow, ["0612345678"]) == '"061234"*'
        monkeypatch.setattr(search_ranked, "SPELLED_OUT", 2)
        assert match(uow, ["martine", "martine"]) == '"martin"*'
