"""The directory's CSV format: its columns, their French headers, and how a file is decoded.

A file's first line names its columns, in English (`last_name`) or as the French UI names
them (`Nom`); case, accents and punctuation of a header do not matter. The delimiter (`,`,
`;` or tab) is the one the header line uses most; the encoding is UTF-8 (with or without
BOM), UTF-16 with BOM, else Windows-1252.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pos_clients.errors import PosError
from pos_clients.folding import words
from pos_clients.i18n import Text

COLUMNS = (
    "kind",
    "civility",
    "first_name",
    "last_name",
    "company_name",
    "legal_form",
    "siret",
    "vat_number",
    "contact_name",
    "email",
    "phone",
    "mobile",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "reference",
    "account_number",
    "group",
    "notes",
    "birthday",
    "email_consent",
)

# The header of each column as the French UI names the field (used by a French export).
FRENCH_HEADERS = {
    "kind": "Type",
    "civility": "Civilité",
    "first_name": "Prénom",
    "last_name": "Nom",
    "company_name": "Raison sociale",
    "legal_form": "Forme juridique",
    "siret": "SIRET",
    "vat_number": "N° TVA intracommunautaire",
    "contact_name": "Contact",
    "email": "E-mail",
    "phone": "Téléphone",
    "mobile": "Mobile",
    "address_line1": "Adresse",
    "address_line2": "Complément d'adresse",
    "postcode": "Code postal",
    "city": "Ville",
    "country": "Pays",
    "reference": "Référence",
    "account_number": "N° de compte",
    "group": "Groupe",
    "notes": "Notes",
    "birthday": "Date de naissance",
    "email_consent": "Consentement e-mail",
}

# Other headers met in files exported by spreadsheets and other tills.
_ALIASES = {
    "kind": ("Type de client", "Personne"),
    "first_name": ("Prenom",),
    "last_name": ("Nom de famille",),
    "company_name": ("Société", "Entreprise", "Company"),
    "siret": ("SIREN", "SIRET/SIREN"),
    "vat_number": ("N° TVA", "Numéro de TVA", "TVA intracommunautaire", "VAT"),
    "contact_name": ("Personne de contact", "Contact name"),
    "email": ("Email", "Courriel", "Adresse e-mail", "Mail"),
    "phone": ("Tél", "Tel", "Téléphone fixe", "Phone number"),
    "mobile": ("Portable", "Téléphone mobile", "Tél. mobile", "GSM"),
    "address_line1": ("Adresse 1", "Adresse ligne 1", "Address"),
    "address_line2": ("Adresse 2", "Adresse ligne 2"),
    "postcode": ("CP", "Code postal", "Zip", "Postal code"),
    "country": ("Country",),
    "reference": ("Réf", "Référence client", "Carte de fidélité", "Code carte"),
    "account_number": ("Numéro de compte", "Compte", "Compte comptable"),
    "group": ("Groupe client", "Customer group"),
    "birthday": ("Anniversaire", "Date d'anniversaire", "Date of birth"),
    "email_consent": ("Consentement email", "Accepte les e-mails", "Newsletter"),
}


def header_key(header: str) -> str:
    """What identifies a header: its folded words (`N° de compte` → `n de compte`)."""
    return " ".join(words(header))


_HEADER_KEYS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column, FRENCH_HEADERS[_column], *_ALIASES.get(_column, ())):
        _HEADER_KEYS.setdefault(header_key(_name), _column)


class CsvUnreadableError(PosError):
    """The file cannot be read as a customer CSV at all (missing, empty, no known header)."""


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A decoded CSV file: which column of the file holds which field, and its records."""

    encoding: str
    delimiter: str
    headers: tuple[str, ...]  # as written in the file
    columns: dict[str, int]  # field → position in the record
    ignored_headers: tuple[str, ...]
    expected_rows: int  # an estimate (physical lines), for progress
    text: str

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line where the record starts, its fields), after the header."""
        reader = csv.reader(_lines(self.text), delimiter=self.delimiter, strict=False)
        next(reader, None)
        last_line = reader.line_num
        for record in reader:
            yield last_line + 1, record
            last_line = reader.line_num

    def pieces(self, lines: int) -> Iterator[Piece]:
        """The text after the header in pieces of about `lines` lines, each cut at the end of
        a line where the quotes so far are even: a record boundary if the piece's quotes are
        regular (`regular_quotes`), which whoever reads the piece checks."""
        reader = csv.reader(_lines(self.text), delimiter=self.delimiter, strict=False)
        next(reader, None)
        text, start, line = self.text, 0, reader.line_num
        for _ in range(line):  # past the header's lines
            start = text.find("\n", start) + 1
            if start == 0:
                return
        size = len(text)
        width = 100  # characters per line, as last seen
        while start < size:
            end = _after_lines(text, start, lines, min(size, start + width * lines))
            while text.count('"', start, end) % 2 and end < size:
                end = text.find("\n", end) + 1 or size
            yield Piece(line, text[start:end], start)
            seen = text.count("\n", start, end)
            line += seen
            width = max(1, (end - start) // max(seen, 1))
            start = end


def _after_lines(text: str, start: int, lines: int, guess: int) -> int:
    """Where the `lines`-th line from `start` ends (the end of the text if sooner); `guess`
    (about there, at most the text's length) saves looking for every line end in Python."""
    guess = text.rfind("\n", start, guess) + 1 or start
    seen = text.count("\n", start, guess)
    while seen > lines:
        guess = text.rfind("\n", start, guess - 1) + 1
        seen -= 1
    while seen < lines:
        found = text.find("\n", guess) + 1
        if found == 0:
            return len(text)
        guess, seen = found, seen + 1
    return guess


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a file's text starting at a record boundary (see `CsvTable.pieces`)."""

    lines_before: int  # lines of the file before the piece (the header's included)
    text: str
    offset: int  # where the piece starts in the file's text


_QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*"')


def regular_quotes(text: str, delimiter: str) -> bool:
    """Whether every quote of `text` (starting at a record boundary) is part of a quoted field
    that starts and ends at field boundaries: then the quotes before a line end are even
    exactly when the line end is a record's, as `CsvTable.pieces` assumes."""
    if '"' not in text:
        return True
    quotes, size, ends = 0, len(text), (delimiter, "\n", "\r")
    for match in _QUOTED_FIELD.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1] not in (delimiter, "\n"):
            return False
        if end < size and (
            text[end] not in ends or (text[end] == "\r" and text[end + 1 : end + 2] != "\n")
        ):
            return False
        quotes += match.group().count('"')
    return quotes == text.count('"')


def blank(record: list[str]) -> bool:
    """Whether a record holds nothing but white space (skipped, not counted)."""
    return not "".join(record).strip()


def piece_records(piece: Piece, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """`CsvTable.records` of a piece: (line where the record starts, its fields)."""
    reader = csv.reader(io.StringIO(piece.text), delimiter=delimiter, strict=False)
    last_line = 0
    for record in reader:
        yield piece.lines_before + last_line + 1, record
        last_line = reader.line_num


def _unreadable(fr: str, en: str) -> CsvUnreadableError:
    return CsvUnreadableError(Text(fr, en))


def read_bytes(source: str | Path | BinaryIO) -> bytes:
    """The file's bytes. Raises CsvUnreadableError."""
    if isinstance(source, str | Path):
        try:
            return Path(source).read_bytes()
        except FileNotFoundError:
            raise _unreadable(
                f"Fichier introuvable : {source}", f"File not found: {source}"
            ) from None
        except OSError as exc:
            raise _unreadable(
                f"Impossible de lire le fichier {source} : {exc.strerror or exc}",
                f"Cannot read the file {source}: {exc.strerror or exc}",
            ) from None
    return source.read()


# Large files are decoded and scanned a slice at a time: one call over all of a 30 MB file
# holds Python's lock for 25 to 110 ms, during which the window (the import runs on one of
# its threads) cannot repaint; between slices it may.
_SLICE = 1 << 20


def _decoded(data: bytes, encoding: str, start: int = 0) -> str:
    """`data[start:].decode(encoding)`, a slice at a time (raises UnicodeDecodeError)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    parts = [decoder.decode(view[at : at + _SLICE]) for at in range(start, len(data), _SLICE)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _count_lines(data: bytes) -> int:
    return sum(data.count(b"\n", at, at + _SLICE) for at in range(0, len(data), _SLICE))


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the name of its encoding. Raises CsvUnreadableError."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return _decoded(data, "utf-8", len(codecs.BOM_UTF8)), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return _decoded(data, "utf-16"), "utf-16"
    except UnicodeDecodeError:
        raise _unreadable(
            "Le fichier annonce un encodage Unicode mais son contenu ne le respecte pas.",
            "The file announces a Unicode encoding but its content does not follow it.",
        ) from None
    try:
        return _decoded(data, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _decoded(data, "cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return _decoded(data, "latin-1"), "iso-8859-1"


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` (with their ends), cut as they are asked for."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(source: str | Path | BinaryIO) -> CsvTable:
    """Read and decode a customer CSV and map its header. Raises CsvUnreadableError."""
    return table_of(read_bytes(source))


def table_of(data: bytes) -> CsvTable:
    """Decode the bytes of a customer CSV and map its header. Raises CsvUnreadableError."""
    text, encoding = decode(data)
    expected = _count_lines(data)
    del data
    if not text or text.isspace():
        raise _unreadable("Le fichier est vide.", "The file is empty.")
    first_line = next(line for line in _lines(text) if line.strip("\r\n"))
    delimiter = _sniff_delimiter(first_line.rstrip("\r\n"))
    try:
        header = next(csv.reader(_lines(text), delimiter=delimiter))
    except (csv.Error, StopIteration):
        header = []
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for position, name in enumerate(header):
        column = _HEADER_KEYS.get(header_key(name))
        if column is None or column in columns:
            if name.strip():
                ignored.append(name.strip())
            continue
        columns[column] = position
    if not columns or not ({"last_name", "company_name"} & columns.keys()):
        raise _unreadable(
            "La première ligne ne nomme pas les colonnes d'un fichier clients "
            "(il faut au moins « Nom » ou « Raison sociale » ; voir la documentation).",
            "The first line does not name the columns of a customer file "
            "(at least “last_name” or “company_name” is needed; see the documentation).",
        )
    return CsvTable(
        encoding=encoding,
        delimiter=delimiter,
        headers=tuple(h.strip() for h in header),
        columns=columns,
        ignored_headers=tuple(ignored),
        expected_rows=max(expected - 1, 0),
        text=text,
    )
