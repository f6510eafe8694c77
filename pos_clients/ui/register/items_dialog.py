"""The item catalogue dialog (Articles…): list, add, change, withdraw, import from CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_clients import items
from pos_clients.data.database import Database
from pos_clients.errors import PosError, ValidationError
from pos_clients.formatting import money, percent_bp
from pos_clients.items import ImportReport, Item, ItemDraft
from pos_clients.tickets import VAT_RATES_BP
from pos_clients.ui.tasks import TaskRunner

_FIGURES = (2, 3)  # price and VAT rate, right-aligned as on the ticket
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ItemsDialog(QDialog):
    """Signals:
    catalogue_changed(): an item was added, changed, withdrawn or imported.
    """

    catalogue_changed = Signal()

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._items: list[Item] = []
        self._editing: int | None = None
        self.setWindowTitle(self.tr("Articles"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Catégorie"),
                self.tr("Article"),
                self.tr("Prix TTC"),
                self.tr("TVA"),
                self.tr("Code"),
            ]
        )
        header = self.table.horizontalHeader()
        # The name takes what is left; a 13-digit barcode, a price and a category show whole.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        self.name = QLineEdit()
        self.price = QLineEdit()
        self.vat = QComboBox()
        for rate in VAT_RATES_BP:
            self.vat.addItem(percent_bp(rate), rate)
        self.code = QLineEdit()
        self.category = QLineEdit()
        self.preparation = QCheckBox(self.tr("Ticket de préparation"))
        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name)
        form.addRow(self.tr("Prix TTC"), self.price)
        form.addRow(self.tr("TVA"), self.vat)
        form.addRow(self.tr("Code-barres"), self.code)
        form.addRow(self.tr("Catégorie"), self.category)
        form.addRow("", self.preparation)
        self.new_button = QPushButton(self.tr("Nouveau"))
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.withdraw_button = QPushButton(self.tr("Retirer de la vente"))
        self.import_button = QPushButton(self.tr("Importer un CSV…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.withdraw_button, self.import_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.resize(720, 560)
        self.refresh()
        self.start_new()

    def refresh(self) -> None:
        def work() -> list[Item]:
            with self._db.reader() as uow:
                return items.list_items(uow)

        self._tasks.run(work, self._show, self._on_failed)

    def _show(self, catalogue: list[Item]) -> None:
        self._items = catalogue
        self.table.setRowCount(len(catalogue))
        for row, it in enumerate(catalogue):
            for col, text in enumerate(
                (
                    it.category,
                    it.name,
                    money(it.price_cents),
                    percent_bp(it.vat_rate_bp),
                    it.code or "",
                )
            ):
                cell = QTableWidgetItem(text)
                if col in _FIGURES:
                    cell.setTextAlignment(_RIGHT)
                self.table.setItem(row, col, cell)

    def start_new(self) -> None:
        self._editing = None
        for field in (self.name, self.price, self.code, self.category):
            field.clear()
        self.vat.setCurrentIndex(VAT_RATES_BP.index(550))
        self.preparation.setChecked(False)
        self.withdraw_button.setEnabled(False)
        self.name.setFocus()

    def _on_table_current_changed(self, row: int, _c: int, _pr: int, _pc: int) -> None:
        if not 0 <= row < len(self._items):
            return
        it = self._items[row]
        self._editing = it.id
        self.name.setText(it.name)
        self.price.setText(f"{it.price_cents / 100:.2f}".replace(".", ","))
        self.vat.setCurrentIndex(VAT_RATES_BP.index(it.vat_rate_bp))
        self.code.setText(it.code or "")
        self.category.setText(it.category)
        self.preparation.setChecked(it.needs_preparation)
        self.withdraw_button.setEnabled(True)

    def draft(self) -> ItemDraft:
        rate = int(self.vat.currentData())
        return ItemDraft(
            name=self.name.text(),
            price=self.price.text(),
            vat_rate=f"{rate / 100:g}",
            code=self.code.text(),
            category=self.category.text(),
            needs_preparation=self.preparation.isChecked(),
        )

    def save(self) -> None:
        draft, editing = self.draft(), self._editing

        def work() -> Item:
            with self._db.uow() as uow:
                if editing is None:
                    return items.create_item(uow, draft)
                return items.update_item(uow, editing, draft)

        def done(item: Item) -> None:
            self.message.setText(self.tr("Article « %1 » enregistré.").replace("%1", item.name))
            self.catalogue_changed.emit()
            self.refresh()
            self.start_new()

        self._tasks.run(work, done, self._on_failed)

    def _on_withdraw_clicked(self) -> None:
        editing = self._editing
        if editing is None:
            return

        def work() -> Item:
            with self._db.uow() as uow:
                return items.set_active(uow, editing, False)

        def done(item: Item) -> None:
            self.message.setText(self.tr("« %1 » est retiré de la vente.").replace("%1", item.name))
            self.catalogue_changed.emit()
            self.refresh()
            self.start_new()

        self._tasks.run(work, done, self._on_failed)

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importer des articles"), "", self.tr("Fichiers CSV (*.csv)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        def work() -> ImportReport:
            text = path.read_text(encoding="utf-8-sig")
            with self._db.uow() as uow:
                return items.import_csv(uow, text)

        def done(report: ImportReport) -> None:
            lines = [self.tr("%1 article(s) importé(s).").replace("%1", str(report.created))]
            lines += [
                self.tr("Ligne %1 : %2").replace("%1", str(n)).replace("%2", why)
                for n, why in report.errors
            ]
            self.message.setText("\n".join(lines))
            self.catalogue_changed.emit()
            self.refresh()

        self._tasks.run(work, done, self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.message.setText("\n".join(str(t) for t in exc.fields.values()))
        elif isinstance(exc, PosError):
            self.message.setText(exc.message())
        elif isinstance(exc, OSError):
            self.message.setText(self.tr("Fichier illisible : %1").replace("%1", str(exc)))
        else:
            self.message.setText(self.tr("Erreur inattendue : %1").replace("%1", str(exc)))
