"""Turning physical key events (Linux evdev keycodes) into the characters of a scanned code.

evdev keycodes are physical key positions named after the US layout, so what a key means
depends on the layout the scanner is set to emulate (`us` or `fr` AZERTY), a setting.
`KeyDecoder` is a pure function of the key events it is fed: it tracks shift, caps lock and
AltGr, ignores autorepeats (a scanner never holds a key; a stuck key must not type a code),
reads keypad digits whatever the layout, and ends a code at Enter, keypad Enter or Tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Layout = Literal["us", "fr"]
LAYOUTS: tuple[Layout, ...] = ("us", "fr")

EV_KEY = 1
KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2

KEY_ESC = 1
KEY_TAB = 15
KEY_ENTER = 28
KEY_LEFTCTRL = 29
KEY_LEFTSHIFT = 42
KEY_RIGHTSHIFT = 54
KEY_LEFTALT = 56
KEY_CAPSLOCK = 58
KEY_KPENTER = 96
KEY_RIGHTCTRL = 97
KEY_RIGHTALT = 100

SHIFTS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
SUFFIX_KEYS = {"enter": KEY_ENTER, "kpenter": KEY_KPENTER, "tab": KEY_TAB}

# Keycode → (plain, shifted) for the US layout. Letters are lower case here; shift or caps
# lock upper-cases them.
_US: dict[int, tuple[str, str]] = {
    2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
    7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
    12: ("-", "_"), 13: ("=", "+"),
    16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
    21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
    26: ("[", "{"), 27: ("]", "}"),
    30: ("a", "A"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
    35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"), 39: (";", ":"),
    40: ("'", '"'), 41: ("`", "~"), 43: ("\\", "|"),
    44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
    49: ("n", "N"), 50: ("m", "M"), 51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
    57: (" ", " "), 86: ("\\", "|"),
}  # fmt: skip

# French AZERTY (fr, the Linux default variant): number row gives symbols unshifted, digits
# shifted; A/Q, Z/W and M moved.
_FR: dict[int, tuple[str, str]] = {
    2: ("&", "1"), 3: ("é", "2"), 4: ('"', "3"), 5: ("'", "4"), 6: ("(", "5"),
    7: ("-", "6"), 8: ("è", "7"), 9: ("_", "8"), 10: ("ç", "9"), 11: ("à", "0"),
    12: (")", "°"), 13: ("=", "+"),
    16: ("a", "A"), 17: ("z", "Z"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
    21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
    26: ("^", "¨"), 27: ("$", "£"),
    30: ("q", "Q"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
    35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"), 39: ("m", "M"),
    40: ("ù", "%"), 41: ("²", "~"), 43: ("*", "µ"),
    44: ("w", "W"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
    49: ("n", "N"), 50: (",", "?"), 51: (";", "."), 52: (":", "/"), 53: ("!", "§"),
    57: (" ", " "), 86: ("<", ">"),
}  # fmt: skip

_FR_ALTGR: dict[int, str] = {
    3: "~", 4: "#", 5: "{", 6: "[", 7: "|", 8: "`", 9: "\\", 10: "^", 11: "@",
    12: "]", 13: "}", 18: "€",
}  # fmt: skip

# Keypad keys read the same on every layout (num lock on, as scanners assume).
_KEYPAD: dict[int, str] = {
    71: "7", 72: "8", 73: "9", 74: "-", 75: "4", 76: "5", 77: "6", 78: "+",
    79: "1", 80: "2", 81: "3", 82: "0", 83: ".", 98: "/", 55: "*",
}  # fmt: skip

_LAYOUT_TABLES: dict[Layout, dict[int, tuple[str, str]]] = {"us": _US, "fr": _FR}

# What a US-configured scanner types on a French PC for the digits 1234567890.
AZERTY_NUMBER_ROW = "&é\"'(-è_çà"
_AZERTY_TO_DIGIT = str.maketrans(AZERTY_NUMBER_ROW, "1234567890")


def azerty_row_to_digits(code: str) -> str:
    """`&é"'(` → `12345` when every character is a digit or an AZERTY number-row symbol.

    A code mixing anything else (letters, other punctuation) is returned unchanged: only a
    code that is plainly numeric is read back as digits.
    """
    if code and all(c.isdigit() or c in AZERTY_NUMBER_ROW for c in code):
        return code.translate(_AZERTY_TO_DIGIT)
    return code


def character(keycode: int, layout: Layout, *, shift: bool, caps: bool, altgr: bool) -> str:
    """The character a key types on `layout`, or "" for keys that type nothing."""
    if keycode in _KEYPAD:
        return _KEYPAD[keycode]
    if altgr:
        return _FR_ALTGR.get(keycode, "") if layout == "fr" else ""
    pair = _LAYOUT_TABLES[layout].get(keycode)
    if pair is None:
        return ""
    plain, shifted = pair
    if caps and plain.isalpha() and len(plain) == 1 and plain.isascii():
        # Caps lock upper-cases letters only (and shift undoes it), on both layouts.
        return plain if shift else shifted
    return shifted if shift else plain


class KeyEvent(Protocol):
    """What the decoder needs from an input event (evdev.InputEvent fits)."""

    @property
    def type(self) -> int: ...
    @property
    def code(self) -> int: ...
    @property
    def value(self) -> int: ...


@dataclass
class KeyDecoder:
    """Feeds on key events, returns each complete code when its suffix key goes down.

    `suffixes` names the keys that end a code (`enter`, `kpenter`, `tab`). A code longer than
    `max_length` is dropped whole at its suffix (a misread or a stuck key, never a customer).
    `held` is the set of keys down now: the evdev source grabs the device only when it is
    empty, so no key is left stuck in the desktop.
    """

    layout: Layout = "us"
    suffixes: frozenset[str] = frozenset(SUFFIX_KEYS)
    max_length: int = 64
    held: set[int] = field(default_factory=set)
    _chars: list[str] = field(default_factory=list)
    _caps: bool = False
    _overflow: bool = False

    def feed(self, event: KeyEvent) -> str | None:
        if event.type != EV_KEY:
            return None
        return self.key(event.code, event.value)

    def key(self, keycode: int, value: int) -> str | None:
        """One key transition (0 up, 1 down, 2 autorepeat); the code it completes, if any."""
        if value == KEY_UP:
            self.held.discard(keycode)
            return None
        if value == KEY_REPEAT:
            return None
        self.held.add(keycode)
        if keycode == KEY_CAPSLOCK:
            self._caps = not self._caps
            return None
        if keycode in SUFFIX_KEYS.values():
            if any(SUFFIX_KEYS[name] == keycode for name in self.suffixes):
                return self._finish()
            return None
        shift = bool(self.held & SHIFTS)
        altgr = KEY_RIGHTALT in self.held
        if self.held & {KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT}:
            return None  # a shortcut, not a character of a code
        char = character(keycode, self.layout, shift=shift, caps=self._caps, altgr=altgr)
        if char:
            if len(self._chars) >= self.max_length:
                self._overflow = True
            else:
                self._chars.append(char)
        return None

    def pending(self) -> str:
        """The characters read since the last suffix."""
        return "".join(self._chars)

    def reset(self) -> None:
        """Forget a partial code (a stale one, or after the device went away)."""
        self._chars.clear()
        self._overflow = False

    def _finish(self) -> str | None:
        code = "".join(self._chars)
        overflow = self._overflow
        self.reset()
        if overflow or not code:
            return None
        return code
