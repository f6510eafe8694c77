"""An export and its import, round trip: customers holding every field, and every customer of
a directory as plain values to compare before and after (the times and the group's id
aside, which a re-import changes)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.data.tables import customer_table
from pos_clients.groups import CustomerGroup
from tests.helpers.factories import company, group, person


def customers_with_every_field(db: Database) -> CustomerGroup:
    """Three customers that fill every column of an export between them (accents, a
    foreign address and phones, quotes, `;` and a line break in the notes, consents given
    and refused), two of them in the returned group « VIP » (10 %)."""
    vip = group(db, "VIP", 1000)
    person(
        db,
        "Lefèvre-Œuvray",
        "Zoë",
        civility="Mme",
        email="zoe@orange.fr",
        phone="06 12 34 56 78",
        mobile="+32 470 12 34 56",
        address_line1="3 rue de l'Église",
        address_line2="Bât. B",
        postcode="75004",
        city="Paris",
        reference="4006381333931",
        account_number="411ZOE",
        group_id=vip.id,
        notes='Aime le pain "tradition";\nlivraison le mardi, 8h',
        birthday="14/07/1985",
        consents={"email": True},
    )
    person(db, "Müller", "Jörg", country="DE", postcode="10115", phone="+49 30 1234567")
    company(
        db,
        "Boulangerie Martin",
        legal_form="SARL",
        siret="73282932000074",
        vat_number="FR44732829320",
        contact_name="Paul Martin",
        consents={"email": False},
    )
    return vip


def snapshot(db: Database) -> list[dict[str, object]]:
    """Each customer's fields (consents as {channel: granted}), ordered by name."""
    with db.reader() as uow:
        ids = list(uow.session.scalars(select(customer_table.c.id)))
        everyone = [customers.get_customer(uow, i) for i in ids]
    result = []
    for c in everyone:
        d = dataclasses.asdict(c)
        d["consents"] = {k["channel"]: k["granted"] for k in d["consents"]}
        for volatile in ("created_at", "updated_at", "group_id"):
            d.pop(volatile)
        result.append(d)
    return sorted(result, key=lambda d: str(d["last_name"]) + str(d["company_name"]))


def without_ids(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if k != "id"} for r in rows]
