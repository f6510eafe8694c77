"""The command line of the history: invoices list, invoice NUMBER, close-day, verify, demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos_clients.cli import main
from pos_clients.data.database import Database
from tests.helpers.factories import group, person
from tests.helpers.register_sales import item, sale
from tests.helpers.register_tamper import drop_write_once_guards, execute


def _run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--database", url, *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_invoice_json_has_the_customer_as_invoiced(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    vip = group(db, "VIP", 1000)
    zoe = person(db, "Lefèvre", "Zoë", email="zoe@example.fr", group_id=vip.id, city="Paris")
    bread = item(db, "Baguette", "1,20")
    issued = sale(db, [(bread, 5)], zoe)
    sale(db, [(bread, 1)])
    status, out, _ = _run(url, capsys, "invoice", issued.number, "--json")
    data = json.loads(out)
    assert status == 0
    assert data["number"] == issued.number
    assert data["totals"]["total_cents"] == 540
    assert data["customer"]["last_name"] == "Lefèvre" and data["customer"]["email"]
    assert data["customer"]["group"] == "VIP"
    assert data["payments"][0]["amount_cents"] == 540
    assert {"issued_at", "lines"} <= set(data)
    status, out, _ = _run(url, capsys, "invoices", "list", "--json")
    listed = json.loads(out)
    assert [d["number"] for d in listed] == [issued.number, listed[1]["number"]]
    assert listed[1]["customer"] is None
    status, out, _ = _run(url, capsys, "invoice", issued.number)
    out = out.replace("\xa0", " ")
    assert "Remise VIP −10 %" in out and "Zoë Lefèvre" in out and "5,40 €" in out
    status, _, err = _run(url, capsys, "invoice", "F1999-000001")
    assert status == 1 and "Aucune facture" in err


def test_an_invoice_told_in_english_is_english_throughout(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    vip = group(db, "VIP", 1000)
    zoe = person(db, "Lefèvre", "Zoë", group_id=vip.id, city="Paris")
    issued = sale(db, [(item(db, "Baguette", "1,20"), 5)], zoe)
    monkeypatch.setattr("pos_clients.i18n._language", "en")  # as POS_CLIENTS_LANG=en at start
    status, out, _ = _run(url, capsys, "invoice", issued.number)
    lines = out.replace("\xa0", " ").replace("\u202f", " ").splitlines()
    assert status == 0
    assert "5 × Baguette  €1.20  VAT 5.5%  €6.00" in lines
    assert "Discount VIP −10%  -€0.60" in lines
    assert "VAT 5.5%: base €5.12  VAT €0.28  total €5.40" in lines
    assert not [line for line in lines if "TVA" in line or "Remise" in line]


def test_close_day_then_verify_and_tampering(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    bread = item(db, "Baguette", "1,20")
    first = sale(db, [(bread, 2)])
    sale(db, [(bread, 3)])
    status, out, _ = _run(url, capsys, "close-day")
    assert status == 0 and "Clôture journalière" in out and "6,00\xa0€" in out
    status, out, _ = _run(url, capsys, "verify")
    assert status == 0 and "2 facture(s)" in out
    drop_write_once_guards(db)
    execute(db, "UPDATE invoice SET total_cents = 0 WHERE number = :n", n=first.number)
    status, _, err = _run(url, capsys, "verify")
    assert status == 1 and first.number in err.splitlines()[0]


def test_demo_sales_makes_a_verifiable_history(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        sqlite_url, capsys, "demo", "--customers", "30", "--invoices", "40", "--days", "5"
    )
    assert status == 0 and "40 ventes passées" in out
    status, out, _ = _run(sqlite_url, capsys, "verify")
    assert status == 0 and "40 facture(s)" in out


def test_items_import_and_list(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    csv = tmp_path / "items.csv"
    csv.write_text(
        "name;price;vat_rate;code;category\nÉclair;2,40;5,5;;Pâtisseries\nFaux;1;7;;\n",
        encoding="utf-8",
    )
    status, out, err = _run(sqlite_url, capsys, "items", "import", str(csv))
    assert status == 1 and "1 article(s) importé(s)" in out
    assert "items.csv:3:" in err and "Taux de TVA invalide" in err
    status, out, _ = _run(sqlite_url, capsys, "items", "list")
    assert status == 0 and "Éclair" in out and "Faux" not in out


def test_invoice_number_writes_the_pdf_and_the_receipt(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    bread = item(sqlite_db, "Baguette", "1,20")
    issued = sale(sqlite_db, [(bread, 2)])
    pdf, receipt = tmp_path / "facture.pdf", tmp_path / "ticket.bin"
    status, _, err = _run(
        url, capsys, "invoice", issued.number, "--pdf", str(pdf), "--receipt", str(receipt)
    )
    assert status == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert issued.number in text and "Baguette" in text
    assert b"Baguette" in receipt.read_bytes()
