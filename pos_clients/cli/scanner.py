"""`pos-clients scanner list|listen`: what an installer runs to check a douchette.

`list` shows the evdev input devices and serial ports seen; `listen` prints each decoded code
as it arrives, one per line (`--json`: code, source, time), until interrupted (Ctrl+C) or
after `--count N` codes. Status (ready, unplugged) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from datetime import UTC, datetime
from typing import Any

from pos_clients.hardware.detect import evdev_devices, serial_ports
from pos_clients.i18n import Text


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scanner", help="douchettes : lister, écouter / barcode scanners: list, listen"
    )
    commands = parser.add_subparsers(dest="scanner_command", metavar="ACTION", required=True)
    listing = commands.add_parser(
        "list", help="périphériques evdev et ports série détectés / detected devices and ports"
    )
    listing.add_argument("--json", action="store_true", help="une ligne JSON par appareil")
    listing.set_defaults(handler=run_list)

    listen = commands.add_parser("listen", help="afficher chaque code lu / print each code read")
    source = listen.add_mutually_exclusive_group(required=True)
    source.add_argument("--evdev", metavar="PATH", help="/dev/input/by-id/…, VVVV:PPPP, name:…")
    source.add_argument("--serial", metavar="URL", help="/dev/ttyACM0, loop://, rfc2217://…")
    source.add_argument("--keyboard", action="store_true", help="douchette clavier (fenêtre)")
    listen.add_argument("--baud", type=int, default=9600, help="vitesse série (9600)")
    listen.add_argument(
        "--suffix",
        help="série : cr, lf, crlf, tab, none (cr) ; evdev/clavier : enter, tab, any (any)",
    )
    listen.add_argument("--layout", choices=("us", "fr"), default="us", help="disposition (us)")
    listen.add_argument("--gap", type=int, default=40, metavar="MS", help="délai entre touches")
    listen.add_argument("--json", action="store_true", help="JSON : code, source, time")
    listen.add_argument("--count", type=int, default=0, help="s'arrêter après N codes")
    listen.set_defaults(handler=run_listen)


def run_list(args: argparse.Namespace) -> int:
    evdev = evdev_devices()
    ports = serial_ports()
    if args.json:
        for found in evdev + ports:
            print(json.dumps({"kind": found.kind, "spec": found.spec, "label": found.label}))
        return 0
    print(Text("Périphériques evdev :", "evdev devices:"))
    for found in evdev:
        print(f"  {found.spec}\t{found.label}")
    if not evdev:
        print(
            Text(
                "  (aucun ; vérifiez la règle udev et le groupe de l'utilisateur)",
                "  (none; check the udev rule and the user's group)",
            )
        )
    print(Text("Ports série :", "Serial ports:"))
    for found in ports:
        print(f"  {found.spec}\t{found.label}")
    if not ports:
        print(Text("  (aucun)", "  (none)"))
    return 0


class _Printer:
    def __init__(self, as_json: bool, count: int, quit_app: Any) -> None:
        self.as_json = as_json
        self.left = count
        self.quit_app = quit_app

    def code(self, code: str, source: str) -> None:
        if self.as_json:
            stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
            line = json.dumps({"code": code, "source": source, "time": stamp}, ensure_ascii=False)
        else:
            line = code
        print(line, flush=True)
        if self.left:
            self.left -= 1
            if self.left == 0:
                self.quit_app()

    @staticmethod
    def status(message: str) -> None:
        print(message, file=sys.stderr, flush=True)


def run_listen(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from pos_clients.hardware.evdev_devices import open_evdev
    from pos_clients.hardware.keyboard_burst import BurstRules
    from pos_clients.hardware.keymap import KeyDecoder
    from pos_clients.hardware.qt_evdev import EvdevScanner
    from pos_clients.hardware.qt_keyboard import KeyboardBurstFilter
    from pos_clients.hardware.qt_serial import SerialScannerSource
    from pos_clients.ui.scanner_hub import key_suffixes

    allowed = ("cr", "lf", "crlf", "tab", "none") if args.serial else ("enter", "tab", "any")
    if args.suffix is not None and args.suffix not in allowed:
        print(
            Text(
                f"Suffixe « {args.suffix} » impossible ici : {', '.join(allowed)}.",
                f"Suffix “{args.suffix}” not possible here: {', '.join(allowed)}.",
            ),
            file=sys.stderr,
        )
        return 2
    app = QCoreApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1]) if args.keyboard else QCoreApplication(sys.argv[:1])
    # A loop of our own, not app.exec(): quitting it leaves an application already running
    # (a test's) usable.
    loop = QEventLoop()
    printer = _Printer(args.json, max(args.count, 0), loop.quit)
    previous = signal.signal(signal.SIGINT, lambda *_: loop.quit())
    # Qt's loop does not run Python code by itself; a timer lets the SIGINT handler run.
    pulse = QTimer()
    pulse.timeout.connect(lambda: None)
    pulse.start(200)
    keep: list[Any] = []
    if args.evdev:
        spec = args.evdev
        evdev = EvdevScanner(
            lambda: open_evdev(spec),
            KeyDecoder(layout=args.layout, suffixes=key_suffixes(args.suffix or "any")),
            f"evdev:{spec}",
            hotplug=True,
        )
        evdev.status_changed.connect(printer.status)
        evdev.code_read.connect(printer.code)
        evdev.start()
        keep.append(evdev)
    elif args.serial:
        serial = SerialScannerSource(
            args.serial,
            source=f"serial:{args.serial}",
            baud=args.baud,
            suffix=args.suffix or "cr",
            idle_s=args.gap / 1000,
        )
        serial.status_changed.connect(printer.status)
        serial.code_read.connect(printer.code)
        serial.start()
        keep.append(serial)
    else:
        rules = BurstRules.from_setting(args.gap, 4, args.suffix or "any", "", True)
        burst = KeyboardBurstFilter(rules)
        burst.code_read.connect(printer.code)
        assert isinstance(app, QApplication)
        burst.install(app)
        window = QLabel(
            str(Text("Scannez un code dans cette fenêtre…", "Scan a code into this window…"))
        )
        window.setMinimumSize(420, 120)
        window.show()
        keep += [burst, window]
    try:
        loop.exec()
    finally:
        signal.signal(signal.SIGINT, previous)
        pulse.stop()
        for source in keep:
            if isinstance(source, KeyboardBurstFilter):
                source.uninstall(app)  # type: ignore[arg-type]
            elif hasattr(source, "stop"):
                source.stop()
            if hasattr(source, "close"):
                source.close()
    return 0
