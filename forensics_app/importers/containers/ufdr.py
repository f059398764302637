"""Cellebrite UFDR (stub, filled in below)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def is_report_file(path: Path) -> bool:
    return False


def report_in_folder(path: Path) -> Path | None:
    return None


def report_entry(archive: Any) -> Any:
    return None
