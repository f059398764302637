"""Choosing a number or a request reads its sightings, evidence and history off the GUI thread.

A number seen on hundreds of flyer photos took a second or more to show, during which the
window froze. The reads now go through the task runner: here a runner that holds every task
until the test lets it run shows that nothing is read when the row is chosen (the pane says
it is loading), and that an answer for an earlier choice arriving last does not replace the
newest one.
"""

from __future__ import annotations

import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Blocking
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_area import NUMBERS, QUEUE, BlockingArea
from forensics_app.ui.cctv_models import ClipTableModel
from forensics_app.ui.cctv_pane import CctvPane
from forensics_app.ui.cctv_player import multimedia
from forensics_app.ui.evidence_pane import EvidencePane
from forensics_app.ui.flyer_pane import FlyerPane
from forensics_app.ui.tasks import Task, TaskRunner
from tests.ui import test_blocking_fixtures as fx
from tests.ui.conftest import MakeContext
from tests.ui.test_blocking_fixtures import queued
from tests.ui.test_flyer_helpers import scripted_recogniser, write_scripted_photos

blk = fx.blk
# A clip opened in the player loads QtMultimedia, which warns once per process on a machine
# without PipeWire: load it at collection (see tests/ui/test_cctv_pane.py).
multimedia()


class HeldRunner(TaskRunner):
    """Keeps each task until `release` runs it (on this thread, like the real runner's
    callbacks): what a screen does before its read comes back is visible to the test."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.held: list[Task[Any]] = []
        super().__init__(self.errors.append)

    def _start(self, task: Task[Any]) -> None:
        self.held.append(task)

    def release(self, task: Task[Any]) -> None:
        self.held.remove(task)
        task.run()

    def release_all(self) -> None:
        while self.held:
            self.release(self.held[0])

    def settle(self, qtbot: QtBot) -> None:
        """Let every read run, and the reads the views ask for as they paint what came back
        (the pages of a list), until nothing more is asked."""
        while True:
            self.release_all()
            qtbot.wait(20)
            if not self.held:
                return


class OcrHeldRunner(TaskRunner):
    """Runs reads on the pool, as the workstation does, but keeps the OCR task (the test
    stands in for it): the screen behaves as while an OCR runs."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.held: list[Task[Any]] = []
        super().__init__(self.errors.append)

    def _start(self, task: Task[Any]) -> None:
        if task.label.startswith("OCR"):
            self.held.append(task)
        else:
            super()._start(task)


def held_area(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking
) -> tuple[BlockingArea, HeldRunner]:
    runner = HeldRunner()
    area = BlockingArea(make_context(blk=blk, task_runner=runner))
    qtbot.addWidget(area)
    area.resize(1200, 800)
    area.show()
    qtbot.waitExposed(area)
    return area, runner


def test_a_number_is_read_off_the_gui_thread_and_the_newest_choice_wins(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    queued(blk, actor, 2, clock, categories=[AdCategory.LENDING])
    area, runner = held_area(qtbot, make_context, blk)
    area.show_page(NUMBERS)
    runner.settle(qtbot)
    page = area.numbers
    first, second = page.model.record(0), page.model.record(1)
    assert first is not None and second is not None

    page.table.selectRow(0)
    assert page.title.text() == "Loading…"  # nothing was read on the GUI thread
    assert page.sighting_model.rowCount() == 0
    assert len(runner.held) == 1
    page.table.selectRow(1)
    assert len(runner.held) == 2
    earlier, newest = runner.held
    runner.release(newest)
    assert page.title.text().startswith(second.national)
    assert page.sighting_model.rowCount() == 1
    runner.release(earlier)  # the slower read of the first choice comes back last
    assert page.title.text().startswith(second.national)
    assert not page.is_loading
    assert runner.errors == []


def test_a_request_is_read_off_the_gui_thread_and_the_newest_choice_wins(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    ids = queued(blk, actor, 2, clock, categories=[AdCategory.LENDING])
    area, runner = held_area(qtbot, make_context, blk)
    area.show_page(QUEUE)
    runner.settle(qtbot)
    queue = area.queue

    assert queue.select_request(ids[0])
    assert queue.detail.record is None and queue.detail.is_loading
    assert queue.detail.empty_label.text() == "Loading the request…"
    assert queue.select_request(ids[1])
    earlier, newest = runner.held
    runner.release(newest)
    assert queue.detail.record is not None and queue.detail.record.id == ids[1]
    runner.release(earlier)
    assert queue.detail.record is not None and queue.detail.record.id == ids[1]
    assert not queue.detail.is_loading
    assert runner.errors == []


def test_a_case_of_flyer_photos_is_read_off_the_gui_thread_and_the_newest_case_wins(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
) -> None:
    cases = []
    for index, count in enumerate((2, 3)):
        case = workstation.cases.create(actor, "전단지", number=f"F-{index}")
        folder = tmp_path / f"case{index}"
        folder.mkdir()
        for photo in range(count):
            Image.new("RGB", (32, 24), (40 * photo, 90, 160 + index)).save(folder / f"{photo}.jpg")
        workstation.flyers.import_photos(actor, case.id, [folder], collected_place="수원역")
        cases.append(case)
    runner = HeldRunner()
    pane = FlyerPane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    try:
        pane.set_case(cases[0].id)
        assert pane.is_loading and pane.grid_model.rowCount() == 0
        assert pane.grid.placeholder == "Loading the case's flyer photos…"
        pane.set_case(cases[1].id)
        earlier, newest = runner.held
        runner.release(newest)
        assert pane.grid_model.rowCount() == 3
        runner.release(earlier)  # the first case's reading comes back last: dropped
        assert pane.grid_model.rowCount() == 3 and not pane.is_loading
        assert pane.case_id == cases[1].id and runner.errors == []
    finally:
        pane.loader.shutdown()


def test_an_evidence_items_files_are_read_off_the_gui_thread_and_the_newest_choice_wins(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
) -> None:
    case = workstation.cases.create(actor, "전단지", number="F-9")
    items = []
    for index, count in enumerate((2, 3)):
        folder = tmp_path / f"batch{index}"
        folder.mkdir()
        for photo in range(count):
            Image.new("RGB", (32, 24), (50 * photo, index, 90)).save(folder / f"{photo}.jpg")
        result = workstation.flyers.import_photos(actor, case.id, [folder])
        assert result.item is not None
        items.append(result.item.id)
    runner = HeldRunner()
    pane = EvidencePane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    pane.set_case(case.id)
    runner.release_all()

    assert pane.select_item(items[0])
    assert pane.detail.item is None and pane.detail.is_loading
    assert pane.detail.empty_label.text() == "Loading the item…"
    assert pane.select_item(items[1])
    earlier, newest = runner.held
    runner.release(newest)
    assert pane.detail.item is not None and pane.detail.item.id == items[1]
    assert pane.detail.files_model.rowCount() == 3
    runner.release(earlier)
    assert pane.detail.item is not None and pane.detail.item.id == items[1]
    assert not pane.detail.is_loading and runner.errors == []


def two_recorders(tmp_path: Path, workstation: Workstation, actor: Actor) -> int:
    """A case with two CCTV recorders of one clip each (made with ffmpeg); its id."""
    case = workstation.cases.create(actor, "편의점 절도", number="C-9")
    for name in ("dvr1", "dvr2"):
        export = tmp_path / name
        export.mkdir()
        subprocess.run(
            ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
             "testsrc=size=64x48:rate=5", "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
             str(export / "clip.mp4")],
            check=True,
        )  # fmt: skip
        workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    return case.id


def other_recorder(pane: CctvPane) -> int:
    combo = pane.recorder_combo
    recorders = [combo.itemData(index) for index in range(combo.count())]
    (other,) = (item_id for item_id in recorders if item_id != pane.selected_recorder_id())
    return int(other)


@pytest.fixture
def held_cctv(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
) -> tuple[CctvPane, HeldRunner]:
    """A CCTV pane on a case of two recorders, its runner holding every task."""
    case_id = two_recorders(tmp_path, workstation, actor)
    runner = HeldRunner()
    pane = CctvPane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    pane.set_case(case_id)
    return pane, runner


def test_a_recorders_clips_are_read_off_the_gui_thread_and_the_newest_recorder_wins(
    workstation: Workstation,
    held_cctv: tuple[CctvPane, HeldRunner],
) -> None:
    """The CCTV pane read the chosen recorder's clip list on the GUI thread."""
    pane, runner = held_cctv
    assert pane.model.clips() == [] and pane.is_loading  # nothing read on the GUI thread
    assert pane.clips_status.text() == "Loading the recorder's clips…"
    other = other_recorder(pane)
    assert pane.select_recorder(other)
    assert pane.model.clips() == [] and pane.is_loading
    (wanted,) = workstation.cctv.clips(item_id=other)
    assert pane.select_clip(wanted.id)  # from the timeline: selected once the clips come
    earlier, newest = runner.held
    runner.release(newest)
    (clip,) = pane.model.clips()
    assert clip.item_id == other and not pane.is_loading
    current = pane.current_clip()
    assert current is not None and current.id == wanted.id
    runner.release(earlier)  # the first recorder's list comes back last: dropped
    assert pane.model.clips() == [clip] and runner.errors == []


def test_cctv_thumbnails_are_decoded_off_the_gui_thread_and_the_newest_recorder_wins(
    held_cctv: tuple[CctvPane, HeldRunner],
) -> None:
    """The clip table decoded each thumbnail file inside data(), while painting."""
    pane, runner = held_cctv
    (clips,) = runner.held
    runner.release(clips)  # the clip list (read off the thread too: the test below)
    (first_clip,) = pane.model.clips()

    def icon() -> object:
        return pane.model.index(0, ClipTableModel.FILE).data(Qt.ItemDataRole.DecorationRole)

    assert icon() is None and len(runner.held) == 1  # nothing decoded yet, on any thread
    assert pane.select_recorder(other_recorder(pane))
    runner.release(runner.held[-1])
    (second_clip,) = pane.model.clips()
    earlier, newest = runner.held
    runner.release(newest)
    assert icon() is not None and pane.model.has_thumbnail(second_clip.id)
    runner.release(earlier)  # answers for the recorder no longer shown: dropped
    assert not pane.model.has_thumbnail(first_clip.id)
    assert pane.model.clips() == [second_clip] and runner.errors == []


def test_while_ocr_runs_the_flyer_photos_are_re_read_off_the_gui_thread(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
) -> None:
    """The flyer pane re-read the batch's photo states on the GUI thread at every poll tick
    while OCR ran. The OCR task is held (it never runs); the tick's read is an op of its own,
    and its answer for a batch no longer shown is dropped."""
    case = workstation.cases.create(actor, "전단지", number="F-7")
    for index, count in enumerate((2, 3)):
        folder = tmp_path / f"batch{index}"
        folder.mkdir()
        for photo in range(count):
            Image.new("RGB", (32, 24), (40 * photo, 90, index)).save(folder / f"{photo}.jpg")
        workstation.flyers.import_photos(actor, case.id, [folder])
    runner = HeldRunner()
    pane = FlyerPane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    try:
        pane.set_case(case.id)
        runner.release_all()
        first_batch = pane.selected_batch_id()
        assert first_batch is not None and pane.grid_model.rowCount() == 3  # the newest batch
        assert pane.run_ocr() is not None
        (ocr,) = runner.held
        assert pane._poll.isActive()
        pane._poll.timeout.emit()  # a tick of the poll timer
        assert pane.grid_model.rowCount() == 3
        (poll,) = (task for task in runner.held if task is not ocr)
        pane._poll.timeout.emit()  # a second tick while the read is out: skipped
        assert len(runner.held) == 2
        combo = pane.batch_combo
        batches = [combo.itemData(index) for index in range(combo.count())]
        (other,) = (item_id for item_id in batches if item_id != first_batch)
        assert pane.select_batch(other) and pane.grid_model.rowCount() == 2
        runner.release(poll)  # the first batch's states come back: not shown over the other's
        assert pane.grid_model.rowCount() == 2 and runner.errors == []
    finally:
        pane.loader.shutdown()


def test_while_ocr_runs_the_numbers_of_a_photo_just_read_are_read_off_the_gui_thread(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the photo on screen changed state during an OCR, the pane read the case's numbers
    on the GUI thread. The reads now run on the runner's pool: the service is called from
    another thread, and the photo's numbers are shown when the read comes back."""
    case = workstation.cases.create(actor, "전단지", number="F-8")
    imported = workstation.flyers.import_photos(
        actor,
        case.id,
        write_scripted_photos(tmp_path / "day1", ["a_lending.jpg", "b_shop.jpg"]),
        collected_at=datetime(2026, 5, 12, 9, 30, tzinfo=UTC),
    )
    assert imported.item is not None
    runner = OcrHeldRunner()
    pane = FlyerPane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    try:
        pane.set_case(case.id)
        qtbot.waitUntil(lambda: not pane.is_loading)
        assert pane.selected_photo_id() is not None
        assert pane.review.numbers_model.rowCount() == 0  # not read yet
        assert pane.run_ocr() is not None
        # The OCR reads the batch (the held task stands for the one the pane started).
        workstation.flyers.run_ocr(
            actor, [imported.item.id], jobs=1, recogniser=scripted_recogniser
        )
        threads: list[int] = []
        hits = workstation.flyers.hits

        def recorded(*args: Any, **kwargs: Any) -> Any:
            threads.append(threading.get_ident())
            return hits(*args, **kwargs)

        monkeypatch.setattr(workstation.flyers, "hits", recorded)
        pane._poll.timeout.emit()  # a tick of the poll timer
        qtbot.waitUntil(lambda: pane.review.numbers_model.rowCount() > 0)
        assert threads and threading.get_ident() not in threads
        assert pane.summary_model.rowCount() == 3 and runner.errors == []
    finally:
        runner.wait()
        pane.loader.shutdown()
