"""Block-request queue at scale (issue 4 targets), on SQLite and on PostgreSQL:

100,000 numbers with 2,000,000 sightings, then each of these in < 30 s:

* queueing every blockable number (one draft request per number and route),
* exporting a 10,000-request submission package (zip with lists, photos and manifest),
* importing a 10,000-row response file (CP949 CSV, as Korean systems write it).

Setting up (recording the sightings, approving the requests) is timed and printed but is
not a target. PostgreSQL is a throwaway server started like the test suite's.

    .venv/bin/python -m benchmarks.bench_blocking [--db sqlite|postgresql|both]
        [--numbers 100000] [--sightings 2000000] [--package 10000] [--responses 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import psycopg

from blocking import (
    Actor,
    AdCategory,
    Blocking,
    ManualClock,
    RequestFilter,
    RequestState,
    Role,
    SightingInput,
    SourceKind,
    load_config,
    make_engine,
    migrations,
    normalize_number,
    verify_package,
)

ROUTES = Path(__file__).resolve().parents[1] / "resources" / "blocking" / "routes.toml"
TARGET_SECONDS = 30.0
PHOTO_POOL = 5_000
PLACES = ["수원시 팔달구", "성남시 분당구", "용인시 기흥구", "안산시 단원구", "부천시", "화성시"]
EXAMINER = Actor("bench-e", "Bench Examiner", Role.EXAMINER)
REVIEWER = Actor("bench-r", "Bench Reviewer", Role.REVIEWER)
T = TypeVar("T")


def timed(label: str, action: Callable[[], T], target: float | None = None) -> T:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    verdict = ""
    if target is not None:
        verdict = "  OK" if seconds < target else f"  SLOW (target < {target:.0f} s)"
    print(f"  {label:<58} {seconds:8.1f} s{verdict}", flush=True)
    return result


def printed_number(index: int) -> str:
    """Distinct valid numbers: mostly mobile, some 050x personal and 070 VoIP, as printed."""
    kind = index % 10
    if kind < 7:
        return f"010-{2000 + index // 10_000:04d}-{index % 10_000:04d}"
    if kind < 9:
        return f"0505-{1000 + index // 10_000:04d}-{index % 10_000:04d}"
    return f"070-{3000 + index // 10_000:04d}-{index % 10_000:04d}"


def category_of(index: int) -> AdCategory:
    return (AdCategory.LENDING, AdCategory.OBSCENE_ADULT, AdCategory.OTHER)[index % 7 % 3]


def make_photos(folder: Path) -> list[tuple[Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    photos = []
    for i in range(PHOTO_POOL):
        path = folder / f"flyer_{i:05d}.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe0" + f"flyer photo {i}".encode() * 64)
        photos.append((path, hashlib.sha256(path.read_bytes()).hexdigest()))
    return photos


def sightings(numbers: int, total: int, photos: list[tuple[Path, str]]) -> Iterator[SightingInput]:
    per_number = max(1, total // numbers)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rng = random.Random(4)
    normalized = [normalize_number(printed_number(i)) for i in range(numbers)]
    for i in range(numbers):
        for j in range(per_number):
            path, sha = photos[(i * 7 + j) % len(photos)]  # distinct photos per number
            yield SightingInput(
                number=normalized[i],
                printed_as=printed_number(i),
                seen_at=start + timedelta(minutes=rng.randrange(60 * 24 * 60)),
                category=category_of(i),
                source_kind=SourceKind.FLYER_PHOTO,
                source_id=f"photo-{(i * 7 + j) % len(photos)}",
                case_number="BENCH-2025",
                photo_name=path.name,
                photo_sha256=sha,
                photo_path=str(path),
                place=PLACES[(i + j) % len(PLACES)],
                collector="citizen collection",
            )


def response_file(path: Path, blk: Blocking, request_ids: list[int]) -> None:
    """The answer to the package: 80 % suspended, 20 % rejected, CP949 like a Korean office."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["전화번호", "처리결과", "통신사", "접수번호", "처리일자"])
    for n, request in enumerate(blk.requests.get_many(request_ids)):
        result = "이용정지" if n % 5 else "반려"
        writer.writerow([request.national, result, "KT", f"KT-{n:06d}", "2025.03.07"])
    path.write_bytes(buffer.getvalue().encode("cp949"))


def run(url: str, folder: Path, args: argparse.Namespace) -> None:
    clock = ManualClock(datetime(2025, 3, 10, 1, 0, tzinfo=UTC))
    engine = make_engine(url)
    with engine.begin() as connection:
        migrations.upgrade(connection)
    blk = Blocking(engine, load_config(ROUTES), clock=clock)
    try:
        photos = timed(f"set-up: {PHOTO_POOL:,} photo files", lambda: make_photos(folder / "p"))
        recorded = timed(
            f"set-up: record {args.sightings:,} sightings of {args.numbers:,} numbers",
            lambda: blk.registry.record_sightings(
                EXAMINER, sightings(args.numbers, args.sightings, photos)
            ),
        )
        assert recorded.numbers_created == args.numbers, recorded
        assert recorded.added == args.sightings, recorded

        queued = timed(
            "queue every blockable number",
            lambda: blk.requests.queue_blockable(EXAMINER),
            TARGET_SECONDS,
        )
        print(f"    {len(queued.created):,} draft requests")
        ids = sorted(queued.created)
        timed(
            f"set-up: submit {len(ids):,} for approval",
            lambda: blk.requests.submit_for_approval(EXAMINER, ids),
        )
        chosen = ids[: args.package]
        timed(f"set-up: approve {len(chosen):,}", lambda: blk.requests.approve(REVIEWER, chosen))

        out = folder / "out"
        out.mkdir()
        package = timed(
            f"export a {len(chosen):,}-request package",
            lambda: blk.packages.export(REVIEWER, chosen, out),
            TARGET_SECONDS,
        )
        print(
            f"    {package.size / 2**20:.1f} MiB, {len(package.files):,} files, "
            f"SHA-256 {package.sha256[:16]}…"
        )
        assert verify_package(package.path) == []

        answers = folder / "answers.csv"
        answered = chosen[: args.responses]
        response_file(answers, blk, answered)
        report = timed(
            f"import a {len(answered):,}-row response file",
            lambda: blk.responses.import_file(REVIEWER, answers),
            TARGET_SECONDS,
        )
        print(
            f"    {len(report.applied):,} applied, {len(report.problems):,} problems, "
            f"encoding {report.encoding}"
        )
        assert not report.problems, report.problems[:3]
        counts = blk.requests.counts_by_state()
        waiting = RequestFilter(states=frozenset({RequestState.AWAITING_APPROVAL}))
        print(
            f"    now: suspended {counts[RequestState.SUSPENDED]:,}, "
            f"rejected {counts[RequestState.REJECTED]:,}, "
            f"awaiting approval {blk.requests.count(waiting):,}"
        )
    finally:
        engine.dispose()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    from tests.pg_server import running_server

    with running_server() as server:
        with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench_blocking")
        yield server.url("bench_blocking")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--sightings", type=int, default=2_000_000)
    parser.add_argument("--package", type=int, default=10_000)
    parser.add_argument("--responses", type=int, default=10_000)
    args = parser.parse_args()
    for database in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        print(f"{database}:", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-blocking-") as name:
            folder = Path(name)
            if database == "sqlite":
                run(f"sqlite:///{folder / 'blocking.sqlite3'}", folder, args)
            else:
                with postgres_database() as url:
                    run(url, folder, args)


if __name__ == "__main__":
    main()
