"""The current ticket and its pricing: group discount per line, totals, VAT breakdown, payments.

Pure functions, no database. Amounts are integer cents, rates basis points. The group discount
(G2) is taken on every line and rounded up to the cent, so the customer is favoured by less
than one cent per line, never more; every total is the sum of the lines as printed, and the VAT
breakdown adds up to the total including VAT.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pos_clients.errors import PosError
from pos_clients.formatting import percent_bp
from pos_clients.i18n import Text
from pos_clients.invoice_model import InvoicedCustomer, InvoiceLine, Payment, Totals, VatRow

VAT_RATES_BP = (2000, 1000, 550, 210)
MAX_QUANTITY = 9999


@dataclass(frozen=True, slots=True)
class TicketLine:
    """One line as the cashier entered it: an item and a quantity."""

    name: str
    quantity: int
    unit_price_cents: int  # including VAT
    vat_rate_bp: int
    item_code: str = ""
    category: str = ""
    item_id: int | None = None
    needs_preparation: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Ticket:
    """The current ticket: its lines and the customer on it (as they will be invoiced)."""

    lines: tuple[TicketLine, ...] = ()
    customer: InvoicedCustomer | None = None

    @property
    def discount_bp(self) -> int:
        return self.customer.group_discount_bp if self.customer else 0

    def add(self, line: TicketLine) -> Ticket:
        """Add a line; the same item at the same price adds to the quantity of its line."""
        for i, old in enumerate(self.lines):
            if (
                line.item_id is not None
                and old.item_id == line.item_id
                and old.unit_price_cents == line.unit_price_cents
            ):
                return self.set_quantity(i, old.quantity + line.quantity)
        check_quantity(line.quantity)
        return replace(self, lines=(*self.lines, line))

    def set_quantity(self, index: int, quantity: int) -> Ticket:
        """Change a line's quantity; zero removes the line."""
        if quantity == 0:
            return self.remove(index)
        check_quantity(quantity)
        lines = list(self.lines)
        lines[index] = replace(lines[index], quantity=quantity)
        return replace(self, lines=tuple(lines))

    def remove(self, index: int) -> Ticket:
        return replace(self, lines=self.lines[:index] + self.lines[index + 1 :])

    def with_customer(self, customer: InvoicedCustomer | None) -> Ticket:
        return replace(self, customer=customer)

    def priced(self) -> PricedTicket:
        return price(self.lines, self.discount_bp, self.customer.group if self.customer else "")


def check_quantity(quantity: int) -> None:
    """Raises PosError when a quantity is not a whole number between 1 and 9999."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise PosError(
            Text(
                f"La quantité doit être comprise entre 1 et {MAX_QUANTITY}.",
                f"The quantity must be between 1 and {MAX_QUANTITY}.",
            )
        )


@dataclass(frozen=True, slots=True)
class PricedTicket:
    lines: tuple[InvoiceLine, ...]
    discount_label: str
    vat: tuple[VatRow, ...]
    totals: Totals
    discount_bp: int = 0
    group_name: str = ""  # whose discount it is (`discount_label` in another language)

    @property
    def total_cents(self) -> int:
        return self.totals.total_cents


def line_discount(gross_cents: int, discount_bp: int) -> int:
    """The discount on one line: `gross × rate`, rounded up to the cent (in the customer's
    favour, by less than a cent); symmetric for negative lines (credit notes)."""
    magnitude = -(-abs(gross_cents) * discount_bp // 10_000)
    return magnitude if gross_cents >= 0 else -magnitude


def vat_of(total_cents: int, rate_bp: int) -> int:
    """The VAT included in `total_cents` at `rate_bp`, rounded half away from zero."""
    numerator = abs(total_cents) * rate_bp
    denominator = 10_000 + rate_bp
    vat = (2 * numerator + denominator) // (2 * denominator)
    return vat if total_cents >= 0 else -vat


def discount_label(group_name: str, discount_bp: int, language: str = "fr") -> str:
    """`Remise VIP −10 %` (the label of the discount line, as printed)."""
    if not discount_bp:
        return ""
    name = f" {group_name}" if group_name else ""
    word = "Remise" if language == "fr" else "Discount"
    return f"{word}{name} −{percent_bp(discount_bp, language)}"


def vat_breakdown(lines: Iterable[InvoiceLine]) -> tuple[VatRow, ...]:
    """One row per VAT rate, highest rate first; each row's total is the sum of its lines."""
    by_rate: dict[int, int] = {}
    for line in lines:
        by_rate[line.vat_rate_bp] = by_rate.get(line.vat_rate_bp, 0) + line.total_cents
    rows = []
    for rate in sorted(by_rate, reverse=True):
        total = by_rate[rate]
        vat = vat_of(total, rate)
        rows.append(VatRow(rate_bp=rate, base_cents=total - vat, vat_cents=vat, total_cents=total))
    return tuple(rows)


def price(lines: Sequence[TicketLine], discount_bp: int = 0, group_name: str = "") -> PricedTicket:
    """Price the lines with the group discount on each of them."""
    priced = []
    for position, line in enumerate(lines, start=1):
        gross = line.quantity * line.unit_price_cents
        discount = line_discount(gross, discount_bp)
        priced.append(
            InvoiceLine(
                position=position,
                name=line.name,
                quantity=line.quantity,
                unit_price_cents=line.unit_price_cents,
                vat_rate_bp=line.vat_rate_bp,
                gross_cents=gross,
                discount_cents=discount,
                total_cents=gross - discount,
                item_code=line.item_code,
                category=line.category,
                note=line.note,
                needs_preparation=line.needs_preparation,
            )
        )
    vat = vat_breakdown(priced)
    total = sum(p.total_cents for p in priced)
    vat_total = sum(r.vat_cents for r in vat)
    totals = Totals(
        gross_cents=sum(p.gross_cents for p in priced),
        discount_cents=sum(p.discount_cents for p in priced),
        total_cents=total,
        total_excl_vat_cents=total - vat_total,
        vat_cents=vat_total,
    )
    return PricedTicket(
        lines=tuple(priced),
        discount_label=discount_label(group_name, discount_bp) if priced else "",
        vat=vat,
        totals=totals,
        discount_bp=discount_bp,
        group_name=group_name,
    )


@dataclass(frozen=True, slots=True)
class Tender:
    """Money handed over at the till: a method and an amount (cash may exceed what is due)."""

    method: str
    amount_cents: int


@dataclass(frozen=True, slots=True)
class Settlement:
    payments: tuple[Payment, ...] = field(default_factory=tuple)
    paid_cents: int = 0
    remaining_cents: int = 0
    change_cents: int = 0

    @property
    def is_paid(self) -> bool:
        return self.remaining_cents == 0


ACCEPTED_METHODS = ("cash", "card", "cheque")


def settle(total_cents: int, tenders: Sequence[Tender]) -> Settlement:
    """What the tenders pay of `total_cents`, and the change due on cash.

    Only cash may go beyond what remains due (the excess is change). Raises PosError on a
    non-positive amount, an unknown method, or a card/cheque above what remains.
    """
    remaining = total_cents
    payments: list[Payment] = []
    change = 0
    for tender in tenders:
        if tender.method not in ACCEPTED_METHODS:
            raise PosError(
                Text(
                    "Ce moyen de paiement n'est pas encore disponible.",
                    "This payment method is not available yet.",
                )
            )
        if tender.amount_cents <= 0:
            raise PosError(
                Text("Le montant d'un paiement doit être positif.", "A payment must be positive.")
            )
        if remaining <= 0:
            raise PosError(
                Text("Le ticket est déjà entièrement payé.", "The ticket is already fully paid.")
            )
        if tender.method == "cash":
            settles = min(tender.amount_cents, remaining)
            tender_change = tender.amount_cents - settles
            change += tender_change
            payments.append(Payment("cash", settles, tender.amount_cents, tender_change))
        else:
            if tender.amount_cents > remaining:
                raise PosError(
                    Text(
                        "Un paiement par carte ou par chèque ne peut pas dépasser le reste dû.",
                        "A card or cheque payment cannot exceed what remains due.",
                    )
                )
            settles = tender.amount_cents
            payments.append(Payment(tender.method, settles))
        remaining -= settles
    return Settlement(tuple(payments), total_cents - remaining, remaining, change)
