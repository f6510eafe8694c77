"""The `demo` part that adds a café-boulangerie's items and N past sales (`--invoices N`)."""

from __future__ import annotations

import argparse

from pos_clients.data.database import Database
from pos_clients.demo import Progress
from pos_clients.demo.invoices import make_demo_invoices
from pos_clients.demo.items import make_demo_items
from pos_clients.i18n import Text
from pos_clients.shop_settings import ShopSettings, load_shop_settings, save_shop_settings

# A plausible shop for the receipts and invoices of the demo (valid SIRET and VAT number).
DEMO_SHOP = ShopSettings(
    name="Boulangerie du Marais",
    address_line1="12 rue des Rosiers",
    postcode="75004",
    city="Paris",
    phone="01 42 72 00 00",
    email="contact@boulangerie-du-marais.fr",
    siret="73282932000074",
    vat_number="FR44732829320",
    legal_form="SARL",
    share_capital="10 000 €",
    rcs="RCS Paris 732 829 320",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--invoices",
        type=int,
        default=0,
        metavar="N",
        help="nombre de ventes passées (défaut 0) / number of past sales",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=30,
        metavar="N",
        help="ventes réparties sur N jours passés (défaut 30) / spread over N past days",
    )


def fill(db: Database, args: argparse.Namespace, progress: Progress | None) -> Text | None:
    with db.uow() as uow:
        if load_shop_settings(uow) == ShopSettings():
            save_shop_settings(uow, DEMO_SHOP)
    added = make_demo_items(db)
    made = 0
    if args.invoices > 0:

        def step(done: int) -> None:
            if progress is not None:
                progress(done, args.invoices)

        made = make_demo_invoices(db, args.invoices, days=args.days, progress=step)
    return Text(
        f"{added} articles ajoutés, {made} ventes passées enregistrées.",
        f"{added} items added, {made} past sales recorded.",
    )
