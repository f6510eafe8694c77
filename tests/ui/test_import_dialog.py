"""Import from the Répertoire (D9): progress, cancel, and the report of rejected rows.

These tests drive the real CSV service (`pos_clients.directory_csv`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_clients import customers, directory_csv
from pos_clients.data.database import Database, open_database
from pos_clients.ui.directory.import_dialog import DirectoryTransfer, ImportDialog, export_path
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.ui_data import fill_demo_directory
from tests.helpers.ui_tasks import HeldTaskRunner


def exported_file(tmp_path: Path) -> Path:
    """A CSV written by the service itself from the demo directory."""
    source = open_database(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    try:
        fill_demo_directory(source)
        path = tmp_path / "clients.csv"
        directory_csv.export_customers(source, path)
    finally:
        source.dispose()
    return path


def with_one_bad_email(path: Path) -> Path:
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0])
    rows = list(csv.reader(text.splitlines(), dialect))
    email = next(i for i, name in enumerate(rows[0]) if "mail" in name.lower())
    good = next(r for r in rows[1:] if r[email])
    bad = list(good)
    bad[email] = "pas-un-email@"
    out = path.with_name("clients-avec-erreur.csv")
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, dialect).writerows([*rows, bad])
    return out


@pytest.fixture
def page(qtbot, db: Database, sync_tasks: SyncTaskRunner) -> DirectoryPage:
    widget = DirectoryPage(db, sync_tasks)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_import_with_a_bad_row_reports_it_and_saves_the_report(
    qtbot, page: DirectoryPage, db: Database, sync_tasks: SyncTaskRunner, tmp_path: Path
) -> None:
    source = with_one_bad_email(exported_file(tmp_path))
    transfer = DirectoryTransfer(db, sync_tasks, page, lambda _t: None)
    assert page.import_button.isEnabled()
    dialog = transfer.import_file(source)
    assert dialog.summary is not None
    assert "Lignes refusées : 1." in dialog.result_label.text()
    assert dialog.rejected_table.rowCount() == 1
    column = dialog.rejected_table.item(0, 1).text()
    reason = dialog.rejected_table.item(0, 2).text()
    assert "mail" in column.lower()
    assert "e-mail" in reason.lower() and "pas-un-email@" in reason
    assert dialog.save_button.isVisible()
    report = tmp_path / "refus.csv"
    dialog.save_report(report)
    assert "pas-un-email@" in report.read_text(encoding="utf-8-sig")
    with db.reader() as uow:
        assert customers.count_customers(uow) == 11
    assert page.count_label.text() == "11 clients"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_cancelling_an_import_says_so(
    qtbot, page: DirectoryPage, db: Database, tmp_path: Path
) -> None:
    source = exported_file(tmp_path)
    runner = HeldTaskRunner()
    dialog = ImportDialog(db, runner, source, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled()
    runner.run_pending()
    assert dialog.summary is not None and dialog.summary.cancelled
    assert "Import annulé : rien n'a été enregistré." in dialog.result_label.text()
    with db.reader() as uow:
        assert customers.count_customers(uow) == 0


def test_a_vcard_export_and_import_from_the_window(
    qtbot, page: DirectoryPage, db: Database, sync_tasks: SyncTaskRunner, tmp_path: Path
) -> None:
    fill_demo_directory(db)
    messages: list[str] = []
    transfer = DirectoryTransfer(db, sync_tasks, page, messages.append)
    assert "vCard" in page.export_button.toolTip() and "vCard" in page.import_button.toolTip()
    # « contacts » typed with the vCard type chosen in the file dialog: contacts.vcf.
    target = export_path(tmp_path / "contacts", vcard=True)
    assert target.name == "contacts.vcf"
    # The name the dialog proposes, with the vCard type chosen: a vCard file.
    assert export_path(tmp_path / "clients.csv", vcard=True).name == "clients.vcf"
    assert export_path(tmp_path / "clients.vcf", vcard=False).name == "clients.vcf"
    assert export_path(tmp_path / "clients", vcard=False).name == "clients.csv"
    transfer.export_file(target)
    assert messages[-1] == f"Répertoire exporté dans {target}"
    assert target.read_bytes().decode("utf-8").count("BEGIN:VCARD") == 11

    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        other_page = DirectoryPage(other, sync_tasks)
        qtbot.addWidget(other_page)
        dialog = DirectoryTransfer(other, sync_tasks, other_page, messages.append).import_file(
            target
        )
        assert dialog.summary is not None and dialog.summary.imported == 11
        assert "Fiches refusées : 0." in dialog.result_label.text()
        assert messages[-1] == "Import terminé : 0 fiches refusées."
        assert other_page.count_label.text() == "11 clients"
    finally:
        other.dispose()
