"""Customers of the directory (D1–D7): what a customer is, and the services that change them.

Services take a unit of work, own its commit, and return frozen read models. They raise
`ValidationError` (with a message per field), `DuplicateReferenceError` and `NotFoundError`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Connection, and_, bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError

from pos_clients import customer_fields as cf
from pos_clients.data.database import UnitOfWork
from pos_clients.data.search_index import build_search_text
from pos_clients.data.tables import (
    CustomerGroupRow,
    CustomerRow,
    MarketingConsentRow,
    consent_table,
    customer_table,
    group_table,
)
from pos_clients.errors import DuplicateReferenceError, NotFoundError, ValidationError
from pos_clients.folding import fold
from pos_clients.i18n import Text

CONSENT_CHANNELS = ("email", "sms", "post")
C = customer_table.c


def now() -> datetime:
    """The time stored in the database: UTC, without tzinfo (both engines keep it alike)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True, slots=True)
class Consent:
    channel: str
    granted: bool
    recorded_at: datetime
    source: str


@dataclass(frozen=True, slots=True)
class CustomerDraft:
    """What a user typed for a customer: every field as text, checked by `clean()`."""

    kind: str = "person"
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    legal_form: str = ""
    siret: str = ""
    vat_number: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    address_line1: str = ""
    address_line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    reference: str = ""
    account_number: str = ""
    group_id: int | None = None
    notes: str = ""
    birthday: str = ""
    # Channel → granted; channels absent are left as they were.
    consents: dict[str, bool] = field(default_factory=dict)
    consent_source: str = "form"


@dataclass(frozen=True, slots=True)
class CleanCustomer:
    """A draft that passed every check, normalised, ready to store."""

    kind: str
    civility: str
    first_name: str
    last_name: str
    company_name: str
    legal_form: str
    siret: str
    vat_number: str
    contact_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    address_line1: str
    address_line2: str
    postcode: str
    city: str
    country: str
    reference: str | None
    account_number: str | None
    group_id: int | None
    notes: str
    birthday: date | None


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer as stored, with their group's name and discount."""

    id: int
    kind: str
    civility: str
    first_name: str
    last_name: str
    company_name: str
    legal_form: str
    siret: str
    vat_number: str
    contact_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    address_line1: str
    address_line2: str
    postcode: str
    city: str
    country: str
    reference: str | None
    account_number: str | None
    group_id: int | None
    group_name: str | None
    group_discount_bp: int
    notes: str
    birthday: date | None
    created_at: datetime
    updated_at: datetime
    consents: tuple[Consent, ...] = ()

    @property
    def is_company(self) -> bool:
        return self.kind == "company"

    @property
    def display_name(self) -> str:
        """The name the directory is ordered by: `Lefèvre Zoë`, or the company name."""
        return display_name(self.kind, self.first_name, self.last_name, self.company_name)

    @property
    def full_name(self) -> str:
        """The name as printed on a receipt: `Mme Zoë Lefèvre`, or the company name."""
        if self.is_company:
            return self.company_name
        return " ".join(p for p in (self.civility, self.first_name, self.last_name) if p)

    def consent(self, channel: str) -> Consent | None:
        return next((c for c in self.consents if c.channel == channel), None)

    def to_draft(self) -> CustomerDraft:
        """A draft holding this customer's values, to edit them."""
        return CustomerDraft(
            kind=self.kind,
            civility=self.civility,
            first_name=self.first_name,
            last_name=self.last_name,
            company_name=self.company_name,
            legal_form=self.legal_form,
            siret=self.siret,
            vat_number=self.vat_number,
            contact_name=self.contact_name,
            email=self.email or "",
            phone=cf.format_phone(self.phone),
            mobile=cf.format_phone(self.mobile),
            address_line1=self.address_line1,
            address_line2=self.address_line2,
            postcode=self.postcode,
            city=self.city,
            country=self.country,
            reference=self.reference or "",
            account_number=self.account_number or "",
            group_id=self.group_id,
            notes=self.notes,
            birthday=self.birthday.isoformat() if self.birthday else "",
            consents={c.channel: c.granted for c in self.consents},
        )


# Customer's fields read straight from the customer row; group name and discount come joined.
_ROW_FIELDS = tuple(
    f.name
    for f in fields(Customer)
    if f.name not in ("consents", "group_name", "group_discount_bp")
)
_CARD_HOLDER = (
    select(
        *(C[name] for name in _ROW_FIELDS),
        group_table.c.name.label("group_name"),
        group_table.c.discount_bp.label("group_discount_bp"),
    )
    .select_from(customer_table.outerjoin(group_table, group_table.c.id == C.group_id))
    .where(C.reference == bindparam("reference"))
)
# Built once: a scan at the till runs it at every card.
_CONSENTS = select(
    consent_table.c.channel,
    consent_table.c.granted,
    consent_table.c.recorded_at,
    consent_table.c.source,
).where(consent_table.c.customer_id == bindparam("customer_id"))


def display_name(kind: str, first_name: str, last_name: str, company_name: str) -> str:
    if kind == "company":
        return company_name
    return " ".join(p for p in (last_name, first_name) if p)


def clean(draft: CustomerDraft) -> CleanCustomer:
    """Check and normalise every field; raise ValidationError naming each wrong one."""
    try:
        return _clean_valid(draft)
    except cf.FieldError:
        pass  # at least one field is wrong: check each one to name them all
    return _clean_each(draft)


def _clean_valid(draft: CustomerDraft) -> CleanCustomer:
    """`clean` for a draft whose fields are all right (the CSV import's common case, fast):
    the same checks in the same order, stopping at the first FieldError."""
    kind = cf.clean_kind(draft.kind)
    country = cf.clean_country(draft.country)
    company = kind == "company"
    text = cf.clean_text
    data = CleanCustomer(
        kind=kind,
        civility=cf.clean_civility(draft.civility, kind),
        first_name=text(draft.first_name),
        last_name=text(draft.last_name),
        company_name=text(draft.company_name),
        legal_form=text(draft.legal_form, limit=50) if company else "",
        siret=cf.clean_siret(draft.siret) if company else "",
        vat_number=cf.clean_vat_number(draft.vat_number) if company else "",
        contact_name=text(draft.contact_name),
        email=cf.clean_email(draft.email),
        phone=cf.clean_phone(draft.phone, country or "FR"),
        mobile=cf.clean_phone(draft.mobile, country or "FR"),
        address_line1=text(draft.address_line1),
        address_line2=text(draft.address_line2),
        postcode=cf.clean_postcode(draft.postcode, country),
        city=text(draft.city),
        country=country,
        reference=cf.clean_reference(draft.reference),
        account_number=cf.clean_account_number(draft.account_number),
        group_id=draft.group_id,
        notes=cf.clean_notes(draft.notes),
        birthday=cf.clean_birthday(draft.birthday),
    )
    if not company:
        text(draft.legal_form, limit=50)  # checked, then dropped, as `_clean_each` does
    if not (data.company_name if company else data.last_name):
        raise cf.FieldError(Text("", ""))  # the required name: `_clean_each` says which
    return data


def _clean_each(draft: CustomerDraft) -> CleanCustomer:
    errors: dict[str, Text] = {}
    values: dict[str, object] = {}

    def check(name: str, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            values[name] = fn(*args, **kwargs)
        except cf.FieldError as exc:
            errors[name] = exc.text

    check("kind", cf.clean_kind, draft.kind)
    kind = str(values.get("kind", "person"))
    check("country", cf.clean_country, draft.country)
    country = str(values.get("country", "FR"))
    check("civility", cf.clean_civility, draft.civility, kind)
    for name in (
        "first_name",
        "last_name",
        "company_name",
        "contact_name",
        "address_line1",
        "address_line2",
        "city",
    ):
        check(name, cf.clean_text, getattr(draft, name))
    check("legal_form", cf.clean_text, draft.legal_form, limit=50)
    check("notes", cf.clean_notes, draft.notes)
    check("email", cf.clean_email, draft.email)
    phone_region = country if country else "FR"
    check("phone", cf.clean_phone, draft.phone, phone_region)
    check("mobile", cf.clean_phone, draft.mobile, phone_region)
    check("postcode", cf.clean_postcode, draft.postcode, country)
    check("reference", cf.clean_reference, draft.reference)
    check("account_number", cf.clean_account_number, draft.account_number)
    check("birthday", cf.clean_birthday, draft.birthday)
    if kind == "company":
        check("siret", cf.clean_siret, draft.siret)
        check("vat_number", cf.clean_vat_number, draft.vat_number)
        if not values.get("company_name") and "company_name" not in errors:
            errors["company_name"] = Text(
                "La raison sociale est obligatoire.", "The company name is required."
            )
    else:
        values["siret"], values["vat_number"], values["legal_form"] = "", "", ""
        if not values.get("last_name") and "last_name" not in errors:
            errors["last_name"] = Text("Le nom est obligatoire.", "The last name is required.")
    if errors:
        raise ValidationError(errors)
    return CleanCustomer(group_id=draft.group_id, **values)  # type: ignore[arg-type]


_CLEAN_FIELDS = tuple(f.name for f in fields(CleanCustomer))


def stored_values(data: CleanCustomer) -> dict[str, object]:
    """The column values of a checked customer, derived sort key and search text included.

    Used for every write, one row at a time (`_apply`) or in bulk (the CSV import, the demo).
    """
    values: dict[str, object] = {name: getattr(data, name) for name in _CLEAN_FIELDS}
    name = display_name(data.kind, data.first_name, data.last_name, data.company_name)
    values["sort_key"] = " ".join(fold(name).split())[:300]
    values["search_text"] = build_search_text(
        (
            data.last_name,
            data.first_name,
            data.company_name,
            data.contact_name,
            data.postcode,
            data.city,
        ),
        data.email,
        (data.phone, data.mobile),
        data.reference,
    )
    return values


def _apply(row: CustomerRow, data: CleanCustomer) -> None:
    for name, value in stored_values(data).items():
        setattr(row, name, value)


def _to_customer(
    row: CustomerRow, group: CustomerGroupRow | None, consents: list[MarketingConsentRow]
) -> Customer:
    assert row.id is not None
    return Customer(
        id=row.id,
        kind=row.kind,
        civility=row.civility,
        first_name=row.first_name,
        last_name=row.last_name,
        company_name=row.company_name,
        legal_form=row.legal_form,
        siret=row.siret,
        vat_number=row.vat_number,
        contact_name=row.contact_name,
        email=row.email,
        phone=row.phone,
        mobile=row.mobile,
        address_line1=row.address_line1,
        address_line2=row.address_line2,
        postcode=row.postcode,
        city=row.city,
        country=row.country,
        reference=row.reference,
        account_number=row.account_number,
        group_id=row.group_id,
        group_name=group.name if group else None,
        group_discount_bp=group.discount_bp if group else 0,
        notes=row.notes,
        birthday=row.birthday,
        created_at=row.created_at,
        updated_at=row.updated_at,
        consents=tuple(
            Consent(c.channel, c.granted, c.recorded_at, c.source)
            for c in sorted(consents, key=lambda c: c.channel)
        ),
    )


def _load(uow: UnitOfWork, customer_id: int) -> Customer:
    row = uow.session.get(CustomerRow, customer_id)
    if row is None:
        raise NotFoundError(
            Text(
                "Ce client n'existe plus (supprimé depuis une autre caisse ?).",
                "This customer no longer exists (deleted from another till?).",
            )
        )
    group = uow.session.get(CustomerGroupRow, row.group_id) if row.group_id else None
    consents = list(
        uow.session.scalars(
            select(MarketingConsentRow).where(consent_table.c.customer_id == customer_id)
        )
    )
    return _to_customer(row, group, consents)


def _check_reference_free(uow: UnitOfWork, reference: str | None, own_id: int | None) -> None:
    if reference is None:
        return
    holder = uow.session.scalars(select(CustomerRow).where(C.reference == reference)).first()
    if holder is not None and holder.id != own_id:
        assert holder.id is not None
        name = display_name(holder.kind, holder.first_name, holder.last_name, holder.company_name)
        raise DuplicateReferenceError(reference, name, holder.id)


def _check_group(uow: UnitOfWork, group_id: int | None) -> None:
    if group_id is not None and uow.session.get(CustomerGroupRow, group_id) is None:
        raise ValidationError(
            {
                "group_id": Text(
                    "Ce groupe client n'existe plus.", "This customer group no longer exists."
                )
            }
        )


def _store_consents(uow: UnitOfWork, customer_id: int, draft: CustomerDraft) -> None:
    for channel, granted in draft.consents.items():
        if channel not in CONSENT_CHANNELS:
            continue
        row = uow.session.get(MarketingConsentRow, (customer_id, channel))
        if row is None:
            uow.session.add(
                MarketingConsentRow(
                    customer_id=customer_id,
                    channel=channel,
                    granted=granted,
                    recorded_at=now(),
                    source=draft.consent_source,
                )
            )
        elif row.granted != granted:
            row.granted, row.recorded_at, row.source = granted, now(), draft.consent_source


def add_customer(uow: UnitOfWork, data: CleanCustomer, draft: CustomerDraft | None = None) -> int:
    """Insert a checked customer inside the caller's transaction (no commit); return its id.

    Raises DuplicateReferenceError and ValidationError (a group that no longer exists).
    """
    _check_reference_free(uow, data.reference, None)
    _check_group(uow, data.group_id)
    stamp = now()
    row = CustomerRow(created_at=stamp, updated_at=stamp, sort_key="", search_text="")  # type: ignore[call-arg]
    _apply(row, data)
    uow.session.add(row)
    uow.session.flush()
    assert row.id is not None
    if draft is not None:
        _store_consents(uow, row.id, draft)
    return row.id


def create_customer(uow: UnitOfWork, draft: CustomerDraft) -> Customer:
    """Create a customer. Raises ValidationError, DuplicateReferenceError."""
    data = clean(draft)
    try:
        customer_id = add_customer(uow, data, draft)
        uow.commit()
    except IntegrityError:
        # Another till took the reference between our check and our insert.
        uow.session.rollback()
        _check_reference_free(uow, data.reference, None)
        raise
    return _load(uow, customer_id)


def update_customer(uow: UnitOfWork, customer_id: int, draft: CustomerDraft) -> Customer:
    """Save changes to a customer.

    Raises ValidationError, DuplicateReferenceError, NotFoundError.
    """
    data = clean(draft)
    row = uow.session.get(CustomerRow, customer_id)
    if row is None:
        _load(uow, customer_id)  # raises NotFoundError
        raise AssertionError
    _check_reference_free(uow, data.reference, customer_id)
    _check_group(uow, data.group_id)
    _apply(row, data)
    row.updated_at = now()
    _store_consents(uow, customer_id, draft)
    uow.commit()
    return _load(uow, customer_id)


def delete_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """Remove a customer for good (D7) and return what was removed. Raises NotFoundError.

    Invoices keep their own copy of the customer, so none of them changes.
    """
    customer = _load(uow, customer_id)
    uow.session.execute(delete(customer_table).where(C.id == customer_id))
    uow.commit()
    return customer


def get_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """Raises NotFoundError."""
    return _load(uow, customer_id)


def card_holder(conn: Connection, code: str) -> Customer | None:
    """The customer whose reference is `code` (normalised as stored), with their group, in one
    indexed query and without consents: what a scan at the till needs, quickly."""
    try:
        reference = cf.clean_reference(code)
    except cf.FieldError:
        return None
    if reference is None:
        return None
    row = conn.execute(_CARD_HOLDER, {"reference": reference}).first()
    if row is None:
        return None
    values = row._mapping
    return Customer(
        **{name: values[name] for name in _ROW_FIELDS},
        group_name=values["group_name"],
        group_discount_bp=values["group_discount_bp"] or 0,
    )


def find_by_reference(uow: UnitOfWork, code: str) -> Customer | None:
    """The customer whose loyalty-card reference is `code` (normalised as stored), if any,
    with their consents."""
    conn = uow.session.connection()
    customer = card_holder(conn, code)
    if customer is None:
        return None
    consents = conn.execute(_CONSENTS, {"customer_id": customer.id})
    found = tuple(sorted((Consent(*row) for row in consents), key=lambda c: c.channel))
    return replace(customer, consents=found) if found else customer


def count_customers(uow: UnitOfWork) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(customer_table)) or 0)


def possible_duplicates(
    uow: UnitOfWork, draft: CustomerDraft, *, exclude_id: int | None = None, limit: int = 5
) -> list[Customer]:
    """Customers who may be the same as `draft` (D8): same email (whatever its case), same
    phone, or same name; the first `limit` in name order.

    Each resemblance is its own query, served by its own index (`ix_customer_email_lower`,
    the phone indexes, the name order): joined by OR in one statement, SQLite read the whole
    directory instead (1.2 s at 1,000,000 customers)."""
    conditions: list[ColumnElement[bool]] = []
    email = phone = None
    with suppress(cf.FieldError):
        email = cf.clean_email(draft.email)
    for value in (draft.phone, draft.mobile):
        with suppress(cf.FieldError):
            phone = cf.clean_phone(value) or phone
    if email:
        conditions.append(func.lower(C.email) == email.lower())
    if phone:
        conditions.append(C.phone == phone)
        conditions.append(C.mobile == phone)
    name = display_name(
        draft.kind, draft.first_name.strip(), draft.last_name.strip(), draft.company_name.strip()
    )
    key = " ".join(fold(name).split())
    if len(key) >= 3:
        conditions.append(C.sort_key == key)
        if draft.kind != "company" and draft.last_name.strip():
            # Same last name and first name starting alike: `Dupont Jean` ~ `Dupont Jean-Marc`.
            first = fold(draft.first_name.strip())[:1]
            prefix = " ".join(fold(draft.last_name).split()) + (" " + first if first else "")
            conditions.append(and_(C.sort_key >= prefix, C.sort_key < _after_prefix(prefix)))
    found: dict[int, str] = {}
    for condition in conditions:
        query = select(C.id, C.sort_key).where(condition)
        if exclude_id is not None:
            query = query.where(C.id != exclude_id)
        for customer_id, sort_key in uow.session.execute(
            query.order_by(C.sort_key, C.id).limit(limit)
        ):
            found[int(customer_id)] = str(sort_key)
    ids = sorted(found, key=lambda i: (found[i], i))[:limit]
    return [_load(uow, i) for i in ids]


def _after_prefix(prefix: str) -> str:
    """The first text after every text that starts with `prefix` (not empty)."""
    return prefix[:-1] + chr(min(ord(prefix[-1]) + 1, 0x10FFFF))


__all__ = [
    "CleanCustomer",
    "Consent",
    "Customer",
    "CustomerDraft",
    "add_customer",
    "clean",
    "count_customers",
    "create_customer",
    "delete_customer",
    "find_by_reference",
    "get_customer",
    "possible_duplicates",
    "stored_values",
    "update_customer",
]
