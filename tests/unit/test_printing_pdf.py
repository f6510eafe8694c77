"""The A4 invoice PDF: every legal mention, the customer's address, the same bytes each time."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from pos_clients.documents.pdf import invoice_file_name, invoice_pdf
from tests.helpers.printing_invoices import company_invoice, zoe_invoice


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # pypdf may split lines anywhere: compare on single spaces.
    return re.sub(r"\s+", " ", text)


def test_person_invoice_has_every_legal_mention_and_the_address() -> None:
    text = _text(invoice_pdf(zoe_invoice()))
    # Seller identity.
    for mention in (
        "Boulangerie Saint-Éloi",
        "12 rue des Rosiers",
        "SARL au capital de 10 000 €",
        "SIRET 12345678900017",
        "RCS Paris B 123 456 789",
        "TVA intracom. FR32123456789",
    ):
        assert mention in text, mention
    # Number and dates.
    assert "FACTURE" in text and "N° F2026-000123" in text
    assert "Date d'émission : 28/11/2026" in text and "Date de la vente : 28/11/2026" in text
    # Buyer.
    assert "Mme Zoë Lefèvre-Œuvray" in text
    assert "3 rue de l'Église" in text and "75004 Paris" in text
    # Lines: unit price excluding VAT and VAT rate.
    assert "PU HT" in text and "Baguette tradition" in text
    assert "1,23 €" in text and "5,5 %" in text and "20 %" in text
    # Totals, VAT per rate, payments.
    assert "Total HT 31,42 €" in text
    assert "TVA 5,5 % sur 3,33 € 0,18 €" in text
    assert "TVA 20 % sur 24,00 € 4,80 €" in text
    assert "Total TTC 36,81 €" in text
    assert "Remise VIP −10 % (TTC) -4,09 €" in text
    assert "Espèces 36,81 € (reçu 40,00 €, rendu 3,19 €)" in text
    assert "Facture acquittée le 28/11/2026" in text
    # B2B mentions.
    assert "pénalités de retard" in text and "trois fois le taux d'intérêt légal" in text
    assert "indemnité forfaitaire pour frais de recouvrement de 40 €" in text
    assert "Aucun escompte" in text
    assert "Catégorie de l'opération : livraison de biens" in text


def test_company_invoice_names_its_siren_and_vat_number() -> None:
    text = _text(invoice_pdf(company_invoice()))
    assert "Œnologie & Cie" in text and "8 avenue de l'Opéra" in text
    assert "SIREN 732829320" in text and "TVA intracom. FR44732829320" in text
    assert "Carte bancaire 40,90 €" in text


def test_the_same_invoice_gives_the_same_bytes() -> None:
    assert invoice_pdf(zoe_invoice()) == invoice_pdf(zoe_invoice())
    assert invoice_pdf(zoe_invoice()) != invoice_pdf(zoe_invoice("F2026-000999"))


def test_the_font_is_embedded_so_accents_render_anywhere() -> None:
    reader = PdfReader(io.BytesIO(invoice_pdf(zoe_invoice())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any("DejaVuSans" in name or "PosSans" in name for name in names), names
    for font in fonts.values():
        # Only embedded TrueType: no standard font that a viewer would substitute.
        assert font.get_object()["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()


def test_file_name() -> None:
    assert invoice_file_name(zoe_invoice()) == "Facture-F2026-000123.pdf"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_pdf_renders_to_an_a4_page_with_ink(tmp_path: Path) -> None:
    pdf = tmp_path / "facture.pdf"
    pdf.write_bytes(invoice_pdf(zoe_invoice()))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    image = Image.open(pages[0]).convert("L")
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert dark > 2000  # text, not a blank page


def test_a_long_invoice_runs_over_pages_with_the_table_header_repeated() -> None:
    invoice = zoe_invoice()
    lines = tuple(
        replace(invoice.lines[i % 3], position=i + 1, name=f"Article {i:03d}") for i in range(120)
    )
    reader = PdfReader(io.BytesIO(invoice_pdf(replace(invoice, lines=lines))))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert len(pages) >= 3
    assert all("Désignation" in page and "PU HT" in page for page in pages)
    assert all(f"page {n}" in page for n, page in enumerate(pages, start=1))
    assert "Total TTC" in pages[-1] and "Total TTC" not in pages[0]
    assert "Article 000" in pages[0] and "Article 119" in pages[-1]
