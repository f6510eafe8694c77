"""Demo catalogue: a café-boulangerie's items (breads, pastries, drinks, snacks)."""

from __future__ import annotations

from stdnum import ean

from pos_clients import items
from pos_clients.data.database import Database
from pos_clients.items import ItemDraft

# (name, price, VAT rate, category); VAT: 5,5 % take-away food, 10 % drinks and food eaten in,
# 20 % alcohol and confectionery, 2,1 % the press.
DEMO_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("Baguette tradition", "1,20", "5,5", "Pains"),
    ("Pain de campagne", "3,20", "5,5", "Pains"),
    ("Pain aux céréales", "3,60", "5,5", "Pains"),
    ("Ficelle", "0,90", "5,5", "Pains"),
    ("Croissant", "1,15", "5,5", "Viennoiseries"),
    ("Pain au chocolat", "1,30", "5,5", "Viennoiseries"),
    ("Pain aux raisins", "1,60", "5,5", "Viennoiseries"),
    ("Chausson aux pommes", "1,80", "5,5", "Viennoiseries"),
    ("Éclair au café", "2,60", "5,5", "Pâtisseries"),
    ("Tarte aux fraises (part)", "3,90", "5,5", "Pâtisseries"),
    ("Flan pâtissier", "2,80", "5,5", "Pâtisseries"),
    ("Paris-Brest", "4,20", "5,5", "Pâtisseries"),
    ("Café", "1,80", "10", "Boissons"),
    ("Café crème", "2,80", "10", "Boissons"),
    ("Chocolat chaud", "3,20", "10", "Boissons"),
    ("Thé", "2,50", "10", "Boissons"),
    ("Jus d'orange pressé", "3,80", "10", "Boissons"),
    ("Sandwich jambon-beurre", "4,80", "10", "Snacking"),
    ("Quiche lorraine", "4,50", "10", "Snacking"),
    ("Croque-monsieur", "5,20", "10", "Snacking"),
    ("Bouteille de cidre", "6,50", "20", "Épicerie"),
    ("Sachet de bonbons", "2,90", "20", "Épicerie"),
    ("Quotidien régional", "1,40", "2,1", "Presse"),
)


def demo_code(index: int) -> str:
    """A valid EAN-13 in a made-up company prefix, one per demo item."""
    stem = f"3760001{index:05d}"
    return stem + ean.calc_check_digit(stem)


def make_demo_items(db: Database) -> int:
    """Add the demo items that are not there yet (by code); return how many were added."""
    added = 0
    with db.uow() as uow:
        for index, (name, price, vat, category) in enumerate(DEMO_ITEMS, start=1):
            code = demo_code(index)
            if items.find_by_barcode(uow, code) is not None:
                continue
            needs_preparation = category == "Snacking"
            items.add_item(uow, ItemDraft(name, price, vat, code, category, needs_preparation))
            added += 1
        uow.commit()
    return added
