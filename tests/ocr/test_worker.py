"""OCR worker processes end when the process that started them is killed outright (issue 10,
item 8): after kill -9 of `forensics-app ocr`, no worker (nor the resource tracker) lives on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from forensics_app.services import Workstation
from tests.clocks import pinned_clock
from tests.conftest import PASSWORD
from tests.ocr.helpers import write_numbered_flyers

WAIT_S = 120


def _children(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (read from /proc; zombies count as gone)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _cmdline(pid: int) -> bytes:
    """The process's command line; empty when it has ended meanwhile (a worker finishing)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].split()[0] != "Z"


def test_workers_exit_when_the_batch_process_is_killed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
    workstation = Workstation.open(url, pinned_clock())
    try:
        actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
        workstation.cases.create(actor, "Flyers", number="F-9")
    finally:
        workstation.close()
    folder = tmp_path / "photos"
    write_numbered_flyers(folder, 12)
    env = {
        **os.environ,
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "forensics_app", "--db", url, "--examiner", "1001",
               "ocr", "--case", "F-9", str(folder), "--jobs", "2"]  # fmt: skip
    main = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + WAIT_S
        # the two pool workers (python processes started by the batch), busy with photos
        while time.monotonic() < deadline and main.poll() is None:
            workers = {
                pid
                for pid in _children(main.pid)
                if "spawn_main" in _cmdline(pid).decode(errors="replace")
            }
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the batch never started its workers"
        tracker = {pid for pid in _children(main.pid) if b"resource_tracker" in _cmdline(pid)}
        main.send_signal(signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and any(_alive(p) for p in workers | tracker):
            time.sleep(0.2)
        left = sorted(p for p in workers | tracker if _alive(p))
        assert left == [], f"processes still running after their parent was killed: {left}"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if main.poll() is None:
            main.kill()
