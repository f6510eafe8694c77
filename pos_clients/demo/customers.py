"""Demo customers: Faker `fr_FR` people and companies, groups, loyalty cards, in bulk.

Names, streets and cities are drawn once from Faker into pools and combined with a seeded
random generator, which keeps a million customers to a couple of minutes. Every value is
valid by construction (the tests check samples against the real field checks): SIRET with
its Luhn key, VAT number with its key, EAN-13 cards `04…` with their check digit, French
phones in the numbering plan. On SQLite the search triggers are set aside during the load
and the new rows are indexed in one statement at the end, all in one transaction: an
interrupted demo leaves nothing behind, and a finished one leaves a complete index.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Connection, func, select

from pos_clients.customers import CleanCustomer, now, stored_values
from pos_clients.data import search_index
from pos_clients.data.bulk import insert_customers, insert_rows
from pos_clients.data.database import Database
from pos_clients.data.tables import consent_table, customer_table
from pos_clients.demo import Progress
from pos_clients.demo.numbers import french_vat, loyalty_reference, siret
from pos_clients.folding import words
from pos_clients.groups import create_group, find_group
from pos_clients.i18n import Text

DEFAULT_CUSTOMERS = 200
CHUNK = 10_000
C = customer_table.c

# (name, discount in basis points)
DEMO_GROUPS = (("VIP", 1000), ("Professionnels", 500), ("Personnel", 2000), ("Fidèles", 300))
_DOMAINS = (
    "orange.fr",
    "gmail.com",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "hotmail.fr",
    "wanadoo.fr",
    "yahoo.fr",
    "outlook.fr",
    "icloud.com",
)
_LEGAL_FORMS = ("SARL", "SAS", "SASU", "EURL", "SA", "SCI", "EI", "Association")


@dataclass(frozen=True, slots=True)
class DemoCustomers:
    count: int
    seconds: float


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--customers",
        type=int,
        default=DEFAULT_CUSTOMERS,
        metavar="N",
        help=f"nombre de clients (défaut {DEFAULT_CUSTOMERS}) / number of customers",
    )
    parser.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)


def fill(db: Database, args: argparse.Namespace, progress: Progress | None) -> Text | None:
    if args.customers <= 0:
        return None
    made = fill_customers(db, args.customers, seed=args.seed, progress=progress)
    return Text(
        f"{made.count} clients de démonstration créés en {made.seconds:.1f} s.",
        f"{made.count} demo customers created in {made.seconds:.1f} s.",
    )


class _Pools:
    def __init__(self, seed: int) -> None:
        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        self.female = list({fake.first_name_female() for _ in range(3000)})
        self.male = list({fake.first_name_male() for _ in range(3000)})
        self.last = list({fake.last_name() for _ in range(6000)})
        self.streets = [fake.street_address() for _ in range(5000)]
        self.places = [(fake.postcode(), fake.city()) for _ in range(5000)]
        self.companies = list({fake.company() for _ in range(5000)})


def _mobile(rng: random.Random) -> str:
    return f"+336{rng.choice('0124578')}{rng.randrange(10**7):07d}"


def _landline(rng: random.Random) -> str:
    # Geographic numbers: 01/03 then any 8 digits; 04 and 05 with a second digit in use.
    lead = rng.choice(("1", "3", "4" + rng.choice("123456789"), "5" + rng.choice("12345678")))
    return f"+33{lead}{rng.randrange(10 ** (9 - len(lead))):0{9 - len(lead)}d}"


def _email(rng: random.Random, *names: str) -> str:
    local = ".".join(w for n in names for w in words(n))[:40] or "client"
    if rng.random() < 0.4:
        local += str(rng.randrange(1, 999))
    return f"{local}@{rng.choice(_DOMAINS)}"


def _customer(
    rng: random.Random, pools: _Pools, n: int, groups: dict[str, int]
) -> tuple[CleanCustomer, bool | None]:
    postcode, city = rng.choice(pools.places)
    reference = loyalty_reference(n) if rng.random() < 0.9 else None
    address2 = rng.choice(("", "", "", "", "Bâtiment B", "Appartement 12", "3e étage"))
    if rng.random() < 0.15:
        company = rng.choice(pools.companies)
        number = siret(rng)
        contact = f"{rng.choice(pools.female + pools.male)} {rng.choice(pools.last)}"
        email = _email(rng, "contact", company) if rng.random() < 0.85 else None
        group = groups["Professionnels"] if rng.random() < 0.7 else None
        account = None
        if rng.random() < 0.3:
            account = ("411" + "".join(words(company)).upper())[:20]
        data = CleanCustomer(
            kind="company",
            civility="",
            first_name="",
            last_name="",
            company_name=company,
            legal_form=rng.choice(_LEGAL_FORMS),
            siret=number,
            vat_number=french_vat(number[:9]) if rng.random() < 0.8 else "",
            contact_name=contact,
            email=email,
            phone=_landline(rng),
            mobile=_mobile(rng) if rng.random() < 0.5 else None,
            address_line1=rng.choice(pools.streets),
            address_line2=address2,
            postcode=postcode,
            city=city,
            country="FR",
            reference=reference,
            account_number=account or None,
            group_id=group,
            notes="",
            birthday=None,
        )
    else:
        female = rng.random() < 0.52
        first = rng.choice(pools.female if female else pools.male)
        last = rng.choice(pools.last)
        roll = rng.random()
        group = (
            groups["VIP"]
            if roll < 0.05
            else groups["Personnel"]
            if roll < 0.06
            else groups["Fidèles"]
            if roll < 0.16
            else None
        )
        email = _email(rng, first, last) if rng.random() < 0.75 else None
        data = CleanCustomer(
            kind="person",
            civility=("Mme" if female else "M.") if rng.random() < 0.9 else "",
            first_name=first,
            last_name=last,
            company_name="",
            legal_form="",
            siret="",
            vat_number="",
            contact_name="",
            email=email,
            phone=_landline(rng) if rng.random() < 0.25 else None,
            mobile=_mobile(rng) if rng.random() < 0.8 else None,
            address_line1=rng.choice(pools.streets) if rng.random() < 0.7 else "",
            address_line2=address2,
            postcode=postcode,
            city=city,
            country="FR",
            reference=reference,
            account_number=None,
            group_id=group,
            notes="Allergique aux fruits à coque" if rng.random() < 0.01 else "",
            birthday=date(1940, 1, 1) + timedelta(days=rng.randrange(24_000))
            if rng.random() < 0.6
            else None,
        )
    consent = (rng.random() < 0.6) if data.email and rng.random() < 0.7 else None
    return data, consent


def _demo_groups(db: Database) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, discount in DEMO_GROUPS:
        with db.uow() as uow:
            group = find_group(uow, name) or create_group(uow, name, discount)
        found[name] = group.id
    return found


def _insert(conn: Connection, rows: list[tuple[CleanCustomer, bool | None]]) -> None:
    stamp = now()
    params: list[dict[str, Any]] = []
    for data, _ in rows:
        values = stored_values(data)
        values["created_at"] = values["updated_at"] = stamp
        params.append(values)
    ids = insert_customers(conn, params)
    consents = [
        {
            "customer_id": i,
            "channel": "email",
            "granted": granted,
            "recorded_at": stamp,
            "source": "demo",
        }
        for i, (_, granted) in zip(ids, rows, strict=True)
        if granted is not None
    ]
    if consents:
        insert_rows(conn, consent_table, consents)


def fill_customers(
    db: Database, count: int, *, seed: int | None = None, progress: Progress | None = None
) -> DemoCustomers:
    """Add `count` demo customers (and the demo groups) in one transaction."""
    started = time.perf_counter()
    rng = random.Random(seed)
    pools = _Pools(rng.randrange(2**31))
    groups = _demo_groups(db)
    with db.uow() as uow:
        conn = uow.session.connection()
        # Card numbers continue after the customers already there, so a second demo adds
        # new cards; any that a real customer holds already is skipped.
        start = int(conn.scalar(select(func.coalesce(func.max(C.id), 0))) or 0) + 1
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            search_index.drop_triggers(conn)
        done = 0
        while done < count:
            size = min(CHUNK, count - done)
            rows = [_customer(rng, pools, start + done + i, groups) for i in range(size)]
            taken = set(
                conn.scalars(
                    select(C.reference).where(
                        C.reference.in_([r.reference for r, _ in rows if r.reference])
                    )
                )
            )
            if taken:
                rows = [(r, c) for r, c in rows if r.reference not in taken]
            _insert(conn, rows)
            done += size
            if progress is not None:
                progress(done, count)
        if sqlite:
            search_index.index_rows_from(conn, start)
            search_index.recreate_triggers(conn)
            if count >= search_index.OPTIMIZE_FROM:
                search_index.optimize(conn)
        uow.commit()
    return DemoCustomers(count, time.perf_counter() - started)
