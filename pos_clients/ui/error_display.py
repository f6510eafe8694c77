"""The one place where errors reach the user: a readable message, never a traceback."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pos_clients.errors import EnvironmentFault, PosError
from pos_clients.ui.widgets import french_spacing

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    """What to tell the user about `exc`, in the user's language."""
    if isinstance(exc, PosError):
        return exc.message()
    log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
    return QCoreApplication.translate(
        "ErrorDisplay",
        "Une erreur inattendue est survenue ; rien n'a été enregistré. "
        "Le détail est dans le journal de l'application.",
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A dialog with the message of `exc`; a fault of the environment is said to be one."""
    if isinstance(exc, EnvironmentFault):
        title = QCoreApplication.translate("ErrorDisplay", "Problème d'environnement")
    elif isinstance(exc, PosError):
        title = QCoreApplication.translate("ErrorDisplay", "Impossible")
    else:
        title = QCoreApplication.translate("ErrorDisplay", "Erreur")
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, french_spacing(message_for(exc)), parent=parent
    )
    box.setObjectName("errorBox")
    box.exec()
