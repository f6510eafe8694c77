"""`pos-clients outbox`, `outbox send`, `outbox retry`, `settings show`, `settings set`."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from pos_clients.cli import main
from pos_clients.data.database import Database
from pos_clients.mail.settings import load_smtp, smtp_password
from pos_clients.printing_settings import load_printer
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import LoopbackSmtp, set_up_smtp, use_memory_keyring


@pytest.fixture
def smtp() -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp(refuse={"nobody@example.org"}).start()
    yield server
    server.stop()


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _sell(db: Database, number: str, email: str = "zoe@example.org") -> None:
    from dataclasses import replace

    from tests.helpers.printing_invoices import ZOE

    install()
    with db.uow() as uow:
        invoice = zoe_invoice(number, customer=replace(ZOE, email=email))
        run_hooks(uow, invoice, SaleOptions())
        uow.commit()


def test_outbox_lists_sends_and_retries(
    db: Database, smtp: LoopbackSmtp, capsys: pytest.CaptureFixture[str]
) -> None:
    set_up_smtp(db, smtp.port)
    _sell(db, "F2026-000200")
    _sell(db, "F2026-000201", email="nobody@example.org")
    assert main(["--database", _url(db), "outbox"]) == 0
    listing = capsys.readouterr().out
    assert "F2026-000200" in listing and "en attente" in listing
    assert main(["--database", _url(db), "outbox", "send"]) == 1  # one was refused
    out = capsys.readouterr()
    assert "1 envoyé(s), 1 refusé(s), 0 reporté(s)." in out.out
    assert "refusé le message (550" in out.err
    assert main(["--database", _url(db), "outbox", "--json"]) == 0
    rows = {row["invoice"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["F2026-000200"]["state"] == "sent"
    assert rows["F2026-000201"]["state"] == "failed" and "550" in rows["F2026-000201"]["error"]
    failed_id = rows["F2026-000201"]["id"]
    assert (
        main(["--database", _url(db), "outbox", "retry", str(failed_id), "--to", "zoe@example.org"])
        == 0
    )
    assert "Message envoyé à zoe@example.org." in capsys.readouterr().out
    assert [str(m["To"]) for m in smtp.messages] == ["zoe@example.org", "zoe@example.org"]


def test_outbox_send_with_the_server_down_says_so(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.printing_servers import free_port

    set_up_smtp(db, free_port())
    _sell(db, "F2026-000210")
    assert main(["--database", _url(db), "outbox", "send"]) == 1
    out = capsys.readouterr()
    assert "0 envoyé(s), 0 refusé(s), 1 reporté(s)." in out.out
    assert "ne répond pas" in out.err


def test_settings_set_and_show(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    use_memory_keyring()
    url = _url(db)
    for key, value in [
        ("printer.receipt.url", "tcp://192.168.1.50:9100"),
        ("printer.receipt.columns", "48"),
        ("printer.preparation.url", "serial:///dev/ttyUSB0?baudrate=19200"),
        ("printer.preparation.columns", "32"),
        ("receipt.footer", "Merci !\\nÀ bientôt"),
        ("smtp.host", "smtp.example.org"),
        ("smtp.port", "465"),
        ("smtp.security", "TLS"),
        ("smtp.user", "caisse"),
        ("smtp.sender_address", "factures@saint-eloi.example"),
        ("smtp.password", "s3cret"),
        ("shop.siret", "12345678900017"),
        ("till.Caisse 2.printer.receipt.url", "tcp://192.168.1.51:9100"),
        ("till.Caisse 2.printer.receipt.columns", "32"),
    ]:
        assert main(["--database", url, "settings", "set", key, value]) == 0, key
    with db.reader() as uow:
        receipt_printer = load_printer(uow, "receipt")
        smtp_settings = load_smtp(uow)
    assert receipt_printer.url == "tcp://192.168.1.50:9100" and receipt_printer.columns == 48
    with db.reader() as uow:
        own = load_printer(uow, "receipt", "Caisse 2")
        other = load_printer(uow, "receipt", "Caisse 3")
    assert own.url == "tcp://192.168.1.51:9100" and own.columns == 32
    assert other == receipt_printer  # a till without its own uses the shop's
    assert smtp_settings.security == "tls" and smtp_settings.port == 465
    assert smtp_password(smtp_settings) == "s3cret"
    assert main(["--database", url, "settings", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["printer.preparation.columns"] == "32"
    assert shown["receipt.footer"] == "Merci !\nÀ bientôt"
    assert shown["smtp.password"] == "(trousseau / keyring)"  # never the password itself
    assert shown["shop.siret"] == "12345678900017"
    assert shown["till.Caisse 2.printer.receipt.url"] == "tcp://192.168.1.51:9100"
    assert main(["--database", url, "settings", "show"]) == 0
    assert "s3cret" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("printer.receipt.columns", "40", "Nombre de colonnes « 40 » invalide"),
        ("printer.receipt.url", "ipp://x", "Adresse d'imprimante invalide"),
        ("printer.receipt.codepage", "KLINGON", "Page de code « KLINGON » inconnue"),
        ("smtp.port", "abc", "Port invalide"),
        ("smtp.sender_address", "pas une adresse", "Adresse e-mail invalide"),
        ("smtp.subject", "Facture {numéro}", "Modèle invalide"),
        ("nothing.here", "1", "Réglage inconnu « nothing.here »"),
    ],
)
def test_bad_settings_are_refused_in_french(
    db: Database, capsys: pytest.CaptureFixture[str], key: str, value: str, says: str
) -> None:
    assert main(["--database", _url(db), "settings", "set", key, value]) == 1
    assert says in capsys.readouterr().err
