"""Finding, opening and reading Linux input devices (evdev) that are barcode scanners.

A scanner is chosen by its stable `/dev/input/by-id/…` path, by `VVVV:PPPP` (USB vendor and
product id, hex) or by `name:…` (text in the device name). Reading is done on the raw fd
(`parse_input_events` over the kernel's `struct input_event`), so the same code reads a real
device and, in tests, a pipe fed packed events.
"""

from __future__ import annotations

import contextlib
import errno
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pos_clients.hardware.keymap import EV_KEY, KEY_ENTER
from pos_clients.hardware.scanner_faults import ScannerUnavailable

# struct input_event on 64-bit Linux: struct timeval (two longs), __u16 type, __u16 code,
# __s32 value.
INPUT_EVENT = struct.Struct("llHHi")
BY_ID = Path("/dev/input/by-id")


class RawEvent(NamedTuple):
    sec: int
    usec: int
    type: int
    code: int
    value: int

    @property
    def timestamp(self) -> float:
        return self.sec + self.usec / 1_000_000


def parse_input_events(buffer: bytes) -> tuple[list[RawEvent], bytes]:
    """The whole events in `buffer`, and the bytes left over (a part of the next event)."""
    size = INPUT_EVENT.size
    whole = len(buffer) - len(buffer) % size
    events = [RawEvent(*fields) for fields in INPUT_EVENT.iter_unpack(buffer[:whole])]
    return events, buffer[whole:]


@dataclass(frozen=True, slots=True)
class InputDeviceInfo:
    path: str
    by_id: str
    name: str
    vendor: int
    product: int

    @property
    def usb_id(self) -> str:
        return f"{self.vendor:04x}:{self.product:04x}"

    @property
    def stable_spec(self) -> str:
        """What to store in the settings: the by-id path if there is one, else vendor:product."""
        return self.by_id or self.usb_id


def _by_id_links() -> dict[str, str]:
    links: dict[str, str] = {}
    try:
        for link in BY_ID.iterdir():
            links.setdefault(os.path.realpath(link), str(link))
    except OSError:
        pass
    return links


def list_input_devices() -> list[InputDeviceInfo]:
    """Input devices that can type a code (they have an Enter key); [] without evdev access."""
    try:
        import evdev
    except ImportError:  # not Linux
        return []
    links = _by_id_links()
    found: list[InputDeviceInfo] = []
    for path in evdev.list_devices():
        try:
            device = evdev.InputDevice(path)
        except OSError:
            continue
        try:
            keys = device.capabilities().get(EV_KEY, [])
            if KEY_ENTER in keys:
                found.append(
                    InputDeviceInfo(
                        path=path,
                        by_id=links.get(os.path.realpath(path), ""),
                        name=device.name,
                        vendor=device.info.vendor,
                        product=device.info.product,
                    )
                )
        finally:
            device.close()
    return sorted(found, key=lambda d: d.path)


def resolve_device(spec: str, devices: list[InputDeviceInfo] | None = None) -> str:
    """The /dev/input/eventN path for a setting; raises ScannerUnavailable when absent."""
    spec = spec.strip()
    if spec.startswith("/"):
        if os.path.exists(spec):
            return os.path.realpath(spec)
        raise ScannerUnavailable(spec, "débranchée / unplugged")
    devices = list_input_devices() if devices is None else devices
    for device in devices:
        if spec.lower().startswith("name:"):
            if spec[5:].strip().lower() in device.name.lower():
                return device.path
        elif spec.lower() == device.usb_id:
            return device.path
    raise ScannerUnavailable(spec, "introuvable / not found")


class OpenedInput:
    """An open input fd (non-blocking) that can be grabbed; closes what it opened."""

    def __init__(
        self,
        fd: int,
        grab: Callable[[], None] | None = None,
        close: Callable[[], None] | None = None,
        held_keys: Callable[[], list[int]] | None = None,
    ) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self._grab = grab
        self.held_keys = held_keys or list
        self._close = close or (lambda: os.close(fd))
        self.grabbed = False

    def grab(self) -> bool:
        """EVIOCGRAB: the desktop stops seeing this device's keys. False if another has it."""
        if self.grabbed:
            return True
        if self._grab is None:
            self.grabbed = True
            return True
        try:
            self._grab()
        except OSError:
            return False
        self.grabbed = True
        return True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._close()


def open_evdev(spec: str) -> OpenedInput:
    """Open the scanner named by `spec` for reading; raises ScannerUnavailable."""
    path = resolve_device(spec)
    try:
        import evdev

        device: Any = evdev.InputDevice(path)
    except ImportError:
        raise ScannerUnavailable(spec, "evdev absent") from None
    except OSError as exc:
        detail = "accès refusé / access denied" if exc.errno == errno.EACCES else exc.strerror
        raise ScannerUnavailable(spec, str(detail)) from None
    return OpenedInput(
        device.fd, grab=device.grab, close=device.close, held_keys=device.active_keys
    )
