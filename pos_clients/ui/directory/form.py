"""The customer form (Nouveau / edit): the fields of each kind, a message next to each wrong
field as it is typed, possible duplicates while creating, and Valider only when all is right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_clients import customer_fields as cf
from pos_clients import customers
from pos_clients.customers import Customer, CustomerDraft
from pos_clients.data.database import Database
from pos_clients.errors import DuplicateReferenceError, PosError, ValidationError
from pos_clients.formatting import percent_bp
from pos_clients.groups import CustomerGroup
from pos_clients.i18n import current_language
from pos_clients.ui.directory.duplicates import DuplicatesPanel
from pos_clients.ui.error_display import show_error
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import NBSP, french_spacing, named

LINE_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "siret",
    "vat_number",
    "contact_name",
    "email",
    "phone",
    "mobile",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "reference",
    "account_number",
    "birthday",
)
PERSON_ONLY = ("civility", "first_name", "last_name", "birthday")
COMPANY_ONLY = ("company_name", "legal_form", "siret", "vat_number", "contact_name")
REQUIRED = ("last_name", "company_name")
DUPLICATE_KEYS = ("first_name", "last_name", "company_name", "email", "phone", "mobile")
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #5f6b73;"


class CustomerForm(QDialog):
    """Create (customer=None) or edit one customer.

    Signals:
        saved(object): the customer as stored (a `Customer`), after Valider.
        open_existing_requested(int): the user chose to open a possible duplicate instead.
    """

    saved = Signal(object)
    open_existing_requested = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        groups: list[CustomerGroup],
        customer: Customer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self._customer = db, runner, customer
        self._groups = groups
        self._lines: dict[str, QLineEdit] = {}
        self._errors: dict[str, QLabel] = {}
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._touched: set[str] = set()
        self._server_errors: dict[str, str] = {}
        self._check_generation = 0
        self._saving = False
        self._done = False
        self.setObjectName("customerForm")
        self.setWindowTitle(
            self.tr("Nouveau client") if customer is None else self.tr("Modifier le client")
        )
        self._build()
        self._initial = self._blank_draft()
        if customer is not None:
            country = cf.country_name(customer.country or "FR", current_language())
            self._initial = replace(customer.to_draft(), country=country)
        self._load(self._initial)
        self._db_check = QTimer(self, singleShot=True, interval=250)
        self._db_check.timeout.connect(self._check_database)
        self._connect()
        self._on_kind_changed()
        self._validate()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.person_button = QRadioButton(self.tr("Personne physique"))
        self.company_button = QRadioButton(self.tr("Personne morale"))
        self.person_button.setObjectName("kind_person")
        self.company_button.setObjectName("kind_company")
        self._kind = QButtonGroup(self)
        self._kind.addButton(self.person_button)
        self._kind.addButton(self.company_button)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.person_button)
        kind_row.addWidget(self.company_button)
        kind_row.addStretch()

        self.civility = named(QComboBox(), "civility")
        self.civility.addItem(self.tr("(aucune)"), "")
        for value in cf.CIVILITIES:
            self.civility.addItem(value, value)
        self.legal_form = named(QComboBox(), "legal_form")
        self.legal_form.setEditable(True)
        self.legal_form.addItem("")
        self.legal_form.addItems(list(cf.LEGAL_FORMS))
        self.group = named(QComboBox(), "group")
        self.group.addItem(self.tr("Aucun groupe"), None)
        for g in self._groups:
            label = g.name
            if g.discount_bp:
                label = self.tr("%1 (remise %2)").replace("%1", g.name)
                label = label.replace("%2", percent_bp(g.discount_bp))
            self.group.addItem(label, g.id)
        self.notes = named(QPlainTextEdit(), "notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.consent_boxes = {
            "email": named(QCheckBox(self.tr("e-mails")), "consent_email"),
            "sms": named(QCheckBox(self.tr("SMS")), "consent_sms"),
            "post": named(QCheckBox(self.tr("courrier")), "consent_post"),
        }
        consent_row = QHBoxLayout()
        for box in self.consent_boxes.values():
            consent_row.addWidget(box)
        consent_row.addStretch()
        consents = QWidget()
        consents.setLayout(consent_row)
        consent_row.setContentsMargins(0, 0, 0, 0)
        for name in LINE_FIELDS:
            self._lines[name] = named(QLineEdit(), name)
        self._lines["birthday"].setPlaceholderText(self.tr("JJ/MM/AAAA"))
        self._lines["email"].setPlaceholderText("nom@exemple.fr")
        self._lines["postcode"].setMaximumWidth(110)
        # The scanner's dispatcher fills the focused field that says it takes codes (D3).
        self._lines["reference"].setProperty("acceptsScannedCode", True)

        identity = QFormLayout()
        identity.addRow(kind_row)
        self._add(identity, "civility", self.tr("Civilité"), self.civility)
        self._add(identity, "first_name", self.tr("Prénom"), self._lines["first_name"])
        self._add(identity, "last_name", self.tr("Nom"), self._lines["last_name"])
        self._add(identity, "company_name", self.tr("Raison sociale"), self._lines["company_name"])
        self._add(identity, "legal_form", self.tr("Forme juridique"), self.legal_form)
        self._add(identity, "siret", self.tr("SIRET ou SIREN"), self._lines["siret"])
        self._add(identity, "vat_number", self.tr("N° de TVA intracom."), self._lines["vat_number"])
        self._add(identity, "contact_name", self.tr("Contact"), self._lines["contact_name"])
        self._add(identity, "birthday", self.tr("Date de naissance"), self._lines["birthday"])
        contact = QFormLayout()
        self._add(
            contact,
            "email",
            self.tr("E-mail"),
            self._lines["email"],
            self.tr("Le client recevra sa facture par e-mail à chaque passage."),
        )
        self._add(contact, "phone", self.tr("Téléphone"), self._lines["phone"])
        self._add(contact, "mobile", self.tr("Mobile"), self._lines["mobile"])
        self._add(contact, "consents", self.tr("Accepte les offres par"), consents)

        address = QFormLayout()
        self._add(address, "address_line1", self.tr("Adresse"), self._lines["address_line1"])
        self._add(address, "address_line2", self.tr("Complément"), self._lines["address_line2"])
        self._add(address, "postcode", self.tr("Code postal"), self._lines["postcode"])
        self._add(address, "city", self.tr("Ville"), self._lines["city"])
        self._add(address, "country", self.tr("Pays"), self._lines["country"])
        shop = QFormLayout()
        self._add(
            shop,
            "reference",
            self.tr("Référence"),
            self._lines["reference"],
            self.tr("Scannez ici la carte de fidélité avec la douchette, ou tapez son code."),
        )
        self._add(
            shop,
            "account_number",
            self.tr("N° de compte"),
            self._lines["account_number"],
            self.tr("Vide : les ventes vont au compte « Clients divers » à l'export comptable."),
        )
        self._add(shop, "group_id", self.tr("Groupe"), self.group)
        self._add(shop, "notes", self.tr("Notes"), self.notes)

        left = QVBoxLayout()
        left.addWidget(_box(self.tr("Identité"), identity))
        left.addWidget(_box(self.tr("Contact"), contact))
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(_box(self.tr("Adresse"), address))
        right.addWidget(_box(self.tr("Boutique"), shop))
        right.addStretch()
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.duplicates = DuplicatesPanel(self)
        self.duplicates.open_requested.connect(self._on_duplicates_open_requested)
        self.validate_button = named(QPushButton(self.tr("Valider")), "validate")
        self.validate_button.setDefault(True)
        self.validate_button.setToolTip(self.tr("Enregistrer le client (Entrée)"))
        self.cancel_button = named(QPushButton(self.tr("Annuler")), "cancel")
        self.cancel_button.setToolTip(self.tr("Fermer sans enregistrer (Échap)"))
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.validate_button)

        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.duplicates)
        layout.addLayout(buttons)
        self._set_tab_order()
        self.setMinimumWidth(920)

    def _add(
        self, form: QFormLayout, name: str, label: str, widget: QWidget, hint: str | None = None
    ) -> None:
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        if hint:
            hint_label = named(QLabel(hint), f"hint_{name}")
            hint_label.setStyleSheet(HINT_STYLE)
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        error = named(QLabel(), f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.setVisible(False)
        column.addWidget(error)
        self._errors[name] = error
        title = QLabel(label)
        title.setBuddy(widget)
        form.addRow(title, cell)
        self._rows[name] = (title, cell)

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [
            self.person_button,
            self.company_button,
            self.civility,
            self._lines["first_name"],
            self._lines["last_name"],
            self._lines["company_name"],
            self.legal_form,
            self._lines["siret"],
            self._lines["vat_number"],
            self._lines["contact_name"],
            self._lines["birthday"],
            self._lines["email"],
            self._lines["phone"],
            self._lines["mobile"],
            *self.consent_boxes.values(),
            self._lines["address_line1"],
            self._lines["address_line2"],
            self._lines["postcode"],
            self._lines["city"],
            self._lines["country"],
            self._lines["reference"],
            self._lines["account_number"],
            self.group,
            self.notes,
            self.validate_button,
            self.cancel_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for name, line in self._lines.items():
            # textChanged, not textEdited: a code the scanner puts in is checked too.
            line.textChanged.connect(self._on_edited(name))
        self.civility.currentIndexChanged.connect(self._on_edited("civility"))
        self.legal_form.currentTextChanged.connect(self._on_edited("legal_form"))
        self.group.currentIndexChanged.connect(self._on_edited("group_id"))
        self.notes.textChanged.connect(self._on_edited("notes"))
        for box in self.consent_boxes.values():
            box.toggled.connect(self._on_edited("consents"))
        self._kind.buttonToggled.connect(self._on_kind_changed)
        self.validate_button.clicked.connect(self._on_validate_clicked)
        self.cancel_button.clicked.connect(self.reject)

    # --- values --------------------------------------------------------------------------

    def _blank_draft(self) -> CustomerDraft:
        return CustomerDraft(country=cf.country_name("FR", current_language()))

    def _load(self, draft: CustomerDraft) -> None:
        (self.company_button if draft.kind == "company" else self.person_button).setChecked(True)
        for name, line in self._lines.items():
            line.setText(str(getattr(draft, name)))
        self.civility.setCurrentIndex(max(0, self.civility.findData(draft.civility)))
        self.legal_form.setCurrentText(draft.legal_form)
        self.group.setCurrentIndex(max(0, self.group.findData(draft.group_id)))
        self.notes.setPlainText(draft.notes)
        for channel, box in self.consent_boxes.items():
            box.setChecked(draft.consents.get(channel, False))

    def draft(self) -> CustomerDraft:
        """What the form holds now, as a draft for the services."""
        company = self.company_button.isChecked()
        values = {name: line.text() for name, line in self._lines.items()}
        recorded = self._initial.consents if hasattr(self, "_initial") else {}
        consents = {
            channel: box.isChecked()
            for channel, box in self.consent_boxes.items()
            if box.isChecked() or channel in recorded
        }
        draft = CustomerDraft(
            kind="company" if company else "person",
            civility="" if company else str(self.civility.currentData() or ""),
            legal_form=self.legal_form.currentText() if company else "",
            group_id=self.group.currentData(),
            notes=self.notes.toPlainText(),
            consents=consents,
            **values,
        )
        if company:
            return replace(draft, first_name="", last_name="", birthday="")
        return replace(draft, company_name="", siret="", vat_number="", contact_name="")

    def is_dirty(self) -> bool:
        """Whether the form holds changes not saved yet."""
        now, before = self.draft(), self._initial
        for name in (*LINE_FIELDS, "civility", "legal_form", "group_id", "notes", "kind"):
            if getattr(now, name) != getattr(before, name):
                return True
        return now.consents != {k: v for k, v in before.consents.items() if k in now.consents}

    def field(self, name: str) -> QWidget:
        """The input widget of a field (tests and screenshots use it)."""
        return self._lines.get(name) or self.findChild(QWidget, name)  # type: ignore[return-value]

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text().replace(NBSP, " ") if label.isVisibleTo(self) else ""

    # --- checking as the user types ------------------------------------------------------

    def _on_edited(self, name: str) -> Callable[..., None]:
        def edited(*_args: object) -> None:
            self._touched.add(name)
            self._server_errors.pop(name, None)
            self._validate()
            if name in (*DUPLICATE_KEYS, "reference"):
                self._db_check.start()

        return edited

    def _on_kind_changed(self, *_args: object) -> None:
        company = self.company_button.isChecked()
        for name, (title, cell) in self._rows.items():
            visible = not (
                (company and name in PERSON_ONLY) or (not company and name in COMPANY_ONLY)
            )
            title.setVisible(visible)
            cell.setVisible(visible)
        self._validate()
        self._db_check.start()

    def _validate(self) -> bool:
        try:
            customers.clean(self.draft())
            errors: dict[str, str] = {}
        except ValidationError as exc:
            errors = {name: text.in_(current_language()) for name, text in exc.fields.items()}
        blocking = bool(errors) or bool(self._server_errors)
        shown = {
            name: message
            for name, message in errors.items()
            if name not in REQUIRED or name in self._touched or self._customer is not None
        }
        shown.update(self._server_errors)
        for name, label in self._errors.items():
            message = shown.get(name, "")
            label.setText(french_spacing(message))
            label.setVisible(bool(message))
        self.validate_button.setEnabled(not blocking and not self._saving)
        return not blocking

    def _check_database(self) -> None:
        """Ask the database whether the reference is taken and who may be the same customer."""
        self._check_generation += 1
        generation = self._check_generation
        draft = self.draft()
        own_id = self._customer.id if self._customer else None
        creating = self._customer is None

        def check() -> tuple[str | None, list[Customer]]:
            with self._db.reader() as uow:
                holder = customers.find_by_reference(uow, draft.reference)
                taken = None
                if holder is not None and holder.id != own_id:
                    error = DuplicateReferenceError(holder.reference or "", holder.display_name, 0)
                    taken = error.fields["reference"].in_(current_language())
                found = customers.possible_duplicates(uow, draft) if creating else []
            return taken, found

        def done(result: tuple[str | None, list[Customer]]) -> None:
            if generation != self._check_generation or self._done:
                return
            taken, found = result
            if taken:
                self._server_errors["reference"] = taken
            else:
                self._server_errors.pop("reference", None)
            self._validate()
            self.duplicates.show_customers(found)
            self._grow()

        self._runner.run(check, done, lambda exc: None, owner=self)

    def _grow(self) -> None:
        """Make room for messages and the duplicates panel rather than squeeze the fields."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalMinimumSize().height()
        if layout.hasHeightForWidth():
            needed = max(needed, layout.totalHeightForWidth(self.width()))
        if needed > self.height():
            self.resize(self.width(), needed)

    # --- saving and leaving --------------------------------------------------------------

    def _on_validate_clicked(self) -> None:
        if not self._validate() or self._saving:
            return
        self._saving = True
        self.validate_button.setEnabled(False)
        draft, customer = self.draft(), self._customer

        def save() -> Customer:
            with self._db.uow() as uow:
                if customer is None:
                    return customers.create_customer(uow, draft)
                return customers.update_customer(uow, customer.id, draft)

        self._runner.run(save, self._on_saved, self._on_save_failed, owner=self)

    def _on_saved(self, customer: Customer) -> None:
        self._saving = False
        self._done = True
        self.saved.emit(customer)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        """Keep everything typed; say what is wrong next to the field, or in a dialog."""
        self._saving = False
        if isinstance(exc, ValidationError):
            for name, text in exc.fields.items():
                self._server_errors[name] = text.in_(current_language())
                self._touched.add(name)
            self._validate()
            if not set(exc.fields) & set(self._errors):
                show_error(self, exc)
        elif isinstance(exc, PosError):
            self._validate()
            show_error(self, exc)
        else:
            self._validate()
            show_error(self, exc)

    def _on_duplicates_open_requested(self, customer_id: int) -> None:
        self._done = True
        super().reject()
        self.open_existing_requested.emit(customer_id)

    def reject(self) -> None:
        """Leaving with unsaved changes asks first."""
        if not self._done and self.is_dirty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Modifications non enregistrées"),
                self.tr("Abandonner les modifications de ce client ?"),
                parent=self,
            )
            box.setObjectName("discardBox")
            discard = box.addButton(self.tr("Abandonner"), QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton(self.tr("Continuer la saisie"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.exec()
            if box.clickedButton() is not discard:
                return
        self._done = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._done:
            event.accept()
            return
        event.ignore()
        self.reject()


def _box(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    box.setLayout(form)
    return box
