"""Accent- and case-folding of text, the one rule shared by sort keys and search on every engine.

Folding happens in Python, not in the database, so SQLite and PostgreSQL index and match
exactly the same text (`Hélène` → `helene`, `Œuvray` → `oeuvray`, `Straße` → `strasse`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition does not split into a base letter and an accent.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "þ": "th",
    }
)
_WORD = re.compile(r"[0-9a-z]+")


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, keeping every other character."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().translate(_LIGATURES)


def words(text: str) -> list[str]:
    """The folded words (runs of ASCII letters and digits) of `text`."""
    return list(word_tuple(text))


@lru_cache(maxsize=65_536)
def word_tuple(text: str) -> tuple[str, ...]:
    """`words(text)` as a tuple, remembered (names and cities repeat across a directory)."""
    return tuple(_WORD.findall(fold(text)))
