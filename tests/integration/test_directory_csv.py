"""CSV import and export of the directory (D9), both engines: formats, row errors, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_clients import customers, groups
from pos_clients.data import customer_search
from pos_clients.data.database import Database, open_database
from pos_clients.data.tables import customer_table
from pos_clients.directory_csv import (
    FRENCH_HEADERS,
    CsvUnreadableError,
    export_customers,
    import_customers,
)
from tests.helpers.cli_csv import ZOE, write_csv
from tests.helpers.factories import group, person
from tests.helpers.round_trip import customers_with_every_field, snapshot, without_ids

BOULANGERIE = {
    "kind": "company",
    "company_name": "Boulangerie Martin",
    "legal_form": "SARL",
    "siret": "732 829 320 00074",
    "vat_number": "FR44732829320",
    "contact_name": "Paul Martin",
    "phone": "01 45 67 89 10",
    "postcode": "75011",
    "city": "Paris",
    "group": "Professionnels",
}


def count(db: Database) -> int:
    with db.reader() as uow:
        return customers.count_customers(uow)


def found(db: Database, text: str) -> list[str]:
    with db.reader() as uow:
        return [i.display_name for i in customer_search.search(uow, text).items]


def test_windows_1252_with_semicolons_and_french_headers(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "clients.csv",
        [ZOE | {"kind": "personne physique", "email_consent": "oui"}, BOULANGERIE],
        names=FRENCH_HEADERS,
        delimiter=";",
        encoding="cp1252",
    )
    report = import_customers(db, path)
    assert (report.encoding, report.delimiter) == ("windows-1252", ";")
    assert report.problems == () and report.imported == 2 and report.exit_status == 0
    assert set(report.created_groups) == {"VIP", "Professionnels"}
    with db.reader() as uow:
        zoe = customers.find_by_reference(uow, "4006381333931")
        vip = groups.find_group(uow, "vip")
    assert zoe is not None and zoe.display_name == "Lefèvre Zoë" and zoe.mobile == "+33612345678"
    assert zoe.group_name == "VIP" and zoe.group_discount_bp == 0
    consent = zoe.consent("email")
    assert consent is not None and consent.granted and consent.source == "import"
    assert vip is not None and vip.discount_bp == 0 and vip.member_count == 1
    # Imported rows are in the search index at once.
    assert found(db, "lefevre") == ["Lefèvre Zoë"]
    assert found(db, "boulang") == ["Boulangerie Martin"]
    assert found(db, "0145") == ["Boulangerie Martin"]


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_or_without_bom(db: Database, tmp_path: Path, bom: bool) -> None:
    path = write_csv(tmp_path / "c.csv", [ZOE], encoding="utf-8-sig" if bom else "utf-8")
    report = import_customers(db, path)
    assert report.encoding == ("utf-8-sig" if bom else "utf-8")
    assert report.imported == 1
    assert found(db, "zoe") == ["Lefèvre Zoë"]


def test_missing_columns_are_empty_and_kind_is_inferred(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "Nom,Prénom,Raison sociale,Couleur préférée\nDurand,Léa,,bleu\n,,Garage Roux,\n"
    )
    report = import_customers(db, path)
    assert report.imported == 2 and report.ignored_columns == ("Couleur préférée",)
    assert found(db, "") == ["Durand Léa", "Garage Roux"]
    with db.reader() as uow:
        page = customer_search.search(uow, "garage")
    assert page.items[0].kind == "company"


def test_rejected_rows_are_reported_and_nothing_of_them_written(
    db: Database, tmp_path: Path
) -> None:
    person(db, "Dupont", "Jean", reference="4006381333948")
    long_text = "x" * 10_000
    rows = [
        ZOE,  # line 2: valid
        ZOE | {"first_name": "Autre", "email": "autre@exemple.fr"},  # 3: same card as line 2
        {"last_name": "Martin", "reference": "4006381333948"},  # 4: card held by Jean Dupont
        {"last_name": "Petit", "reference": "4006381333932"},  # 5: bad EAN check digit
        BOULANGERIE | {"siret": "73282932000075"},  # 6: bad SIRET
        {"last_name": "Roux", "email": "roux@@exemple"},  # 7: bad email
        {"last_name": long_text},  # 8: 10,000 characters
        {"last_name": "Nul\x00", "notes": "a\x00b"},  # 9: NUL bytes
        {"last_name": "Moreau", "email_consent": "peut-être"},  # 10: consent
        {"last_name": "Bernard", "birthday": "31/02/1990"},  # 11: impossible date
        {"kind": "robot", "last_name": "R2"},  # 12: unknown kind
        {"last_name": "Garnier", "city": "Lyon", "postcode": "69001"},  # 13: valid
    ]
    report = import_customers(db, write_csv(tmp_path / "bad.csv", rows))
    by_line = {p.line: p for p in report.problems}
    assert report.rows == 12 and report.imported == 2 and report.exit_status == 1
    assert report.rejected_lines == (3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    assert by_line[3].column == "reference" and "ligne 2" in by_line[3].text.fr
    assert "line 2" in by_line[3].text.en
    assert by_line[4].text.fr == "La référence 4006381333948 appartient déjà à Dupont Jean."
    assert "clé de contrôle" in by_line[5].text.fr and by_line[5].header == "reference"
    assert by_line[6].column == "siret" and "SIRET" in by_line[6].text.fr
    assert by_line[7].column == "email" and "e-mail" in by_line[7].text.fr
    assert by_line[8].column == "last_name" and "Trop long" in by_line[8].text.fr
    assert {p.column for p in report.problems if p.line == 9} == {"last_name", "notes"}
    assert by_line[10].column == "email_consent"
    assert by_line[11].column == "birthday"
    assert by_line[12].column == "kind" and "person" in by_line[12].text.en
    assert found(db, "") == ["Dupont Jean", "Garnier", "Lefèvre Zoë"]
    assert found(db, "martin") == [] and found(db, "petit") == []


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    report = import_customers(db, write_csv(tmp_path / "c.csv", [ZOE, BOULANGERIE]), dry_run=True)
    assert report.dry_run and report.valid == 2 and report.imported == 0
    assert set(report.created_groups) == {"VIP", "Professionnels"}
    assert count(db) == 0
    with db.reader() as uow:
        assert groups.list_groups(uow) == []


def test_cancel_writes_nothing_and_progress_is_reported(db: Database, tmp_path: Path) -> None:
    rows = [{"last_name": f"Client{i}", "reference": f"REF{i}"} for i in range(5000)]
    path = write_csv(tmp_path / "big.csv", rows)
    seen: list[tuple[int, int]] = []
    report = import_customers(
        db, path, progress=lambda d, t: seen.append((d, t)), cancel=lambda: len(seen) >= 1
    )
    assert report.cancelled and report.imported == 0 and count(db) == 0
    seen.clear()
    report = import_customers(db, path, progress=lambda d, t: seen.append((d, t)))
    assert report.imported == 5000 and count(db) == 5000
    assert seen[-1] == (5000, 5000) and len(seen) >= 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "introuvable"),
        (b"", "vide"),
        (b"\x00\x01\x02\x03binary\xff\xfe", "colonnes"),
        (b"foo,bar\n1,2\n", "colonnes"),
    ],
)
def test_unreadable_files(db: Database, tmp_path: Path, content: bytes | None, says: str) -> None:
    path = tmp_path / "c.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CsvUnreadableError) as err:
        import_customers(db, path)
    assert says in err.value.text.fr


def test_export_reimports_to_the_same_directory(db: Database, tmp_path: Path, db_url: str) -> None:
    customers_with_every_field(db)
    before = snapshot(db)
    for french in (False, True):
        path = tmp_path / f"export-{french}.csv"
        report = export_customers(db, path, french=french)
        assert report.count == 3
        for c in before:
            with db.uow() as uow:
                customers.delete_customer(uow, int(str(c["id"])))
        imported = import_customers(db, path)
        assert imported.problems == () and imported.imported == 3
        assert imported.created_groups == ()
        before, after = snapshot(db), before
        assert without_ids(before) == without_ids(after)


def test_export_reimports_into_an_empty_directory(db: Database, tmp_path: Path) -> None:
    vip = group(db, "VIP", 1000)
    person(db, "Dupont", "Jean", group_id=vip.id, reference="4006381333931")
    export_customers(db, tmp_path / "e.csv")
    copy = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report = import_customers(copy, tmp_path / "e.csv")
        assert report.created_groups == ("VIP",) and report.imported == 1
        # Discounts are not part of the file: the group comes back without one.
        expected = [r | {"group_discount_bp": 0} for r in without_ids(snapshot(db))]
        assert without_ids(snapshot(copy)) == expected
    finally:
        copy.dispose()


def test_export_of_a_search_and_of_a_group(db: Database, tmp_path: Path) -> None:
    vip = group(db, "VIP", 1000)
    person(db, "Dupont", "Jean", group_id=vip.id)
    person(db, "Durand", "Léa")
    person(db, "Martin", "Paul")
    assert export_customers(db, tmp_path / "a.csv", "du").count == 2
    assert export_customers(db, tmp_path / "b.csv", group_id=vip.id).count == 1
    lines = (tmp_path / "b.csv").read_text().splitlines()
    assert lines[1].startswith("person,,Jean,Dupont,")


def test_cancelled_export_leaves_no_file(db: Database, tmp_path: Path) -> None:
    person(db, "Dupont", "Jean")
    report = export_customers(db, tmp_path / "x.csv", cancel=lambda: True)
    assert report.cancelled and not (tmp_path / "x.csv").exists()
    assert [p for p in tmp_path.iterdir() if "export" in p.name or p.suffix == ".csv"] == []


def test_import_counts_in_one_query(db: Database, tmp_path: Path) -> None:
    rows = [{"last_name": f"Nom{i}", "email": f"n{i}@exemple.fr"} for i in range(300)]
    import_customers(db, write_csv(tmp_path / "c.csv", rows))
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(customer_table)) == 300
    assert found(db, "nom299") == ["Nom299"]
