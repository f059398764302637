"""One hostile message body among normal ones: what the import costs, before and after the
search index and number scan were bounded to BODY_SCAN_LIMIT characters of a body.

A generated mmssms.db holds `--normal` ordinary SMS rows and one row whose body is
`--megabytes` of Korean text with digits. The same file is imported into fresh stores twice
in this process: with the limit (the code as it is) and with the limit lifted (the code
before: every character indexed and scanned). Prints wall and CPU seconds, the growth of the
store on disk and the load average; on PostgreSQL the server's CPU is not in the figure.
Also prints the longest body among real SMS fixtures when they are present, the evidence for
the limit.

    .venv/bin/python -m benchmarks.bench_long_body [--megabytes 4] [--normal 2000]
        [--db sqlite|postgresql|both] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from forensics_app.services import ingest, ingest_sql

ROOT = Path(__file__).resolve().parent.parent
REAL = Path("/work/shared/fixtures/real")
NO_LIMIT = 2**31 - 1  # the code before: every character (a larger length overflows substr)


def make_source(path: Path, megabytes: float, normal: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.importers.builders import ANDROID_SMS

    rng = random.Random(7)
    words = ["대출", "승인", "문의", "당일", "입금", "가능", "연락", "주세요", "무직자"]
    conn = sqlite3.connect(path)
    for statement in ANDROID_SMS:
        conn.execute(statement)
    rows = []
    for n in range(1, normal + 1):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 25)))
        rows.append((n, 1, f"010-{1000 + n % 9000:04d}-{n % 10_000:04d}", 1_700_000_000_000 + n,
                     1, 1, f"{text} 010-{2000 + n % 7000:04d}-{n % 10_000:04d}"))  # fmt: skip
    # Random syllables: a body that repeats itself would make a small index and flatter
    # the old code. Hangul is three bytes in UTF-8.
    pool = [chr(c) for c in range(0xAC00, 0xAC00 + 800)] + list("0123456789 ")
    huge = "".join(rng.choices(pool, k=int(megabytes * 1024 * 1024 / 3)))
    rows.append((normal + 1, 1, "010-1234-5678", 1_700_000_000_000, 1, 1, huge))
    conn.executemany(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("INSERT INTO canonical_addresses (_id, address) VALUES (1, '01012345678')")
    conn.execute("INSERT INTO threads (_id, recipient_ids) VALUES (1, '1')")
    conn.commit()
    conn.close()
    return path


@contextmanager
def limit(value: int) -> Iterator[None]:
    saved = ingest.BODY_SCAN_LIMIT, ingest_sql.BODY_SCAN_LIMIT
    ingest.BODY_SCAN_LIMIT = ingest_sql.BODY_SCAN_LIMIT = value
    try:
        yield
    finally:
        ingest.BODY_SCAN_LIMIT, ingest_sql.BODY_SCAN_LIMIT = saved


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def import_once(url: str, source: Path, store: Path | None) -> tuple[float, float, int, int]:
    from forensics_app.services import Workstation

    workstation = Workstation.open(url)
    examiner = workstation.examiners.create(None, "Bench", "B-1", password="benchmark")
    case = workstation.cases.create(examiner, "Long body", number="BENCH-LB")
    before = disk_bytes(store) if store else 0
    wall, cpu = time.perf_counter(), time.process_time()
    report = workstation.ingest.import_paths(examiner, case.id, [source])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workstation.close()
    grown = disk_bytes(store) - before if store else 0
    return wall, cpu, grown, report.counts["message"]


def longest_real_body() -> None:
    found = sorted(REAL.rglob("mmssms.db")) + sorted(REAL.rglob("sms.db")) if REAL.exists() else []
    for path in found:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            for companion in ("-wal", "-shm", "-journal"):
                if Path(f"{path}{companion}").exists():
                    shutil.copyfile(f"{path}{companion}", f"{copy}{companion}")
            conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            table = "sms" if path.name == "mmssms.db" else "message"
            column = "body" if table == "sms" else "text"
            try:
                longest = conn.execute(f"SELECT max(length({column})) FROM {table}").fetchone()[0]
            except sqlite3.Error:
                longest = None
            conn.close()
        print(f"longest real body in {path.relative_to(REAL)}: {longest} characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--normal", type=int, default=2000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-long-body-", dir=args.work))
    try:
        source = make_source(work / "mmssms.db", args.megabytes, args.normal)
        print(f"source: {args.normal:,} SMS + one body of {args.megabytes} MB "
              f"(file {source.stat().st_size / 1e6:.1f} MB); limit "
              f"{ingest_sql.BODY_SCAN_LIMIT:,} characters")  # fmt: skip
        longest_real_body()
        from forensics_app.storage.database import Database

        for name, value in (("before (no limit)", NO_LIMIT), ("now (bounded)", None)):
            if args.db in ("sqlite", "both"):
                store = work / f"sqlite-{value}"
                store.mkdir()
                url = f"sqlite:///{store / 'catalog.sqlite3'}"
                Database.open(url).dispose()
                with limit(value or ingest_sql.BODY_SCAN_LIMIT):
                    wall, cpu, grown, count = import_once(url, source, store)
                print(f"SQLite {name:18} wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                      f"store grew {grown / 1e6:8.1f} MB  messages {count:,}")  # fmt: skip
                shutil.rmtree(store)
            if args.db in ("postgresql", "both"):
                sys.path.insert(0, str(ROOT))
                from tests.pg_server import running_server

                with running_server() as server, limit(value or ingest_sql.BODY_SCAN_LIMIT):
                    url = server.url()
                    Database.connect(url).upgrade()
                    wall, cpu, _, count = import_once(url, source, None)
                print(f"PostgreSQL {name:14} wall {wall:7.2f} s  cpu {cpu:7.2f} s "
                      f"(client only)  messages {count:,}")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
