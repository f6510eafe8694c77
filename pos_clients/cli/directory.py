"""`pos-clients search`, `customers show|delete` and `groups list|add|delete`.

Exit status: 0 done, 1 refused or not found (the message says why, in the user's language),
2 wrong usage (argparse, or a deletion without `--yes`).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pos_clients import customers, groups
from pos_clients.cli.common import USAGE_ERROR, open_db, print_json, say
from pos_clients.customer_fields import format_phone
from pos_clients.customers import Customer
from pos_clients.data import customer_search
from pos_clients.data.database import UnitOfWork
from pos_clients.errors import NotFoundError, ValidationError
from pos_clients.formatting import percent_bp
from pos_clients.groups import CustomerGroup
from pos_clients.i18n import Text, current_language

_CONFIRM = Text(
    "Suppression définitive : ajoutez --yes pour confirmer.",
    "Deletion is final: add --yes to confirm.",
)


def register(subparsers: Any) -> None:
    search = subparsers.add_parser(
        "search", help="chercher dans le répertoire / search the directory"
    )
    search.add_argument(
        "text",
        metavar="TEXTE",
        help="texte cherché ; s'il commence par « - » : search -- -dup / the text to look for; "
        "one starting with '-': search -- -dup",
    )
    search.add_argument("--limit", type=int, default=customer_search.PAGE_SIZE, metavar="N")
    search.add_argument("--json", action="store_true", help="sortie JSON / JSON output")
    search.set_defaults(handler=run_search)

    cust = subparsers.add_parser("customers", help="un client / one customer")
    cust_sub = cust.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = cust_sub.add_parser("show", help="afficher un client / show a customer")
    show.add_argument("ref_or_id", metavar="REF_OU_ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    delete = cust_sub.add_parser("delete", help="supprimer un client / delete a customer")
    delete.add_argument("ref_or_id", metavar="REF_OU_ID")
    delete.add_argument("--yes", action="store_true", help="confirmer / confirm")
    delete.set_defaults(handler=run_delete)

    grp = subparsers.add_parser("groups", help="groupes client / customer groups")
    grp_sub = grp.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = grp_sub.add_parser("list", help="lister les groupes / list the groups")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_groups_list)
    add = grp_sub.add_parser("add", help="créer un groupe / create a group")
    add.add_argument("name", metavar="NOM")
    add.add_argument("--discount", default="0", metavar="POURCENT")
    add.set_defaults(handler=run_groups_add)
    gdel = grp_sub.add_parser("delete", help="supprimer un groupe / delete a group")
    gdel.add_argument("name", metavar="NOM")
    gdel.add_argument("--move-to", metavar="AUTRE", help="déplacer ses membres / move members")
    gdel.add_argument("--yes", action="store_true", help="confirmer / confirm")
    gdel.set_defaults(handler=run_groups_delete)


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        say(Text("--limit : au moins 1.", "--limit: at least 1."), error=True)
        return USAGE_ERROR
    db = open_db(args)
    try:
        with db.reader() as uow:
            page = customer_search.search(uow, args.text, limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        print_json(
            [
                {
                    "id": item.id,
                    "kind": item.kind,
                    "display_name": item.display_name,
                    "email": item.email,
                    "phone": item.phone or item.mobile,
                    "postcode": item.postcode,
                    "city": item.city,
                    "reference": item.reference,
                    "group": item.group_name,
                }
                for item in page.items
            ]
        )
        return 0
    for item in page.items:
        phone = format_phone(item.phone or item.mobile)
        place = " ".join(p for p in (item.postcode, item.city) if p)
        extra = "  ".join(p for p in (item.email or "", phone, place, item.reference or "") if p)
        print(f"{item.id:>8}  {item.display_name}  {extra}".rstrip())
    if not page.items:
        say(Text("Aucun client trouvé.", "No customer found."), error=True)
    return 0


def find_customer(uow: UnitOfWork, ref_or_id: str) -> Customer:
    """The customer whose reference is `ref_or_id`, else whose id it is. Raises NotFoundError."""
    found = customers.find_by_reference(uow, ref_or_id)
    if found is not None:
        return found
    text = ref_or_id.strip()
    if text.isdigit() and len(text) < 12:
        try:
            return customers.get_customer(uow, int(text))
        except NotFoundError:
            pass
    raise NotFoundError(
        Text(
            f"Aucun client n'a la référence ou le numéro « {text} ».",
            f"No customer has the reference or id “{text}”.",
        )
    )


def customer_json(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "display_name": c.display_name,
        "civility": c.civility,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "company_name": c.company_name,
        "legal_form": c.legal_form,
        "siret": c.siret,
        "vat_number": c.vat_number,
        "contact_name": c.contact_name,
        "email": c.email,
        "phone": c.phone,
        "mobile": c.mobile,
        "address_line1": c.address_line1,
        "address_line2": c.address_line2,
        "postcode": c.postcode,
        "city": c.city,
        "country": c.country,
        "reference": c.reference,
        "account_number": c.account_number,
        "group": c.group_name,
        "group_discount_bp": c.group_discount_bp,
        "notes": c.notes,
        "birthday": c.birthday.isoformat() if c.birthday else None,
        "consents": {
            k.channel: {
                "granted": k.granted,
                "recorded_at": k.recorded_at.isoformat(),
                "source": k.source,
            }
            for k in c.consents
        },
        "created_at": c.created_at.isoformat(),
        "updated_at": c.updated_at.isoformat(),
    }


def _show_lines(c: Customer) -> list[tuple[Text, str]]:
    lines = [
        (Text("Client", "Customer"), f"{c.full_name} (n° {c.id})"),
        (
            Text("Type", "Kind"),
            str(
                Text("personne morale", "company")
                if c.is_company
                else Text("personne physique", "person")
            ),
        ),
        (Text("Forme juridique", "Legal form"), c.legal_form),
        (Text("SIRET", "SIRET"), c.siret),
        (Text("N° TVA intracommunautaire", "Intra-EU VAT number"), c.vat_number),
        (Text("Contact", "Contact"), c.contact_name),
        (Text("E-mail", "Email"), c.email or ""),
        (Text("Téléphone", "Phone"), format_phone(c.phone)),
        (Text("Mobile", "Mobile"), format_phone(c.mobile)),
        (Text("Adresse", "Address"), c.address_line1),
        (Text("Complément d'adresse", "Address line 2"), c.address_line2),
        (Text("Ville", "City"), " ".join(p for p in (c.postcode, c.city) if p)),
        (Text("Pays", "Country"), c.country),
        (Text("Référence", "Reference"), c.reference or ""),
        (Text("N° de compte", "Account number"), c.account_number or ""),
        (
            Text("Groupe", "Group"),
            f"{c.group_name} ({percent_bp(c.group_discount_bp)})" if c.group_name else "",
        ),
        (Text("Date de naissance", "Birthday"), _day(c.birthday)),
        (Text("Notes", "Notes"), c.notes),
    ]
    return [(label, value) for label, value in lines if value]


def run_show(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.reader() as uow:
            customer = find_customer(uow, args.ref_or_id)
    finally:
        db.dispose()
    if args.json:
        print_json(customer_json(customer))
        return 0
    french = current_language() == "fr"
    for label, value in _show_lines(customer):
        # French puts a space before the colon (« Client : »), English does not.
        print(f"{label} : {value}" if french else f"{label}: {value}")
    return 0


def _day(day: date | None) -> str:
    """A date as the user writes it: 14/07/1985 in French, 1985-07-14 otherwise."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y") if current_language() == "fr" else day.isoformat()


def run_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        say(_CONFIRM, error=True)
        return USAGE_ERROR
    db = open_db(args)
    try:
        with db.uow() as uow:
            removed = customers.delete_customer(uow, find_customer(uow, args.ref_or_id).id)
    finally:
        db.dispose()
    say(
        Text(
            f"Client supprimé : {removed.full_name} (n° {removed.id}).",
            f"Customer deleted: {removed.full_name} (id {removed.id}).",
        )
    )
    return 0


def group_json(g: CustomerGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "name": g.name,
        "discount_bp": g.discount_bp,
        "discount": percent_bp(g.discount_bp),
        "member_count": g.member_count,
    }


def run_groups_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.reader() as uow:
            found = groups.list_groups(uow)
    finally:
        db.dispose()
    if args.json:
        print_json([group_json(g) for g in found])
        return 0
    for g in found:
        members = Text(f"{g.member_count} client(s)", f"{g.member_count} customer(s)")
        print(f"{g.name}\t{percent_bp(g.discount_bp)}\t{members}")
    if not found:
        say(Text("Aucun groupe client.", "No customer group."), error=True)
    return 0


def _group_named(uow: UnitOfWork, name: str) -> CustomerGroup:
    found = groups.find_group(uow, name)
    if found is None:
        raise NotFoundError(
            Text(f"Aucun groupe client nommé « {name} ».", f"No customer group named “{name}”.")
        )
    return found


def run_groups_add(args: argparse.Namespace) -> int:
    discount = groups.clean_discount(args.discount)
    db = open_db(args)
    try:
        with db.uow() as uow:
            made = groups.create_group(uow, args.name, discount)
    finally:
        db.dispose()
    say(
        Text(
            f"Groupe créé : {made.name} (remise {percent_bp(made.discount_bp, 'fr')}).",
            f"Group created: {made.name} (discount {percent_bp(made.discount_bp, 'en')}).",
        )
    )
    return 0


def run_groups_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        say(_CONFIRM, error=True)
        return USAGE_ERROR
    db = open_db(args)
    try:
        with db.uow() as uow:
            group = _group_named(uow, args.name)
            target: int | bool = False
            if args.move_to is not None:
                other = _group_named(uow, args.move_to)
                if other.id == group.id:
                    raise ValidationError(
                        {"move_to": Text("Choisissez un autre groupe.", "Choose another group.")}
                    )
                target = other.id
            removed = groups.delete_group(uow, group.id, move_members_to=target)
    finally:
        db.dispose()
    if removed.member_count and args.move_to is not None:
        say(
            Text(
                f"{removed.member_count} client(s) déplacé(s) vers « {args.move_to} ».",
                f"{removed.member_count} customer(s) moved to “{args.move_to}”.",
            )
        )
    say(Text(f"Groupe supprimé : {removed.name}.", f"Group deleted: {removed.name}."))
    return 0
