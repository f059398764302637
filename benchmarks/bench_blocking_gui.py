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
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

TICK_MS = 5


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


class Session:
    """The block-request area shown offscreen with the workstation's runner, and the event
    loop's longest gap between two ticks of a 5 ms timer (with the GUI thread's CPU in it)."""

    def __init__(self, workstation: Any, actor: Any, blk: Any) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer
        from PySide6.QtWidgets import QApplication

        from forensics_app.ui.blocking_area import BlockingArea
        from forensics_app.ui.tasks import TaskRunner
        from forensics_app.ui.widgets.context import UiContext

        self.app = QApplication.instance() or QApplication([])
        self.errors: list[BaseException] = []
        self.runner = TaskRunner(self.errors.append)
        self.area = BlockingArea(UiContext(workstation, actor, self.runner, blk_override=blk))
        self.area.resize(1360, 860)
        self.longest = 0
        self.longest_cpu = 0.0
        self.cpu = time.thread_time()
        self.ticks = QElapsedTimer()
        self.ticks.start()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        gap, cpu = self.ticks.restart(), time.thread_time()
        if gap > self.longest:
            self.longest, self.longest_cpu = gap, cpu - self.cpu
        self.cpu = cpu

    def settle(self) -> None:
        """Turn the event loop until every read has come back and been shown."""
        quiet = 0
        while quiet < 3:
            self.app.processEvents()
            quiet = 0 if self.runner.active_tasks else quiet + 1
            time.sleep(0.002)

    def step(self, name: str, action: Callable[[], None]) -> None:
        self.settle()
        self.longest, self.longest_cpu = 0, 0.0
        self.ticks.restart()
        self.cpu = cpu = time.thread_time()
        wall = time.perf_counter()
        action()
        self.settle()
        self._tick()  # a stall at the very end (the action itself) counts too
        print(
            f"{name:<34} GUI thread {time.thread_time() - cpu:7.3f} s CPU   "
            f"until shown {time.perf_counter() - wall:7.3f} s   "
            f"longest stall {max(0, self.longest - TICK_MS):5d} ms "
            f"({self.longest_cpu * 1000:5.0f} ms CPU)",
            flush=True,
        )

    def jump(self, table: Any, model: Any, step: int = 200) -> None:
        """A page of rows at a time (the scroll bar dragged): each screen a new page."""
        for row in range(0, model.rowCount(), step):
            table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
            self.settle()

    def close(self) -> None:
        self.timer.stop()
        self.area.close()
        self.runner.wait()


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
    from forensics_app.ui.blocking_area import NUMBERS, QUEUE

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

    session = Session(workstation, actor, blk)
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
    print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
    session.close()
    workstation.close()
    if session.errors:
        raise SystemExit(f"errors: {session.errors}")


if __name__ == "__main__":
    main()
