"""Checking the records of a CSV import, without the database (runs in worker processes).

`check_records` turns a chunk of records into what the importing process needs: for each
record its problems so far, its group's name (resolved against the directory by the caller),
its email consent, and, when every field is right, the column values to store (sort key and
search text included). It is a pure function of its arguments, so a chunk can be checked in
another process while the importing process writes the previous one.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.errors import ValidationError
from pos_clients.folding import fold
from pos_clients.i18n import Text

_YES = {"oui", "o", "yes", "y", "1", "true", "vrai", "x"}
_NO = {"non", "n", "no", "0", "false", "faux"}

Problem = tuple[str, Text]  # (field, reason)


class CheckedRecord(NamedTuple):
    """One record of the file after the checks that need no database."""

    line: int
    width_problem: Text | None  # too many columns: the whole record is refused
    group: str  # the group's name as written (spaces collapsed), "" for none
    consent_problem: Text | None
    consents: dict[str, bool]
    problems: tuple[Problem, ...]  # from `customers.clean`
    values: dict[str, Any] | None  # `customers.stored_values`, group_id aside; None if refused
    reference: str | None


def _consent(value: str) -> tuple[Text | None, dict[str, bool]]:
    folded = fold(value.strip())
    if not folded:
        return None, {}
    if folded in _YES:
        return None, {"email": True}
    if folded in _NO:
        return None, {"email": False}
    return (
        Text(
            f"Consentement e-mail : « oui » ou « non », pas « {value.strip()[:20]} ».",
            f"Email consent: “yes” or “no”, not “{value.strip()[:20]}”.",
        ),
        {},
    )


def check_record(
    columns: dict[str, int], width: int, line: int, record: list[str]
) -> CheckedRecord:
    """Check one record of a file whose header has `width` columns mapped by `columns`."""
    if len(record) > width and any(v.strip() for v in record[width:]):
        problem = Text(
            f"La ligne a {len(record)} colonnes alors que l'en-tête en a "
            f"{width} (séparateur ou guillemet en trop ?).",
            f"The line has {len(record)} columns while the header has "
            f"{width} (stray delimiter or quote?).",
        )
        return CheckedRecord(line, problem, "", None, {}, (), None, None)
    size = len(record)
    values = {name: record[pos] if pos < size else "" for name, pos in columns.items()}
    kind = values.pop("kind", "").strip()
    if not kind:
        has_company = values.get("company_name", "").strip()
        kind = "company" if has_company and not values.get("last_name", "").strip() else "person"
    group = " ".join(values.pop("group", "").split())
    consent_problem, consents = _consent(values.pop("email_consent", ""))
    draft = CustomerDraft(
        kind=kind, group_id=None, consents=consents, consent_source="import", **values
    )
    try:
        data = customers.clean(draft)
    except ValidationError as exc:
        problems = tuple(
            ("group" if name == "group_id" else name, text) for name, text in exc.fields.items()
        )
        return CheckedRecord(line, None, group, consent_problem, consents, problems, None, None)
    stored = customers.stored_values(data)
    return CheckedRecord(line, None, group, consent_problem, consents, (), stored, data.reference)


def check_records(
    columns: dict[str, int], width: int, chunk: list[tuple[int, list[str]]]
) -> list[CheckedRecord]:
    """`check_record` for each (line, record) of `chunk`, in order."""
    return [check_record(columns, width, line, record) for line, record in chunk]
