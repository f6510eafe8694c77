"""A shop directory for UI tests and benchmarks, made with the real services."""

from __future__ import annotations

import random

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data.database import Database
from pos_clients.ui.sample_directory import fill_demo_directory

__all__ = ["fill_demo_directory", "fill_many"]

FIRST = ("Jean", "Marie", "Hélène", "Loïc", "Zoë", "Éric", "Anaïs", "Noël", "Chloé", "Paul")
LAST = ("Martin", "Bernard", "Lefèvre", "Dubois", "Moreau", "Laurent", "Simon", "Michel")


def fill_many(db: Database, n: int, seed: int = 7) -> None:
    """`n` plain customers through the services' bulk path (one transaction per 1,000)."""
    rng = random.Random(seed)
    done = 0
    while done < n:
        with db.uow() as uow:
            for _ in range(min(1000, n - done)):
                draft = CustomerDraft(
                    kind="person",
                    first_name=rng.choice(FIRST),
                    last_name=f"{rng.choice(LAST)}{done % 997}",
                    postcode=f"{rng.randint(1, 95):02d}{rng.randint(0, 999):03d}",
                    city="Ville",
                )
                customers.add_customer(uow, customers.clean(draft))
                done += 1
            uow.commit()
