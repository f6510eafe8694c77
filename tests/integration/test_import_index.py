"""After a CSV import the search index is whole and exact, as if each row had gone through the
triggers: every FTS5 table holds every new customer under the right rowid, the FTS5 settings
changed for the load are back, and the triggers index later changes again."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.directory_csv import import_customers, importing, writing
from pos_clients.errors import DiskFullError
from tests.helpers.cli_csv import write_csv
from tests.helpers.factories import person
from tests.helpers.fts import assert_ranked_index_matches

# Names whose sort keys start with letters, digits, spaces, dots and other characters (ranks
# with odd digits), with accents and ligatures, some sharing their first six characters.
NAMES = ["Lefèvre", "Œuvray", "Straße", "3M", "O'Neil", "D. Martin", "Ñandú", "Zz-top", "Martinez"]


def _rows(count: int) -> list[dict[str, str]]:
    rows = []
    for i in range(count):
        name = NAMES[i % len(NAMES)]
        row = {"last_name": f"{name}{i // len(NAMES)}", "first_name": "Zoé", "city": "Paris"}
        if i % 4 == 0:
            row = {"kind": "company", "company_name": f"{name} SARL {i}"}
        if i % 3 == 0:
            row["email"] = f"client{i}@exemple.fr"
        if i % 7 == 0:
            row["notes"] = "a  b\x1fc"  # valid, but travels as a checked record, not as text
        rows.append(row)
    return rows


def _ranked_index_matches_the_table(db: Database) -> None:
    with db.reader() as uow:
        conn = uow.session.connection()
        assert_ranked_index_matches(conn)
        settings = conn.execute(
            text(
                "SELECT k FROM customer_name_fts_config UNION ALL "
                "SELECT k FROM customer_email_ranked_config"
            )
        ).scalars()
        assert set(settings) == {"version"}  # hashsize back to FTS5's default


def _schema(db: Database) -> list[tuple[str, ...]]:
    with db.reader() as uow:
        rows = uow.session.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
        return [tuple(row) for row in rows]


@pytest.mark.parametrize(("workers", "first"), [(0, False), (2, False), (2, True)])
def test_imported_rows_are_indexed_like_the_triggers_do(
    sqlite_db: Database, tmp_path: Path, workers: int, first: bool
) -> None:
    db = sqlite_db  # the FTS5 tables are SQLite's
    schema = _schema(db)
    if not first:  # else the directory is empty: its indexes are set aside during the load
        person(db, "Martin", "Paul", email="paul@exemple.fr")
    report = import_customers(db, write_csv(tmp_path / "c.csv", _rows(300)), workers=workers)
    assert report.imported == 300 and report.problems == ()
    assert _schema(db) == schema  # the same tables, indexes and triggers, as they were
    with db.reader() as uow:
        assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    _ranked_index_matches_the_table(db)
    if first:
        person(db, "Martin", "Paul", email="paul@exemple.fr")
    with db.reader() as uow:
        assert [c.display_name for c in customer_search.search(uow, "oeuvray30").items] == [
            "Œuvray30 Zoé"
        ]
        assert customer_search.search(uow, "ent36@exem").items[0].display_name == (
            "Lefèvre SARL 36"  # email fragment: the trigram index
        )
        martins = [r for r in _rows(300) if "Martin" in r.get("last_name", r.get("company_name"))]
        assert len(customer_search.search(uow, "martin", limit=500).items) == 1 + len(martins)
    # The triggers are back: a customer added afterwards is indexed at once.
    late = person(db, "Zzyzx", "Après")
    with db.reader() as uow:
        assert [c.id for c in customer_search.search(uow, "zzyzx").items] == [late.id]
    _ranked_index_matches_the_table(db)


def test_a_second_import_indexes_only_its_own_rows(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_db
    monkeypatch.setattr(importing, "INDEX_EVERY", 16)  # indexed in batches
    import_customers(db, write_csv(tmp_path / "a.csv", _rows(120)))
    more = [r | {"city": "Lyon"} for r in _rows(50)]
    report = import_customers(db, write_csv(tmp_path / "b.csv", more), workers=2)
    assert report.imported == 50
    _ranked_index_matches_the_table(db)
    with db.reader() as uow:
        assert customers.count_customers(uow) == 170
        assert len(customer_search.search(uow, "lyon", limit=500).items) == 50


def test_a_card_seen_first_on_a_record_that_did_not_travel_as_text(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        {"last_name": "Durand  Léa", "reference": "R1"},  # line 2: double space, full checks
        {"last_name": "Petit", "reference": "R1"},  # line 3: plain, same card
        {"last_name": "Roux", "reference": "R2", "notes": "x\x1ey"},  # line 4: not as text
        {"last_name": "Moreau", "reference": "R2"},  # line 5: plain, same card as line 4
    ]
    report = import_customers(db, write_csv(tmp_path / "c.csv", rows))
    assert report.imported == 2 and report.rejected_lines == (3, 5)
    assert all("ligne" in p.text.fr for p in report.problems)
    assert [p.text.fr.rsplit("ligne ", 1)[1] for p in report.problems] == [
        "2 du fichier.",
        "4 du fichier.",
    ]
    with db.reader() as uow:
        roux = customers.find_by_reference(uow, "R2")
        durand = customers.find_by_reference(uow, "R1")
    assert roux is not None and roux.notes == "x\x1ey"
    assert durand is not None and durand.last_name == "Durand Léa"


def test_workers_read_a_file_with_a_stray_quote_as_one_process_does(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_clients.directory_csv.importing import CHUNK_ROWS

    monkeypatch.setattr(importing, "INDEX_EVERY", 3000)  # indexed in batches

    lines = ["last_name,city,notes"]
    for i in range(int(CHUNK_ROWS * 2.5)):
        notes = '"sur\ndeux lignes"' if i % 100 == 0 else ""
        lines.append(f"Client{i},Paris,{notes}")
    lines.insert(CHUNK_ROWS + 10, 'Guillemet,Pa"ris,')  # a stray quote: literal, not quoting
    lines.insert(CHUNK_ROWS + 20, "Vide,,")
    lines.insert(CHUNK_ROWS + 30, ",,")  # blank record: skipped
    path = tmp_path / "c.csv"
    path.write_text("\n".join(lines) + "\n")
    alone = import_customers(sqlite_db, path, dry_run=True, workers=0)
    assert alone.rows == int(CHUNK_ROWS * 2.5) + 2 and alone.problems == ()
    report = import_customers(sqlite_db, path, workers=2)
    assert report.imported == alone.valid == alone.rows
    with sqlite_db.reader() as uow:
        stray = customer_search.search(uow, "guillemet").items
        (wrapped,) = customer_search.search(uow, "client4900").items
        notes = customers.get_customer(uow, wrapped.id).notes
        last = customer_search.search(uow, f"client{int(CHUNK_ROWS * 2.5) - 1}").items
    assert [c.city for c in stray] == ['Pa"ris'] and notes == "sur\ndeux lignes"
    assert len(last) == 1
    _ranked_index_matches_the_table(sqlite_db)


def test_a_failure_midway_leaves_the_directory_and_its_indexes_as_they_were(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_db
    schema = _schema(db)
    real_write = writing.RowWriter.write
    calls: list[int] = []

    def failing_write(self: writing.RowWriter, rows: list[list[object]]) -> None:
        calls.append(len(rows))
        if len(calls) == 2:
            raise OSError("disque débranché")
        real_write(self, rows)

    monkeypatch.setattr(writing.RowWriter, "write", failing_write)
    monkeypatch.setattr(importing, "INDEX_EVERY", 100)
    with pytest.raises(OSError, match="débranché"):
        import_customers(db, write_csv(tmp_path / "c.csv", _rows(2500)))
    assert len(calls) == 2
    assert _schema(db) == schema
    with db.reader() as uow:
        assert customers.count_customers(uow) == 0
        assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    monkeypatch.setattr(writing.RowWriter, "write", real_write)
    assert import_customers(db, write_csv(tmp_path / "c.csv", _rows(300))).imported == 300
    _ranked_index_matches_the_table(db)


def test_rows_indexed_while_waiting_for_the_workers_are_indexed_once_and_right(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_db
    monkeypatch.setattr(importing, "CHUNK_ROWS", 20)  # many small pieces
    monkeypatch.setattr(importing, "INDEX_WHEN_IDLE", 1)  # index whenever the workers lag
    monkeypatch.setattr(importing, "INDEX_EVERY", 10**9)
    batches: list[tuple[int, int]] = []
    index = importing.bulk_index.NameIndexer.index

    def logged(self: importing.bulk_index.NameIndexer, end_id: int, key_ranks: object) -> None:
        batches.append((self.next_id, end_id))
        index(self, end_id, key_ranks)  # type: ignore[arg-type]

    monkeypatch.setattr(importing.bulk_index.NameIndexer, "index", logged)
    person(db, "Martin", "Paul")
    report = import_customers(db, write_csv(tmp_path / "c.csv", _rows(600)), workers=2)
    assert report.imported == 600 and report.problems == ()
    # Consecutive batches, none twice, the last one up to the last customer written.
    done = [(a, b) for a, b in batches if b > a]
    assert done[0][0] == 2 and done[-1][1] == 602
    assert all(b == c for (_, b), (c, _) in pairwise(done))
    _ranked_index_matches_the_table(db)
    with db.reader() as uow:
        assert len(customer_search.search(uow, "zoé", limit=1000).items) == 450


def test_a_full_disk_while_the_rows_are_written_is_told_and_writes_nothing(
    sqlite_url: str, tmp_path: Path
) -> None:
    """SQLite refuses to grow the file (`max_page_count`, as a full disk would): the import
    says so in the user's words and the directory stays as it was."""
    db = open_database(sqlite_url)
    person(db, "Martin", "Paul")
    with db.connection() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    db.dispose()

    @event.listens_for(db.engine, "connect")
    def _small_disk(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 20}")

    with pytest.raises(DiskFullError) as raised:
        import_customers(db, write_csv(tmp_path / "c.csv", _rows(3000)), workers=0)
    assert "disque est plein" in raised.value.text.fr
    event.remove(db.engine, "connect", _small_disk)
    db.dispose()
    with db.reader() as uow:
        assert customers.count_customers(uow) == 1
        assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    db.dispose()
