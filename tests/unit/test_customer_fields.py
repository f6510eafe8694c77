"""Each field check accepts what a French shop types and refuses the rest with a clear message."""

from __future__ import annotations

from datetime import date

import pytest

from pos_clients import customer_fields as cf
from pos_clients.folding import fold, words


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("01 45 67 89 10", "+33145678910"),
        ("+32 2 555 12 12", "+3225551212"),
        ("", None),
    ],
)
def test_phone_is_stored_as_e164(typed: str, stored: str | None) -> None:
    assert cf.clean_phone(typed) == stored


def test_phone_is_shown_in_french_format() -> None:
    assert cf.format_phone("+33612345678") == "06 12 34 56 78"
    assert cf.format_phone("+3225551212") == "+32 2 555 12 12"


@pytest.mark.parametrize("typed", ["12", "06 12 34", "abc", "+33 6 12 34 56 78 90 12"])
def test_bad_phone(typed: str) -> None:
    with pytest.raises(cf.FieldError) as err:
        cf.clean_phone(typed)
    assert "invalide" in err.value.text.fr
    assert "Invalid" in err.value.text.en


def test_reference_check_digits() -> None:
    assert cf.clean_reference(" 4006381333931 ") == "4006381333931"
    assert cf.clean_reference("4 006381 333931") == "4006381333931"
    assert cf.clean_reference("96385074") == "96385074"  # EAN-8
    assert cf.clean_reference("carte-fid-12") == "CARTE-FID-12"
    assert cf.clean_reference("0001") == "0001"  # leading zeros kept
    assert cf.clean_reference("") is None
    with pytest.raises(cf.FieldError, match="clé de contrôle"):
        cf.clean_reference("4006381333932")
    with pytest.raises(cf.FieldError):
        cf.clean_reference("AB CD")
    with pytest.raises(cf.FieldError):
        cf.clean_reference("X" * 65)


def test_siret_siren_and_vat() -> None:
    assert cf.clean_siret("732 829 320 00074") == "73282932000074"
    assert cf.clean_siret("732829320") == "732829320"
    assert cf.clean_vat_number("fr44 732829320") == "FR44732829320"
    assert cf.clean_vat_number("DE 136695976") == "DE136695976"
    for bad in ("73282932000075", "12345", "732829321"):
        with pytest.raises(cf.FieldError, match="SIRET"):
            cf.clean_siret(bad)
    with pytest.raises(cf.FieldError, match="TVA"):
        cf.clean_vat_number("FR00732829320")


def test_account_number() -> None:
    assert cf.clean_account_number(" 411dupont ") == "411DUPONT"
    assert cf.clean_account_number("") is None
    with pytest.raises(cf.FieldError, match="lettres et chiffres"):
        cf.clean_account_number("411-DUP")
    with pytest.raises(cf.FieldError, match="20"):
        cf.clean_account_number("4" * 21)


def test_email() -> None:
    assert cf.clean_email(" zoe@Example.FR ") == "zoe@example.fr"
    assert cf.clean_email("") is None
    with pytest.raises(cf.FieldError, match="e-mail"):
        cf.clean_email("zoe@")


def test_postcode_and_country() -> None:
    assert cf.clean_country("") == "FR"
    assert cf.clean_country("Belgique") == "BE"
    assert cf.clean_country("germany") == "DE"
    assert cf.clean_country("es") == "ES"
    assert cf.clean_postcode("75004", "FR") == "75004"
    assert cf.clean_postcode("1000", "BE") == "1000"
    with pytest.raises(cf.FieldError, match="5 chiffres"):
        cf.clean_postcode("7504", "FR")
    with pytest.raises(cf.FieldError, match="Pays inconnu"):
        cf.clean_country("Atlantide")


def test_birthday() -> None:
    today = date(2026, 11, 28)
    assert cf.clean_birthday("14/07/1985", today) == date(1985, 7, 14)
    assert cf.clean_birthday("1985-07-14", today) == date(1985, 7, 14)
    for bad in ("31/02/1985", "demain", "01/01/2030", "01/01/1850"):
        with pytest.raises(cf.FieldError):
            cf.clean_birthday(bad, today)


def test_text_refuses_control_characters_and_overlong() -> None:
    assert cf.clean_text("  Zoë   Lefèvre ") == "Zoë Lefèvre"
    with pytest.raises(cf.FieldError):
        cf.clean_text("a\x00b")
    with pytest.raises(cf.FieldError, match="200"):
        cf.clean_text("x" * 10_000)


def test_civility_and_kind() -> None:
    assert cf.clean_civility("madame", "person") == "Mme"
    assert cf.clean_civility("M", "person") == "M."
    assert cf.clean_civility("", "company") == ""
    with pytest.raises(cf.FieldError):
        cf.clean_civility("Mme", "company")
    assert cf.clean_kind("Personne morale") == "company"
    assert cf.clean_kind("person") == "person"
    with pytest.raises(cf.FieldError):
        cf.clean_kind("robot")


@pytest.mark.parametrize(
    ("typed", "bp"), [("10", 1000), ("12,5", 1250), ("7.25 %", 725), ("100", 10000), ("0", 0)]
)
def test_discount_percent(typed: str, bp: int) -> None:
    assert cf.parse_discount_percent(typed) == bp


def test_folding() -> None:
    assert fold("Hélène") == "helene"
    assert fold("LEFÈVRE-ŒUVRAY") == "lefevre-oeuvray"
    assert fold("Straße") == "strasse"
    assert words("Zoë Lefèvre-Œuvray, 75004") == ["zoe", "lefevre", "oeuvray", "75004"]
