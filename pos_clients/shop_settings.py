"""The shop's settings shared by every till: identity printed on receipts and invoices, and the
accounting accounts (D5: the "Clients divers" account used when a customer has none)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import select

from pos_clients.data.database import UnitOfWork
from pos_clients.data.tables import ShopSettingRow, setting_table

DEFAULT_MISC_ACCOUNT = "411000"
DEFAULT_MISC_LABEL = "Clients divers"


@dataclass(frozen=True, slots=True)
class ShopSettings:
    name: str = "Ma boutique"
    address_line1: str = ""
    address_line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    phone: str = ""
    email: str = ""
    siret: str = ""
    vat_number: str = ""
    legal_form: str = ""
    share_capital: str = ""
    rcs: str = ""
    misc_customers_account: str = DEFAULT_MISC_ACCOUNT
    misc_customers_label: str = DEFAULT_MISC_LABEL

    def account_for(self, account_number: str | None) -> str:
        """The accounting account of a customer's sales: theirs, or "Clients divers" (D5)."""
        return account_number or self.misc_customers_account


_PREFIX = "shop."


def load_shop_settings(uow: UnitOfWork) -> ShopSettings:
    stored = {
        row.key[len(_PREFIX) :]: row.value
        for row in uow.session.scalars(
            select(ShopSettingRow).where(setting_table.c.key.startswith(_PREFIX))
        )
    }
    known = {f.name for f in fields(ShopSettings)}
    return replace(ShopSettings(), **{k: v for k, v in stored.items() if k in known})


def save_shop_settings(uow: UnitOfWork, settings: ShopSettings) -> ShopSettings:
    for f in fields(ShopSettings):
        key = _PREFIX + f.name
        value = str(getattr(settings, f.name))
        row = uow.session.get(ShopSettingRow, key)
        if row is None:
            uow.session.add(ShopSettingRow(key=key, value=value))
        else:
            row.value = value
    uow.commit()
    return settings


def get_setting(uow: UnitOfWork, key: str, default: str | None = None) -> str | None:
    """A raw shared setting (for modules that keep their own keys, e.g. `smtp.host`)."""
    row = uow.session.get(ShopSettingRow, key)
    return row.value if row is not None else default


def set_setting(uow: UnitOfWork, key: str, value: str) -> None:
    """Store a raw shared setting; the caller commits."""
    row = uow.session.get(ShopSettingRow, key)
    if row is None:
        uow.session.add(ShopSettingRow(key=key, value=value))
    else:
        row.value = value
