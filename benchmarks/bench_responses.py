"""Hostile and huge answer files (issue 10, item 6), on SQLite:

* a 1,000,000-row response file (CSV and XLSX), every row a number the registry does not hold
  plus a few good rows: time, peak memory, and how many lines the command prints. The probe
  measured 90 s and 1.37 GB, and a million lines on stderr, before the fix.
* an XLSX zip bomb (a few hundred KB that inflate to 1.8 GB) in a dry run: refused, and the
  memory it took (the probe: past 4.5 GB).

Each run is a fresh `forensics-app block responses … --dry-run` process, so its peak memory
(ru_maxrss of the child) is its own.

    .venv/bin/python -m benchmarks.bench_responses [--rows 1000000] [--bomb-mb 1800]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from forensics_app.services import Workstation
from forensics_app.services.block_requests import blocking_actor
from tests.hostile.corpus import xlsx_bomb

PASSWORD = "benchmark password"


def _unknown(n: int) -> str:
    return f"010-{2000 + n // 10_000:04d}-{n % 10_000:04d}"


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    header = ["전화번호", "처리결과", "통신사", "접수번호"]
    good = [["010-1111-2222", "이용중지", "KT", "B-1"], ["010-3333-4444", "반려", "SKT", "B-2"]]
    csv_path = folder / "answers.csv"
    with csv_path.open("w", encoding="cp949", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(good)
        writer.writerows([_unknown(n), "이용중지", "KT", f"R-{n}"] for n in range(rows))
    xlsx_path = folder / "answers.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("회신")
    sheet.append(header)
    for row in good:
        sheet.append(row)
    for n in range(rows):
        sheet.append([_unknown(n), "이용중지", "KT", f"R-{n}"])
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def prepare_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    workstation = Workstation.open(url)
    kim = workstation.examiners.create(None, "Kim", "1001", password=PASSWORD)
    from forensics_app.services.records import Role

    lee = workstation.examiners.create(kim, "Lee", "2002", Role.REVIEWER, PASSWORD)
    blk = workstation.blocking
    from blocking import AdCategory, SightingInput, SourceKind

    for number in ("010-1111-2222", "010-3333-4444"):
        blk.registry.record_sighting(
            blocking_actor(kim),
            SightingInput(number, workstation.clock.now(), AdCategory.LENDING, SourceKind.MANUAL),
        )
    ids = blk.requests.queue_blockable(blocking_actor(kim)).created
    blk.requests.submit_for_approval(blocking_actor(kim), ids)
    blk.requests.approve(blocking_actor(lee), ids)
    out = folder / "usb"
    out.mkdir()
    workstation.submissions.export_package(lee, ids, out, allow_missing_photos=True)
    workstation.close()
    return url


def run(url: str, path: Path, data: Path) -> tuple[float, float, int, int, str]:
    """(seconds, peak MB, exit code, stderr lines, last stdout line) of one dry run."""
    environment = {
        **os.environ,
        "FORENSICS_APP_DATA_DIR": str(data),
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_LANG": "en",
    }
    command = [sys.executable, "-m", "forensics_app", "--db", url, "--examiner", "2002"]
    command += ["block", "responses", str(path), "--dry-run"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=environment)
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    last = (stdout.strip().splitlines() or [""])[-1]
    return seconds, usage.ru_maxrss / 1024, child.returncode, len(stderr.splitlines()), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bomb-mb", type=int, default=1800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-responses-") as tmp:
        folder = Path(tmp)
        data = folder / "data"
        data.mkdir()
        os.environ["FORENSICS_APP_DATA_DIR"] = str(data)
        started = time.perf_counter()
        url = prepare_database(folder)
        csv_path, xlsx_path = write_files(folder, args.rows)
        bomb = xlsx_bomb(folder / "bomb.xlsx", args.bomb_mb * 1024 * 1024)
        print(
            f"set-up {time.perf_counter() - started:.1f} s: {args.rows:,} rows; CSV "
            f"{csv_path.stat().st_size / 1e6:.0f} MB, XLSX {xlsx_path.stat().st_size / 1e6:.0f} "
            f"MB; bomb {bomb.stat().st_size / 1e3:.0f} KB → {args.bomb_mb:,} MB"
        )
        for label, path in (("XLSX zip bomb", bomb), ("CSV", csv_path), ("XLSX", xlsx_path)):
            seconds, peak, code, lines, last = run(url, path, data)
            print(
                f"{label:<14} {seconds:7.1f} s  peak {peak:7.0f} MB  exit {code}  "
                f"{lines} stderr lines  | {last[:90]}"
            )
        print("before the fix (issue 10): 1,000,000 rows 90 s, 1.37 GB, 1,000,000 stderr lines;")
        print("                          the bomb ran past 4.5 GB in a dry run")


if __name__ == "__main__":
    main()
