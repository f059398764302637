"""GUI-thread stalls of the block-request screens on a big queue: how long the window cannot
answer while the analyst opens the request queue and the number registry, pages through
them, sorts and filters.

Generated in code: 50,000 numbers with one flyer sighting each, 20,000 of them (lending and
obscene ads) queued as requests, half of those sent for approval. The block-request area is
shown (offscreen, 1360x860) with the workstation's own task runner (a thread pool), and a
scripted session runs. For each step it prints the GUI thread's CPU time, the wall time until
every read has come back, and the longest the event loop went without turning (a 5 ms
timer's largest gap: what the analyst feels as a freeze), with that stall's CPU time.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_blocking_gui
        [--numbers 50000 --requests 20000]

Run it on two trees (old and new code) alternately; the load average is printed.

Measured (branch ux16 against main 66478c0, SQLite, old, new, old, new in turn at load
average 11.9-13.0; the most GUI-thread CPU in one event-loop gap, old vs new): open the queue
24 / 24 vs 20 / 19 ms (building and painting the page); filter by a typed number 36 / 35 vs
12 / 10 ms; by state 28 / 27 vs 11 / 8 ms; clear the filters 29 / 28 vs 12 / 9 ms; open the
numbers 40 / 39 vs 9 / 9 ms; filter them 36 / 37 vs 13 / 7 ms; sort the queue by id 16 / 16
vs 9 / 9 ms; page through the queue 200 rows a jump 21 / 28 vs 37 / 11 ms (what is left is
painting; one 85 ms gap in the sorted jump of the second new run). The wall time of the
longest gap is mostly waiting for a core at that load (30-970 ms either way).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.gui_session import GuiSession


def _sightings(numbers: int, requests: int) -> Iterator[Any]:
    from blocking import AdCategory, SightingInput, SourceKind

    start = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(numbers):
        # The first `requests` numbers advertise illegal loans or adult services (queued);
        # the rest "other" (they wait for their category and are never queued).
        if i < requests:
            category = AdCategory.LENDING if i % 3 else AdCategory.OBSCENE_ADULT
        else:
            category = AdCategory.OTHER
        number = f"010-{2000 + i // 10_000:04d}-{i % 10_000:04d}"
        yield SightingInput(
            number=number,
            printed_as=number,
            seen_at=start + timedelta(minutes=i),
            category=category,
            source_kind=SourceKind.FLYER_PHOTO,
            source_id=f"photo-{i}",
            case_number="BENCH-2025",
            photo_name=f"flyer_{i:05d}.jpg",
            photo_sha256=hashlib.sha256(f"flyer {i}".encode()).hexdigest(),  # no file: no thumbnail
            place="수원시 팔달구",
            collector="citizen collection",
        )


def typed(page: Any, text: str) -> None:
    """Text typed in a page's search box, without waiting for the typing pause."""
    page.search_edit.setText(text)
    page.apply_filter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt

    from blocking import Blocking, ManualClock, RequestState
    from forensics_app.services import Workstation
    from forensics_app.services.block_requests import load_routes
    from forensics_app.services.records import blocking_actor
    from forensics_app.ui.blocking_area import NUMBERS, QUEUE, BlockingArea
    from forensics_app.ui.widgets.context import UiContext

    work = Path(tempfile.mkdtemp(prefix="bench-blocking-gui-"))
    clock = ManualClock(datetime(2025, 3, 10, 1, 0, tzinfo=UTC))
    workstation = Workstation.open(f"sqlite:///{work / 'store.db'}")
    actor = workstation.examiners.create(None, "Bench", "9001", password="bench-password-1")
    blk = Blocking(workstation.db.engine, load_routes(), clock=clock, check_schema=False)
    started = time.perf_counter()
    blk.registry.record_sightings(blocking_actor(actor), _sightings(args.numbers, args.requests))
    queued = blk.requests.queue_blockable(blocking_actor(actor)).created
    blk.requests.submit_for_approval(blocking_actor(actor), sorted(queued)[: len(queued) // 2])
    print(
        f"set-up: {args.numbers:,} numbers, {len(queued):,} requests "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    def build(runner: Any) -> BlockingArea:
        return BlockingArea(UiContext(workstation, actor, runner, blk_override=blk))

    session = GuiSession(build)
    area = session.area
    queue, numbers = area.queue, area.numbers
    print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
    session.step("open the queue", lambda: (area.show_page(QUEUE), area.show()))
    session.step("queue, 200 rows a jump", lambda: session.jump(queue.table, queue.model))
    session.step(
        "sort by id, oldest first",
        lambda: queue.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
    )
    session.step("and jump through them", lambda: session.jump(queue.table, queue.model))
    session.step("filter: type a number", lambda: typed(queue, "010-2001"))
    session.step(
        "filter: awaiting approval",
        lambda: queue.set_state_filter(frozenset({RequestState.AWAITING_APPROVAL})),
    )
    session.step("clear the filters", queue.clear_filters)
    session.step("open the numbers", lambda: area.show_page(NUMBERS))
    session.step("numbers, 200 rows a jump", lambda: session.jump(numbers.table, numbers.model))
    session.step("filter: type a number", lambda: typed(numbers, "010-2003"))
    session.step("filter: clear", lambda: typed(numbers, ""))
    session.close(workstation)


if __name__ == "__main__":
    main()
