"""The email index's trigram counts (SQLite): counted at start, steering fragment searches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_clients.data import customer_search, search_ranked, trigram_counts, warmup
from pos_clients.data.database import Database
from pos_clients.data.search_index import email_text
from pos_clients.directory_csv import import_customers
from tests.helpers.factories import company, person

ADDRESSES = [
    "anne.dupont@gmail.com",
    "Jean.Maillard@free.fr",
    "contact@maillard-sa.fr",
    "andree.maillot@gmail.com",
    "zoe@orange.fr",
]


@pytest.fixture
def counted(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A small directory whose trigram counts are kept, and used whatever its size."""
    for i, email in enumerate(ADDRESSES[:-1]):
        person(sqlite_db, f"Client{i}", "Anne", email=email)
    company(sqlite_db, "Zoé SARL", email=ADDRESSES[-1])
    monkeypatch.setattr(trigram_counts, "MIN_COMMONEST", 1)
    yield sqlite_db
    trigram_counts.forget(sqlite_db.engine.url.database)


def _file(db: Database) -> Path:
    return Path(db.engine.url.database or "")


def test_each_trigram_is_counted_once_per_address_part_holding_it(counted: Database) -> None:
    # The local part's trigrams and the domain's are apart in the index (`email_text`): `ail`
    # counts andree.maillot@gmail.com twice, once for `maillot` and once for `gmail`.
    expected: Counter[str] = Counter()
    for email in ADDRESSES:
        shown = email_text(email)
        held = {shown[i : i + 3] for i in range(len(shown) - 2)}  # `ail` and `AIL` apart
        expected.update(trigram.lower() for trigram in held)
    assert expected["ail"] == 5 and expected["mai"] == 5 and expected["ann"] == 1
    assert trigram_counts.count(_file(counted)) == dict(expected)


def test_a_file_without_the_email_index_has_no_counts(tmp_path: Path) -> None:
    import sqlite3

    plain = tmp_path / "plain.sqlite3"
    sqlite3.connect(plain).close()
    assert trigram_counts.count(plain) is None
    assert trigram_counts.count(tmp_path / "missing" / "gone.sqlite3") is None


def test_a_file_in_a_folder_with_uri_characters_in_its_name_is_counted(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "caisse #1 ?50%"
    folder.mkdir()
    path = folder / "shop.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE VIRTUAL TABLE customer_email_ranked USING fts5(email, content='', "
        "tokenize='trigram', detail='none')"
    )
    conn.executemany(
        "INSERT INTO customer_email_ranked(rowid, email) VALUES (?, ?)",
        [(1, "ab@cd.fr"), (2, "abc@d.fr")],
    )
    conn.commit()
    conn.close()
    counted = trigram_counts.count(path)
    assert counted is not None and counted["abc"] == 1 and counted[".fr"] == 2


def test_the_start_up_warm_up_counts_them_for_its_database(counted: Database) -> None:
    with counted.reader() as uow:
        assert trigram_counts.counts(uow.database) is None
    assert warmup.prepare(counted.engine.url.render_as_string(hide_password=False)) is not None
    with counted.reader() as uow:
        found = trigram_counts.counts(uow.database)
    assert found is not None and found["gma"] == 2 and found["ail"] == 5


def test_counts_of_a_small_directory_are_not_used(
    counted: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    trigram_counts.load(_file(counted), counted.engine.url.database or "")
    monkeypatch.setattr(trigram_counts, "MIN_COMMONEST", 6)  # the commonest, `ail`: 5
    assert trigram_counts.counts(counted.engine.url.database) is None


def _pages(db: Database, query: str) -> list[int]:
    with db.reader() as uow:
        return [item.id for item in customer_search.search(uow, query, limit=1000).items]


def _like(db: Database, fragment: str) -> list[int]:
    """By name, the customers whose email holds `fragment`, or who have a word starting with
    each word typed (what the search finds, by plain SQL and Python)."""
    typed = customer_search.parse(fragment).words
    with db.reader() as uow:
        rows = uow.session.execute(
            text("SELECT id, email, search_text FROM customer ORDER BY sort_key, id")
        )
        return [
            i
            for i, email, indexed in rows
            if (email and fragment in email.lower()) or all(f" {w}" in indexed for w in typed)
        ]


@pytest.mark.parametrize("fragment", ["e.maill", "ree.mai", "ont@gma", "ard-sa.f"])
def test_fragments_are_looked_for_by_the_rarest_trigrams_counted(
    counted: Database, monkeypatch: pytest.MonkeyPatch, fragment: str
) -> None:
    trigram_counts.load(_file(counted), counted.engine.url.database or "")
    asked: list[str] = []
    real = search_ranked.trigram_match

    def spy(pattern: str, chosen: Any) -> str:
        asked.append(" ".join(chosen))
        return str(real(pattern, chosen))

    def no_sampling(*_args: Any) -> Any:
        raise AssertionError("sampled although counted")

    monkeypatch.setattr(search_ranked, "trigram_match", spy)
    monkeypatch.setattr(search_ranked, "_rarest", no_sampling)
    assert _pages(counted, fragment) == _like(counted, fragment)
    # The first trigrams asked are the rarest three of the fragment, by count.
    counts = trigram_counts.counts(counted.engine.url.database) or {}
    trigrams = search_ranked.fragment_trigrams(f"%{fragment}%")
    rarest = sorted(trigrams, key=lambda t: counts.get(t, 0))[:3]
    assert asked[0] == " ".join(rarest)


def test_stale_counts_steer_the_search_but_never_change_what_it_finds(
    counted: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counts saying the commonest trigrams are the rarest: the same customers are found.
    database = counted.engine.url.database or ""
    found = trigram_counts.count(_file(counted)) or {}
    upside_down = {t: -n for t, n in found.items()}
    monkeypatch.setitem(trigram_counts._counts, database, (upside_down, max(found.values())))
    monkeypatch.setattr(search_ranked, "_FRAGMENT_BUDGET", 1)
    for fragment in ["e.maill", "ree.mai", "ont@gma"]:
        assert _pages(counted, fragment) == _like(counted, fragment)


def test_an_import_drops_the_counts(counted: Database, tmp_path: Path) -> None:
    database = counted.engine.url.database
    trigram_counts.load(_file(counted), database or "")
    assert trigram_counts.counts(database) is not None
    source = tmp_path / "more.csv"
    source.write_text("kind,last_name,email\nperson,Neuf,neuf@gmail.com\n", encoding="utf-8")
    assert import_customers(counted, source).imported == 1
    assert trigram_counts.counts(database) is None


def test_counts_made_while_an_import_ends_are_not_kept(
    counted: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm-up counts the file as it was; an import commits and drops the counts before
    the warm-up keeps them: they describe the directory before the import, so they go."""
    database = counted.engine.url.database or ""
    source = tmp_path / "more.csv"
    source.write_text("kind,last_name,email\nperson,Neuf,neuf@gmail.com\n", encoding="utf-8")
    counting = trigram_counts.count

    def import_meanwhile(path: Path) -> dict[str, int] | None:
        found = counting(path)
        assert import_customers(counted, source).imported == 1
        return found

    monkeypatch.setattr(trigram_counts, "count", import_meanwhile)
    assert trigram_counts.load(_file(counted), database) is False
    assert trigram_counts.counts(database) is None
    monkeypatch.setattr(trigram_counts, "count", counting)
    assert trigram_counts.load(_file(counted), database) is True  # the next start's
    found = trigram_counts.counts(database)
    assert found is not None and found["neu"] == 1


def test_the_next_plan_covers_every_character_with_the_trigrams_fewest_hold() -> None:
    counts = {"dre": 18, "e.m": 39, "ill": 40, ".ma": 52, "ree": 79, "ee.": 90, "mai": 162}
    counts["ail"] = 162
    # `dre`, `e.m`, `ill` leave the `a` of `dree.maill` out: `.ma` is held by the fewest of
    # those holding it (`mai` and `ail`: every gmail address).
    assert search_ranked._covering("%dree.maill%", ["dre", "e.m", "ill"], counts) == [
        "dre",
        "e.m",
        "ill",
        ".ma",
    ]
    # By count per character added: `def` (3 new for 1) before `bcd` (1 for 1), `cde` (2 for 10)
    assert search_ranked._covering("%abcdef%", ["abc"], {"bcd": 1, "cde": 10, "def": 1}) == [
        "abc",
        "def",
    ]
    # The pieces between `_` (any one character) are covered each on their own.
    assert search_ranked._covering("%abc_de_fgh%", ["abc"], {}) == ["abc", "fgh"]


def test_when_the_rarest_three_pass_too_few_the_covering_trigrams_are_asked_next(
    counted: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Addresses holding every trigram of the fragment but not the fragment: each plan's
    # first batch is full of rows its check throws away, so each plan is asked in turn.
    fragment = "andree.maillot@gm"
    for i in range(20):
        person(counted, f"Leurre{i}", "Anne", email=f"andree.mx{i}.maillot@gmail.com")
    database = counted.engine.url.database or ""
    trigram_counts.load(_file(counted), database)
    asked: list[str] = []
    real = search_ranked.trigram_match

    def spy(pattern: str, chosen: Any) -> str:
        asked.append(" ".join(chosen))
        return str(real(pattern, chosen))

    monkeypatch.setattr(search_ranked, "trigram_match", spy)
    monkeypatch.setattr(search_ranked, "_FRAGMENT_BUDGET", 0)  # switch at the first check
    with counted.reader() as uow:
        first = customer_search.search(uow, fragment, limit=1).items
    assert [item.id for item in first] == _like(counted, fragment)[:1]
    assert _pages(counted, fragment) == _like(counted, fragment)
    counts = trigram_counts.counts(database) or {}
    trigrams = search_ranked.fragment_trigrams(f"%{fragment}%")
    rarest = sorted(trigrams, key=lambda t: counts.get(t, 0))[:3]
    covering = search_ranked._covering(f"%{fragment}%", rarest, counts)
    assert 3 < len(covering) < len(trigrams)
    # The first page asks the rarest three, then the covering trigrams, which fill it: every
    # trigram is never even put together. The whole list (one page of 1,000, read to its end
    # by the rarest three) asks the first only.
    assert asked == [" ".join(rarest), " ".join(covering), " ".join(rarest)]
    assert " ".join(trigrams) not in asked
