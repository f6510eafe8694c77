"""Receipts and preparation tickets as ESC/POS bytes, read back as the printer prints them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_clients.documents import wording
from pos_clients.documents.escpos import Paper, fold_for_codepage, ticket_bytes
from pos_clients.documents.ticket import layout, preparation_ticket, preview_text, receipt
from tests.helpers.printing_escpos import decode_escpos
from tests.helpers.printing_invoices import company_invoice, zoe_invoice

GOLDEN = Path(__file__).parent / "golden"
FOOTER = "Merci de votre visite !\nÀ bientôt"


def _golden(name: str, data: bytes) -> bytes:
    """The reviewed bytes; POS_CLIENTS_UPDATE_GOLDEN=1 rewrites them (then read the diff)."""
    path = GOLDEN / name
    if os.environ.get("POS_CLIENTS_UPDATE_GOLDEN"):
        path.write_bytes(data)
    return path.read_bytes()


def test_receipt_bytes_match_the_golden_file() -> None:
    data = ticket_bytes(receipt(zoe_invoice(), footer=FOOTER), Paper(columns=42))
    assert data == _golden("receipt_zoe_42.bin", data)


def test_preparation_bytes_match_the_golden_file() -> None:
    data = ticket_bytes(preparation_ticket(zoe_invoice()), Paper(columns=32))
    assert data == _golden("preparation_zoe_32.bin", data)


def test_receipt_reads_back_in_cp858_with_the_customer_and_the_money() -> None:
    printout = decode_escpos(ticket_bytes(receipt(zoe_invoice(), footer=FOOTER)))
    text = printout.text
    assert printout.codepage == 19  # CP858 selected once, at the top
    assert printout.cut
    assert "Boulangerie Saint-Éloi" in text
    assert "SIRET 12345678900017" in text and "TVA intracom. FR32123456789" in text
    assert "Facture F2026-000123" in text
    assert "Le 28/11/2026 à 10:42" in text  # 09:42 UTC is 10:42 in Paris in November
    assert "Caissier : Julie" in text
    # Œ is not in CP858: folded to OE, never "?"; the accents that CP858 has stay.
    assert "Mme Zoë Lefèvre-OEuvray" in text
    assert "3 rue de l'Église" in text and "75004 Paris" in text
    assert "?" not in text
    assert "Remise VIP -10 %" in text
    lines = {line.text.split("  ")[0].strip(): line.text for line in printout.lines}
    assert lines["TOTAL TTC"].endswith("36,81 €")
    assert lines["Espèces"].endswith("40,00 €")
    assert lines["Rendu"].endswith("3,19 €")
    assert any(line.text.startswith("TVA 5,5 % sur") for line in printout.lines)
    assert any(line.text.startswith("TVA 20 % sur") for line in printout.lines)
    assert "Merci de votre visite !" in text
    assert all(len(line.text) <= 42 for line in printout.lines)


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_amounts_are_right_aligned_on_every_paper_width(columns: int) -> None:
    printout = decode_escpos(ticket_bytes(receipt(zoe_invoice()), Paper(columns=columns)))
    amounts = ("TOTAL TTC", "Total HT", "dont TVA", "TVA ", "Espèces", "Rendu", "3 x Bag")
    checked = 0
    for line in printout.lines:
        assert len(line.text) <= columns
        if line.text.startswith(amounts):
            # The amount ends exactly at the paper's edge.
            assert line.text.endswith(" €") and len(line.text) == columns, line.text
            checked += 1
    assert checked == 9


def test_long_item_names_wrap_on_words() -> None:
    lines = [line.text for line in layout(receipt(zoe_invoice()), 32)]
    first = next(i for i, text in enumerate(lines) if text.startswith("Fraisier"))
    assert lines[first].rstrip().endswith("32,00 €")
    assert lines[first + 1].strip() == "maison »"


def test_preparation_ticket_has_the_customer_in_big_print_and_no_prices() -> None:
    printout = decode_escpos(ticket_bytes(preparation_ticket(zoe_invoice()), Paper(columns=32)))
    big = [line.text.strip() for line in printout.lines if line.big]
    assert "Mme Zoë Lefèvre-OEuvray" in big
    assert "3 rue de l'Église" in big and "75004 Paris" in big
    assert "1 x Fraisier 6 parts « maison »" in big
    text = printout.text
    assert "Ticket F2026-000123" in text and "10:42" in text
    assert "Joyeux anniversaire" in text  # the note
    assert "Baguette" not in text  # only what needs preparing
    assert "€" not in text
    assert printout.cut


def test_duplicate_reprint_says_duplicata() -> None:
    text = decode_escpos(ticket_bytes(receipt(zoe_invoice(), duplicate=True))).text
    assert text.count("*** DUPLICATA ***") == 2


def test_company_receipt_shows_siren_and_vat_number() -> None:
    text = preview_text(receipt(company_invoice()), 42)
    assert "Œnologie & Cie" in text and "Bérénice Dupré" in text
    assert "SIREN 732829320" in text and "TVA intracom. FR44732829320" in text
    assert "Carte bancaire" in text


def test_counter_sale_has_no_customer_block() -> None:
    text = preview_text(receipt(zoe_invoice(customer=None)), 42)
    assert "Client :" not in text
    assert "Remise" not in text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Lefèvre-Œuvray", "Lefèvre-OEuvray"),
        ("L’Haÿ-les-Roses", "L'Haÿ-les-Roses"),
        ("Łukasz Żółć", "Lukasz Zólc"),
        ("café — 3 €", "café - 3 €"),
        ("Straße", "Straße"),  # ß is in CP858
    ],
)
def test_characters_outside_the_code_page_fold_to_ascii(text: str, folded: str) -> None:
    assert fold_for_codepage(text, "CP858") == folded


def test_another_code_page_folds_the_euro_sign() -> None:
    assert fold_for_codepage("12,00 €", "CP437") == "12,00 EUR"


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_money_matches_babel(cents: int) -> None:
    assert wording.money(cents) == wording.babel_money(cents)
