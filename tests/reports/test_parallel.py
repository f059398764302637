"""The tables written by two processes (a forked one taking about half the rows) make the same
report, byte for byte in its data files and cell for cell in the workbook, as one process;
an error in the second process reaches the caller and nothing is kept."""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from forensics_app.errors import UserError
from forensics_app.reports import builder
from forensics_app.reports.model import (
    Block,
    Box,
    Column,
    Gallery,
    Kind,
    Picture,
    ReportContext,
    Section,
    Table,
)
from forensics_app.reports.sections import register_section, unregister_section
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import CaseData
from tests.reports.synthetic import GeneratedArtifacts

# Not the evidence section: its custody table gains the first report's entry.
SECTIONS = ["flyers", "block_requests", "timeline", "device_summary"]


def _digests(folder: Path, pattern: str) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob(pattern))
    }


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {
        name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames
    }


def test_two_processes_make_the_same_report_as_one(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sections = [*SECTIONS, generated_section.id]
    outputs = {}
    forked: list[bool] = []
    original = builder._fork

    def counting_fork(*args: object) -> object:
        forked.append(True)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(builder, "_fork", counting_fork)
    for parallel in (False, True):
        monkeypatch.setattr(builder, "PARALLEL_ROWS", 0 if parallel else 10**12)
        monkeypatch.setattr(builder, "can_fork", lambda parallel=parallel: parallel)
        out = tmp_path / f"report-{parallel}"
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id, out, formats=["html", "xlsx", "csv"], section_ids=sections
            ),
        )
        outputs[parallel] = out
    assert forked == [True, True, True]  # once per format, only in the parallel run
    one, two = outputs[False], outputs[True]
    assert _digests(one, "data/*/*.js") == _digests(two, "data/*/*.js")
    assert len(_digests(one, "data/*/*.js")) > 5
    # The summaries name the custody chain's head, which the first report moved on.
    tables_csv = _digests(one, "csv/*.csv")
    assert tables_csv.pop("csv/summary.csv") != _digests(two, "csv/summary.csv")
    assert tables_csv == {k: v for k, v in _digests(two, "csv/*.csv").items() if k in tables_csv}
    assert len(tables_csv) == len(_digests(two, "csv/*.csv")) - 1 > 5
    sheets_one, sheets_two = _sheets(one / "report.xlsx"), _sheets(two / "report.xlsx")
    assert sheets_one.pop("요약") != sheets_two.pop("요약")
    assert sheets_one == sheets_two and len(sheets_one) > 5
    assert (two / "index.html").read_text(encoding="utf-8").count('"total"') == (
        one / "index.html"
    ).read_text(encoding="utf-8").count('"total"')
    assert workstation.reports.verify(two).known


def test_an_error_in_the_second_process_fails_the_report(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(builder, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(builder, "can_fork", lambda: True)
    original = builder.schedule

    def failing_schedule(tables: list[Table]) -> list[int]:
        order = original(tables)
        # The second process starts on the first table of the order.
        table = tables[order[0]]

        def broken() -> list[tuple[object, ...]]:
            raise UserError("Cannot read {path}: {reason}", path="the rows", reason="gone")

        object.__setattr__(table, "rows", broken)
        return order

    monkeypatch.setattr(builder, "schedule", failing_schedule)
    out = tmp_path / "report"
    with pytest.raises(UserError, match="Cannot read the rows: gone"):
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id,
                out,
                formats=["html"],
                section_ids=["block_requests", generated_section.id],
            ),
        )
    assert not out.exists()
    assert not list(tmp_path.glob(".report*"))  # the staging folder is gone too


def test_no_second_process_off_the_main_thread() -> None:
    """The GUI makes reports in a worker thread: fork would keep only that thread."""
    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(builder.can_fork()))
    worker.start()
    worker.join()
    assert seen == [False]


def test_the_second_process_starts_on_the_biggest_table_and_results_keep_the_order(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    """The two processes share the tables biggest first (rows times columns plus a row's
    own cost): the forked one always starts on the biggest; whichever is free takes the
    next; the results come back in the tables' order whoever made them."""
    context = workstation.reports.context(
        actor, ReportRequest(case_data.case.id, tmp_path / "report", formats=["html"])
    )
    sizes = [5, 50, 10, 40, 1, 30]
    # The table of 10 rows has twenty columns: 10 x (20 + 8), ahead of 30 rows of one,
    # 30 x (1 + 8); with three columns, 10 x (3 + 8) would come after them.
    wide = 20

    def table(index: int, n: int) -> Table:
        return Table(
            id=f"t{index}",
            title=f"Table {index}",
            columns=[Column(f"c{c}", f"C{c}", Kind.INTEGER) for c in range(wide if n == 10 else 1)],
            rows=lambda: [(j,) for j in range(n)],
            count=lambda: n,
        )

    tables = [table(index, n) for index, n in enumerate(sizes)]
    assert builder.schedule(tables) == [1, 3, 2, 5, 0, 4]

    def work(table: Table) -> tuple[str, int, int]:
        return table.id, os.getpid(), sum(1 for _ in table.rows())

    done = builder.TableJob(context, tables, work, parallel=True).finish()
    assert [(name, rows) for name, _pid, rows in done] == [
        (f"t{index}", n) for index, n in enumerate(sizes)
    ]
    assert done[1][1] != os.getpid()  # the biggest, by the forked process
    # Without a second process, this one makes them all.
    alone = builder.TableJob(context, tables, work, parallel=False).finish()
    assert {pid for _name, pid, _rows in alone} == {os.getpid()}
    assert [(n, r) for n, _p, r in alone] == [(n, r) for n, _p, r in done]


def test_a_second_process_killed_while_it_holds_the_table_counter_fails_the_job(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The processes share a counter under a lock; a second process that dies holding it
    (killed by the system, say) must not leave this one waiting for ever."""
    context = workstation.reports.context(
        actor, ReportRequest(case_data.case.id, tmp_path / "report", formats=["html"])
    )
    parent = os.getpid()
    real_take = builder.TableJob._take

    def take_then_die(job: builder.TableJob[int]) -> int | None:
        if os.getpid() != parent:  # the second process, after its first table
            job._taken.get_lock().acquire()
            os._exit(9)
        return real_take(job)

    monkeypatch.setattr(builder.TableJob, "_take", take_then_die)

    def table(n: int) -> Table:
        return Table(
            id=f"t{n}",
            title=f"Table {n}",
            columns=[Column("c", "C", Kind.INTEGER)],
            rows=lambda: [(j,) for j in range(n)],
            count=lambda: n,
        )

    tables = [table(n) for n in (30, 20, 10, 5)]

    def count_rows(table: Table) -> int:
        if os.getpid() == parent:
            time.sleep(0.5)  # the second process asks for its next table meanwhile, and dies
        return len(list(table.rows()))

    job = builder.TableJob(context, tables, count_rows, parallel=True)
    outcome: list[BaseException] = []

    def finish() -> None:
        try:
            job.finish()
        except BaseException as exc:
            outcome.append(exc)

    # A watchdog, not a timing assertion: without the check this thread never ended.
    waiter = threading.Thread(target=finish, daemon=True)
    waiter.start()
    waiter.join(timeout=120)
    assert not waiter.is_alive()
    assert len(outcome) == 1 and "ended with code 9" in str(outcome[0])


class ManyPhotos(Section):
    """More photos than are worth worker processes, planned before a section of many rows;
    every tenth one changed since it was catalogued (its hash differs)."""

    id = "many_photos"
    title = "Photos"
    order = 25
    source = ""

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        digest = hashlib.sha256(Path(self.source).read_bytes()).hexdigest()
        yield Gallery(
            "many",
            "Photos",
            lambda: [
                Picture(
                    self.source,
                    "0" * 64 if n % 10 == 0 else digest,
                    [f"photo {n}"],
                    [Box(((10.0, 10.0), (200.0 + n, 10.0), (200.0, 80.0)), "010")],
                    f"many-{n}",
                )
                for n in range(builder.PARALLEL_PHOTOS + 6)
            ],
        )


@pytest.fixture
def many_photos(case_data: CaseData) -> Iterator[type[ManyPhotos]]:
    ManyPhotos.source = str(case_data.photos / "massage.jpg")
    register_section(ManyPhotos)
    yield ManyPhotos
    unregister_section(ManyPhotos.id)


def test_photos_copied_by_a_process_started_while_planning_make_the_same_report(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    many_photos: type[ManyPhotos],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the tables are forked, the gallery's photos are copied by a process of their own
    started as soon as the gallery is planned (before the fork: no pool threads here), and
    the page, its photo list and the copies are those the photo pool makes."""
    events: list[str] = []
    real_fork, real_photos = builder._fork, builder._PhotoProcess

    def counting_fork(*args: object) -> object:
        events.append("tables forked")
        return real_fork(*args)  # type: ignore[arg-type]

    class CountingPhotos(real_photos):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object) -> None:
            events.append("photo process")
            super().__init__(*args)

    monkeypatch.setattr(builder, "_fork", counting_fork)
    monkeypatch.setattr(builder, "_PhotoProcess", CountingPhotos)
    outputs = {}
    for alone in (False, True):
        monkeypatch.setattr(builder, "PARALLEL_ROWS", 0 if alone else 10**12)
        monkeypatch.setattr(builder, "can_fork", lambda alone=alone: alone)
        out = tmp_path / f"report-{alone}"
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id,
                out,
                formats=["html"],
                section_ids=[many_photos.id, generated_section.id, "block_requests"],
            ),
        )
        outputs[alone] = out
    assert events == ["photo process", "tables forked"]
    pooled, early = outputs[False], outputs[True]
    copies = _digests(pooled, "images/many/*.jpg")
    assert len(copies) == builder.PARALLEL_PHOTOS + 6
    assert _digests(early, "images/many/*.jpg") == copies
    assert _digests(early, "data/*/*.js") == _digests(pooled, "data/*/*.js")
    photos = (early / "data" / "many" / "photos.js").read_text(encoding="utf-8")
    assert photos.count("SHA-256") == 7  # photos 0, 10, … 60: changed since catalogued
    assert sorted(p.name for p in early.iterdir()) == sorted(p.name for p in pooled.iterdir())
    assert workstation.reports.verify(early).known


def test_a_photo_process_that_dies_fails_the_report(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    many_photos: type[ManyPhotos],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(builder, "can_fork", lambda: True)
    real_results = builder._PhotoProcess.results

    def killed_first(self: builder._PhotoProcess, context: ReportContext) -> Iterator[object]:
        os.kill(self._process.pid, signal.SIGKILL)
        self._process.join()
        return real_results(self, context)

    monkeypatch.setattr(builder._PhotoProcess, "results", killed_first)
    out = tmp_path / "report"
    with pytest.raises(RuntimeError, match="photo process ended with code -9"):
        workstation.reports.generate(
            actor,
            ReportRequest(case_data.case.id, out, formats=["html"], section_ids=[many_photos.id]),
        )
    assert not out.exists()
    assert not list(tmp_path.glob(".report*"))  # the staging folder (and the jobs file) too


def test_the_collector_runs_less_often_while_a_report_is_built_and_as_before_after(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    """The thresholds are raised for the report (its tables' rows, in both processes) and put
    back after it, also when two holders overlap (two reports at once in the GUI)."""
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    class Watching(Section):
        id = "watching"
        title = "Watching"
        order = 99

        def blocks(self, context: ReportContext) -> Iterator[Block]:
            def rows() -> list[tuple[int]]:
                seen.append(gc.get_threshold())
                return [(1,)]

            yield Table("watching", "Watching", [Column("n", "N", Kind.INTEGER)], rows)

    register_section(Watching)
    try:
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id, tmp_path / "report", formats=["html"], section_ids=["watching"]
            ),
        )
    finally:
        unregister_section(Watching.id)
    assert seen == [builder.REPORT_GC_THRESHOLDS]
    assert gc.get_threshold() == before
    with builder.fewer_collections():
        with builder.fewer_collections():
            assert gc.get_threshold() == builder.REPORT_GC_THRESHOLDS
        assert gc.get_threshold() == builder.REPORT_GC_THRESHOLDS
    assert gc.get_threshold() == before
