"""The Qt part of the register benchmark: a code typed or scanned until the ticket shows it."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from pos_clients.data.database import Database


def attach_by_reference_times(db: Database, codes: Sequence[str]) -> list[float]:
    """Seconds from the code to the ticket updated (customer label, discount, totals)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from pos_clients.ui.register import RegisterPane
    from pos_clients.ui.tasks import SyncTaskRunner

    app = QApplication.instance() or QApplication([])
    tasks = SyncTaskRunner()
    pane = RegisterPane(db, tasks)
    pane.add_item_by_code(next(iter(pane._items_by_code), ""))
    samples = []
    for code in codes:
        start = time.perf_counter()
        pane.attach_customer_by_reference(code)
        samples.append(time.perf_counter() - start)
        assert pane.ticket.customer is not None and pane.ticket.customer.reference == code
    pane.deleteLater()
    app.processEvents()
    return samples
