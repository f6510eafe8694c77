"""An issued invoice as plain text (command line, Historique view): what it showed, as issued."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pos_clients.closings import local_day, shop_timezone
from pos_clients.formatting import money, percent_bp
from pos_clients.i18n import Language, current_language
from pos_clients.invoice_model import IssuedInvoice
from pos_clients.tickets import discount_label

METHOD_NAMES: dict[str, tuple[str, str]] = {
    "cash": ("Espèces", "Cash"),
    "card": ("Carte bancaire", "Card"),
    "cheque": ("Chèque", "Cheque"),
    "account": ("Compte client", "Customer account"),
}


def method_name(method: str, language: Language | None = None) -> str:
    fr, en = METHOD_NAMES.get(method, (method, method))
    return fr if (language or current_language()) == "fr" else en


def local_stamp(issued_at_utc: datetime) -> str:
    """`27/11/2026 18:14`: a stored (naive UTC) time in the shop's time zone."""
    zone = shop_timezone()
    stamp = issued_at_utc.replace(tzinfo=UTC)
    local = stamp.astimezone(zone) if zone else stamp
    return f"{local_day(issued_at_utc).strftime('%d/%m/%Y')} {local.strftime('%H:%M')}"


def local_time(invoice: IssuedInvoice) -> str:
    return local_stamp(invoice.issued_at)


def invoice_json(invoice: IssuedInvoice) -> dict[str, Any]:
    """The invoice as a JSON object: its hashed content plus its hash."""
    data = invoice.content()
    data["hash"] = invoice.hash
    return data


def invoice_text(invoice: IssuedInvoice, language: Language | None = None) -> str:
    lang: Language = language or current_language()
    fr = lang == "fr"

    def m(cents: int) -> str:
        return money(cents, lang)

    shop = invoice.shop
    out = [shop.name]
    out += [x for x in (shop.address_line1, shop.address_line2) if x]
    town = " ".join(x for x in (shop.postcode, shop.city) if x)
    if town:
        out.append(town)
    if shop.siret:
        out.append(f"SIRET {shop.siret}")
    if shop.vat_number:
        out.append(("TVA intracom. " if fr else "VAT no. ") + shop.vat_number)
    out.append("")
    title = (
        ("Facture" if fr else "Invoice")
        if invoice.kind == "invoice"
        else ("Avoir" if fr else "Credit note")
    )
    out.append(f"{title} {invoice.number} — {local_time(invoice)}")
    if invoice.corrects:
        out.append(("Annule la facture " if fr else "Cancels invoice ") + invoice.corrects)
    out.append(
        ("Caisse : " if fr else "Till: ")
        + invoice.till
        + (f" — {'Caissier : ' if fr else 'Cashier: '}{invoice.cashier}" if invoice.cashier else "")
    )
    customer = invoice.customer
    if customer is not None:
        out.append("")
        out.append(("Client : " if fr else "Customer: ") + customer.full_name)
        out += customer.address_lines
        if customer.reference:
            out.append(("Référence : " if fr else "Reference: ") + customer.reference)
        if customer.group:
            out.append(("Groupe : " if fr else "Group: ") + customer.group)
    out.append("")
    vat = "TVA" if fr else "VAT"
    for line in invoice.lines:
        out.append(
            f"{line.quantity} × {line.name}  {m(line.unit_price_cents)}  "
            f"{vat} {percent_bp(line.vat_rate_bp, lang)}  {m(line.gross_cents)}"
        )
    if invoice.totals.discount_cents:
        label = invoice.discount_label or ("Remise" if fr else "Discount")
        if not fr and customer is not None and customer.group_discount_bp:
            # The invoice keeps the French label it was issued with; told in English here.
            label = discount_label(customer.group, customer.group_discount_bp, lang)
        out.append(f"{label}  {m(-invoice.totals.discount_cents)}")
    out.append("")
    out.append(f"{'Total TTC' if fr else 'Total incl. VAT'}  {m(invoice.totals.total_cents)}")
    out.append(
        f"{'Total HT' if fr else 'Total excl. VAT'}  {m(invoice.totals.total_excl_vat_cents)}"
    )
    for row in invoice.vat:
        out.append(
            f"{vat} {percent_bp(row.rate_bp, lang)}{' :' if fr else ':'} "
            f"base {m(row.base_cents)}  "
            f"{'TVA' if fr else 'VAT'} {m(row.vat_cents)}  "
            f"{'TTC' if fr else 'total'} {m(row.total_cents)}"
        )
    out.append("")
    for p in invoice.payments:
        extra = ""
        if p.change_cents:
            extra = (
                f" ({'donné' if fr else 'given'} {m(p.given_cents)}, "
                f"{'rendu' if fr else 'change'} {m(p.change_cents)})"
            )
        out.append(f"{method_name(p.method, lang)}  {m(p.amount_cents)}{extra}")
    return "\n".join(out)
