"""The package list in pyproject.toml names every package, and resources ship inside."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("forensics_app", "blocking")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found | {"forensics_app.resources"} == listed


@pytest.mark.slow
def test_wheel_carries_migrations_and_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("forensics_app-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "forensics_app/resources/blocking/routes.toml",
        "forensics_app/resources/translations/forensics_app_ko.qm",
        "forensics_app/storage/migrations/env.py",
        "forensics_app/storage/migrations/versions/0001_initial_catalog_schema.py",
        "blocking/migrations/env.py",
    ):
        assert expected in names, expected
