"""PostgreSQL: an email fragment or digits (a phone, a card) are looked for in name order
first, for a bounded time, then from the trigram indexes alone (`search_postgres`); both give
the same pages, and a try that is stopped leaves the transaction and its settings as they
were."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from pos_clients.data import customer_search, search_postgres
from pos_clients.data.customer_search import parse
from pos_clients.data.database import Database, open_database
from tests.helpers.factories import company, group, person

pytestmark = pytest.mark.postgres

NAMES = ["Dupont", "Dupond", "Martin", "Lefèvre", "Œuvray", "Garcia", "Rousset", "Payet"]


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


def _all_pages(db: Database, query: str, group_id: int | None = None) -> list[int]:
    ids: list[int] = []
    after = None
    with db.reader() as uow:
        while True:
            page = customer_search.search(uow, query, after=after, limit=7, group_id=group_id)
            ids += [item.id for item in page.items]
            if page.next_cursor is None:
                return ids
            after = page.next_cursor


def test_bitmap_scans_find_the_same_pages_as_the_planners_plan(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    vip = group(pg_db, "VIP", 1000)
    for i in range(60):
        name = NAMES[i % len(NAMES)]
        email = f"contact.{name.lower()}{i}@exemple.fr" if i % 3 else f"zoe.{name.lower()}@mail.fr"
        phone = f"06 12 {i // 10:02d} {i % 10:02d} 00"
        if i % 5 == 0:
            company(pg_db, f"{name} SARL {i}", email=email, group_id=vip.id, phone=phone)
        else:
            person(
                pg_db, name, "Zoé", email=email, group_id=vip.id if i % 2 else None, mobile=phone
            )
    fragments = ["contact.", "ntact.dup", "zoe.dupon", "ACT.ROUS", "t.d_p", "@mail.fr", "nowhere@"]
    fragments += ["0612", "06 12 03", "+33 6 12 05 07", "061299"]
    planned = {q: _all_pages(pg_db, q) for q in fragments}
    in_group = {q: _all_pages(pg_db, q, vip.id) for q in fragments}
    assert len(planned["contact."]) == 40 and len(planned["ntact.dup"]) == 10
    # zoe.dupon: the Zoé Dupont and Dupond (by their words) and one company (by its email).
    assert len(planned["zoe.dupon"]) == 14 and planned["nowhere@"] == []
    assert len(planned["0612"]) == 60 and len(planned["06 12 03"]) == 10
    assert len(planned["+33 6 12 05 07"]) == 1 and planned["061299"] == []
    monkeypatch.setattr(search_postgres, "ORDERED_TRY_MS", 0)  # bitmap scans at once
    assert {q: _all_pages(pg_db, q) for q in fragments} == planned
    assert {q: _all_pages(pg_db, q, vip.id) for q in fragments} == in_group


def test_a_try_that_runs_too_long_gives_way_to_bitmap_scans_and_changes_nothing(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_postgres, "ORDERED_TRY_MS", 30)
    slow = text(
        "SELECT current_setting('enable_indexscan'), current_setting('statement_timeout') "
        "FROM pg_sleep(0.2)"
    )
    with pg_db.reader() as uow:
        before = uow.session.execute(text("SELECT current_setting('statement_timeout')")).scalar()
        rows = search_postgres.rows_trying_order(uow.session, slow)  # type: ignore[arg-type]
        # The first try was stopped; the second ran with bitmap scans only, no time limit.
        assert [tuple(r) for r in rows] == [("off", "0")]
        settings = uow.session.execute(
            text("SELECT current_setting('enable_indexscan'), current_setting('statement_timeout')")
        ).one()
        assert tuple(settings) == ("on", before)  # the transaction goes on, as it was
    fast = text("SELECT current_setting('statement_timeout')")
    with pg_db.reader() as uow:
        # A try that finishes in time answers, under its time limit.
        assert search_postgres.rows_trying_order(uow.session, fast)[0][0] == "30ms"  # type: ignore[arg-type]


def test_what_may_be_rare_to_the_planner() -> None:
    assert parse("ntact.dup").may_be_rare and parse("@free.fr").may_be_rare
    assert parse("0612").may_be_rare and parse("06 12 34").may_be_rare
    assert parse("0434093567599").may_be_rare  # a card typed in full
    assert not parse("dupont").may_be_rare and not parse("hel dup").may_be_rare
    assert not parse("06").may_be_rare  # two characters: the sort-key index answers
