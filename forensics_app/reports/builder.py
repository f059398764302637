"""Builds a report into a folder: sections → blocks, images once, then each format.

The folder is the caller's staging folder (services.reports moves it into place when it is
complete and recorded in the custody log). Everything here is streamed: a table's rows pass
through each writer once and are not kept.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
