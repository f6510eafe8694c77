"""The Répertoire tab: search field and count, Nouveau, the directory table with its red
trash icons, opening a customer to edit, and the group filter."""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import format_decimal
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_clients import customers, groups
from pos_clients.customers import Customer
from pos_clients.data.database import Database
from pos_clients.groups import CustomerGroup
from pos_clients.i18n import current_language
from pos_clients.ui import icons
from pos_clients.ui.directory.form import CustomerForm
from pos_clients.ui.directory.model import DirectoryModel, list_item
from pos_clients.ui.error_display import show_error
from pos_clients.ui.preferences import remembered_columns
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import as_typed, french_spacing, named

COLUMN_WIDTHS = (230, 220, 130, 180, 130, 140, 34)


class DirectoryPage(QWidget):
    """The whole directory, searchable, with create, edit and delete.

    Signals:
        customer_saved(object): a customer was created or edited here (the `Customer`).
        customer_deleted(int): a customer was deleted here (its id).
    """

    customer_saved = Signal(object)
    customer_deleted = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        status: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self._status = status or (lambda _text: None)
        self._group_name = ""
        self.form: CustomerForm | None = None
        self.model = DirectoryModel(db, runner, self)
        self._build()
        self.model.count_changed.connect(self._on_model_count_changed)
        self.model.search_finished.connect(self._on_model_search_finished)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.model.set_query("")

    def _build(self) -> None:
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText(
            self.tr("Rechercher : nom, société, e-mail, téléphone, ville, référence…")
        )
        self.search.setToolTip(self.tr("Rechercher dans le répertoire (Ctrl+F ; Échap efface)"))
        self.search.setClearButtonEnabled(True)
        # A loyalty card scanned here finds its holder (the scanner fills this field).
        self.search.setProperty("acceptsScannedCode", True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.count_label = named(QLabel(), "count")
        self.count_label.setMinimumWidth(120)
        self.group_chip = named(QToolButton(), "groupFilter")
        self.group_chip.setToolTip(self.tr("Afficher à nouveau tout le répertoire"))
        self.group_chip.setVisible(False)
        self.group_chip.clicked.connect(self.clear_group)
        self.import_button = named(QPushButton(self.tr("Importer…")), "import")
        self.export_button = named(QPushButton(self.tr("Exporter…")), "export")
        self.new_button = named(QPushButton(icons.plus(), self.tr("Nouveau")), "new")
        self.new_button.setToolTip(self.tr("Nouveau client (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_customer)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.group_chip)
        top.addStretch()
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)

        self.view = named(QTableView(), "directory")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(28)
        remembered_columns(
            "directory",
            self.view.horizontalHeader(),
            COLUMN_WIDTHS,
            fixed=DirectoryModel.DELETE,
            stretch=DirectoryModel.EMAIL,
        )
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        new = QShortcut(QKeySequence.StandardKey.New, self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_customer)
        QWidget.setTabOrder(self.search, self.view)

    # --- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search:
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                    self.view.setFocus()
                    self.view.selectRow(0)
                    return True
            elif watched is self.view:
                if key == Qt.Key.Key_Delete:
                    self.delete_row(self.view.currentIndex().row())
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_row(self.view.currentIndex().row())
                    return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- searching -----------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_query(text, self.model.group_id)

    def _on_model_search_finished(self) -> None:
        if self.model.rowCount():
            self.view.scrollToTop()

    def _on_model_count_changed(self, found: int, capped: bool) -> None:
        if capped:
            text = self.tr("plus de %1 clients").replace("%1", _thousands(found))
        elif found == 0:
            text = self.tr("aucun client")
        elif found == 1:
            text = self.tr("1 client")
        else:
            text = self.tr("%1 clients").replace("%1", _thousands(found))
        self.count_label.setText(text)

    def show_group(self, group_id: int, name: str) -> None:
        """Show only the members of one group (from the Groupes client tab)."""
        self._group_name = name
        self.group_chip.setText(self.tr("Groupe : %1  ✕").replace("%1", as_typed(name)))
        self.group_chip.setVisible(True)
        self.model.set_query(self.search.text(), group_id)

    def clear_group(self) -> None:
        self.group_chip.setVisible(False)
        self.model.set_query(self.search.text(), None)

    # --- create and edit -----------------------------------------------------------------

    def new_customer(self) -> None:
        """Nouveau: open the empty form (the groups are read first, off the UI thread)."""
        self._with_groups(lambda found: self._open_form(found, None))

    def new_customer_for(self, parent: QWidget, on_created: Callable[[int], None]) -> None:
        """The customer form for another pane (the register's "new customer"): the new
        customer's id goes to `on_created`, and the directory shows the new customer too."""

        def opened(found: list[CustomerGroup]) -> None:
            form = CustomerForm(self._db, self._runner, found, None, parent)
            form.saved.connect(self._on_form_saved)
            form.saved.connect(lambda customer: on_created(customer.id))
            form.finished.connect(lambda _r: form.deleteLater())
            form.open()

        self._with_groups(opened)

    def open_customer(self, customer_id: int) -> None:
        def load() -> tuple[list[CustomerGroup], Customer]:
            with self._db.reader() as uow:
                return groups.list_groups(uow), customers.get_customer(uow, customer_id)

        self._runner.run(
            load, lambda r: self._open_form(*r), lambda e: show_error(self, e), owner=self
        )

    def open_row(self, row: int) -> None:
        customer_id = self.model.id_at(row)
        if customer_id is not None:
            self.open_customer(customer_id)

    def _with_groups(self, then: Callable[[list[CustomerGroup]], None]) -> None:
        def load() -> list[CustomerGroup]:
            with self._db.reader() as uow:
                return groups.list_groups(uow)

        self._runner.run(load, then, lambda e: show_error(self, e), owner=self)

    def _open_form(self, found: list[CustomerGroup], customer: Customer | None) -> None:
        if self.form is not None and self.form.isVisible():
            self.form.raise_()
            return
        form = CustomerForm(self._db, self._runner, found, customer, self)
        form.saved.connect(self._on_form_saved)
        form.open_existing_requested.connect(self.open_customer)
        form.finished.connect(lambda _r: self._forget_form(form))
        self.form = form
        form.open()

    def _forget_form(self, form: CustomerForm) -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()

    def _on_form_saved(self, customer: Customer) -> None:
        if self.model.row_of(customer.id) is not None:
            self.model.replace_customer(list_item(customer))
            self._status(self.tr("Client enregistré : %1").replace("%1", customer.display_name))
        else:
            self.model.refresh()
            self._status(self.tr("Client créé : %1").replace("%1", customer.display_name))
        self.customer_saved.emit(customer)

    # --- delete --------------------------------------------------------------------------

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if index.column() == DirectoryModel.DELETE:
            self.delete_row(index.row())

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != DirectoryModel.DELETE:
            self.open_row(index.row())

    def delete_row(self, row: int) -> None:
        """Ask, naming the customer, then delete; the row and the count go at once."""
        item = self.model.item_at(row)
        if item is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Supprimer le client"),
            french_spacing(
                self.tr("Supprimer définitivement « %1 » du répertoire ?").replace(
                    "%1", item.display_name
                )
            ),
            parent=self,
        )
        box.setObjectName("confirmDeleteCustomer")
        box.setInformativeText(
            self.tr("Les factures déjà émises gardent leur copie du client (nom et adresse).")
        )
        delete = box.addButton(self.tr("Supprimer"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
        delete.setIcon(icons.trash())
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return

        def remove() -> Customer:
            with self._db.uow() as uow:
                return customers.delete_customer(uow, item.id)

        self._runner.run(
            remove, self._on_customer_deleted, lambda e: show_error(self, e), owner=self
        )

    def _on_customer_deleted(self, customer: Customer) -> None:
        self.model.remove_customer(customer.id)
        self._status(self.tr("Client supprimé : %1").replace("%1", customer.display_name))
        self.customer_deleted.emit(customer.id)


def _thousands(n: int) -> str:
    locale = "fr_FR" if current_language() == "fr" else "en_GB"
    return str(format_decimal(n, locale=locale))
