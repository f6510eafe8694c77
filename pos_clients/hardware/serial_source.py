"""Serial and USB-CDC scanners through pyserial: a worker thread, framing, reconnect with backoff.

`serial_for_url` opens the port, so a device path, `loop://` or a pty all work. The worker
reports through two callbacks (`on_code(code, source)`, `on_status(message)`) called on its
own thread; the Qt glue (`qt_serial.py`) turns them into signals for the UI thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

from pos_clients.hardware.scanner_faults import ScannerUnavailable, connected_text

SUFFIX_BYTES = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "tab": b"\t", "none": b""}
BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 5.0)


class SerialFramer:
    """Cuts a byte stream into codes at the suffix, or at an idle gap when there is none.

    A partial code with no byte for `stale_after` seconds is dropped (a code whose suffix got
    lost must not glue onto the next one); a code longer than `max_length` is dropped whole.
    """

    def __init__(
        self,
        suffix: str = "cr",
        *,
        idle_s: float = 0.05,
        stale_after: float = 1.0,
        max_length: int = 64,
    ) -> None:
        self.separator = SUFFIX_BYTES[suffix]
        self.idle_s = idle_s
        self.stale_after = stale_after
        self.max_length = max_length
        self._buffer = bytearray()
        self._last = 0.0

    def feed(self, data: bytes, now: float) -> list[str]:
        codes = self.tick(now)
        if not data:
            return codes
        self._buffer += data
        self._last = now
        if self.separator:
            *complete, rest = bytes(self._buffer).split(self.separator)
            self._buffer = bytearray(rest)
            codes += [c for c in (self._decode(b) for b in complete) if c]
            if len(self._buffer) > self.max_length * 4:
                self._buffer.clear()  # no suffix for far too long: noise
        return codes

    def tick(self, now: float) -> list[str]:
        """Codes ended by silence (suffix `none`); drops stale partial codes otherwise."""
        if not self._buffer or now - self._last < (
            self.idle_s if not self.separator else self.stale_after
        ):
            return []
        pending = bytes(self._buffer)
        self._buffer.clear()
        if self.separator:
            return []
        code = self._decode(pending)
        return [code] if code else []

    def _decode(self, raw: bytes) -> str:
        # Scanners send ASCII; latin-1 never fails, and the classifier removes control bytes.
        text = raw.decode("latin-1").strip("\r\n\t ")
        return "" if len(text) > self.max_length else text


class SerialScanner:
    """Reads one serial scanner on a worker thread until `stop()`; reopens with backoff."""

    def __init__(
        self,
        url: str,
        *,
        source: str,
        on_code: Callable[[str, str], None],
        on_status: Callable[[str], None],
        baud: int = 9600,
        suffix: str = "cr",
        idle_s: float = 0.05,
        open_port: Callable[..., Any] | None = None,
    ) -> None:
        self.url = url
        self.source = source
        self.baud = baud
        self._on_code = on_code
        self._on_status = on_status
        self._framer = SerialFramer(suffix, idle_s=idle_s)
        self._open_port = open_port
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()
        self._last_status = ""

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"scanner-{self.source}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _say(self, message: str) -> None:
        # Said once per change, not at every retry.
        if message != self._last_status:
            self._last_status = message
            self._on_status(message)

    def _open(self) -> Any:
        if self._open_port is not None:
            return self._open_port(self.url, baudrate=self.baud, timeout=0.02)
        import serial

        return serial.serial_for_url(self.url, baudrate=self.baud, timeout=0.02)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                port = self._open()
            except Exception as exc:  # serial.SerialException, OSError, ValueError
                self._say(ScannerUnavailable(self.source, _short(exc)).message())
                self._stop.wait(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt += 1
                continue
            attempt = 0
            self.connected.set()
            self._say(str(connected_text(self.source)))
            try:
                self._read_until_lost(port)
            except Exception as exc:  # the port went away: say so, then reopen
                self.connected.clear()
                self._say(ScannerUnavailable(self.source, _short(exc)).message())
                self._stop.wait(BACKOFF_S[0])
            finally:
                self.connected.clear()
                with contextlib.suppress(Exception):
                    port.close()

    def _read_until_lost(self, port: Any) -> None:
        while not self._stop.is_set():
            waiting = port.in_waiting
            data = port.read(waiting or 1)
            for code in self._framer.feed(bytes(data), time.monotonic()):
                self._on_code(code, self.source)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "…"
