"""This till's scanners running: one source per configured scanner, all feeding one dispatcher.

A source that fails to start (no evdev, no access) says so and is retried by itself; it never
stops the others.

Signals:
    status_changed(str): a scanner was lost or is back (for the status bar).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from pos_clients.hardware.evdev_devices import open_evdev
from pos_clients.hardware.keyboard_burst import BurstRules
from pos_clients.hardware.keymap import SUFFIX_KEYS, KeyDecoder, Layout
from pos_clients.hardware.qt_evdev import EvdevScanner
from pos_clients.hardware.qt_keyboard import KeyboardBurstFilter
from pos_clients.hardware.qt_serial import SerialScannerSource
from pos_clients.scanner_settings import ScannerConfig, ScannerSettings
from pos_clients.ui.scanner_dispatch import ScanDispatcher

Source = EvdevScanner | SerialScannerSource | KeyboardBurstFilter


def key_suffixes(suffix: str) -> frozenset[str]:
    if suffix == "any":
        return frozenset(SUFFIX_KEYS)
    return frozenset({"enter", "kpenter"}) if suffix == "enter" else frozenset({suffix})


def layout_of(config: ScannerConfig) -> Layout:
    return "fr" if config.layout == "fr" else "us"


class ScannerHub(QObject):
    status_changed = Signal(str)

    def __init__(self, dispatcher: ScanDispatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dispatcher = dispatcher
        self.sources: list[Source] = []

    def apply(self, settings: ScannerSettings) -> None:
        """Stop the running scanners and start those of `settings`."""
        self.stop()
        self.dispatcher.rules = settings.rules
        for config in settings.scanners:
            if config.enabled:
                self.sources.append(self._start(config, settings))

    def _start(self, config: ScannerConfig, settings: ScannerSettings) -> Source:
        source: Source
        if config.kind == "evdev":
            spec = config.device
            source = EvdevScanner(
                lambda: open_evdev(spec),
                KeyDecoder(layout=layout_of(config), suffixes=key_suffixes(config.suffix)),
                config.source_name,
                hotplug=True,
                parent=self,
            )
        elif config.kind == "serial":
            source = SerialScannerSource(
                config.device,
                source=config.source_name,
                baud=config.baud,
                suffix=config.suffix,
                idle_s=config.gap_ms / 1000,
                parent=self,
            )
        else:
            rules = BurstRules.from_setting(
                config.gap_ms,
                config.min_length,
                config.suffix,
                config.prefix,
                settings.azerty_digits,
            )
            source = KeyboardBurstFilter(rules, source=config.source_name, parent=self)
        source.code_read.connect(self.dispatcher.submit)
        if isinstance(source, KeyboardBurstFilter):
            app = QApplication.instance()
            if isinstance(app, QApplication):
                source.install(app)
        else:
            source.status_changed.connect(self.status_changed)
            source.start()
        return source

    def stop(self) -> None:
        app = QApplication.instance()
        for source in self.sources:
            if isinstance(source, KeyboardBurstFilter):
                if isinstance(app, QApplication):
                    source.uninstall(app)
            else:
                source.stop()
            source.deleteLater()
        self.sources = []
