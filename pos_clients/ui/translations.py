"""Qt translations: French is the source text; English comes from resources/translations/*_en.ts.

Each area keeps its own `AREA_en.ts` (so engineers never edit the same file). At start the
app compiles every .ts whose .qm is missing or older into the user cache directory with
`lrelease`, then installs one QTranslator per file, after Qt's own translation of the words
Qt writes itself (standard buttons, a text field's edit menu). The language is English when
POS_CLIENTS_LANG says so, else when the saved setting says so, else when the system locale
is English; French otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from pos_clients.config import APP_NAME
from pos_clients.i18n import Language, detect_language, set_language

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES: tuple[Language, ...] = ("fr", "en")

_installed: list[QTranslator] = []


def choose_language(saved: str | None = None) -> Language:
    """POS_CLIENTS_LANG first, then the saved setting, then the system locale."""
    forced = os.environ.get("POS_CLIENTS_LANG", "").strip().lower()
    if forced:
        return "en" if forced.startswith("en") else "fr"
    if saved in LANGUAGES:
        return "en" if saved == "en" else "fr"
    return detect_language()


def cache_dir() -> Path:
    override = os.environ.get("POS_CLIENTS_CACHE_DIR")
    base = Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, False))
    path = base / "translations"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _lrelease() -> str | None:
    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled(ts_file: Path, target_dir: Path | None = None) -> Path | None:
    """The .qm of `ts_file`, compiled when missing or older than the .ts; None if impossible."""
    target_dir = target_dir or cache_dir()
    qm = target_dir / (ts_file.stem + ".qm")
    if qm.exists() and qm.stat().st_mtime >= ts_file.stat().st_mtime:
        return qm
    tool = _lrelease()
    if tool is None:
        return None
    result = subprocess.run(
        [tool, "-silent", str(ts_file), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=False,
    )
    return qm if result.returncode == 0 and qm.exists() else None


def _qt_own_translation(language: Language, app: QCoreApplication) -> Path | None:
    """Install Qt's own translation (`qtbase_fr.qm`, shipped with PySide6): the words Qt
    writes itself (the standard buttons « Fermer », « Oui », « Non », « Annuler », the
    edit menu of a text field, the file dialog) are in the user's language too. None when
    PySide6 ships none for it."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{language}", folder):
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    return Path(translator.filePath())


def install(language: Language, app: QCoreApplication | None = None) -> list[Path]:
    """Make `language` the language of the UI and of domain messages; return the .qm loaded.

    Translators installed earlier are removed first, so this also switches back to French.
    """
    app = app or QCoreApplication.instance()
    set_language(language)
    if app is None:
        return []
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loaded: list[Path] = []
    qt_own = _qt_own_translation(language, app)
    if qt_own is not None:
        loaded.append(qt_own)
    if language == "fr":
        return loaded
    for ts_file in sorted(TRANSLATIONS_DIR.glob(f"*_{language}.ts")):
        qm = compiled(ts_file)
        if qm is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(qm)
    return loaded
