"""iTunes backups (stub)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def is_backup_folder(path: Path) -> bool:
    return False


def backup_root(archive: Any) -> Any:
    return None
