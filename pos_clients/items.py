"""The item catalogue: what can go on a ticket (name, price incl. VAT, VAT rate, code, category).

Services take a unit of work and return frozen `Item`s. A code that looks like an EAN-13 or
EAN-8 (13 or 8 digits) must carry a right check digit (python-stdnum); any other code is free.
They raise ValidationError (with a message per field) and NotFoundError.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from stdnum import ean

from pos_clients.data.database import UnitOfWork
from pos_clients.data.register_tables import item_table
from pos_clients.errors import NotFoundError, ValidationError
from pos_clients.folding import fold
from pos_clients.i18n import Text
from pos_clients.tickets import VAT_RATES_BP, TicketLine

IT = item_table.c


@dataclass(frozen=True, slots=True)
class Item:
    id: int
    name: str
    price_cents: int  # including VAT
    vat_rate_bp: int
    code: str | None
    category: str
    needs_preparation: bool = False
    active: bool = True

    def ticket_line(self, quantity: int = 1) -> TicketLine:
        return TicketLine(
            name=self.name,
            quantity=quantity,
            unit_price_cents=self.price_cents,
            vat_rate_bp=self.vat_rate_bp,
            item_code=self.code or "",
            category=self.category,
            item_id=self.id,
            needs_preparation=self.needs_preparation,
        )


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """An item as typed: price as text (`1,20` or `1.20`), VAT rate as text (`5,5`)."""

    name: str
    price: str
    vat_rate: str
    code: str = ""
    category: str = ""
    needs_preparation: bool = False


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def parse_cents(text: str) -> int:
    """`1,20` / `1.20` / `1,20 €` → 120. Raises ValueError."""
    cleaned = text.replace("€", "").replace("\u202f", "").replace("\xa0", "").strip()
    cleaned = cleaned.replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    cents = value * 100
    if cents != cents.to_integral_value() or not value.is_finite():
        raise ValueError(text)
    return int(cents)


def clean_code(code: str) -> str | None:
    """An item code as stored, or None. Raises ValueError on an EAN with a wrong check digit."""
    code = code.strip()
    if not code:
        return None
    if code.isdigit() and len(code) in (8, 13) and not ean.is_valid(code):
        raise ValueError(code)
    return code


def clean(draft: ItemDraft) -> dict[str, Any]:
    """The columns to store for `draft`; raises ValidationError naming each wrong field."""
    errors: dict[str, Text] = {}
    name = " ".join(draft.name.split())
    if not name:
        errors["name"] = Text("Le nom de l'article est obligatoire.", "The item name is required.")
    elif len(name) > 120:
        errors["name"] = Text("Le nom est trop long (120 caractères au plus).", "Name too long.")
    price = 0
    try:
        price = parse_cents(draft.price)
        if price < 0:
            raise ValueError(draft.price)
    except ValueError:
        errors["price"] = Text(
            f"Prix invalide : « {draft.price} » (exemple : 1,20).",
            f"Invalid price: “{draft.price}” (for example 1.20).",
        )
    rate = 0
    try:
        rate = parse_cents(draft.vat_rate.replace("%", ""))
        if rate not in VAT_RATES_BP:
            raise ValueError(draft.vat_rate)
    except ValueError:
        errors["vat_rate"] = Text(
            f"Taux de TVA invalide : « {draft.vat_rate} » (20 ; 10 ; 5,5 ou 2,1).",
            f"Invalid VAT rate: “{draft.vat_rate}” (20, 10, 5.5 or 2.1).",
        )
    code: str | None = None
    try:
        code = clean_code(draft.code)
    except ValueError:
        errors["code"] = Text(
            f"Code-barres EAN invalide : « {draft.code} » (chiffre de contrôle faux).",
            f"Invalid EAN barcode: “{draft.code}” (wrong check digit).",
        )
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "name_folded": fold(name)[:120],
        "price_cents": price,
        "vat_rate_bp": rate,
        "code": code,
        "category": " ".join(draft.category.split())[:60],
        "needs_preparation": draft.needs_preparation,
    }


def _to_item(row: Any) -> Item:
    return Item(
        id=row.id,
        name=row.name,
        price_cents=row.price_cents,
        vat_rate_bp=row.vat_rate_bp,
        code=row.code,
        category=row.category,
        needs_preparation=bool(row.needs_preparation),
        active=bool(row.active),
    )


def _code_taken(code: str) -> ValidationError:
    return ValidationError(
        {
            "code": Text(
                f"Le code {code} appartient déjà à un autre article.",
                f"Code {code} already belongs to another item.",
            )
        }
    )


def add_item(uow: UnitOfWork, draft: ItemDraft) -> int:
    """Insert an item in the caller's transaction (no commit). Raises ValidationError."""
    values = clean(draft)
    if values["code"] and find_by_barcode(uow, values["code"]) is not None:
        raise _code_taken(values["code"])
    stamp = _now()
    item_id = uow.session.scalar(
        item_table.insert().values(created_at=stamp, updated_at=stamp, **values).returning(IT.id)
    )
    assert item_id is not None
    return int(item_id)


def create_item(uow: UnitOfWork, draft: ItemDraft) -> Item:
    """Create an item. Raises ValidationError."""
    try:
        item_id = add_item(uow, draft)
        uow.commit()
    except IntegrityError as exc:
        raise _code_taken(draft.code.strip()) from exc
    return get_item(uow, item_id)


def update_item(uow: UnitOfWork, item_id: int, draft: ItemDraft) -> Item:
    """Change an item (past invoices keep their own copy). Raises ValidationError, NotFoundError."""
    values = clean(draft)
    get_item(uow, item_id)
    holder = find_by_barcode(uow, values["code"]) if values["code"] else None
    if holder is not None and holder.id != item_id:
        raise _code_taken(values["code"])
    uow.session.execute(
        item_table.update().where(IT.id == item_id).values(updated_at=_now(), **values)
    )
    uow.commit()
    return get_item(uow, item_id)


def set_active(uow: UnitOfWork, item_id: int, active: bool) -> Item:
    """Withdraw an item from the register (or bring it back). Raises NotFoundError."""
    get_item(uow, item_id)
    uow.session.execute(item_table.update().where(IT.id == item_id).values(active=active))
    uow.commit()
    return get_item(uow, item_id)


def get_item(uow: UnitOfWork, item_id: int) -> Item:
    """Raises NotFoundError."""
    row = uow.session.execute(select(item_table).where(IT.id == item_id)).first()
    if row is None:
        raise NotFoundError(Text("Cet article n'existe plus.", "This item no longer exists."))
    return _to_item(row)


def find_by_barcode(uow: UnitOfWork, code: str) -> Item | None:
    """The active item whose code is `code` (spaces around it ignored), if any."""
    code = code.strip()
    if not code:
        return None
    row = uow.session.execute(
        select(item_table).where(IT.code == code, IT.active.is_(True))
    ).first()
    return _to_item(row) if row is not None else None


def list_items(uow: UnitOfWork, *, include_inactive: bool = False) -> list[Item]:
    """Every item, by category (in French order: « Épicerie » before « Pains ») then position
    then name."""
    stmt = select(item_table).order_by(IT.category, IT.position, IT.name_folded)
    if not include_inactive:
        stmt = stmt.where(IT.active.is_(True))
    found = [_to_item(row) for row in uow.session.execute(stmt)]
    # The engines compare text by code point (É after every unaccented letter): the shop's
    # categories, a few dozen, are put in order here; the sort keeps the order within each.
    return sorted(found, key=lambda item: fold(item.category))


def search_items(uow: UnitOfWork, text: str, *, limit: int = 20) -> list[Item]:
    """Active items whose code is `text` or whose name contains every word typed."""
    exact = find_by_barcode(uow, text)
    if exact is not None:
        return [exact]
    stmt = select(item_table).where(IT.active.is_(True))
    for word in fold(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(IT.name_folded.like(f"%{escaped}%", escape="\\"))
    stmt = stmt.order_by(IT.name_folded).limit(limit)
    return [_to_item(row) for row in uow.session.execute(stmt)]


def count_items(uow: UnitOfWork) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(item_table)) or 0)


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int
    errors: tuple[tuple[int, str], ...]  # (line number, message)


CSV_COLUMNS = ("name", "price", "vat_rate", "code", "category")


def import_csv(uow: UnitOfWork, text: str) -> ImportReport:
    """Import items from CSV (columns name;price;vat_rate;code;category, `;` or `,`).

    Every good row is stored, in one transaction; each bad row is reported with its line
    number and why, in the user's language.
    """
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=";,\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    created = 0
    errors: list[tuple[int, str]] = []
    for row in reader:
        line = reader.line_num
        cell = {key: (row.get(key) or "") for key in CSV_COLUMNS}
        draft = ItemDraft(
            cell["name"], cell["price"], cell["vat_rate"], cell["code"], cell["category"]
        )
        try:
            with uow.session.begin_nested():
                add_item(uow, draft)
            created += 1
        except ValidationError as exc:
            errors.append((line, "; ".join(str(t) for t in exc.fields.values())))
        except IntegrityError:
            errors.append((line, str(_code_taken(draft.code))))
    uow.commit()
    return ImportReport(created, tuple(errors))
