"""Writing customers as vCards (.vcf): vCard 3.0 (what phones, Gmail and Outlook all read),
UTF-8. What the directory holds beyond a vCard's fields travels in the `X-POS-…` properties
(`vcard`), so an export imports back to the same directory; the group is also written as
`CATEGORIES` for other programs, which read it as a label.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
import vobject
from babel import Locale

from pos_clients.customer_fields import format_phone
from pos_clients.directory_csv.format import COLUMNS
from pos_clients.directory_csv.vcard import (
    X_ACCOUNT,
    X_CONTACT,
    X_EMAIL_CONSENT,
    X_GROUP,
    X_LEGAL_FORM,
    X_REFERENCE,
    X_SIRET,
    X_VAT,
)


def card_text(row: Any, language: str = "fr") -> str:
    """One customer (a row of the export's statement, in `COLUMNS` order with the birthday a
    date and the email consent a bool or None) as a vCard 3.0."""
    values = dict(zip(COLUMNS, row, strict=True))
    card = vobject.vCard()
    card.add("version").value = "3.0"
    company = values["kind"] == "company"
    first, last = values["first_name"] or "", values["last_name"] or ""
    if company:
        card.add("n").value = vobject.vcard.Name()
        card.add("fn").value = values["company_name"] or ""
        card.add("org").value = [values["company_name"] or ""]
        card.add("x-abshowas").value = "COMPANY"
    else:
        card.add("n").value = vobject.vcard.Name(
            family=last, given=first, prefix=values["civility"] or ""
        )
        card.add("fn").value = " ".join(p for p in (first, last) if p)
    if values["email"]:
        email = card.add("email")
        email.value = values["email"]
        email.type_param = "INTERNET"
    country = values["country"] or "FR"
    for column, kind in (("phone", "WORK" if company else "VOICE"), ("mobile", "CELL")):
        if values[column]:
            tel = card.add("tel")
            tel.value = _international(values[column])
            tel.type_param = kind
    if any(values[c] for c in ("address_line1", "address_line2", "postcode", "city")):
        line1, line2 = values["address_line1"] or "", values["address_line2"] or ""
        street = f"{line1}\n{line2}" if line2 else line1
        card.add("adr").value = vobject.vcard.Address(
            street=street,
            city=values["city"] or "",
            code=values["postcode"] or "",
            country=_country_name(country, language),
        )
    if values["birthday"]:
        card.add("bday").value = values["birthday"].isoformat()
    if values["notes"]:
        card.add("note").value = values["notes"]
    consent = values["email_consent"]
    own = {
        X_REFERENCE: values["reference"],
        X_ACCOUNT: values["account_number"],
        X_GROUP: values["group"],
        X_SIRET: values["siret"],
        X_VAT: values["vat_number"],
        X_LEGAL_FORM: values["legal_form"],
        X_CONTACT: values["contact_name"],
        X_EMAIL_CONSENT: "" if consent is None else ("yes" if consent else "no"),
    }
    for name, value in own.items():
        if value:
            card.add(name.lower()).value = str(value)
    if values["group"]:
        card.add("categories").value = [values["group"]]
    return str(card.serialize())


_FRENCH_NATIONAL = re.compile(r"0([1-9](?: \d\d){4})")


def _international(e164: str) -> str:
    """`+33 6 12 34 56 78`: readable, and dialled right from any country."""
    if e164.startswith("+33"):
        # A French number as the directory shows it (`format_phone`'s fast path), its 0 the
        # country code: what libphonenumber writes, a tenth of the cost.
        found = _FRENCH_NATIONAL.fullmatch(format_phone(e164))
        if found:
            return f"+33 {found[1]}"
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _country_name(code: str, language: str) -> str:
    """The country's name in the user's language (`France`), the code when unknown."""
    return str(Locale(language).territories.get(code, code))
