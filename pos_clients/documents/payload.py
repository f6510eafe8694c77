"""The invoice as stored in a print job or an outbox row: its content JSON and its hash.

The JSON is made once per invoice even when several rows store it (the receipt job, the
preparation job and the email of one sale): `dataclasses.asdict` is the costly part of the
sale hooks, which run inside the checkout transaction.
"""

from __future__ import annotations

import json

from pos_clients.invoice_model import IssuedInvoice, invoice_from_content

_last: tuple[str, str, str] | None = None  # (number, hash, payload) of the last invoice


def invoice_payload(invoice: IssuedInvoice) -> str:
    """`{"invoice": content(), "hash": …}` as JSON text."""
    global _last
    if invoice.hash and _last is not None and _last[:2] == (invoice.number, invoice.hash):
        return _last[2]
    payload = json.dumps({"invoice": invoice.content(), "hash": invoice.hash}, ensure_ascii=False)
    if invoice.hash:
        # The hash covers the whole content: the same number and hash are the same invoice.
        _last = (invoice.number, invoice.hash, payload)
    return payload


def invoice_from_payload(payload: str) -> IssuedInvoice:
    data = json.loads(payload)
    return invoice_from_content(data["invoice"], data["hash"])
