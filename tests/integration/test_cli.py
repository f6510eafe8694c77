"""The `pos-clients` command line on both engines: outputs, JSON shapes and exit statuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_clients.data.database import Database
from pos_clients.i18n import set_language
from tests.helpers.cli_csv import ZOE, run_cli, run_json, write_csv
from tests.helpers.factories import company, group, person

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def shop(db: Database) -> Database:
    vip = group(db, "VIP", 1000)
    person(
        db,
        "Lefèvre",
        "Zoë",
        civility="Mme",
        email="zoe@orange.fr",
        mobile="06 12 34 56 78",
        postcode="75004",
        city="Paris",
        reference="4006381333931",
        group_id=vip.id,
    )
    person(db, "Dupont", "Jean", phone="01 45 67 89 10", city="Lyon", postcode="69001")
    company(db, "Boulangerie Dupuis", siret="73282932000074", city="Lille", postcode="59000")
    return db


def test_search_json_shape(shop: Database, db_url: str, capsys: Capsys) -> None:
    result = run_json(capsys, db_url, "search", "lefevre")
    assert result == [
        {
            "id": result[0]["id"],
            "kind": "person",
            "display_name": "Lefèvre Zoë",
            "email": "zoe@orange.fr",
            "phone": "+33612345678",
            "postcode": "75004",
            "city": "Paris",
            "reference": "4006381333931",
            "group": "VIP",
        }
    ]
    names = [r["display_name"] for r in run_json(capsys, db_url, "search", "dup")]
    assert names == ["Boulangerie Dupuis", "Dupont Jean"]
    assert len(run_json(capsys, db_url, "search", "", "--limit", "2")) == 2
    assert run_json(capsys, db_url, "search", 'NEAR( "*') == []
    # Text starting with "-", after "--" (else it would be an option), searched for as typed.
    status, out, _ = run_cli(capsys, db_url, "search", "--", "-dup")
    assert status == 0 and "Boulangerie Dupuis" in out and "Dupont Jean" in out


def test_search_text_output(shop: Database, db_url: str, capsys: Capsys) -> None:
    status, out, _ = run_cli(capsys, db_url, "search", "06 12")
    assert status == 0 and "Lefèvre Zoë" in out and "06 12 34 56 78" in out
    status, out, err = run_cli(capsys, db_url, "search", "personne")
    assert status == 0 and out == "" and "Aucun client" in err
    status, _, err = run_cli(capsys, db_url, "search", "x", "--limit", "0")
    assert status == 2


def test_customers_show_by_reference_or_id(shop: Database, db_url: str, capsys: Capsys) -> None:
    by_ref = run_json(capsys, db_url, "customers", "show", "4006381333931")
    assert by_ref["display_name"] == "Lefèvre Zoë" and by_ref["group"] == "VIP"
    assert by_ref["group_discount_bp"] == 1000 and by_ref["mobile"] == "+33612345678"
    by_id = run_json(capsys, db_url, "customers", "show", str(by_ref["id"]))
    assert by_id == by_ref
    status, out, _ = run_cli(capsys, db_url, "customers", "show", "4006381333931")
    lines = out.splitlines()
    assert status == 0 and lines[0].startswith("Client : Mme Zoë Lefèvre (n° ")
    assert "Type : personne physique" in lines and "Groupe : VIP (10 %)" in lines
    status, out, err = run_cli(capsys, db_url, "customers", "show", "999999")
    assert status == 1 and out == "" and "Aucun client" in err


def test_customers_delete_needs_yes(shop: Database, db_url: str, capsys: Capsys) -> None:
    status, _, err = run_cli(capsys, db_url, "customers", "delete", "4006381333931")
    assert status == 2 and "--yes" in err
    assert len(run_json(capsys, db_url, "search", "zoe")) == 1
    status, out, _ = run_cli(capsys, db_url, "customers", "delete", "4006381333931", "--yes")
    assert status == 0 and "Zoë Lefèvre" in out
    assert run_json(capsys, db_url, "search", "zoe") == []
    status, _, err = run_cli(capsys, db_url, "customers", "delete", "4006381333931", "--yes")
    assert status == 1 and "4006381333931" in err


def test_groups_add_list_delete(shop: Database, db_url: str, capsys: Capsys) -> None:
    status, out, _ = run_cli(capsys, db_url, "groups", "add", "Personnel", "--discount", "12,5")
    assert status == 0 and "Personnel" in out
    listed = run_json(capsys, db_url, "groups", "list")
    assert [(g["name"], g["discount_bp"], g["member_count"]) for g in listed] == [
        ("Personnel", 1250, 0),
        ("VIP", 1000, 1),
    ]
    assert set(listed[0]) == {"id", "name", "discount_bp", "discount", "member_count"}
    status, _, err = run_cli(capsys, db_url, "groups", "add", "vip")
    assert status == 1 and "existe déjà" in err
    status, _, err = run_cli(capsys, db_url, "groups", "add", "Amis", "--discount", "150")
    assert status == 1 and "100 %" in err
    # G3: a group with members is not deleted; the message says how many.
    status, _, err = run_cli(capsys, db_url, "groups", "delete", "VIP", "--yes")
    assert status == 1 and "1 client appartient" in err
    status, _, err = run_cli(capsys, db_url, "groups", "delete", "VIP")
    assert status == 2
    status, out, _ = run_cli(
        capsys, db_url, "groups", "delete", "VIP", "--move-to", "Personnel", "--yes"
    )
    assert status == 0 and "1 client(s) déplacé(s)" in out
    assert run_json(capsys, db_url, "customers", "show", "4006381333931")["group"] == "Personnel"
    status, _, err = run_cli(capsys, db_url, "groups", "delete", "Inconnu", "--yes")
    assert status == 1 and "Inconnu" in err


def test_messages_in_english(shop: Database, db_url: str, capsys: Capsys) -> None:
    set_language("en")
    person(shop, "Petit", "Léa", birthday="14/07/1985")
    status, out, _ = run_cli(capsys, db_url, "customers", "show", "Petit")
    assert status == 1  # a name is not a reference
    found = run_json(capsys, db_url, "search", "petit")
    status, out, _ = run_cli(capsys, db_url, "customers", "show", str(found[0]["id"]))
    lines = out.splitlines()
    assert "Kind: person" in lines and "Birthday: 1985-07-14" in lines
    status, _, err = run_cli(capsys, db_url, "groups", "delete", "VIP", "--yes")
    assert status == 1 and "1 customer belongs" in err
    status, _, err = run_cli(capsys, db_url, "customers", "show", "nobody")
    assert status == 1 and "No customer has" in err


def test_import_exit_statuses(db: Database, db_url: str, tmp_path: Path, capsys: Capsys) -> None:
    good = write_csv(tmp_path / "good.csv", [ZOE])
    status, out, _ = run_cli(capsys, db_url, "import", str(good), "--dry-run")
    assert status == 0 and "rien n'a été écrit" in out and "VIP" in out
    assert run_json(capsys, db_url, "search", "zoe") == []
    status, out, _ = run_cli(capsys, db_url, "import", str(good))
    assert status == 0 and "1 client(s) importé(s)" in out and "créé sans remise" in out
    assert [r["display_name"] for r in run_json(capsys, db_url, "search", "zoe")] == ["Lefèvre Zoë"]
    # The same file again: the card is now held by Zoë.
    status, out, _ = run_cli(capsys, db_url, "import", str(good))
    assert status == 1
    assert "ligne 2, colonne « reference » : La référence 4006381333931 appartient déjà" in out
    status, _, err = run_cli(capsys, db_url, "import", str(tmp_path / "absent.csv"))
    assert status == 2 and "introuvable" in err
    (tmp_path / "junk.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    status, _, err = run_cli(capsys, db_url, "import", str(tmp_path / "junk.csv"))
    assert status == 2 and "colonnes" in err


def test_export_then_import(shop: Database, db_url: str, tmp_path: Path, capsys: Capsys) -> None:
    out_file = tmp_path / "clients.csv"
    status, out, _ = run_cli(capsys, db_url, "export", str(out_file), "--french")
    assert status == 0 and "3 client(s) exporté(s)" in out
    text = out_file.read_text(encoding="utf-8-sig")
    assert text.startswith("Type;Civilité;Prénom;Nom;Raison sociale;")
    status, out, _ = run_cli(capsys, db_url, "export", str(tmp_path / "vip.csv"), "--group", "vip")
    assert status == 0 and "1 client(s)" in out
    status, out, _ = run_cli(capsys, db_url, "export", str(tmp_path / "s.csv"), "--search", "dup")
    assert status == 0 and "2 client(s)" in out
    status, _, err = run_cli(capsys, db_url, "export", str(tmp_path / "no/dir/x.csv"))
    assert status == 1 and "Impossible d'écrire" in err


def test_demo_fills_a_searchable_shop(db: Database, db_url: str, capsys: Capsys) -> None:
    status, out, _ = run_cli(capsys, db_url, "demo", "--customers", "300", "--seed", "7")
    assert status == 0 and "300 clients de démonstration" in out
    listed = {g["name"]: g for g in run_json(capsys, db_url, "groups", "list")}
    assert {"VIP", "Professionnels", "Personnel"} <= listed.keys()
    assert listed["VIP"]["discount_bp"] == 1000 and listed["Personnel"]["discount_bp"] == 2000
    assert listed["Professionnels"]["discount_bp"] == 500
    assert sum(g["member_count"] for g in listed.values()) > 0
    everyone = run_json(capsys, db_url, "search", "", "--limit", "1000")
    assert len(everyone) == 300
    # The rebuilt index finds everyone by their own name and card.
    for row in everyone[::37]:
        word = row["display_name"].split()[0]
        hits = run_json(capsys, db_url, "search", word, "--limit", "1000")
        assert row["id"] in [h["id"] for h in hits]
        if row["reference"]:
            shown = run_json(capsys, db_url, "customers", "show", row["reference"])
            assert shown["id"] == row["id"]
    # A second demo adds new customers with new cards.
    status, _, _ = run_cli(capsys, db_url, "demo", "--customers", "50")
    assert status == 0
    assert len(run_json(capsys, db_url, "search", "", "--limit", "1000")) == 350


def test_output_cut_short_by_its_reader_ends_quietly(sqlite_db: Database) -> None:
    # `pos-clients groups list --json | head -0`: the reader is gone before anything is written.
    import subprocess
    import sys

    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    group(sqlite_db, "VIP", 1000)
    child = subprocess.Popen(
        [sys.executable, "-m", "pos_clients", "--database", url, "groups", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == 141
    assert "Traceback" not in errors and "BrokenPipe" not in errors
