"""`make` set-up: without root, a missing system package stops with the exact command."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pg_server import RunAs

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_missing_system_package_without_root_prints_the_apt_command() -> None:
    run_as: RunAs = {}
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "system-packages", "APT_PACKAGES=make no-such-package-xyz"],
        capture_output=True,
        text=True,
        check=False,
        **run_as,
    )
    assert done.returncode != 0
    assert "sudo apt-get update && sudo apt-get install -y no-such-package-xyz" in done.stdout
    assert " make " not in done.stdout  # installed packages are not asked for again
