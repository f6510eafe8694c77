"""The key decoder over synthetic evdev events: both layouts, shift, keypad, held keys, suffixes."""

from __future__ import annotations

import random

import pytest
from evdev import InputEvent

from pos_clients.hardware.keymap import (
    EV_KEY,
    KEY_CAPSLOCK,
    KEY_ENTER,
    KEY_KPENTER,
    KEY_LEFTSHIFT,
    KEY_TAB,
    KeyDecoder,
    azerty_row_to_digits,
)
from tests.helpers.scanner_keys import keypad, scan_events


def decode_all(decoder: KeyDecoder, events: list[InputEvent]) -> list[str]:
    return [code for e in events if (code := decoder.feed(e)) is not None]


@pytest.mark.parametrize("layout", ["us", "fr"])
@pytest.mark.parametrize("text", ["0412345678903", "ABC-123", "Carte42", "x/y.z"])
def test_a_scanned_code_reads_back_on_its_own_layout(layout: str, text: str) -> None:
    decoder = KeyDecoder(layout=layout)  # type: ignore[arg-type]
    assert decode_all(decoder, scan_events(text, layout)) == [text]  # type: ignore[arg-type]


def test_the_same_keys_mean_other_characters_on_azerty() -> None:
    # A US-emulating scanner sends KEY_1..KEY_0 unshifted for 1234567890; a decoder set to
    # the French layout reads the AZERTY symbols, which is why the layout is a setting.
    events = scan_events("1234567890", "us")
    assert decode_all(KeyDecoder(layout="fr"), events) == ["&é\"'(-è_çà"]
    assert decode_all(KeyDecoder(layout="us"), events) == ["1234567890"]


def test_azerty_letters_sit_on_other_keys() -> None:
    events = scan_events("qwz", "us")  # physical Q, W, Z keys
    assert decode_all(KeyDecoder(layout="fr"), events) == ["azw"]


def test_shift_and_caps_lock() -> None:
    d = KeyDecoder(layout="us")
    d.key(KEY_CAPSLOCK, 1)
    d.key(KEY_CAPSLOCK, 0)
    d.key(30, 1)  # a → A with caps lock
    d.key(30, 0)
    d.key(KEY_LEFTSHIFT, 1)
    d.key(30, 1)  # shift undoes caps lock for letters
    d.key(30, 0)
    d.key(2, 1)  # shift+1 → !
    d.key(KEY_LEFTSHIFT, 0)
    assert d.key(KEY_ENTER, 1) == "Aa!"


@pytest.mark.parametrize("layout", ["us", "fr"])
def test_keypad_digits_read_the_same_on_every_layout(layout: str) -> None:
    d = KeyDecoder(layout=layout)  # type: ignore[arg-type]
    for digit in "0412":
        d.key(keypad(digit), 1)
        d.key(keypad(digit), 0)
    assert d.key(KEY_KPENTER, 1) == "0412"


def test_held_key_and_autorepeat_type_one_character() -> None:
    d = KeyDecoder()
    d.key(2, 1)
    for _ in range(10):
        d.key(2, 2)  # autorepeat of a held key
    assert d.held == {2}
    d.key(2, 0)
    assert d.held == set()
    assert d.key(KEY_ENTER, 1) == "1"


@pytest.mark.parametrize(
    ("suffix", "key"), [("enter", KEY_ENTER), ("kpenter", KEY_KPENTER), ("tab", KEY_TAB)]
)
def test_every_suffix_ends_a_code(suffix: str, key: int) -> None:
    d = KeyDecoder(suffixes=frozenset({suffix}))
    assert decode_all(d, scan_events("0042", "us", suffix=key)) == ["0042"]


def test_a_suffix_not_chosen_does_not_end_a_code() -> None:
    d = KeyDecoder(suffixes=frozenset({"enter"}))
    assert decode_all(d, scan_events("12", "us", suffix=KEY_TAB)) == []
    assert decode_all(d, scan_events("34", "us")) == ["1234"]


def test_an_overlong_code_is_dropped_whole() -> None:
    d = KeyDecoder(max_length=64)
    assert decode_all(d, scan_events("7" * 65, "us")) == []
    assert decode_all(d, scan_events("0042", "us")) == ["0042"]


def test_random_key_noise_never_crashes() -> None:
    rng = random.Random(5)
    d = KeyDecoder(layout="fr")
    for _ in range(20_000):
        code = d.feed(
            InputEvent(0, 0, rng.choice([0, EV_KEY, 4]), rng.randrange(0, 300), rng.randrange(0, 3))
        )
        assert code is None or 0 < len(code) <= 64


def test_azerty_number_row_back_to_digits() -> None:
    assert azerty_row_to_digits("&é\"'(-è_çà") == "1234567890"
    assert azerty_row_to_digits("à&") == "01"
    assert azerty_row_to_digits("é-ABC") == "é-ABC"  # not a numeric code: left alone
