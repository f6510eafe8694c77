"""A serial scanner as a Qt object: the worker thread's codes arrive as signals on the UI thread.

Signals:
    code_read(str, str): a complete code and the source's name.
    status_changed(str): the scanner was lost or is back, said for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pos_clients.hardware.serial_source import SerialScanner


class SerialScannerSource(QObject):
    code_read = Signal(str, str)
    status_changed = Signal(str)

    def __init__(
        self,
        url: str,
        *,
        source: str,
        baud: int = 9600,
        suffix: str = "cr",
        idle_s: float = 0.05,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Signals emitted on the worker thread are queued to this object's (UI) thread.
        self.worker = SerialScanner(
            url,
            source=source,
            baud=baud,
            suffix=suffix,
            idle_s=idle_s,
            on_code=self.code_read.emit,
            on_status=self.status_changed.emit,
        )

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
