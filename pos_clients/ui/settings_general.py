"""The first page of Réglages: the language of this till's window."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from pos_clients.ui.preferences import save_language, saved_language
from pos_clients.ui.translations import choose_language
from pos_clients.ui.widgets import named


class GeneralSettingsPage(QWidget):
    """Language (French by default, English on demand), saved for this till."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = named(QComboBox(), "language")
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        current = choose_language(saved_language())
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.note = named(QLabel(), "languageNote")
        self.note.setStyleSheet("color: #5f6b73;")
        form = QFormLayout(self)
        form.addRow(self.tr("Langue"), self.language)
        form.addRow("", self.note)

    def _on_language_changed(self, _index: int) -> None:
        save_language(str(self.language.currentData()))
        self.note.setText(self.tr("La nouvelle langue s'applique au prochain démarrage."))
