"""Case reports at scale (issue 14 targets), on SQLite.

The case: a seized phone imported through the one ingest path from a generated Android
file-system extraction on the real schemas (benchmarks/devices_data.py, as bench_devices
uses): 1,000,000 SMS, 100,000 calls and 10,000 contacts by default, 200 of its messages
tagged with a note; 5,000 flyer photos (2,000 flyer designs, the other 3,000 re-shots of
them: real JPEG files, catalogued, OCR'd from each design's ground truth — the OCR pipeline
has its own benchmark — and reviewed), the first 200 designs advertising the numbers the
phone's spam messages come from, so the cross-reference has work to do; 2,000 block requests
in several states.

Each report is the full-case preset (every section: the phone's tables, the cross-reference,
the case timeline of 1,100,000+ events, the charts) made in a fresh child process, so its
peak memory (VmHWM) is its own. Targets: HTML < 30 s, XLSX < 60 s, the PDF (the summaries and
the first rows of each table) < 30 s, memory < 500 MB; the HTML's first page interactive in
Chromium < 2 s, a search over the 1,000,000 message rows < 1 s. The machine is shared: CPU
seconds are printed beside wall time, with the load average.

The baseline line is plain sqlite3 reading the same 1,000,000 message rows from the store and
XlsxWriter alone writing them (constant_memory): the floor any XLSX of that table costs here.

    .venv/bin/python -m benchmarks.bench_reports [--messages 1000000] [--calls 100000]
        [--contacts 10000] [--photos 5000] [--requests 2000] [--keep DIR] [--formats …]

Round 7 (photos copied from the gallery's planning on, reads through a memory-mapped
connection, fewer garbage collections, cheaper timeline events, tables shared by rows x
(columns + 8), the manifest hashed on both cores), old (main 0adb1e0) against new on one copy
of the case, the store and signing key reset before each `--child` run, back to back. At load
1.9-2.7: HTML 42.0 s -> 25.1 s wall, CPU 63.1 -> 46.7 s, all processes together 417 -> 429 MB
plus 570 MB of the database file mapped (page cache, see TreeMemory). At load 3.0-3.8: XLSX
45.1 -> 42.2 s wall, CPU 61.8 -> 52.6 s, 348 -> 348 MB; PDF (new) 14.7 s, CPU 14.0 s, 413 MB
(old, load 5.6: 19.4 s, CPU 16.6 s, 410 MB). Per process (load ~10): the main one 31.9 ->
22.5 s CPU, the table process 25.0 -> 18.6 s, the photos 11.5 -> 5.7 s. Chromium (load 7):
first page 1.61 s, searches 0.18 s and 0.04 s. compare_reports: the HTML's 5,251 files and
the workbook's 36 parts identical; the PDF's text identical (WeasyPrint's bytes differ
between any two runs, old against old too).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASE_NUMBER = "BENCH-14"
TAGGED = 200
TARGETS = {"html": 30.0, "xlsx": 60.0, "pdf": 30.0, "csv": None}


def _log(text: str) -> None:
    print(text, flush=True)


def peak_memory_mb() -> float:
    """This process's own peak resident memory (ru_maxrss would carry the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- the case ----------------------------------------------------------------------------------
def build(folder: Path, args: argparse.Namespace) -> str:
    from benchmarks.devices_data import generate, lender_numbers
    from forensics_app.services import Workstation
    from forensics_app.services.artifacts import ArtifactQuery
    from forensics_app.services.evidence import ItemDraft
    from forensics_app.services.records import blocking_actor
    from forensics_app.storage.models import ItemKind, Role
    from tests.clocks import pinned_clock
    from tests.conftest import PASSWORD

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    workstation = Workstation.open(url, pinned_clock())
    actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
    reviewer = workstation.examiners.create(
        actor, "Lee Reviewer", "2002", Role.REVIEWER, password=PASSWORD
    )
    case = workstation.cases.create(actor, "대규모 전단지 및 휴대전화 사건", number=CASE_NUMBER)
    evidence = folder / "evidence"
    evidence.mkdir()
    for index in range(10):
        path = evidence / f"sim_{index:02d}.bin"
        path.write_bytes(os.urandom(256 * 1024))
        workstation.evidence.add_item(
            actor,
            case.id,
            ItemDraft(kind=ItemKind.SIM_OR_MEMORY_CARD, description=f"USIM {index}"),
            [path],
        )

    started = time.perf_counter()
    extraction = generate(folder / "extraction", args.messages, args.calls, args.contacts)
    _log(f"  extraction generated in {time.perf_counter() - started:.0f} s")
    started, cpu = time.perf_counter(), time.process_time()
    imported = workstation.ingest.import_paths(actor, case.id, [extraction])
    assert imported.item is not None
    _log(
        f"  imported {imported.counts} into {imported.item.exhibit_number} in "
        f"{time.perf_counter() - started:.0f} s (CPU {time.process_time() - cpu:.0f} s)"
    )
    spam = workstation.artifacts.page(ArtifactQuery(case.id, text="대출"), 0, TAGGED)
    for message in spam:
        workstation.artifacts.add_tag(actor, "message", message.id, "대출 광고")
        workstation.artifacts.add_note(actor, "message", message.id, "광고 번호 확인 필요")

    started = time.perf_counter()
    _flyers(workstation, actor, case.id, folder, args, lender_numbers(args.contacts))
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


def _flyers(
    workstation: Any,
    actor: Any,
    case_id: int,
    folder: Path,
    args: argparse.Namespace,
    lenders: list[str],
) -> None:
    from tests.ocr.helpers import draw_flyer
    from tests.reports.case_data import truth_recogniser

    started = time.perf_counter()
    shots = folder / "flyers"
    shots.mkdir()
    rng = random.Random(14)
    designs = min(args.requests, args.photos)
    numbers = lenders + [
        f"010-{2000 + i // 10_000:04d}-{i % 10_000:04d}" for i in range(designs - len(lenders))
    ]
    for index in range(args.photos):
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
                datetime(2024, 1, 5, tzinfo=UTC) + timedelta(hours=design * 2)
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
    _log(f"  {args.photos:,} photos drawn in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    imported = workstation.flyers.import_photos(
        actor, case_id, [shots], collected_place="수원시 팔달구 수원역", collected_by="김수집"
    )
    assert imported.item is not None
    workstation.flyers.run_ocr(actor, [imported.item.id], jobs=2, recogniser=truth_recogniser)
    _log(f"  catalogued, read and registered in {time.perf_counter() - started:.0f} s")


class TreeMemory:
    """The largest resident memory of this process and its children together, sampled: the
    forked table process works beside the main one, the photo workers too. Pages the
    processes share are counted in each (an upper bound). A child that is forked only to
    exec a program (the library lookups at WeasyPrint's import) is not a worker: its peak
    (ru_maxrss) is the parent's memory, but it holds it for milliseconds.

    Should the report read the store through a memory map (round 7 tried it: 1.5 s faster,
    taken out again by the lead: the main process then held 544 MB resident, and an I/O error
    on a mapped file is a crash), the pages of the database file it touches count in a
    process's resident memory, though they are the
    kernel's page cache (the same pages plain reads leave there, uncounted; clean, dropped
    under pressure). They are measured apart (`mapped_mb`, the largest sum seen) and left
    out of `peak_mb`, which counts everything else as before (the processes' own peaks,
    VmHWM and ru_maxrss, hold those pages too). Finding them reads /proc/PID/smaps, about
    6 ms a process with the file mapped (the kernel walks the mapping): sampled every 0.5 s
    then, not 0.2 s, so the sampling thread (whose CPU counts in the report's) stays cheap."""

    def __init__(self, database: Path | None = None, every: float | None = None) -> None:
        import threading

        self.peak_mb = 0.0
        self.mapped_mb = 0.0
        self._database = str(database) if database else None
        self._every = every if every is not None else (0.5 if database else 0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            resident, mapped = self.sample(self._database)
            self.peak_mb = max(self.peak_mb, resident - mapped)
            self.mapped_mb = max(self.mapped_mb, mapped)

    @staticmethod
    def sample(database: str | None = None) -> tuple[float, float]:
        """(resident MB of the tree, MB of it that are `database`'s file mapped)."""
        me = os.getpid()
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry.name)] = int(fields[1])
        tree, grew = {me}, True
        while grew:
            found = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= found
            grew = bool(found)
        total = mapped = 0
        for pid in tree:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                if database:
                    mapped += _mapped_kb(Path(f"/proc/{pid}/smaps").read_text(), database)
            except OSError:
                continue
        return total / 1024, mapped / 1024

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def _mapped_kb(smaps: str, path: str) -> int:
    """Resident kB of the mappings of `path` in a /proc/PID/smaps text."""
    kb, inside = 0, False
    for line in smaps.splitlines():
        head = line.split(maxsplit=1)[0] if line else ""
        if "-" in head and not head.endswith(":"):  # a mapping's first line
            inside = line.endswith(path)
        elif inside and head == "Rss:":
            kb += int(line.split()[1])
    return kb


# ---- one report in a child process -----------------------------------------------------------
def child(url: str, fmt: str, out: Path) -> None:
    from forensics_app.reports.builder import RowTally
    from forensics_app.services import Workstation
    from forensics_app.services.reports import ReportRequest
    from tests.clocks import pinned_clock
    from tests.conftest import PASSWORD

    workstation = Workstation.open(url, pinned_clock())
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    case = workstation.cases.resolve(CASE_NUMBER)
    counter = RowTally()
    tree = TreeMemory(Path(url.removeprefix("sqlite:///")))
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=[fmt], preset="full_case"), counter
    )
    seconds = time.perf_counter() - started
    together = tree.stop()
    own = resource.getrusage(resource.RUSAGE_SELF)
    # The photo workers and the forked table process (their CPU counts; their peak is the
    # largest one's).
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (
        (own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime)
        + workers.ru_utime
        + workers.ru_stime
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": peak_memory_mb(),
                "workers_peak_mb": workers.ru_maxrss / 1024,
                # This process's own peak (VmHWM) also holds the mapped file's pages: it
                # stands for the whole tree's only where nothing was mapped.
                "together_peak_mb": together if tree.mapped_mb else max(together, peak_memory_mb()),
                "mapped_db_mb": tree.mapped_mb,
                "rows": counter.rows,
                "sections": result.section_ids,
            }
        )
    )


def xlsx_floor(url: str, out: Path) -> None:
    """sqlite3 + XlsxWriter alone: the phone's message rows read straight from the store and
    written with constant_memory, the same columns (provenance as stored ids)."""
    import xlsxwriter

    started = time.perf_counter()
    cpu_started = time.process_time()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("m")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    database = url.removeprefix("sqlite:///")
    rows = 0
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        cursor = conn.execute(
            "SELECT id, sent_at, direction, service, status, number_raw, number_e164, "
            "participants, body, is_read, deleted, attachment_count, sent_at_raw, parse_note, "
            "source_id, source_table, source_row FROM artifact_messages ORDER BY sent_at, id"
        )
        for rows, values in enumerate(cursor, start=1):
            sheet.write_number(rows, 0, values[0])
            if values[1]:
                # UtcTimeKey: integer microseconds since 1970 (UTC) on SQLite
                when = datetime(1970, 1, 1) + timedelta(microseconds=values[1])
                sheet.write_datetime(rows, 1, when, stamp)
            for column in range(2, 9):
                if values[column]:
                    sheet.write_string(rows, column, values[column])
            sheet.write_boolean(rows, 9, bool(values[9]))
            sheet.write_boolean(rows, 10, bool(values[10]))
            sheet.write_number(rows, 11, values[11])
            for column in range(12, 17):
                sheet.write_string(rows, column, str(values[column]))
    conn.close()
    book.close()
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "cpu": time.process_time() - cpu_started,
                "rows": rows,
            }
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
def browse(report: Path, messages_table: str, rare: str) -> dict[str, float]:
    from tests.reports.chromium import chromium

    with chromium() as browser:
        browser.open(report / "index.html")
        ready = float(browser.evaluate("FR.ready.then(() => FR.readyAt)"))
        loaded = float(browser.evaluate("FR.loaded.then(() => FR.loadedAt)", timeout=600))
        total = int(browser.evaluate(f"FR.tables['{messages_table}'].meta.total"))
        figures: dict[str, float] = {"ready_ms": ready, "loaded_ms": loaded, "rows": total}
        for name, table, query in (
            ("rare", messages_table, rare),
            ("common", messages_table, "대출"),
            ("timeline", "timeline", "대출"),
        ):
            found = browser.evaluate(f"FR.search('{table}', '{query}')", timeout=600)
            figures[f"{name}_ms"] = found["ms"]
            figures[f"{name}_matches"] = found["matches"]
        figures["clear_ms"] = browser.evaluate(f"FR.search('{messages_table}', '')")["ms"]
        figures["sort_ms"] = browser.evaluate(f"FR.sort('{messages_table}', 5, -1)", timeout=600)[
            "ms"
        ]
        heap = browser.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        figures["heap_mb"] = float(heap) / 1e6
        figures["errors"] = len(browser.console_errors())
        figures["outside_requests"] = len(
            [u for u in browser.requested_urls() if not u.startswith(report.as_uri())]
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--formats", default="html,xlsx,pdf,csv")
    parser.add_argument("--keep", type=Path, help="build the case here, or reuse it")
    parser.add_argument(
        "--child", nargs=3, metavar=("URL", "FORMAT", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--floor", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]))
        return
    if args.floor:
        xlsx_floor(args.floor[0], Path(args.floor[1]))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    _log(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not (folder / "bench.sqlite3").exists():
        _log(
            f"building the case: a phone with {args.messages:,} SMS, {args.calls:,} calls, "
            f"{args.contacts:,} contacts; {args.photos:,} photos, {args.requests:,} requests …"
        )
        started = time.perf_counter()
        url = build(folder, args)
        _log(f"  case built in {time.perf_counter() - started:.0f} s")
    phone, rare, counts = _describe_case(url)
    _log(
        f"case {CASE_NUMBER}: phone {phone} with {counts['message']:,} messages, "
        f"{counts['call']:,} calls, {counts['contact']:,} contacts "
        f"({counts['message'] + counts['call'] + counts['contact']:,} artifacts); "
        f"{counts['timeline']:,} timeline events; "
        f"{counts['flyer_numbers']:,} flyer numbers on the phone"
    )
    results: dict[str, dict[str, Any]] = {}
    for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
        target = TARGETS[fmt]
        out = folder / f"report-{fmt}-{time.time_ns()}"
        result = _run_child("--child", url, fmt, str(out))
        results[fmt] = {**result, "out": out}
        _log(f"  {fmt.upper()}: load average {_load()} before")
        verdict = "" if target is None else (" ok" if result["seconds"] < target else " OVER")
        limit = "" if target is None else f" (target < {target:.0f} s)"
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        # The forked table process and the photo workers run beside the main process: the
        # verdict is on the sampled sum of them all.
        together = result["together_peak_mb"]
        _log(
            f"{fmt.upper():5} {result['seconds']:6.1f} s{limit}{verdict} "
            f"(CPU {result['cpu']:.1f} s); {result['rows']:,} table rows; peak memory: "
            f"main process {result['peak_mb']:.0f} MB, largest child "
            f"{result['workers_peak_mb']:.0f} MB, all processes together {together:.0f} MB "
            f"(target < 500 MB){' ok' if together < 500 else ' OVER'}, besides the "
            f"database file mapped for reading {result['mapped_db_mb']:.0f} MB (page cache); "
            f"{size:.0f} MB on disk"
        )
    _log(f"sections: {', '.join(next(iter(results.values()))['sections'])}")
    if "xlsx" in results:
        floor = _run_child("--floor", url, str(folder / f"floor-{time.time_ns()}.xlsx"))
        _log(
            f"baseline: sqlite3 + XlsxWriter alone, the {floor['rows']:,} message rows: "
            f"{floor['seconds']:.1f} s (CPU {floor['cpu']:.1f} s); whole XLSX report / baseline: "
            f"wall {results['xlsx']['seconds'] / floor['seconds']:.2f}, CPU "
            f"{results['xlsx']['cpu'] / floor['cpu']:.2f} (the report writes "
            f"{results['xlsx']['rows']:,} rows)"
        )
    if "html" in results:
        figures = browse(results["html"]["out"], f"messages_{phone.lower()}", rare)
        _log(
            f"Chromium: first page interactive {figures['ready_ms'] / 1000:.2f} s "
            f"(target < 2 s); every table's rows loaded in the background by "
            f"{figures['loaded_ms'] / 1000:.2f} s"
        )
        _log(
            f"Chromium: search over the {int(figures['rows']):,} message rows: {rare!r} "
            f"{int(figures['rare_matches']):,} matches in {figures['rare_ms'] / 1000:.2f} s, "
            f"'대출' {int(figures['common_matches']):,} matches in "
            f"{figures['common_ms'] / 1000:.2f} s (target < 1 s); back to all rows "
            f"{figures['clear_ms'] / 1000:.2f} s; sort by number {figures['sort_ms'] / 1000:.2f} s"
        )
        _log(
            f"Chromium: search over the {counts['timeline']:,} timeline rows: '대출' "
            f"{int(figures['timeline_matches']):,} matches in "
            f"{figures['timeline_ms'] / 1000:.2f} s"
        )
        _log(
            f"Chromium: JS heap {figures['heap_mb']:.0f} MB; script errors "
            f"{int(figures['errors'])}; requests outside the report folder "
            f"{int(figures['outside_requests'])}"
        )
    _log(f"load average at the end {os.getloadavg()[0]:.1f}; files in {folder}")


def _load() -> str:
    return ", ".join(f"{n:.1f}" for n in os.getloadavg())


def _describe_case(url: str) -> tuple[str, str, dict[str, int]]:
    """The phone's exhibit, a number it talks to (a rare search), and the counts."""
    from forensics_app.services import Workstation
    from forensics_app.services.artifacts import ArtifactQuery
    from tests.clocks import pinned_clock

    workstation = Workstation.open(url, pinned_clock())
    try:
        case = workstation.cases.resolve(CASE_NUMBER)
        (phone,) = workstation.artifacts.phones(case.id)
        first = workstation.artifacts.page(ArtifactQuery(case.id), 0, 1)[0]
        counts = {
            "message": phone.messages,
            "call": phone.calls,
            "contact": phone.contacts,
            "timeline": workstation.timeline.count(case.id),
            "flyer_numbers": len(workstation.xref.cross_reference(case.id)),
        }
        return phone.exhibit, first.number, counts
    finally:
        workstation.close()


if __name__ == "__main__":
    main()
