"""Choosing an evdev scanner by path, vendor:product or name; unpacking input_event structs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_clients.hardware.evdev_devices import (
    INPUT_EVENT,
    InputDeviceInfo,
    parse_input_events,
    resolve_device,
)
from pos_clients.hardware.scanner_faults import ScannerUnavailable

DEVICES = [
    InputDeviceInfo("/dev/input/event3", "", "AT Translated Set 2 keyboard", 0x0001, 0x0001),
    InputDeviceInfo(
        "/dev/input/event7",
        "/dev/input/by-id/usb-Honeywell_Imaging_1200g-event-kbd",
        "Honeywell Imaging & Mobility 1200g",
        0x0C2E,
        0x0B61,
    ),
]


def test_by_vendor_product_and_by_name() -> None:
    assert resolve_device("0c2e:0b61", DEVICES) == "/dev/input/event7"
    assert resolve_device("0C2E:0B61", DEVICES) == "/dev/input/event7"
    assert resolve_device("name:honeywell", DEVICES) == "/dev/input/event7"
    assert DEVICES[1].stable_spec.endswith("1200g-event-kbd")
    assert DEVICES[0].stable_spec == "0001:0001"


def test_by_path_follows_the_link(tmp_path: Path) -> None:
    target = tmp_path / "event9"
    target.write_bytes(b"")
    link = tmp_path / "usb-scanner-event-kbd"
    link.symlink_to(target)
    assert resolve_device(str(link), []) == str(target)


def test_absent_scanner_is_said_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(ScannerUnavailable) as caught:
        resolve_device(str(tmp_path / "gone"), [])
    assert "indisponible" in caught.value.message("fr")
    assert "unavailable" in caught.value.message("en")
    with pytest.raises(ScannerUnavailable):
        resolve_device("dead:beef", DEVICES)


def test_struct_layout_is_the_kernels() -> None:
    assert INPUT_EVENT.size == 24
    events, rest = parse_input_events(INPUT_EVENT.pack(5, 250_000, 1, 28, 1) + b"\x00" * 3)
    assert events[0].timestamp == 5.25 and events[0].code == 28 and rest == b"\x00" * 3
