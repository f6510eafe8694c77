"""Search properties (D6) on both engines: any name is found by its words' prefixes, with or
without accents, and no typed text ever makes the search fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data import customer_search
from pos_clients.data.database import Database
from pos_clients.folding import fold, words

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäçôöœŒîïûüùÿæÉÈÀÇßñøå"
_word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
_name = st.lists(_word, min_size=1, max_size=3).flatmap(
    lambda ws: st.sampled_from([" ", "-", "'"]).map(lambda sep: sep.join(ws))
)
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def crowd(db: Database) -> Database:
    """A few other customers, so that a query has something not to find."""
    with db.uow() as uow:
        customers.create_customer(uow, CustomerDraft(last_name="Zzyzx", first_name="Quentin"))
    with db.uow() as uow:
        customers.create_customer(uow, CustomerDraft(kind="company", company_name="Wxq SARL"))
    return db


def _prefixes(original: str) -> Iterator[str]:
    """Each prefix (3+ characters, as typed and folded) of each word of `original`."""
    for raw in original.replace("-", " ").replace("'", " ").split():
        folded = "".join(words(raw))
        for size in range(3, len(raw) + 1):
            typed = raw[:size]
            if len("".join(words(typed))) >= 3:
                yield typed
        for size in range(3, len(folded) + 1):
            yield folded[:size]


@PROPERTY
@given(last=_name, first=_name)
@example(last="Lefèvre-Œuvray", first="Zoë")
@example(last="Straße", first="Hélène")
def test_any_word_prefix_finds_the_customer(crowd: Database, last: str, first: str) -> None:
    with crowd.uow() as uow:
        made = customers.create_customer(uow, CustomerDraft(last_name=last, first_name=first))
    try:
        with crowd.reader() as uow:
            queries = set(_prefixes(last)) | set(_prefixes(first))
            # One or two letters find the names that start with them (the directory's order).
            key = made.display_name
            queries |= {key[:1], fold(key)[:2]}
            for query in queries:
                ids = [i.id for i in customer_search.search(uow, query, limit=500).items]
                assert made.id in ids, query
                assert customer_search.count(uow, query) >= 1
            both = f"{words(last)[0][:3]} {words(first)[0][:3]}"
            if len(words(last)[0]) >= 3 and len(words(first)[0]) >= 3:
                ids = [i.id for i in customer_search.search(uow, both, limit=500).items]
                assert made.id in ids, both
    finally:
        with crowd.uow() as uow:
            customers.delete_customer(uow, made.id)


@PROPERTY
@given(query=st.text(max_size=60))
@example(query="a@\x00b.fr")
@example(query='"NEAR(x y)" OR -z*')
@example(query="%_\\'")
@example(query="+33 6 12 (0) --")
@example(query="é" * 300 + "@x")
def test_search_never_raises(crowd: Database, query: str) -> None:
    with crowd.reader() as uow:
        page = customer_search.search(uow, query)
        customer_search.count(uow, query)
        if page.next_cursor is not None:
            customer_search.search(uow, query, after=page.next_cursor)
    parsed = customer_search.parse(query)
    if parsed.is_empty and query.strip():
        # Nothing searchable in the text (only punctuation, say): nothing found, no error.
        assert page.items == ()
    # What is found matches every word typed (here: the crowd's only person and company).
    for item in page.items:
        assert item.display_name in ("Zzyzx Quentin", "Wxq SARL")
