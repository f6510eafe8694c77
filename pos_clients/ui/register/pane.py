"""RegisterPane: item grid, code/search field, ticket lines, customer zone, totals, checkout.

Database work goes through the task runner; the item catalogue is cached so that a scanned
item code is put on the ticket at once, without a query.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_clients import checkout, items
from pos_clients.data.database import Database
from pos_clients.errors import PosError
from pos_clients.formatting import money, percent_bp
from pos_clients.invoice_model import InvoicedCustomer, IssuedInvoice
from pos_clients.items import Item
from pos_clients.sale_hooks import SaleOptions
from pos_clients.ticket_customers import ticket_customer, ticket_customer_by_reference
from pos_clients.tickets import Tender, Ticket
from pos_clients.ui.register.customer_popup import CustomerSearchPopup
from pos_clients.ui.register.items_dialog import ItemsDialog
from pos_clients.ui.register.payment import PaymentDialog
from pos_clients.ui.register.ticket_view import TicketView
from pos_clients.ui.tasks import TaskRunner
from pos_clients.ui.widgets import as_typed, key_for, roomy_tabs

# Shows the directory's customer form; calls the callback with the new customer's id once
# saved (the UI engineer's form is wired in by the lead).
CustomerFormFactory = Callable[[QWidget, Callable[[int], None]], None]
GRID_COLUMNS = 4


class RegisterPane(QWidget):
    """The Caisse tab.

    Signals:
        ticket_changed(): lines, customer or totals changed (and are on screen).
        customer_changed(object): the InvoicedCustomer on the ticket now, or None.
        sale_completed(object): the IssuedInvoice of a sale just paid.
        message_shown(str): a message for the cashier was shown.
        items_loaded(int): the catalogue was (re)loaded (how many items).
    """

    ticket_changed = Signal()
    customer_changed = Signal(object)
    sale_completed = Signal(object)
    message_shown = Signal(str)
    items_loaded = Signal(int)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        customer_form_factory: CustomerFormFactory | None = None,
        till: str | None = None,
        cashier: str = "",
        sale_options: SaleOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._form_factory = customer_form_factory
        self._till = till or checkout.this_till()
        self._cashier = cashier
        self._sale_options = sale_options or SaleOptions()
        self._ticket = Ticket()
        self._items_by_code: dict[str, Item] = {}
        self.search_popup: CustomerSearchPopup | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.items_dialog: ItemsDialog | None = None
        self.clear_confirmation: QMessageBox | None = None
        self._build()
        self.reload_items()
        self._render()

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.code_field = QLineEdit()
        self.code_field.setPlaceholderText(self.tr("Code-barres, code ou nom d'article"))
        self.code_field.returnPressed.connect(self._on_code_field_entered)
        self.categories = roomy_tabs(QTabWidget())
        self.items_button = QPushButton(self.tr("Articles…"))
        self.items_button.clicked.connect(self.open_items)
        top = QHBoxLayout()
        top.addWidget(self.code_field, 1)
        top.addWidget(self.items_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.categories, 1)

        self.customer_label = QLabel()
        self.customer_label.setWordWrap(True)
        self.search_customer_button = QPushButton(self.tr("Client…"))
        self.search_customer_button.setToolTip(self.tr("Rechercher un client dans le répertoire"))
        self.new_customer_button = QPushButton(self.tr("Nouveau client"))
        self.new_customer_button.setEnabled(self._form_factory is not None)
        self.detach_button = QPushButton(self.tr("Détacher"))
        customer_buttons = QHBoxLayout()
        for button in (self.search_customer_button, self.new_customer_button, self.detach_button):
            customer_buttons.addWidget(button)
        self.search_customer_button.clicked.connect(self.open_customer_search)
        self.new_customer_button.clicked.connect(self._on_new_customer_clicked)
        self.detach_button.clicked.connect(self.detach_customer)

        self.ticket_view = TicketView()
        self.ticket_view.quantity_edited.connect(self._on_ticket_view_quantity_edited)
        self.remove_line_button = QPushButton(self.tr("Supprimer la ligne"))
        self.remove_line_button.clicked.connect(self._on_remove_line_clicked)
        self.clear_button = QPushButton(self.tr("Vider le ticket"))
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.pay_button = QPushButton(self.tr("Encaisser"))
        self.pay_button.setStyleSheet("font-weight: bold; padding: 10px")
        self.pay_button.clicked.connect(self.open_payment)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.remove_line_button)
        actions.addWidget(self.clear_button)
        actions.addStretch(1)
        actions.addWidget(self.pay_button)

        # The till's keys (docs/register.md): the code field keeps the focus, F-keys act.
        for key, button in (
            ("F2", self.search_customer_button),
            ("F3", self.new_customer_button),
            ("F4", self.detach_button),
            ("F8", self.remove_line_button),
            ("F9", self.clear_button),
            ("F12", self.pay_button),
        ):
            key_for(button, key, self)

        right = QVBoxLayout()
        right.addWidget(self.customer_label)
        right.addLayout(customer_buttons)
        right.addWidget(self.ticket_view, 1)
        right.addLayout(actions)
        right.addWidget(self.message_label)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    # ---- public API (also used by the scanner) ------------------------------------------

    @property
    def ticket(self) -> Ticket:
        return self._ticket

    def show_message(self, text: str) -> None:
        """Tell the cashier something (in the pane, until the next message)."""
        self.message_label.setText(text)
        self.message_shown.emit(text)

    def add_item_by_code(self, code: str) -> bool:
        """Put the item with this code on the ticket; False when no item has that code."""
        item = self._items_by_code.get(code.strip())
        if item is None:
            return False
        self.add_item(item)
        return True

    def add_item(self, item: Item, quantity: int = 1) -> None:
        try:
            self._set_ticket(self._ticket.add(item.ticket_line(quantity)))
        except PosError as exc:
            self.show_message(exc.message())

    def attach_customer(self, customer_id: int) -> None:
        """Put this customer on the ticket (replacing another one, and saying so)."""

        def work() -> InvoicedCustomer | None:
            with self._db.reader() as uow:
                return ticket_customer(uow, customer_id)

        def done(customer: InvoicedCustomer | None) -> None:
            if customer is None:
                self.show_message(
                    self.tr("Ce client n'existe plus (supprimé depuis une autre caisse ?).")
                )
            else:
                self._put_customer(customer)

        self._tasks.run(work, done, self._on_task_failed)

    def attach_customer_by_reference(self, code: str) -> None:
        """Attach the customer whose loyalty-card reference is `code`, or say there is none."""

        def work() -> InvoicedCustomer | None:
            with self._db.reader() as uow:
                return ticket_customer_by_reference(uow, code)

        def done(customer: InvoicedCustomer | None) -> None:
            if customer is None:
                self.show_message(self.tr("Aucun client avec la référence %1.").replace("%1", code))
            else:
                self._put_customer(customer)

        self._tasks.run(work, done, self._on_task_failed)

    def detach_customer(self) -> None:
        """Take the customer off the ticket (their discount goes with them)."""
        if self._ticket.customer is None:
            return
        name = self._ticket.customer.full_name
        self._set_ticket(self._ticket.with_customer(None))
        self.customer_changed.emit(None)
        self.show_message(self.tr("%1 n'est plus sur le ticket.").replace("%1", name))

    def reload_items(self) -> None:
        """Reload the catalogue (item grid and codes) from the database."""

        def work() -> list[Item]:
            with self._db.reader() as uow:
                return items.list_items(uow)

        self._tasks.run(work, self._show_items, self._on_task_failed)

    def open_customer_search(self) -> CustomerSearchPopup:
        popup = CustomerSearchPopup(self._db, self._tasks, self)
        popup.customer_chosen.connect(self.attach_customer)
        popup.finished.connect(self._back_to_code_field)
        self.search_popup = popup
        popup.open()
        popup.field.setFocus()
        return popup

    def open_items(self) -> ItemsDialog:
        """The catalogue dialog; the grid reloads when the catalogue changes."""
        dialog = ItemsDialog(self._db, self._tasks, self)
        dialog.catalogue_changed.connect(self.reload_items)
        self.items_dialog = dialog
        dialog.open()
        return dialog

    def open_payment(self) -> PaymentDialog | None:
        if not self._ticket.lines:
            self.show_message(self.tr("Le ticket est vide."))
            return None
        dialog = PaymentDialog(self._ticket.priced().total_cents, self)
        dialog.accepted.connect(lambda: self._checkout(list(dialog.tenders)))
        dialog.finished.connect(self._back_to_code_field)
        self.payment_dialog = dialog
        dialog.open()
        return dialog

    def clear_ticket(self) -> None:
        """Start a new, empty ticket (no confirmation: see the Vider le ticket button)."""
        had_customer = self._ticket.customer is not None
        self._set_ticket(Ticket())
        if had_customer:
            self.customer_changed.emit(None)

    # ---- internals ----------------------------------------------------------------------

    def _back_to_code_field(self) -> None:
        """After a dialog, the keys go to the code field again (the next scan, F12…)."""
        self.activateWindow()
        self.code_field.setFocus()

    def _set_ticket(self, ticket: Ticket) -> None:
        self._ticket = ticket
        self._render()

    def _put_customer(self, customer: InvoicedCustomer) -> None:
        previous = self._ticket.customer
        self._set_ticket(self._ticket.with_customer(customer))
        self.customer_changed.emit(customer)
        if previous is not None and previous.customer_id != customer.customer_id:
            self.show_message(
                self.tr("%1 remplace %2 sur le ticket.")
                .replace("%1", customer.full_name)
                .replace("%2", previous.full_name)
            )
        else:
            self.show_message(self.tr("%1 est sur le ticket.").replace("%1", customer.full_name))

    def _render(self) -> None:
        priced = self._ticket.priced()
        self.ticket_view.show_ticket(priced)
        customer = self._ticket.customer
        if customer is None:
            self.customer_label.setText(self.tr("Aucun client sur le ticket"))
        else:
            parts = [f"<b>{_escape(customer.full_name)}</b>"]
            if customer.group:
                group = self.tr("Groupe %1").replace("%1", _escape(customer.group))
                if customer.group_discount_bp:
                    group += " — " + _escape(self._discount_text(customer.group_discount_bp))
                parts.append(group)
            if customer.reference:
                parts.append(self.tr("Réf. %1").replace("%1", _escape(customer.reference)))
            self.customer_label.setText("<br>".join(parts))
        self.detach_button.setEnabled(customer is not None)
        has_lines = bool(self._ticket.lines)
        self.pay_button.setEnabled(has_lines)
        self.clear_button.setEnabled(has_lines or customer is not None)
        self.remove_line_button.setEnabled(has_lines)
        self.ticket_changed.emit()

    def _discount_text(self, bp: int) -> str:
        return self.tr("remise %1").replace("%1", percent_bp(bp))

    def _show_items(self, catalogue: list[Item]) -> None:
        self._items_by_code = {i.code: i for i in catalogue if i.code}
        old_pages = [self.categories.widget(i) for i in range(self.categories.count())]
        self.categories.clear()
        for page in old_pages:
            if page is not None:
                page.deleteLater()
        by_category: dict[str, list[Item]] = {}
        for item in catalogue:
            by_category.setdefault(item.category or self.tr("Divers"), []).append(item)
        for category, members in by_category.items():
            page = QWidget()
            grid = QGridLayout(page)
            for index, item in enumerate(members):
                button = QPushButton(f"{as_typed(item.name)}\n{money(item.price_cents)}")
                button.setObjectName(f"item-{item.id}")
                button.setMinimumHeight(56)
                # A touch puts the item on the ticket and leaves the keys with the code field.
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(lambda _checked=False, it=item: self.add_item(it))
                grid.addWidget(button, index // GRID_COLUMNS, index % GRID_COLUMNS)
            grid.setRowStretch(len(members) // GRID_COLUMNS + 1, 1)
            scroll = QScrollArea()
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.categories.addTab(scroll, as_typed(category))
        if not catalogue:
            hint = QLabel(
                self.tr(
                    "Aucun article pour l'instant : ajoutez-en avec « Articles… », "
                    "ou scannez un code-barres connu."
                )
            )
            hint.setObjectName("noItemsHint")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            hint.setWordWrap(True)
            self.categories.addTab(hint, self.tr("Articles"))
        self.items_loaded.emit(len(catalogue))

    def item_button(self, item_name: str) -> QPushButton | None:
        """The grid button of an item (tests and keyboard navigation)."""
        for i in range(self.categories.count()):
            page = self.categories.widget(i)
            for button in page.findChildren(QPushButton) if page is not None else []:
                if button.text().split("\n", 1)[0] == as_typed(item_name):
                    return button
        return None

    def _on_code_field_entered(self) -> None:
        text = self.code_field.text().strip()
        if not text:
            return
        self.code_field.clear()
        if self.add_item_by_code(text):
            return

        def work() -> tuple[InvoicedCustomer | None, list[Item]]:
            with self._db.reader() as uow:
                found = ticket_customer_by_reference(uow, text)
                if found is not None:
                    return found, []
                return None, items.search_items(uow, text)

        self._tasks.run(work, lambda result: self._on_code_looked_up(text, *result))

    def _on_code_looked_up(
        self, text: str, customer: InvoicedCustomer | None, found: list[Item]
    ) -> None:
        if customer is not None:
            self._put_customer(customer)
        elif len(found) == 1:
            self.add_item(found[0])
        elif found:
            menu = QMenu(self)
            for item in found:
                action = menu.addAction(f"{as_typed(item.name)} — {money(item.price_cents)}")
                action.triggered.connect(lambda _c=False, it=item: self.add_item(it))
            menu.popup(self.code_field.mapToGlobal(self.code_field.rect().bottomLeft()))
        else:
            self.show_message(self.tr("Aucun article ni client pour « %1 ».").replace("%1", text))

    def _on_ticket_view_quantity_edited(self, index: int, text: str) -> None:
        try:
            quantity = int(text.strip())
            ticket = self._ticket.set_quantity(index, quantity)
        except ValueError:
            self.show_message(self.tr("Quantité invalide : %1").replace("%1", text))
            self.ticket_view.forget_lines()
            self._render()
            return
        except PosError as exc:
            self.show_message(exc.message())
            self.ticket_view.forget_lines()
            self._render()
            return
        self._set_ticket(ticket)

    def _on_remove_line_clicked(self) -> None:
        row = self.ticket_view.current_line()
        if row is None and self._ticket.lines:
            row = len(self._ticket.lines) - 1
        if row is not None:
            self._set_ticket(self._ticket.remove(row))

    def _on_clear_clicked(self) -> None:
        if not self._ticket.lines:
            self.clear_ticket()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Vider le ticket"),
            self.tr("Vider le ticket en cours ? Ses lignes seront perdues."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Vider"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Garder"))
        box.accepted.connect(self.clear_ticket)
        self.clear_confirmation = box
        box.open()

    def _on_new_customer_clicked(self) -> None:
        if self._form_factory is not None:
            self._form_factory(self, self.attach_customer)

    def _checkout(self, tenders: list[Tender]) -> None:
        ticket = self._ticket

        def work() -> IssuedInvoice:
            with self._db.uow() as uow:
                return checkout.checkout(
                    uow,
                    ticket,
                    tenders,
                    till=self._till,
                    cashier=self._cashier,
                    options=self._sale_options,
                )

        self.pay_button.setEnabled(False)
        self._tasks.run(work, self._on_sale_done, self._on_sale_failed)

    def _on_sale_done(self, invoice: IssuedInvoice) -> None:
        change = sum(p.change_cents for p in invoice.payments)
        self.clear_ticket()
        text = self.tr("Vente enregistrée : facture %1.").replace("%1", invoice.number)
        if change:
            text += " " + self.tr("Rendu : %1").replace("%1", money(change))
        self.show_message(text)
        self.sale_completed.emit(invoice)

    def _on_sale_failed(self, exc: BaseException) -> None:
        self._render()
        self._on_task_failed(exc)

    def _on_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosError):
            self.show_message(exc.message())
        else:
            self.show_message(self.tr("Erreur inattendue : %1").replace("%1", str(exc)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
