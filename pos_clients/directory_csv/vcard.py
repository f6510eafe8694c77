"""vCard files (.vcf) into the directory: a phone's or a mail program's address book (D9).

Import: the file is cut into its cards (`BEGIN:VCARD` … `END:VCARD`, each read by vobject on
its own, so that one broken card is reported and the others go in), each card becomes a
record of the CSV import's columns, and the CSV import checks and writes them: the same
checks, the same report, all in one transaction. The report names the line of the file
where the card begins and the vCard property at fault (`EMAIL`, `TEL`, …). What the
directory has no field for is kept in the notes (a second email, a fax, a title such as
« Dr »), never dropped; properties it cannot use at all (`PHOTO`, `URL`, …) are listed as
ignored.

The export (`vcard_export`) writes what the directory holds beyond a vCard's fields
(loyalty card, account number, group, SIRET, VAT number, legal form, contact person, email
consent) in the `X-POS-…` properties named here, which this import reads back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import vobject
from vobject.base import ParseError

from pos_clients.customer_fields import CIVILITY_ALIASES
from pos_clients.directory_csv.format import COLUMNS, CsvTable, CsvUnreadableError, decode
from pos_clients.directory_csv.report import ImportReport, RowProblem
from pos_clients.i18n import Text

SUFFIXES = (".vcf", ".vcard")

# Our own properties, for what a vCard has no field for.
X_REFERENCE = "X-POS-REFERENCE"
X_ACCOUNT = "X-POS-ACCOUNT"
X_GROUP = "X-POS-GROUP"
X_SIRET = "X-POS-SIRET"
X_VAT = "X-POS-VAT"
X_LEGAL_FORM = "X-POS-LEGAL-FORM"
X_CONTACT = "X-POS-CONTACT"
X_EMAIL_CONSENT = "X-POS-EMAIL-CONSENT"
_OWN = {
    X_REFERENCE: "reference",
    X_ACCOUNT: "account_number",
    X_GROUP: "group",
    X_SIRET: "siret",
    X_VAT: "vat_number",
    X_LEGAL_FORM: "legal_form",
    X_CONTACT: "contact_name",
    X_EMAIL_CONSENT: "email_consent",
}

# The vCard property a column's value came from, for the report.
PROPERTY_OF = {
    "kind": "KIND",
    "civility": "N",
    "first_name": "N",
    "last_name": "N",
    "company_name": "ORG",
    "email": "EMAIL",
    "phone": "TEL",
    "mobile": "TEL",
    "address_line1": "ADR",
    "address_line2": "ADR",
    "postcode": "ADR",
    "city": "ADR",
    "country": "ADR",
    "notes": "NOTE",
    "birthday": "BDAY",
    **{column: name for name, column in _OWN.items()},
}
# Read, or of no use to the directory and not worth a word in the report.
_USED = {"N", "FN", "ORG", "KIND", "X-ABSHOWAS", "EMAIL", "TEL", "ADR", "BDAY", "NOTE", *_OWN}
_SILENT = {"VERSION", "PRODID", "REV", "UID", "CATEGORIES", "LABEL"}


def is_vcard(data: bytes) -> bool:
    """Whether the file's bytes are a vCard file (its first text is `BEGIN:VCARD`)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:11].upper() == b"BEGIN:VCARD"


# --- import -----------------------------------------------------------------------------


@dataclass
class VcardFile:
    """A vCard file read as the CSV import's table, and how to word its report."""

    table: CsvTable
    card_lines: dict[int, int]  # the table's line of a record → the line its card begins on
    unreadable: list[tuple[int, Text]] = field(default_factory=list)
    ignored: tuple[str, ...] = ()

    def report(self, report: ImportReport) -> ImportReport:
        """The CSV import's `report` of this table, told in the vCard file's terms."""
        problems = [
            replace(
                p,
                line=self.card_lines.get(p.line, p.line),
                header=PROPERTY_OF.get(p.column, p.column.upper()),
            )
            for p in report.problems
        ]
        problems += [RowProblem(line, "", "", text) for line, text in self.unreadable]
        problems.sort(key=lambda p: p.line)
        return replace(
            report,
            rows=report.rows + len(self.unreadable),
            problems=tuple(problems),
            ignored_columns=self.ignored,
            delimiter="",
            vcard=True,
        )


def read_vcards(
    data: bytes,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> VcardFile | None:
    """The cards of a vCard file as the CSV import's table; None when `cancel()` said so
    while they were read. `progress(cards read, cards in the file)` is called every
    PROGRESS_EVERY cards. Raises CsvUnreadableError."""
    text, encoding = decode(data)
    total = len(_BEGIN.findall(text))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    card_lines: dict[int, int] = {}
    unreadable: list[tuple[int, Text]] = []
    ignored: set[str] = set()
    line = 2  # the table's line of the next record (the header is line 1)
    cards = 0
    for start, lines, closed in _blocks(text):
        cards += 1
        if cards % PROGRESS_EVERY == 0:
            # Reading is most of a vCard import's time (vobject): it shows, and can stop.
            if cancel is not None and cancel():
                return None
            if progress is not None:
                progress(cards, max(total, cards))
        if not closed:
            unreadable.append((start, _NO_END))
            continue
        try:
            card = vobject.readOne("\r\n".join(lines) + "\r\n", allowQP=True)
        except (ParseError, ValueError, LookupError, TypeError) as exc:
            unreadable.append((start, _unreadable_card(exc, start, lines)))
            continue
        record, unused = _record(card)
        ignored |= unused
        row = io.StringIO()
        csv.writer(row, lineterminator="\n").writerow(record[c] for c in COLUMNS)
        serialized = row.getvalue()
        out.write(serialized)
        card_lines[line] = start
        line += serialized.count("\n")
    if not cards:
        raise CsvUnreadableError(
            Text(
                "Le fichier ne contient aucune fiche vCard (BEGIN:VCARD … END:VCARD).",
                "The file holds no vCard (BEGIN:VCARD … END:VCARD).",
            )
        )
    table = CsvTable(
        encoding=encoding,
        delimiter=",",
        headers=COLUMNS,
        columns={name: position for position, name in enumerate(COLUMNS)},
        ignored_headers=(),
        expected_rows=cards,
        text=out.getvalue(),
    )
    return VcardFile(table, card_lines, unreadable, tuple(sorted(ignored)))


_NO_END = Text(
    "Fiche vCard sans fin (END:VCARD manquant) : elle n'est pas importée.",
    "vCard with no end (END:VCARD missing): it is not imported.",
)


def _unreadable_card(exc: Exception, start: int, lines: list[str]) -> Text:
    """Why a card cannot be read: the line vobject stopped at, when it says which."""
    at = getattr(exc, "lineNumber", None)
    if isinstance(at, int) and 1 <= at <= len(lines):
        quoted = lines[at - 1].strip()[:60]
        line = start + at - 1
        return Text(
            f"Fiche vCard illisible : la ligne {line} (« {quoted} ») n'est pas une propriété "
            "vCard ; la fiche n'est pas importée.",
            f"Unreadable vCard: line {line} (“{quoted}”) is not a vCard property; "
            "the card is not imported.",
        )
    return Text(
        "Fiche vCard illisible : elle n'est pas importée.",
        "Unreadable vCard: it is not imported.",
    )


_LINE_END = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"^[ \t]*BEGIN:VCARD[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
PROGRESS_EVERY = 500


def _blocks(text: str) -> Iterator[tuple[int, list[str], bool]]:
    """(line where it begins, its lines, whether it ends) of each card of the file."""
    start = 0
    lines: list[str] = []
    # Lines end as an editor counts them (not at the other separators `splitlines` knows,
    # which a note may hold).
    for number, line in enumerate(_LINE_END.split(text), start=1):
        key = line.strip().upper()
        if key == "BEGIN:VCARD":
            if lines:  # the card before has no end: this one starts all the same
                yield start, lines, False
            start, lines = number, [line]
        elif lines:
            lines.append(line)
            if key == "END:VCARD":
                yield start, lines, True
                lines = []
    if lines:
        yield start, lines, False


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name.lower(), []))


def _types(prop: Any) -> set[str]:
    """The TYPE of a property, however the vCard version writes it (`TYPE=cell,voice`,
    `TYPE=CELL;TYPE=PREF`, vCard 2.1's bare `CELL`)."""
    found = {t for value in prop.params.get("TYPE", []) for t in str(value).split(",")}
    found |= set(getattr(prop, "singletonparams", []))
    return {t.strip().lower() for t in found if t.strip()}


def _preferred(props: list[Any]) -> list[Any]:
    """`props` with the one marked `pref` (or PREF=1) first."""

    def rank(prop: Any) -> int:
        return 0 if "pref" in _types(prop) or prop.params.get("PREF") else 1

    return sorted(props, key=rank)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value if str(v).strip())
    return " ".join(str(value or "").split())


def _record(card: Any) -> tuple[dict[str, str], set[str]]:
    """The CSV import's columns of a card, and the properties it had that were not used."""
    record = dict.fromkeys(COLUMNS, "")
    notes: list[str] = []
    for prop in _values(card, "x-abshowas"):  # Apple's mark of a company card
        if _text(prop.value).upper() == "COMPANY":
            record["kind"] = "company"
    for prop in _values(card, "kind"):  # vCard 4
        if _text(prop.value).lower() in ("org", "organization"):
            record["kind"] = "company"
    names = _values(card, "n")
    if names:
        name = names[0].value
        if isinstance(name, str):  # an N with no `;` in it: the family name alone
            name = vobject.vcard.Name(family=name)
        record["last_name"] = _text(getattr(name, "family", ""))
        record["first_name"] = _text(getattr(name, "given", ""))
        prefix = _text(getattr(name, "prefix", ""))
        civility = CIVILITY_ALIASES.get(prefix.lower())
        if civility:
            record["civility"] = civility
        elif prefix:
            notes.append(f"Titre : {prefix}")
    organisations = _values(card, "org")
    if organisations:
        record["company_name"] = _text(organisations[0].value)
    formatted = _text(_values(card, "fn")[0].value) if _values(card, "fn") else ""
    if record["kind"] == "company" or (
        record["company_name"] and not (record["last_name"] or record["first_name"])
    ):
        record["kind"] = "company"
        record["company_name"] = record["company_name"] or formatted
        person = " ".join(p for p in (record["first_name"], record["last_name"]) if p)
        if person and person != record["company_name"]:
            record["contact_name"] = person
        record["first_name"] = record["last_name"] = record["civility"] = ""
    else:
        record["kind"] = "person"
        if record["company_name"]:
            notes.append(f"Société : {record['company_name']}")
            record["company_name"] = ""
        if not record["last_name"]:
            # A card with a formatted name only (or a first name only): kept whole.
            record["last_name"] = formatted or record["first_name"]
            if record["last_name"] == record["first_name"]:
                record["first_name"] = ""
    emails = [_text(p.value) for p in _preferred(_values(card, "email")) if _text(p.value)]
    if emails:
        record["email"] = emails[0]
        if emails[1:]:
            notes.append("Autres e-mails : " + ", ".join(emails[1:]))
    _phones(card, record, notes)
    _address(card, record, notes)
    for prop in _values(card, "bday"):
        born = _birthday(_text(prop.value))
        if born is None:
            record["birthday"] = _text(prop.value)  # the import says what is wrong with it
        elif isinstance(born, date):
            record["birthday"] = born.isoformat()
        else:
            notes.append(f"Anniversaire : {born}")
        break
    for prop_name, column in _OWN.items():
        props = _values(card, prop_name)
        if props:
            record[column] = _text(props[0].value)
    written = [str(p.value).strip() for p in _values(card, "note") if str(p.value).strip()]
    record["notes"] = "\n".join([*written, *notes])
    unused = {
        key.upper()
        for key in card.contents
        if key.upper() not in _USED and key.upper() not in _SILENT
    }
    return record, unused


def _phones(card: Any, record: dict[str, str], notes: list[str]) -> None:
    mobiles: list[str] = []
    others: list[str] = []
    faxes: list[str] = []
    for prop in _preferred(_values(card, "tel")):
        number = _text(prop.value)
        if number.lower().startswith("tel:"):
            number = number[4:]
        if not number:
            continue
        types = _types(prop)
        if "fax" in types:
            faxes.append(number)
        elif "cell" in types or "mobile" in types:
            mobiles.append(number)
        else:
            others.append(number)
    if mobiles:
        record["mobile"] = mobiles.pop(0)
    if others:
        record["phone"] = others.pop(0)
    if mobiles or others:
        notes.append("Autres téléphones : " + ", ".join(mobiles + others))
    if faxes:
        notes.append("Fax : " + ", ".join(faxes))


def _address(card: Any, record: dict[str, str], notes: list[str]) -> None:
    addresses = _preferred(_values(card, "adr"))
    if not addresses:
        return
    address = addresses[0].value
    street = getattr(address, "street", "")
    lines = (
        "\n".join(str(v) for v in street) if isinstance(street, list) else str(street or "")
    ).split("\n")
    # The first line stays the first (empty when only the second is given, as exported).
    rest = [" ".join(line.split()) for line in lines[1:] if line.strip()]
    extended = _text(getattr(address, "extended", ""))
    if extended:
        rest.append(extended)
    box = _text(getattr(address, "box", ""))
    if box:
        rest.append(f"BP {box}" if box.isdigit() else box)
    record["address_line1"] = " ".join(lines[0].split())
    record["address_line2"] = ", ".join(rest)
    record["postcode"] = _text(getattr(address, "code", ""))
    record["city"] = _text(getattr(address, "city", ""))
    record["country"] = _text(getattr(address, "country", ""))
    if len(addresses) > 1:
        notes.append(f"Autres adresses : {len(addresses) - 1}")


_BDAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?")
_BDAY_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")


def _birthday(text: str) -> date | str | None:
    """A BDAY as a date, as « 17/05 » when it has no year, None when unreadable."""
    found = _BDAY.fullmatch(text)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return None
    found = _BDAY_NO_YEAR.fullmatch(text)
    if found:
        return f"{found[2]}/{found[1]}"
    return None
