"""Exporting the directory (or a search result, or a group) to a CSV file that re-imports as is,
or to a vCard file (`.vcf`: `vcard_export.card_text`).

English headers with `,` by default; `french=True` writes the French UI's headers with `;`
and a UTF-8 BOM, as a French spreadsheet expects. Phones are written as the cashier reads
them (national format in the customer's own country, international otherwise), dates as
ISO 8601. The file is written beside its destination and renamed at the end, so a cancelled
or failed export leaves no half-written file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import Select, and_, select

from pos_clients.customer_fields import format_phone
from pos_clients.data.customer_search import where_matching
from pos_clients.data.database import Database
from pos_clients.data.tables import consent_table, customer_table, group_table
from pos_clients.directory_csv import vcard, vcard_export
from pos_clients.directory_csv.format import COLUMNS, FRENCH_HEADERS
from pos_clients.i18n import current_language

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
BATCH_ROWS = 2000
C = customer_table.c


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    count: int  # customers written (0 when cancelled: then no file is left)
    cancelled: bool = False


def _phone(e164: str | None, country: str) -> str:
    if not e164:
        return ""
    if country == "FR" and e164.startswith("+33"):
        return format_phone(e164)  # a French number at home (its fast path)
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == (country or "FR"):
        return format_phone(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _statement(query: str | None, group_id: int | None, dialect: str) -> Select[Any]:
    consent = consent_table.alias("email_consent")
    stmt: Select[Any] = select(
        C.kind,
        C.civility,
        C.first_name,
        C.last_name,
        C.company_name,
        C.legal_form,
        C.siret,
        C.vat_number,
        C.contact_name,
        C.email,
        C.phone,
        C.mobile,
        C.address_line1,
        C.address_line2,
        C.postcode,
        C.city,
        C.country,
        C.reference,
        C.account_number,
        group_table.c.name,
        C.notes,
        C.birthday,
        consent.c.granted,
    ).select_from(
        customer_table.outerjoin(group_table, group_table.c.id == C.group_id).outerjoin(
            consent, and_(consent.c.customer_id == C.id, consent.c.channel == "email")
        )
    )
    if query:
        stmt = where_matching(stmt, query, dialect)
    if group_id is not None:
        stmt = stmt.where(C.group_id == group_id)
    return stmt.order_by(C.sort_key, C.id)


def _record(row: Any, yes: str, no: str) -> list[str]:
    values = list(row)
    country = values[16] or "FR"
    values[9] = values[9] or ""
    values[10] = _phone(values[10], country)
    values[11] = _phone(values[11], country)
    values[17] = values[17] or ""
    values[18] = values[18] or ""
    values[19] = values[19] or ""
    values[21] = values[21].isoformat() if values[21] else ""
    values[22] = "" if values[22] is None else (yes if values[22] else no)
    return [str(v) for v in values]


def export_customers(
    db: Database,
    path: str | Path,
    query: str | None = None,
    group_id: int | None = None,
    *,
    french: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportReport:
    """Write the customers (all, those matching `query`, those of a group) to `path`, by name.

    `progress(done, total)` is called every few thousand customers; when `cancel()` returns
    True the export stops and no file is left. Raises OSError when the file cannot be written.
    """
    path = Path(path)
    as_vcards = path.suffix.lower() in vcard.SUFFIXES
    headers = [FRENCH_HEADERS[c] for c in COLUMNS] if french else list(COLUMNS)
    yes, no = ("oui", "non") if french else ("yes", "no")
    language = current_language()
    count = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent or ".")
    try:
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; an export is a normal file
        bom = french and not as_vcards
        with (
            os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out,
            db.reader() as uow,
        ):
            writer = csv.writer(out, delimiter=";" if french else ",")
            if not as_vcards:
                writer.writerow(headers)
            total = -1
            if progress is not None:
                from pos_clients.data.customer_search import count as count_matching

                total = count_matching(uow, query or "", cap=10**9, group_id=group_id)
            result = uow.session.execute(
                _statement(query, group_id, uow.dialect),
                execution_options={"yield_per": BATCH_ROWS},
            )
            for batch in result.partitions(BATCH_ROWS):
                if cancel is not None and cancel():
                    raise _Cancelled
                if as_vcards:
                    out.write("".join(vcard_export.card_text(row, language) for row in batch))
                else:
                    writer.writerows(_record(row, yes, no) for row in batch)
                count += len(batch)
                if progress is not None:
                    progress(count, max(total, count))
        os.replace(tmp_name, path)
    except _Cancelled:
        os.unlink(tmp_name)
        return ExportReport(path, 0, cancelled=True)
    except BaseException:
        os.unlink(tmp_name)
        raise
    return ExportReport(path, count)


class _Cancelled(Exception):
    pass
