"""This till's scanner settings: saved and read back, a damaged file gives the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_clients.errors import ValidationError
from pos_clients.scanner_settings import (
    ScannerConfig,
    ScannerSettings,
    load_settings,
    save_settings,
    settings_path,
)


def test_round_trip(tmp_path: Path) -> None:
    settings = ScannerSettings().with_scanners(
        [
            ScannerConfig(kind="evdev", device="0c2e:0b61", layout="fr"),
            ScannerConfig(kind="serial", device="/dev/ttyACM0", baud=115200, suffix="crlf"),
        ]
    )
    save_settings(settings, tmp_path)
    assert load_settings(tmp_path) == settings


def test_missing_or_damaged_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == ScannerSettings()
    settings_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == ScannerSettings()


def test_a_bad_scanner_in_the_file_is_left_out(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(
        '{"scanners": [{"kind": "serial", "device": ""}, {"kind": "keyboard", "gap_ms": 30}],'
        ' "card_prefix": "29", "unknown": 1}',
        encoding="utf-8",
    )
    loaded = load_settings(tmp_path)
    assert loaded.scanners == (ScannerConfig(kind="keyboard", gap_ms=30),)
    assert loaded.card_prefix == "29"


def test_bad_values_are_refused_per_field() -> None:
    with pytest.raises(ValidationError) as caught:
        ScannerConfig(kind="serial", device="", suffix="enter", gap_ms=1).check()
    assert set(caught.value.fields) == {"device", "suffix", "gap_ms"}
    assert caught.value.fields["device"].fr == "Choisissez l'appareil de la douchette."
