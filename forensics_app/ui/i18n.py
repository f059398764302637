"""Languages: Korean first, English selectable. Source strings are English (self.tr); the
Korean catalog is resources/translations/forensics_app_ko.ts, compiled to .qm."""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from forensics_app import messages

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "ko"
# Code → name shown in the language menu, each in its own language so anyone can find theirs.
LANGUAGES = {"ko": "한국어", "en": "English"}
CATALOG = "forensics_app"


def translations_dir() -> Path:
    """The bundled translations folder.

    pyproject maps resources/ to the package forensics_app.resources; when that package is not
    importable (an editable install made before the mapping worked) the source checkout's
    folder is used, so a developer run still speaks Korean.
    """
    try:
        folder = importlib.resources.files("forensics_app.resources") / "translations"
        return Path(str(folder))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "translations"


def normalise(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our catalog and Qt's own (button texts of standard dialogs) for `language`.

    Returns the installed translators; keep them alive as long as the app (Qt does not own
    them) and pass them to `remove_translators` to undo.
    """
    language = normalise(language)
    # The services' messages and custody entries follow the same choice.
    messages.set_language(language)
    if language == "en":
        return []  # source strings are English
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"{CATALOG}_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("No %s translation in %s", language, translations_dir())
    qt_dir = qt_translations_dir(language)
    qt_catalog = QTranslator(app)
    if qt_catalog.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_catalog)
        installed.append(qt_catalog)
    else:
        log.warning("Qt's own %s translation not found in %s", language, qt_dir)
    extra = QTranslator(app)  # what qtbase_<language> lacks; installed last, searched first
    if extra.load(f"qtbase_extra_{language}", str(translations_dir() / "qt")):
        app.installTranslator(extra)
        installed.append(extra)
    return installed


def qt_translations_dir(language: str) -> str:
    """Where Qt's own catalogue (qtbase_<language>.qm: file dialogs, standard buttons) is:
    PySide6's translations folder (PySide6-Essentials ships it), else a copy bundled with us
    (resources/translations), for a Qt installed without its translations."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if (Path(qt_dir) / f"qtbase_{language}.qm").is_file():
        return qt_dir
    return str(translations_dir())


def apply_locale(language: str) -> None:
    """Dates and numbers follow the UI language (set once at start, before any widget)."""
    korean = normalise(language) == "ko"
    QLocale.setDefault(QLocale(QLocale.Language.Korean if korean else QLocale.Language.English))


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
