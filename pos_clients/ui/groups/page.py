"""The Groupes client tab: the groups with discount and member count, + to create one,
edit, the red trash icon to delete, and a way to see a group's members in the Répertoire."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_clients import groups
from pos_clients.data.database import Database
from pos_clients.groups import CustomerGroup
from pos_clients.ui import icons
from pos_clients.ui.error_display import show_error
from pos_clients.ui.groups.dialogs import DeleteGroupDialog, GroupDialog
from pos_clients.ui.groups.model import GroupsModel
from pos_clients.ui.preferences import remembered_columns
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import named


class GroupsPage(QWidget):
    """Customer groups (G1, G3).

    Signals:
        groups_changed(): a group was created, edited or deleted here (the directory shows
            group names, so it refreshes).
        show_members_requested(int, str): show this group's members in the Répertoire.
        loaded(): the list was read again from the database.
    """

    groups_changed = Signal()
    show_members_requested = Signal(int, str)
    loaded = Signal()

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
        self.dialog: GroupDialog | DeleteGroupDialog | None = None
        self.model = GroupsModel(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        title = QLabel(
            self.tr(
                "Les clients d'un groupe bénéficient de sa remise automatique à chaque passage."
            )
        )
        title.setStyleSheet("color: #5f6b73;")
        self.members_button = named(QPushButton(self.tr("Voir les membres")), "showMembers")
        self.members_button.setToolTip(self.tr("Afficher les clients de ce groupe (Ctrl+M)"))
        self.edit_button = named(QPushButton(self.tr("Modifier…")), "edit")
        self.edit_button.setToolTip(self.tr("Modifier le nom ou la remise (Entrée)"))
        self.add_button = named(QPushButton(icons.plus(), ""), "add")
        self.add_button.setToolTip(self.tr("Nouveau groupe client (Ctrl+N)"))
        self.add_button.setAccessibleName(self.tr("Nouveau groupe client"))
        self.members_button.clicked.connect(lambda: self.show_members(self._current_row()))
        self.edit_button.clicked.connect(lambda: self.edit_group(self._current_row()))
        self.add_button.clicked.connect(self.new_group)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.members_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)

        self.view = named(QTableView(), "groups")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        remembered_columns(
            "groups",
            self.view.horizontalHeader(),
            (320, 170, 90, 34),
            fixed=GroupsModel.DELETE,
            stretch=GroupsModel.NAME,
        )
        self.view.clicked.connect(self._on_view_clicked)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_group),
            (QKeySequence("Ctrl+M"), lambda: self.show_members(self._current_row())),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if watched is self.view and pressed and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Delete:
                self.delete_group(self._current_row())
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_group(self._current_row())
                return True
        return super().eventFilter(watched, event)

    def _current_row(self) -> int:
        return self.view.currentIndex().row()

    def reload(self) -> None:
        """Read the groups and their member counts again (off the UI thread)."""

        def load() -> list[CustomerGroup]:
            with self._db.reader() as uow:
                return groups.list_groups(uow)

        self._runner.run(load, self._on_loaded, lambda e: show_error(self, e), owner=self)

    def _on_loaded(self, found: list[CustomerGroup]) -> None:
        current = self.model.group_at(self._current_row())
        self.model.set_groups(found)
        if current is not None and (row := self.model.row_of(current.id)) is not None:
            self.view.selectRow(row)
        self.loaded.emit()

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if index.column() == GroupsModel.DELETE:
            self.delete_group(index.row())

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == GroupsModel.MEMBERS:
            self.show_members(index.row())
        elif index.column() != GroupsModel.DELETE:
            self.edit_group(index.row())

    def new_group(self) -> None:
        self._open(GroupDialog(self._db, self._runner, None, self))

    def edit_group(self, row: int) -> None:
        group = self.model.group_at(row)
        if group is not None:
            self._open(GroupDialog(self._db, self._runner, group, self))

    def delete_group(self, row: int) -> None:
        group = self.model.group_at(row)
        if group is not None:
            self._open(DeleteGroupDialog(self._db, self._runner, group, self.model.groups, self))

    def show_members(self, row: int) -> None:
        group = self.model.group_at(row)
        if group is not None:
            self.show_members_requested.emit(group.id, group.name)

    def _open(self, dialog: GroupDialog | DeleteGroupDialog) -> None:
        if isinstance(dialog, GroupDialog):
            dialog.saved.connect(self._on_group_saved)
        else:
            dialog.deleted.connect(self._on_group_deleted)
        dialog.finished.connect(lambda _r: self._forget(dialog))
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _on_group_saved(self, group: CustomerGroup) -> None:
        self._status(self.tr("Groupe client enregistré : %1").replace("%1", group.name))
        self.reload()
        self.groups_changed.emit()

    def _on_group_deleted(self, group: CustomerGroup) -> None:
        self._status(self.tr("Groupe client supprimé : %1").replace("%1", group.name))
        self.reload()
        self.groups_changed.emit()
