"""The Historique view: find invoices, see one as issued, credit note, closings, verify."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_clients import customers
from pos_clients.data.database import Database
from pos_clients.ui.history import HistoryView
from pos_clients.ui.tasks import SyncTaskRunner
from tests.helpers.factories import group, person
from tests.helpers.register_sales import item, sale


@pytest.fixture
def history(sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot) -> HistoryView:
    vip = group(sqlite_db, "VIP", 1000)
    zoe = person(sqlite_db, "Lefèvre", "Zoë", group_id=vip.id, city="Paris")
    bread = item(sqlite_db, "Baguette", "1,20")
    sale(sqlite_db, [(bread, 5)], zoe, at=datetime(2026, 3, 2, 9, 0))
    sale(sqlite_db, [(bread, 1)], at=datetime(2026, 3, 3, 9, 0), method="cash")
    with sqlite_db.uow() as uow:
        customers.delete_customer(uow, zoe.id)  # the history keeps her as invoiced
    view = HistoryView(sqlite_db, sync_tasks, till="Caisse 1", cashier="Léa")
    qtbot.addWidget(view)
    return view


def test_find_by_customer_as_invoiced_and_show_it_as_issued(
    history: HistoryView, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(history.invoices_shown) as shown:
        history.show()
    assert shown.args == [2]
    history.customer_field.setText("lefe")
    with qtbot.waitSignal(history.invoice_shown) as displayed:
        qtbot.keyClick(history.customer_field, Qt.Key.Key_Return)
    assert history.table.rowCount() == 1
    assert history.table.item(0, 2).text() == "Zoë Lefèvre"
    invoice = displayed.args[0]
    text = history.detail.toPlainText().replace("\xa0", " ")
    assert invoice.number in text and "Remise VIP −10 %" in text and "5,40 €" in text
    assert "Client : Zoë Lefèvre" in text
    assert history.credit_button.isEnabled()


def test_credit_note_action_asks_then_cancels_the_invoice(
    history: HistoryView, qtbot: QtBot
) -> None:
    history.show()
    history.number_field.setText("F2026-000001")
    qtbot.keyClick(history.number_field, Qt.Key.Key_Return)
    qtbot.mouseClick(history.credit_button, Qt.MouseButton.LeftButton)
    box = history.credit_confirmation
    assert box is not None
    assert [button.text().replace("&", "") for button in box.buttons()] == ["Oui", "Non"]
    with qtbot.waitSignal(history.credit_note_issued) as issued:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    credit = issued.args[0]
    assert credit.corrects == "F2026-000001" and credit.totals.total_cents == -540
    assert "Avoir A2026-000001" in history.message_label.text()
    history.number_field.clear()
    history.refresh()
    assert history.table.item(0, 0).text() == "A2026-000001 → F2026-000001"
    history.show_invoice("F2026-000001")
    assert "Annulée par l'avoir A2026-000001" in history.detail.toPlainText()
    assert not history.credit_button.isEnabled()


def test_closings_close_day_and_verify(history: HistoryView, qtbot: QtBot) -> None:
    history.show()
    assert history.closings_table.rowCount() == 1  # 2 March, closed at the sale of 3 March
    assert history.closings_table.item(0, 1).text() == "2026-03-02"
    with qtbot.waitSignal(history.closings_shown) as shown:
        qtbot.mouseClick(history.close_day_button, Qt.MouseButton.LeftButton)
    # The day of 3 March, and March itself (its month is over).
    assert shown.args == [3]
    assert history.closings_table.item(0, 1).text() == "2026-03"
    assert history.closings_table.item(0, 4).text().replace("\xa0", " ") == "6,60 €"
    assert history.closings_table.item(1, 1).text() == "2026-03-03"
    assert "Espèces 1,20" in history.closings_table.item(1, 5).text().replace("\xa0", " ")
    qtbot.mouseClick(history.verify_button, Qt.MouseButton.LeftButton)
    assert "Historique intact : 2 factures et 3 clôtures" in history.message_label.text()


def test_invoice_email_state_and_document_preview(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, qtbot: QtBot
) -> None:
    from pos_clients import sale_outputs
    from pos_clients.ui.document_preview import DocumentPreview

    sale_outputs.install()
    zoe = person(sqlite_db, "Lefèvre", "Zoë", email="zoe@example.fr")
    bread = item(sqlite_db, "Baguette", "1,20")
    sold = sale(sqlite_db, [(bread, 2)], zoe)
    view = HistoryView(sqlite_db, sync_tasks)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.invoice_shown):
        view.show()
    assert view.mail_label.text() == "E-mail à zoe@example.fr en attente d'envoi."
    assert view.preview_button.isEnabled()

    def previews() -> list[DocumentPreview]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DocumentPreview) and w.isVisible()
        ]

    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(previews()))
    preview = previews()[0]
    assert sold.number in preview.windowTitle() or sold.number in _all_text(preview)
    preview.close()


def _all_text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    texts = [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    return "\n".join(texts)
