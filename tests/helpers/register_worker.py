"""A till in its own process: `python -m tests.helpers.register_worker URL TILL N`.

Makes N sales of one item as fast as it can (for the concurrent numbering test). It says
`ready` once the database is open, then waits for a line on stdin, so that the tills start
selling at the same moment.
"""

from __future__ import annotations

import sys

from pos_clients import checkout, items
from pos_clients.data.database import open_database
from pos_clients.tickets import Tender, Ticket


def main() -> int:
    url, till, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = open_database(url)
    with db.reader() as uow:
        bread = items.list_items(uow)[0]
    ticket = Ticket().add(bread.ticket_line())
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(count):
        with db.uow() as uow:
            checkout.checkout(uow, ticket, [Tender("cash", bread.price_cents)], till=till)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
