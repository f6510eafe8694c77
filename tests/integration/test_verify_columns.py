"""`verify` reads each invoice's columns as fragments of its hashed document: every column the
app reads, changed by hand, is found, on each engine and in the parallel scan; an unusual but
equivalent storage is not taken for tampering."""

from __future__ import annotations

from datetime import datetime

import pytest

from pos_clients import verify as verify_module
from pos_clients.data.database import Database, open_database
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.verify import verify
from pos_clients.verify_scan import Range, _close_segment, _Parts
from tests.helpers.register_sales import item, sale
from tests.helpers.register_tamper import drop_write_once_guards, execute


def _history(db: Database) -> list[IssuedInvoice]:
    """Six sales over three days: two daily closings, a day still open."""
    bread = item(db, "Baguette", "1,10")
    coffee = item(db, "Café", "1,80", "10")
    return [
        sale(db, [(bread, 2)], at=datetime(2026, 3, 2, 8, 0), method="cash"),
        sale(db, [(coffee, 1), (bread, 1)], at=datetime(2026, 3, 2, 9, 0)),
        sale(db, [(bread, 1), (coffee, 2)], at=datetime(2026, 3, 3, 8, 0), method="cheque"),
        sale(db, [(bread, 4)], at=datetime(2026, 3, 3, 9, 0)),
        sale(db, [(coffee, 3)], at=datetime(2026, 3, 4, 10, 0), method="cash"),
        sale(db, [(bread, 1)], at=datetime(2026, 3, 4, 11, 0)),
    ]


def _first_problem(db: Database) -> str:
    report = verify(db)
    assert not report.ok
    return report.problems[0].fr


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kind", "'credit_note'"),
        ("corrects", "'F2026-000001'"),
        ("number", "'F2026-000099'"),
        ("issued_at", "'2026-03-03 08:00:01.000000'"),
        ("total_cents", "total_cents + 100"),
    ],
)
def test_a_column_changed_by_hand_is_found(db: Database, column: str, value: str) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    if column == "issued_at" and db.dialect == "postgresql":
        value = "issued_at + interval '1 second'"
    execute(db, f"UPDATE invoice SET {column} = {value} WHERE chain_seq = 3")
    message = _first_problem(db)
    assert "altérée" in message
    assert made[2].number in message or "F2026-000099" in message


def test_previous_hash_changed_in_its_column_is_found(db: Database) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    execute(
        db,
        "UPDATE invoice SET previous_hash = :h WHERE chain_seq = 4",
        h="f" * 64,
    )
    message = _first_problem(db)
    assert made[3].number in message


def test_a_character_moved_between_previous_hash_and_document_is_found(
    db: Database,
) -> None:
    """The hashed bytes stay the same, but neither column is what the app wrote."""
    made = _history(db)
    drop_write_once_guards(db)
    execute(
        db,
        "UPDATE invoice SET content = substr(previous_hash, 64, 1) || content,"
        " previous_hash = substr(previous_hash, 1, 63) WHERE chain_seq = 2",
    )
    report = verify(db)
    assert any(made[1].number in p.fr and "altérée" in p.fr for p in report.problems)


def test_a_time_stored_without_fraction_of_second_is_the_same_time(
    sqlite_db: Database,
) -> None:
    _history(sqlite_db)
    drop_write_once_guards(sqlite_db)
    execute(sqlite_db, "UPDATE invoice SET issued_at = substr(issued_at, 1, 19)")
    report = verify(sqlite_db)
    assert report.ok, [p.fr for p in report.problems]
    assert report.invoices == 6


def test_tampering_in_the_range_of_another_process_is_found(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history split between this process and two others (one day in each range)."""
    made = _history(db)
    monkeypatch.setattr(verify_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(verify_module.os, "cpu_count", lambda: 3)
    report = verify(db)
    assert report.ok, [p.fr for p in report.problems]
    assert (report.invoices, report.closings) == (6, 2)
    drop_write_once_guards(db)
    execute(
        db,
        "UPDATE invoice SET content = REPLACE(content, :a, :b) WHERE chain_seq = 6",
        a='"amount_cents":110',
        b='"amount_cents":10',
    )
    assert made[5].number in _first_problem(db)


def test_amounts_of_another_shape_are_summed_as_json() -> None:
    """A VAT row with a field this version does not write (a later version's) is still
    summed; a part that is not JSON at all is named."""
    parts = _Parts()
    parts.seqs += [7, 8, 9]
    parts.numbers += [b"F2026-000007", b"F2026-000008", b"F2026-000009"]
    parts.vat += [
        b'{"base_cents":100,"rate_bp":550,"total_cents":106,"vat_cents":6}',
        b'{"base_cents":200,"label":"TVA 5,5 %","rate_bp":550,"total_cents":211,"vat_cents":11}',
        b'{"base_cents":',
    ]
    parts.payments += [
        b'{"amount_cents":106,"change_cents":0,"given_cents":0,"method":"card"}',
        b'{"amount_cents":211,"change_cents":0,"given_cents":0,"method":"voucher"}',
        b"",
    ]
    found = Range()

    def problem(seq: int, text: object) -> None:
        found.problems.append((seq, text))  # type: ignore[arg-type]

    _close_segment(found, 0, 317, parts, problem)
    seg = found.segments[0]
    assert seg.by_rate == {"550": [300, 17, 317]}
    assert seg.by_method == {"card": 106, "voucher": 211}
    assert (seg.invoice_count, seg.first_number, seg.last_number) == (
        3,
        "F2026-000007",
        "F2026-000009",
    )
    assert [seq for seq, _ in found.problems] == [9]


def test_a_database_in_memory_is_checked_through_its_own_connection() -> None:
    db = open_database("sqlite://")
    try:
        made = _history(db)
        report = verify(db)
        assert report.ok, [p.fr for p in report.problems]
        assert (report.invoices, report.closings) == (6, 2)
        drop_write_once_guards(db)
        execute(db, "UPDATE invoice SET total_cents = 1 WHERE chain_seq = 5")
        assert made[4].number in _first_problem(db)
    finally:
        db.dispose()


def test_text_stored_by_hand_in_an_amount_column_is_named_not_a_crash(
    sqlite_db: Database,
) -> None:
    """SQLite keeps text put into an INTEGER column; `verify` names the invoice."""
    made = _history(sqlite_db)
    drop_write_once_guards(sqlite_db)
    execute(sqlite_db, "UPDATE invoice SET total_cents = 'beaucoup' WHERE chain_seq = 2")
    message = _first_problem(sqlite_db)
    assert made[1].number in message and "altérée" in message
