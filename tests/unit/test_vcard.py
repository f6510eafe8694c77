"""vCard cards written and read back field for field, whatever the text holds (`;`, `,`, `\\`,
`:`, new lines, accents), and how a vCard file is told from a CSV one."""

from __future__ import annotations

from datetime import date

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_clients.directory_csv import COLUMNS
from pos_clients.directory_csv.vcard import is_vcard, read_vcards
from pos_clients.directory_csv.vcard_export import _international, card_text

SPECIALS = ";,:\\\"'&<>/-.()=+@#%*"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäçôöœŒîïûüùÿÉÈÀÇßñ0123456789"
_field = (
    st.text(alphabet=LETTERS + SPECIALS + " ", min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_notes = st.lists(_field, min_size=1, max_size=4).map("\n".join)


def _read_back(row: list[object]) -> dict[str, str]:
    cards = read_vcards(card_text(row).encode("utf-8"))
    assert cards.unreadable == []
    records = list(cards.table.records())
    assert len(records) == 1
    return dict(zip(COLUMNS, records[0][1], strict=True))


@settings(max_examples=150, deadline=None)
@given(
    civility=st.sampled_from(["", "M.", "Mme"]),
    first=_field,
    last=_field,
    line1=_field,
    line2=_field,
    city=_field,
    notes=_notes,
    group=_field,
)
@example(
    civility="Mme",
    first="Zoë",
    last="Lefèvre-Œuvray; née Dupont",
    line1="3, rue de l'Église\\porte 2",
    line2="Bât. B: 2e étage",
    city="Saint-Étienne",
    notes="Aime le pain « tradition »;\nlivraison le mardi, 8h",
    group="Amis & Famille",
)
def test_a_person_card_reads_back_as_written(
    civility: str,
    first: str,
    last: str,
    line1: str,
    line2: str,
    city: str,
    notes: str,
    group: str,
) -> None:
    values = dict.fromkeys(COLUMNS, "")
    values |= {
        "kind": "person",
        "civility": civility,
        "first_name": first,
        "last_name": last,
        "email": "zoe@orange.fr",
        "phone": "+33145678910",
        "mobile": "+32470123456",
        "address_line1": line1,
        "address_line2": line2,
        "postcode": "75004",
        "city": city,
        "country": "FR",
        "reference": "4006381333931",
        "account_number": "411ZOE",
        "group": group,
        "notes": notes,
    }
    row: list[object] = [values[c] for c in COLUMNS]
    row[COLUMNS.index("birthday")] = date(1985, 7, 14)
    row[COLUMNS.index("email_consent")] = True
    back = _read_back(row)
    expected = values | {
        "phone": "+33 1 45 67 89 10",  # written to be dialled from anywhere
        "mobile": "+32 470 12 34 56",
        "country": "France",  # the name, which the import turns back into FR
        "birthday": "1985-07-14",
        "email_consent": "yes",
    }
    assert back == expected


@settings(max_examples=60, deadline=None)
@given(name=_field, contact=_field, legal_form=st.sampled_from(["", "SARL", "SAS", "EI"]))
def test_a_company_card_reads_back_as_written(name: str, contact: str, legal_form: str) -> None:
    values = dict.fromkeys(COLUMNS, "")
    values |= {
        "kind": "company",
        "company_name": name,
        "legal_form": legal_form,
        "siret": "73282932000074",
        "vat_number": "FR44732829320",
        "contact_name": contact,
        "group": "Professionnels & Co",
    }
    row: list[object] = [values[c] for c in COLUMNS]
    row[COLUMNS.index("birthday")] = None
    row[COLUMNS.index("email_consent")] = False
    assert _read_back(row) == values | {"email_consent": "no"}


def test_a_vcard_file_is_told_from_a_csv_one() -> None:
    assert is_vcard(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert is_vcard(b"\xef\xbb\xbf\r\n  begin:vcard\nVERSION:2.1\n")  # BOM, blank line, case
    assert not is_vcard(b"kind,last_name\nperson,BEGIN:VCARD\n")
    assert not is_vcard(b"")


@pytest.mark.parametrize(
    "e164", ["+33612345678", "+33145678910", "+33912345678", "+33800123456", "+32470123456"]
)
def test_phones_are_written_as_libphonenumber_writes_them(e164: str) -> None:
    number = phonenumbers.parse(e164, None)
    expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert _international(e164) == expected
