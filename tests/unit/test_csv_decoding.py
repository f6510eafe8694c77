"""Decoding a CSV file a slice at a time (so that the window can repaint meanwhile) gives
exactly the text of decoding it whole, whatever falls on a slice boundary: a character of
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


@given(_TEXT)
@example("é" * 7)
def test_utf8_with_and_without_a_byte_order_mark(text: str) -> None:
    assert csv_format.decode(text.encode("utf-8")) == (text, "utf-8")
    assert csv_format.decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")


@given(_TEXT)
def test_utf16_with_its_byte_order_mark(text: str) -> None:
    assert csv_format.decode(text.encode("utf-16")) == (text, "utf-16")


@given(_CP1252.filter(lambda t: any(c in t for c in "éèàÉ€Œœ")))
@example("a" * 40 + "é")  # the first bytes are valid UTF-8, the last are not
def test_windows_1252_when_utf8_fails_late(text: str) -> None:
    assert csv_format.decode(text.encode("cp1252")) == (text, "windows-1252")


def test_a_broken_unicode_file_is_refused() -> None:
    with pytest.raises(csv_format.CsvUnreadableError):
        csv_format.decode(codecs.BOM_UTF8 + b"nom\n" + b"\xff" * 20)


@given(st.binary(max_size=60))
def test_lines_are_counted_across_slices(data: bytes) -> None:
    assert csv_format._count_lines(data) == data.count(b"\n")


@given(_TEXT)
def test_lines_cut_as_asked_give_the_text_back(text: str) -> None:
    lines = list(csv_format._lines(text))
    assert "".join(lines) == text
    assert all(line.endswith("\n") for line in lines[:-1])
    assert all(line.count("\n") <= 1 for line in lines)
