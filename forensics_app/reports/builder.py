"""Builds a report into a folder: sections → blocks, images once, then each format.

The folder is the caller's staging folder (services.reports moves it into place when it is
complete and recorded in the custody log). Everything here is streamed: a table's rows pass
through each writer once and are not kept.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from forensics_app.progress import Cancelled
from forensics_app.reports.images import PhotoCopy, outlined_copy
from forensics_app.reports.model import (
    Block,
    Figure,
    Gallery,
    Picture,
    ReportContext,
    Section,
    Table,
)

log = logging.getLogger(__name__)

FORMATS = ("html", "pdf", "xlsx", "csv")
IMAGES_DIR = "images"
CHECK_EVERY = 2_000  # rows between cancel checks and progress updates
PARALLEL_PHOTOS = 64  # fewer photos than this are not worth starting worker processes
MAX_PHOTO_WORKERS = 4
# Fewer table rows than this are not worth a second process for the tables.
PARALLEL_ROWS = 200_000
# What a row costs besides its cells (reading it, its generator, its encoding), in cells: a
# big case's 9-column timeline costs about as much a row as its 18-column messages, and the
# 10-column cross-reference occurrences (160,000 rows) more than the 18-column calls
# (100,000): counted by cells alone, the calls went first and one process waited seconds
# at the end for the other's occurrences.
ROW_CELLS = 8
WAIT_STEP = 0.2  # seconds between cancel checks while waiting for the second process
# The collector's thresholds while a report is built (Python's are 700, 10, 10): see
# `fewer_collections`.
REPORT_GC_THRESHOLDS = (50_000, 20, 100)

Result = TypeVar("Result")


@dataclass
class SectionPlan:
    section: Section
    title: str
    blocks: list[Block]


@dataclass
class FigureFile:
    figure: Figure
    file: str  # relative to the report folder
    problem: str = ""


@dataclass
class GalleryFiles:
    gallery: Gallery
    photos: list[tuple[Picture, PhotoCopy]] = field(default_factory=list)


@dataclass
class Prepared:
    """What every writer shares: the plan, and the images made once."""

    context: ReportContext
    sections: list[SectionPlan]
    figures: dict[str, FigureFile]
    galleries: dict[str, GalleryFiles]


class RowCounter:
    """Streams a table's rows, checking for cancel and reporting progress as they pass."""

    def __init__(self, context: ReportContext) -> None:
        self._context = context
        self.rows = 0

    def stream(self, table: Table) -> Generator[Sequence[Any], None, None]:
        progress = self._context.progress
        pending = 0
        for row in table.rows():
            yield row
            pending += 1
            if pending == CHECK_EVERY:
                self.rows += pending
                progress.advance(pending, table.title)
                pending = 0
                if progress.is_cancelled():
                    raise Cancelled
        self.rows += pending
        progress.advance(pending, table.title)


def plan_sections(
    context: ReportContext,
    sections: Sequence[Section],
    planned: Callable[[Block], None] | None = None,
) -> list[SectionPlan]:
    """Each section's blocks; `planned(block)` is called as each one is made (the builder
    starts a gallery's photo copies there, while the later sections are planned)."""
    plans = []
    for section in sections:
        context.progress.begin(None, context.t(section.title))
        if context.progress.is_cancelled():
            raise Cancelled
        blocks = []
        for block in section.blocks(context):
            blocks.append(block)
            if planned is not None:
                planned(block)
        plans.append(SectionPlan(section, context.t(section.title), blocks))
    return plans


def prepare(
    context: ReportContext,
    sections: Sequence[Section],
    folder: Path,
    *,
    preview: bool = False,
) -> Prepared:
    """Plan the sections and make their images (`preview`: only the photos the PDF shows)."""
    return make_images(context, plan_sections(context, sections), folder, preview=preview)


def make_images(
    context: ReportContext,
    plans: list[SectionPlan],
    folder: Path,
    *,
    preview: bool = False,
    photos: dict[str, PhotoCopies] | None = None,
    figures: dict[str, FigureFile] | None = None,
) -> Prepared:
    """The planned sections' charts and photo copies (those `start_photos` and
    `render_figures` began or made are taken as they are)."""
    figures = render_figures(plans, folder) if figures is None else figures
    galleries: dict[str, GalleryFiles] = {}
    started = photos or {}
    for block in _blocks(plans):
        if isinstance(block, Gallery):
            copies = started.get(block.id)
            if copies is None:
                copies = PhotoCopies(context, block, folder, preview=preview)
            galleries[block.id] = copies.collect()
    return Prepared(context, plans, figures, galleries)


def render_figures(plans: list[SectionPlan], folder: Path) -> dict[str, FigureFile]:
    images = folder / IMAGES_DIR
    images.mkdir(exist_ok=True)
    return {
        block.id: _render_figure(block, images)
        for block in _blocks(plans)
        if isinstance(block, Figure)
    }


def start_photos(
    context: ReportContext,
    plans: list[SectionPlan],
    folder: Path,
    *,
    preview: bool = False,
    cores_taken: int = 0,
    started: dict[str, PhotoCopies] | None = None,
) -> dict[str, PhotoCopies]:
    """Every gallery's photo copies, begun (see `PhotoCopies`), those in `started` kept as
    they are; the caller closes them. `cores_taken`: cores other processes of the report keep
    busy meanwhile."""
    started = dict(started or {})
    try:
        for block in _blocks(plans):
            if isinstance(block, Gallery) and block.id not in started:
                started[block.id] = PhotoCopies(
                    context, block, folder, preview=preview, cores_taken=cores_taken
                )
    except BaseException:
        for copies in started.values():
            copies.close()
        raise
    return started


def _blocks(plans: Iterable[SectionPlan]) -> Iterator[Block]:
    for plan in plans:
        yield from plan.blocks


def _render_figure(figure: Figure, images: Path) -> FigureFile:
    target = images / f"{figure.id}.png"
    figure.render(target)
    return FigureFile(figure, f"{IMAGES_DIR}/{target.name}")


def _copy_one(job: tuple[Picture, Path]) -> PhotoCopy:
    return outlined_copy(*job)


class PhotoCopies:
    """Outlined copies of a gallery's photos (`preview`: only those the PDF shows); thousands
    are decoded by a process per core (spawned: the GUI's Qt threads and fork do not mix),
    which start at once and work while this process does something else (the HTML's
    tables); `collect` gathers them, `close` stops the workers.

    `alone`: one spawned process of its own copies them all, started at once with no thread
    in this process, so the HTML's table process can still be forked after it (a pool runs
    threads here): the builder starts it the moment the gallery is planned, and it works on
    the idle core while the later sections are planned on this one."""

    def __init__(
        self,
        context: ReportContext,
        gallery: Gallery,
        folder: Path,
        *,
        preview: bool = False,
        cores_taken: int = 0,
        alone: bool = False,
    ) -> None:
        self._context = context
        self._gallery = gallery
        limit = gallery.pdf_pictures if preview else None
        target = folder / IMAGES_DIR / gallery.id
        pictures = list(gallery.pictures())[:limit]
        self._jobs = [
            (picture, target / f"{index:05d}.jpg") for index, picture in enumerate(pictures)
        ]
        # Beside the HTML's second table process (which takes a core), one worker process
        # is enough: it works while this process writes tables, and each worker is memory.
        workers = min((os.cpu_count() or 1) - cores_taken, MAX_PHOTO_WORKERS)
        self._pool: ProcessPoolExecutor | None = None
        self._process: _PhotoProcess | None = None
        # One worker alone is no faster than this process; beside the tables it frees this one.
        useful = workers > 1 or (cores_taken > 0 and workers > 0)
        if len(self._jobs) >= PARALLEL_PHOTOS and alone:
            self._process = _PhotoProcess(self._jobs, folder)
            self._copies: Iterator[PhotoCopy] = self._process.results(context)
        elif len(self._jobs) >= PARALLEL_PHOTOS and useful:
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn")
            )
            self._copies = self._pool.map(_copy_one, self._jobs, chunksize=16)
        else:
            self._copies = map(_copy_one, self._jobs)

    def collect(self) -> GalleryFiles:
        context = self._context
        result = GalleryFiles(self._gallery)
        context.progress.begin(len(self._jobs), context.t("Photos"), "photos")
        try:
            for (picture, _target), copy in zip(self._jobs, self._copies, strict=True):
                if context.progress.is_cancelled():
                    raise Cancelled
                if copy.problem:
                    log.warning("Report photo %s: %s", picture.path, copy.problem)
                result.photos.append((picture, copy))
                context.progress.advance(1)
        finally:
            self.close()
        return result

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        process, self._process = self._process, None
        if process is not None:
            process.close()


class _PhotoProcess:
    """One spawned process copying a gallery's photos (see `PhotoCopies`, `alone`). The jobs
    go to it in a file of the report's folder (a pipe would hold this process until the new
    one had started and read them all); the copies come back in one message at the end."""

    JOBS_FILE = ".photo-jobs-{pid}-{serial}.pickle"
    _serial = itertools.count()

    def __init__(self, jobs: list[tuple[Picture, Path]], folder: Path) -> None:
        spawning = multiprocessing.get_context("spawn")
        self._jobs_file = folder / self.JOBS_FILE.format(pid=os.getpid(), serial=next(self._serial))
        with self._jobs_file.open("wb") as handle:
            pickle.dump(jobs, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._receiver, sender = spawning.Pipe(duplex=False)
        self._process: Any = spawning.Process(
            target=_copy_photos, args=(str(self._jobs_file), sender), name="report-photos"
        )
        self._process.daemon = True
        try:
            self._process.start()
        except BaseException:
            self._receiver.close()
            self._jobs_file.unlink(missing_ok=True)
            raise
        finally:
            sender.close()

    def results(self, context: ReportContext) -> Iterator[PhotoCopy]:
        status, payload, _rows = _wait(context, self._process, self._receiver, "photo")
        if status != "ok":
            raise payload
        copies: list[PhotoCopy] = payload
        yield from copies

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()
        self._jobs_file.unlink(missing_ok=True)


def _copy_photos(jobs_file: str, sender: Any) -> None:
    """The photo process (`_PhotoProcess`): every job's copy, sent back in one message."""
    try:
        with open(jobs_file, "rb") as handle:
            jobs: list[tuple[Picture, Path]] = pickle.load(handle)  # written by the parent
        outcome: tuple[str, Any, int] = ("ok", [outlined_copy(*job) for job in jobs], 0)
    except BaseException as exc:  # every failure goes back to the parent
        outcome = ("error", exc, 0)
    try:
        sender.send(outcome)
    except Exception:  # an exception that cannot be pickled
        sender.send(("error", RuntimeError(repr(outcome[1])), 0))
    finally:
        sender.close()


_collections_lock = threading.Lock()
_collections_held: list[tuple[int, int, int]] = []  # the thresholds before, per holder


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The garbage collector runs less often inside the block (REPORT_GC_THRESHOLDS). A report
    streams millions of rows in batches of thousands: each batch's rows outlive many young
    collections and were scanned again and again, a fifth of a big table's time; the rows
    make no reference cycles, and what cycles there are (sessions) are still collected, only
    later. Process-wide (the thresholds are); the first holder sets them, the last one out
    puts back what was there (two reports at once in the GUI)."""
    with _collections_lock:
        if not _collections_held:
            before = gc.get_threshold()
            gc.set_threshold(*REPORT_GC_THRESHOLDS)
        else:
            before = _collections_held[0]
        _collections_held.append(before)
    try:
        yield
    finally:
        with _collections_lock:
            _collections_held.pop()
            if not _collections_held:
                gc.set_threshold(*before)


def build(
    context: ReportContext, sections: Sequence[Section], formats: Sequence[str], folder: Path
) -> None:
    """Write the report's formats into `folder` (which exists and is empty)."""
    with fewer_collections():
        _build(context, sections, formats, folder)


def _build(
    context: ReportContext, sections: Sequence[Section], formats: Sequence[str], folder: Path
) -> None:
    from forensics_app.reports import csv_writer, html, pdf, xlsx

    # Without the HTML, only the photos the PDF shows are needed.
    preview = "html" not in formats
    # With the HTML, a gallery's photos are copied by a process of their own from the moment
    # the gallery is planned: the later sections are planned on one core (seconds, for a big
    # case) while the other was idle. A process started with no thread here, so that the
    # HTML's table process can still be forked once the planning is done.
    alone = not preview and can_fork()
    html_tables: TableJob[Any] | None = None
    photos: dict[str, PhotoCopies] = {}

    def planned(block: Block) -> None:
        if alone and isinstance(block, Gallery) and block.id not in photos:
            photos[block.id] = PhotoCopies(context, block, folder, alone=True)

    try:
        plans = plan_sections(context, sections, planned)
        if "html" in formats:
            # The HTML's tables start at once, a forked process taking the biggest (forked
            # before any photo pool starts its threads here), and the photos are copied by
            # their workers while this process writes tables too: every core busy until
            # the end, where one after the other left cores idle.
            html_tables = html.start_tables(context, plans, folder)
        photos = start_photos(
            context,
            plans,
            folder,
            preview=preview,
            cores_taken=html_tables.forked if html_tables is not None else 0,
            started=photos,
        )
        figures = render_figures(plans, folder)
        metas = html_tables.finish() if html_tables is not None else None
        prepared = make_images(
            context, plans, folder, preview=preview, photos=photos, figures=figures
        )
        writers = {"pdf": pdf.write, "xlsx": xlsx.write, "csv": csv_writer.write}
        for name in FORMATS:
            if name == "html" and metas is not None:
                html.write(prepared, folder, metas)
            elif name in formats:
                writers[name](prepared, folder)
    finally:
        for copies in photos.values():
            copies.close()
        if html_tables is not None:
            html_tables.close()
    if "html" not in formats:
        # The PDF and the workbook embed their images; the HTML is the only reader of files.
        shutil.rmtree(folder / IMAGES_DIR, ignore_errors=True)


# ---- the tables on both cores -----------------------------------------------------------------
class RowTally:
    """A progress reporter that only counts the table rows the writers stream (a forked
    table process's, which the parent reports; the benchmark's)."""

    def __init__(self) -> None:
        self.rows = 0
        self._unit = ""

    def begin(self, total: int | None, label: object, unit: str = "") -> None:
        self._unit = unit

    def advance(self, amount: int = 1, detail: str = "") -> None:
        if self._unit == "rows":
            self.rows += amount

    def is_cancelled(self) -> bool:
        return False  # the parent ends this process when the report is cancelled


def can_fork() -> bool:
    """A second process for the tables is forked (it inherits the sections' row sources,
    which cannot be pickled): only where that is safe, from the main thread of a process
    whose other threads are daemon helpers (the terminal progress bar's monitor), and never
    with Qt loaded (the GUI runs reports in a worker thread; fork keeps only that thread)."""
    main = threading.main_thread()
    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is main
        and all(thread is main or thread.daemon for thread in threading.enumerate())
        and "PySide6.QtCore" not in sys.modules
    )


def schedule(tables: Sequence[Table]) -> list[int]:
    """Table indexes in the order the two processes take them: the biggest first (rows times
    columns plus ROW_CELLS, by the tables' counts), so the last tables taken are small and
    both processes end together."""
    sizes = [
        ((table.count() if table.count else 0) * (len(table.columns) + ROW_CELLS), index)
        for index, table in enumerate(tables)
    ]
    return [index for _size, index in sorted(sizes, key=lambda pair: (-pair[0], pair[1]))]


def write_tables(
    context: ReportContext,
    tables: Sequence[Table],
    work: Callable[[Table], Result],
    *,
    parallel: bool | None = None,
) -> list[Result]:
    """`work(table)` for every table, results in the tables' order (see `TableJob`)."""
    return TableJob(context, tables, work, parallel=parallel).finish()


class TableJob(Generic[Result]):
    """`work(table)` for every table. With more than PARALLEL_ROWS rows in all, where forking
    is safe (`parallel` None) or when asked, a forked process shares the tables from the
    moment the job is made: the big tables of a case stream and format in Python, one core
    each. The second process starts on the biggest table; then each process takes the next
    of `schedule` when it is free (a job made early, the HTML's right after the sections are
    planned, works beside the photos and charts while this process makes them: a fixed split
    left one core idle for seconds). This process takes its tables in `finish`. The second
    process's results come back pickled; its rows are reported when it is done; a cancel or
    an error ends it (`close`, which `finish` calls, ends it too)."""

    def __init__(
        self,
        context: ReportContext,
        tables: Sequence[Table],
        work: Callable[[Table], Result],
        *,
        parallel: bool | None = None,
    ) -> None:
        self._context = context
        self._tables = list(tables)
        self._work = work
        total = sum(table.count() for table in tables if table.count)
        if parallel is None:
            parallel = total >= PARALLEL_ROWS and can_fork()
        self._order = schedule(tables) if parallel and len(tables) > 1 else []
        self._process: Any = None
        self._receiver: Any = None
        self._taken: Any = None
        self._parent_pid = os.getpid()
        if self._order:
            forking = multiprocessing.get_context("fork")
            # Positions in `_order` given out so far: the second process has the first.
            self._taken = forking.Value("i", 1)
            self._process, self._receiver = _fork(
                context, self._tables, work, self._order[0], self._take
            )

    @property
    def forked(self) -> int:
        """How many processes besides this one write the tables (0 or 1)."""
        return 0 if self._process is None else 1

    def _take(self) -> int | None:
        """The next table's index for whichever process asks, None when all are taken."""
        lock = self._taken.get_lock()
        held = lock.acquire(timeout=1.0)
        # A second process killed while it held the counter would leave this process waiting
        # for ever: here, this process checks it is alive between tries; once it is gone no
        # one else takes, so the counter is read without the lock (`finish` then reports the
        # lost process).
        while not held and not self._second_process_gone():
            held = lock.acquire(timeout=1.0)
        counter = self._taken.get_obj()  # the bare value: `.value` of the wrapper locks again
        try:
            position = counter.value
            if position >= len(self._order):
                return None
            counter.value = position + 1
        finally:
            if held:
                lock.release()
        return self._order[position]

    def _second_process_gone(self) -> bool:
        if os.getpid() != self._parent_pid:
            return False  # the second process asking: this process waits for the lock
        return self._process is None or not self._process.is_alive()

    def finish(self) -> list[Result]:
        tables, work = self._tables, self._work
        results: dict[int, Result] = {}
        try:
            if self._process is None:
                results = {index: work(table) for index, table in enumerate(tables)}
            else:
                while (index := self._take()) is not None:
                    results[index] = work(tables[index])
                status, payload, rows = _wait(self._context, self._process, self._receiver)
                if status != "ok":
                    raise payload
                self._context.progress.begin(None, self._context.t("Tables"), "rows")
                self._context.progress.advance(rows)
                results.update(payload)
        finally:
            self.close()
        return [results[index] for index in range(len(tables))]

    def close(self) -> None:
        """End the second process, if it still runs (a cancel, an error before `finish`)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            process.terminate()
        process.join()
        self._receiver.close()


def _fork(
    context: ReportContext,
    tables: Sequence[Table],
    work: Callable[[Table], Any],
    first: int,
    take: Callable[[], int | None],
) -> tuple[Any, Any]:
    """The second process: `work` on table `first`, then on each table `take` gives it; it
    sends back {index: result}."""
    forking = multiprocessing.get_context("fork")
    receiver, sender = forking.Pipe(duplex=False)
    engine = context.workstation.db.engine

    def run() -> None:
        # The parent's pooled connections are not this process's to use (nor to close).
        engine.dispose(close=False)
        tally = RowTally()
        context.progress = tally
        try:
            made = {first: work(tables[first])}
            while (index := take()) is not None:
                made[index] = work(tables[index])
            sender.send(("ok", made, tally.rows))
        except BaseException as exc:  # every failure goes back to the parent
            try:
                sender.send(("error", exc, 0))
            except Exception:  # an exception that cannot be pickled
                sender.send(("error", RuntimeError(repr(exc)), 0))
        finally:
            sender.close()

    process = forking.Process(target=run, name="report-tables", daemon=True)
    # The collector would touch every inherited object in the child, copying the pages the
    # two processes share: frozen objects are left alone (the parent unfreezes at once).
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    sender.close()
    return process, receiver


def _wait(
    context: ReportContext, process: Any, receiver: Any, what: str = "table"
) -> tuple[str, Any, int]:
    """What a second process (the tables', the photos') sends back when it is done."""
    while not receiver.poll(WAIT_STEP):
        if context.progress.is_cancelled():
            raise Cancelled
        if not process.is_alive() and not receiver.poll():
            raise RuntimeError(f"the report's {what} process ended with code {process.exitcode}")
    try:
        status, payload, rows = receiver.recv()
    except EOFError:
        process.join()
        raise RuntimeError(
            f"the report's {what} process ended with code {process.exitcode}"
        ) from None
    return status, payload, rows
