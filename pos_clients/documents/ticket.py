"""The receipt and the preparation ticket as rows, and their layout on a paper width.

`receipt(invoice)` and `preparation_ticket(invoice)` say what is printed; `layout(ticket,
columns)` says where, as lines of exactly `columns` characters (words wrapped, amounts
right-aligned). The ESC/POS bytes and the on-screen preview both render these lines, so what
the cashier sees is what the printer prints.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

from pos_clients.documents import wording as w
from pos_clients.invoice_model import IssuedInvoice

COLUMN_CHOICES = (32, 42, 48)
DUPLICATE_MARK = "*** DUPLICATA ***"


@dataclass(frozen=True, slots=True)
class Row:
    """One thing to print: text (with an amount on the right), a rule or a blank line."""

    left: str = ""
    right: str = ""
    kind: Literal["text", "rule", "blank"] = "text"
    center: bool = False
    bold: bool = False
    big: bool = False  # double height: the preparation ticket's customer and items
    indent: int = 0  # of the wrapped continuation lines


@dataclass(frozen=True, slots=True)
class Ticket:
    kind: Literal["receipt", "preparation"]
    number: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class PrintLine:
    """A laid-out line, exactly as wide as the paper."""

    text: str
    bold: bool = False
    big: bool = False


RULE = Row(kind="rule")
BLANK = Row(kind="blank")


def receipt(invoice: IssuedInvoice, *, footer: str = "", duplicate: bool = False) -> Ticket:
    """The ticket de caisse (P1): shop, number, lines, discount, totals, VAT, payments, customer."""
    rows: list[Row] = []
    if duplicate:
        rows += [Row(DUPLICATE_MARK, center=True, bold=True), BLANK]
    shop = invoice.shop
    rows.append(Row(shop.name, center=True, bold=True, big=True))
    rows += [Row(line, center=True) for line in w.shop_lines(shop)]
    rows += [Row(line, center=True) for line in w.shop_legal_lines(shop)]
    rows.append(RULE)
    title = "Avoir" if invoice.kind == "credit_note" else "Facture"
    rows.append(Row(f"{title} {invoice.number}", bold=True))
    if invoice.corrects:
        rows.append(Row(f"Rectifie la facture {invoice.corrects}"))
    rows.append(
        Row(f"Le {w.date_fr(invoice.issued_at)} à {w.time_fr(invoice.issued_at)}", invoice.till)
    )
    if invoice.cashier:
        rows.append(Row(f"Caissier : {invoice.cashier}"))
    customer = invoice.customer
    if customer is not None:
        rows += [RULE, Row("Client :")]
        rows += [Row(line, bold=True) for line in w.customer_name_lines(customer)]
        rows += [Row(line) for line in customer.address_lines]
        rows += [Row(line) for line in w.customer_ids(customer)]
    rows.append(RULE)
    for line in invoice.lines:
        rows.append(Row(w.quantity_line(line), w.money(line.gross_cents), indent=2))
        if line.quantity != 1:
            rows.append(Row(f"   à {w.money(line.unit_price_cents)}"))
    totals = invoice.totals
    if totals.discount_cents:
        label = invoice.discount_label or "Remise"
        rows.append(Row(label, w.money(-totals.discount_cents)))
    rows += [RULE, Row("TOTAL TTC", w.money(totals.total_cents), bold=True, big=True)]
    rows.append(Row("Total HT", w.money(totals.total_excl_vat_cents)))
    rows.append(Row("dont TVA", w.money(totals.vat_cents)))
    for vat in invoice.vat:
        rows.append(
            Row(
                f"TVA {w.rate(vat.rate_bp)} sur {w.money(vat.base_cents)}",
                w.money(vat.vat_cents),
            )
        )
    rows.append(RULE)
    for payment in invoice.payments:
        given = payment.given_cents or payment.amount_cents
        rows.append(Row(w.payment_label(payment.method), w.money(given)))
        if payment.change_cents:
            rows.append(Row("Rendu", w.money(payment.change_cents)))
    if footer:
        rows.append(BLANK)
        rows += [Row(line, center=True) for line in footer.splitlines()]
    if duplicate:
        rows += [BLANK, Row(DUPLICATE_MARK, center=True, bold=True)]
    return Ticket("receipt", invoice.number, tuple(rows))


def needs_preparation(invoice: IssuedInvoice) -> bool:
    return any(line.needs_preparation for line in invoice.lines)


def preparation_ticket(invoice: IssuedInvoice, *, duplicate: bool = False) -> Ticket:
    """The ticket de préparation (P2): number, time, items with notes, the customer in big."""
    rows: list[Row] = []
    if duplicate:
        rows += [Row(DUPLICATE_MARK, center=True, bold=True), BLANK]
    rows.append(Row("PRÉPARATION", center=True, bold=True, big=True))
    rows.append(Row(f"Ticket {invoice.number}", w.time_fr(invoice.issued_at), bold=True))
    rows.append(Row(f"Le {w.date_fr(invoice.issued_at)}", invoice.till))
    customer = invoice.customer
    if customer is not None:
        rows.append(RULE)
        rows += [Row(line, bold=True, big=True) for line in w.customer_name_lines(customer)]
        rows += [Row(line, big=True) for line in customer.address_lines]
        phone = customer.mobile or customer.phone
        if phone:
            rows.append(Row(f"Tél. {phone}"))
    rows.append(RULE)
    for line in invoice.lines:
        if not line.needs_preparation:
            continue
        rows.append(Row(f"{line.quantity} x {line.name}", bold=True, big=True, indent=2))
        if line.note:
            rows.append(Row(f"  > {line.note}", indent=4))
    rows.append(RULE)
    if duplicate:
        rows.append(Row(DUPLICATE_MARK, center=True, bold=True))
    return Ticket("preparation", invoice.number, tuple(rows))


def _wrap(text: str, width: int, indent: int = 0) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        subsequent_indent=" " * min(indent, width // 4),
        break_long_words=True,
        break_on_hyphens=False,
    ) or [""]


def layout(ticket: Ticket, columns: int) -> list[PrintLine]:
    """The ticket as lines of exactly `columns` characters."""
    out: list[PrintLine] = []
    for row in ticket.rows:
        if row.kind == "rule":
            out.append(PrintLine("-" * columns))
            continue
        if row.kind == "blank":
            out.append(PrintLine(" " * columns))
            continue
        if row.right:
            right = row.right[:columns]
            room = columns - len(right) - 1
            if room >= 8:
                parts = _wrap(row.left, room, row.indent)
                texts = [parts[0].ljust(room) + " " + right]
                texts += [p.ljust(columns) for p in parts[1:]]
            else:
                texts = [p.ljust(columns) for p in _wrap(row.left, columns, row.indent)]
                texts.append(right.rjust(columns))
            out += [PrintLine(t, row.bold, row.big) for t in texts]
            continue
        for part in _wrap(row.left, columns, row.indent):
            text = part.center(columns) if row.center else part.ljust(columns)
            out.append(PrintLine(text, row.bold, row.big))
    return out


def preview_text(ticket: Ticket, columns: int = 42) -> str:
    """The ticket as the paper will show it, for the screen and for `--receipt -`."""
    return "\n".join(line.text.rstrip() for line in layout(ticket, columns)) + "\n"


def test_ticket(shop_name: str, columns: int, codepage: str) -> Ticket:
    """What the « Impression de test » button prints: width, accents, euro sign, cut."""
    ruler = "".join(str(i % 10) for i in range(1, columns + 1))
    rows = (
        Row("Impression de test", center=True, bold=True, big=True),
        Row(shop_name, center=True),
        RULE,
        Row(f"Colonnes : {columns}"),
        Row(f"Page de code : {codepage}"),
        Row(ruler),
        Row("Accents : àâäçéèêëîïôöùûüÿ ÀÉÈÇ"),
        Row("Symboles : € « » ° £"),
        Row("Montant", w.money(123456)),
        RULE,
    )
    return Ticket("receipt", "TEST", rows)
