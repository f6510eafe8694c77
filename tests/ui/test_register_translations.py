"""The English translation of the register and history widgets is complete and loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from pos_clients.data.database import Database
from pos_clients.ui.register import RegisterPane
from pos_clients.ui.tasks import SyncTaskRunner

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "register_en.ts"


def test_register_in_english(
    sqlite_db: Database, sync_tasks: SyncTaskRunner, tmp_path: Path
) -> None:
    assert 'type="unfinished"' not in TS.read_text(encoding="utf-8")
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease not installed")
    qm = tmp_path / "register_en.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        pane = RegisterPane(sqlite_db, sync_tasks)
        assert pane.pay_button.text() == "Pay"
        assert pane.customer_label.text() == "No customer on the ticket"
        pane.deleteLater()
    finally:
        QCoreApplication.removeTranslator(translator)
