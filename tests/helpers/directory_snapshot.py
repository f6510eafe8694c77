"""Every customer of a directory as plain values, to compare a directory before and after an
export and its import (the times and the group's id aside, which a re-import changes)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.data.tables import customer_table


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
