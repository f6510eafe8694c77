"""Importing customers from a CSV file (D9): every row checked, the valid ones in one transaction.

Each record becomes a `CustomerDraft` checked by the same rules as the form
(`customers.clean`). A rejected record is reported with its line, column and reason (French
and English) and nothing of it is written; the valid records are inserted in bulk inside one
transaction, so an import is all-or-nothing for them (a cancel or a crash writes nothing).
A reference repeated in the file, or already held by a customer of the directory, rejects the
record. A group named in the file that does not exist yet is created without a discount.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import Connection, func, insert, select

from pos_clients import customers
from pos_clients.customers import now
from pos_clients.data import bulk_index, search_index, trigram_counts
from pos_clients.data.bulk import indexes_set_aside
from pos_clients.data.database import Database, UnitOfWork
from pos_clients.data.search_index import RANK_CHARS
from pos_clients.data.tables import customer_table, group_table
from pos_clients.directory_csv import vcard
from pos_clients.directory_csv.checking import (
    BLOB_FIELDS,
    FIELD_SEP,
    ROW_SEP,
    CheckedChunk,
    CheckedRecord,
    check_chunk,
    check_piece,
    encoded,
)
from pos_clients.directory_csv.format import (
    CsvTable,
    Piece,
    blank,
    piece_records,
    read_bytes,
    table_of,
)
from pos_clients.directory_csv.report import ImportReport, RowProblem
from pos_clients.directory_csv.writing import Fields, RowWriter
from pos_clients.folding import fold
from pos_clients.groups import MAX_NAME
from pos_clients.i18n import Text

ProgressCallback = Callable[[int, int], None]
_K = TypeVar("_K")
_R = TypeVar("_R")
CancelCheck = Callable[[], bool]
CHUNK_ROWS = 2000
C = customer_table.c

# Files of at least this many lines are checked by worker processes while this one writes.
PARALLEL_MIN_ROWS = 20_000
# Chunks handed to the workers ahead of the one being written (about 300 KB of text each):
# enough for the workers to go on checking while this process indexes a batch.
IN_FLIGHT = 32
# Pieces this process checks itself while spawned workers start (about 1 s: their imports),
# before it writes them; forked workers start at once, one piece is enough.
LOCAL_PIECES = {"spawn": 4, "fork": 1}
# Rows indexed a statement per table at a time while the workers check the next ones: few
# enough statements for few FTS5 segments (each writes its own), and most of the indexing
# done before the last record is read. A batch of at least INDEX_WHEN_IDLE rows is indexed
# sooner whenever this process would otherwise wait for the workers.
INDEX_EVERY = 50_000
INDEX_WHEN_IDLE = 25_000
# Reading a vCard file (vobject) takes about twice as long as checking and writing its cards:
# the progress shown gives it that share.
VCARD_READING_SHARE = 2
# A bigger page cache while the rows and their indexes are written (this connection only;
# durability untouched: the commit stays synchronous=FULL).
_BULK_CACHE_KIB = 262_144


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
    group_ids: dict[str, int | None] = field(default_factory=dict)  # name as written → id
    key_ranks: dict[str, int] = field(default_factory=dict)  # sort key beginning → key_rank
    writer: RowWriter | None = None
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
    """Import the customers of a CSV file, or of a vCard file (`vcard`); return the report.

    `progress(done, total)` is called every few thousand records (`total` is an estimate);
    `cancel()` is checked as often, and when it returns True nothing is written. Raises
    CsvUnreadableError when the file cannot be read at all, and the database's errors.
    `workers`: processes reading and checking the records (0: this one; default for large
    files: one core fewer than the machine has, at most 2, since this process keeps a core
    busy writing and one worker keeps up with it).
    """
    data = read_bytes(source)
    if vcard.is_vcard(data):
        # One progress from start to end: reading the cards, then checking and writing them.
        share = VCARD_READING_SHARE

        def reading(done: int, total: int) -> None:
            if progress is not None:
                progress(done * share, total * (share + 1))

        def writing(done: int, total: int) -> None:
            if progress is not None:
                progress(total * share + done, total * (share + 1))

        cards = vcard.read_vcards(data, reading, cancel)
        if cards is None:
            return ImportReport(0, 0, 0, (), (), (), "", "", dry_run, cancelled=True, vcard=True)
        del data
        report = _import_table(db, cards.table, dry_run, writing, cancel, workers)
        return cards.report(report)
    table = table_of(data)
    del data
    return _import_table(db, table, dry_run, progress, cancel, workers)


def _import_table(
    db: Database,
    table: CsvTable,
    dry_run: bool,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
    workers: int | None,
) -> ImportReport:
    total = table.expected_rows
    if workers is None:
        workers = min(2, (os.cpu_count() or 1) - 1) if total >= PARALLEL_MIN_ROWS else 0
    with db.uow() as uow:
        run = _Run(uow, table, dry_run, _existing_groups(uow))
        conn = uow.session.connection()
        sqlite = conn.dialect.name == "sqlite"
        first_id = int(conn.scalar(select(func.coalesce(func.max(C.id), 0))) or 0) + 1
        run.alone_in_empty_directory = sqlite and first_id == 1
        if not dry_run:
            run.writer = RowWriter(conn, first_id)
        names: bulk_index.NameIndexer | None = None
        with ExitStack() as stack:
            stack.enter_context(_collector_paused())
            if sqlite and not dry_run:
                stack.enter_context(_bulk_cache(conn))
                # Indexing the new rows in bulk is several times as fast as the per-row
                # triggers; both happen inside this transaction, so no other till ever sees
                # the directory without its triggers or with a partial index.
                search_index.drop_triggers(conn)
                stack.enter_context(bulk_index.loading(conn))
                if run.alone_in_empty_directory:
                    stack.enter_context(indexes_set_aside(conn, "customer"))
                names = stack.enter_context(bulk_index.by_name(conn, first_id))

            def index_while_waiting() -> bool:
                """Index the rows written so far, if enough, instead of waiting for the
                workers; whether it did."""
                writer = run.writer
                if names is None or writer is None:
                    return False
                if writer.next_id - names.next_id < INDEX_WHEN_IDLE:
                    return False
                names.index(writer.next_id, run.key_ranks)
                return True

            for chunk in _checked_chunks(table, workers, index_while_waiting):
                if cancel is not None and cancel():
                    return _report(run, cancelled=True)
                _import_chunk(run, chunk)
                writer = run.writer
                if names is not None and writer and writer.next_id - names.next_id >= INDEX_EVERY:
                    names.index(writer.next_id, run.key_ranks)
                if progress is not None:
                    progress(run.rows, max(total, run.rows))
            if names is not None and run.writer is not None:
                names.index(run.writer.next_id, run.key_ranks)
                search_index.recreate_triggers(conn)
        if not dry_run:
            uow.commit()
            if run.imported:
                # The addresses changed in bulk: choose email trigrams by sampling until the
                # next start counts them again.
                trigram_counts.forget(uow.database)
    if progress is not None:
        progress(run.rows, run.rows)
    return _report(run, cancelled=False)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the import: its passes over the objects
    a large import creates (a list per row, futures) took about 0.45 s of the 13 s of CPU
    of the importing process for 200,000 rows, the process that sets the pace. The import
    makes no reference cycles; whatever else the process makes meanwhile is collected once
    it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _bulk_cache(conn: Connection) -> Iterator[None]:
    """A bigger page cache for this connection while the rows and their index are written
    (durability untouched: the commit stays synchronous=FULL)."""
    cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    conn.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={cache}")


def _checked_chunks(
    table: CsvTable, workers: int, idle: Callable[[], bool] = lambda: False
) -> Iterator[CheckedChunk]:
    """The file's non-blank records, checked, chunk by chunk in order; with `workers` > 0
    the chunks are read and checked by that many processes, a few chunks ahead of the caller,
    which calls `idle()` instead of waiting for the next one (as long as it returns True).
    """
    columns, width = table.columns, len(table.headers)
    if workers <= 0:
        for chunk in _record_chunks(table.records()):
            yield check_chunk(columns, width, chunk)
        return
    method = start_method()
    with ProcessPoolExecutor(workers, mp_context=get_context(method)) as pool:
        # The workers read pieces of the text themselves (this process's CSV parsing and
        # pickling of the records cost as much as a third of its writing)...
        pieces = (
            (piece, (columns, width, table.delimiter, piece)) for piece in table.pieces(CHUNK_ROWS)
        )
        irregular: Piece | None = None
        for piece, checked in _in_pool(pool, check_piece, pieces, idle, LOCAL_PIECES[method]):
            if checked is None:
                irregular = piece
                break
            yield checked
        if irregular is None:
            return
        # ... unless a quote out of place makes cutting the text by lines unsafe: from there
        # on, this process reads the records and the workers check them.
        rest = Piece(irregular.lines_before, table.text[irregular.offset :], irregular.offset)
        chunks = (
            (None, (columns, width, chunk))
            for chunk in _record_chunks(piece_records(rest, table.delimiter))
        )
        for _, checked_chunk in _in_pool(pool, check_chunk, chunks, idle):
            yield checked_chunk


def start_method() -> str:
    """How the workers are started: "fork" when this process runs a single thread (the
    command line), where a worker starts at once with everything imported; else "spawn".
    In the app the import runs on a worker thread, next to Qt's own threads, and forking a
    process with other threads running can copy a lock one of them holds (the child would
    wait on it for ever); a spawned worker starts afresh, in about 1 s (its imports)."""
    try:
        threads = len(os.listdir("/proc/self/task"))  # every thread, Qt's included (Linux)
    except OSError:
        return "spawn"
    return "fork" if threads == 1 and "fork" in get_all_start_methods() else "spawn"


def _record_chunks(
    records: Iterator[tuple[int, list[str]]],
) -> Iterator[list[tuple[int, list[str]]]]:
    blank_free = (item for item in records if not blank(item[1]))
    return iter(lambda: list(islice(blank_free, CHUNK_ROWS)), [])


def _in_pool(
    pool: Executor,
    task: Callable[..., _R],
    jobs: Iterable[tuple[_K, tuple[Any, ...]]],
    idle: Callable[[], bool],
    local: int = 0,
) -> Iterator[tuple[_K, _R]]:
    """(key, task(*args)) for each (key, args) of `jobs`, in order: the first `local` ones
    computed by this process while `pool` starts on the next ones, the others by `pool`, a
    few jobs ahead. While the next result is not ready, this process calls `idle()` until
    it returns False, then takes over the last job the pool has not started (and so on),
    and only waits when there is none: neither process sits idle while the other works.
    The jobs not yet asked for are cancelled when the caller stops early."""
    pending: deque[tuple[_K, tuple[Any, ...], Future[_R]]] = deque()
    waiting = iter(jobs)
    head = list(islice(waiting, local))

    def submit_ahead() -> None:
        while len(pending) < IN_FLIGHT and (job := next(waiting, None)) is not None:
            pending.append((job[0], job[1], pool.submit(task, *job[1])))

    def take_over_one() -> bool:
        """Compute here the last job the pool has not started; whether there was one."""
        for at in range(len(pending) - 1, -1, -1):
            key, args, future = pending[at]
            if future.done():  # taken over already (or finished)
                continue
            if not future.cancel():  # started: so are all the ones before it
                return False
            here: Future[_R] = Future()
            try:
                here.set_result(task(*args))
            except Exception as exc:  # raised at its turn, as the pool's would be
                here.set_exception(exc)
            pending[at] = (key, args, here)
            return True
        return False

    try:
        submit_ahead()
        for key, args in head:
            yield key, task(*args)
        while pending:
            key, _, future = pending.popleft()
            while not future.done() and (idle() or take_over_one()):
                pass
            value = future.result()
            submit_ahead()
            yield key, value
    finally:
        for _, _, future in pending:
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


def _import_chunk(run: _Run, chunk: CheckedChunk) -> None:
    """Accept or refuse each record of `chunk` in file order; write the accepted ones."""
    rows = chunk.valid.split(ROW_SEP) if chunk.valid else []
    accepted: list[Fields] = []
    if chunk.others:
        others = iter(chunk.others)
        other = next(others, None)
        for text in rows:
            fields: Fields = text.split(FIELD_SEP)
            line = int(fields[_LINE])
            while other is not None and other.line < line:
                _accept_other(run, other, accepted)
                other = next(others, None)
            _accept(run, line, fields, accepted)
        while other is not None:
            _accept_other(run, other, accepted)
            other = next(others, None)
    else:
        _accept_all(run, rows, accepted)
    run.key_ranks.update(chunk.key_ranks)
    if not run.alone_in_empty_directory and accepted:
        accepted = _not_held(run, accepted)
    run.valid += len(accepted)
    if run.writer is not None and accepted:
        run.writer.write(accepted)
        run.imported += len(accepted)


def _accept_all(run: _Run, rows: list[str], accepted: list[Fields]) -> None:
    """`_accept` for each valid record of a chunk that has no other: the common case, with
    the usual outcome (known group, card not seen yet) tested first."""
    group_ids, references, append = run.group_ids, run.references, accepted.append
    usual = 0
    for text in rows:
        fields: Fields = text.split(FIELD_SEP)
        group_id = group_ids.get(fields[0], _UNKNOWN)
        reference = fields[_REFERENCE]
        if group_id is _UNKNOWN or (reference and reference in references):
            _accept(run, int(fields[_LINE]), fields, accepted)
            continue
        if reference:
            references[reference] = int(fields[_LINE])
        fields[0] = group_id
        append(fields)
        usual += 1
    run.rows += usual


_UNKNOWN = -1  # no group id
_LINE = BLOB_FIELDS.index("line")
_REFERENCE = BLOB_FIELDS.index("reference")
_SORT_KEY = BLOB_FIELDS.index("sort_key")


def _accept(run: _Run, line: int, fields: Fields, accepted: list[Fields]) -> None:
    """Add a valid record to `accepted` (its group's id first) unless its group's name or its
    card is refused (reported)."""
    run.rows += 1
    name = fields[0]
    if name in run.group_ids:
        group_id = run.group_ids[name]
    else:
        ok, group_id = _group_id(run, line, name)
        if not ok:
            return
        run.group_ids[name] = group_id
    reference = fields[_REFERENCE]
    if reference:
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
            return
        run.references[reference] = line
    fields[0] = group_id
    accepted.append(fields)


def _accept_other(run: _Run, checked: CheckedRecord, accepted: list[Fields]) -> None:
    """`_accept` for a record that did not travel as text: report its problems, if any."""
    line = checked.line
    if checked.width_problem is not None:
        run.rows += 1
        run.problem(line, "", checked.width_problem)
        return
    if checked.values is None or checked.problems or checked.consent_problem is not None:
        run.rows += 1
        ok_group, _ = _group_id(run, line, checked.group)
        if checked.consent_problem is not None:
            run.problem(line, "email_consent", checked.consent_problem)
        if not ok_group or checked.consent_problem is not None:
            return
        for column, text in checked.problems:
            run.problem(line, column, text)
        return
    fields = encoded(checked)
    run.key_ranks[fields[_SORT_KEY][:RANK_CHARS]] = checked.key_rank
    _accept(run, line, fields, accepted)


def _not_held(run: _Run, accepted: list[Fields]) -> list[Fields]:
    """The records of `accepted` whose card no customer of the directory holds (the others
    are reported)."""
    holders = _holders(run.uow, [f[_REFERENCE] for f in accepted if f[_REFERENCE]])
    if not holders:
        return accepted
    kept = []
    for fields in accepted:
        reference = fields[_REFERENCE]
        if reference and reference in holders:
            run.problem(
                int(fields[_LINE]),
                "reference",
                Text(
                    f"La référence {reference} appartient déjà à {holders[reference]}.",
                    f"Reference {reference} already belongs to {holders[reference]}.",
                ),
            )
        else:
            kept.append(fields)
    return kept
