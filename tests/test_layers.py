"""The layering rules hold even for modules added later, and the core runs without Qt.
(Alembic's env.py and version scripts only run inside Alembic, so they are not imported here.)"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import forensics_app

ROOT = Path(__file__).resolve().parents[1]


def _contract(name_start: str) -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_start))


def test_qt_contract_names_every_module_but_ui() -> None:
    listed = set(_contract("Only forensics_app.ui")["source_modules"])
    modules = {
        f"forensics_app.{info.name}"
        for info in pkgutil.iter_modules(forensics_app.__path__)
        if info.name not in ("ui", "__main__", "resources")
    }
    assert modules == listed


def test_core_and_blocking_import_without_loading_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, forensics_app, blocking\n"
        "skip = ('forensics_app.ui', 'forensics_app.resources', 'forensics_app.__main__')\n"
        "for info in pkgutil.walk_packages(forensics_app.__path__, 'forensics_app.'):\n"
        "    if not info.name.startswith(skip) and '.migrations.' not in info.name:\n"
        "        importlib.import_module(info.name)\n"
        "for info in pkgutil.walk_packages(blocking.__path__, 'blocking.'):\n"
        "    if '.migrations.' not in info.name:\n"
        "        importlib.import_module(info.name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
