"""The email trigram table's text (`search_index.email_text`) and the FTS5 queries a fragment
is asked as (`search_ranked.trigram_match`): every address LIKE the fragment holds what it
is asked for, in an FTS5 table made as migration 0010 makes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_clients.data import search_ranked
from pos_clients.data.search_index import _email_fts_options, email_text, email_text_sql


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5({_email_fts_options(split=True)})")
    yield conn
    conn.close()


def _asked(pattern: str) -> str:
    return search_ranked.trigram_match(pattern, search_ranked.fragment_trigrams(pattern))


def test_a_fragment_is_asked_in_one_part_or_the_other() -> None:
    assert email_text("Antoinette.Martin@Orange.fr") == "antoinette.martin@ORANGE.FR"
    assert email_text("zoé.é@exemple.fr") == "zoé.é@EXEMPLE.FR"  # ASCII letters only
    assert _asked("%toinette.f%") == (
        '("toi" "oin" "ine" "net" "ett" "tte" "te." "e.f") OR '
        '("TOI" "OIN" "INE" "NET" "ETT" "TTE" "TE." "E.F")'
    )
    # Before the `@`, the local part; after it, the domain.
    assert _asked("%El.Caron@w%") == '"el." "l.c" ".ca" "car" "aro" "ron" "on@" "n@W"'
    # Each piece between `_` (any one character) in one part or the other.
    assert _asked("%abc_def%") == '(("abc") OR ("ABC")) AND (("def") OR ("DEF"))'
    assert _asked("%0612%") == '"061" "612"'
    assert search_ranked.trigram_match("%toinette.f%", ["oin", "e.f"]) == (
        '("oin" "e.f") OR ("OIN" "E.F")'
    )


def _found(conn: sqlite3.Connection, email: str, pattern: str) -> tuple[bool, bool]:
    """Whether `email` is LIKE `pattern`, and whether the FTS5 table finds it for it."""
    conn.execute("INSERT INTO t(t) VALUES ('delete-all')")
    conn.execute(f"INSERT INTO t(rowid, email) SELECT 1, {email_text_sql(':e')}", {"e": email})
    like = conn.execute("SELECT :e LIKE :p", {"e": email, "p": pattern}).fetchone()[0]
    trigrams = search_ranked.fragment_trigrams(pattern)
    if not trigrams:
        return bool(like), True
    match = search_ranked.trigram_match(pattern, trigrams)
    found = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match,)).fetchone()[0]
    return bool(like), bool(found)


_CHARS = st.sampled_from("abcdeABCDEéÉ019.-_+@")
_LOCAL = st.text(_CHARS.filter(lambda c: c != "@"), min_size=1, max_size=12)
_DOMAIN = st.text(st.sampled_from("abcdeABCDEé01.-"), min_size=1, max_size=10)


@settings(max_examples=400, deadline=None)
@given(local=_LOCAL, domain=_DOMAIN, data=st.data())
def test_every_address_like_the_fragment_is_found_by_its_trigrams(
    fts: sqlite3.Connection, local: str, domain: str, data: st.DataObject
) -> None:
    email = f"{local}@{domain}"
    start = data.draw(st.integers(0, len(email) - 1))
    end = data.draw(st.integers(start + 1, len(email)))
    typed = list(email[start:end])
    # As typed: any case, and `_` (any one character) anywhere.
    for i in data.draw(st.lists(st.integers(0, len(typed) - 1), max_size=3)):
        typed[i] = data.draw(st.sampled_from([typed[i].upper(), typed[i].lower(), "_"]))
    pattern = "%" + "".join(typed) + "%"
    like, found = _found(fts, email, pattern)
    assert found or not like, (email, pattern)


def test_a_local_fragment_is_not_found_by_a_domain_holding_its_trigrams(
    fts: sqlite3.Connection,
) -> None:
    assert _found(fts, "antoinette.martin@orange.fr", "%toinette.f%") == (False, False)
    assert _found(fts, "antoinette.fabre@orange.fr", "%toinette.f%") == (True, True)
    assert _found(fts, "contact@antoinette.fr", "%toinette.f%") == (True, True)
