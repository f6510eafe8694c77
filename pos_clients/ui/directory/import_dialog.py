"""Import and export of the directory from the window (D9): a file dialog, a progress bar
that can be cancelled, and at the end the rejected rows, which can be saved.

The work is done by `pos_clients.directory_csv` (`import_customers(db, path, *, progress,
cancel) -> ImportReport`, `export_customers(db, path, query, group_id, *, french)`), on its own
worker thread so that searching the directory stays quick meanwhile.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_clients import directory_csv
from pos_clients.data.database import Database
from pos_clients.directory_csv.vcard import SUFFIXES as VCARD_SUFFIXES
from pos_clients.i18n import current_language
from pos_clients.ui.directory.page import DirectoryPage
from pos_clients.ui.error_display import message_for, show_error
from pos_clients.ui.tasks import SyncTaskRunner, TaskRunner
from pos_clients.ui.widgets import named


class CancelFlag(threading.Event):
    """Set by Annuler; the service may call it (`cancel()`) or ask it (`cancel.is_set()`)."""

    def __call__(self) -> bool:
        return self.is_set()


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """One reason a record of the file was refused (a record may have several)."""

    line: int
    column: str
    message: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What the dialog shows of an `ImportReport`."""

    rows: int
    imported: int
    rejected: tuple[RejectedRow, ...]
    created_groups: tuple[str, ...]
    cancelled: bool
    vcard: bool = False  # a vCard file: lines where its cards begin, its properties

    @property
    def rejected_lines(self) -> int:
        return len({r.line for r in self.rejected})


def summarize(report: Any) -> ImportSummary:
    """Read the service's ImportReport (`problems` with line, header, column and message)."""
    if report is None:  # the service stopped a cancelled import by raising
        return ImportSummary(0, 0, (), (), True)
    problems = tuple(
        RejectedRow(int(p.line), str(p.header or p.column or ""), str(p.message()))
        for p in report.problems
    )
    return ImportSummary(
        rows=int(report.rows),
        imported=int(report.imported),
        rejected=problems,
        created_groups=tuple(report.created_groups),
        cancelled=bool(report.cancelled),
        vcard=bool(getattr(report, "vcard", False)),
    )


class TransferProgress(QObject):
    """Progress reported by the service from its worker thread (delivered on the UI thread).

    Signals:
        advanced(int, int): rows done, rows in all (0 when unknown).
    """

    advanced = Signal(int, int)

    def report(self, *args: Any) -> None:
        numbers = [a for a in args if isinstance(a, int | float)]
        done = int(numbers[0]) if numbers else 0
        total = int(numbers[1]) if len(numbers) > 1 else 0
        self.advanced.emit(done, total)


class ImportDialog(QDialog):
    """Imports one file, shows progress (Annuler stops it), then the report.

    Signals:
        imported(object): the import ended; the `ImportSummary`.
    """

    imported = Signal(object)

    def __init__(
        self, db: Database, runner: TaskRunner, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self._path = db, runner, path
        self.cancel_flag = CancelFlag()
        self.progress_source = TransferProgress(self)
        self.summary: ImportSummary | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Importer des clients"))
        self.file_label = QLabel(self.tr("Fichier : %1").replace("%1", path.name))
        self.progress = named(QProgressBar(), "progress")
        self.progress.setRange(0, 0)
        self.result_label = named(QLabel(), "result")
        self.result_label.setWordWrap(True)
        self.rejected_table = named(QTableWidget(0, 3), "rejectedRows")
        self.rejected_table.setHorizontalHeaderLabels(
            [self.tr("Ligne"), self.tr("Colonne"), self.tr("Motif du refus")]
        )
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_table.verticalHeader().setVisible(False)
        self.rejected_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejected_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejected_table.setVisible(False)
        self.cancel_button = named(QPushButton(self.tr("Annuler")), "cancelImport")
        self.save_button = named(QPushButton(self.tr("Enregistrer le rapport…")), "saveReport")
        self.close_button = named(QPushButton(self.tr("Fermer")), "close")
        self.save_button.setVisible(False)
        self.close_button.setVisible(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.accept)
        self.progress_source.advanced.connect(self._on_progress)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.cancel_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.rejected_table)
        layout.addLayout(buttons)
        self.resize(640, 220)

    def start(self) -> None:
        path, cancel, progress = self._path, self.cancel_flag, self.progress_source.report
        db = self._db

        def work() -> Any:
            return directory_csv.import_customers(db, path, progress=progress, cancel=cancel)

        self._runner.run(work, self._on_finished, self._on_failed, owner=self)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.result_label.setText(self.tr("%1 lignes lues…").replace("%1", str(done)))

    def _on_cancel_clicked(self) -> None:
        self.cancel_flag.set()
        self.cancel_button.setEnabled(False)
        self.result_label.setText(self.tr("Arrêt de l'import…"))

    def _on_finished(self, report: Any) -> None:
        summary = summarize(report)
        if self.cancel_flag.is_set() and not summary.cancelled:
            summary = replace(summary, cancelled=True)
        self.summary = summary
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        parts = []
        if summary.cancelled:
            parts.append(self.tr("Import annulé : rien n'a été enregistré."))
        else:
            parts.append(self.tr("Clients importés : %1.").replace("%1", str(summary.imported)))
        refused = (
            self.tr("Fiches refusées : %1.") if summary.vcard else self.tr("Lignes refusées : %1.")
        )
        parts.append(refused.replace("%1", str(summary.rejected_lines)))
        if summary.vcard:
            self.rejected_table.setHorizontalHeaderItem(1, QTableWidgetItem(self.tr("Propriété")))
        if summary.created_groups and not summary.cancelled:
            parts.append(
                self.tr("Groupes créés : %1.").replace("%1", ", ".join(summary.created_groups))
            )
        self.result_label.setText(" ".join(parts))
        self.rejected_table.setRowCount(len(summary.rejected))
        for row, rejected in enumerate(summary.rejected):
            self.rejected_table.setItem(row, 0, QTableWidgetItem(str(rejected.line)))
            self.rejected_table.setItem(row, 1, QTableWidgetItem(rejected.column))
            self.rejected_table.setItem(row, 2, QTableWidgetItem(rejected.message))
        self.rejected_table.resizeColumnToContents(0)
        self.rejected_table.setVisible(bool(summary.rejected))
        self.save_button.setVisible(bool(summary.rejected))
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        self.resize(760, 460 if summary.rejected else 220)
        self.imported.emit(summary)

    def _on_failed(self, exc: BaseException) -> None:
        if self.cancel_flag.is_set():
            # The service may stop a cancelled import by raising: that is no error.
            self._on_finished(None)
            return
        self.progress.setRange(0, 1)
        self.result_label.setText(message_for(exc))
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        show_error(self, exc)

    def _on_save_clicked(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le rapport"),
            str(self._path.with_name(self._path.stem + "-refus.csv")),
            self.tr("Fichier CSV (*.csv)"),
        )
        if target:
            self.save_report(Path(target))

    def save_report(self, target: Path) -> None:
        """Write the rejected rows as CSV (line; reason), for the user to fix and re-import."""
        assert self.summary is not None
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            column = self.tr("Propriété") if self.summary.vcard else self.tr("Colonne")
            writer.writerow([self.tr("Ligne"), column, self.tr("Motif du refus")])
            for rejected in self.summary.rejected:
                writer.writerow([rejected.line, rejected.column, rejected.message])


def export_path(path: Path, *, vcard: bool) -> Path:
    """The file an export writes, whose suffix decides its format: `path`, given the chosen
    type's suffix when it has none (« clients » with the vCard type: « clients.vcf »), or
    when the vCard type was chosen for the name the dialog proposed (« clients.csv »)."""
    suffix = path.suffix.lower()
    if vcard and suffix == ".csv":
        return path.with_suffix(".vcf")
    if suffix in (".csv", *VCARD_SUFFIXES):
        return path
    return path.with_name(path.name + (".vcf" if vcard else ".csv"))


class DirectoryTransfer(QObject):
    """Wires the Importer… and Exporter… buttons of the Répertoire to the CSV service."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        page: DirectoryPage,
        status: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or page)
        self._db, self._page, self._status = db, page, status
        # Imports get their own worker so that searching stays quick during a long import.
        # (A synchronous runner, in tests, is used as it is.)
        self._runner = runner if isinstance(runner, SyncTaskRunner) else TaskRunner(self)
        self.dialog: ImportDialog | None = None
        page.import_button.setToolTip(self.tr("Importer des clients d'un fichier CSV ou vCard"))
        page.export_button.setToolTip(self.tr("Exporter le répertoire en CSV ou vCard"))
        page.import_button.clicked.connect(self.choose_import_file)
        page.export_button.clicked.connect(self.choose_export_file)

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._page,
            self.tr("Importer des clients"),
            str(Path.home()),
            self.tr("Fichiers clients (*.csv *.vcf);;Tous les fichiers (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportDialog:
        dialog = ImportDialog(self._db, self._runner, path, self._page)
        dialog.imported.connect(self._on_imported)
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _on_imported(self, summary: ImportSummary) -> None:
        self._page.model.refresh()
        done = (
            self.tr("Import terminé : %1 fiches refusées.")
            if summary.vcard
            else self.tr("Import terminé : %1 lignes refusées.")
        )
        self._status(done.replace("%1", str(summary.rejected_lines)))

    def choose_export_file(self) -> None:
        csv_filter = self.tr("Fichier CSV (*.csv)")
        vcard_filter = self.tr("Fichier vCard, pour un téléphone ou une messagerie (*.vcf)")
        path, chosen = QFileDialog.getSaveFileName(
            self._page,
            self.tr("Exporter le répertoire"),
            str(Path.home() / "clients.csv"),
            f"{csv_filter};;{vcard_filter}",
        )
        if path:
            self.export_file(export_path(Path(path), vcard=chosen == vcard_filter))

    def export_file(self, path: Path) -> None:
        db, model = self._db, self._page.model
        query, group_id = model.query.strip() or None, model.group_id
        french = current_language() == "fr"

        def work() -> Any:
            # What the list shows (the search, the group); French headers for a French
            # spreadsheet.
            return directory_csv.export_customers(db, path, query, group_id, french=french)

        def done(_result: Any) -> None:
            self._status(self.tr("Répertoire exporté dans %1").replace("%1", str(path)))

        self._status(self.tr("Export en cours…"))
        self._runner.run(work, done, lambda e: show_error(self._page, e), owner=self._page)
