"""Importing customers from a CSV file (D9): every row checked, the valid ones in one transaction.

Each record becomes a `CustomerDraft` checked by the same rules as the form
(`customers.clean`). A rejected record is reported with its line, column and reason (French
and English) and nothing of it is written; the valid records are inserted in bulk inside one
transaction, so an import is all-or-nothing for them (a cancel or a crash writes nothing).
A reference repeated in the file, or already held by a customer of the directory, rejects the
record. A group named in the file that does not exist yet is created without a discount.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, insert, select

from pos_clients import customers
from pos_clients.customers import now
from pos_clients.data import search_index
from pos_clients.data.bulk import insert_customers, insert_rows
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.data.tables import consent_table, customer_table, group_table
from pos_clients.directory_csv.checking import CheckedRecord, check_records
from pos_clients.directory_csv.format import CsvTable, read_table
from pos_clients.folding import fold
from pos_clients.groups import MAX_NAME
from pos_clients.i18n import Language, Text, current_language

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
CHUNK_ROWS = 2000
C = customer_table.c

# Files of at least this many lines are checked by worker processes while this one writes.
PARALLEL_MIN_ROWS = 20_000
IN_FLIGHT = 4  # chunks handed to the workers ahead of the one being written
# A bigger page cache while the rows and their indexes are written (this connection only;
# durability untouched: the commit stays synchronous=FULL).
_BULK_CACHE_KIB = 262_144


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one record of the file was rejected."""

    line: int  # line of the file where the record starts (the header is line 1)
    column: str  # the field (`email`), or "" when the whole record is at fault
    header: str  # the column's header as written in the file
    text: Text

    def message(self, language: Language | None = None) -> str:
        return self.text.in_(language or current_language())


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    rows: int  # records read (blank lines aside)
    imported: int  # customers written (0 on a dry run or when cancelled)
    valid: int  # records that passed every check
    problems: tuple[RowProblem, ...]
    created_groups: tuple[str, ...]  # groups created (or to create, on a dry run)
    ignored_columns: tuple[str, ...]
    encoding: str
    delimiter: str
    dry_run: bool
    cancelled: bool = False

    @property
    def rejected_lines(self) -> tuple[int, ...]:
        return tuple(sorted({p.line for p in self.problems}))

    @property
    def rejected(self) -> int:
        return len(self.rejected_lines)

    @property
    def exit_status(self) -> int:
        """0 when every record is valid, 1 when some were rejected (or the import cancelled)."""
        return 1 if self.problems or self.cancelled else 0


@dataclass
class _Run:
    uow: UnitOfWork
    table: CsvTable
    dry_run: bool
    groups: dict[str, int | None]  # folded name → id (None: to create, on a dry run)
    references: dict[str, int] = field(default_factory=dict)  # reference → line in file
    # The directory was empty when this write transaction began, and nobody else writes
    # until it ends (SQLite): no card of the file can be held by a customer already.
    alone_in_empty_directory: bool = False
    problems: list[RowProblem] = field(default_factory=list)
    created_groups: list[str] = field(default_factory=list)
    rows: int = 0
    valid: int = 0
    imported: int = 0

    def problem(self, line: int, column: str, text: Text) -> None:
        position = self.table.columns.get(column)
        header = self.table.headers[position] if position is not None else ""
        self.problems.append(RowProblem(line, column, header, text))


def import_customers(
    db: Database,
    source: str | Path | BinaryIO,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import the customers of a CSV file; return the report.

    `progress(done, total)` is called every few thousand records (`total` is an estimate);
    `cancel()` is checked as often, and when it returns True nothing is written. Raises
    CsvUnreadableError when the file cannot be read at all, and the database's errors.
    `workers`: processes checking the records (0: this one; default: 2 for large files).
    """
    table = read_table(source)
    total = table.expected_rows
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_MIN_ROWS else 0
    with db.uow() as uow:
        run = _Run(uow, table, dry_run, _existing_groups(uow))
        conn = uow.session.connection()
        sqlite = conn.dialect.name == "sqlite"
        first_id = int(conn.scalar(select(func.coalesce(func.max(C.id), 0))) or 0) + 1
        run.alone_in_empty_directory = sqlite and first_id == 1
        cache = 0
        if sqlite:
            cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
            conn.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
        try:
            if not dry_run:
                # Indexing the new rows in one statement at the end is twice as fast as the
                # per-row triggers; both happen inside this transaction, so no other till
                # ever sees the directory without its triggers or with a partial index.
                search_index.drop_triggers(conn)
            for chunk in _checked_chunks(table, workers):
                if cancel is not None and cancel():
                    return _report(run, cancelled=True)
                _import_chunk(run, chunk)
                if progress is not None:
                    progress(run.rows, max(total, run.rows))
            if not dry_run:
                search_index.index_rows_from(conn, first_id)
                search_index.recreate_triggers(conn)
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA cache_size={cache}")
        if not dry_run:
            uow.commit()
    if progress is not None:
        progress(run.rows, run.rows)
    return _report(run, cancelled=False)


def _checked_chunks(table: CsvTable, workers: int) -> Iterator[list[CheckedRecord]]:
    """The file's non-blank records, checked, chunk by chunk in order; with `workers` > 0
    the chunks are checked by that many processes, a few chunks ahead of the caller."""
    columns, width = table.columns, len(table.headers)
    records = _non_blank(table.records())
    chunks = iter(lambda: list(islice(records, CHUNK_ROWS)), [])
    if workers <= 0:
        for chunk in chunks:
            yield check_records(columns, width, chunk)
        return
    # "spawn", not "fork": the import may run on a worker thread of the Qt app, and forking a
    # process with other threads running can copy a lock held by one of them.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[list[CheckedRecord]]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(check_records, columns, width, chunk))
                if len(pending) > IN_FLIGHT:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _report(run: _Run, *, cancelled: bool) -> ImportReport:
    return ImportReport(
        rows=run.rows,
        imported=0 if cancelled or run.dry_run else run.imported,
        valid=run.valid,
        problems=tuple(sorted(run.problems, key=lambda p: p.line)),
        created_groups=tuple(run.created_groups),
        ignored_columns=run.table.ignored_headers,
        encoding=run.table.encoding,
        delimiter=run.table.delimiter,
        dry_run=run.dry_run,
        cancelled=cancelled,
    )


def _non_blank(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    for line, record in records:
        if any(value.strip() for value in record):
            yield line, record


def _existing_groups(uow: UnitOfWork) -> dict[str, int | None]:
    g = group_table.c
    return {str(key): int(gid) for gid, key in uow.session.execute(select(g.id, g.name_key))}


def _group_key(name: str) -> str:
    return " ".join(fold(name).split())


def _group_id(run: _Run, line: int, name: str) -> tuple[bool, int | None]:
    """(ok, id of the group named `name`), creating it when it does not exist yet."""
    name = " ".join(name.split())
    if not name:
        return True, None
    key = _group_key(name)
    if key in run.groups:
        return True, run.groups[key]
    if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        run.problem(
            line,
            "group",
            Text(
                f"Nom de groupe invalide ({MAX_NAME} caractères au plus, sans caractère "
                "de contrôle).",
                f"Invalid group name (at most {MAX_NAME} characters, no control character).",
            ),
        )
        return False, None
    group_id: int | None = None
    if not run.dry_run:
        stamp = now()
        group_id = run.uow.session.execute(
            insert(group_table)
            .values(name=name, name_key=key, discount_bp=0, created_at=stamp, updated_at=stamp)
            .returning(group_table.c.id)
        ).scalar_one()
    run.groups[key] = group_id
    run.created_groups.append(name)
    return True, group_id


def _holders(uow: UnitOfWork, references: list[str]) -> dict[str, str]:
    """Reference → name of the customer of the directory who holds it."""
    if not references:
        return {}
    rows = uow.session.execute(
        select(C.reference, C.kind, C.first_name, C.last_name, C.company_name).where(
            C.reference.in_(references)
        )
    )
    return {
        str(ref): customers.display_name(kind, first, last, company)
        for ref, kind, first, last, company in rows
    }


def _import_chunk(run: _Run, chunk: list[CheckedRecord]) -> None:
    accepted: list[tuple[int, dict[str, bool], dict[str, Any]]] = []
    for checked in chunk:
        run.rows += 1
        values = _accepted(run, checked)
        if values is not None:
            accepted.append((checked.line, checked.consents, values))
    holders = (
        {}
        if run.alone_in_empty_directory
        else _holders(run.uow, [str(v["reference"]) for _, _, v in accepted if v["reference"]])
    )
    to_insert: list[tuple[dict[str, bool], dict[str, Any]]] = []
    for line, consents, values in accepted:
        reference = values["reference"]
        if reference is not None and reference in holders:
            run.problem(
                line,
                "reference",
                Text(
                    f"La référence {reference} appartient déjà à {holders[reference]}.",
                    f"Reference {reference} already belongs to {holders[reference]}.",
                ),
            )
            continue
        to_insert.append((consents, values))
    run.valid += len(to_insert)
    if not run.dry_run and to_insert:
        _insert(run.uow, to_insert)
        run.imported += len(to_insert)


def _accepted(run: _Run, checked: CheckedRecord) -> dict[str, Any] | None:
    """The values to store for a checked record, or None when it is refused (reported)."""
    line = checked.line
    if checked.width_problem is not None:
        run.problem(line, "", checked.width_problem)
        return None
    ok_group, group_id = _group_id(run, line, checked.group)
    if checked.consent_problem is not None:
        run.problem(line, "email_consent", checked.consent_problem)
    if not ok_group or checked.consent_problem is not None:
        return None
    for column, text in checked.problems:
        run.problem(line, column, text)
    values = checked.values
    if values is None:
        return None
    reference = checked.reference
    if reference is not None:
        first = run.references.get(reference)
        if first is not None:
            run.problem(
                line,
                "reference",
                Text(
                    f"La référence {reference} figure déjà ligne {first} du fichier.",
                    f"Reference {reference} already appears on line {first} of the file.",
                ),
            )
            return None
        run.references[reference] = line
    values["group_id"] = group_id
    return values


def _insert(uow: UnitOfWork, rows: list[tuple[dict[str, bool], dict[str, Any]]]) -> None:
    stamp = now()
    params: list[dict[str, Any]] = []
    for _, values in rows:
        values["created_at"] = values["updated_at"] = stamp
        params.append(values)
    conn = uow.session.connection()
    ids = insert_customers(conn, params)
    consents = [
        {
            "customer_id": customer_id,
            "channel": channel,
            "granted": granted,
            "recorded_at": stamp,
            "source": "import",
        }
        for customer_id, (consents, _) in zip(ids, rows, strict=True)
        for channel, granted in consents.items()
    ]
    if consents:
        insert_rows(conn, consent_table, consents)
