"""`verify` finds every kind of tampering with the history (H1), and the database refuses it."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.exc import DBAPIError

from pos_clients import closings, invoices
from pos_clients.data.database import Database
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.verify import verify
from tests.helpers.register_sales import item, sale
from tests.helpers.register_tamper import drop_write_once_guards, execute


def _history(db: Database) -> list[IssuedInvoice]:
    """Five sales over two days (a daily closing between them) and a credit note."""
    bread = item(db, "Baguette", "1,10")
    coffee = item(db, "Café", "1,80", "10")
    made = [
        sale(db, [(bread, 2)], at=datetime(2026, 3, 2, 8, 0), method="cash"),
        sale(db, [(coffee, 1)], at=datetime(2026, 3, 2, 9, 0)),
        sale(db, [(bread, 1), (coffee, 2)], at=datetime(2026, 3, 3, 8, 0)),
        sale(db, [(bread, 4)], at=datetime(2026, 3, 3, 9, 0), method="cheque"),
        sale(db, [(coffee, 3)], at=datetime(2026, 3, 3, 10, 0)),
    ]
    with db.uow() as uow:
        made.append(
            invoices.issue_credit_note(
                uow, made[1].number, till="Caisse 1", cashier="Léa", at=datetime(2026, 3, 3, 11)
            )
        )
    return made


def _message(db: Database) -> str:
    report = verify(db)
    assert not report.ok
    return report.problems[0].fr


def test_intact_history_verifies_with_its_closings(db: Database) -> None:
    made = _history(db)
    with db.uow() as uow:
        closings.close_day(uow, datetime(2026, 3, 3, 18, 0))
    with db.reader() as uow:
        days = closings.list_closings(uow, kind="day")
    assert [c.period for c in days] == ["2026-03-03", "2026-03-02"]
    assert days[1].invoice_count == 2 and days[1].total_cents == 220 + 180
    assert days[1].by_method == {"cash": 220, "card": 180}
    assert days[0].grand_total_cents == sum(i.totals.total_cents for i in made)
    assert days[0].by_rate["1000"][2] == 360 + 540 - 180
    assert days[0].last_invoice_hash == made[-1].hash
    report = verify(db)
    assert report.ok, [p.fr for p in report.problems]
    assert (report.invoices, report.closings) == (6, 2)


def test_amount_changed_in_the_stored_invoice_is_detected(db: Database) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    execute(
        db,
        "UPDATE invoice SET content = REPLACE(content, :a, :b) WHERE number = :n",
        a='"total_cents":440',
        b='"total_cents":40',
        n=made[3].number,
    )
    assert made[3].number in _message(db)


def test_amount_changed_in_a_column_is_detected(db: Database) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    execute(db, "UPDATE invoice SET total_cents = 1 WHERE number = :n", n=made[2].number)
    message = _message(db)
    assert made[2].number in message and "altérée" in message


def test_invoice_removed_from_the_middle_is_detected(db: Database) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    execute(db, "DELETE FROM invoice WHERE number = :n", n=made[2].number)
    message = _message(db)
    assert "manquante" in message and made[3].number in message


def test_newest_invoices_removed_from_the_end_are_detected(db: Database) -> None:
    made = _history(db)
    drop_write_once_guards(db)
    execute(db, "DELETE FROM invoice WHERE chain_seq >= 5")
    message = _message(db)
    assert made[-1].number in message and made[3].number in message


def test_altered_closing_is_detected(db: Database) -> None:
    _history(db)
    drop_write_once_guards(db)
    execute(
        db,
        "UPDATE closing SET content = REPLACE(content, :a, :b) WHERE period = '2026-03-02'",
        a='"total_cents":400',
        b='"total_cents":300',
    )
    message = _message(db)
    assert "Clôture day 2026-03-02" in message


def test_database_refuses_to_change_or_delete_an_invoice(db: Database) -> None:
    made = _history(db)
    with pytest.raises(DBAPIError):
        execute(db, "UPDATE invoice SET total_cents = 1 WHERE number = :n", n=made[0].number)
    with pytest.raises(DBAPIError):
        execute(db, "DELETE FROM invoice WHERE number = :n", n=made[0].number)
    with pytest.raises(DBAPIError):
        execute(db, "DELETE FROM closing")
    assert verify(db).ok


def test_large_histories_are_checked_in_parallel_with_the_same_findings(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_clients import verify as verify_module

    made = _history(sqlite_db)
    monkeypatch.setattr(verify_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(verify_module.os, "cpu_count", lambda: 3)
    report = verify(sqlite_db)
    assert report.ok, [p.fr for p in report.problems]
    assert (report.invoices, report.closings) == (6, 1)
    drop_write_once_guards(sqlite_db)
    execute(sqlite_db, "DELETE FROM invoice WHERE number = :n", n=made[2].number)
    message = _message(sqlite_db)
    assert "manquante" in message and made[3].number in message
