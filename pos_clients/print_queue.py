"""The print queue (P4): jobs kept in the database, printed in order by a worker, never twice.

The checkout writes the jobs in its own transaction (`queue_sale_prints`, a sale hook); a
worker (`print_due`, run by `PrintWorker` or `pos-clients invoice --print`) renders each job
for its printer and sends it. A printer that does not answer leaves its jobs waiting, in
order, with the error kept for the status bar; they print once it is back. A reprint is a new
job marked DUPLICATA; a waiting job can be sent to the other printer.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, or_, select, update

from pos_clients.clock import utcnow
from pos_clients.data.claims import release_dead_claims, worker_name
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.data.outbox_tables import print_job_table as jobs
from pos_clients.documents.escpos import ticket_bytes
from pos_clients.documents.payload import invoice_from_payload, invoice_payload
from pos_clients.documents.ticket import needs_preparation, preparation_ticket, receipt
from pos_clients.errors import NotFoundError, PosError
from pos_clients.hardware.printers import send_to_printer
from pos_clients.i18n import Text
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.printing_settings import (
    PRINTER_ROLES,
    ROLE_NAMES,
    configured_printers,
    load_printer,
    other_role,
    receipt_footer,
)
from pos_clients.sale_hooks import SaleOptions

CLAIM_SECONDS = 60
Sender = Callable[[str, bytes], None]


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    created_at: datetime
    invoice_number: str
    till: str
    document: str
    printer: str
    duplicate: bool
    state: str
    attempts: int
    last_error: str
    printed_at: datetime | None


@dataclass(frozen=True, slots=True)
class QueueStatus:
    """What the status bar says: jobs waiting per printer, and why they wait."""

    waiting: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def total_waiting(self) -> int:
        return sum(self.waiting.values())


@dataclass(frozen=True, slots=True)
class PrintRound:
    """What one pass of the worker did."""

    printed: int = 0
    errors: dict[str, PosError] = field(default_factory=dict)


def _job(row: Row[Any]) -> PrintJob:
    return PrintJob(
        id=row.id,
        created_at=row.created_at,
        invoice_number=row.invoice_number,
        till=row.till,
        document=row.document,
        printer=row.printer,
        duplicate=bool(row.duplicate),
        state=row.state,
        attempts=row.attempts,
        last_error=row.last_error,
        printed_at=row.printed_at,
    )


def enqueue(
    uow: UnitOfWork,
    invoice: IssuedInvoice,
    document: str,
    *,
    printer: str | None = None,
    duplicate: bool = False,
) -> int:
    """Add a job (the caller commits); `printer` defaults to the document's own printer."""
    result = uow.session.execute(
        jobs.insert().returning(jobs.c.id), _job_values(invoice, document, printer, duplicate)
    )
    return int(result.scalar_one())


def _job_values(
    invoice: IssuedInvoice, document: str, printer: str | None, duplicate: bool
) -> dict[str, Any]:
    return {
        "created_at": utcnow(),
        "invoice_number": invoice.number,
        "till": invoice.till[:60],
        "document": document,
        "printer": printer or document,
        "duplicate": duplicate,
        "payload": invoice_payload(invoice),
        "state": "pending",
        "attempts": 0,
        "last_error": "",
    }


def queue_sale_prints(uow: UnitOfWork, invoice: IssuedInvoice, options: SaleOptions) -> None:
    """Sale hook: the receipt (unless « pas de ticket ») and the preparation ticket when a line
    needs one, each only when its printer is set."""
    wanted = {"receipt"} if options.print_receipt else set()
    if options.print_preparation and needs_preparation(invoice):
        wanted.add("preparation")
    if not wanted:
        return
    configured = configured_printers(uow, invoice.till)
    documents = sorted(wanted & configured, reverse=True)  # receipt first
    if documents:
        rows = [_job_values(invoice, document, None, False) for document in documents]
        uow.session.execute(jobs.insert(), rows)


def reprint(uow: UnitOfWork, invoice: IssuedInvoice, document: str = "receipt") -> PrintJob:
    """Queue a DUPLICATA of `document` for `invoice`, and commit."""
    job_id = enqueue(uow, invoice, document, duplicate=True)
    uow.commit()
    return get_job(uow, job_id)


def get_job(uow: UnitOfWork, job_id: int) -> PrintJob:
    row = uow.session.execute(select(jobs).where(jobs.c.id == job_id)).one_or_none()
    if row is None:
        raise NotFoundError(
            Text(f"Le travail d'impression {job_id} n'existe pas.", f"No print job {job_id}.")
        )
    return _job(row)


def list_jobs(uow: UnitOfWork, *, states: tuple[str, ...] = (), limit: int = 200) -> list[PrintJob]:
    query = select(jobs).order_by(jobs.c.id.desc()).limit(limit)
    if states:
        query = query.where(jobs.c.state.in_(states))
    return [_job(row) for row in uow.session.execute(query)]


def send_to_other_printer(uow: UnitOfWork, job_id: int) -> PrintJob:
    """Move a waiting job to the other printer, and commit.

    Raises PosError when it has printed already or when there is no other printer.
    """
    job = get_job(uow, job_id)
    if job.state != "pending":
        raise PosError(
            Text(
                "Ce ticket est déjà imprimé : faites une réimpression (DUPLICATA).",
                "This ticket has already printed: reprint it (DUPLICATA).",
            )
        )
    other = other_role(job.printer)
    if other not in configured_printers(uow, job.till):
        raise PosError(no_printer_text(other))
    uow.session.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.state == "pending")
        .values(printer=other, attempts=0, last_error="")
    )
    uow.commit()
    return get_job(uow, job_id)


def cancel_job(uow: UnitOfWork, job_id: int) -> PrintJob:
    """Drop a waiting job (it will not print), and commit."""
    uow.session.execute(
        update(jobs).where(jobs.c.id == job_id, jobs.c.state == "pending").values(state="cancelled")
    )
    uow.commit()
    return get_job(uow, job_id)


def queue_status(uow: UnitOfWork, till: str | None = None) -> QueueStatus:
    """Jobs waiting per printer (of `till`, or of every till) and why they wait."""
    waiting: dict[str, int] = {}
    errors: dict[str, str] = {}
    query = (
        select(jobs.c.printer, jobs.c.till, jobs.c.last_error)
        .where(jobs.c.state == "pending")
        .order_by(jobs.c.id)
    )
    if till is not None:
        query = query.where(jobs.c.till == till)
    tills: set[str] = set()
    for printer, job_till, last_error in uow.session.execute(query):
        waiting[printer] = waiting.get(printer, 0) + 1
        tills.add(job_till)
        if last_error and printer not in errors:
            errors[printer] = last_error
    for job_till in sorted(tills):
        configured = configured_printers(uow, job_till)
        for printer in waiting:
            if printer not in configured and printer not in errors:
                errors[printer] = no_printer_text(printer).fr
    return QueueStatus(waiting, errors)


def no_printer_text(printer: str) -> Text:
    name = ROLE_NAMES[printer]
    return Text(
        f"Aucune {name.fr} n'est réglée : ses tickets attendent (Réglages › Imprimantes).",
        f"No {name.en} is set: its tickets are waiting (Settings › Printers).",
    )


def job_bytes(uow: UnitOfWork, job: PrintJob, payload: str) -> bytes:
    """The ESC/POS bytes of a job, laid out for the printer it goes to now."""
    invoice = invoice_from_payload(payload)
    if job.document == "preparation":
        ticket = preparation_ticket(invoice, duplicate=job.duplicate)
    else:
        ticket = receipt(invoice, footer=receipt_footer(uow), duplicate=job.duplicate)
    return ticket_bytes(ticket, load_printer(uow, job.printer, job.till).paper)


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
        return _job(row), row.payload


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


class PrintWorker:
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
        self._db = db
        self._till = till
        self._on_round = on_round
        self._sender = sender
        self._idle = idle_seconds
        self._max_backoff = max_backoff_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="pos-print", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        # A till restarted after a crash goes on at once with what it had claimed.
        with contextlib.suppress(PosError):
            release_dead_claims(self._db, jobs)
        delay = self._idle
        while not self._stop.is_set():
            self._wake.clear()
            try:
                result = print_due(self._db, sender=self._sender, till=self._till)
            except PosError as exc:  # database busy or unreachable: try again later
                result = PrintRound(0, {"database": exc})
            if self._on_round is not None:
                self._on_round(result)
            delay = min(delay * 2, self._max_backoff) if result.errors else self._idle
            self._wake.wait(delay)
