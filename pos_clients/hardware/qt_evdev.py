"""A USB keyboard-wedge scanner read through evdev: a QSocketNotifier on its fd, no thread.

Signals:
    code_read(str, str): a complete code and the source's name.
    status_changed(str): the scanner was lost or is back, said for the status bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from pos_clients.errors import PosError
from pos_clients.hardware.evdev_devices import OpenedInput, parse_input_events
from pos_clients.hardware.keymap import EV_KEY, KeyDecoder
from pos_clients.hardware.scanner_faults import ScannerUnavailable, connected_text

READ_SIZE = 24 * 256
# Polled at most every second while unplugged (a by-id path check is cheap); with udev
# hot-plug events the device is reopened as soon as it appears.
RETRY_MS = (250, 500, 1000)
HOTPLUG_SETTLE_MS = 100  # let udev's rules set the node's group before opening it


class EvdevScanner(QObject):
    """Reads one evdev scanner; reopens it when it comes back after an unplug.

    `opener` opens the device (raises ScannerUnavailable while it is absent). The device is
    grabbed (EVIOCGRAB) as soon as no key is held on it. A partial code older than
    `stale_after` seconds (by the events' own timestamps) is dropped, so a code that lost its
    suffix never glues onto the next one.
    """

    code_read = Signal(str, str)
    status_changed = Signal(str)

    def __init__(
        self,
        opener: Callable[[], OpenedInput],
        decoder: KeyDecoder,
        source: str,
        *,
        stale_after: float = 0.5,
        hotplug: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self.decoder = decoder
        self.source = source
        self.stale_after = stale_after
        self._input: OpenedInput | None = None
        self._notifier: QSocketNotifier | None = None
        self._leftover = b""
        self._last_key_time = 0.0
        self._attempt = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)
        self.connected = False
        self._last_status = ""
        self._monitor: Any = None
        if hotplug:
            self._watch_hotplug()

    def start(self) -> None:
        self._open()

    def _watch_hotplug(self) -> None:
        """Reopen at once when an input device appears (pyudev); the poll remains otherwise."""
        try:
            import pyudev

            monitor = pyudev.Monitor.from_netlink(pyudev.Context())
            monitor.filter_by(subsystem="input")
            monitor.start()
        except Exception:  # no udev (container, other OS): the retry poll is enough
            return
        self._monitor = monitor
        notifier = QSocketNotifier(monitor.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._on_udev_event)

    def _on_udev_event(self) -> None:
        while (device := self._monitor.poll(timeout=0)) is not None:
            if device.action == "add" and not self.connected:
                self._retry.start(HOTPLUG_SETTLE_MS)

    def stop(self) -> None:
        self._retry.stop()
        self._close()

    @property
    def grabbed(self) -> bool:
        return self._input is not None and self._input.grabbed

    def _open(self) -> None:
        try:
            opened = self._opener()
        except PosError as exc:
            self._schedule_retry(exc.message())
            return
        except OSError as exc:
            self._schedule_retry(ScannerUnavailable(self.source, str(exc.strerror)).message())
            return
        self._input = opened
        self._attempt = 0
        self._leftover = b""
        self.decoder.reset()
        self.decoder.held.clear()
        self._notifier = QSocketNotifier(opened.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_fd_readable)
        try:
            idle = not opened.held_keys()
        except OSError:
            idle = False
        if idle:
            opened.grab()
        self.connected = True
        self._say(str(connected_text(self.source)))

    def _close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._input is not None:
            self._input.close()
            self._input = None
        self.connected = False

    def _say(self, message: str) -> None:
        # Said once per change, not at every retry.
        if message != self._last_status:
            self._last_status = message
            self.status_changed.emit(message)

    def _schedule_retry(self, message: str) -> None:
        self._say(message)
        delay = RETRY_MS[min(self._attempt, len(RETRY_MS) - 1)]
        self._attempt += 1
        self._retry.start(delay)

    def _on_retry_timeout(self) -> None:
        self._open()

    def _on_fd_readable(self) -> None:
        if self._input is None:
            return
        data = bytearray(self._leftover)
        lost: str | None = None
        while True:
            try:
                chunk = os.read(self._input.fd, READ_SIZE)
            except BlockingIOError:
                break
            except OSError as exc:  # ENODEV: unplugged
                lost = str(exc.strerror)
                break
            if not chunk:
                lost = "débranchée / unplugged"
                break
            data += chunk
        events, self._leftover = parse_input_events(bytes(data))
        for event in events:
            if event.type != EV_KEY:
                continue
            if self.decoder.pending() and event.timestamp - self._last_key_time > self.stale_after:
                self.decoder.reset()
            self._last_key_time = event.timestamp
            code = self.decoder.feed(event)
            if code is not None:
                self.code_read.emit(code, self.source)
        if lost is not None:
            self._close()
            self._schedule_retry(ScannerUnavailable(self.source, lost).message())
        elif self._input is not None and not self._input.grabbed and not self.decoder.held:
            self._input.grab()
