"""Demo data for a realistic French shop, made by parts that `pos-clients demo` runs in order.

Each module named in DEMO_PARTS has `add_arguments(parser)` (its options of the `demo`
command) and `fill(db, args, progress) -> Text | None` (does its part, returns a summary
line). Parts that need customers (invoices, say) come after `customers`.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Protocol, cast

from pos_clients.data.database import Database
from pos_clients.i18n import Text

DEMO_PARTS: tuple[str, ...] = ("pos_clients.demo.customers", "pos_clients.demo.sales")

Progress = Callable[[int, int], None]


class DemoPart(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def fill(
        self, db: Database, args: argparse.Namespace, progress: Progress | None
    ) -> Text | None: ...


def parts() -> list[DemoPart]:
    modules: list[ModuleType] = [importlib.import_module(name) for name in DEMO_PARTS]
    return [cast(DemoPart, m) for m in modules]
