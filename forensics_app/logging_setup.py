"""Logging to a rotating file in the data folder, shared by the CLI and the GUI."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from forensics_app.config import log_dir

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def configure_logging(level: int = logging.INFO) -> Path:
    """Idempotent; returns the log file's path."""
    path = log_dir() / "forensics-app.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        # A handler left from another data folder (tests, a changed setting) is replaced.
        if (
            getattr(handler, "forensics_app_file", False)
            and Path(getattr(handler, "baseFilename", "")) != path
        ):
            root.removeHandler(handler)
            handler.close()
    if not any(getattr(h, "forensics_app_file", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path,
            maxBytes=10 * 1024 * 1024,
            backupCount=5,
            encoding="utf-8",
            # A file name that is not UTF-8 is logged as \udcXX, not lost in a logging error.
            errors="backslashreplace",
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.forensics_app_file = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces its context on every schema check; only its warnings matter here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
