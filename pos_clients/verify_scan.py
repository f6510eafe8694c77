"""The streaming pass behind `verify`: one range of the invoice chain, read straight from the
database driver, each invoice's stored bytes hashed as they are and its columns checked
against them, its amounts summed per daily closing.

No SQLAlchemy here, so that the worker processes of a parallel `verify` start quickly.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from typing import Any

from pos_clients.i18n import Text

MAX_PROBLEMS = 20
# Rows fetched from the driver at a time.
BATCH = 5000

# One row per invoice, in chain order, each text column as the bytes stored (SQLite: the
# connection's text_factory); `issued_at` in SQLite's storage form, "2026-03-02 08:00:00.000000".
_SQLITE_SCAN = (
    "SELECT chain_seq, number, kind, series, seq, issued_at, total_cents, corrects, content,"
    " previous_hash, hash FROM invoice WHERE chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq"
)
_POSTGRES_SCAN = (
    "SELECT chain_seq, convert_to(number, 'UTF8'), convert_to(kind, 'UTF8'),"
    " convert_to(series, 'UTF8'), seq,"
    " convert_to(to_char(issued_at, 'YYYY-MM-DD HH24:MI:SS.US'), 'UTF8'), total_cents,"
    " convert_to(corrects, 'UTF8'), convert_to(content, 'UTF8'),"
    " convert_to(previous_hash, 'UTF8'), convert_to(hash, 'UTF8')"
    " FROM invoice WHERE chain_seq >= %s AND chain_seq <= %s ORDER BY chain_seq"
)


@dataclass(frozen=True)
class Source:
    """Where a scan reads: ("sqlite", file path) or ("postgresql", libpq connection URI)."""

    dialect: str
    target: str


@dataclass
class Segment:
    """The running totals of the invoices of one daily closing (or of the open day)."""

    first_chain_seq: int = 0
    last_chain_seq: int = 0
    first_number: str = ""
    last_number: str = ""
    invoice_count: int = 0
    total_cents: int = 0
    by_rate: dict[str, list[int]] = field(default_factory=dict)  # rate → [base, VAT, total]
    by_method: dict[str, int] = field(default_factory=dict)


@dataclass
class Range:
    """What the scan of one range of the chain found."""

    count: int = 0
    first_seq: int | None = None
    first_previous: str = ""
    first_number: str = ""
    last_seq: int = 0
    last_hash: str = ""
    last_number: str = ""
    problems: list[tuple[int, Text]] = field(default_factory=list)
    # series → [chain_seq of its first invoice here, its number, its first seq, its last seq]
    series: dict[str, list[Any]] = field(default_factory=dict)
    # index of the daily closing an invoice falls in (len(day_ends): not closed yet) → totals
    segments: dict[int, Segment] = field(default_factory=dict)
    boundary_hashes: dict[int, str] = field(default_factory=dict)


def scan_source(source: Source, lo: int, hi: int, day_ends: list[int]) -> Range:
    """Scan chain positions lo..hi of the database at `source` (here or in a worker)."""
    conn = connect(source)
    try:
        return scan(conn, source.dialect, lo, hi, day_ends)
    finally:
        conn.close()


def connect(source: Source) -> Any:
    """A read-only driver connection to `source`."""
    if source.dialect == "sqlite":
        conn = sqlite3.connect(source.target, timeout=5.0, check_same_thread=False)
        conn.text_factory = bytes
        conn.execute("PRAGMA query_only = 1")
        # Pages read through a memory map rather than copied by read(): a third less system
        # time on a large history (SQLite caps it at its build's limit, 2 GB by default).
        conn.execute("PRAGMA mmap_size = 2147418112")
        return conn
    import psycopg

    return psycopg.connect(source.target)


def _rows(conn: Any, dialect: str, lo: int, hi: int) -> Iterator[list[Any]]:
    """Invoices lo..hi in chain order, a batch of driver rows at a time."""
    if dialect == "sqlite":
        cursor = conn.execute(_SQLITE_SCAN, (lo, hi))
    else:
        cursor = conn.cursor(name="verify_scan")
        cursor.itersize = BATCH
        cursor.execute(_POSTGRES_SCAN, (lo, hi))
    try:
        while batch := cursor.fetchmany(BATCH):
            yield batch
    finally:
        cursor.close()


def _missing(number: str) -> Text:
    return Text(
        f"Facture manquante avant la facture {number} (chaîne rompue).",
        f"An invoice is missing before invoice {number} (broken chain).",
    )


def _not_following(number: str, last_number: str) -> Text:
    return Text(
        f"Facture {number} : elle ne suit pas la facture {last_number}.",
        f"Invoice {number} does not follow invoice {last_number}.",
    )


def _gap(number: str, before: int, series: str) -> Text:
    return Text(
        f"Numérotation interrompue : {number} suit le n° {before} de la série {series}.",
        f"Numbering gap: {number} follows number {before} of series {series}.",
    )


def _hash_mismatch(number: str) -> Text:
    return Text(
        f"Facture {number} altérée : son contenu ne correspond plus à son empreinte.",
        f"Invoice {number} was altered: its content no longer matches its hash.",
    )


def _columns_mismatch(number: str) -> Text:
    return Text(
        f"Facture {number} altérée : ses colonnes ne correspondent plus à la facture émise.",
        f"Invoice {number} was altered: its columns no longer match the invoice as issued.",
    )


class _Parts:
    """The current segment's invoices and their amounts, as cut out of the stored bytes."""

    def __init__(self) -> None:
        self.seqs: list[int] = []
        self.numbers: list[bytes] = []
        self.vat: list[bytes] = []
        self.payments: list[bytes] = []
        self.parsed: list[Amounts] = []  # invoices not cut (altered): parsed as JSON


Amounts = tuple[list[tuple[str, int, int, int]], list[tuple[str, int]]]


def scan(conn: Any, dialect: str, lo: int, hi: int, day_ends: list[int]) -> Range:
    """Check invoices lo..hi (chain positions) against each other; sum them per closing.

    Each invoice: its place in the chain, SHA-256 over the previous hash and the document
    exactly as stored, the columns the app reads found at their place in that document, the
    numbering of its series. Its VAT rows and payments are cut out of the document and
    summed per daily closing.
    """
    found = Range()
    problems = found.problems

    def problem(seq: int, text: Text) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append((seq, text))

    segment = 0
    while segment < len(day_ends) and day_ends[segment] < lo:
        segment += 1
    seg_end = day_ends[segment] if segment < len(day_ends) else hi + 1
    parts = _Parts()
    seqs, numbers, vat_parts, pay_parts = parts.seqs, parts.numbers, parts.vat, parts.payments
    seg_total = 0
    expected = -1
    previous = b""
    last_number = b""
    cur_series: bytes | None = None
    cur_last = 0
    fresh = hashlib.sha256().copy  # copying a started hash is quicker than starting one
    count = 0
    for batch in _rows(conn, dialect, lo, hi):
        count += len(batch)
        for (
            chain_seq,
            number,
            kind,
            series,
            seq,
            stamp,
            total,
            corrects,
            content,
            prev,
            hash_,
        ) in batch:
            if chain_seq != expected:
                if found.first_seq is None:
                    found.first_seq, found.first_previous = chain_seq, prev.decode()
                    found.first_number = number.decode()
                else:
                    problem(chain_seq, _missing(number.decode()))
            elif prev != previous:
                problem(chain_seq, _not_following(number.decode(), last_number.decode()))
            expected = chain_seq + 1
            cut = None
            digest = fresh()
            digest.update(prev)
            digest.update(content)
            if digest.hexdigest().encode() != hash_:
                problem(chain_seq, _hash_mismatch(number.decode()))
            else:
                cut = _cut(content, number, kind, stamp, total, corrects, prev)
                if cut is None:
                    problem(chain_seq, _columns_mismatch(number.decode()))
            if series != cur_series:
                if cur_series is not None:
                    found.series[cur_series.decode()][3] = cur_last
                known = found.series.get(series.decode())
                if known is None:
                    found.series[series.decode()] = [chain_seq, number.decode(), seq, seq]
                elif seq != known[3] + 1:
                    problem(chain_seq, _gap(number.decode(), known[3], series.decode()))
                cur_series, cur_last = series, seq
            else:
                if seq != cur_last + 1:
                    problem(chain_seq, _gap(number.decode(), cur_last, series.decode()))
                cur_last = seq
            if chain_seq > seg_end:
                _close_segment(found, segment, seg_total, parts, problem)
                parts, seg_total = _Parts(), 0
                seqs, numbers = parts.seqs, parts.numbers
                vat_parts, pay_parts = parts.vat, parts.payments
                while segment < len(day_ends) and day_ends[segment] < chain_seq:
                    segment += 1
                seg_end = day_ends[segment] if segment < len(day_ends) else hi + 1
            seqs.append(chain_seq)
            numbers.append(number)
            if cut is not None:  # `total` agrees with the document
                seg_total += total
                vat_parts.append(cut[0])
                pay_parts.append(cut[1])
            else:  # the amounts as the (altered) document gives them, as before
                doc_total, amounts = _amounts_of(content)
                seg_total += doc_total
                vat_parts.append(b"")
                pay_parts.append(b"")
                parts.parsed.append(amounts)
            if chain_seq == seg_end:
                found.boundary_hashes[chain_seq] = hash_.decode()
            previous, last_number = hash_, number
    if cur_series is not None:
        found.series[cur_series.decode()][3] = cur_last
    if seqs:
        _close_segment(found, segment, seg_total, parts, problem)
    found.count = count
    found.last_seq, found.last_hash = (expected - 1 if count else 0), previous.decode()
    found.last_number = last_number.decode()
    return found


def _stamp(stored: bytes) -> bytes:
    """The document's "issued_at" for a stored time in any other form than "….000000"."""
    try:
        return datetime.fromisoformat(stored.decode()).isoformat().encode()
    except ValueError:
        return b""


_NO_CORRECTION = b',"corrects":"","customer":'
_KIND = {k: b'","kind":"%b","lines":[' % k for k in (b"invoice", b"credit_note")}


def _cut(
    content: bytes,
    number: bytes,
    kind: bytes,
    stamp: bytes,
    total: int,
    corrects: bytes,
    previous_hash: bytes,
) -> tuple[bytes, bytes] | None:
    """(VAT rows, payments) of a stored document, cut out of it where the stored columns
    are found at their place in it; None when a column no longer agrees with it.

    The canonical JSON has sorted keys and escapes every quote inside a string, so each
    fragment below, quotes and all, can only be the one top-level key it names; the hash
    vouches for the rest (lines, customer, shop). The keys near the end are looked for
    backwards from the end, each before the next, so that few bytes are read twice.
    """
    if not isinstance(total, int) or not content.endswith(b"]}"):
        return None  # (text stored by hand in the INTEGER column: SQLite keeps it)
    vat_at = content.rfind(b'},"vat":[')
    at = content.rfind(b',"total_cents":%d,"total_excl_vat_cents":' % total, 0, vat_at)
    if vat_at < 0 or at < 0:
        return None
    previous_at = content.rfind(b'],"previous_hash":"' + previous_hash + b'","shop":{', 0, at)
    head = b'],"number":"' + number + b'","payments":['
    number_at = content.rfind(head, 0, previous_at)
    if previous_at < 0 or number_at < 0:
        return None
    at = content.find(
        _NO_CORRECTION if not corrects else b',"corrects":"%b","customer":' % corrects,
        0,
        number_at,
    )
    if at < 0:
        return None
    # As SQLAlchemy stores it on SQLite ("2026-03-02 08:00:00.000000"), else parsed.
    iso = stamp[:19].replace(b" ", b"T") if stamp[19:] == b".000000" else _stamp(stamp)
    after = _KIND.get(kind) or b'","kind":"%b","lines":[' % kind
    if content.find(b',"issued_at":"' + iso + after, at, number_at) < 0:
        return None
    return content[vat_at + 9 : -2], content[number_at + len(head) : previous_at]


# A segment's VAT rows (payments) joined: with the digits taken out, exactly these shapes
# one after the other; with everything but the digits and commas taken out, the amounts.
_DIGITS = b"-0123456789"
_NOT_AMOUNTS = bytes(c for c in range(256) if c not in b"-0123456789,")
_VAT_SHAPE = b'{"base_cents":,"rate_bp":,"total_cents":,"vat_cents":}'
_PAYMENT_SHAPES = {
    method.encode(): b'{"amount_cents":,"change_cents":,"given_cents":,"method":"%b"}'
    % method.encode()
    for method in ("cash", "card", "cheque", "account")
}
_METHOD = re.compile(rb'"method":"([^"]*)"\}')


def _close_segment(found: Range, index: int, seg_total: int, parts: _Parts, problem: Any) -> None:
    """Finish the current segment: its first and last invoice, count, total, VAT, payments."""
    seg = Segment(
        first_chain_seq=parts.seqs[0],
        last_chain_seq=parts.seqs[-1],
        first_number=parts.numbers[0].decode(),
        last_number=parts.numbers[-1].decode(),
        invoice_count=len(parts.seqs),
        total_cents=seg_total,
    )
    if not _add_parts(seg, parts.vat, parts.payments):
        # Not the shape this version writes (a field added later?): each part as JSON.
        for chain_seq, number, vat, payments in zip(
            parts.seqs, parts.numbers, parts.vat, parts.payments, strict=True
        ):
            if not vat and not payments:
                continue
            try:
                rows = json.loads(b"[" + vat + b"]")
                paid = json.loads(b"[" + payments + b"]")
                parts.parsed.append(
                    (
                        [
                            (str(r["rate_bp"]), r["base_cents"], r["vat_cents"], r["total_cents"])
                            for r in rows
                        ],
                        [(p["method"], p["amount_cents"]) for p in paid],
                    )
                )
            except (ValueError, KeyError, TypeError):
                problem(chain_seq, _columns_mismatch(number.decode()))
    for vat_rows, paid in parts.parsed:
        for rate, base, vat_cents, total in vat_rows:
            sums = seg.by_rate.setdefault(rate, [0, 0, 0])
            sums[0] += base
            sums[1] += vat_cents
            sums[2] += total
        for method, amount in paid:
            seg.by_method[method] = seg.by_method.get(method, 0) + amount
    found.segments[index] = seg


def _add_parts(seg: Segment, vat_parts: list[bytes], pay_parts: list[bytes]) -> bool:
    """Sum all the segment's VAT rows and payments at once; False if one is not as expected.

    The shape check makes this exactly a parse of the rows, in a few passes over the joined
    bytes instead of a pattern match per row.
    """
    vat_blob = b",".join(filter(None, vat_parts))
    pay_blob = b",".join(filter(None, pay_parts))
    rows = vat_blob.count(b"{")
    methods = _METHOD.findall(pay_blob)
    try:
        if vat_blob.translate(None, _DIGITS) != b",".join([_VAT_SHAPE] * rows):
            return False
        shapes = map(_PAYMENT_SHAPES.__getitem__, methods)
        if pay_blob.translate(None, _DIGITS) != b",".join(shapes):
            return False
        # The amounts, parsed by the JSON decoder in one call: [base, rate, total, VAT, …]
        # and [amount, change, given, …] (a payment leaves an empty field for its method).
        vat = json.loads(b"[%b]" % vat_blob.translate(None, _NOT_AMOUNTS)) if rows else []
        paid = pay_blob.translate(None, _NOT_AMOUNTS).replace(b",,", b",")[:-1]
        figures = json.loads(b"[%b]" % paid) if methods else []
        if len(vat) != 4 * rows or len(figures) != 3 * len(methods):
            return False
        amounts = figures[::3]
    except (KeyError, ValueError, TypeError):  # a payment method, an amount of another form
        return False
    bases, rates, vats, totals = vat[0::4], vat[1::4], vat[3::4], vat[2::4]
    for rate in set(rates):
        chosen = list(map(rate.__eq__, rates))
        seg.by_rate[str(rate)] = [
            sum(compress(bases, chosen)),
            sum(compress(vats, chosen)),
            sum(compress(totals, chosen)),
        ]
    for method in set(methods):
        chosen = list(map(method.__eq__, methods))
        seg.by_method[method.decode()] = sum(compress(amounts, chosen))
    return True


def _amounts_of(content: bytes) -> tuple[int, Amounts]:
    """Total, VAT rows and payments of a document whose columns disagree, parsed as JSON
    (nothing when they are not whole numbers where the app writes them)."""
    try:
        data = json.loads(content)
        total = data["totals"]["total_cents"]
        vat = [
            (str(r["rate_bp"]), r["base_cents"], r["vat_cents"], r["total_cents"])
            for r in data["vat"]
        ]
        paid = [(str(p["method"]), p["amount_cents"]) for p in data["payments"]]
    except (ValueError, KeyError, TypeError):
        return 0, ([], [])
    figures = [total] + [n for row in vat for n in row[1:]] + [amount for _, amount in paid]
    if not all(type(n) is int for n in figures):
        return 0, ([], [])
    return total, (vat, paid)
