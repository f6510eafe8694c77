"""The burst rules alone: prefix, minimum length, suffix choice, AZERTY digits off."""

from __future__ import annotations

from pos_clients.hardware.keyboard_burst import BurstDetector, BurstRules


def burst(detector: BurstDetector, clock: list[float], text: str, gap: float = 0.005) -> None:
    for char in text:
        clock[0] += gap
        detector.character(char)
    clock[0] += gap


def test_prefix_is_required_and_removed() -> None:
    clock = [0.0]
    d = BurstDetector(BurstRules(prefix="§"), lambda: clock[0])
    burst(d, clock, "§0412345")
    assert d.end("enter") == "0412345"
    burst(d, clock, "0412345")
    assert d.end("enter") is None  # no prefix: not this scanner, typing


def test_suffix_choice_and_settings() -> None:
    clock = [0.0]
    rules = BurstRules.from_setting(30, 6, "tab", "", False)
    d = BurstDetector(rules, lambda: clock[0])
    burst(d, clock, "&é\"'(-")
    assert d.end("enter") is None  # Enter is not this scanner's suffix
    burst(d, clock, "&é\"'(-")
    assert d.end("tab") == "&é\"'(-"  # AZERTY translation is off
    burst(d, clock, "12345")
    assert d.end("tab") is None  # shorter than 6
    burst(d, clock, "123456", gap=0.035)
    assert d.end("tab") is None  # slower than 30 ms per key


def test_an_interrupting_key_makes_it_typing() -> None:
    clock = [0.0]
    d = BurstDetector(BurstRules(), lambda: clock[0])
    burst(d, clock, "1234")
    d.interrupt()
    burst(d, clock, "56")
    assert d.end("enter") is None
