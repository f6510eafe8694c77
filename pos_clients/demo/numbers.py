"""Valid identifiers for demo data: EAN-13 loyalty cards, SIREN/SIRET, French VAT numbers."""

from __future__ import annotations

import random


def ean13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def loyalty_reference(n: int) -> str:
    """The `n`-th demo loyalty card: `04` + 10 digits + check digit, distinct for each n."""
    # An affine map modulo 10**10 with a multiplier prime to 10 is a bijection: distinct n give
    # distinct cards, spread over the range rather than 0400000000001, 0400000000002…
    body = (n * 7_368_787 + 1_234_567_891) % 10**10
    first12 = f"04{body:010d}"
    return first12 + ean13_check_digit(first12)


def _luhn_complete(digits: str) -> str:
    """`digits` plus the one digit that makes the whole a valid Luhn number."""
    for d in "0123456789":
        candidate = digits + d
        total = 0
        for i, c in enumerate(reversed(candidate)):
            v = int(c) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def siret(rng: random.Random) -> str:
    siren = _luhn_complete(f"{rng.randrange(10**7, 10**8):08d}")
    if siren.startswith("356000000"):  # La Poste's SIREN has its own rule; avoid it
        return siret(rng)
    return _luhn_complete(siren + f"{rng.randrange(1, 10**4):04d}")


def french_vat(siren: str) -> str:
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"
