"""Customers and groups for tests, made through the real services."""

from __future__ import annotations

from typing import Any

from pos_clients import customers, groups
from pos_clients.customers import Customer, CustomerDraft
from pos_clients.data.database import Database
from pos_clients.groups import CustomerGroup


def person(db: Database, last_name: str, first_name: str = "", **fields: Any) -> Customer:
    draft = CustomerDraft(kind="person", last_name=last_name, first_name=first_name, **fields)
    with db.uow() as uow:
        return customers.create_customer(uow, draft)


def company(db: Database, company_name: str, **fields: Any) -> Customer:
    draft = CustomerDraft(kind="company", company_name=company_name, **fields)
    with db.uow() as uow:
        return customers.create_customer(uow, draft)


def group(db: Database, name: str, discount_bp: int = 0) -> CustomerGroup:
    with db.uow() as uow:
        return groups.create_group(uow, name, discount_bp)
