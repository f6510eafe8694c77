"""The directory as a Qt item model: customer ids in name order, and a small cache of pages.

No proxy model and no full load: the model asks `customer_search.search` for pages of 50 by
key (`after=` the last row of the previous page), on the task runner. It keeps every id it has
seen (an array of 8-byte integers) and where each page starts, so a page that left the cache
is fetched again by its key when it scrolls back into view. A search sent for an older
keystroke is dropped when it comes back.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pos_clients import customers
from pos_clients.customer_fields import format_phone
from pos_clients.data.customer_search import Cursor, CustomerListItem, count, search
from pos_clients.data.database import Database
from pos_clients.ui import icons
from pos_clients.ui.tasks import TaskRunner

PAGE_SIZE = 50
CACHED_PAGES = 24
COUNT_CAP = 10_000
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SERVED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.UserRole,
    )
)


@dataclass(frozen=True, slots=True)
class _FirstPage:
    items: tuple[CustomerListItem, ...]
    next_cursor: Cursor | None


class DirectoryModel(QAbstractTableModel):
    """Customers matching the current search, by name; one row per customer.

    Signals:
        search_finished(): the first page of the current search is in the model.
        count_changed(int, bool): how many customers match, and whether that is a floor.
        failed(object): a query failed (the exception, for the error display).
    """

    search_finished = Signal()
    count_changed = Signal(int, bool)
    failed = Signal(object)

    NAME, EMAIL, PHONE, PLACE, GROUP, REFERENCE, DELETE = range(7)

    def __init__(self, db: Database, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._query = ""
        self._group_id: int | None = None
        self._generation = 0
        # What the rows show now; a newer search may be on its way (the fields above).
        self._shown: tuple[int, str, int | None] = (0, "", None)
        self._count = 0
        self._count_capped = False
        self._clear()

    # --- state ---------------------------------------------------------------------------

    def _clear(self) -> None:
        self._ids = array("q")
        self._page_starts: list[int] = []
        self._page_after: list[Cursor | None] = []
        self._page_len: list[int] = []
        self._cache: OrderedDict[int, dict[int, CustomerListItem]] = OrderedDict()
        self._loading_pages: set[int] = set()
        self._next_cursor: Cursor | None = None
        self._fetching_more = False

    @property
    def query(self) -> str:
        return self._query

    @property
    def group_id(self) -> int | None:
        return self._group_id

    @property
    def match_count(self) -> int:
        return self._count

    @property
    def cached_rows(self) -> int:
        return sum(len(page) for page in self._cache.values())

    def _append_page(self, after: Cursor | None, items: tuple[CustomerListItem, ...]) -> None:
        page = len(self._page_starts)
        self._page_starts.append(len(self._ids))
        self._page_after.append(after)
        self._page_len.append(len(items))
        self._ids.extend(item.id for item in items)
        self._store(page, {item.id: item for item in items})

    def _store(self, page: int, items: dict[int, CustomerListItem]) -> None:
        self._cache[page] = items
        self._cache.move_to_end(page)
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)

    def _page_of(self, row: int) -> int:
        return bisect_right(self._page_starts, row) - 1

    # --- searching -----------------------------------------------------------------------

    def set_query(self, text: str, group_id: int | None = None) -> None:
        """Search again: the rows are replaced when the first page of this search is in."""
        self._query, self._group_id = text, group_id
        self._generation += 1
        generation = self._generation

        def first_page() -> _FirstPage | None:
            if generation != self._generation:
                return None  # a newer keystroke is already queued
            with self._db.reader() as uow:
                page = search(uow, text, limit=PAGE_SIZE, group_id=group_id)
            return _FirstPage(page.items, page.next_cursor)

        self._runner.run(
            first_page,
            lambda page: self._on_first_page(generation, page),
            self._on_failed,
            owner=self,
        )

    def refresh(self) -> None:
        """Run the current search again (after a customer was created or imported)."""
        self.set_query(self._query, self._group_id)

    def _on_first_page(self, generation: int, page: _FirstPage | None) -> None:
        if page is None or generation != self._generation:
            return
        self.beginResetModel()
        self._shown = (generation, self._query, self._group_id)
        self._clear()
        self._append_page(None, page.items)
        self._next_cursor = page.next_cursor
        self.endResetModel()
        if page.next_cursor is None:
            self._set_count(len(page.items), False)
        else:
            self._count_matches(generation)
        self.search_finished.emit()

    def _count_matches(self, generation: int) -> None:
        text, group_id = self._query, self._group_id

        def counting() -> int | None:
            if generation != self._generation:
                return None
            with self._db.reader() as uow:
                if not text.strip() and group_id is None:
                    return customers.count_customers(uow)
                return count(uow, text, cap=COUNT_CAP, group_id=group_id)

        def done(found: int | None) -> None:
            if found is not None and generation == self._generation:
                self._set_count(min(found, COUNT_CAP), found > COUNT_CAP)

        # On the side runner: a count of a million rows never delays the next page.
        self._runner.side().run(counting, done, self._on_failed, owner=self)

    def _set_count(self, found: int, capped: bool) -> None:
        self._count, self._count_capped = found, capped
        self.count_changed.emit(found, capped)

    def _on_failed(self, exc: BaseException) -> None:
        self._fetching_more = False
        self._loading_pages.clear()
        self.failed.emit(exc)

    # --- fetching on demand --------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._next_cursor is not None

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._next_cursor is None or self._fetching_more:
            return
        self._fetching_more = True
        (generation, text, group_id), after = self._shown, self._next_cursor

        def next_page() -> _FirstPage:
            with self._db.reader() as uow:
                page = search(uow, text, after=after, limit=PAGE_SIZE, group_id=group_id)
            return _FirstPage(page.items, page.next_cursor)

        def done(page: _FirstPage) -> None:
            self._fetching_more = False
            if generation != self._shown[0]:
                return
            # The view may ask for the next page while the rows go in: give it the new key.
            self._next_cursor = page.next_cursor
            if page.items:
                first = len(self._ids)
                self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
                self._append_page(after, page.items)
                self.endInsertRows()

        self._runner.run(next_page, done, self._on_failed, owner=self)

    def _load_page(self, page: int) -> None:
        """Fetch again a page that left the cache; its rows repaint when it is in."""
        if page in self._loading_pages or self._page_len[page] == 0:
            return
        self._loading_pages.add(page)
        generation, text, group_id = self._shown
        after, length = self._page_after[page], self._page_len[page]

        def reload() -> dict[int, CustomerListItem]:
            with self._db.reader() as uow:
                found = search(uow, text, after=after, limit=length, group_id=group_id)
            return {item.id: item for item in found.items}

        def done(items: dict[int, CustomerListItem]) -> None:
            self._loading_pages.discard(page)
            if generation != self._shown[0]:
                return
            self._store(page, items)
            first = self._page_starts[page]
            last = first + self._page_len[page] - 1
            if last >= first:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(last, self.columnCount() - 1)
                )

        self._runner.run(reload, done, self._on_failed, owner=self)

    # --- reading rows --------------------------------------------------------------------

    def item_at(self, row: int) -> CustomerListItem | None:
        """The customer shown on `row`, if its page is loaded (else it is asked for)."""
        if not 0 <= row < len(self._ids):
            return None
        page = self._page_of(row)
        items = self._cache.get(page)
        if items is None:
            self._load_page(page)
            return None
        self._cache.move_to_end(page)
        return items.get(self._ids[row])

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: int) -> int | None:
        try:
            return self._ids.index(customer_id)
        except ValueError:
            return None

    # --- changes made by this window -----------------------------------------------------

    def remove_customer(self, customer_id: int) -> None:
        """A customer was deleted: take its row out and lower the count, now."""
        row = self.row_of(customer_id)
        if row is not None:
            page = self._page_of(row)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._page_len[page] -= 1
            for later in range(page + 1, len(self._page_starts)):
                self._page_starts[later] -= 1
            self._cache.get(page, {}).pop(customer_id, None)
            self.endRemoveRows()
        if self._count > 0:
            self._set_count(self._count - 1, self._count_capped)

    def replace_customer(self, item: CustomerListItem) -> None:
        """A customer was edited: repaint its row with the new values (it keeps its place)."""
        row = self.row_of(item.id)
        if row is None:
            return
        page = self._page_of(row)
        if page in self._cache:
            self._cache[page][item.id] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Nom"),
                self.tr("E-mail"),
                self.tr("Téléphone"),
                self.tr("Code postal et ville"),
                self.tr("Groupe"),
                self.tr("Référence"),
                "",
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.DELETE:
            return self.tr("Supprimer un client (Suppr)")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks for a dozen roles per cell: answer the ones not served at once.
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._ids):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if column == self.DELETE:
            if role == Qt.ItemDataRole.DecorationRole:
                return icons.trash()
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Supprimer ce client (Suppr)")
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("Supprimer")
            return None
        item = self.item_at(index.row())
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole and column == self.NAME:
                return "…"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return icons.company() if item.kind == "company" else icons.person()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            if item.kind == "company":
                return self.tr("Personne morale")
            return self.tr("Personne physique")
        return None

    @staticmethod
    def _text(item: CustomerListItem, column: int) -> str:
        if column == DirectoryModel.NAME:
            return item.display_name
        if column == DirectoryModel.EMAIL:
            return item.email or ""
        if column == DirectoryModel.PHONE:
            return format_phone(item.phone or item.mobile)
        if column == DirectoryModel.PLACE:
            return " ".join(p for p in (item.postcode, item.city) if p)
        if column == DirectoryModel.GROUP:
            return item.group_name or ""
        if column == DirectoryModel.REFERENCE:
            return item.reference or ""
        return ""


def list_item(customer: customers.Customer) -> CustomerListItem:
    """The directory row of a customer just saved."""
    return CustomerListItem(
        id=customer.id,
        kind=customer.kind,
        display_name=customer.display_name,
        email=customer.email,
        phone=customer.phone,
        mobile=customer.mobile,
        postcode=customer.postcode,
        city=customer.city,
        reference=customer.reference,
        group_name=customer.group_name,
        sort_key="",
    )
