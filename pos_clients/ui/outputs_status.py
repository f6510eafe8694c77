"""The print and mail workers of a running till, and what the status bar says about them.

`OutputWorkers` starts the print worker and the mail worker (plain threads) and hands their
reports back to the UI thread as signals; `OutputsStatus` is the status-bar label: tickets
waiting for a printer that does not answer, messages waiting or refused.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from pos_clients.data.database import Database
from pos_clients.mail.outbox import outbox_counts
from pos_clients.mail.worker import MailWorker, SendRound
from pos_clients.print_queue import QueueStatus, queue_status
from pos_clients.print_worker import PrintRound, PrintWorker
from pos_clients.ui.tasks import TaskRunner


class OutputWorkers(QObject):
    """Signals:
    print_round_done(object): a PrintRound, on the UI thread.
    mail_round_done(object): a SendRound, on the UI thread.
    """

    print_round_done = Signal(object)
    mail_round_done = Signal(object)

    def __init__(
        self, db: Database, parent: QObject | None = None, *, till: str | None = None
    ) -> None:
        super().__init__(parent)
        # Emitting from the worker threads is safe: Qt queues the call to the UI thread.
        self.printer = PrintWorker(db, on_round=self.print_round_done.emit, till=till)
        self.mail = MailWorker(db, on_round=self.mail_round_done.emit)

    def start(self) -> None:
        self.printer.start()
        self.mail.start()

    def sale_done(self) -> None:
        """Call after each checkout: print and send now rather than at the next tick."""
        self.printer.wake()
        self.mail.wake()

    def stop(self) -> None:
        self.printer.stop()
        self.mail.stop()


class OutputsStatus(QLabel):
    """« 3 ticket(s) en attente : l'imprimante … ne répond pas » and the outbox state.

    Signals:
        clicked(): the cashier clicked it (the window opens the OutputsDialog).
    """

    clicked = Signal()

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        till: str | None = None,
        interval_ms: int = 5000,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._till = till
        self._tasks = tasks
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    @Slot()
    @Slot(object)
    def refresh(self, _round: PrintRound | SendRound | None = None) -> None:
        db, till = self._db, self._till

        def read() -> tuple[QueueStatus, dict[str, int]]:
            with db.reader() as uow:
                return queue_status(uow, till), outbox_counts(uow)

        self._tasks.run(read, self._show, lambda _exc: None)

    def _show(self, values: tuple[QueueStatus, dict[str, int]]) -> None:
        status, counts = values
        parts = []
        names = {
            "receipt": self.tr("imprimante de tickets"),
            "preparation": self.tr("imprimante de préparation"),
        }
        for printer, waiting in status.waiting.items():
            text = self.tr("%1 ticket(s) en attente (%2)").replace("%1", str(waiting))
            text = text.replace("%2", names.get(printer, printer))
            if printer in status.errors:
                text += self.tr(" : ne répond pas")
            parts.append(text)
        if counts.get("pending"):
            parts.append(self.tr("%1 e-mail(s) en attente").replace("%1", str(counts["pending"])))
        if counts.get("failed"):
            parts.append(self.tr("%1 e-mail(s) refusé(s)").replace("%1", str(counts["failed"])))
        self.setText(" — ".join(parts))
        self.setToolTip("\n".join(status.errors.values()))
