"""The request queue and the number registry read nothing on the GUI thread.

On a big queue (20,000 requests) the window froze whenever the lists were opened, paged,
sorted or filtered: the ids, the counts and each page of rows were read on the GUI thread.
Here the block-request store records the thread of every read and write while the area runs
with the workstation's own runner (a thread pool): opening, paging, sorting and filtering
both lists leaves the GUI thread out of it. A runner that holds its tasks shows that an
answer to an older query does not replace a newer one, and a refused read is said, not
raised.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Blocking, BlockingError, RequestFilter, RequestState
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_area import NUMBERS, QUEUE, BlockingArea
from forensics_app.ui.blocking_models import SightingModel
from forensics_app.ui.tasks import TaskRunner
from tests.ui import test_blocking_fixtures as fx
from tests.ui import test_hostile_gui_thread as hostile
from tests.ui.conftest import MakeContext
from tests.ui.test_blocking_fixtures import mobile, queued
from tests.ui.test_hostile_gui_thread import HeldRunner

blk = fx.blk
S = RequestState
ROWS = 450  # three pages of the lazy lists (PAGE_SIZE 200)


class StoreThreads:
    """Wraps the store's reads and writes: the names of the threads they ran on, in order."""

    def __init__(self, blk: Blocking) -> None:
        self.on_gui: list[str] = []
        self.off_gui = 0
        store = blk.store
        for name in ("read", "write"):
            setattr(store, name, self._recording(name, getattr(store, name)))

    def _recording(
        self, name: str, original: Callable[[], AbstractContextManager[Any]]
    ) -> Callable[[], AbstractContextManager[Any]]:
        @contextmanager
        def recorded() -> Iterator[Any]:
            if threading.current_thread() is threading.main_thread():
                self.on_gui.append(name)
            else:
                self.off_gui += 1
            with original() as conn:
                yield conn

        return recorded


def settle(qtbot: QtBot, runner: TaskRunner) -> None:
    """Until every read has come back and the views have painted what it brought."""
    for _ in range(3):
        qtbot.waitUntil(lambda: not runner.active_tasks, timeout=20_000)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: not runner.active_tasks, timeout=20_000)


def pooled_area(qtbot: QtBot, make_context: MakeContext, blk: Blocking) -> BlockingArea:
    runner = TaskRunner(lambda exc: pytest.fail(f"a task failed: {exc!r}"))
    area = BlockingArea(make_context(blk=blk, task_runner=runner))
    qtbot.addWidget(area)
    area.resize(1360, 768)
    return area


def test_opening_paging_sorting_and_filtering_read_nothing_on_the_gui_thread(
    qtbot: QtBot,
    make_context: MakeContext,
    workstation: Workstation,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = queued(blk, actor, ROWS, clock, categories=[AdCategory.LENDING])
    area = pooled_area(qtbot, make_context, blk)
    runner = area.ctx.runner
    threads = StoreThreads(blk)
    examiners_read: list[bool] = []  # on the GUI thread?
    examiners = workstation.examiners
    listed = examiners.list

    def spied(*args: Any, **kwargs: Any) -> Any:
        examiners_read.append(threading.current_thread() is threading.main_thread())
        return listed(*args, **kwargs)

    monkeypatch.setattr(examiners, "list", spied)

    area.show()
    qtbot.waitExposed(area)
    settle(qtbot, runner)
    queue = area.queue
    assert queue.model.rowCount() == ROWS
    assert queue.count_label.text() == f"{ROWS} requests"
    queue.table.scrollToBottom()  # the last page
    settle(qtbot, runner)
    last = queue.model.index(ROWS - 1, 0)
    assert last.data() == str(min(ids))  # newest first: the oldest request is last
    queue.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, runner)
    assert queue.model.index(ROWS - 1, 0).data() == str(max(ids))
    queue.search_edit.setText(mobile(7)[4:])
    queue.apply_filter()
    settle(qtbot, runner)
    assert queue.model.rowCount() == 1
    assert queue.count_label.text() == f"1 of {ROWS} requests"
    queue.set_state_filter(frozenset({S.AWAITING_APPROVAL}))
    settle(qtbot, runner)
    assert queue.model.rowCount() == 0
    queue.clear_filters()
    settle(qtbot, runner)
    assert queue.model.rowCount() == ROWS

    area.show_page(NUMBERS)
    settle(qtbot, runner)
    numbers = area.numbers
    assert numbers.model.rowCount() == ROWS
    numbers.table.scrollToBottom()
    settle(qtbot, runner)
    assert numbers.model.index(ROWS - 1, 0).data()  # painted, not "Loading…"
    assert numbers.model.index(ROWS - 1, 0).data() != "Loading…"
    numbers.search_edit.setText(mobile(8)[4:])
    numbers.apply_filter()
    settle(qtbot, runner)
    assert numbers.model.rowCount() == 1
    assert numbers.count_label.text() == f"1 of {ROWS} numbers"
    numbers.table.selectRow(0)  # its sightings, and who recorded them (the examiners)
    settle(qtbot, runner)
    recorded_by = numbers.sighting_model.index(0, SightingModel.RECORDED_BY)
    assert recorded_by.data() == actor.label

    assert threads.on_gui == [], f"the GUI thread read the store {len(threads.on_gui)} time(s)"
    assert threads.off_gui > 0, "the lists were read"
    assert examiners_read and not any(examiners_read), "the examiners were read off it"


def held_page(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, page: int
) -> tuple[BlockingArea, HeldRunner]:
    """The area on `page`, with a runner that holds its tasks, once every read has run."""
    area, runner = hostile.held_area(qtbot, make_context, blk)
    area.show_page(page)
    runner.settle(qtbot)
    return area, runner


def test_the_queue_shows_the_newest_query_and_says_it_is_loading(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    ids = queued(blk, actor, 5, clock, categories=[AdCategory.LENDING])
    area, runner = held_page(qtbot, make_context, blk, QUEUE)
    queue = area.queue
    assert queue.model.rowCount() == 5

    queue.search_edit.setText(mobile(1)[4:])
    queue.apply_filter()  # one number …
    assert queue.count_label.text() == "Loading…" and queue.query.pending
    queue.search_edit.setText(mobile(3)[4:])
    queue.apply_filter()  # … then another, before the first answer came back
    earlier, newest = runner.held
    runner.release(newest)
    assert queue.model.ids == [ids[3]]
    assert queue.count_label.text() == "1 of 5 requests" and not queue.query.pending
    runner.release(earlier)  # the slower answer to the first query comes back last
    assert queue.model.ids == [ids[3]]
    assert queue.count_label.text() == "1 of 5 requests"
    assert runner.errors == []

    # A page of rows asked for before the rows were read again is dropped too.
    queue.clear_filters()
    runner.release_all()  # the ids; the view asks for the page as it paints
    qtbot.wait(20)
    assert queue.model.index(0, 1).data() == "Loading…"
    (page,) = runner.held
    queue.refresh()  # read again meanwhile (another workstation wrote) …
    query = runner.held[1]
    runner.release(query)  # … and the new rows came back before the older page
    runner.release(page)
    assert queue.model.index(0, 1).data() == "Loading…"  # not the older page's record
    runner.settle(qtbot)
    assert queue.model.index(0, 0).data() == str(max(ids))


def test_the_number_registry_shows_the_newest_query(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    queued(blk, actor, 5, clock, categories=[AdCategory.LENDING])
    area, runner = held_page(qtbot, make_context, blk, NUMBERS)
    page = area.numbers
    assert page.model.rowCount() == 5
    page.search_edit.setText(mobile(1)[4:])
    page.apply_filter()
    assert page.count_label.text() == "Loading…" and page.query.pending
    page.search_edit.setText("")
    page.apply_filter()
    earlier, newest = runner.held
    runner.release(newest)
    runner.release(earlier)
    assert page.model.rowCount() == 5 and page.count_label.text() == "5 numbers"


def test_a_refused_query_is_said_not_raised(
    qtbot: QtBot,
    make_context: MakeContext,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queued(blk, actor, 3, clock, categories=[AdCategory.LENDING])
    area, runner = held_page(qtbot, make_context, blk, QUEUE)
    queue = area.queue

    def refused(_filter: RequestFilter) -> list[int]:
        raise BlockingError("The database cannot be reached.")

    monkeypatch.setattr(blk.requests, "ids", refused)
    queue.refresh()
    runner.settle(qtbot)
    assert runner.errors == []
    assert queue.last_message is not None
    assert queue.last_message.text() == "The database cannot be reached."
    assert queue.model.rowCount() == 0 and not queue.query.pending
    queue.last_message.close()
