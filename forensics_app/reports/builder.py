"""Builds a report into a folder: sections → blocks, images once, then each format.

The folder is the caller's staging folder (services.reports moves it into place when it is
complete and recorded in the custody log). Everything here is streamed: a table's rows pass
through each writer once and are not kept.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import shutil
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

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
WAIT_STEP = 0.2  # seconds between cancel checks while waiting for the second process

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


def plan_sections(context: ReportContext, sections: Sequence[Section]) -> list[SectionPlan]:
    plans = []
    for section in sections:
        context.progress.begin(None, context.t(section.title))
        if context.progress.is_cancelled():
            raise Cancelled
        plans.append(SectionPlan(section, context.t(section.title), list(section.blocks(context))))
    return plans


def prepare(
    context: ReportContext,
    sections: Sequence[Section],
    folder: Path,
    *,
    preview: bool = False,
) -> Prepared:
    """Plan the sections and make their images (`preview`: only the photos the PDF shows)."""
    plans = plan_sections(context, sections)
    figures: dict[str, FigureFile] = {}
    galleries: dict[str, GalleryFiles] = {}
    images = folder / IMAGES_DIR
    images.mkdir(exist_ok=True)
    for block in _blocks(plans):
        if isinstance(block, Figure):
            figures[block.id] = _render_figure(block, images)
        elif isinstance(block, Gallery):
            limit = block.pdf_pictures if preview else None
            galleries[block.id] = _copy_photos(context, block, images / block.id, limit)
    return Prepared(context, plans, figures, galleries)


def _blocks(plans: Iterable[SectionPlan]) -> Iterator[Block]:
    for plan in plans:
        yield from plan.blocks


def _render_figure(figure: Figure, images: Path) -> FigureFile:
    target = images / f"{figure.id}.png"
    figure.render(target)
    return FigureFile(figure, f"{IMAGES_DIR}/{target.name}")


def _copy_one(job: tuple[Picture, Path]) -> PhotoCopy:
    return outlined_copy(*job)


def _copy_photos(
    context: ReportContext, gallery: Gallery, folder: Path, limit: int | None = None
) -> GalleryFiles:
    """Outlined copies of the gallery's photos; thousands are decoded by a process per core
    (spawned: the GUI's Qt threads and fork do not mix)."""
    result = GalleryFiles(gallery)
    pictures = list(gallery.pictures())[:limit]
    jobs = [(picture, folder / f"{index:05d}.jpg") for index, picture in enumerate(pictures)]
    context.progress.begin(len(pictures), context.t("Photos"), "photos")
    workers = min(os.cpu_count() or 1, MAX_PHOTO_WORKERS)
    pool = None
    if len(jobs) >= PARALLEL_PHOTOS and workers > 1:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        copies: Iterator[PhotoCopy] = pool.map(_copy_one, jobs, chunksize=16)
    else:
        copies = map(_copy_one, jobs)
    try:
        for (picture, _target), copy in zip(jobs, copies, strict=True):
            if context.progress.is_cancelled():
                raise Cancelled
            if copy.problem:
                log.warning("Report photo %s: %s", picture.path, copy.problem)
            result.photos.append((picture, copy))
            context.progress.advance(1)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return result


def build(
    context: ReportContext, sections: Sequence[Section], formats: Sequence[str], folder: Path
) -> None:
    """Write the report's formats into `folder` (which exists and is empty)."""
    from forensics_app.reports import csv_writer, html, pdf, xlsx

    # Without the HTML, only the photos the PDF shows are needed.
    prepared = prepare(context, sections, folder, preview="html" not in formats)
    writers = {"html": html.write, "pdf": pdf.write, "xlsx": xlsx.write, "csv": csv_writer.write}
    for name in FORMATS:
        if name in formats:
            writers[name](prepared, folder)
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


def split_tables(tables: Sequence[Table]) -> tuple[list[int], list[int]]:
    """Table indexes for (this process, the second one): about half the rows each, by the
    tables' counts, biggest first."""
    sizes = [(table.count() if table.count else 0, index) for index, table in enumerate(tables)]
    mine: list[int] = []
    theirs: list[int] = []
    loads = [0, 0]
    for size, index in sorted(sizes, reverse=True):
        side = 0 if loads[0] <= loads[1] else 1
        (theirs if side == 0 else mine).append(index)
        loads[side] += size
    return sorted(mine), sorted(theirs)


def write_tables(
    context: ReportContext,
    tables: Sequence[Table],
    work: Callable[[Table], Result],
    *,
    parallel: bool | None = None,
) -> list[Result]:
    """`work(table)` for every table, results in the tables' order. With more than
    PARALLEL_ROWS rows in all, where forking is safe (`parallel` None) or when asked, a
    forked process does about half the rows: the big tables of a case stream and format in
    Python, one core each. Its results come back pickled; its rows are reported when it is
    done; a cancel or an error ends it."""
    total = sum(table.count() for table in tables if table.count)
    if parallel is None:
        parallel = total >= PARALLEL_ROWS and can_fork()
    mine, theirs = (
        split_tables(tables)
        if parallel and len(tables) > 1
        else (
            list(range(len(tables))),
            [],
        )
    )
    if not theirs:
        return [work(table) for table in tables]
    results: dict[int, Result] = {}
    process, receiver = _fork(context, [tables[i] for i in theirs], work)
    try:
        for index in mine:
            results[index] = work(tables[index])
        status, payload, rows = _wait(context, process, receiver)
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receiver.close()
    if status != "ok":
        raise payload
    context.progress.begin(None, context.t("Tables"), "rows")
    context.progress.advance(rows)
    results.update(zip(theirs, payload, strict=True))
    return [results[index] for index in range(len(tables))]


def _fork(
    context: ReportContext, tables: Sequence[Table], work: Callable[[Table], Any]
) -> tuple[Any, Any]:
    forking = multiprocessing.get_context("fork")
    receiver, sender = forking.Pipe(duplex=False)
    engine = context.workstation.db.engine

    def run() -> None:
        # The parent's pooled connections are not this process's to use (nor to close).
        engine.dispose(close=False)
        tally = RowTally()
        context.progress = tally
        try:
            made = [work(table) for table in tables]
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


def _wait(context: ReportContext, process: Any, receiver: Any) -> tuple[str, Any, int]:
    while not receiver.poll(WAIT_STEP):
        if context.progress.is_cancelled():
            raise Cancelled
        if not process.is_alive() and not receiver.poll():
            raise RuntimeError(f"the report's table process ended with code {process.exitcode}")
    try:
        status, payload, rows = receiver.recv()
    except EOFError:
        process.join()
        raise RuntimeError(
            f"the report's table process ended with code {process.exitcode}"
        ) from None
    return status, payload, rows
