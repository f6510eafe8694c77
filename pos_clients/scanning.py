"""What a scanned code is: a customer's loyalty card, an item, unknown, or a misread to refuse.

One classifier serves every scanner (evdev, serial, keyboard burst). The lookups are injected,
so the rule is tested without a database and the item catalogue can come from another module.

The rule when a code could be both a card and an item barcode:

1. The code is cleaned (surrounding blanks and control characters removed; leading zeros kept).
   An empty code, one longer than 64 characters, or an all-digit EAN-13/EAN-8 whose check
   digit is wrong is *refused*, never looked up (a misread must not find the wrong customer).
2. A code starting with the loyalty-card prefix (`04` by default, a setting; GS1 keeps
   `040`–`049` for numbers used inside one company) is looked up as a customer's reference
   first, then as an item.
3. Any other code is looked up as an item first, then as a customer's reference.
4. Found neither way, it is unknown: "Code inconnu : <code>".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pos_clients.customers import Customer
from pos_clients.i18n import Text

MAX_CODE_LENGTH = 64
DEFAULT_CARD_PREFIX = "04"

ItemT = TypeVar("ItemT")


@dataclass(frozen=True, slots=True)
class ScanRules:
    """The shop's choices for reading codes."""

    card_prefix: str = DEFAULT_CARD_PREFIX


@dataclass(frozen=True, slots=True)
class CustomerCard:
    code: str
    customer: Customer

    def describe(self) -> Text:
        return Text(
            f"Carte client : {self.customer.display_name}",
            f"Customer card: {self.customer.display_name}",
        )


@dataclass(frozen=True, slots=True)
class ItemCode(Generic[ItemT]):
    code: str
    item: ItemT

    def describe(self) -> Text:
        return Text(f"Article : {self.code}", f"Item: {self.code}")


@dataclass(frozen=True, slots=True)
class UnknownCode:
    code: str

    def describe(self) -> Text:
        return Text(f"Code inconnu : {self.code}", f"Unknown code: {self.code}")


@dataclass(frozen=True, slots=True)
class RejectedCode:
    """A code refused before any look-up (misread, too long, empty)."""

    code: str
    reason: Text

    def describe(self) -> Text:
        return self.reason


ScanResult = CustomerCard | ItemCode[object] | UnknownCode | RejectedCode


def clean_code(raw: str) -> str:
    """The code without surrounding blanks and control characters; leading zeros kept."""
    return "".join(c for c in raw if ord(c) >= 32 and c != "\x7f").strip()


def ean_check_digit_ok(code: str) -> bool:
    """True when `code` (EAN-8 or EAN-13 digits) ends with its right check digit."""
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    # Weights 3,1,3,1… from the rightmost digit of the body.
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def refusal(code: str) -> RejectedCode | None:
    """Why `code` must not be looked up, or None when it may."""
    if not code:
        return RejectedCode(code, Text("Code vide : rescannez.", "Empty code: scan again."))
    if len(code) > MAX_CODE_LENGTH:
        shown = code[:20] + "…"
        return RejectedCode(
            shown,
            Text(
                f"Code trop long ({len(code)} caractères), refusé : rescannez.",
                f"Code too long ({len(code)} characters), refused: scan again.",
            ),
        )
    if code.isascii() and code.isdigit() and len(code) in (8, 13) and not ean_check_digit_ok(code):
        return RejectedCode(
            code,
            Text(
                f"Code EAN-{len(code)} mal lu (clé de contrôle fausse) : {code}. Rescannez.",
                f"EAN-{len(code)} code misread (wrong check digit): {code}. Scan again.",
            ),
        )
    return None


def classify(
    raw: str,
    find_customer: Callable[[str], Customer | None],
    find_item: Callable[[str], object | None],
    rules: ScanRules = ScanRules(),
) -> ScanResult:
    """Decide what a scanned code is, by the rule in this module's docstring."""
    code = clean_code(raw)
    refused = refusal(code)
    if refused is not None:
        return refused

    def as_customer() -> ScanResult | None:
        customer = find_customer(code)
        return CustomerCard(code, customer) if customer is not None else None

    def as_item() -> ScanResult | None:
        item = find_item(code)
        return ItemCode(code, item) if item is not None else None

    card_first = bool(rules.card_prefix) and code.startswith(rules.card_prefix)
    for look_up in (as_customer, as_item) if card_first else (as_item, as_customer):
        found = look_up()
        if found is not None:
            return found
    return UnknownCode(code)
