"""The evdev reading path: packed input_event structs through a pipe, the QSocketNotifier code."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from evdev import InputEvent
from pytestqt.qtbot import QtBot

from pos_clients.hardware.evdev_devices import parse_input_events
from pos_clients.hardware.keymap import EV_KEY, KEY_KPENTER, KEY_LEFTSHIFT, KeyDecoder
from pos_clients.hardware.qt_evdev import EvdevScanner
from tests.helpers.scanner_devices import PipeDevice
from tests.helpers.scanner_keys import pack, scan_events


@pytest.fixture
def device() -> Iterator[PipeDevice]:
    dev = PipeDevice()
    yield dev
    dev.close_all()


def make_scanner(
    device: PipeDevice, layout: str = "us", source: str = "evdev:test"
) -> EvdevScanner:
    scanner = EvdevScanner(device.open, KeyDecoder(layout=layout), source)  # type: ignore[arg-type]
    scanner.start()
    return scanner


def test_packed_events_round_trip_with_leftover() -> None:
    data = pack(scan_events("12", "us"))
    events, rest = parse_input_events(data[:30])
    assert len(events) == 1 and rest == data[24:30]


def test_codes_arrive_even_when_reads_split_an_event(qtbot: QtBot, device: PipeDevice) -> None:
    scanner = make_scanner(device, layout="fr")
    assert scanner.grabbed  # no key held: the desktop no longer sees the scanner's keys
    data = pack(scan_events("0412345678903", "fr"))
    with qtbot.waitSignal(scanner.code_read, timeout=3000) as blocker:
        device.write(data[:100])  # cuts the fifth event in two
        qtbot.waitUntil(lambda: scanner.decoder.held == {2} or bool(scanner.decoder.pending()))
        device.write(data[100:])
    assert blocker.args == ["0412345678903", "evdev:test"]
    scanner.stop()


def test_keypad_enter_and_layout(qtbot: QtBot, device: PipeDevice) -> None:
    scanner = make_scanner(device, layout="us")
    with qtbot.waitSignal(scanner.code_read, timeout=3000) as blocker:
        device.write(pack(scan_events("Ab-9", "us", suffix=KEY_KPENTER)))
    assert blocker.args[0] == "Ab-9"
    scanner.stop()


def test_grab_waits_until_no_key_is_held(qtbot: QtBot) -> None:
    device = PipeDevice(held=[KEY_LEFTSHIFT])
    scanner = make_scanner(device)
    assert not scanner.grabbed and device.grabs == 0
    device.held = []
    with qtbot.waitSignal(scanner.code_read, timeout=3000):
        device.write(pack(scan_events("1234", "us")))
    assert scanner.grabbed and device.grabs == 1
    scanner.stop()
    device.close_all()


def test_unplug_is_said_and_the_scanner_comes_back(qtbot: QtBot, device: PipeDevice) -> None:
    scanner = make_scanner(device)
    statuses: list[str] = []
    scanner.status_changed.connect(statuses.append)
    device.present = False
    with qtbot.waitSignal(scanner.status_changed, timeout=3000) as lost:
        device.unplug()
    assert "indisponible" in lost.args[0]
    assert not scanner.connected
    device.present = True
    qtbot.waitUntil(lambda: scanner.connected, timeout=5000)
    assert any("prête" in s for s in statuses)
    with qtbot.waitSignal(scanner.code_read, timeout=3000) as blocker:
        device.write(pack(scan_events("0400000000015", "us")))
    assert blocker.args[0] == "0400000000015"  # no scan lost once it is back
    assert device.opened >= 2
    scanner.stop()


def test_interleaved_bursts_from_two_scanners(qtbot: QtBot) -> None:
    first, second = PipeDevice(), PipeDevice()
    a = make_scanner(first, layout="us", source="a")
    b = make_scanner(second, layout="fr", source="b")
    got: list[tuple[str, str]] = []
    a.code_read.connect(lambda code, src: got.append((src, code)))
    b.code_read.connect(lambda code, src: got.append((src, code)))
    ea = pack(scan_events("0400000000015", "us"))
    eb = pack(scan_events("3017620422003", "fr"))
    for i in range(0, max(len(ea), len(eb)), 48):
        first.write(ea[i : i + 48])
        second.write(eb[i : i + 48])
    qtbot.waitUntil(lambda: len(got) == 2, timeout=3000)
    assert sorted(got) == [("a", "0400000000015"), ("b", "3017620422003")]
    a.stop()
    b.stop()
    first.close_all()
    second.close_all()


def test_a_code_without_suffix_does_not_glue_onto_the_next(
    qtbot: QtBot, device: PipeDevice
) -> None:
    scanner = make_scanner(device)
    events = scan_events("0400", "us", t0=1000.0)[:-4]  # suffix press and release left out
    device.write(pack(events))
    with qtbot.waitSignal(scanner.code_read, timeout=3000) as blocker:
        device.write(pack(scan_events("3017620422003", "us", t0=1002.0)))
    assert blocker.args[0] == "3017620422003"
    scanner.stop()


def test_random_bytes_do_not_crash_and_the_next_scan_reads(
    qtbot: QtBot, device: PipeDevice
) -> None:
    scanner = make_scanner(device)
    got: list[str] = []
    scanner.code_read.connect(lambda code, _src: got.append(code))
    rng = random.Random(7)
    device.write(bytes(rng.randrange(256) for _ in range(24 * 300)))
    # Noise may leave modifiers down; the scanner releases them, then scans (much later).
    modifiers = (29, 42, 54, 56, 97, 100)
    release = [InputEvent(2_000_000_000, 0, EV_KEY, key, 0) for key in modifiers]
    device.write(pack(release + scan_events("0400000000015", "us", t0=2_000_000_001.0)))
    qtbot.waitUntil(lambda: "0400000000015" in got, timeout=3000)
    assert all(len(code) <= 64 for code in got)
    assert scanner.connected
    scanner.stop()
