"""Dialogs of the Groupes client tab: create or edit a group, and delete one (moving its
members to another group first, in one confirmed step, when it has any)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_clients import groups
from pos_clients.data.database import Database
from pos_clients.errors import ValidationError
from pos_clients.formatting import percent_bp
from pos_clients.groups import CustomerGroup
from pos_clients.i18n import current_language
from pos_clients.ui import icons
from pos_clients.ui.error_display import show_error
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import french_spacing, named

ERROR_STYLE = "color: #c62828;"


def _discount_text(discount_bp: int) -> str:
    if not discount_bp:
        return ""
    return percent_bp(discount_bp).replace("%", "").strip()


class GroupDialog(QDialog):
    """Name and optional permanent automatic discount of a group (new or existing).

    Signals:
        saved(object): the group as stored (a `CustomerGroup`).
    """

    saved = Signal(object)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        group: CustomerGroup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self._group = db, runner, group
        self._server_error: tuple[str, str] | None = None
        self.setObjectName("groupDialog")
        self.setWindowTitle(
            self.tr("Nouveau groupe client") if group is None else self.tr("Modifier le groupe")
        )
        self.name = named(QLineEdit(group.name if group else ""), "name")
        self.discount = named(
            QLineEdit(_discount_text(group.discount_bp) if group else ""), "discount"
        )
        self.discount.setPlaceholderText(self.tr("aucune"))
        self.discount.setMaximumWidth(120)
        self.name_error = named(QLabel(), "error_name")
        self.discount_error = named(QLabel(), "error_discount")
        hint = QLabel(
            self.tr(
                "Remise permanente en %, de 0 à 100, deux décimales au plus : chaque client "
                "du groupe en bénéficie à chacun de ses passages."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b73;")
        for label in (self.name_error, self.discount_error):
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Nom du groupe"), self.name)
        form.addRow("", self.name_error)
        discount_row = QHBoxLayout()
        discount_row.addWidget(self.discount)
        discount_row.addWidget(QLabel("%"))
        discount_row.addStretch()
        form.addRow(self.tr("Remise automatique"), discount_row)
        form.addRow("", self.discount_error)
        form.addRow("", hint)
        self.validate_button = named(QPushButton(self.tr("Valider")), "validate")
        self.validate_button.setDefault(True)
        cancel = named(QPushButton(self.tr("Annuler")), "cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.validate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(460, self.sizeHint().height())
        self.name.textEdited.connect(self._on_edited)
        self.discount.textEdited.connect(self._on_edited)
        self.validate_button.clicked.connect(self._on_validate_clicked)
        self._touched = group is not None
        self._validate()

    def _on_edited(self, _text: str) -> None:
        self._touched = True
        self._server_error = None
        self._validate()

    def _values(self) -> tuple[str, int]:
        """Raises ValidationError."""
        errors = {}
        name = discount = None
        try:
            name = groups.clean_name(self.name.text())
        except ValidationError as exc:
            errors.update(exc.fields)
        try:
            discount = groups.clean_discount(self.discount.text())
        except ValidationError as exc:
            errors.update(exc.fields)
        if errors:
            raise ValidationError(errors)
        assert name is not None and discount is not None
        return name, discount

    def _validate(self) -> bool:
        messages: dict[str, str] = {}
        try:
            self._values()
        except ValidationError as exc:
            messages = {k: v.in_(current_language()) for k, v in exc.fields.items()}
        ok = not messages and self._server_error is None
        if self._server_error:
            messages[self._server_error[0]] = self._server_error[1]
        if not self._touched:
            messages.pop("name", None)
        for key, label in (("name", self.name_error), ("discount", self.discount_error)):
            label.setText(french_spacing(messages.get(key, "")))
            label.setVisible(key in messages)
        self.validate_button.setEnabled(ok)
        return ok

    def _on_validate_clicked(self) -> None:
        if not self._validate():
            return
        name, discount = self._values()
        group = self._group
        self.validate_button.setEnabled(False)

        def save() -> CustomerGroup:
            with self._db.uow() as uow:
                if group is None:
                    return groups.create_group(uow, name, discount)
                return groups.update_group(uow, group.id, name=name, discount_bp=discount)

        self._runner.run(save, self._on_saved, self._on_failed, owner=self)

    def _on_saved(self, group: CustomerGroup) -> None:
        self.saved.emit(group)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and set(exc.fields) <= {"name", "discount"}:
            key, text = next(iter(exc.fields.items()))
            self._server_error = (key, text.in_(current_language()))
            self._validate()
        else:
            self._validate()
            show_error(self, exc)


class DeleteGroupDialog(QDialog):
    """Confirm deleting a group; with members, say how many and where they go first (G3).

    Signals:
        deleted(object): the group as it was before deletion (a `CustomerGroup`).
    """

    deleted = Signal(object)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        group: CustomerGroup,
        others: list[CustomerGroup],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self._group = db, runner, group
        self.setObjectName("deleteGroupDialog")
        self.setWindowTitle(self.tr("Supprimer le groupe client"))
        layout = QVBoxLayout(self)
        question = QLabel(
            french_spacing(
                self.tr("Supprimer définitivement le groupe client « %1 » ?").replace(
                    "%1", group.name
                )
            )
        )
        question.setWordWrap(True)
        font = question.font()
        font.setBold(True)
        question.setFont(font)
        layout.addWidget(question)
        self.target = named(QComboBox(), "moveTo")
        if group.member_count:
            members = (
                self.tr("1 client appartient à ce groupe.")
                if group.member_count == 1
                else self.tr("%1 clients appartiennent à ce groupe.").replace(
                    "%1", str(group.member_count)
                )
            )
            layout.addWidget(named(QLabel(members), "memberCount"))
            self.target.addItem(self.tr("Aucun groupe"), None)
            for other in others:
                if other.id != group.id:
                    label = other.name
                    if other.discount_bp:
                        label += f" ({percent_bp(other.discount_bp)})"
                    self.target.addItem(label, other.id)
            row = QFormLayout()
            row.addRow(self.tr("Les déplacer vers"), self.target)
            layout.addLayout(row)
        else:
            self.target.setVisible(False)
        keep = QLabel(
            self.tr("Les factures déjà émises gardent le nom et la remise du groupe appliqués.")
        )
        keep.setWordWrap(True)
        keep.setStyleSheet("color: #5f6b73;")
        layout.addWidget(keep)
        self.confirm_button = named(
            QPushButton(
                icons.trash(),
                self.tr("Déplacer et supprimer") if group.member_count else self.tr("Supprimer"),
            ),
            "confirmDelete",
        )
        cancel = named(QPushButton(self.tr("Annuler")), "cancel")
        cancel.setDefault(True)
        cancel.clicked.connect(self.reject)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self.resize(480, self.sizeHint().height())

    def _on_confirm_clicked(self) -> None:
        group_id = self._group.id
        move_to: int | bool | None = (
            self.target.currentData() if self._group.member_count else False
        )
        self.confirm_button.setEnabled(False)

        def delete() -> CustomerGroup:
            with self._db.uow() as uow:
                return groups.delete_group(uow, group_id, move_members_to=move_to)

        self._runner.run(delete, self._on_deleted, self._on_failed, owner=self)

    def _on_deleted(self, group: CustomerGroup) -> None:
        self.deleted.emit(group)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        show_error(self, exc)
