"""vCard files in and out of the directory (D9), both engines: an export imports back to the
same customers, a phone's address book goes in, broken cards are reported and skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database
from pos_clients.data.tables import customer_table
from pos_clients.directory_csv import CsvUnreadableError, export_customers, import_customers
from tests.helpers.cli_csv import run_cli
from tests.helpers.factories import person
from tests.helpers.round_trip import customers_with_every_field, snapshot, without_ids

# An address book as a phone exports it: vCard 3.0 (Apple's item groups), then 2.1 (Android,
# quoted-printable), then a broken card, then 4.0 (a company).
PHONE_BOOK = (
    "BEGIN:VCARD\r\n"  # line 1
    "VERSION:3.0\r\n"
    "N:Lefèvre;Hélène;;Mme;\r\n"
    "FN:Hélène Lefèvre\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:helene@orange.fr\r\n"
    "EMAIL;type=WORK:h.lefevre@boulot.fr\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:06 12 34 56 78\r\n"
    "TEL;type=HOME:01 45 67 89 10\r\n"
    "TEL;type=WORK;type=FAX:01 45 67 89 11\r\n"
    "item2.ADR;type=HOME:;;3 rue de la République\\nBât. B;Paris;;75004;France\r\n"
    "BDAY:1980-05-17\r\n"
    "NOTE:Préfère les éclairs\\, le mardi\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:aGVsbG8=\r\n"
    "URL:https://example.fr\r\n"
    "CATEGORIES:myContacts\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # line 17
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gar=C3=A7on;Fran=C3=A7ois;;Dr;\r\n"
    "TEL;CELL:0612\r\n"
    "EMAIL;INTERNET:francois@exemple\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # line 23
    "VERSION:3.0\r\n"
    "this line is broken\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # line 27
    "VERSION:4.0\r\n"
    "KIND:org\r\n"
    "FN:Café de la Gare\r\n"
    "ORG:Café de la Gare\r\n"
    "N:Martin;Paul;;;\r\n"
    "TEL;VALUE=uri;TYPE=work:tel:+33-3-20-11-22-33\r\n"
    "BDAY:--0517\r\n"
    "END:VCARD\r\n"
)


def _shop(db: Database) -> None:
    """The CSV round trip's customers, and one with a second address line only, in VIP."""
    vip = customers_with_every_field(db)
    person(db, "Petit", address_line2="Résidence des Lilas", city="Lyon", group_id=vip.id)


def test_an_export_imports_back_to_the_same_customers(db: Database, tmp_path: Path) -> None:
    _shop(db)
    before = without_ids(snapshot(db))
    path = tmp_path / "clients.vcf"
    assert export_customers(db, path).count == 4
    text = path.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VCARD\r\n") == 4  # lines end in CRLF, as the standard says
    assert "X-POS-REFERENCE:4006381333931" in text and "CATEGORIES:VIP" in text
    with db.uow() as uow:
        for customer_id in uow.session.scalars(select(customer_table.c.id)):
            customers.delete_customer(uow, customer_id)
    report = import_customers(db, path)
    assert report.problems == () and report.imported == 4 and report.vcard
    assert report.created_groups == () and report.ignored_columns == ()
    assert without_ids(snapshot(db)) == before


def test_a_phone_address_book_goes_in_and_its_broken_cards_are_reported(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(PHONE_BOOK, encoding="utf-8")
    report = import_customers(db, path)
    assert (report.rows, report.imported, report.rejected) == (4, 2, 2)
    assert [(p.line, p.header) for p in report.problems] == [(17, "EMAIL"), (17, "TEL"), (23, "")]
    assert "francois@exemple" in report.problems[0].message("fr")
    assert "ligne 25" in report.problems[2].message("fr")
    assert "this line is broken" in report.problems[2].message("fr")
    assert report.ignored_columns == ("PHOTO", "URL")
    with db.reader() as uow:
        page = customer_search.search(uow, "lefevre")
        helene = customers.get_customer(uow, page.items[0].id)
        cafe_page = customer_search.search(uow, "gare")
        cafe = customers.get_customer(uow, cafe_page.items[0].id)
    assert (helene.civility, helene.first_name, helene.last_name) == ("Mme", "Hélène", "Lefèvre")
    assert helene.email == "helene@orange.fr"  # the preferred one
    assert (helene.mobile, helene.phone) == ("+33612345678", "+33145678910")
    assert (helene.address_line1, helene.address_line2) == ("3 rue de la République", "Bât. B")
    assert (helene.postcode, helene.city, helene.country) == ("75004", "Paris", "FR")
    assert helene.birthday is not None and helene.birthday.isoformat() == "1980-05-17"
    # Nothing the directory has no field for is lost: it goes to the notes.
    assert helene.notes.splitlines() == [
        "Préfère les éclairs, le mardi",
        "Autres e-mails : h.lefevre@boulot.fr",
        "Fax : 01 45 67 89 11",
    ]
    assert (cafe.kind, cafe.company_name, cafe.contact_name) == (
        "company",
        "Café de la Gare",
        "Paul Martin",
    )
    assert cafe.phone == "+33320112233" and cafe.notes == "Anniversaire : 17/05"
    assert found_names(db, "garcon") == []  # the rejected card wrote nothing


def found_names(db: Database, text: str) -> list[str]:
    with db.reader() as uow:
        return [i.display_name for i in customer_search.search(uow, text).items]


def test_a_card_held_in_the_directory_and_windows_1252_text(db: Database, tmp_path: Path) -> None:
    person(db, "Dupont", "Jean", reference="4006381333931")
    path = tmp_path / "outlook.vcf"
    path.write_bytes(
        (
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Dupont;Jean;;M.;\r\n"
            "X-POS-REFERENCE:4006381333931\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Bérénice;Zoé\r\nFN:Zoé Bérénice\r\nEND:VCARD\r\n"
        ).encode("cp1252")
    )
    report = import_customers(db, path)
    assert report.encoding == "windows-1252" and report.imported == 1
    assert [(p.line, p.header) for p in report.problems] == [(1, "X-POS-REFERENCE")]
    assert "Dupont Jean" in report.problems[0].message("fr")
    assert found_names(db, "berenice") == ["Bérénice Zoé"]


def test_a_card_with_no_end_and_a_file_with_no_card(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "cut.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Sans;Fin\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Durand;Léa\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Coupé;Net\n",
        encoding="utf-8",
    )
    report = import_customers(db, path)
    assert report.imported == 1 and [p.line for p in report.problems] == [1, 8]
    assert "END:VCARD" in report.problems[0].message("fr")
    assert found_names(db, "durand") == ["Durand Léa"]
    empty = tmp_path / "empty.vcf"
    empty.write_text("BEGIN:VCARD-ISH\n", encoding="utf-8")  # not a vCard: read as a CSV
    with pytest.raises(CsvUnreadableError):
        import_customers(db, empty)


def test_the_command_line_exports_a_group_as_vcards_and_imports_them(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _shop(db)
    path = tmp_path / "vip.vcf"
    status, out, _ = run_cli(capsys, db_url, "export", str(path), "--group", "VIP")
    assert status == 0 and "2 client(s)" in out
    assert path.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    status, out, err = run_cli(capsys, db_url, "import", str(path), "--dry-run")
    # Zoë's loyalty card is held already (by Zoë): reported with the property at fault.
    assert status == 1
    held = [line for line in (out + err).splitlines() if "X-POS-REFERENCE" in line]
    assert len(held) == 1 and held[0].startswith("ligne ") and "Lefèvre-Œuvray Zoë" in held[0]
    assert "1 client(s) valide(s) sur 2, 1 fiche(s) rejetée(s)" in out + err
    book = tmp_path / "contacts.vcf"
    book.write_text(PHONE_BOOK, encoding="utf-8")
    status, out, err = run_cli(capsys, db_url, "import", str(book))
    assert status == 1
    lines = (out + err).splitlines()
    assert (
        "ligne 17, propriété « EMAIL » : Adresse e-mail invalide : « francois@exemple »." in lines
    )
    assert "2 client(s) importé(s) sur 4, 2 fiche(s) rejetée(s)." in lines


_PROPERTIES = [
    "N:Dupont;Jean;;M.;",
    "N:",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gar=C3=A7on;=ZZ",
    "ORG:A;B;C",
    "EMAIL;TYPE=pref:a@b",
    "TEL;VALUE=uri:tel:",
    "TEL;TYPE=CELL,FAX:123",
    "ADR;TYPE=WORK:;;a\\nb;c;d;e;f;g;h",
    "BDAY:2020-02-30",
    "BDAY:--1340",
    "NOTE:\\n\\n",
    "PHOTO;ENCODING=b:@@@@",
    "KIND:org",
    "X-POS-EMAIL-CONSENT:peut-être",
    "X-POS-REFERENCE:4006381333932",
    "AGENT:BEGIN:VCARD",
    "LABEL;ENCODING=QUOTED-PRINTABLE:=",
    "A:b:c",
    "N;=:x",
    "END:VCALENDAR",
    " folded",
    "broken line",
]
_cards = st.lists(
    st.tuples(
        st.sampled_from(["VERSION:2.1", "VERSION:3.0", "VERSION:4.0", ""]),
        st.lists(st.sampled_from(_PROPERTIES) | st.text(max_size=30), max_size=6),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cards=_cards, dry_run=st.booleans())
def test_any_card_is_imported_or_reported_never_an_error(
    sqlite_db: Database, cards: list[tuple[str, list[str], bool]], dry_run: bool
) -> None:
    text = "".join(
        "BEGIN:VCARD\r\n"
        + "".join(f"{line}\r\n" for line in [version, *body] if line)
        + ("END:VCARD\r\n" if closed else "")
        for version, body, closed in cards
    )
    try:
        report = import_customers(sqlite_db, io.BytesIO(text.encode("utf-8")), dry_run=dry_run)
    except CsvUnreadableError:
        return  # said so, as for a file that is not a customer file at all
    assert report.rows == len(cards)
    assert report.valid + report.rejected == report.rows
    assert all(p.message("fr") and p.message("en") for p in report.problems)


def _many_cards(path: Path, count: int) -> Path:
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Carte{i:05d};Léa\r\nEND:VCARD\r\n"
            for i in range(count)
        ),
        encoding="utf-8",
    )
    return path


def test_a_large_vcard_file_shows_one_progress_and_can_be_cancelled_while_read(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _many_cards(tmp_path / "many.vcf", 1_200)
    seen: list[float] = []
    report = import_customers(sqlite_db, path, progress=lambda d, t: seen.append(d / t))
    assert report.imported == 1_200
    assert seen == sorted(seen) and seen[-1] == 1.0  # one bar, never going back
    assert any(0 < f < 2 / 3 for f in seen)  # it moves while the cards are read

    asked: list[int] = []

    def stop_while_reading() -> bool:
        asked.append(1)
        return True

    again = import_customers(sqlite_db, path, cancel=stop_while_reading)
    assert again.cancelled and again.imported == 0 and again.exit_status == 1
    assert asked == [1]  # at the first check, while reading: nothing read further
    assert found_names(sqlite_db, "carte00001") == ["Carte00001 Léa"]  # the first import only
