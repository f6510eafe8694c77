"""Reading what a contentless FTS5 table of the directory holds, from its index itself.

The ranked tables keep no document sizes (migration 0008), so they cannot be scanned by
rowid; `fts5vocab`'s `instance` table lists every (term, document) pair the index holds,
so the documents seen there are exactly the rows with at least one indexed word (stale
entries left by a missed delete included).
"""

from __future__ import annotations

from sqlalchemy import Connection, Row, text

from pos_clients.data.search_index import (
    EMAIL_FTS,
    NAME_FTS,
    email_split,
    email_text,
    name_rank,
)


def indexed_rowids(conn: Connection, table: str) -> set[int]:
    vocab = f"temp.{table}_instances"
    conn.execute(
        text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocab} USING fts5vocab(main, {table}, instance)")
    )
    return {int(doc) for doc in conn.execute(text(f"SELECT DISTINCT doc FROM {vocab}")).scalars()}


def indexed_terms(conn: Connection, table: str) -> dict[int, set[str]]:
    """The terms `table` holds for each document (rowid)."""
    vocab = f"temp.{table}_instances"
    conn.execute(
        text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocab} USING fts5vocab(main, {table}, instance)")
    )
    held: dict[int, set[str]] = {}
    for term, doc in conn.execute(text(f"SELECT term, doc FROM {vocab}")):
        held.setdefault(int(doc), set()).add(str(term))
    return held


def assert_ranked_index_matches(conn: Connection) -> None:
    """Both ranked tables hold exactly the directory's customers, each under its name rank
    (the email table: those with an email, each by the trigrams of its `email_text`), and
    pass FTS5's integrity check."""
    rows: list[Row[tuple[int, str, str | None]]] = list(
        conn.execute(text("SELECT id, sort_key, email FROM customer"))
    )
    assert indexed_rowids(conn, NAME_FTS) == {name_rank(key, i) for i, key, _ in rows}
    assert indexed_rowids(conn, EMAIL_FTS) == {name_rank(key, i) for i, key, e in rows if e}
    split = email_split(conn)  # since 0010; before, the address folded by the tokenizer
    expected = {
        name_rank(key, i): {shown[j : j + 3] for j in range(len(shown) - 2)}
        for i, key, e in rows
        if e and len(shown := email_text(e) if split else e.lower()) >= 3
    }
    assert indexed_terms(conn, EMAIL_FTS) == expected
    for fts in (NAME_FTS, EMAIL_FTS):
        conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')"))
