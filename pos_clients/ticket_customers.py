"""The customer put on a ticket, read in one query (by id, or by the loyalty-card reference
a scanner sent): the till's read model of the directory, as it will be invoiced."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from pos_clients import customer_fields as cf
from pos_clients.data.database import UnitOfWork
from pos_clients.data.tables import customer_table, group_table
from pos_clients.invoice_model import InvoicedCustomer

C = customer_table.c
_FIELDS = (
    "id",
    "kind",
    "civility",
    "first_name",
    "last_name",
    "company_name",
    "legal_form",
    "siret",
    "vat_number",
    "contact_name",
    "email",
    "phone",
    "mobile",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "reference",
    "account_number",
)
_SELECT = select(
    *(C[name] for name in _FIELDS), group_table.c.name, group_table.c.discount_bp
).select_from(customer_table.outerjoin(group_table, group_table.c.id == C.group_id))
_BY_ID = _SELECT.where(C.id == bindparam("customer_id"))
_BY_REFERENCE = _SELECT.where(C.reference == bindparam("reference"))


def _invoiced(row: Any) -> InvoicedCustomer:
    values = dict(zip(_FIELDS, row[: len(_FIELDS)], strict=True))
    customer_id = values.pop("id")
    for name in ("email", "phone", "mobile", "reference", "account_number"):
        values[name] = values[name] or ""
    return InvoicedCustomer(
        customer_id=customer_id,
        group=row[len(_FIELDS)] or "",
        group_discount_bp=row[len(_FIELDS) + 1] or 0,
        **values,
    )


def ticket_customer(uow: UnitOfWork, customer_id: int) -> InvoicedCustomer | None:
    """The customer `customer_id` as they would be invoiced now, or None if gone."""
    row = uow.session.execute(_BY_ID, {"customer_id": customer_id}).first()
    return _invoiced(row) if row is not None else None


def ticket_customer_by_reference(uow: UnitOfWork, code: str) -> InvoicedCustomer | None:
    """The customer whose loyalty-card reference is `code` (normalised as stored), if any."""
    try:
        reference = cf.clean_reference(code)
    except cf.FieldError:
        return None
    if reference is None:
        return None
    row = uow.session.execute(_BY_REFERENCE, {"reference": reference}).first()
    return _invoiced(row) if row is not None else None
