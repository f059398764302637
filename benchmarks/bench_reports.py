"""Case reports at scale (issue 14 targets), on SQLite:

a case with 1,000,000 artifacts, 5,000 flyer photos and 2,000 block requests;
HTML < 30 s, XLSX < 60 s, the PDF of the summary sections < 30 s, memory < 500 MB; the HTML's
first page interactive in Chromium < 2 s and a search over the 1,000,000 rows < 1 s.

Until the device store lands, the 1,000,000 artifacts are streamed through the section
interface by a generated section (tests/reports/synthetic.py), exactly as a phone section
will hand its rows to the writers. The photos are real JPEG files (2,000 flyer designs, the
other 3,000 re-shots of them), catalogued, OCR'd (the number is read from each design's ground
truth: the OCR pipeline has its own benchmark), reviewed, and turned into 2,000 requests in
several states.

Each report is made in a fresh child process, so its peak memory (ru_maxrss) is its own. The
baseline line is XlsxWriter alone writing the same 1,000,000 rows in the same process kind:
the floor any XLSX of this size costs on this machine (its load is printed too).

    .venv/bin/python -m benchmarks.bench_reports [--artifacts 1000000] [--photos 5000]
        [--requests 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ["cover", "evidence", "generated_artifacts", "flyers", "block_requests", "charts"]


def _log(text: str) -> None:
    print(text, flush=True)


# ---- the case ----------------------------------------------------------------------------------
def build(folder: Path, photos: int, requests: int) -> str:
    from forensics_app.services import Workstation
    from forensics_app.services.evidence import ItemDraft
    from forensics_app.services.records import blocking_actor
    from forensics_app.storage.models import ItemKind, Role
    from tests.clocks import pinned_clock
    from tests.conftest import PASSWORD
    from tests.ocr.helpers import draw_flyer
    from tests.reports.case_data import truth_recogniser

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    workstation = Workstation.open(url, pinned_clock())
    actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
    reviewer = workstation.examiners.create(
        actor, "Lee Reviewer", "2002", Role.REVIEWER, password=PASSWORD
    )
    case = workstation.cases.create(actor, "대규모 전단지 및 휴대전화 사건", number="BENCH-1")
    evidence = folder / "evidence"
    evidence.mkdir()
    for index in range(20):
        path = evidence / f"phone_{index:02d}.bin"
        path.write_bytes(os.urandom(256 * 1024))
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(kind=ItemKind.PHONE, description=f"휴대전화 {index}"), [path]
        )
    started = time.perf_counter()
    shots = folder / "flyers"
    shots.mkdir()
    rng = random.Random(14)
    designs = min(requests, photos)
    numbers = [f"010-{2000 + i // 10_000:04d}-{i % 10_000:04d}" for i in range(designs)]
    for index in range(photos):
        design = index % designs
        number = numbers[design]
        name = shots / f"IMG_{index:05d}.jpg"
        if index < designs:
            image, boxes = draw_flyer(
                [("급전 대출 당일입금", 40), (number, 52)],
                size=(800, 520),
                paper=(250, 200 + design % 50, 40 + design % 100),
            )
            exif = image.getexif()
            exif.get_ifd(0x8769)[0x9003] = (
                datetime(2026, 1, 5, tzinfo=UTC) + timedelta(hours=design * 2)
            ).strftime("%Y:%m:%d %H:%M:%S")
            image.save(name, quality=80, exif=exif)
            box = boxes[number]
        else:
            # A re-shot of the same flyer: same picture, different bytes.
            original = shots / f"IMG_{design:05d}.jpg"
            name.write_bytes(original.read_bytes() + rng.randbytes(16))
            box = json.loads((Path(str(original) + ".truth.json")).read_text())["box"]
        truth = {"number": number, "box": box, "category": "lending"}
        Path(str(name) + ".truth.json").write_text(json.dumps(truth), encoding="utf-8")
    _log(f"  {photos:,} photos drawn in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    imported = workstation.flyers.import_photos(
        actor, case.id, [shots], collected_place="수원시 팔달구 수원역", collected_by="김수집"
    )
    assert imported.item is not None
    _log(f"  catalogued in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    workstation.flyers.run_ocr(actor, [imported.item.id], jobs=2, recogniser=truth_recogniser)
    _log(f"  read and registered in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    queue = workstation.blocking.requests
    who, boss = blocking_actor(actor), blocking_actor(reviewer)
    created = queue.queue_blockable(who).created
    queue.submit_for_approval(who, created)
    queue.approve(boss, created)
    package = workstation.blocking.packages.export(boss, created[:300], folder)
    for request_id in package.request_ids[:150]:
        queue.record_suspension(boss, request_id, carrier="SKT", reference=f"R-{request_id}")
    for request_id in package.request_ids[150:200]:
        queue.record_rejection(boss, request_id, reference=f"R-{request_id}", note="반려")
    _log(
        f"  {len(created):,} requests through their states in {time.perf_counter() - started:.0f} s"
    )
    workstation.close()
    return url


# ---- one report in a child process -----------------------------------------------------------
def child(url: str, fmt: str, out: Path, artifacts: int) -> None:
    from forensics_app.reports.sections import register_section
    from forensics_app.services import Workstation
    from forensics_app.services.reports import ReportRequest
    from tests.clocks import pinned_clock
    from tests.conftest import PASSWORD
    from tests.reports.synthetic import GeneratedArtifacts

    class Artifacts(GeneratedArtifacts):
        rows = artifacts

    register_section(Artifacts)
    workstation = Workstation.open(url, pinned_clock())
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    case = workstation.cases.resolve("BENCH-1")
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=[fmt], section_ids=SECTIONS)
    )
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the photo workers
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime - cpu_before
    peak = max(own.ru_maxrss, workers.ru_maxrss) / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak}))


def xlsx_floor(out: Path, artifacts: int) -> None:
    """XlsxWriter alone, constant_memory, the same rows: the cost of the format itself."""
    import xlsxwriter

    from tests.reports.synthetic import artifact_rows

    started = time.perf_counter()
    cpu_started = time.process_time()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("m")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for row, values in enumerate(artifact_rows(artifacts), start=1):
        sheet.write_number(row, 0, values[0])
        sheet.write_datetime(row, 1, values[1].replace(tzinfo=None), stamp)
        sheet.write_string(row, 2, values[2])
        sheet.write_string(row, 3, values[3])
        sheet.write_string(row, 4, values[4])
        sheet.write_boolean(row, 5, values[5])
    book.close()
    print(
        json.dumps(
            {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu_started}
        )
    )


def _run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_reports", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# ---- the browser ---------------------------------------------------------------------------------
def browse(report: Path, artifacts: int) -> dict[str, float]:
    from tests.reports.chromium import chromium

    with chromium() as browser:
        browser.open(report / "index.html")
        ready = float(browser.evaluate("FR.ready.then(() => FR.readyAt)"))
        loaded = float(browser.evaluate("FR.loaded.then(() => FR.loadedAt)"))
        needle = f"needle-{(artifacts - 1) // 1000 * 1000}"
        unique = browser.evaluate(f"FR.search('messages', '{needle}')")
        common = browser.evaluate("FR.search('messages', '수원역')")
        cleared = browser.evaluate("FR.search('messages', '')")
        sort = browser.evaluate("FR.sort('messages', 3, -1)")
        heap = browser.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        errors = browser.console_errors()
        outside = [u for u in browser.requested_urls() if not u.startswith(report.as_uri())]
    return {
        "ready_ms": ready,
        "loaded_ms": loaded,
        "unique_ms": unique["ms"],
        "unique_matches": unique["matches"],
        "common_ms": common["ms"],
        "common_matches": common["matches"],
        "clear_ms": cleared["ms"],
        "sort_ms": sort["ms"],
        "heap_mb": float(heap) / 1e6,
        "errors": len(errors),
        "outside_requests": len(outside),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--artifacts", type=int, default=1_000_000)
    parser.add_argument("--photos", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, help="build the case here, or reuse it")
    parser.add_argument(
        "--child", nargs=3, metavar=("URL", "FORMAT", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]), args.artifacts)
        return
    if args.floor:
        xlsx_floor(args.floor, args.artifacts)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    _log(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not (folder / "bench.sqlite3").exists():
        _log(f"building the case: {args.photos:,} photos, {args.requests:,} requests …")
        started = time.perf_counter()
        url = build(folder, args.photos, args.requests)
        _log(f"  case built in {time.perf_counter() - started:.0f} s")
    _log(f"case: {args.artifacts:,} artifacts (generated section), photos and requests as built")
    results: dict[str, dict[str, Any]] = {}
    targets = {"html": 30, "xlsx": 60, "pdf": 30, "csv": None}
    for fmt, target in targets.items():
        out = folder / f"report-{fmt}-{time.time_ns()}"
        result = _run_child("--artifacts", str(args.artifacts), "--child", url, fmt, str(out))
        results[fmt] = {**result, "out": out}
        verdict = "" if target is None else (" ok" if result["seconds"] < target else " OVER")
        limit = "" if target is None else f" (target < {target} s)"
        _log(
            f"{fmt.upper():5} {result['seconds']:6.1f} s{limit}{verdict} "
            f"(CPU {result['cpu']:.1f} s); peak memory "
            f"{result['peak_mb']:.0f} MB (target < 500 MB)"
            f"{' ok' if result['peak_mb'] < 500 else ' OVER'}; "
            f"{sum(p.stat().st_size for p in out.rglob('*') if p.is_file()) / 1e6:.0f} MB on disk"
        )
    floor = _run_child(
        "--artifacts", str(args.artifacts), "--floor", str(folder / f"floor-{time.time_ns()}.xlsx")
    )
    _log(
        f"baseline: XlsxWriter alone, the same {args.artifacts:,} rows: {floor['seconds']:.1f} s "
        f"(CPU {floor['cpu']:.1f} s); whole XLSX report / baseline: wall "
        f"{results['xlsx']['seconds'] / floor['seconds']:.2f}, CPU "
        f"{results['xlsx']['cpu'] / floor['cpu']:.2f}"
    )
    figures = browse(results["html"]["out"], args.artifacts)
    _log(
        f"Chromium: first page interactive {figures['ready_ms'] / 1000:.2f} s (target < 2 s); "
        f"all {args.artifacts:,} rows loaded in the background by "
        f"{figures['loaded_ms'] / 1000:.2f} s"
    )
    _log(
        f"Chromium: search over {args.artifacts:,} rows: one match in "
        f"{figures['unique_ms'] / 1000:.2f} s, {figures['common_matches']:,} matches in "
        f"{figures['common_ms'] / 1000:.2f} s (target < 1 s); back to all rows "
        f"{figures['clear_ms'] / 1000:.2f} s; sort by number {figures['sort_ms'] / 1000:.2f} s"
    )
    _log(
        f"Chromium: JS heap {figures['heap_mb']:.0f} MB; script errors {figures['errors']}; "
        f"requests outside the report folder {figures['outside_requests']}"
    )
    _log(f"load average at the end {os.getloadavg()[0]:.1f}; files in {folder}")


if __name__ == "__main__":
    main()
