"""Claims on queue rows (print jobs, outbox messages): who holds a row, and freeing the rows of
a process of this machine that died, so a restarted till goes on at once instead of waiting
for the claim to expire."""

from __future__ import annotations

import os
import socket

from sqlalchemy import Table, select, update

from pos_clients.data.database import Database


def worker_name() -> str:
    """Who claims a row: this machine and process (`host:pid`)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def release_dead_claims(db: Database, table: Table) -> int:
    """Free the rows of `table` claimed by processes of this machine that no longer run."""
    prefix = f"{socket.gethostname()}:"
    with db.reader() as uow:
        holders = uow.session.scalars(
            select(table.c.claimed_by).distinct().where(table.c.claimed_by.startswith(prefix))
        ).all()
    dead = [
        holder
        for holder in holders
        if holder
        and holder[len(prefix) :].isdigit()
        and int(holder[len(prefix) :]) != os.getpid()
        and not _alive(int(holder[len(prefix) :]))
    ]
    if not dead:
        return 0
    with db.uow() as uow:
        result = uow.session.execute(
            update(table)
            .where(table.c.claimed_by.in_(dead))
            .values(claimed_by=None, claimed_until=None)
        )
        uow.commit()
        return int(result.rowcount)  # type: ignore[attr-defined]
