"""The customer groups as a Qt item model (a few dozen rows: loaded whole)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from pos_clients.formatting import percent_bp
from pos_clients.groups import CustomerGroup
from pos_clients.ui import icons

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class GroupsModel(QAbstractTableModel):
    """One row per group: name, discount, member count, and the red trash icon."""

    NAME, DISCOUNT, MEMBERS, DELETE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[CustomerGroup] = []

    def set_groups(self, groups: list[CustomerGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group_at(self, row: int) -> CustomerGroup | None:
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def row_of(self, group_id: int) -> int | None:
        return next((i for i, g in enumerate(self._groups) if g.id == group_id), None)

    @property
    def groups(self) -> list[CustomerGroup]:
        return list(self._groups)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 4:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Groupe client"),
                self.tr("Remise automatique"),
                self.tr("Clients"),
                "",
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (self.DISCOUNT, self.MEMBERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group = self.group_at(index.row()) if index.isValid() else None
        if group is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return group.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return group.name
            if column == self.DISCOUNT:
                return percent_bp(group.discount_bp) if group.discount_bp else "—"
            if column == self.MEMBERS:
                return str(group.member_count)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DISCOUNT, self.MEMBERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == self.DELETE:
            if role == Qt.ItemDataRole.DecorationRole:
                return icons.trash()
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Supprimer ce groupe client (Suppr)")
        return None
