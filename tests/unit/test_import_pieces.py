"""Cutting a CSV file's text into pieces for the import's workers loses or splits no record.

The workers read pieces cut at line ends where the quotes so far are even; `regular_quotes`
tells whether that cut is safe, and from the first piece where it is not, the importing
process reads the rest itself (as `importing._checked_chunks` does). Whatever the text —
quoted fields with line breaks, doubled quotes, stray quotes, CR LF — the records and their
line numbers are those of reading the whole file at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_clients.directory_csv.format import (
    CsvTable,
    Piece,
    piece_records,
    read_table,
    regular_quotes,
)


def _as_the_import_reads(table: CsvTable, lines: int) -> Iterator[tuple[int, list[str]]]:
    for piece in table.pieces(lines):
        if not regular_quotes(piece.text, table.delimiter):
            rest = Piece(piece.lines_before, table.text[piece.offset :], piece.offset)
            yield from piece_records(rest, table.delimiter)
            return
        yield from piece_records(piece, table.delimiter)


_field = st.text(alphabet='ab ,;"\n\r', max_size=6)


@settings(max_examples=400)
@given(st.lists(st.lists(_field, min_size=1, max_size=4), max_size=12), st.integers(1, 4))
def test_pieces_of_a_written_file_give_its_records(records: list[list[str]], lines: int) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["last_name", "city", "notes", "x"])
    writer.writerows(records)
    table = read_table(io.BytesIO(out.getvalue().encode()))
    assert list(_as_the_import_reads(table, lines)) == list(table.records())


@settings(max_examples=400)
@given(st.text(alphabet='ab,"\n\r', max_size=60), st.integers(1, 4))
@example('x,"a\nb"c,d\n"e\nf",g\n', 1)
@example('a"b\n"c\nd",e\nf\n', 1)
def test_pieces_of_any_text_give_its_records(body: str, lines: int) -> None:
    table = read_table(io.BytesIO(("last_name,city\n" + body).encode()))
    try:
        expected = list(table.records())
    except csv.Error:
        return  # unreadable either way (a stray CR): the import reports it as it did
    assert list(_as_the_import_reads(table, lines)) == expected


def test_a_regular_file_is_cut_in_several_pieces() -> None:
    text = 'last_name,notes\nDurand,"deux\nlignes"\nMartin,"dit ""bonjour"""\nPetit,x\n'
    table = read_table(io.BytesIO(text.encode()))
    pieces = list(table.pieces(1))
    assert [p.lines_before for p in pieces] == [1, 3, 4]
    assert all(regular_quotes(p.text, ",") for p in pieces)
    assert list(_as_the_import_reads(table, 1)) == [
        (2, ["Durand", "deux\nlignes"]),
        (4, ["Martin", 'dit "bonjour"']),
        (5, ["Petit", "x"]),
    ]
