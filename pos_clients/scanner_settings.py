"""This till's scanners and code rules, kept as JSON in the per-till config directory.

A till may have several scanners of each kind (`evdev`, `serial`, `keyboard`); each is a
`ScannerConfig`. A damaged or unreadable file gives the defaults (one keyboard-burst scanner),
never a crash at the till; saving writes a new file and renames it over the old one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from pos_clients.config import config_dir
from pos_clients.errors import ValidationError
from pos_clients.hardware.keymap import LAYOUTS
from pos_clients.i18n import Text
from pos_clients.scanning import ScanRules

ScannerKind = Literal["evdev", "serial", "keyboard"]
KINDS: tuple[ScannerKind, ...] = ("evdev", "serial", "keyboard")
SERIAL_SUFFIXES = ("cr", "lf", "crlf", "tab", "none")
KEY_SUFFIXES = ("enter", "tab", "any")
FILE_NAME = "scanners.json"


@dataclass(frozen=True, slots=True)
class ScannerConfig:
    """One scanner of this till.

    `device`: for evdev a `/dev/input/by-id/…` path, `VVVV:PPPP` (vendor:product, hex) or
    `name:Text in the device name`; for serial a device path or any pyserial URL.
    `suffix`: serial `cr|lf|crlf|tab|none`; evdev and keyboard `enter|tab|any`.
    `gap_ms`: keyboard, the longest gap between two keys of a scan; serial with suffix
    `none`, the idle time that ends a code.
    """

    kind: ScannerKind = "keyboard"
    label: str = ""
    device: str = ""
    layout: str = "us"
    baud: int = 9600
    suffix: str = "enter"
    gap_ms: int = 40
    min_length: int = 4
    prefix: str = ""
    enabled: bool = True

    def check(self) -> ScannerConfig:
        """The config itself when sound; raises ValidationError with a message per field."""
        errors: dict[str, Text] = {}
        if self.kind not in KINDS:
            errors["kind"] = Text(f"Type inconnu : {self.kind}", f"Unknown kind: {self.kind}")
        if self.kind in ("evdev", "serial") and not self.device.strip():
            errors["device"] = Text(
                "Choisissez l'appareil de la douchette.", "Choose the scanner's device."
            )
        if self.layout not in LAYOUTS:
            errors["layout"] = Text("Disposition : us ou fr.", "Layout: us or fr.")
        allowed = SERIAL_SUFFIXES if self.kind == "serial" else KEY_SUFFIXES
        if self.suffix not in allowed:
            errors["suffix"] = Text(
                f"Suffixe : {', '.join(allowed)}.", f"Suffix: {', '.join(allowed)}."
            )
        if not 50 <= self.baud <= 4_000_000:
            errors["baud"] = Text("Vitesse (bauds) invalide.", "Invalid baud rate.")
        if not 5 <= self.gap_ms <= 2000:
            errors["gap_ms"] = Text(
                "Délai entre touches : de 5 à 2000 ms.", "Gap between keys: 5 to 2000 ms."
            )
        if not 1 <= self.min_length <= 64:
            errors["min_length"] = Text(
                "Longueur minimale : de 1 à 64.", "Minimum length: 1 to 64."
            )
        if errors:
            raise ValidationError(errors)
        return self

    @property
    def source_name(self) -> str:
        """How codes from this scanner are labelled (`serial:/dev/ttyACM0`, `keyboard`)."""
        return self.label or (f"{self.kind}:{self.device}" if self.device else self.kind)


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    scanners: tuple[ScannerConfig, ...] = (ScannerConfig(),)
    card_prefix: str = "04"
    # Read a plainly numeric code typed as AZERTY number-row symbols back as digits.
    azerty_digits: bool = True

    @property
    def rules(self) -> ScanRules:
        return ScanRules(card_prefix=self.card_prefix)

    def to_json(self) -> dict[str, Any]:
        return {
            "scanners": [asdict(s) for s in self.scanners],
            "card_prefix": self.card_prefix,
            "azerty_digits": self.azerty_digits,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScannerSettings:
        """Unknown keys are ignored and bad scanners left out, so an older file still loads."""
        known = {f.name for f in fields(ScannerConfig)}
        scanners: list[ScannerConfig] = []
        for raw in data.get("scanners", []):
            if not isinstance(raw, dict):
                continue
            try:
                config = ScannerConfig(**{k: v for k, v in raw.items() if k in known})
                scanners.append(config.check())
            except (TypeError, ValidationError):
                continue
        prefix = data.get("card_prefix", "04")
        return cls(
            scanners=tuple(scanners),
            card_prefix=prefix if isinstance(prefix, str) else "04",
            azerty_digits=bool(data.get("azerty_digits", True)),
        )

    def with_scanners(self, scanners: list[ScannerConfig]) -> ScannerSettings:
        return replace(self, scanners=tuple(s.check() for s in scanners))


def settings_path(directory: Path | None = None) -> Path:
    return (directory or config_dir()) / FILE_NAME


def load_settings(directory: Path | None = None) -> ScannerSettings:
    """This till's settings; the defaults when there is no file or it cannot be read."""
    path = settings_path(directory)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ScannerSettings()
    if not isinstance(data, dict):
        return ScannerSettings()
    return ScannerSettings.from_json(data)


def save_settings(settings: ScannerSettings, directory: Path | None = None) -> Path:
    """Write the settings whole (temporary file, then rename); raises OSError."""
    path = settings_path(directory)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_json(), indent=2, ensure_ascii=False), "utf-8")
    os.replace(tmp, path)
    return path
