"""Telling a scanner's keyboard burst from a person typing, by the time between keys.

A keyboard-wedge scanner types a whole code in a few milliseconds per key, then Enter or Tab;
a person leaves far longer gaps. `BurstDetector` sees each character with the time it came
(from an injectable clock) and, at the suffix, says whether what came before was a scan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_clients.hardware.keymap import azerty_row_to_digits


@dataclass(frozen=True, slots=True)
class BurstRules:
    gap_s: float = 0.04
    min_length: int = 4
    max_length: int = 64
    suffixes: frozenset[str] = frozenset({"enter", "tab"})
    prefix: str = ""
    azerty_digits: bool = True

    @classmethod
    def from_setting(
        cls, gap_ms: int, min_length: int, suffix: str, prefix: str, azerty_digits: bool
    ) -> BurstRules:
        suffixes = frozenset({"enter", "tab"}) if suffix == "any" else frozenset({suffix})
        return cls(gap_ms / 1000, min_length, 64, suffixes, prefix, azerty_digits)


class BurstDetector:
    """Follows the characters of the current burst; `end()` gives the code if it was a scan."""

    def __init__(self, rules: BurstRules, clock: Callable[[], float]) -> None:
        self.rules = rules
        self.clock = clock
        self._chars: list[str] = []
        self._last = float("-inf")
        self.last_length = 0

    @property
    def typed(self) -> int:
        """How many characters of the current burst went to the focused field."""
        return len(self._chars)

    def character(self, char: str) -> bool:
        """Record a typed character; True when it starts a new burst."""
        now = self.clock()
        started = not self._chars or now - self._last > self.rules.gap_s
        if started:
            self._chars = []
        self._chars.append(char)
        self._last = now
        return started

    def interrupt(self) -> None:
        """A key no scanner sends (arrows, backspace…): what came before was typing."""
        self._chars = []

    def end(self, suffix: str) -> str | None:
        """At Enter/Tab: the scanned code, or None when this was typing."""
        now = self.clock()
        chars, self._chars = self._chars, []
        self.last_length = len(chars)
        if suffix not in self.rules.suffixes or not chars or now - self._last > self.rules.gap_s:
            return None
        text = "".join(chars)
        if self.rules.prefix:
            if not text.startswith(self.rules.prefix):
                return None
            text = text[len(self.rules.prefix) :]
        if not self.rules.min_length <= len(text) <= self.rules.max_length:
            return None
        return azerty_row_to_digits(text) if self.rules.azerty_digits else text
