"""The scanners this till can see: evdev input devices and serial ports, for lists and pickers."""

from __future__ import annotations

from dataclasses import dataclass

from pos_clients.hardware.evdev_devices import list_input_devices


@dataclass(frozen=True, slots=True)
class DetectedDevice:
    kind: str  # "evdev" or "serial"
    spec: str  # what goes into the setting
    label: str  # what a person reads


def serial_ports() -> list[DetectedDevice]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    found = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        ids = f" [{port.vid:04x}:{port.pid:04x}]" if port.vid is not None else ""
        found.append(
            DetectedDevice("serial", port.device, f"{port.device} — {port.description}{ids}")
        )
    return found


def evdev_devices() -> list[DetectedDevice]:
    return [
        DetectedDevice("evdev", d.stable_spec, f"{d.name} [{d.usb_id}] {d.by_id or d.path}")
        for d in list_input_devices()
    ]


def detected_devices() -> list[DetectedDevice]:
    """Every device that may be a scanner (may take a moment: run it off the UI thread)."""
    return evdev_devices() + serial_ports()
