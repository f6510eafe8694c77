"""A small shop's directory (groups, people, companies) for screenshots and UI tests."""

from __future__ import annotations

from pos_clients import customers, groups
from pos_clients.customers import CustomerDraft
from pos_clients.data.database import Database

PEOPLE = (
    ("Mme", "Hélène", "Lefèvre", "helene.lefevre@orange.fr", "06 12 34 56 78", "75004", "Paris"),
    ("M.", "Jean", "Dupont", "jean.dupont@free.fr", "06 98 76 54 32", "69002", "Lyon"),
    ("Mme", "Zoë", "Martin", "", "04 78 12 34 56", "69003", "Lyon"),
    ("M.", "François", "Bernard", "f.bernard@laposte.net", "", "33000", "Bordeaux"),
    ("Mme", "Amélie", "Petit", "amelie.petit@gmail.com", "07 61 22 33 44", "13001", "Marseille"),
    ("M.", "Loïc", "Le Gall", "", "02 98 44 55 66", "29200", "Brest"),
    ("Mme", "Chloé", "Moreau", "chloe.moreau@sfr.fr", "06 55 44 33 22", "44000", "Nantes"),
    ("M.", "Noël", "Girard", "noel.girard@wanadoo.fr", "", "67000", "Strasbourg"),
)
COMPANIES = (
    ("Boulangerie Dupain", "SARL", "73282932000074", "contact@dupain.fr", "01 42 00 11 22"),
    ("Café de la Gare", "SAS", "", "bonjour@cafedelagare.fr", "03 20 11 22 33"),
    ("Éts Rivière & Fils", "SA", "", "", "05 61 22 33 44"),
)
EANS = ("4006381333931", "3017620422003", "5449000000996", "2900000000018")


def fill_demo_directory(db: Database) -> dict[str, int]:
    """A few groups and customers of both kinds, like a small shop's directory; group ids."""
    with db.uow() as uow:
        vip = groups.create_group(uow, "VIP", 1000)
    with db.uow() as uow:
        pro = groups.create_group(uow, "Professionnels", 500)
    with db.uow() as uow:
        staff = groups.create_group(uow, "Personnel", 1500)
    with db.uow() as uow:
        groups.create_group(uow, "Association du quartier", 250)
    group_cycle = [vip.id, None, pro.id, None, staff.id, None, vip.id, None]
    for i, (civ, first, last, email, phone, postcode, city) in enumerate(PEOPLE):
        draft = CustomerDraft(
            kind="person",
            civility=civ,
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            postcode=postcode,
            city=city,
            address_line1=f"{3 + i * 7} rue de la République",
            reference=EANS[i] if i < len(EANS) else "",
            group_id=group_cycle[i],
        )
        with db.uow() as uow:
            customers.create_customer(uow, draft)
    for name, form, siret, email, phone in COMPANIES:
        draft = CustomerDraft(
            kind="company",
            company_name=name,
            legal_form=form,
            siret=siret,
            email=email,
            phone=phone,
            postcode="59000",
            city="Lille",
            group_id=pro.id,
            account_number="411"
            + "".join(c for c in name.upper() if c.isascii() and c.isalpha())[:6],
        )
        with db.uow() as uow:
            customers.create_customer(uow, draft)
    return {"VIP": vip.id, "Professionnels": pro.id, "Personnel": staff.id}
