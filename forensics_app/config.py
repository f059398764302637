"""Where things live: database URL and the user data folder, and the few remembered choices.

Qt-free on purpose: the CLI and the GUI share it. Window geometry and other GUI-only state
live in QSettings inside forensics_app.ui.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "forensics-app"
DB_ENV = "FORENSICS_APP_DB"
DATA_DIR_ENV = "FORENSICS_APP_DATA_DIR"
EXAMINER_ENV = "FORENSICS_APP_EXAMINER"
PASSWORD_ENV = "FORENSICS_APP_PASSWORD"


def data_dir() -> Path:
    """The user data folder (database, backups, logs); FORENSICS_APP_DATA_DIR overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'workstation.sqlite3'}"


def database_url(cli_value: str | None = None) -> str:
    """--db beats FORENSICS_APP_DB beats the SQLite file in the data folder."""
    return cli_value or os.environ.get(DB_ENV) or default_database_url()


@dataclass
class Preferences:
    """Choices remembered between runs, per database URL (the examiner of one DB means
    nothing in another)."""

    path: Path
    examiner_by_db: dict[str, str] = field(default_factory=dict)
    language: str = "ko"

    @classmethod
    def load(cls) -> Preferences:
        path = data_dir() / "preferences.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        examiners = raw.get("examiner_by_db", {})
        return cls(
            path=path,
            examiner_by_db={str(k): str(v) for k, v in examiners.items()}
            if isinstance(examiners, dict)
            else {},
            language=str(raw.get("language", "ko")),
        )

    def save(self) -> None:
        payload = {"examiner_by_db": self.examiner_by_db, "language": self.language}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path)
