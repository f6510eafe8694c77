"""The fast paths of the field checks give exactly what the full libraries give.

The CSV import checks tens of thousands of rows a second, so common values (plain emails,
French phones, EAN codes, ASCII text) skip the slow general code; these properties check
that they accept, refuse and normalise exactly as email-validator, libphonenumber and
python-stdnum do.
"""

from __future__ import annotations

import random
import unicodedata

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st
from stdnum import ean

from pos_clients import customer_fields as cf
from pos_clients import customers
from pos_clients.customers import CustomerDraft
from pos_clients.data.search_index import phone_words, word_forms
from pos_clients.demo.numbers import french_vat
from pos_clients.demo.numbers import siret as demo_siret
from pos_clients.errors import ValidationError
from pos_clients.folding import fold


def full_email(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError:
        return "REFUSED"


def fast_email(value: str) -> str | None:
    try:
        return cf.clean_email(value)
    except cf.FieldError:
        return "REFUSED"


_label = st.text(alphabet="abcXYZ019-", min_size=1, max_size=8)
_local = st.text(alphabet="abcXYZ019._+-~!", min_size=1, max_size=12)


@settings(max_examples=400)
@given(
    st.builds(
        lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
        _local,
        st.lists(_label, min_size=1, max_size=3),
        st.sampled_from(["fr", "COM", "test", "local", "b1", "x", "museum", "onion"]),
    )
    | st.text(max_size=30)
)
@example("zoe.lefevre@Orange.FR")
@example("a--b@x--y.fr")
@example("a@xn--bcher-kva.fr")
@example("." + "a" * 70 + "@b.fr")
@example("a" * 65 + "@b.fr")
def test_email_fast_path_agrees_with_email_validator(value: str) -> None:
    assert fast_email(value) == full_email(value)


def full_phone(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return "REFUSED"
    if not phonenumbers.is_valid_number(number):
        return "REFUSED"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@settings(max_examples=600)
@given(
    st.sampled_from(["0", "+33", "+33 ", "0033"]),
    st.integers(min_value=100_000_000, max_value=999_999_999),
    st.sampled_from(["", " ", ".", "-"]),
)
def test_french_phone_fast_path_agrees_with_libphonenumber(
    lead: str, number: int, separator: str
) -> None:
    digits = str(number)
    written = lead + digits[0] + "".join(separator + digits[i : i + 2] for i in range(1, 9, 2))
    try:
        ours = cf.clean_phone(written, "FR")
    except cf.FieldError:
        ours = "REFUSED"
    assert ours == full_phone(written)


@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8)
    | st.from_regex(r"\d{13}", fullmatch=True)
)
def test_ean_check_digit_agrees_with_stdnum(code: str) -> None:
    try:
        cf.clean_reference(code)
        ours = True
    except cf.FieldError:
        ours = False
    assert ours == ean.is_valid(code)


def slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fold_fast_path(text: str) -> None:
    assert fold(text) == slow_fold(text)


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_french_phone_words_fast_path(nsn: int) -> None:
    e164 = f"+33{nsn}"
    number = phonenumbers.parse(e164, None)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    # A French number is indexed in its national form alone (`word_forms` finds it by `33…`).
    assert phone_words(e164) == ["".join(c for c in national if c.isdigit())]


_field = st.sampled_from(
    ["", " ", "Zoë", "x" * 201, "a\x00b", "M.", "mme", "Dr", "06 12 34 56 78", "75004", "7500"]
)


@settings(max_examples=300)
@given(
    kind=st.sampled_from(["person", "company", "personne morale", "robot", ""]),
    civility=_field,
    first_name=_field,
    last_name=_field,
    company_name=_field,
    legal_form=_field,
    siret=st.sampled_from(["", "73282932000074", "73282932000075", "732829320"]),
    vat_number=st.sampled_from(["", "FR44732829320", "FR00123456789"]),
    email=st.sampled_from(["", "zoe@orange.fr", "bad@@x", "a@b.test"]),
    phone=_field,
    postcode=_field,
    country=st.sampled_from(["", "FR", "BE", "Belgique", "Atlantis"]),
    reference=st.sampled_from(["", "4006381333931", "4006381333932", "ABC 12", "12 34"]),
    account_number=st.sampled_from(["", "411zoe", "411-x", "A" * 21]),
    birthday=st.sampled_from(["", "1985-07-14", "14/07/1985", "31/02/1990", "2999-01-01"]),
    notes=st.sampled_from(["", "ok", "a\x00", "n" * 5001]),
)
def test_clean_fast_path_agrees_with_field_by_field(**fields: str) -> None:
    draft = CustomerDraft(**fields)
    try:
        fast: object = customers.clean(draft)
    except ValidationError as exc:
        fast = exc.fields
    try:
        each: object = customers._clean_each(draft)
    except ValidationError as exc:
        each = exc.fields
    assert fast == each


@pytest.mark.parametrize("value", ["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678"])
def test_french_phone_forms(value: str) -> None:
    assert cf.clean_phone(value) == "+33612345678"


def library_format(e164: str) -> str:
    number = phonenumbers.parse(e164, None)
    if phonenumbers.region_code_for_number(number) == "FR":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@settings(max_examples=600)
@given(st.integers(min_value=100_000_000, max_value=999_999_999))
@example(880050567)  # 08: `0 880 05 05 67`
@example(612345678)
def test_shown_phones_are_written_as_libphonenumber_writes_them(nsn: int) -> None:
    e164 = f"+33{nsn}"
    if phonenumbers.is_valid_number(phonenumbers.parse(e164, None)):  # as stored ones are
        assert cf.format_phone(e164) == library_format(e164)


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_export_writes_french_phones_as_libphonenumber(nsn: int) -> None:
    from pos_clients.directory_csv.exporting import _phone

    e164 = f"+33{nsn}"
    number = phonenumbers.parse(e164, None)
    if phonenumbers.region_code_for_number(number) == "FR":
        assert _phone(e164, "FR") == cf.format_phone(e164)


def _stdnum_or_refused(fn: object, value: str) -> str:
    try:
        return str(fn(value))  # type: ignore[operator]
    except cf.FieldError:
        return "REFUSED"


@settings(max_examples=500)
@given(
    st.integers(min_value=0, max_value=10**14 - 1).map(lambda n: f"{n:014d}")
    | st.integers(min_value=0, max_value=10**9 - 1).map(lambda n: f"{n:09d}")
    | st.integers().map(lambda seed: demo_siret(random.Random(seed)))
    | st.sampled_from(["35600000000048", "35600000012345", "356000000", "7328293200007４"])
)
def test_siret_fast_path_agrees_with_stdnum(value: str) -> None:
    from stdnum.fr import siren, siret

    expected = siren.is_valid(value) if len(value) == 9 else siret.is_valid(value)
    assert (_stdnum_or_refused(cf.clean_siret, value) != "REFUSED") == expected


@settings(max_examples=500)
@given(
    st.integers(min_value=0, max_value=10**11 - 1).map(lambda n: f"FR{n:011d}")
    | st.integers().map(lambda seed: french_vat(demo_siret(random.Random(seed))[:9]))
    | st.sampled_from(["FR44732829320", "fr44732829320", "FR 44 732829320", "FR00000000012"])
)
def test_vat_fast_path_agrees_with_stdnum(value: str) -> None:
    from stdnum.eu import vat

    ours = _stdnum_or_refused(cf.clean_vat_number, value)
    if vat.is_valid(value):
        assert ours == vat.validate(value)
    else:
        assert ours == "REFUSED"


@pytest.mark.parametrize(
    ("e164", "expected"),
    [
        ("+32475123456", ["0475123456", "32475123456"]),  # Belgium: both forms
        ("+262692123456", ["0692123456", "262692123456"]),  # La Réunion: its own code
        ("+33612345678", ["0612345678"]),
        ("", []),
    ],
)
def test_phone_words_outside_france_keep_the_international_form(
    e164: str, expected: list[str]
) -> None:
    assert phone_words(e164) == expected


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("33612", ("33612", "0612")),
        ("331", ("331", "01")),
        ("33", ("33",)),  # two digits: a department, not the start of a number
        ("3306", ("3306",)),  # no French number starts with 0 after its 33
        ("0612", ("0612",)),
        ("33a", ("33a",)),
        ("dupont", ("dupont",)),
    ],
)
def test_word_forms(word: str, forms: tuple[str, ...]) -> None:
    assert word_forms(word) == forms
