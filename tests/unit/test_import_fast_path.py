"""The CSV import's fast path for plain records gives exactly what the form's checks give.

`check_record` recognises a plainly valid record and builds its stored values without
`customers.clean`; `check_chunk` sends valid records back to the importing process as text.
These properties check both against the full checks (`_checked_fully`) on records mixing
valid values with every kind of trouble: stray spaces, control characters, accents, bad
numbers, missing columns.
"""

from __future__ import annotations

import random
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_clients.customer_fields import _ean_valid, _luhn_valid
from pos_clients.directory_csv import checking
from pos_clients.directory_csv.checking import (
    FIELD_SEP,
    ROW_SEP,
    _checked_fully,
    check_chunk,
    check_record,
    check_records,
)
from pos_clients.directory_csv.format import COLUMNS

_TROUBLE = ["", " ", "  x", "x ", "a  b", "\t", "\xa0", "a\u2003b", "\x1f", "\x00", "x" * 201]


def _either(good: list[str], wrong: list[str]) -> st.SearchStrategy[str]:
    """Mostly a right value, sometimes a wrong one, sometimes trouble."""
    return st.tuples(
        st.integers(0, 29), st.sampled_from(good), st.sampled_from(wrong + _TROUBLE)
    ).map(lambda t: t[2] if t[0] < 2 else t[1])


_VALUES = {
    "kind": _either(["", "person", "company", "Personne morale", "SOCIÉTÉ"], ["robot"]),
    "civility": _either(["", "M.", "mme", "Madame"], ["Dr"]),
    "first_name": _either(["", "Zoë", "Jean-Marc", "Ægir", "o'Neil", "Ａｎｎａ"], []),
    "last_name": _either(["Lefèvre", "Dupont", "Œuvray", "Straße", "Ñandú", "ǅemal"], []),
    "company_name": _either(["Boulangerie Martin", "SARL Ça & Là", "3M", "Éts Ŀ"], []),
    "legal_form": _either(["", "SARL"], ["x" * 51]),
    "siret": _either(["", "73282932000074", "732829320"], ["73282932000075", "7328 2932"]),
    "vat_number": _either(["", "FR44732829320", "BE0403019261"], ["FR00123456789"]),
    "contact_name": _either(["", "Paul Martin"], []),
    "email": _either(["", "zoe@orange.fr", "Zoe@Orange.FR", "é@x.fr"], ["bad@@x", "a@b.test"]),
    "phone": _either(["", "01 45 67 89 10", "+32 470 12 34 56", "06.12.34.56.78"], ["0612"]),
    "mobile": _either(["", "06 12 34 56 78", "+33612345678", "0033 6 12 34 56 78"], []),
    "address_line1": _either(["", "3 rue de l'Église", "86, rue Maréchal"], []),
    "address_line2": _either(["", "Bât. B"], []),
    "postcode": _either(["", "75004", "07505"], ["7500", "SW1A 1AA"]),
    "city": _either(["", "Paris", "Saint-Étienne"], []),
    "country": _either(["", "FR", "fr"], ["Belgique", "Allemagne", "Atlantis", "be"]),
    "reference": _either(["", "4006381333931", "ABC-12", "40063813", "12 34"], ["4006381333932"]),
    "account_number": _either(["", "411zoe"], ["411-x", "A" * 21]),
    "group": _either(["", "VIP", "Fidèles"], ["Groupe  1"]),
    "notes": _either(["", "Aime le pain"], ["ligne\r\nsuivante", "n" * 5001, "x\x1fy"]),
    "birthday": _either(["", "1985-07-14", "14/07/1985"], ["31/02/1990", "2999-01-01"]),
    "email_consent": _either(["", "oui", "NON", "Yes", "vrai", "Oui"], ["peut-être", "Ｏui"]),
}

_records = st.fixed_dictionaries({name: _VALUES[name] for name in COLUMNS})


def _layout(present: list[str]) -> tuple[dict[str, int], int]:
    return {name: i for i, name in enumerate(present)}, len(present)


@settings(max_examples=600)
@given(_records, st.sets(st.sampled_from(COLUMNS), max_size=4), st.randoms())
@example(
    {name: "" for name in COLUMNS} | {"last_name": "Dupont", "reference": "4006381333931"},
    set(),
    random.Random(1),
)
def test_fast_path_agrees_with_the_form_checks(
    values: dict[str, str], missing: set[str], rng: random.Random
) -> None:
    present = [name for name in COLUMNS if name not in missing or name == "last_name"]
    rng.shuffle(present)
    columns, width = _layout(present)
    record = [values[name] for name in present]
    expected = _checked_fully(columns, width, 7, list(record))
    assert check_record(columns, width, 7, list(record)) == expected
    # Through the worker's text form, as the importing process reads it back.
    chunk = check_chunk(columns, width, [(7, list(record))])
    if chunk.valid:
        fields = chunk.valid.split(FIELD_SEP)
        assert expected.values is not None and not expected.problems
        assert checking.decoded_values(fields) == expected.values
        assert fields[:3] == checking.encoded(expected)[:3]
        assert chunk.key_ranks == {str(expected.values[20])[:6]: expected.key_rank}
    else:
        assert chunk.others == [expected]


def test_a_chunk_keeps_file_order_and_every_record() -> None:
    columns, width = _layout(list(COLUMNS))
    good = ["" for _ in COLUMNS]
    good[COLUMNS.index("last_name")] = "Durand"
    bad = list(good)
    bad[COLUMNS.index("email")] = "x@@y"
    odd = list(good)
    odd[COLUMNS.index("notes")] = "a\x1eb"  # valid, but cannot travel as text
    chunk = check_chunk(columns, width, [(2, good), (3, bad), (4, odd), (6, list(good))])
    assert [f.split(FIELD_SEP)[1] for f in chunk.valid.split(ROW_SEP)] == ["2", "6"]
    assert [c.line for c in chunk.others] == [3, 4]
    assert chunk.others == check_records(columns, width, [(3, bad), (4, odd)])


def test_what_the_fast_path_takes_for_printable_has_no_white_space_but_the_space() -> None:
    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code) != " "
        and (chr(code).isspace() or code < 32 or code == 127)
        and chr(code).isprintable()
    ]
    assert missed == []


def _luhn_by_loop(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_luhn_by_bytes_agrees_with_the_loop(digits: str) -> None:
    assert _luhn_valid(digits) == _luhn_by_loop(digits)


@given(st.text(alphabet="0123456789", min_size=8, max_size=13))
def test_ean_by_bytes_agrees_with_the_loop(code: str) -> None:
    weighted = 3 * sum(map(int, code[-2::-2])) + sum(map(int, code[-3::-2]))
    assert _ean_valid(code) == ((10 - weighted % 10) % 10 == int(code[-1]))


def test_a_plain_export_row_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    columns, width = _layout(list(COLUMNS))
    row = dict.fromkeys(COLUMNS, "") | {
        "kind": "company",
        "company_name": "Adam",
        "legal_form": "SAS",
        "siret": "69571210964480",
        "vat_number": "FR46695712109",
        "contact_name": "Monique Chrétien",
        "email": "contact.adam@wanadoo.fr",
        "phone": "04 10 54 60 13",
        "mobile": "06 59 88 96 15",
        "address_line1": "86, rue Maréchal",
        "postcode": "80198",
        "city": "Leleu",
        "country": "FR",
        "reference": "0477327259433",
        "account_number": "411ADAM",
        "email_consent": "yes",
    }
    record = [row[name] for name in COLUMNS]
    expected = _checked_fully(columns, width, 2, list(record))
    monkeypatch.setattr(checking, "_checked_fully", None)  # any use would fail
    chunk = check_chunk(columns, width, [(2, record)])
    assert chunk.others == [] and expected.values is not None
    assert checking.decoded_values(chunk.valid.split(FIELD_SEP)) == expected.values
