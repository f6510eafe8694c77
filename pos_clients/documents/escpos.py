"""ESC/POS bytes of a ticket, made ahead with python-escpos's Dummy printer.

A fixed code page (CP858 by default, so `€` and French accents print) is selected once at the
top; every character outside it is folded to its closest ASCII first (`Œ` → `OE`, `’` → `'`),
so a name never prints as `?`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from escpos.codepages import CodePages
from escpos.constants import PAPER_FULL_CUT
from escpos.printer import Dummy

from pos_clients.documents.ticket import PrintLine, Ticket, layout

DEFAULT_PROFILE = "default"
DEFAULT_CODEPAGE = "CP858"
INIT = b"\x1b@"
FEED_BEFORE_CUT = b"\x1bd\x05"  # print and feed 5 lines, so the cut misses the last line

# Characters Unicode decomposition does not bring back to ASCII.
_ASCII_FALLBACK = str.maketrans(
    {
        "Œ": "OE",
        "œ": "oe",
        "Æ": "AE",
        "æ": "ae",
        "ß": "ss",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "Ł": "L",
        "ł": "l",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "−": "-",
        "…": "...",
        "€": "EUR",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Paper:
    """How one printer prints: its python-escpos profile, columns and code page."""

    profile: str = DEFAULT_PROFILE
    columns: int = 42
    codepage: str = DEFAULT_CODEPAGE


@cache
def printable_characters(codepage: str) -> frozenset[str]:
    """The non-ASCII characters `codepage` can print (as python-escpos encodes them)."""
    page = CodePages.get_encoding(codepage)
    chars: set[str] = set()
    if "data" in page:
        chars.update(c for c in "".join(page["data"]) if c not in (" ", "\ufffd"))
    else:
        for code in range(128, 256):
            try:
                chars.add(bytes([code]).decode(page["python_encode"]))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@cache
def python_codec(codepage: str) -> str | None:
    """Python's codec for `codepage` when it has one that python-escpos itself uses."""
    page = CodePages.get_encoding(codepage)
    codec = page.get("python_encode")
    if not codec:
        return None
    try:
        "".encode(codec)
    except LookupError:
        return None
    return str(codec)


def _closest_ascii(char: str) -> str:
    folded = char.translate(_ASCII_FALLBACK)
    if folded != char:
        return folded
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)
    return stripped or "*"


def fold_for_codepage(text: str, codepage: str = DEFAULT_CODEPAGE) -> str:
    """`text` with every character `codepage` cannot print replaced by its closest ASCII."""
    if text.isascii():
        return text
    printable = printable_characters(codepage)
    if all(ord(c) < 128 or c in printable for c in text):
        return text
    return "".join(
        c
        if ord(c) < 128 or c in printable
        else "".join(
            p if ord(p) < 128 or p in printable else _closest_ascii(p) for p in _closest_ascii(c)
        )
        for c in text
    )


def render_lines(lines: list[PrintLine], paper: Paper) -> bytes:
    """ESC/POS bytes printing `lines`, then feeding and cutting the paper."""
    printer = Dummy(profile=paper.profile)
    printer._raw(INIT)
    printer.charcode(paper.codepage)
    codec = python_codec(paper.codepage)
    bold = big = False
    for line in lines:
        if line.bold != bold:
            printer.set(bold=line.bold)
            bold = line.bold
        if line.big != big:
            if line.big:
                printer.set(double_height=True)
            else:
                printer.set(normal_textsize=True)
            big = line.big
        text = fold_for_codepage(line.text.rstrip(), paper.codepage)
        if codec is not None:
            # Every character is printable once folded: encode the line at once (the
            # character-by-character encoder of python-escpos is most of the time otherwise).
            printer._raw(text.encode(codec) + b"\n")
        else:
            printer.textln(text)
    if bold:
        printer.set(bold=False)
    if big:
        printer.set(normal_textsize=True)
    printer._raw(FEED_BEFORE_CUT + PAPER_FULL_CUT)
    return bytes(printer.output)


def ticket_bytes(ticket: Ticket, paper: Paper | None = None) -> bytes:
    """The ESC/POS bytes of a receipt or preparation ticket for one printer."""
    paper = paper or Paper()
    return render_lines(layout(ticket, paper.columns), paper)


def paper_preview(ticket: Ticket, paper: Paper | None = None) -> str:
    """The ticket as text exactly as `paper` prints it: its width, and its code page's letters
    (`Œ` shows as `OE` when the printer cannot print it)."""
    paper = paper or Paper()
    lines = layout(ticket, paper.columns)
    return "\n".join(fold_for_codepage(line.text.rstrip(), paper.codepage) for line in lines) + "\n"
