"""Tool exports (stub)."""

from __future__ import annotations

from pathlib import Path


def is_tool_export(path: Path) -> bool:
    return False
