"""Decoding a CSV file a slice at a time (so that the window can repaint meanwhile) gives
exactly what decoding it whole gives, whatever falls on a slice boundary: a character of
several bytes, a byte-order mark, an invalid byte that sends UTF-8 to Windows-1252."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pos_clients.directory_csv import format as csv_format

_TEXT = st.text(alphabet=st.sampled_from('abcé€Œ;,"\n\r 0x😀ßИ'), max_size=80)
_CP1252 = st.text(alphabet=st.sampled_from('abcéèàÉ€Œœ;,"\n 0'), max_size=80)


@pytest.fixture(autouse=True)
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_format, "_SLICE", 5)  # every multi-byte character straddles some


def whole(data: bytes) -> tuple[str, str] | None:
    """What decoding the whole file in one call gives (None: refused)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        return None
    for python, name in (("utf-8", "utf-8"), ("cp1252", "windows-1252")):
        try:
            return data.decode(python), name
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "iso-8859-1"


def sliced(data: bytes) -> tuple[str, str] | None:
    try:
        return csv_format.decode(data)
    except csv_format.CsvUnreadableError:
        return None


@given(
    _TEXT.map(lambda t: t.encode("utf-8"))
    | _TEXT.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"))
    | _TEXT.map(lambda t: t.encode("utf-16"))
    | _CP1252.map(lambda t: t.encode("cp1252"))
    | st.binary(max_size=60)
)
@example("é" * 7 + "a")  # a two-byte character on every boundary
@example(("a" * 40 + "é").encode("cp1252"))  # valid UTF-8 until the last byte
@example(codecs.BOM_UTF8 + b"nom\n" + b"\xff" * 20)  # announces UTF-8, is not
@example("ÉŒ".encode("cp1252"))  # Windows-1252 bytes that happen to be valid UTF-8
def test_slices_decode_as_the_whole_file(data: bytes | str) -> None:
    data = data.encode("utf-8") if isinstance(data, str) else data
    assert sliced(data) == whole(data)


@given(_TEXT)
def test_utf8_and_utf16_texts_come_back(text: str) -> None:
    assert csv_format.decode(text.encode("utf-8")) == (text, "utf-8")
    assert csv_format.decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")
    assert csv_format.decode(text.encode("utf-16")) == (text, "utf-16")


@given(st.binary(max_size=60))
def test_lines_are_counted_across_slices(data: bytes) -> None:
    assert csv_format._count_lines(data) == data.count(b"\n")


@given(_TEXT)
def test_lines_cut_as_asked_give_the_text_back(text: str) -> None:
    lines = list(csv_format._lines(text))
    assert "".join(lines) == text
    assert all(line.endswith("\n") for line in lines[:-1])
    assert all(line.count("\n") <= 1 for line in lines)
