"""Customer groups (G1–G3): a name and a permanent automatic discount, and their members.

Services take a unit of work and own its commit. They raise ValidationError (bad name or
discount), DuplicateGroupError, GroupHasMembersError and NotFoundError.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from pos_clients import customer_fields as cf
from pos_clients.customers import now
from pos_clients.data.database import UnitOfWork
from pos_clients.data.tables import CustomerGroupRow, customer_table, group_table
from pos_clients.errors import (
    DuplicateGroupError,
    GroupHasMembersError,
    NotFoundError,
    ValidationError,
)
from pos_clients.folding import fold
from pos_clients.i18n import Text

MAX_NAME = 80
C = customer_table.c


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    id: int
    name: str
    discount_bp: int
    member_count: int


@dataclass(frozen=True, slots=True)
class MovedMembers:
    """What `move_members` changed: how many customers went from one group to another."""

    from_group_id: int
    to_group_id: int | None
    count: int


def clean_name(name: str) -> str:
    """Raises ValidationError."""
    try:
        value = cf.clean_text(name, limit=MAX_NAME)
    except cf.FieldError as exc:
        raise ValidationError({"name": exc.text}) from None
    if not value:
        raise ValidationError(
            {"name": Text("Le nom du groupe est obligatoire.", "The group name is required.")}
        )
    return value


def clean_discount(value: str | int | float) -> int:
    """A discount in percent as basis points. Raises ValidationError."""
    try:
        return cf.parse_discount_percent(value)
    except cf.FieldError as exc:
        raise ValidationError({"discount": exc.text}) from None


def _name_key(name: str) -> str:
    return " ".join(fold(name).split())


def _row(uow: UnitOfWork, group_id: int) -> CustomerGroupRow:
    row = uow.session.get(CustomerGroupRow, group_id)
    if row is None:
        raise NotFoundError(
            Text("Ce groupe client n'existe plus.", "This customer group no longer exists.")
        )
    return row


def _member_count(uow: UnitOfWork, group_id: int) -> int:
    return int(
        uow.session.scalar(
            select(func.count()).select_from(customer_table).where(C.group_id == group_id)
        )
        or 0
    )


def _summary(uow: UnitOfWork, row: CustomerGroupRow) -> CustomerGroup:
    assert row.id is not None
    return CustomerGroup(row.id, row.name, row.discount_bp, _member_count(uow, row.id))


def _check_unique(uow: UnitOfWork, name: str, own_id: int | None) -> None:
    other = uow.session.scalars(
        select(CustomerGroupRow).where(group_table.c.name_key == _name_key(name))
    ).first()
    if other is not None and other.id != own_id:
        raise DuplicateGroupError(other.name)


def create_group(uow: UnitOfWork, name: str, discount_bp: int = 0) -> CustomerGroup:
    """Raises ValidationError, DuplicateGroupError."""
    name = clean_name(name)
    discount_bp = clean_discount(f"{discount_bp / 100:.2f}")
    _check_unique(uow, name, None)
    stamp = now()
    row = CustomerGroupRow(
        name=name,
        name_key=_name_key(name),
        discount_bp=discount_bp,
        created_at=stamp,
        updated_at=stamp,
    )
    uow.session.add(row)
    uow.commit()
    return _summary(uow, row)


def update_group(
    uow: UnitOfWork, group_id: int, *, name: str | None = None, discount_bp: int | None = None
) -> CustomerGroup:
    """Rename a group and/or set its discount. Raises ValidationError, DuplicateGroupError,
    NotFoundError. Past invoices keep the name and discount they applied."""
    row = _row(uow, group_id)
    if name is not None:
        name = clean_name(name)
        _check_unique(uow, name, group_id)
        row.name, row.name_key = name, _name_key(name)
    if discount_bp is not None:
        row.discount_bp = clean_discount(f"{discount_bp / 100:.2f}")
    row.updated_at = now()
    uow.commit()
    return _summary(uow, row)


def rename_group(uow: UnitOfWork, group_id: int, name: str) -> CustomerGroup:
    return update_group(uow, group_id, name=name)


def set_group_discount(uow: UnitOfWork, group_id: int, discount_bp: int) -> CustomerGroup:
    return update_group(uow, group_id, discount_bp=discount_bp)


def list_groups(uow: UnitOfWork) -> list[CustomerGroup]:
    """Every group with its member count, by name."""
    counts: dict[int, int] = {
        int(group_id): int(n)
        for group_id, n in uow.session.execute(
            select(C.group_id, func.count()).where(C.group_id.is_not(None)).group_by(C.group_id)
        )
    }
    rows = uow.session.scalars(select(CustomerGroupRow).order_by(group_table.c.name_key))
    return [_summary_with(r, counts.get(r.id or 0, 0)) for r in rows]


def _summary_with(row: CustomerGroupRow, member_count: int) -> CustomerGroup:
    assert row.id is not None
    return CustomerGroup(row.id, row.name, row.discount_bp, member_count)


def get_group(uow: UnitOfWork, group_id: int) -> CustomerGroup:
    return _summary(uow, _row(uow, group_id))


def find_group(uow: UnitOfWork, name: str) -> CustomerGroup | None:
    """The group whose name is `name`, ignoring case and accents."""
    row = uow.session.scalars(
        select(CustomerGroupRow).where(group_table.c.name_key == _name_key(name))
    ).first()
    return _summary(uow, row) if row is not None else None


def move_members(uow: UnitOfWork, from_group_id: int, to_group_id: int | None) -> MovedMembers:
    """Move every member of one group to another (or to no group), in one step."""
    _row(uow, from_group_id)
    if to_group_id is not None:
        _row(uow, to_group_id)
    result = uow.session.execute(
        update(customer_table)
        .where(C.group_id == from_group_id)
        .values(group_id=to_group_id, updated_at=now())
    )
    uow.commit()
    return MovedMembers(from_group_id, to_group_id, int(result.rowcount or 0))  # type: ignore[attr-defined]


def delete_group(
    uow: UnitOfWork, group_id: int, *, move_members_to: int | bool | None = False
) -> CustomerGroup:
    """Delete a group (G3); return it as it was.

    With members and `move_members_to` left False, raises GroupHasMembersError saying how many.
    `move_members_to=None` moves them to no group first, an id moves them to that group, in
    the same transaction as the deletion.
    """
    row = _row(uow, group_id)
    summary = _summary(uow, row)
    if summary.member_count:
        if move_members_to is False:
            raise GroupHasMembersError(row.name, summary.member_count)
        target = None if move_members_to is None or move_members_to is True else move_members_to
        if target == group_id:
            raise ValidationError(
                {"move_to": Text("Choisissez un autre groupe.", "Choose another group.")}
            )
        if target is not None:
            _row(uow, int(target))
        uow.session.execute(
            update(customer_table)
            .where(C.group_id == group_id)
            .values(group_id=target, updated_at=now())
        )
    uow.session.delete(row)
    uow.commit()
    return summary
