"""Customer groups on a real database (G1–G3)."""

from __future__ import annotations

import pytest

from pos_clients import customers, groups
from pos_clients.data.database import Database
from pos_clients.errors import DuplicateGroupError, GroupHasMembersError, ValidationError
from tests.helpers.factories import group, person


def test_create_list_rename_and_discount(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    group(db, "Professionnels", 500)
    with db.uow() as uow:
        groups.rename_group(uow, vip.id, "Clients VIP")
    with db.uow() as uow:
        groups.set_group_discount(uow, vip.id, 1250)
    with db.reader() as uow:
        listed = groups.list_groups(uow)
    assert [(g.name, g.discount_bp) for g in listed] == [
        ("Clients VIP", 1250),
        ("Professionnels", 500),
    ]


def test_group_names_are_unique_ignoring_case_and_accents(db: Database) -> None:
    group(db, "Privilège")
    with db.uow() as uow, pytest.raises(DuplicateGroupError):
        groups.create_group(uow, "PRIVILEGE")


@pytest.mark.parametrize("typed", ["101", "-5", "12,345", "abc"])
def test_discount_must_be_a_percentage(typed: str) -> None:
    with pytest.raises(ValidationError):
        groups.clean_discount(typed)


def test_discount_parsing() -> None:
    assert groups.clean_discount("12,5") == 1250
    assert groups.clean_discount("7.25 %") == 725
    assert groups.clean_discount("") == 0


def test_group_with_members_is_not_deleted_and_says_how_many(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    for name in ("Dupont", "Martin", "Durand"):
        person(db, name, group_id=vip.id)
    with db.uow() as uow, pytest.raises(GroupHasMembersError) as err:
        groups.delete_group(uow, vip.id)
    assert err.value.member_count == 3
    assert "3 clients appartiennent" in err.value.message("fr")
    assert "3 customers belong" in err.value.message("en")
    with db.reader() as uow:
        assert groups.get_group(uow, vip.id).member_count == 3


def test_delete_moving_members_to_another_group(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    pro = group(db, "Pro", 500)
    jean = person(db, "Dupont", group_id=vip.id)
    with db.uow() as uow:
        removed = groups.delete_group(uow, vip.id, move_members_to=pro.id)
    assert removed.member_count == 1
    with db.reader() as uow:
        assert customers.get_customer(uow, jean.id).group_name == "Pro"
        assert [g.name for g in groups.list_groups(uow)] == ["Pro"]


def test_delete_moving_members_to_no_group(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    jean = person(db, "Dupont", group_id=vip.id)
    with db.uow() as uow:
        groups.delete_group(uow, vip.id, move_members_to=None)
    with db.reader() as uow:
        assert customers.get_customer(uow, jean.id).group_id is None


def test_move_members(db: Database) -> None:
    vip = group(db, "VIP", 1000)
    pro = group(db, "Pro", 500)
    for name in ("Dupont", "Martin"):
        person(db, name, group_id=vip.id)
    with db.uow() as uow:
        moved = groups.move_members(uow, vip.id, pro.id)
    assert moved.count == 2
    with db.reader() as uow:
        counts = {g.name: g.member_count for g in groups.list_groups(uow)}
    assert counts == {"VIP": 0, "Pro": 2}
