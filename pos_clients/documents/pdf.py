"""The A4 invoice as a PDF (P3), with every mention a French invoice must carry.

Seller (name, legal form and capital, address, SIRET, RCS, VAT number), number and dates,
buyer (name, address, and for a company its SIREN and VAT number), lines with unit price
excluding VAT and VAT rate, totals excluding VAT, VAT by rate, total including VAT, payments,
and the B2B mentions (late-payment penalties, the 40 € fixed recovery fee, no discount for
early payment). The font is bundled so every accent renders; reportlab's invariant mode makes
the same invoice give the same bytes.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pos_clients.documents import wording as w
from pos_clients.invoice_model import IssuedInvoice

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT = "PosSans"
FONT_BOLD = "PosSans-Bold"

LATE_PAYMENT_MENTION = (
    "En cas de retard de paiement, des pénalités de retard sont exigibles au taux égal à trois "
    "fois le taux d'intérêt légal (article L441-10 du Code de commerce), ainsi qu'une "
    "indemnité forfaitaire pour frais de recouvrement de 40 € (article D441-5 du Code de "
    "commerce)."
)
NO_EARLY_DISCOUNT_MENTION = "Aucun escompte n'est accordé pour paiement anticipé."
OPERATION_MENTION = "Catégorie de l'opération : livraison de biens."
VAT_EXEMPT_MENTION = "TVA non applicable, article 293 B du Code général des impôts."


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "shop": ParagraphStyle("shop", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22, alignment=TA_RIGHT
        ),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
    }


def _p(text: str, style: str = "base") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _lines(lines: list[str], style: str = "base", first_bold: bool = False) -> Paragraph:
    parts = [escape(line) for line in lines if line]
    if first_bold and parts:
        parts[0] = f"<b>{parts[0]}</b>"
    return Paragraph("<br/>".join(parts), _styles()[style])


def _header(invoice: IssuedInvoice) -> Table:
    shop = invoice.shop
    seller = [
        _p(shop.name, "shop"),
        _lines(w.shop_lines(shop) + ([shop.email] if shop.email else [])),
        _lines(w.shop_legal_lines(shop), "small"),
    ]
    title = "AVOIR" if invoice.kind == "credit_note" else "FACTURE"
    facts = [
        f"N° {invoice.number}",
        f"Date d'émission : {w.date_fr(invoice.issued_at)}",
        f"Date de la vente : {w.date_fr(invoice.issued_at)}",
    ]
    if invoice.corrects:
        facts.append(f"Rectifie la facture n° {invoice.corrects}")
    facts.append(f"{invoice.till} — {invoice.cashier}" if invoice.cashier else invoice.till)
    right = [_p(title, "title"), _lines(facts, "right", first_bold=True)]
    table = Table([[seller, right]], colWidths=[105 * mm, 75 * mm])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT)])
    )
    return table


def _buyer(invoice: IssuedInvoice) -> Table:
    customer = invoice.customer
    if customer is None:
        lines = ["Client comptoir"]
    else:
        lines = w.customer_name_lines(customer) + customer.address_lines + w.customer_ids(customer)
        if customer.email:
            lines.append(customer.email)
    box = [_p("Facturé à", "small"), _lines(lines, first_bold=True)]
    table = Table([["", box]], colWidths=[100 * mm, 80 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("BOX", (1, 0), (1, 0), 0.6, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
            ]
        )
    )
    return table


def _line_table(invoice: IssuedInvoice) -> Table:
    rows: list[list[Any]] = [
        ["Désignation", "Qté", "PU HT", "TVA", "Remise HT", "Total HT"],
    ]
    for line in invoice.lines:
        name = line.name if not line.note else f"{line.name} — {line.note}"
        rows.append(
            [
                _p(name, "cell"),
                str(line.quantity),
                w.money(w.excl_vat(line.unit_price_cents, line.vat_rate_bp)),
                w.rate(line.vat_rate_bp),
                w.money(w.excl_vat(line.discount_cents, line.vat_rate_bp))
                if line.discount_cents
                else "",
                w.money(w.excl_vat(line.total_cents, line.vat_rate_bp)),
            ]
        )
    table = Table(
        rows,
        colWidths=[76 * mm, 12 * mm, 22 * mm, 16 * mm, 24 * mm, 30 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    return table


def _totals(invoice: IssuedInvoice) -> Table:
    totals = invoice.totals
    rows: list[list[str]] = []
    if totals.discount_cents:
        label = invoice.discount_label or "Remise"
        rows.append([f"{label} (TTC)", w.money(-totals.discount_cents)])
    rows.append(["Total HT", w.money(totals.total_excl_vat_cents)])
    for vat in invoice.vat:
        rows.append(
            [f"TVA {w.rate(vat.rate_bp)} sur {w.money(vat.base_cents)}", w.money(vat.vat_cents)]
        )
    rows.append(["Total TVA", w.money(totals.vat_cents)])
    rows.append(["Total TTC", w.money(totals.total_cents)])
    table = Table([["", *row] for row in rows], colWidths=[80 * mm, 65 * mm, 35 * mm])
    last = len(rows) - 1
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("FONT", (1, last), (-1, last), FONT_BOLD, 10.5),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("LINEABOVE", (1, last), (-1, last), 0.8, colors.black),
            ]
        )
    )
    return table


def _payments(invoice: IssuedInvoice) -> Paragraph:
    parts = []
    for payment in invoice.payments:
        text = f"{w.payment_label(payment.method)} {w.money(payment.amount_cents)}"
        if payment.change_cents:
            given = w.money(payment.given_cents)
            text += f" (reçu {given}, rendu {w.money(payment.change_cents)})"
        parts.append(text)
    on_account = any(p.method == "account" for p in invoice.payments)
    status = (
        "Montant porté au compte client."
        if on_account
        else f"Facture acquittée le {w.date_fr(invoice.issued_at)}."
    )
    return _p(f"Règlement : {', '.join(parts) or '—'}. {status}")


def _mentions(invoice: IssuedInvoice) -> list[Paragraph]:
    mentions = [OPERATION_MENTION]
    if not invoice.shop.vat_number and all(row.rate_bp == 0 for row in invoice.vat):
        mentions.append(VAT_EXEMPT_MENTION)
    mentions += [NO_EARLY_DISCOUNT_MENTION, LATE_PAYMENT_MENTION]
    return [_p(text, "small") for text in mentions]


def _footer(invoice: IssuedInvoice) -> Any:
    shop = invoice.shop
    legal = " — ".join([shop.name, *w.shop_legal_lines(shop)])

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, legal)
        canvas.drawRightString(A4[0] - 15 * mm, 6 * mm, f"{invoice.number} — page {doc.page}")
        canvas.restoreState()

    return draw


def invoice_pdf(invoice: IssuedInvoice) -> bytes:
    """The invoice as PDF bytes (the same bytes for the same invoice)."""
    _register_fonts()
    buffer = io.BytesIO()
    title = "Avoir" if invoice.kind == "credit_note" else "Facture"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"{title} {invoice.number}",
        author=invoice.shop.name,
        creator="POS Clients",
        subject=f"{title} {invoice.number}",
        invariant=1,
        initialFontName=FONT,  # no unembedded Helvetica in the file
        initialFontSize=9,
    )
    story: list[Any] = [
        _header(invoice),
        Spacer(1, 6 * mm),
        _buyer(invoice),
        Spacer(1, 8 * mm),
        _line_table(invoice),
        Spacer(1, 4 * mm),
        _totals(invoice),
        Spacer(1, 6 * mm),
        _payments(invoice),
        Spacer(1, 6 * mm),
        *_mentions(invoice),
    ]
    footer = _footer(invoice)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def invoice_file_name(invoice: IssuedInvoice) -> str:
    """`Facture-F2026-000123.pdf`."""
    title = "Avoir" if invoice.kind == "credit_note" else "Facture"
    return f"{title}-{invoice.number}.pdf"
