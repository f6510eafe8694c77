"""Reading ESC/POS bytes back as a printer would: text lines in CP858, with bold and size."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintedLine:
    text: str
    bold: bool
    big: bool


@dataclass(frozen=True)
class Printout:
    lines: list[PrintedLine]
    codepage: int | None
    cut: bool

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# Commands this app sends, with the number of argument bytes after the command itself.
_ESC_ARGS = {b"@": 0, b"t": 1, b"E": 1, b"!": 1, b"d": 1, b"a": 1, b"-": 1, b"M": 1}


def decode_escpos(data: bytes, encoding: str = "cp858") -> Printout:
    """Interpret `data`; fail on any byte sequence a plain ESC/POS printer would not know."""
    lines: list[PrintedLine] = []
    current = bytearray()
    bold = big = cut = False
    line_bold = line_big = False
    codepage: int | None = None
    i = 0
    while i < len(data):
        byte = data[i : i + 1]
        if byte == b"\x1b":
            command = data[i + 1 : i + 2]
            if command not in _ESC_ARGS:
                raise AssertionError(f"unknown ESC command {command!r} at {i}")
            args = data[i + 2 : i + 2 + _ESC_ARGS[command]]
            if command == b"t":
                codepage = args[0]
            elif command == b"E":
                bold = bool(args[0])
            elif command == b"!":
                big = bool(args[0] & 0x10)
            elif command == b"@":
                bold = big = False
            i += 2 + _ESC_ARGS[command]
            continue
        if byte == b"\x1d":
            if data[i + 1 : i + 2] == b"V":
                cut = True
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
                continue
            raise AssertionError(f"unknown GS command at {i}")
        if byte == b"\n":
            lines.append(PrintedLine(current.decode(encoding), line_bold, line_big))
            current.clear()
            i += 1
            continue
        if not current:
            line_bold, line_big = bold, big
        current += byte
        i += 1
    if current:
        lines.append(PrintedLine(current.decode(encoding), line_bold, line_big))
    return Printout(lines, codepage, cut)
