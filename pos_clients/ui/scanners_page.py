"""The Scanners page of the till's settings (Réglages › Douchettes), with its test area.

Signals:
    settings_saved(object): the ScannerSettings just written; the hub restarts the scanners.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_clients.errors import PosError, ValidationError
from pos_clients.hardware.detect import DetectedDevice, detected_devices
from pos_clients.scanner_settings import ScannerConfig, ScannerSettings, save_settings
from pos_clients.scanning import CustomerCard, ItemCode, ScanResult, UnknownCode
from pos_clients.ui.scanner_dispatch import ScanDispatcher
from pos_clients.ui.tasks import TaskRunner

BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


class ScannersPage(QWidget):
    settings_saved = Signal(object)

    def __init__(
        self,
        settings: ScannerSettings,
        dispatcher: ScanDispatcher,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dispatcher = dispatcher
        self._tasks = tasks
        self._settings = settings
        self._configs: list[ScannerConfig] = list(settings.scanners)
        self._devices: list[DetectedDevice] = []
        self._current = -1
        self._build()
        self._refresh_list()
        self.detect_devices()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.scanner_list = QListWidget()
        self.scanner_list.currentRowChanged.connect(self._on_list_row_changed)
        self.add_evdev = QPushButton(self.tr("Ajouter une douchette USB"))
        self.add_serial = QPushButton(self.tr("Ajouter une douchette série"))
        self.add_keyboard = QPushButton(self.tr("Ajouter une douchette clavier"))
        self.remove = QPushButton(self.tr("Retirer"))
        self.add_evdev.clicked.connect(lambda: self._add("evdev"))
        self.add_serial.clicked.connect(lambda: self._add("serial"))
        self.add_keyboard.clicked.connect(lambda: self._add("keyboard"))
        self.remove.clicked.connect(self._on_remove_clicked)
        buttons = QVBoxLayout()
        for b in (self.add_evdev, self.add_serial, self.add_keyboard, self.remove):
            buttons.addWidget(b)
        buttons.addStretch()

        self.kind_label = QLabel()
        self.label_edit = QLineEdit()
        self.device = QComboBox()
        self.device.setEditable(True)
        self.detect = QPushButton(self.tr("Rechercher les appareils"))
        self.detect.clicked.connect(self.detect_devices)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device, 1)
        device_row.addWidget(self.detect)
        self.layout_combo = QComboBox()
        self.layout_combo.addItem(self.tr("QWERTY (États-Unis)"), "us")
        self.layout_combo.addItem(self.tr("AZERTY (France)"), "fr")
        self.baud = QComboBox()
        for rate in BAUDS:
            self.baud.addItem(str(rate), rate)
        self.suffix = QComboBox()
        self.suffix.currentIndexChanged.connect(self._on_suffix_changed)
        self.gap = QSpinBox()
        self.gap.setRange(5, 2000)
        self.gap.setSuffix(" ms")
        self.min_length = QSpinBox()
        self.min_length.setRange(1, 64)
        self.prefix = QLineEdit()
        self.enabled = QCheckBox(self.tr("Active"))
        form = QFormLayout()
        form.addRow(self.tr("Type"), self.kind_label)
        form.addRow(self.tr("Nom"), self.label_edit)
        form.addRow(self.tr("Appareil"), device_row)
        form.addRow(self.tr("Disposition du clavier de la douchette"), self.layout_combo)
        form.addRow(self.tr("Vitesse (bauds)"), self.baud)
        form.addRow(self.tr("Suffixe"), self.suffix)
        form.addRow(self.tr("Délai maximal entre deux touches"), self.gap)
        form.addRow(self.tr("Longueur minimale d'un code"), self.min_length)
        form.addRow(self.tr("Préfixe envoyé par la douchette"), self.prefix)
        form.addRow("", self.enabled)
        self.editor = QGroupBox(self.tr("Douchette"))
        self.editor.setLayout(form)

        self.card_prefix = QLineEdit(self._settings.card_prefix)
        self.azerty = QCheckBox(self.tr("Lire « &&é\"'( » comme des chiffres (12345)"))
        self.azerty.setChecked(self._settings.azerty_digits)
        general = QFormLayout()
        general.addRow(self.tr("Préfixe des cartes de fidélité"), self.card_prefix)
        general.addRow("", self.azerty)
        general_box = QGroupBox(self.tr("Codes"))
        general_box.setLayout(general)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.save = QPushButton(self.tr("Enregistrer"))
        self.save.clicked.connect(self._on_save_clicked)

        self.test_prompt = QLabel(self.tr("Scannez un code…"))
        self.test_code = QLabel()
        self.test_result = QLabel()
        test = QVBoxLayout()
        for w in (self.test_prompt, self.test_code, self.test_result):
            test.addWidget(w)
        test_box = QGroupBox(self.tr("Test"))
        test_box.setLayout(test)

        top = QHBoxLayout()
        top.addWidget(self.scanner_list, 1)
        top.addLayout(buttons)
        top.addWidget(self.editor, 2)
        main = QVBoxLayout(self)
        main.addLayout(top)
        main.addWidget(general_box)
        main.addWidget(self.error)
        main.addWidget(self.save)
        main.addWidget(test_box)

    # -- the list of scanners ---------------------------------------------------------------

    def _kind_name(self, kind: str) -> str:
        names = {
            "evdev": self.tr("USB (evdev)"),
            "serial": self.tr("Série / USB-CDC"),
            "keyboard": self.tr("Clavier (dans la fenêtre)"),
        }
        return names.get(kind, kind)

    def _refresh_list(self) -> None:
        self.scanner_list.blockSignals(True)
        self.scanner_list.clear()
        for config in self._configs:
            name = config.label or config.device or ""
            self.scanner_list.addItem(f"{self._kind_name(config.kind)} {name}".strip())
        self.scanner_list.blockSignals(False)
        self._current = -1
        row = min(max(self.scanner_list.currentRow(), 0), len(self._configs) - 1)
        self.scanner_list.setCurrentRow(row)
        if row >= 0:
            self._on_list_row_changed(row)
        self.editor.setEnabled(bool(self._configs))

    def _add(self, kind: str) -> None:
        self._commit_editor()
        defaults = {"serial": "cr", "evdev": "enter", "keyboard": "enter"}
        self._configs.append(ScannerConfig(kind=kind, suffix=defaults[kind]))  # type: ignore[arg-type]
        self._refresh_list()
        self.scanner_list.setCurrentRow(len(self._configs) - 1)

    def _on_remove_clicked(self) -> None:
        row = self.scanner_list.currentRow()
        if 0 <= row < len(self._configs):
            del self._configs[row]
            self._current = -1
            self._refresh_list()

    def _on_list_row_changed(self, row: int) -> None:
        self._commit_editor()
        self._current = row
        if 0 <= row < len(self._configs):
            self._load_editor(self._configs[row])

    # -- the editor -------------------------------------------------------------------------

    def _load_editor(self, config: ScannerConfig) -> None:
        self.kind_label.setText(self._kind_name(config.kind))
        self.label_edit.setText(config.label)
        self._fill_devices(config.kind, config.device)
        self.layout_combo.setCurrentIndex(max(self.layout_combo.findData(config.layout), 0))
        self.baud.setCurrentIndex(max(self.baud.findData(config.baud), 0))
        self.suffix.clear()
        if config.kind == "serial":
            choices = [
                ("cr", self.tr("Retour chariot (CR)")),
                ("lf", self.tr("Saut de ligne (LF)")),
                ("crlf", self.tr("CR + LF")),
                ("tab", self.tr("Tabulation")),
                ("none", self.tr("Aucun (fin après un silence)")),
            ]
        else:
            choices = [
                ("enter", self.tr("Entrée")),
                ("tab", self.tr("Tabulation")),
                ("any", self.tr("Entrée ou tabulation")),
            ]
        for value, text in choices:
            self.suffix.addItem(text, value)
        self.suffix.setCurrentIndex(max(self.suffix.findData(config.suffix), 0))
        self.gap.setValue(config.gap_ms)
        self.min_length.setValue(config.min_length)
        self.prefix.setText(config.prefix)
        self.enabled.setChecked(config.enabled)
        self.device.setEnabled(config.kind != "keyboard")
        self.detect.setEnabled(config.kind != "keyboard")
        self.layout_combo.setEnabled(config.kind == "evdev")
        self.baud.setEnabled(config.kind == "serial")
        self.gap.setEnabled(config.kind == "keyboard" or config.suffix == "none")
        self.min_length.setEnabled(config.kind == "keyboard")
        self.prefix.setEnabled(config.kind == "keyboard")

    def _on_suffix_changed(self, _index: int) -> None:
        if 0 <= self._current < len(self._configs):
            kind = self._configs[self._current].kind
            self.gap.setEnabled(kind == "keyboard" or self.suffix.currentData() == "none")

    def _fill_devices(self, kind: str, current: str) -> None:
        self.device.clear()
        for found in self._devices:
            if found.kind == kind:
                self.device.addItem(found.label, found.spec)
        index = self.device.findData(current)
        if index >= 0:
            self.device.setCurrentIndex(index)
        else:
            self.device.setEditText(current)

    def _editor_device(self) -> str:
        text = self.device.currentText().strip()
        index = self.device.findText(text)
        data = self.device.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def _commit_editor(self) -> None:
        row = self._current
        if not 0 <= row < len(self._configs):
            return
        config = self._configs[row]
        self._configs[row] = replace(
            config,
            label=self.label_edit.text().strip(),
            device="" if config.kind == "keyboard" else self._editor_device(),
            layout=str(self.layout_combo.currentData()),
            baud=int(self.baud.currentData()),
            suffix=str(self.suffix.currentData() or config.suffix),
            gap_ms=self.gap.value(),
            min_length=self.min_length.value(),
            prefix=self.prefix.text(),
            enabled=self.enabled.isChecked(),
        )

    # -- detection, saving ------------------------------------------------------------------

    def detect_devices(self) -> None:
        """List the devices on the task runner; the combo fills when they are known."""
        self.detect.setEnabled(False)
        self._tasks.run(detected_devices, self._on_devices_detected, self._on_detect_failed)

    def _on_devices_detected(self, devices: list[DetectedDevice]) -> None:
        self._devices = devices
        if 0 <= self._current < len(self._configs):
            config = self._configs[self._current]
            self._fill_devices(config.kind, self._editor_device() or config.device)
            self.detect.setEnabled(config.kind != "keyboard")

    def _on_detect_failed(self, exc: BaseException) -> None:
        self.detect.setEnabled(True)
        self.error.setText(
            self.tr("Recherche des appareils impossible : %1").replace("%1", str(exc))
        )

    def current_settings(self) -> ScannerSettings:
        """The settings as shown; raises ValidationError naming the scanner at fault."""
        self._commit_editor()
        checked = []
        for number, config in enumerate(self._configs, start=1):
            try:
                checked.append(config.check())
            except ValidationError as exc:
                self.scanner_list.setCurrentRow(number - 1)
                raise exc
        return replace(
            self._settings,
            scanners=tuple(checked),
            card_prefix=self.card_prefix.text().strip(),
            azerty_digits=self.azerty.isChecked(),
        )

    def _on_save_clicked(self) -> None:
        try:
            settings = self.current_settings()
            save_settings(settings)
        except PosError as exc:
            self.error.setText(exc.message())
            return
        except OSError as exc:
            self.error.setText(
                self.tr("Réglages non enregistrés : %1").replace("%1", str(exc.strerror))
            )
            return
        self.error.clear()
        self._settings = settings
        self.settings_saved.emit(settings)

    # -- the test area ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._dispatcher.set_diagnostic(self._on_test_scan)

    def hideEvent(self, event: QHideEvent) -> None:
        self._dispatcher.set_diagnostic(None)
        super().hideEvent(event)

    def _on_test_scan(self, code: str, source: str, result: ScanResult) -> None:
        self.test_code.setText(
            self.tr("Code lu : %1 (%2)").replace("%1", code).replace("%2", source)
        )
        if isinstance(result, CustomerCard):
            kind = self.tr("carte client de %1").replace("%1", result.customer.display_name)
        elif isinstance(result, ItemCode):
            kind = self.tr("article")
        elif isinstance(result, UnknownCode):
            kind = self.tr("code inconnu")
        else:
            kind = self.tr("refusé : %1").replace("%1", str(result.describe()))
        self.test_result.setText(self.tr("Classement : %1").replace("%1", kind))
