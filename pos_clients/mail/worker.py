"""Sending what is due in the outbox: claim, render the PDF, hand over to SMTP, record.

Each message is claimed by one worker (an UPDATE guarded by its WHERE clause, atomic on
SQLite and PostgreSQL), so with several tills on one database a message is sent by one till
only. A claim lasts `CLAIM_SECONDS`: a process killed after the commit of the sale, or in the
middle of a send, leaves a claim that expires, and the message is sent after restart (with the
same Message-ID, so a copy that did reach the server is recognised as the same message).
Temporary failures back off exponentially; a 5xx refusal marks the message failed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import or_, select, update

from pos_clients.background import WakeableWorker
from pos_clients.clock import utcnow
from pos_clients.data.claims import release_dead_claims, worker_name
from pos_clients.data.database import Database
from pos_clients.data.outbox_tables import email_outbox_table as outbox
from pos_clients.errors import PosError
from pos_clients.mail.message import invoice_message
from pos_clients.mail.outbox import message_invoice
from pos_clients.mail.settings import SmtpSettings, load_smtp, smtp_password
from pos_clients.mail.smtp import MailNotConfiguredError, MailRefusedError, deliver

CLAIM_SECONDS = 120
FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 3600
BATCH = 20
Transport = Callable[[SmtpSettings, str | None, EmailMessage], None]


def retry_delay(attempts: int) -> timedelta:
    """1 min, 2, 4, 8… up to an hour, after `attempts` failed tries."""
    seconds = FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_RETRY_SECONDS))


@dataclass(frozen=True, slots=True)
class SendRound:
    """What one pass did: messages sent, refused for good, put off; the last error."""

    sent: int = 0
    failed: int = 0
    deferred: int = 0
    error: PosError | None = None
    failures: dict[int, str] = field(default_factory=dict)


def _claim(db: Database, message_id: int, me: str, now: datetime) -> bool:
    with db.uow() as uow:
        result = uow.session.execute(
            update(outbox)
            .where(
                outbox.c.id == message_id,
                outbox.c.state == "pending",
                outbox.c.next_attempt_at <= now,
                or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
            )
            .values(claimed_by=me, claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        )
        uow.commit()
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _due_ids(db: Database, now: datetime) -> list[int]:
    with db.reader() as uow:
        return list(
            uow.session.scalars(
                select(outbox.c.id)
                .where(
                    outbox.c.state == "pending",
                    outbox.c.next_attempt_at <= now,
                    or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
                )
                .order_by(outbox.c.id)
                .limit(BATCH)
            )
        )


def _finish(db: Database, message_id: int, **values: object) -> None:
    with db.uow() as uow:
        uow.session.execute(
            update(outbox)
            .where(outbox.c.id == message_id)
            .values(claimed_by=None, claimed_until=None, **values)
        )
        uow.commit()


def send_due(
    db: Database,
    *,
    transport: Transport = deliver,
    me: str | None = None,
    now: datetime | None = None,
) -> SendRound:
    """Send every message that is due now; returns what happened (never raises for a send)."""
    me = me or worker_name()
    now = now or utcnow()
    with db.reader() as uow:
        settings = load_smtp(uow)
    if not settings.configured:
        return SendRound(error=MailNotConfiguredError()) if _due_ids(db, now) else SendRound()
    password = smtp_password(settings)
    sent = failed = deferred = 0
    error: PosError | None = None
    failures: dict[int, str] = {}
    while True:
        ids = _due_ids(db, now)
        claimed_any = False
        for message_id in ids:
            if not _claim(db, message_id, me, now):
                continue  # another till has it
            claimed_any = True
            with db.reader() as uow:
                row = uow.session.execute(select(outbox).where(outbox.c.id == message_id)).one()
            try:
                message = invoice_message(
                    settings, message_invoice(row.payload), row.recipient, row.message_id
                )
                transport(settings, password, message)
            except MailRefusedError as exc:
                _finish(
                    db,
                    message_id,
                    state="failed",
                    attempts=row.attempts + 1,
                    last_error=exc.text.fr,
                )
                failed += 1
                failures[message_id] = exc.text.fr
                error = exc
                continue
            except PosError as exc:
                _finish(
                    db,
                    message_id,
                    attempts=row.attempts + 1,
                    last_error=exc.text.fr,
                    next_attempt_at=now + retry_delay(row.attempts + 1),
                )
                deferred += 1
                error = exc
                # The server is down: the others would fail the same way; try them later.
                return SendRound(sent, failed, deferred, error, failures)
            _finish(
                db,
                message_id,
                state="sent",
                sent_at=utcnow(),
                attempts=row.attempts + 1,
                last_error="",
            )
            sent += 1
        if not claimed_any or len(ids) < BATCH:
            break
    return SendRound(sent, failed, deferred, error, failures)


class MailWorker(WakeableWorker):
    """Runs `send_due` on a thread: at once when woken (a sale with an email), else every
    `idle_seconds`. `on_round(SendRound)` runs on that thread (the UI re-emits it as a signal)."""

    def __init__(
        self,
        db: Database,
        *,
        on_round: Callable[[SendRound], None] | None = None,
        transport: Transport = deliver,
        idle_seconds: float = 30.0,
    ) -> None:
        super().__init__("pos-mail", stop_timeout=30.0)
        self._db = db
        self._on_round = on_round
        self._transport = transport
        self._idle = idle_seconds

    def _recover(self) -> None:
        # A till restarted after a crash goes on at once with what it had claimed.
        with contextlib.suppress(PosError):
            release_dead_claims(self._db, outbox)

    def _round(self) -> float:
        try:
            result = send_due(self._db, transport=self._transport)
        except PosError as exc:  # the database itself is busy or away
            result = SendRound(error=exc)
        if self._on_round is not None:
            self._on_round(result)
        return self._idle
