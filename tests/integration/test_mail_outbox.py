"""The invoice by email through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from pos_clients.clock import utcnow
from pos_clients.data.claims import release_dead_claims
from pos_clients.data.database import Database
from pos_clients.data.outbox_tables import email_outbox_table
from pos_clients.errors import ValidationError
from pos_clients.mail import outbox
from pos_clients.mail.settings import load_smtp, set_smtp_password, smtp_password
from pos_clients.mail.smtp import MailLoginError, MailServerUnavailableError
from pos_clients.mail.worker import CLAIM_SECONDS, send_due
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import (
    LoopbackSmtp,
    free_port,
    set_up_smtp,
    use_memory_keyring,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def smtp() -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp().start()
    yield server
    server.stop()


def _sell(db: Database, number: str, options: SaleOptions | None = None, **changes: object) -> None:
    install()
    with db.uow() as uow:
        run_hooks(uow, zoe_invoice(number, **changes), options or SaleOptions())  # type: ignore[arg-type]
        uow.commit()


def _messages(db: Database) -> list[outbox.OutboxMessage]:
    with db.reader() as uow:
        return outbox.list_outbox(uow)


def _attachment(message: EmailMessage) -> tuple[str, bytes]:
    [part] = list(message.iter_attachments())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(part.get_filename()), payload


def test_a_sale_with_an_email_writes_the_outbox_in_its_transaction(db: Database) -> None:
    _sell(db, "F2026-000100")
    _sell(db, "F2026-000101", SaleOptions(email_invoice=False))
    _sell(db, "F2026-000102", customer=None)
    install()
    with db.uow() as uow:
        run_hooks(uow, zoe_invoice("F2026-000103"), SaleOptions())
        # the sale fails after its hooks: no commit
    [message] = _messages(db)
    assert message.invoice_number == "F2026-000100"
    assert message.recipient == "zoe@example.org" and message.state == "pending"


def test_the_invoice_arrives_with_its_pdf(db: Database, smtp: LoopbackSmtp) -> None:
    set_up_smtp(db, smtp.port)
    _sell(db, "F2026-000110")
    result = send_due(db)
    assert (result.sent, result.failed, result.deferred) == (1, 0, 0)
    [received] = smtp.messages
    assert received["To"] == "zoe@example.org"
    assert "factures@saint-eloi.example" in received["From"]
    assert received["Subject"] == "Votre facture F2026-000110 — Boulangerie Saint-Éloi"
    body = received.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Bonjour Mme Zoë Lefèvre-Œuvray" in text and "36,81 €" in text
    name, pdf = _attachment(received)
    assert name == "Facture-F2026-000110.pdf"
    pdf_text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "F2026-000110" in pdf_text and "Lefèvre-Œuvray" in pdf_text
    [message] = _messages(db)
    assert message.state == "sent" and message.sent_at is not None
    assert received["Message-ID"] == message.message_id
    assert send_due(db).sent == 0  # exactly once


def test_server_down_then_up_delivers_exactly_once(db: Database) -> None:
    port = free_port()
    set_up_smtp(db, port)
    _sell(db, "F2026-000120")
    now = utcnow()
    down = send_due(db, now=now)
    assert down.deferred == 1 and isinstance(down.error, MailServerUnavailableError)
    [message] = _messages(db)
    assert message.state == "pending" and message.attempts == 1
    assert "ne répond pas" in message.last_error
    assert message.next_attempt_at >= now + timedelta(seconds=59)  # backs off
    assert send_due(db, now=now + timedelta(seconds=10)).deferred == 0  # not due yet
    server = LoopbackSmtp(port=port).start()
    try:
        assert send_due(db, now=now + timedelta(minutes=2)).sent == 1
        assert send_due(db, now=now + timedelta(hours=2)).sent == 0
    finally:
        server.stop()
    assert len(server.messages) == 1
    [message] = _messages(db)
    assert message.state == "sent" and message.attempts == 2


def test_backoff_grows_while_the_server_stays_down(db: Database) -> None:
    set_up_smtp(db, free_port())
    _sell(db, "F2026-000125")
    now = utcnow()
    waits = []
    for _ in range(4):
        send_due(db, now=now)
        [message] = _messages(db)
        waits.append((message.next_attempt_at - now).total_seconds())
        now = message.next_attempt_at
    assert waits == pytest.approx([60, 120, 240, 480], abs=1)


def test_a_550_marks_it_failed_and_it_can_be_retried_to_a_corrected_address(
    db: Database,
) -> None:
    server = LoopbackSmtp(refuse={"zoe@example.org"}).start()
    try:
        set_up_smtp(db, server.port)
        _sell(db, "F2026-000130")
        result = send_due(db)
        assert result.failed == 1 and result.sent == 0
        [message] = _messages(db)
        assert message.state == "failed" and "550" in message.last_error
        assert send_due(db, now=utcnow() + timedelta(days=1)).sent == 0  # never retried alone
        with db.uow() as uow, pytest.raises(ValidationError, match="invalide"):
            outbox.retry_message(uow, message.id, "zoe@@example")
        with db.uow() as uow:
            retried = outbox.retry_message(uow, message.id, "zoe.lefevre@example.org")
        assert retried.state == "pending" and retried.recipient == "zoe.lefevre@example.org"
        assert send_due(db).sent == 1
    finally:
        server.stop()
    [received] = server.messages
    assert received["To"] == "zoe.lefevre@example.org"
    assert received["Message-ID"] == message.message_id


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_refused_login_keeps_the_messages_waiting_until_the_password_is_right(
    db: Database,
) -> None:
    use_memory_keyring()
    server = LoopbackSmtp(login=("caisse", "bon-mot-de-passe")).start()
    try:
        settings = set_up_smtp(db, server.port, user="caisse")
        _sell(db, "F2026-000135")
        no_password = send_due(db)
        assert isinstance(no_password.error, MailLoginError) and no_password.deferred == 1
        set_smtp_password(settings, "mauvais")
        wrong = send_due(db, now=utcnow() + timedelta(minutes=5))
        assert isinstance(wrong.error, MailLoginError) and "535" in wrong.error.message()
        [message] = _messages(db)
        assert message.state == "pending"  # a matter of settings, not of this message
        set_smtp_password(settings, "bon-mot-de-passe")
        assert send_due(db, now=utcnow() + timedelta(hours=1)).sent == 1
    finally:
        server.stop()
    assert len(server.messages) == 1


def test_resend_from_the_history(db: Database, smtp: LoopbackSmtp) -> None:
    set_up_smtp(db, smtp.port)
    _sell(db, "F2026-000140")
    send_due(db)
    with db.uow() as uow:
        again = outbox.resend_invoice(uow, zoe_invoice("F2026-000140"), "compta@example.org")
    assert send_due(db).sent == 1
    first, second = smtp.messages
    assert second["To"] == "compta@example.org"
    assert first["Message-ID"] != second["Message-ID"] == again.message_id


def test_two_tills_send_each_message_once(db: Database, smtp: LoopbackSmtp) -> None:
    set_up_smtp(db, smtp.port)
    for n in range(150, 162):
        _sell(db, f"F2026-000{n}")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def till(name: str) -> None:
        barrier.wait()
        try:
            send_due(db, me=name)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=till, args=(f"till-{i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    subjects = sorted(str(m["Subject"]).split()[2] for m in smtp.messages)
    assert subjects == [f"F2026-000{n}" for n in range(150, 162)]


_CHILD = """
import sys, time
from pos_clients.data.database import open_database
from pos_clients.mail.worker import send_due
from pos_clients.sale_hooks import SaleOptions, run_hooks
from pos_clients.sale_outputs import install
from tests.helpers.printing_invoices import zoe_invoice

db = open_database(sys.argv[1])
install()
with db.uow() as uow:
    run_hooks(uow, zoe_invoice("F2026-000170"), SaleOptions())
    uow.commit()
print("committed", flush=True)
if sys.argv[2] == "mid-send":
    def hang(settings, password, message):
        print("sending", flush=True)
        time.sleep(600)
    send_due(db, transport=hang)
else:
    time.sleep(600)
"""


@pytest.mark.parametrize("moment", ["after-commit", "mid-send", "mid-send-other-till"])
def test_killed_between_commit_and_send_sends_after_restart(
    db: Database, smtp: LoopbackSmtp, moment: str
) -> None:
    set_up_smtp(db, smtp.port)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, db.engine.url.render_as_string(False), moment[:8]],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "committed"
    if moment.startswith("mid-send"):
        assert child.stdout.readline().strip() == "sending"
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    child.stdout.close()
    assert smtp.messages == []
    if moment == "mid-send":
        # The till starts again: it frees what its dead process had claimed, and sends at once.
        assert send_due(db).sent == 0  # still claimed by the dead process
        assert release_dead_claims(db, email_outbox_table) == 1
        assert send_due(db).sent == 1
    elif moment == "mid-send-other-till":
        # Another till takes it over once the dead process's claim has expired.
        later = utcnow() + timedelta(seconds=CLAIM_SECONDS + 1)
        assert send_due(db, me="till-2", now=later).sent == 1
    else:
        assert send_due(db).sent == 1
    assert send_due(db, now=utcnow() + timedelta(hours=1)).sent == 0
    [received] = smtp.messages
    assert "F2026-000170" in str(received["Subject"])
    with db.reader() as uow:
        [row] = uow.session.execute(select(email_outbox_table)).all()
    assert row.state == "sent" and received["Message-ID"] == row.message_id


def test_the_smtp_password_lives_in_the_keyring_only(db: Database) -> None:
    ring = use_memory_keyring()
    settings = set_up_smtp(db, 587, user="caisse@saint-eloi.example")
    set_smtp_password(settings, "s3cret-Éloi")
    with db.reader() as uow:
        loaded = load_smtp(uow)
        stored = uow.session.execute(select(email_outbox_table.c.id)).all()
        from pos_clients.data.tables import setting_table

        values = [row.value for row in uow.session.execute(select(setting_table))]
    assert stored == []
    assert smtp_password(loaded) == "s3cret-Éloi"
    assert ("pos-clients-smtp", "caisse@saint-eloi.example@127.0.0.1") in ring.passwords
    assert not any("s3cret" in value for value in values)
