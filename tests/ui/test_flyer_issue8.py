"""Issue 8 on the flyer screens, as a new user met it: nothing of another case lingers after a
switch (its numbers to review, its walk, its running OCR); the import dialog counts what the
chosen folders hold; photos without a camera time wait for the collector's time; the empty
photo preview is readable; the case's numbers export to CSV and XLSX."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.flyers import PHOTO_SUFFIXES
from forensics_app.services.records import Actor, CaseRecord
from forensics_app.ui.flyer_import import CollectedAtDialog, ImportDialog
from forensics_app.ui.flyer_pane import FlyerPane
from forensics_app.ui.tasks import TaskProgress, TaskRunner
from forensics_app.ui.widgets.context import Changed
from forensics_app.ui.widgets.export import csv_cell
from tests.ui import test_flyer_helpers as fx
from tests.ui.conftest import MakeContext
from tests.ui.test_flyer_helpers import scripted_batches, write_scripted_photos

flyer_case, make_flyer_pane = fx.flyer_case, fx.make_flyer_pane
MakePane = Callable[..., FlyerPane]


def test_switching_cases_leaves_nothing_of_the_other_case(
    qtbot: QtBot,
    tmp_path: Path,
    make_context: MakeContext,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    """Issue 8.5: a new empty case showed "사건 내 미검토 2건" from another case with
    Previous/Next enabled, and the other case's running OCR progress."""
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    empty = workstation.cases.create(actor, "새 사건", number="F-2026-8")
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)  # threaded: the batch is still running on a switch
    pane = FlyerPane(make_context(task_runner=runner))
    qtbot.addWidget(pane)
    pane.resize(1400, 860)
    pane.show()
    pane.set_case(flyer_case.id)
    qtbot.keyClick(pane.grid, Qt.Key.Key_N)
    qtbot.keyClick(pane.grid, Qt.Key.Key_N)
    assert "unreviewed" in pane.review.queue_label.text()
    assert pane.review.previous_button.isEnabled() and pane.review.next_button.isEnabled()

    release = threading.Event()

    def long_batch(progress: TaskProgress) -> None:
        progress.begin(10, "reading", "photos")
        release.wait(20)

    task = pane._start("OCR of EX-0001", long_batch, lambda _result: None, Changed.NOTHING)
    assert task is not None
    assert pane.strip.isVisible() and pane.cancel_button.isEnabled()

    pane.set_case(empty.id)
    assert pane.review.queue_label.text() == ""
    assert not pane.review.previous_button.isEnabled()
    assert not pane.review.next_button.isEnabled()
    assert not pane.review.accept_button.isEnabled()
    assert pane.grid_model.rowCount() == 0 and pane.review.title.text() == ""
    assert pane.summary_model.rowCount() == 0
    assert not pane.strip.isVisible(), "the other case's OCR progress is not shown here"
    assert not pane.cancel_button.isVisible()
    assert pane.next_unsure() is None

    pane.set_case(flyer_case.id)  # back: its batch is still running, and shown
    assert pane.strip.isVisible() and pane.cancel_button.isVisible()
    release.set()
    qtbot.waitUntil(lambda: pane._task is None, timeout=20_000)
    assert not pane.strip.isVisible()
    runner.wait(10_000)
    assert errors == []


def test_the_import_dialog_counts_the_photos_inside_folders(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    flyer_case: CaseRecord,
    korean: None,
) -> None:
    """Issue 8.6: a folder of 20 photos read "파일 0개, 0 바이트, 폴더 1개" before importing."""
    folder = tmp_path / "수거"
    names = [f"a_lending_{n:02d}.jpg" for n in range(20)]
    for number, name in enumerate(names):
        write_scripted_photos(folder / f"day{number % 2}", ["a_lending.jpg"])
        (folder / f"day{number % 2}" / "a_lending.jpg").rename(folder / f"day{number % 2}" / name)
    (folder / "day0" / "notes.txt").write_text("collected by the patrol")
    size = sum(p.stat().st_size for p in folder.rglob("*.jpg"))
    pane = make_flyer_pane(flyer_case.id, show=True)
    dialog = pane.import_photos([folder])
    assert isinstance(dialog, ImportDialog)
    count = dialog.path_list.count
    assert (count.files, count.folders, count.others, count.size) == (20, 1, 1, size)
    summary = dialog.path_list.summary.text()
    assert summary.startswith("사진 20장") and "폴더 1개" in summary
    assert "사진이 아닌 파일 1개" in summary
    dialog.reject()


def test_the_import_dialog_offers_every_photo_format_the_import_reads(
    tmp_path: Path, make_flyer_pane: MakePane, flyer_case: CaseRecord, korean: None
) -> None:
    """AVIF and .jfif photos are read (newer Android phones save AVIF), but the file dialog's
    filter hid them and the box named four formats."""
    pane = make_flyer_pane(flyer_case.id, show=True)
    dialog = pane.import_photos([])
    assert isinstance(dialog, ImportDialog)
    offered = set(dialog.path_list.file_filter.split("(")[1].rstrip(")").split())
    assert offered == {f"*{suffix}" for suffix in PHOTO_SUFFIXES}
    box = dialog.findChild(QGroupBox)
    assert box is not None and box.title() == "사진 및 폴더 (JPEG, PNG, WebP, HEIC, AVIF)"
    dialog.reject()


def test_photos_without_a_camera_time_wait_for_the_collectors_time(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    """Issue 8.2: a photo without EXIF time got the import time as its sighting time."""
    folder = tmp_path / "batch"
    write_scripted_photos(folder, ["b_shop.jpg"])
    pane = make_flyer_pane(flyer_case.id, show=True)
    dialog = pane.import_photos([folder])
    assert isinstance(dialog, ImportDialog)
    assert not dialog.collected_edit.known.isChecked()  # unknown unless the collector says
    dialog.collector_edit.setText("순찰 2팀")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    batch_id = pane.selected_batch_id()
    assert batch_id is not None and workstation.evidence.get_item(batch_id).seized_at is None
    workstation.flyers.run_ocr(actor, [batch_id], jobs=1, recogniser=fx.scripted_recogniser)
    pane.refresh()
    registry = workstation.blocking.registry
    from forensics_app.storage.models import ReviewStatus

    shop = next(h for h in workstation.flyers.hits(case_id=flyer_case.id))
    workstation.flyers.review(actor, shop.id, ReviewStatus.ACCEPTED)
    assert registry.find("02-555-1234") is None, "no time, no sighting: not the import time"
    pane.refresh()
    pane.select_photo(shop.file_id, shop.id)
    assert "no camera time" in pane.review.facts.text()
    assert pane.collected_button.isEnabled()

    pane.collected_button.click()
    when = pane.last_dialog
    assert isinstance(when, CollectedAtDialog) and when.isVisible()
    when.collected_edit.set_local(QDate(2026, 5, 12), QTime(9, 30))  # the workstation's zone
    when.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not when.isVisible())
    collected = datetime(2026, 5, 12, 0, 30, tzinfo=UTC)  # 09:30 KST
    assert workstation.evidence.get_item(batch_id).seized_at == collected
    [sighting] = registry.sightings("02-555-1234")
    assert sighting.seen_at == collected
    assert "2026-05-12 09:30 KST" in pane.collected_button.text()
    pane.select_photo(shop.file_id, shop.id)
    assert "collected 2026-05-12 09:30 KST (no camera time)" in pane.review.facts.text()


def test_the_empty_photo_preview_hint_is_readable(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    """Issue 8.8: in English the empty photo-preview hint was drawn about 3 px high (the last
    photo's frame was still fitted into the view)."""
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    view = pane.review.view
    qtbot.waitUntil(view.has_picture)
    other = workstation.cases.create(actor, "빈 사건", number="F-2026-9")
    pane.set_case(other.id)
    for size in ((1400, 860), (1000, 700), (1500, 900)):
        pane.resize(*size)
        qtbot.wait(20)
        assert view.message_height_on_screen() >= view.fontMetrics().height()


def test_the_cases_numbers_export_to_csv_and_xlsx_as_shown(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    """Issue 8.12: the case's numbers export from their screen; formula-looking cells stay
    text (a number printed "=1+1" on a flyer must not run in a spreadsheet)."""
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    shown = [
        pane.summary_proxy.index(row, 0).data() for row in range(pane.summary_proxy.rowCount())
    ]
    assert len(shown) == 5
    csv_path = tmp_path / "numbers.csv"
    pane.summary_export.export("csv", csv_path)
    table = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str)
    assert list(table["Number"]) == shown
    assert "+8225551234" in set(table["E.164"])
    xlsx_path = tmp_path / "numbers.xlsx"
    pane.summary_export.export("xlsx", xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert [cell.value for cell in sheet[1]][:3] == ["Number", "E.164", "Type"]
    assert [sheet.cell(row=r + 2, column=1).value for r in range(5)] == shown
    assert pane.summary_export.last_path == xlsx_path
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("+821023456789") == "+821023456789"
