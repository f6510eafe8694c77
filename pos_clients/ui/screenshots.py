"""`python -m pos_clients.ui.screenshots`: PNGs of the main screens into docs/screenshots/.

It fills a throwaway database with a small shop's directory (or uses `--database`), opens the
window offscreen, and saves: the directory, a search, the new-customer form for each kind
with a validation error showing, a possible duplicate, the delete-customer confirmation, the
groups tab, the delete-group dialog, an import's report, the register with a VIP customer and
their discount, the payment in two parts, and the history.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from pos_clients.data.database import Database, open_database
from pos_clients.i18n import Language
from pos_clients.ui import translations
from pos_clients.ui.tasks import SyncTaskRunner

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _type(widget: QWidget | None, text: str) -> None:
    """Put text in a line edit as if typed (the form checks it as it would a keystroke)."""
    assert isinstance(widget, QLineEdit)
    widget.setText(text)


def _settle(app: QApplication, until: Callable[[], bool] | None = None) -> None:
    """Let pending events (and timers, for up to 2 s) run until `until()` holds."""
    deadline = time.monotonic() + 2.0
    app.processEvents()
    while until is not None and not until() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def _fit(widget: QWidget, app: QApplication) -> None:
    """Give a dialog the height its wrapped labels need (offscreen, no window manager does)."""
    layout = widget.layout()
    assert layout is not None
    width = max(widget.width(), widget.minimumWidth())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
    widget.resize(width, max(height, layout.totalMinimumSize().height(), widget.height()))
    _settle(app)


def _save(widget: QWidget, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def _grab_next_box(out: Path, name: str, answer: str) -> None:
    """Save the next message box as a PNG, then answer it."""

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                _save(widget, out, name)
                next(b for b in widget.buttons() if b.text() == answer).click()
                return
        QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def take(db: Database, out: Path, app: QApplication) -> list[Path]:
    """Open the window on `db` and save each main screen into `out`."""
    from pos_clients.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    window = MainWindow(db, SyncTaskRunner(), start_devices=False)
    window.resize(1280, 720)
    window.show()
    window.statusBar().clearMessage()  # the throwaway database's path says nothing useful
    window.tabs.setCurrentIndex(0)
    window.clients_tabs.setCurrentWidget(window.directory)
    _settle(app)
    directory = window.directory
    saved.append(_save(window, out, "repertoire"))

    directory.search.setText("lyon")
    _settle(app)
    saved.append(_save(window, out, "repertoire-recherche"))
    directory.search.clear()
    _settle(app)

    directory.new_customer()
    form = directory.form
    assert form is not None
    form.civility.setCurrentIndex(form.civility.findData("Mme"))
    _type(form.field("first_name"), "Hélène")
    _type(form.field("last_name"), "Lefevre")
    _type(form.field("email"), "helene.lefevre@orange")
    _type(form.field("phone"), "06 12 34 56 78")
    _type(form.field("reference"), "4006381333932")
    _type(form.field("account_number"), "")
    panel = form.duplicates
    _settle(app, panel.isVisible)
    _fit(form, app)
    saved.append(_save(form, out, "nouveau-client-personne"))
    form._done = True  # leave without the "discard changes?" question
    form.reject()
    _settle(app)

    directory.new_customer()
    form = directory.form
    assert form is not None
    form.company_button.click()
    _type(form.field("company_name"), "Fromagerie des Halles")
    form.legal_form.setCurrentText("SAS")
    _type(form.field("siret"), "732 829 320 00075")
    _type(form.field("vat_number"), "FR44732829320")
    _type(form.field("contact_name"), "Marc Lefèvre")
    _type(form.field("email"), "contact@fromagerie-halles.fr")
    _type(form.field("postcode"), "6900")
    _type(form.field("city"), "Lyon")
    _settle(app)
    _fit(form, app)
    saved.append(_save(form, out, "nouveau-client-societe"))
    form._done = True
    form.reject()
    _settle(app)

    row = next(
        r
        for r in range(directory.model.rowCount())
        if directory.model.data(directory.model.index(r, 0)) == "Dupont Jean"
    )
    _grab_next_box(out, "supprimer-client", translations_text("Annuler"))
    directory.delete_row(row)
    saved.append(out / "supprimer-client.png")

    window.clients_tabs.setCurrentWidget(window.groups)
    _settle(app)
    saved.append(_save(window, out, "groupes-client"))
    groups_page = window.groups
    pro = next(r for r, g in enumerate(groups_page.model.groups) if g.name == "Professionnels")
    groups_page.view.selectRow(pro)
    groups_page.delete_group(pro)
    dialog = groups_page.dialog
    assert dialog is not None
    _settle(app)
    saved.append(_save(dialog, out, "supprimer-groupe"))
    dialog.reject()
    groups_page.new_group()
    dialog = groups_page.dialog
    assert dialog is not None
    _type(dialog.findChild(QLineEdit, "name"), "Fidèles")
    _type(dialog.findChild(QLineEdit, "discount"), "12,5")
    _settle(app)
    saved.append(_save(dialog, out, "nouveau-groupe"))
    dialog.reject()
    saved.append(_import_report(window, out, app))
    saved.extend(_register_screens(window, db, out, app))
    window.close()
    return saved


def _register_screens(window: Any, db: Database, out: Path, app: QApplication) -> list[Path]:
    """The register with a VIP customer and their discount, the payment, then the history."""
    from pos_clients import customers
    from pos_clients.demo.items import demo_code, make_demo_items

    make_demo_items(db)
    window.statusBar().clearMessage()  # the import's report is no news at the till
    register = window.register_pane
    register.reload_items()
    window.tabs.setCurrentWidget(register)
    with db.reader() as uow:
        helene = customers.find_by_reference(uow, "4006381333931")
    assert helene is not None
    register.attach_customer(helene.id)
    for index in (1, 1, 4, 9):
        register.add_item_by_code(demo_code(index))
    _settle(app)
    saved = [_save(window, out, "caisse")]
    dialog = register.open_payment()
    assert dialog is not None
    dialog.amount.setText("3")
    dialog.add_payment("card")
    dialog.amount.setText("5")
    dialog.add_payment("cash")
    _settle(app)
    _fit(dialog, app)
    saved.append(_save(dialog, out, "paiement"))
    dialog.accept()
    _settle(app)
    history = window.history_view
    window.tabs.setCurrentWidget(history)
    history.refresh()
    _settle(app)
    if history.table.rowCount():
        history.table.selectRow(0)
    _settle(app)
    saved.append(_save(window, out, "historique"))
    return saved


SAMPLE_IMPORT = """Nom;Prénom;E-mail;Téléphone;Code postal;Ville;Groupe
Roussel;Anaïs;anais.roussel@example.fr;06 11 22 33 44;35000;Rennes;VIP
Garnier;Paul;paul.garnier@exemple;;44000;Nantes;
Blanc;Léa;lea.blanc@example.fr;;7500;Paris;
Fontaine;Hugo;hugo.fontaine@example.fr;06 12;69002;Lyon;Fidèles
"""


def _import_report(window: Any, out: Path, app: QApplication) -> Path:
    """The report of an import with three bad rows."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "clients-salon.csv"
        source.write_text(SAMPLE_IMPORT, encoding="utf-8")
        dialog = window.transfer.import_file(source)
        _settle(app)
        _fit(dialog, app)
        path = _save(dialog, out, "import-rapport")
        dialog.accept()
    return path


def translations_text(french: str) -> str:
    """A button text as the message box shows it in the current language."""
    return QApplication.translate("DirectoryPage", french)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pos_clients.ui.screenshots", description=__doc__
    )
    parser.add_argument(
        "--out", type=Path, help="where the PNGs go (docs/screenshots, or its en/ in English)"
    )
    parser.add_argument("--database", help="a database URL (default: a new demo database)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["POS_CLIENTS_LANG"] = args.lang
    with tempfile.TemporaryDirectory() as tmp:
        # The window's remembered layout must not come from, or go to, the user's own.
        os.environ["POS_CLIENTS_CONFIG_DIR"] = tmp
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        language: Language = "en" if args.lang == "en" else "fr"
        translations.install(language, app)
        if args.database:
            db = open_database(args.database)
        else:
            from pos_clients.ui.sample_directory import fill_demo_directory

            db = open_database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
            fill_demo_directory(db)
        out = args.out or (DEFAULT_OUT / "en" if args.lang == "en" else DEFAULT_OUT)
        try:
            take(db, out, app)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
