"""Synthetic key events for the scanner tests: what a scanner sends for a string."""

from __future__ import annotations

import struct

from evdev import InputEvent

from pos_clients.hardware.keymap import (
    _FR,
    _KEYPAD,
    _US,
    EV_KEY,
    KEY_ENTER,
    KEY_LEFTSHIFT,
    Layout,
)

EV_SYN = 0
INPUT_EVENT = struct.Struct("llHHi")


def keystrokes(text: str, layout: Layout) -> list[tuple[int, int]]:
    """The (keycode, shift) presses that type `text` on `layout` (digits on the main row)."""
    table = _US if layout == "us" else _FR
    result: list[tuple[int, int]] = []
    for char in text:
        for code, (plain, shifted) in table.items():
            if plain == char and code != 86:
                result.append((code, 0))
                break
            if shifted == char and code != 86:
                result.append((code, 1))
                break
        else:
            raise ValueError(f"{char!r} has no key on {layout}")
    return result


def keypad(digit: str) -> int:
    return next(code for code, c in _KEYPAD.items() if c == digit)


def scan_events(
    text: str, layout: Layout, suffix: int = KEY_ENTER, t0: float = 1000.0
) -> list[InputEvent]:
    """The evdev events a scanner sends for `text` then `suffix`, 1 ms per event."""
    events: list[InputEvent] = []
    t = t0

    def emit(code: int, value: int) -> None:
        nonlocal t
        sec, usec = int(t), round((t - int(t)) * 1e6)
        events.append(InputEvent(sec, usec, EV_KEY, code, value))
        events.append(InputEvent(sec, usec, EV_SYN, 0, 0))
        t += 0.001

    for code, shift in keystrokes(text, layout):
        if shift:
            emit(KEY_LEFTSHIFT, 1)
        emit(code, 1)
        emit(code, 0)
        if shift:
            emit(KEY_LEFTSHIFT, 0)
    emit(suffix, 1)
    emit(suffix, 0)
    return events


def pack(events: list[InputEvent]) -> bytes:
    """The bytes the kernel writes to /dev/input/eventN for `events`."""
    return b"".join(INPUT_EVENT.pack(e.sec, e.usec, e.type, e.code, e.value) for e in events)
