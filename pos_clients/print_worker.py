"""The print worker: sends the queued jobs to their printers, oldest first, each once.

A job is claimed before it is sent (an UPDATE guarded by its WHERE clause, atomic on both
engines), so two tills never print the same ticket; a printer that does not answer stops its
queue at that job, so the others keep their order, and the error is kept for the status bar.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from pos_clients.background import WakeableWorker
from pos_clients.clock import utcnow
from pos_clients.data.claims import release_dead_claims, worker_name
from pos_clients.data.database import Database
from pos_clients.data.outbox_tables import print_job_table as jobs
from pos_clients.errors import PosError
from pos_clients.hardware.printers import send_to_printer
from pos_clients.print_queue import PrintJob, job_bytes, job_from_row
from pos_clients.printing_settings import PRINTER_ROLES, load_printer

CLAIM_SECONDS = 60
Sender = Callable[[str, bytes], None]


@dataclass(frozen=True, slots=True)
class PrintRound:
    """What one pass of the worker did."""

    printed: int = 0
    errors: dict[str, PosError] = field(default_factory=dict)


def _claim_next(
    db: Database, till: str, printer: str, me: str, now: datetime
) -> tuple[PrintJob, str] | None:
    """Claim the oldest waiting job of `till`'s `printer`, unless another worker holds it (so
    the order is kept)."""
    with db.uow() as uow:
        row = uow.session.execute(
            select(jobs)
            .where(jobs.c.state == "pending", jobs.c.printer == printer, jobs.c.till == till)
            .order_by(jobs.c.id)
            .limit(1)
        ).one_or_none()
        if row is None:
            return None
        claimed = uow.session.execute(
            update(jobs)
            .where(
                jobs.c.id == row.id,
                jobs.c.state == "pending",
                or_(
                    jobs.c.claimed_until.is_(None),
                    jobs.c.claimed_until < now,
                    jobs.c.claimed_by == me,
                ),
            )
            .values(claimed_by=me, claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        )
        uow.commit()
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return job_from_row(row), row.payload


def print_due(
    db: Database,
    *,
    sender: Sender = send_to_printer,
    me: str | None = None,
    now: datetime | None = None,
    till: str | None = None,
) -> PrintRound:
    """Print every waiting job (of `till`, or of every till) whose printer answers, oldest
    first, each on its till's printer; stop a printer at its first failure so its jobs keep
    their order."""
    me = me or worker_name()
    printed = 0
    errors: dict[str, PosError] = {}
    with db.reader() as uow:
        tills = (
            [till]
            if till is not None
            else list(
                uow.session.scalars(select(jobs.c.till).distinct().where(jobs.c.state == "pending"))
            )
        )
    for job_till in tills:
        printed += _print_till(db, job_till, sender, me, now, errors)
    return PrintRound(printed, errors)


def _print_till(
    db: Database,
    till: str,
    sender: Sender,
    me: str,
    now: datetime | None,
    errors: dict[str, PosError],
) -> int:
    printed = 0
    for printer in PRINTER_ROLES:
        with db.reader() as uow:
            settings = load_printer(uow, printer, till)
        if not settings.configured:
            continue
        while True:
            claimed = _claim_next(db, till, printer, me, now or utcnow())
            if claimed is None:
                break
            job, payload = claimed
            try:
                with db.reader() as uow:
                    data = job_bytes(uow, job, payload)
                sender(settings.url, data)
            except PosError as exc:
                errors[printer] = exc
                _release(db, job.id, exc.text.fr)
                break
            _mark_printed(db, job.id)
            printed += 1
    return printed


def _mark_printed(db: Database, job_id: int) -> None:
    with db.uow() as uow:
        uow.session.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(
                state="printed",
                printed_at=utcnow(),
                attempts=jobs.c.attempts + 1,
                last_error="",
                claimed_by=None,
                claimed_until=None,
            )
        )
        uow.commit()


def _release(db: Database, job_id: int, error: str) -> None:
    with db.uow() as uow:
        uow.session.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(
                attempts=jobs.c.attempts + 1,
                last_error=error,
                claimed_by=None,
                claimed_until=None,
            )
        )
        uow.commit()


class PrintWorker(WakeableWorker):
    """Runs `print_due` on a thread (for one till's jobs when `till` is given, which a shop whose
    tills have their own printers needs): at once when woken (a new job), else every few seconds,
    backing off while a printer does not answer. `on_round(PrintRound)` runs on that thread."""

    def __init__(
        self,
        db: Database,
        *,
        on_round: Callable[[PrintRound], None] | None = None,
        sender: Sender = send_to_printer,
        till: str | None = None,
        idle_seconds: float = 5.0,
        max_backoff_seconds: float = 60.0,
    ) -> None:
        super().__init__("pos-print", stop_timeout=10.0)
        self._db = db
        self._till = till
        self._on_round = on_round
        self._sender = sender
        self._idle = idle_seconds
        self._max_backoff = max_backoff_seconds
        self._delay = idle_seconds

    def _recover(self) -> None:
        # A till restarted after a crash goes on at once with what it had claimed.
        with contextlib.suppress(PosError):
            release_dead_claims(self._db, jobs)

    def _round(self) -> float:
        try:
            result = print_due(self._db, sender=self._sender, till=self._till)
        except PosError as exc:  # database busy or unreachable: try again later
            result = PrintRound(0, {"database": exc})
        if self._on_round is not None:
            self._on_round(result)
        self._delay = min(self._delay * 2, self._max_backoff) if result.errors else self._idle
        return self._delay
