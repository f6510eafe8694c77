"""Checking the records of a CSV import, without the database (runs in worker processes).

`check_record` turns a record into what the importing process needs: its problems so far,
its group's name (resolved against the directory by the caller), its email consent, and,
when every field is right, the column values to store (sort key, search text and name rank
included) in `ROW_COLUMNS` order. `check_chunk` does it for a chunk of records and hands the
valid ones back as text; `check_piece` first reads the records of a piece of the file's
text. They are pure functions of their arguments, so a worker process can read and check a
piece while the importing process writes the previous one.

A record that is plainly valid (no stray space or control character anywhere, every field of
a usual form) takes `_plain_values`, which gives exactly what `customers.clean` and
`customers.stored_values` give (a property test checks it) at a fraction of the cost; any
other record takes the full checks, which name every wrong field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from pos_clients import customer_fields as cf
from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data.search_index import RANK_CHARS, key_rank, phone_words
from pos_clients.directory_csv.format import (
    COLUMNS,
    Piece,
    blank,
    piece_records,
    regular_quotes,
)
from pos_clients.errors import ValidationError
from pos_clients.folding import fold, word_tuple
from pos_clients.i18n import Text

_YES = {"oui", "o", "yes", "y", "1", "true", "vrai", "x"}
_NO = {"non", "n", "no", "0", "false", "faux"}

# The values of a valid record, in this order; the importing process adds the group's id and
# the time stamps. `birthday` (a date or None) comes last, for the engine's conversion.
ROW_COLUMNS = (
    # The file's columns the customer table stores as they are…
    *(c for c in COLUMNS if c not in ("group", "birthday", "email_consent")),
    # …and what is derived from them.
    "sort_key",
    "search_text",
    "birthday",
)
_ROW_VALUES = itemgetter(*ROW_COLUMNS)

Problem = tuple[str, Text]  # (field, reason)
Row = tuple[Any, ...]
_Pick = Callable[[list[str]], tuple[str, ...]]  # the fields of a record, in `COLUMNS` order


class CheckedRecord(NamedTuple):
    """One record of the file after the checks that need no database."""

    line: int
    width_problem: Text | None  # too many columns: the whole record is refused
    group: str  # the group's name as written (spaces collapsed), "" for none
    consent_problem: Text | None
    consents: dict[str, bool]
    problems: tuple[Problem, ...]  # from `customers.clean`
    values: Row | None  # in `ROW_COLUMNS` order; None if refused
    reference: str | None
    key_rank: int  # `search_index.key_rank` of the sort key (0 if refused)


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
    if len(record) == width:
        fields = _plain_fields(_picker(tuple(columns.items()), width), record, date.today())
        if fields is not None:
            return _decoded(line, fields)
    return _checked_fully(columns, width, line, record)


def _checked_fully(
    columns: dict[str, int], width: int, line: int, record: list[str]
) -> CheckedRecord:
    """`check_record` by the form's own checks, naming every wrong field."""
    if len(record) > width and any(v.strip() for v in record[width:]):
        problem = Text(
            f"La ligne a {len(record)} colonnes alors que l'en-tête en a "
            f"{width} (séparateur ou guillemet en trop ?).",
            f"The line has {len(record)} columns while the header has "
            f"{width} (stray delimiter or quote?).",
        )
        return CheckedRecord(line, problem, "", None, {}, (), None, None, 0)
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
        return CheckedRecord(line, None, group, consent_problem, consents, problems, None, None, 0)
    stored = customers.stored_values(data)
    rank = key_rank(str(stored["sort_key"]))
    return CheckedRecord(
        line, None, group, consent_problem, consents, (), _ROW_VALUES(stored), data.reference, rank
    )


# --- chunks, as the worker processes hand them back -----------------------------------------

# A valid record travels as one line of text (unpickling the same values as Python objects
# cost the importing process more than inserting them): its fields joined by FIELD_SEP, None
# written "" (no nullable column ever stores ""), the birthday in ISO form. The fields are
# the group's name, the line, the email consent ("1", "0" or ""), then `ROW_COLUMNS`.
FIELD_SEP = "\x1f"
ROW_SEP = "\x1e"
BLOB_FIELDS = ("group", "line", "email_consent", *ROW_COLUMNS)
_BLOB_SEPS = len(BLOB_FIELDS) - 1
NULLABLE = ("email", "phone", "mobile", "reference", "account_number", "birthday")


class CheckedChunk(NamedTuple):
    """A chunk of the file, checked: its valid records as text (`FIELD_SEP`, `ROW_SEP`) in
    file order, every other record as a CheckedRecord, and the `key_rank` of the sort key
    beginnings (`search_index.RANK_CHARS` characters) of the valid records."""

    valid: str
    others: list[CheckedRecord]
    key_ranks: dict[str, int]


def check_chunk(
    columns: dict[str, int], width: int, chunk: list[tuple[int, list[str]]]
) -> CheckedChunk:
    """Check each (line, record) of `chunk` as `check_record` does."""
    pick = _picker(tuple(columns.items()), width)
    today = date.today()
    valid: list[str] = []
    others: list[CheckedRecord] = []
    beginnings: set[str] = set()
    for line, record in chunk:
        fields = _plain_fields(pick, record, today) if len(record) == width else None
        if fields is not None:
            fields[1] = str(line)
            text = FIELD_SEP.join(fields)
            if text.count(FIELD_SEP) == _BLOB_SEPS and ROW_SEP not in text:
                valid.append(text)
                beginnings.add(fields[_SORT_KEY][:RANK_CHARS])
                continue
        checked = _checked_fully(columns, width, line, record)
        if checked.values is None or checked.problems or checked.consent_problem:
            others.append(checked)
            continue
        fields = encoded(checked)
        text = FIELD_SEP.join(fields)
        if text.count(FIELD_SEP) == _BLOB_SEPS and ROW_SEP not in text:
            valid.append(text)
            beginnings.add(fields[_SORT_KEY][:RANK_CHARS])
        else:
            others.append(checked)
    ranks = {beginning: _key_rank(beginning) for beginning in beginnings}
    return CheckedChunk(ROW_SEP.join(valid), others, ranks)


def check_piece(
    columns: dict[str, int], width: int, delimiter: str, piece: Piece
) -> CheckedChunk | None:
    """`check_chunk` of the non-blank records of a piece of the file's text, or None when its
    quotes are not regular (then the piece may not start or end at a record boundary)."""
    if not regular_quotes(piece.text, delimiter):
        return None
    records = [item for item in piece_records(piece, delimiter) if not blank(item[1])]
    return check_chunk(columns, width, records)


def check_records(
    columns: dict[str, int], width: int, chunk: list[tuple[int, list[str]]]
) -> list[CheckedRecord]:
    """`check_record` for each (line, record) of `chunk`, in order."""
    return [check_record(columns, width, line, record) for line, record in chunk]


_SORT_KEY = BLOB_FIELDS.index("sort_key")
_REFERENCE = ROW_COLUMNS.index("reference")
_NULLABLE_AT = tuple(BLOB_FIELDS.index(name) - 3 for name in NULLABLE)


def encoded(checked: CheckedRecord) -> list[str]:
    """The BLOB_FIELDS of a valid CheckedRecord."""
    assert checked.values is not None
    consent = checked.consents.get("email")
    values = list(checked.values)
    born = values[-1]
    values[-1] = born.isoformat() if born is not None else ""
    return [
        checked.group,
        str(checked.line),
        "" if consent is None else "1" if consent else "0",
        *("" if v is None else v for v in values),
    ]


def decoded_values(fields: list[str]) -> Row:
    """The `ROW_COLUMNS` values of a valid record's fields (BLOB_FIELDS), as Python values."""
    values: list[Any] = fields[3:]
    for at in _NULLABLE_AT:
        if values[at] == "":
            values[at] = None
    if values[-1] is not None:
        values[-1] = date.fromisoformat(values[-1])
    return tuple(values)


def _decoded(line: int, fields: list[str]) -> CheckedRecord:
    values = decoded_values(fields)
    consent = fields[2]
    consents = {"email": consent == "1"} if consent else {}
    rank = _key_rank(fields[_SORT_KEY][:RANK_CHARS])
    reference = values[_REFERENCE]
    return CheckedRecord(line, None, fields[0], None, consents, (), values, reference, rank)


# --- the plain record's fast path -----------------------------------------------------------

_CONSENT_WORDS = {
    spelling: "1" if granted else "0"
    for words, granted in ((_YES, True), (_NO, False))
    for word in words
    for spelling in (word, word.upper(), word.capitalize())
}


@lru_cache(maxsize=8)
def _picker(columns: tuple[tuple[str, int], ...], width: int) -> _Pick:
    """Picks the 23 fields of `COLUMNS` from a record of `width` fields plus one empty field
    (where every column missing from the file is read)."""
    positions = dict(columns)
    return itemgetter(*(positions.get(name, width) for name in COLUMNS))


def _plain_fields(pick: _Pick, record: list[str], today: date) -> list[str] | None:
    """The BLOB_FIELDS of a plainly valid record of the header's width (line left ""), else
    None: then `_checked_fully` decides. `today` bounds the birthday."""
    # `str.isprintable()` is False for every control character and for everything that
    # `str.split()` and `str.strip()` treat as white space but the space (a test checks it):
    # fields joined by "|" that are printable, with no double space and no space next to a
    # "|" or at either end, are fields that trimming and collapsing leave as they are.
    joined = "|".join(record)
    if (
        not joined.isprintable()
        or "  " in joined
        or " |" in joined
        or "| " in joined
        or joined[:1] == " "
        or joined[-1:] == " "
    ):
        return None
    record.append("")  # the value of every column the file lacks
    try:
        fields = pick(record)
    finally:
        record.pop()
    try:
        return _plain_values(fields, today)
    except cf.FieldError:
        return None


def _plain_values(fields: tuple[str, ...], today: date) -> list[str] | None:
    (
        kind,
        civility,
        first_name,
        last_name,
        company_name,
        legal_form,
        siret,
        vat_number,
        contact_name,
        email,
        phone,
        mobile,
        address_line1,
        address_line2,
        postcode,
        city,
        country,
        reference,
        account_number,
        group,
        notes,
        birthday,
        consent,
    ) = fields
    if kind:
        kind = cf.KIND_ALIASES.get(kind.lower(), "")
        if not kind:
            return None
    else:
        kind = "company" if company_name and not last_name else "person"
    company = kind == "company"
    if not (company_name if company else last_name):
        return None
    limit = cf.MAX_TEXT
    if max(map(len, fields)) > 50 and (  # else every field is short enough
        len(first_name) > limit
        or len(last_name) > limit
        or len(company_name) > limit
        or len(contact_name) > limit
        or len(address_line1) > limit
        or len(address_line2) > limit
        or len(city) > limit
        or len(legal_form) > 50
        or len(notes) > cf.MAX_NOTES
    ):
        return None
    if company:
        if civility:
            return None
        siret = cf.clean_siret(siret) if siret else ""
        vat_number = cf.clean_vat_number(vat_number) if vat_number else ""
    else:
        civility = cf.CIVILITY_ALIASES.get(civility.lower(), "?")
        if civility == "?":
            return None
        legal_form = siret = vat_number = ""
    if consent:
        consent = _CONSENT_WORDS.get(consent, "?")
        if consent == "?":
            return None
    country = "FR" if country in ("", "FR") else cf.clean_country(country)
    email_value = (cf.clean_email(email) or "") if email else ""
    phone_value = (cf.clean_phone(phone, country) or "") if phone else ""
    mobile_value = (cf.clean_phone(mobile, country) or "") if mobile else ""
    postcode = _postcode(postcode, country) if postcode else ""
    reference_value = (cf.clean_reference(reference) or "") if reference else ""
    account = (cf.clean_account_number(account_number) or "") if account_number else ""
    born = _birthday(birthday, today) if birthday else ""
    name = (
        company_name
        if company
        else (f"{last_name} {first_name}" if first_name and last_name else last_name)
    )
    found = [
        *word_tuple(last_name),
        *word_tuple(first_name),
        *word_tuple(company_name),
        *word_tuple(contact_name),
        *word_tuple(postcode),
        *word_tuple(city),
    ]
    if email_value:
        found += _once_words(email_value)
    if phone_value:
        found += phone_words(phone_value)
    if mobile_value:
        found += phone_words(mobile_value)
    if reference_value:
        found += _once_words(reference_value)
    unique = dict.fromkeys(found)
    return [
        group,
        "",
        consent,
        kind,
        civility,
        first_name,
        last_name,
        company_name,
        legal_form,
        siret,
        vat_number,
        contact_name,
        email_value,
        phone_value,
        mobile_value,
        address_line1,
        address_line2,
        postcode,
        city,
        country,
        reference_value,
        account,
        notes,
        " ".join(_once_fold(name).split())[:300],  # sort_key
        " " + " ".join(unique) if unique else "",  # search_text, as `build_search_text`
        born,
    ]


_key_rank = lru_cache(maxsize=65_536)(key_rank)
# Postcodes (about 40,000 in France) and birthdays (36,525 days in a century) repeat.
_postcode = lru_cache(maxsize=65_536)(cf.clean_postcode)


@lru_cache(maxsize=65_536)
def _birthday(text: str, today: date) -> str:
    """`customer_fields.clean_birthday(text, today)` as stored (ISO), remembered."""
    born = cf.clean_birthday(text, today)
    return born.isoformat() if born is not None else ""


_ASCII_WORD = re.compile(r"[0-9a-z]+")


def _once_fold(text: str) -> str:
    """`fold(text)` for text met about once (a full name): not remembered, so that it does not
    push the names and cities that repeat out of `fold`'s cache."""
    return text.lower() if text.isascii() else fold(text)


def _once_words(text: str) -> list[str]:
    """`word_tuple(text)` for text met about once (an email, a card), likewise."""
    return _ASCII_WORD.findall(text.lower()) if text.isascii() else list(word_tuple(text))
