"""What an investigator found wrong walking through the device area and the block area:
an empty list that did not say why, a time range without its zone, the shown range of the
timeline widening the window past the screen, and the source of an artifact squeezed to four
lines beside its tags and notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Blocking
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_area import NUMBERS, BlockingArea
from forensics_app.ui.device_area import DeviceDataArea, bubble_meta
from forensics_app.ui.device_labels import local_text
from forensics_app.ui.import_dialog import ImportDialog
from forensics_app.ui.main_window import MainWindow
from tests.importers import samples
from tests.ui import test_blocking_fixtures as fx
from tests.ui.conftest import MakeContext
from tests.ui.test_blocking_fixtures import queued

blk = fx.blk


def phone_area(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> tuple[DeviceDataArea, int]:  # fmt: skip
    """A device area on a case holding the sample Android extraction; the case's id."""
    case = workstation.cases.create(actor, "전단지 대부업", number="D-1")
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    area = DeviceDataArea(make_context())
    qtbot.addWidget(area)
    area.set_case(case.id)
    return area, case.id


def test_empty_device_lists_say_why_and_the_time_range_names_its_zone(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    area = DeviceDataArea(make_context())
    qtbot.addWidget(area)
    assert area.xref_table.placeholder == "No case is open."
    case = workstation.cases.create(actor, "전단지 대부업", number="D-1")
    area.set_case(case.id)
    said = [t.placeholder for t in area.tables.values()]
    said += [area.xref_table.placeholder, area.bubble_view.placeholder]
    assert set(said) == {"No phone data in this case yet. Click “Import device data…”."}

    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    area.set_case(case.id)
    assert area.models["message"].rowCount() > 0
    assert area.xref_table.placeholder.startswith("None of the numbers on the phones")
    assert area.bubble_view.placeholder == "Choose a conversation to read its messages."
    assert area.conversation_list.alternatingRowColors()  # two-line entries, told apart
    area.search_edit.setText("없는말")
    area.apply_filter()
    assert area.models["message"].rowCount() == 0
    assert area.tables["message"].placeholder == "Nothing matches the search and filters."

    zone = workstation.clock.zone_abbreviation()
    assert zone and area.zone_label.text() == zone
    assert workstation.clock.zone_name in area.zone_label.toolTip()


def test_the_timeline_range_wraps_and_the_artifact_source_stays_readable(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    area, _case = phone_area(qtbot, make_context, workstation, actor, tmp_path)
    label = area.timeline.range_label
    assert "–" in label.text()
    # It may be narrower than its text (it wraps), so it does not set the window's width.
    assert label.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(label.text())
    text = area.detail.text
    assert text.minimumHeight() >= 10 * text.fontMetrics().lineSpacing()


def test_an_empty_number_list_says_where_numbers_come_from(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking
) -> None:
    area = BlockingArea(make_context(blk=blk))
    qtbot.addWidget(area)
    area.show_page(NUMBERS)
    page = area.numbers
    assert page.model.rowCount() == 0
    assert page.table.placeholder.startswith("No numbers yet. They come from flyer photos")
    page.min_spin.setValue(3)
    page.apply_filter()
    assert page.table.placeholder == "No number matches the filters."


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_device_area_fits_a_laptop_screen(
    qtbot: QtBot, request: pytest.FixtureRequest, language: str,
    make_main_window: Callable[[], MainWindow], workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    """At 1360×840 the main window stays that size on every device tab (the timeline's range
    widened it past the screen; the artifact detail must not make it taller), in English and
    Korean. The timeline's range takes two lines at most: beside the kinds and the zoom
    buttons it was squeezed to ~90 px, five lines in Korean (six in English)."""
    if language == "ko":
        request.getfixturevalue("korean")
    case = workstation.cases.create(actor, "전단지 대부업", number="D-3")
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    window = make_main_window()
    window.reload_cases()
    window.navigator.select_case(case.id)
    window.resize(1360, 840)
    window.show()
    qtbot.waitExposed(window)
    area = window.device_area
    window.show_case_tab(area)
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        for _ in range(3):  # the layout passes the tab's showing asks for
            QApplication.processEvents()
        least = window.minimumSizeHint()
        assert least.width() <= 1360 and least.height() <= 840, area.tabs.tabText(index)
        assert (window.width(), window.height()) == (1360, 840), area.tabs.tabText(index)
        if area.tabs.currentWidget() is area.timeline:
            label = area.timeline.range_label
            assert label.text().endswith("건" if language == "ko" else "events"), label.text()
            assert label.height() <= 2 * label.fontMetrics().lineSpacing() + 4, label.height()


def test_a_narrow_bubble_keeps_its_time_whole(
    qtbot: QtBot, workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """The bubble's last line was drawn right-aligned and uncut: in Korean ("문자(SMS)") the
    date was pushed out of the bubble on its left."""
    case = workstation.cases.create(actor, "전단지 대부업", number="D-4")
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    rows = workstation.artifacts.page(ArtifactQuery(case.id, kind="message"), 0, 50)
    row = next(r for r in rows if r.time is not None and r.direction == "incoming")
    metrics = QFontMetrics(QFont())
    whole = bubble_meta(workstation.clock, row, metrics, 10_000)
    width = metrics.horizontalAdvance(whole) * 2 // 3
    cut = bubble_meta(workstation.clock, row, metrics, width)
    assert cut.startswith(local_text(workstation.clock, row.time, seconds=False))
    assert cut.endswith("…") and metrics.horizontalAdvance(cut) <= width


def test_ticking_a_bound_narrows_from_the_cases_first_and_last_event(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The From and To bounds held the moment the screen opened: ticking From hid every
    message of the case. They hold the case's first and last event now."""
    area, _case = phone_area(qtbot, make_context, workstation, actor, tmp_path)
    messages = area.models["message"]
    rows = [messages.artifact(row) for row in range(messages.rowCount())]
    timed = sum(1 for row in rows if row is not None and row.time is not None)
    area.from_check.setChecked(True)
    area.to_check.setChecked(True)
    area.apply_filter()
    assert messages.rowCount() == timed > 0


def test_the_import_check_shows_each_parser_name_whole(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The parser column was cut to 'Android SMS/ MMS …' beside paths shown whole."""
    case = workstation.cases.create(actor, "전단지 대부업", number="D-6")
    extraction = samples.android_extraction(tmp_path / "a")
    dialog = ImportDialog(make_context(), case.id, [extraction])
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    dialog.check()
    table = dialog.table
    titles = [
        item.text() for row in range(table.rowCount()) if (item := table.item(row, 1)) is not None
    ]
    assert titles and table.textElideMode() == Qt.TextElideMode.ElideMiddle
    widest = max(table.fontMetrics().horizontalAdvance(title) for title in titles)
    assert table.columnWidth(1) >= widest


def test_the_artifact_detail_says_utc_beside_the_utc_time(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    """'Time in UTC' showed a bare time: copied into a report it lost its zone."""
    area, case_id = phone_area(qtbot, make_context, workstation, actor, tmp_path)
    rows = workstation.artifacts.page(ArtifactQuery(case_id, kind="message"), 0, 50)
    row = next(r for r in rows if r.time is not None)
    area.detail.show_artifact(row)
    assert row.time is not None
    utc = row.time.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert re.search(rf"{utc}\.\d{{6}} UTC", area.detail.text.toPlainText())


def test_a_sightings_time_is_not_cut(
    qtbot: QtBot, make_context: MakeContext, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    """The number detail's sighting times were cut to '2026-11-20 09:3…'."""
    queued(blk, actor, 1, clock, categories=[AdCategory.LENDING])
    area = BlockingArea(make_context(blk=blk))
    qtbot.addWidget(area)
    area.show_page(NUMBERS)
    page = area.numbers
    page.table.selectRow(0)
    view = page.sighting_view
    seen = str(page.sighting_model.index(0, 0).data())
    assert seen.endswith(" KST")
    assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance(seen) + 8


def test_a_conversations_line_is_cut_visibly_not_scrolled_away(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    tmp_path: Path,
) -> None:  # fmt: skip
    """A narrow conversation list scrolled sideways: the time at the end of each line was
    out of sight, with nothing to say so. The lines fit the list now, cut with …"""
    area, _case = phone_area(qtbot, make_context, workstation, actor, tmp_path)
    listed = area.conversation_list
    area.resize(1200, 700)
    area.show()
    qtbot.waitExposed(area)
    area.conversation_split.setSizes([160, 700])  # the analyst narrowed the list
    QApplication.processEvents()
    first = area.conversations.index(0, 0)
    line = str(first.data()).splitlines()[-1]
    conversation = area.conversations.conversation(0)
    assert conversation is not None and conversation.last_time is not None
    assert line.startswith(local_text(workstation.clock, conversation.last_time, seconds=False))
    assert listed.fontMetrics().horizontalAdvance(line) > listed.viewport().width()
    assert listed.visualRect(first).width() <= listed.viewport().width()
    assert listed.horizontalScrollBar().maximum() == 0
