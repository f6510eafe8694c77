"""Checking and normalising each field of a customer, with messages in plain French.

Each `clean_*` function takes what a user typed and returns the value to store, or raises
`FieldError` with the message to show next to the field. The form (UI), the CSV import and the
services all use these, so a rule is stated once.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from stdnum.eu import vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

from pos_clients.i18n import Text

CIVILITIES = ("M.", "Mme")
KINDS = ("person", "company")
LEGAL_FORMS = ("EI", "EURL", "SARL", "SAS", "SASU", "SA", "SCI", "SNC", "Association", "Autre")
MAX_REFERENCE = 64
MAX_ACCOUNT = 20
MAX_TEXT = 200
MAX_NOTES = 5000


class FieldError(Exception):
    """The value of one field cannot be accepted; `text` says why, for the user."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.fr)
        self.text = text


_FRENCH_POSTCODE = re.compile(r"\d{5}")
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), True),
    (re.compile(r"(\d{2})/(\d{2})/(\d{4})"), False),
)
_CONTROL = re.compile(r"[\x00-\x1f]")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")
_DIGITS_AND_SPACES = re.compile(r"[\d ]+")
_ACCOUNT = re.compile(r"[A-Z0-9]+")


def _err(fr: str, en: str) -> FieldError:
    return FieldError(Text(fr, en))


def clean_text(value: str, *, limit: int = MAX_TEXT, label: Text | None = None) -> str:
    """Trim and collapse spaces; refuse control characters and over-long text."""
    if not value:
        return ""
    value = " ".join(value.split())
    if _CONTROL.search(value):
        raise _err("Contient des caractères invalides.", "Contains invalid characters.")
    if len(value) > limit:
        raise _err(
            f"Trop long : {limit} caractères au plus.", f"Too long: at most {limit} characters."
        )
    return value


def clean_notes(value: str) -> str:
    value = value.replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise _err("Contient des caractères invalides.", "Contains invalid characters.")
    if len(value) > MAX_NOTES:
        raise _err(
            f"Trop long : {MAX_NOTES} caractères au plus.",
            f"Too long: at most {MAX_NOTES} characters.",
        )
    return value


KIND_ALIASES = {
    "person": "person",
    "personne physique": "person",
    "physique": "person",
    "particulier": "person",
    "company": "company",
    "personne morale": "company",
    "morale": "company",
    "societe": "company",
    "société": "company",
    "entreprise": "company",
}


def clean_kind(value: str) -> str:
    folded = value.strip().lower()
    if folded in KIND_ALIASES:
        return KIND_ALIASES[folded]
    raise _err(
        "Type inconnu : « personne physique » ou « personne morale ».",
        "Unknown kind: “person” or “company”.",
    )


CIVILITY_ALIASES = {
    "m": "M.",
    "m.": "M.",
    "mr": "M.",
    "monsieur": "M.",
    "mme": "Mme",
    "madame": "Mme",
    "mrs": "Mme",
    "ms": "Mme",
    "": "",
}


def clean_civility(value: str, kind: str) -> str:
    value = value.strip()
    if kind == "company":
        if value:
            raise _err("Une personne morale n'a pas de civilité.", "A company has no civility.")
        return ""
    key = value.lower()
    if key in CIVILITY_ALIASES:
        return CIVILITY_ALIASES[key]
    raise _err("Civilité : M., Mme ou aucune.", "Civility: M., Mme or none.")


# Plain ASCII addresses that email-validator accepts and only lower-cases the domain of:
# dot-atom local part, LDH labels without "--" (IDNA), alphabetic TLD. Anything else takes
# the full validator. A property test checks both paths agree.
_SIMPLE_EMAIL = re.compile(
    r"([A-Za-z0-9_+\-]+(?:\.[A-Za-z0-9_+\-]+)*)@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}))"
)
_SPECIAL_USE_TLDS = frozenset(("arpa", "invalid", "local", "localhost", "onion", "test"))


def clean_email(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    simple = _SIMPLE_EMAIL.fullmatch(value)
    if (
        simple is not None
        and len(value) <= 254
        and len(simple[1]) <= 64
        and "--" not in simple[2]
        and simple[3].lower() not in _SPECIAL_USE_TLDS
    ):
        return f"{simple[1]}@{simple[2].lower()}"
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise _err(
            f"Adresse e-mail invalide : « {value[:60]} ».",
            f"Invalid email address: “{value[:60]}”.",
        ) from None
    return str(result.normalized)


# French numbers as people write them: 0X XX XX XX XX (spaces, dots or dashes), +33 or 0033.
_FRENCH_PHONE = re.compile(r"(?:0|\+33 ?|0033 ?)([1-9](?:[ .\-]?\d){8})")
_PHONE_SEPARATORS = str.maketrans("", "", " .-")


_FRENCH_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)


@lru_cache(maxsize=1)
def _french_numbering_plan() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """libphonenumber's own patterns for a valid 9-digit French number (general, then types).

    A number is valid when it has a known type; matching the patterns directly skips the
    library's object model (tested equal to `is_valid_number`).
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("FR")
    assert metadata is not None and metadata.general_desc is not None
    patterns = []
    for name in _FRENCH_TYPES:
        desc = getattr(metadata, name, None)
        if desc is None or not desc.national_number_pattern:
            continue
        if 9 in (desc.possible_length or metadata.general_desc.possible_length or (9,)):
            patterns.append(desc.national_number_pattern)
    general = re.compile(str(metadata.general_desc.national_number_pattern))
    return general, re.compile("(?:" + "|".join(patterns) + ")")


def _french_number_valid(national_number: str) -> bool:
    general, types = _french_numbering_plan()
    return bool(general.fullmatch(national_number) and types.fullmatch(national_number))


def clean_phone(value: str, country: str = "FR") -> str | None:
    """A phone number as E.164 (+33612345678); French numbers by default."""
    value = value.strip()
    if not value:
        return None
    if country in ("FR", "") or value.startswith(("+33", "0033")):
        french = _FRENCH_PHONE.fullmatch(value)
        if french is not None:
            national = french[1].translate(_PHONE_SEPARATORS)
            if _french_number_valid(national):
                return "+33" + national
    if len(value) > 40:
        raise _err("Numéro de téléphone trop long.", "Phone number too long.")
    try:
        number = phonenumbers.parse(value, country or "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _err(
            f"Numéro de téléphone invalide : « {value} ».", f"Invalid phone number: “{value}”."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)
def format_phone(e164: str | None) -> str:
    """A stored number as a French cashier writes it (06 12 34 56 78), international otherwise.

    Remembered (the directory's list shows the same numbers at every repaint). A French
    number (stored numbers are valid; 08 special numbers aside, written `0 8XX …`) skips
    libphonenumber (about 60 µs): 0X XX XX XX XX, as it writes valid ones (tested)."""
    if not e164:
        return ""
    national = e164[3:]
    if len(e164) == 12 and e164.startswith("+33") and national[0] != "8" and national.isdigit():
        return f"0{national[0]} {national[1:3]} {national[3:5]} {national[5:7]} {national[7:]}"
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == "FR":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names[name.casefold()] = code
    return names


_COUNTRIES: dict[str, str] | None = None


def clean_country(value: str) -> str:
    """An ISO 3166 code from a code or a name in French or English; France when empty."""
    global _COUNTRIES
    value = value.strip()
    if not value:
        return "FR"
    if len(value) == 2 and value.isalpha():
        return value.upper()
    if _COUNTRIES is None:
        _COUNTRIES = _country_names()
    code = _COUNTRIES.get(value.casefold())
    if code is None:
        raise _err(f"Pays inconnu : « {value} ».", f"Unknown country: “{value}”.")
    return code


def country_name(code: str, language: str = "fr") -> str:
    return str(Locale.parse(language).territories.get(code, code))


def clean_postcode(value: str, country: str) -> str:
    value = value.strip().upper()
    if country == "FR" and value and not _FRENCH_POSTCODE.fullmatch(value):
        raise _err(
            "Code postal français : 5 chiffres (ex. 75004).",
            "French postcode: 5 digits (e.g. 75004).",
        )
    if len(value) > 20:
        raise _err("Code postal trop long.", "Postcode too long.")
    return value


_DOUBLED_DIGIT = str.maketrans("0123456789", "0246813579")  # digit sum of twice the digit


def _luhn_valid(digits: str) -> bool:
    """The Luhn check of a string of ASCII digits (summed as bytes: no Python loop)."""
    kept, doubled = digits[-1::-2], digits[-2::-2].translate(_DOUBLED_DIGIT)
    return (sum(kept.encode()) + sum(doubled.encode()) - 48 * len(digits)) % 10 == 0


_ASCII_DIGITS = re.compile(r"[0-9]+")
_FRENCH_VAT = re.compile(r"FR[0-9]{11}")


def _plain_siret_or_siren(compact: str) -> bool:
    """Certainly valid for python-stdnum (which decides every other case, La Poste's too)."""
    if len(compact) not in (9, 14) or not _ASCII_DIGITS.fullmatch(compact):
        return False
    if compact.startswith("356000000"):
        return False
    return _luhn_valid(compact) and _luhn_valid(compact[:9])


def _french_vat_key_valid(number: str) -> bool:
    """FR VAT after `FR`: key (2 digits) then SIREN, as python-stdnum checks it."""
    if number[2:5] != "000" and not _luhn_valid(number[2:]):
        return False
    return int(number[:2]) == int(number[2:] + "12") % 97


def clean_siret(value: str) -> str:
    """A SIRET (14 digits) or SIREN (9 digits), with its Luhn check."""
    compact = re.sub(r"[\s.\-]", "", value)
    if not compact:
        return ""
    if _plain_siret_or_siren(compact):
        return compact
    try:
        if len(compact) == 9:
            return str(siren.validate(compact))
        return str(siret.validate(compact))
    except StdnumError:
        raise _err(
            f"SIRET ou SIREN invalide : « {value.strip()} » (14 ou 9 chiffres, clé de contrôle).",
            f"Invalid SIRET or SIREN: “{value.strip()}” (14 or 9 digits, check digit).",
        ) from None


def clean_vat_number(value: str) -> str:
    """An intra-EU VAT number (FR + key + SIREN for France)."""
    compact = value.strip()
    if not compact:
        return ""
    if _FRENCH_VAT.fullmatch(compact) and _french_vat_key_valid(compact[2:]):
        return compact
    try:
        return str(vat.validate(compact))
    except StdnumError:
        raise _err(
            f"Numéro de TVA intracommunautaire invalide : « {compact} ».",
            f"Invalid intra-EU VAT number: “{compact}”.",
        ) from None


def clean_reference(value: str) -> str | None:
    """The loyalty-card code: trimmed, upper-cased; an EAN-13/EAN-8 needs its check digit."""
    value = value.strip()
    if len(value) == 13 and value.isdigit() and value.isascii():
        # The usual card, an EAN-13 (an import checks thousands): its check digit alone.
        if not _ean_valid(value):
            raise _bad_ean(value)
        return value
    if not value:
        return None
    if " " in value and _DIGITS_AND_SPACES.fullmatch(value):
        value = value.replace(" ", "")
    if _SPACE_OR_CONTROL.search(value):
        raise _err(
            "La référence ne peut pas contenir d'espaces ni de caractères de contrôle.",
            "The reference may not contain spaces or control characters.",
        )
    if len(value) > MAX_REFERENCE:
        raise _err(
            f"Référence trop longue : {MAX_REFERENCE} caractères au plus.",
            f"Reference too long: at most {MAX_REFERENCE} characters.",
        )
    if value.isdigit() and len(value) in (8, 13) and not _ean_valid(value):
        raise _bad_ean(value)
    return value.upper()


def _bad_ean(value: str) -> FieldError:
    return _err(
        f"Code EAN-{len(value)} invalide : la clé de contrôle ne correspond pas (carte mal lue ?).",
        f"Invalid EAN-{len(value)} code: the check digit does not match (misread card?).",
    )


def _ean_valid(code: str) -> bool:
    """The GS1 check digit of an EAN-8/EAN-13 (weights 3 and 1 from the right)."""
    if not code.isascii():
        return False  # digits of other scripts are no barcode
    triple, single = code[-2::-2].encode(), code[-3::-2].encode()
    weighted = 3 * (sum(triple) - 48 * len(triple)) + sum(single) - 48 * len(single)
    return (10 - weighted % 10) % 10 == ord(code[-1]) - 48


def clean_account_number(value: str) -> str | None:
    """Letters and digits, upper-cased, 20 at most; empty means the shop's "Clients divers"."""
    value = value.strip().upper()
    if not value:
        return None
    if not _ACCOUNT.fullmatch(value):
        raise _err(
            "Numéro de compte : lettres et chiffres uniquement (ex. 411DUPONT).",
            "Account number: letters and digits only (e.g. 411DUPONT).",
        )
    if len(value) > MAX_ACCOUNT:
        raise _err(
            f"Numéro de compte trop long : {MAX_ACCOUNT} caractères au plus.",
            f"Account number too long: at most {MAX_ACCOUNT} characters.",
        )
    return value


def clean_birthday(value: str | date | None, today: date | None = None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        parsed: date | None = None
        for pattern, year_first in _DATE_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                a, b, c = (int(g) for g in match.groups())
                try:
                    parsed = date(a, b, c) if year_first else date(c, b, a)
                except ValueError:
                    parsed = None
                break
        if parsed is None:
            raise _err(
                f"Date de naissance invalide : « {text[:20]} » (JJ/MM/AAAA).",
                f"Invalid birthday: “{text[:20]}” (DD/MM/YYYY).",
            )
        value = parsed
    today = today or date.today()
    if value > today or value.year < 1900:
        raise _err("Date de naissance impossible.", "Impossible birthday.")
    return value


def parse_discount_percent(value: str | float | int) -> int:
    """A discount typed in percent (`10`, `12,5`, `7.25 %`) as basis points (1250)."""
    text = str(value).strip().replace("%", "").replace(",", ".").strip()
    if not text:
        return 0
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text):
        raise _err(
            "Remise : un pourcentage de 0 à 100, deux décimales au plus (ex. 12,5).",
            "Discount: a percentage from 0 to 100, at most two decimals (e.g. 12.5).",
        )
    whole, _, frac = text.partition(".")
    bp = int(whole) * 100 + int((frac + "00")[:2])
    if bp > 10000:
        raise _err("Remise : 100 % au plus.", "Discount: at most 100 %.")
    return bp
