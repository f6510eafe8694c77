"""Answering the modal message boxes of the window as a user would: read, then click."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QTimer  # noqa: TID251 (Qt test helper)
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: TID251 (Qt test helper)

NBSP = "\N{NO-BREAK SPACE}"  # the window keeps French punctuation on its line
POLL_MS = 10
MAX_POLLS = 500


@dataclass
class SeenBox:
    """What the message box said (filled once it has been answered)."""

    text: str = ""
    informative: str = ""
    answered: bool = False
    buttons: list[str] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return f"{self.text}\n{self.informative}"


def answer_next_box(button_text: str) -> SeenBox:
    """When the next QMessageBox is shown, note its text and click the button `button_text`.

    Call it before the action that shows the box (the box's exec() blocks until answered).
    """
    seen = SeenBox()
    polls = 0

    def poll() -> None:
        nonlocal polls
        polls += 1
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.text = widget.text().replace(NBSP, " ")
                seen.informative = widget.informativeText().replace(NBSP, " ")
                seen.buttons = [b.text() for b in widget.buttons()]
                for button in widget.buttons():
                    if button.text() == button_text:
                        seen.answered = True
                        button.click()
                        return
        if polls < MAX_POLLS:
            QTimer.singleShot(POLL_MS, poll)

    QTimer.singleShot(0, poll)
    return seen
