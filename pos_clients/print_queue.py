"""The print queue (P4): jobs kept in the database until a worker prints them, in order, once.

The checkout writes the jobs in its own transaction (`queue_sale_prints`, a sale hook); the
worker (pos_clients.print_worker) renders each job for its printer and sends it. A reprint is
a new job marked DUPLICATA; a waiting job can be sent to the other printer or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update

from pos_clients.clock import utcnow
from pos_clients.data.database import UnitOfWork
from pos_clients.data.outbox_tables import print_job_table as jobs
from pos_clients.documents.escpos import ticket_bytes
from pos_clients.documents.payload import invoice_from_payload, invoice_payload
from pos_clients.documents.ticket import needs_preparation, preparation_ticket, receipt
from pos_clients.errors import NotFoundError, PosError
from pos_clients.i18n import Text
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.printing_settings import (
    ROLE_NAMES,
    configured_printers,
    load_printer,
    other_role,
    receipt_footer,
)
from pos_clients.sale_hooks import SaleOptions


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


def job_from_row(row: Row[Any]) -> PrintJob:
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
    return job_from_row(row)


def list_jobs(uow: UnitOfWork, *, states: tuple[str, ...] = (), limit: int = 200) -> list[PrintJob]:
    query = select(jobs).order_by(jobs.c.id.desc()).limit(limit)
    if states:
        query = query.where(jobs.c.state.in_(states))
    return [job_from_row(row) for row in uow.session.execute(query)]


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
