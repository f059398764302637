"""The CCTV pane as an examiner uses it: import an export through the dialog, see the three
clocks side by side with their disagreements, record the recorder's offset and the time
source, step through frames with their times and export a still."""

from __future__ import annotations

import inspect
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, QRect, Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.cctv_models import DISAGREE, ClipTableModel
from forensics_app.ui.cctv_pane import CctvPane
from forensics_app.ui.cctv_player import multimedia
from forensics_app.ui.widgets.context import Changed, UiContext
from tests.cctv.conftest import START
from tests.cctv.exports import build_export
from tests.ui.conftest import MakeContext, RecordingRunner

# QtMultimedia, on a machine without PipeWire, says so once per process when it loads: load it
# here, at collection, so no test inherits the warning (tests/ui fails on Qt warnings, and its
# conftest's qt_log_ignore mark is the closest one, so a module-level mark would not count).
multimedia()


@pytest.fixture(scope="session")
def export_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_export(tmp_path_factory.mktemp("ui-export") / "export")


@pytest.fixture
def export(export_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(export_template, tmp_path / "export"))


@pytest.fixture
def pane(qtbot: QtBot, ui_context: UiContext, runner: RecordingRunner) -> CctvPane:
    widget = CctvPane(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def _row(pane: CctvPane, name: str) -> int:
    return next(r for r in range(pane.model.rowCount()) if pane.model.clip(r).path.endswith(name))


def test_contract_used_by_the_main_window() -> None:
    parameters = list(inspect.signature(CctvPane.__init__).parameters)
    assert parameters[:3] == ["self", "ctx", "parent"]
    for name in ("set_case", "refresh", "import_export", "cancel"):
        assert callable(getattr(CctvPane, name))


def test_an_export_imported_through_the_dialog_shows_its_clocks(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    pane: CctvPane,
    ui_context: UiContext,
    workstation: Workstation,
    actor: Actor,
    export: Path,
    runner: RecordingRunner,
) -> None:
    case = workstation.cases.create(actor, "Shop burglary", number="C-31")
    pane.set_case(case.id)
    assert not pane.offset_button.isEnabled() and pane.import_button.isEnabled()
    dialog = pane.import_export([export])
    assert dialog is not None
    told: list[Changed] = []
    ui_context.bus.subscribe(lambda what, _initiator: told.append(what))
    dialog.accept()
    assert runner.errors == []
    assert told and told[-1] & Changed.ITEMS and told[-1] & Changed.CUSTODY
    assert pane.model.rowCount() == 7
    qtmodeltester.check(pane.model)
    cut = _row(pane, "20210608083320.dav")
    name_cell = pane.model.index(cut, ClipTableModel.NAME)
    assert name_cell.data(Qt.ItemDataRole.BackgroundRole).color() == DISAGREE
    assert "disagree" in name_cell.data(Qt.ItemDataRole.ToolTipRole)
    dav = _row(pane, "20210608083316.dav")
    texts = [pane.model.index(dav, c).data() for c in range(pane.model.columnCount())]
    assert texts[ClipTableModel.NAME] == texts[ClipTableModel.OSD] == "2021-06-08 08:33:12"
    assert texts[ClipTableModel.CORRECTED] == ""  # no offset yet
    # An MP4's creation_time is UTC: shown in the workstation's zone, named (it read
    # "2021-06-08 08:33:12 UTC"); the recorder's naive clocks stay as they say.
    mp4 = _row(pane, "20211308083316.mp4")
    container = pane.model.index(mp4, ClipTableModel.CONTAINER).data()
    assert container == "2021-06-08 17:33:12 KST"
    player = _row(pane, "player.exe")
    assert "player" in pane.model.index(player, ClipTableModel.STATUS).data()
    assert "not recorded" in pane.clock_label.text()


def test_offset_and_time_source_are_recorded_from_their_dialogs(
    pane: CctvPane, workstation: Workstation, actor: Actor, export: Path
) -> None:
    case = workstation.cases.create(actor, "Shop burglary", number="C-32")
    workstation.cctv.catalog(actor, case.id, [export], jobs=1)
    pane.set_case(case.id)
    dialog = pane.record_offset()
    assert dialog is not None
    dialog.shown_edit.setDateTime(QDateTime(QDate(2026, 5, 1), QTime(14, 31, 5)))
    dialog.recorder_zone.setCurrentIndex(dialog.recorder_zone.findData("Asia/Seoul"))
    dialog.reference_edit.setDateTime(QDateTime(QDate(2026, 5, 1), QTime(14, 30, 0)))
    dialog.reference_zone.setCurrentIndex(dialog.reference_zone.findData("Asia/Seoul"))
    dialog.accept()
    assert "+65.000" in pane.clock_label.text()
    dav = _row(pane, "20210608083316.dav")
    corrected = pane.model.index(dav, ClipTableModel.CORRECTED).data()
    expected = workstation.clock.local(datetime(2021, 6, 7, 23, 32, 7, tzinfo=UTC))
    assert corrected.startswith(expected.strftime("%Y-%m-%d %H:%M:%S"))
    source = pane.choose_source()
    assert source is not None
    source.source_combo.setCurrentIndex(source.source_combo.findData("osd"))
    source.reason_edit.setText("matches the seizure photo")
    source.accept()
    dav = _row(pane, "20210608083316.dav")
    assert pane.model.index(dav, ClipTableModel.SOURCE).data() == "On-screen clock"
    assert workstation.custody.entries(case_id=case.id)[0].action == "edit"


def test_stepping_frames_shows_each_frames_times_and_a_still_is_exported(
    pane: CctvPane, workstation: Workstation, actor: Actor, export: Path, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "Shop burglary", number="C-33")
    workstation.cctv.catalog(actor, case.id, [export], jobs=1)
    pane.set_case(case.id)
    assert pane.select_clip(pane.model.clip(_row(pane, "20210608083316.dav")).id)
    player = pane.player
    assert player.frame_number == 0 and player.forward_button.isEnabled()
    times = player.show_frame(50)
    assert times is not None and times.index == 50
    assert "50 of 100" in player.position_label.text()
    assert player.container_label.text() == "2021-06-08 08:33:14.000"
    player.step(1)
    assert player.frame_number == 51 and "08:33:14.040" in player.container_label.text()
    player.step(-2)
    assert player.frame_number == 49
    player.play()
    player.toggle_play()  # pause: the exact frame is decoded again
    assert player.stack.currentWidget() is player.frame_view
    target = tmp_path / "frame.png"
    player.show_frame(25)
    player.export_still(target)
    assert target.is_file()
    entry = workstation.custody.entries(case_id=case.id)[0]
    assert entry.action == "export" and "frame 25" in entry.summary
    pane.show_contact_sheet()
    assert pane.sheet_label.pixmap() is not None and not pane.sheet_label.pixmap().isNull()
    assert (
        START.isoformat(sep=" ")
        in pane.model.index(_row(pane, "20210608083316.dav"), ClipTableModel.OSD).data()
    )


def test_a_clock_region_drawn_on_the_frame_is_used(
    pane: CctvPane, workstation: Workstation, actor: Actor, export: Path
) -> None:
    case = workstation.cases.create(actor, "Shop burglary", number="C-34")
    report = workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    pane.set_case(case.id)
    assert pane.select_clip(pane.model.clip(_row(pane, "20210608083316.dav")).id)
    dialog = pane.draw_region()
    assert dialog is not None
    picker = dialog.picker
    picker.select(QRect(0, 0, int(picker.width() * 0.7), int(picker.height() * 0.2)))
    assert picker.region is not None
    dialog.accept()
    assert report.item is not None
    camera = next(c for c in workstation.cctv.cameras(report.item.id) if c.key == "ch1")
    assert camera.osd_settings is not None and camera.osd_settings.drawn_by_examiner
    row = _row(pane, "20210608083316.dav")
    assert pane.model.index(row, ClipTableModel.OSD).data() == "2021-06-08 08:33:12"


def test_the_main_window_has_a_cctv_tab_that_follows_the_case_and_the_bus(
    make_main_window: Any, workstation: Workstation, actor: Actor, export: Path
) -> None:
    """The pane is a tab of the chosen case; an export catalogued elsewhere (the import
    dialog, another screen) shows once the bus says evidence items changed."""
    case = workstation.cases.create(actor, "Shop burglary", number="C-35")
    window = make_main_window()
    assert window.navigator.select_case(case.id)
    pane = window.cctv_pane
    assert window.case_tabs.indexOf(window.cctv_tab) >= 0 and pane.case_id == case.id
    assert pane.model.rowCount() == 0 and pane.import_button.isEnabled()
    report = workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    window.ctx.bus.notify(Changed.ITEMS | Changed.CUSTODY)
    assert report.item is not None and pane.selected_recorder_id() == report.item.id
    assert pane.model.rowCount() == 7


def test_the_case_timeline_shows_clips_as_spans_by_camera(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    export: Path, tmp_path: Path,
) -> None:  # fmt: skip
    """Each clip with a corrected time is a bar from its start to its end in its camera's
    lane under the chart; the table below gives start and end; the picture shows it."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QColor

    from forensics_app.ui.device_timeline import KIND_COLOURS, TimelineView

    case = workstation.cases.create(actor, "Shop burglary", number="C-36")
    report = workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    assert report.item is not None
    workstation.cctv.record_offset(
        actor,
        report.item.id,
        datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 5, 30, tzinfo=UTC),
    )
    view = TimelineView(make_context())
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.set_case(case.id)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart
    dav = next(
        c for c in workstation.cctv.clips(item_id=report.item.id) if c.path.endswith("16.dav")
    )
    (span,) = [s for s in chart.spans if s.id == dav.id]
    assert (span.start, span.end) == (dav.corrected_start, dav.corrected_end)
    assert "EX-0001 ch1" in chart.lanes and "EX-0001 ch2" in chart.lanes
    assert chart.span_rect(span).top() > chart._plot().bottom()  # in a lane under the bars
    # Zoomed to the minute around it, the clip is a bar from its start to its end.
    view.set_range(span.start - timedelta(seconds=30), span.end + timedelta(seconds=30))
    (span,) = [s for s in chart.spans if s.id == dav.id]
    rect = chart.span_rect(span)
    assert rect.width() == pytest.approx(chart._plot().width() * 4 / 64, abs=1)
    assert 0 <= rect.left() < rect.right() <= chart.width()
    picture = chart.grab().toImage()
    centre = rect.center().toPoint()
    assert QColor(picture.pixel(centre)) == KIND_COLOURS["cctv"]
    assert chart.span_at(QPointF(rect.center())) == span
    picture.save(str(tmp_path / "timeline.png"))
    # The table: the clip's start and end in the workstation's zone.
    rows = [view.model.entry(r) for r in range(view.model.rowCount())]
    row = next(r for r, e in enumerate(rows) if e is not None and e.id == dav.id)
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "Until"
    assert view.model.index(row, 0).data() == "2021-06-08 08:32:07 KST"
    assert view.model.index(row, 1).data() == "2021-06-08 08:32:11 KST"
    # A range inside the clip still shows it, as a span across the whole range.
    middle = span.start + timedelta(seconds=2)
    view.set_range(middle, middle + timedelta(seconds=1))
    assert [s.id for s in chart.spans if s.id == dav.id] == [dav.id]
    assert dav.id in {view.model.entry(r).id for r in range(view.model.rowCount())}  # type: ignore[union-attr]
    view.kind_boxes["cctv"].setChecked(False)
    assert chart.spans == [] and chart.lanes == []
    qtbot.mouseMove(chart, QPoint(5, 5))


def test_a_clip_chosen_on_the_phones_timeline_opens_in_the_cctv_tab(
    make_main_window: Any, workstation: Workstation, actor: Actor, export: Path
) -> None:
    case = workstation.cases.create(actor, "Shop burglary", number="C-37")
    report = workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    assert report.item is not None
    workstation.cctv.record_offset(
        actor,
        report.item.id,
        datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 5, 30, tzinfo=UTC),
    )
    window = make_main_window()
    assert window.navigator.select_case(case.id)
    window.show_case_tab(window.device_area)
    timeline = window.device_area.timeline
    timeline.set_case(case.id)
    rows = [timeline.model.entry(r) for r in range(timeline.model.rowCount())]
    row, entry = next((r, e) for r, e in enumerate(rows) if e is not None and e.kind == "cctv")
    timeline.table.doubleClicked.emit(timeline.model.index(row, 0))
    assert window.case_tabs.currentWidget() is window.cctv_tab
    clip = window.cctv_pane.current_clip()
    assert clip is not None and clip.id == entry.id


def test_a_clip_changed_on_disk_since_the_last_import_is_said_in_the_summary(
    pane: CctvPane, workstation: Workstation, actor: Actor, export: Path
) -> None:
    """It was a warning icon over the plain summary, the change only in the details."""
    from PySide6.QtWidgets import QMessageBox

    case = workstation.cases.create(actor, "Shop burglary", number="C-35")
    workstation.cctv.catalog(actor, case.id, [export], jobs=1)
    pane.set_case(case.id)
    clip = next(export.rglob("*16.dav"))
    clip.write_bytes(clip.read_bytes()[:-100])  # cut between the runs
    report = workstation.cctv.catalog(actor, case.id, [export], jobs=1)
    assert len(report.changed) == 1
    pane._imported(report)
    box = pane.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "1 catalogued files have changed on disk" in box.text()
    assert "16.dav: THE FILE CHANGED since it was catalogued" in box.detailedText()
