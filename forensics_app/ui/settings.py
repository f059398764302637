"""GUI-only state remembered between runs: window geometry and layout, last case, filters.

Stored with QSettings (organisation "forensics-app") as an INI file in the user data folder,
next to the database and logs, rather than in the platform's default place: one folder holds
everything the workstation writes, and FORENSICS_APP_DATA_DIR isolates it (tests, a second
installation) without touching the user's real settings. The UI language is not here but in
config.Preferences, which the CLI shares.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from forensics_app import config

ORGANISATION = "forensics-app"
APPLICATION = "workstation"
FILE_NAME = "gui-settings.ini"


def _key(location: str) -> str:
    # QSettings treats "/" as a group separator; a database URL is full of them.
    return location.replace("\\", "_").replace("/", "_")


class GuiSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config.data_dir() / FILE_NAME
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # ---- window --------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)
        self._qs.setValue("window/splitter", splitter)
        self._qs.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # ---- per database --------------------------------------------------------------------
    def last_case(self, location: str) -> int | None:
        value = self._qs.value(f"last_case/{_key(location)}")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_case(self, location: str, case_id: int | None) -> None:
        key = f"last_case/{_key(location)}"
        if case_id is None:
            self._qs.remove(key)
        else:
            self._qs.setValue(key, case_id)
        self._qs.sync()

    # ---- filters -------------------------------------------------------------------------
    def case_filter(self) -> str:
        return str(self._qs.value("cases/status_filter", "open"))

    def set_case_filter(self, value: str) -> None:
        self._qs.setValue("cases/status_filter", value)
        self._qs.sync()
