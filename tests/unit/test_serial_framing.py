"""Cutting a serial byte stream into codes: every suffix, idle time-out, partial reads, noise."""

from __future__ import annotations

import random

import pytest

from pos_clients.hardware.serial_source import SerialFramer


@pytest.mark.parametrize(
    ("suffix", "sep"), [("cr", b"\r"), ("lf", b"\n"), ("crlf", b"\r\n"), ("tab", b"\t")]
)
def test_every_suffix_with_reads_split_across_codes(suffix: str, sep: bytes) -> None:
    framer = SerialFramer(suffix)
    stream = b"0400000000015" + sep + b"000123" + sep
    codes: list[str] = []
    for i in range(0, len(stream), 5):  # reads of 5 bytes cut codes and suffixes
        codes += framer.feed(stream[i : i + 5], now=1.0)
    assert codes == ["0400000000015", "000123"]


def test_no_suffix_ends_a_code_after_the_idle_time() -> None:
    framer = SerialFramer("none", idle_s=0.05)
    assert framer.feed(b"0400", now=1.0) == []
    assert framer.feed(b"000000015", now=1.01) == []
    assert framer.tick(now=1.03) == []
    assert framer.tick(now=1.07) == ["0400000000015"]
    assert framer.feed(b"12", now=2.0) == []
    assert framer.feed(b"34", now=2.2) == ["12"]  # the silence before "34" ended "12"


def test_a_partial_code_that_lost_its_suffix_is_dropped() -> None:
    framer = SerialFramer("cr", stale_after=1.0)
    assert framer.feed(b"0400", now=1.0) == []
    assert framer.feed(b"3017620422003\r", now=5.0) == ["3017620422003"]


def test_noise_and_overlong_codes() -> None:
    framer = SerialFramer("cr")
    assert framer.feed(b"9" * 65 + b"\r", now=1.0) == []
    rng = random.Random(3)
    for _ in range(200):
        for code in framer.feed(bytes(rng.randrange(256) for _ in range(64)), now=1.0):
            assert len(code) <= 64
