"""`pos-clients import FILE.csv [--dry-run]` and `pos-clients export FILE.csv` (or `.vcf`).

Import exit status: 0 every record valid, 1 some rejected (each reported with its line,
column and reason), 2 the file cannot be read at all.
"""

from __future__ import annotations

import argparse
from typing import Any

from pos_clients.cli.common import open_db, progress_bar, say
from pos_clients.directory_csv import (
    CsvUnreadableError,
    ImportReport,
    export_customers,
    import_customers,
)
from pos_clients.errors import NotFoundError
from pos_clients.groups import find_group
from pos_clients.i18n import Text

UNREADABLE = 2


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="importer des clients (CSV, vCard) / import customers (CSV, vCard)"
    )
    imp.add_argument("file", metavar="FICHIER.csv|.vcf")
    imp.add_argument(
        "--dry-run", action="store_true", help="vérifier sans rien écrire / check only"
    )
    imp.set_defaults(handler=run_import)
    exp = subparsers.add_parser(
        "export", help="exporter les clients (CSV, ou vCard si .vcf) / export (CSV, vCard: .vcf)"
    )
    exp.add_argument("file", metavar="FICHIER.csv|.vcf")
    exp.add_argument("--search", metavar="TEXTE", help="seulement ceux trouvés / only matches")
    exp.add_argument("--group", metavar="GROUPE", help="seulement ce groupe / only this group")
    exp.add_argument(
        "--french",
        action="store_true",
        help="en-têtes français, « ; », BOM (tableur) / French headers for a spreadsheet",
    )
    exp.set_defaults(handler=run_export)


def _print_report(report: ImportReport) -> None:
    # A vCard file's columns are the properties of its cards (EMAIL, TEL…).
    field_fr, field_en = ("propriété", "property") if report.vcard else ("colonne", "column")
    for problem in report.problems:
        column = problem.header or problem.column
        where = (
            Text(
                f"ligne {problem.line}, {field_fr} « {column} »",
                f"line {problem.line}, {field_en} “{column}”",
            )
            if column
            else Text(f"ligne {problem.line}", f"line {problem.line}")
        )
        print(f"{where} : {problem.message()}")
    for name in report.created_groups:
        say(
            Text(
                f"Groupe « {name} » inconnu : "
                + ("il sera créé sans remise." if report.dry_run else "créé sans remise."),
                f"Unknown group “{name}”: "
                + (
                    "it will be created without discount."
                    if report.dry_run
                    else "created without discount."
                ),
            )
        )
    for header in report.ignored_columns:
        say(
            Text(f"Propriété vCard ignorée : « {header} ».", f"vCard property ignored: “{header}”.")
            if report.vcard
            else Text(f"Colonne ignorée : « {header} ».", f"Column ignored: “{header}”.")
        )
    unit_fr, unit_en = ("fiche(s)", "card(s)") if report.vcard else ("ligne(s)", "line(s)")
    if report.dry_run:
        say(
            Text(
                f"Vérification seule : {report.valid} client(s) valide(s) sur {report.rows}, "
                f"{report.rejected} {unit_fr} rejetée(s) ; rien n'a été écrit.",
                f"Dry run: {report.valid} valid customer(s) out of {report.rows}, "
                f"{report.rejected} {unit_en} rejected; nothing was written.",
            )
        )
    else:
        say(
            Text(
                f"{report.imported} client(s) importé(s) sur {report.rows}, "
                f"{report.rejected} {unit_fr} rejetée(s).",
                f"{report.imported} customer(s) imported out of {report.rows}, "
                f"{report.rejected} {unit_en} rejected.",
            )
        )


def run_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with progress_bar(Text("Import", "Import")) as progress:
            report = import_customers(db, args.file, dry_run=args.dry_run, progress=progress)
    except CsvUnreadableError as exc:
        say(exc.text, error=True)
        return UNREADABLE
    finally:
        db.dispose()
    _print_report(report)
    return report.exit_status


def run_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        group_id = None
        if args.group is not None:
            with db.reader() as uow:
                group = find_group(uow, args.group)
            if group is None:
                raise NotFoundError(
                    Text(
                        f"Aucun groupe client nommé « {args.group} ».",
                        f"No customer group named “{args.group}”.",
                    )
                )
            group_id = group.id
        with progress_bar(Text("Export", "Export")) as progress:
            try:
                report = export_customers(
                    db, args.file, args.search, group_id, french=args.french, progress=progress
                )
            except OSError as exc:
                say(
                    Text(
                        f"Impossible d'écrire {args.file} : {exc.strerror or exc}",
                        f"Cannot write {args.file}: {exc.strerror or exc}",
                    ),
                    error=True,
                )
                return 1
    finally:
        db.dispose()
    say(
        Text(
            f"{report.count} client(s) exporté(s) dans {report.path}.",
            f"{report.count} customer(s) exported to {report.path}.",
        )
    )
    return 0
