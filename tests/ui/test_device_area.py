"""The device-data screens on SQLite and PostgreSQL: lazy models checked by qtmodeltester,
filters and Korean search, the detail with provenance, tags and notes, a number recorded as a
sighting, the timeline chart and its table, and an import run from the screen."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from blocking.enums import AdCategory, SourceKind
from blocking.records import SightingInput
from forensics_app.services import Workstation
from forensics_app.services.artifacts import NO_CONVERSATION, ArtifactQuery, ArtifactRow
from forensics_app.services.records import Actor, blocking_actor
from forensics_app.storage.models import ArtifactMessage
from forensics_app.ui import device_models
from forensics_app.ui.device_area import DeviceDataArea, bubble_meta
from forensics_app.ui.device_labels import SERVICE_LABELS, label
from forensics_app.ui.device_models import ArtifactTableModel, RecordRole
from forensics_app.ui.device_xref import NumberOccurrencesPanel
from forensics_app.ui.widgets.formatting import national_of, size_text
from tests.importers import samples
from tests.importers.samples import at
from tests.ui.conftest import MakeContext, RecordingRunner
from tests.ui.test_hostile_gui_thread import HeldRunner

CASE = "2024-0011"


def shown_records(model: ArtifactTableModel) -> list[ArtifactRow]:
    """The records of every row the table shows, in order (each row must have one)."""
    records = [model.artifact(row) for row in range(model.rowCount())]
    assert None not in records
    return [record for record in records if record is not None]


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor, tmp_path: Path) -> int:
    case = workstation.cases.create(actor, "Illegal lending", number=CASE)
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    sha = hashlib.sha256(b"flyer").hexdigest()
    workstation.blocking.registry.record_sightings(
        blocking_actor(actor),
        [
            SightingInput(
                "010-1234-5678", at(15), AdCategory.LENDING, SourceKind.FLYER_PHOTO,
                case_number=CASE, photo_name="flyer.jpg", photo_sha256=sha, place="서울",
            )
        ],
    )  # fmt: skip
    return case.id


@pytest.fixture
def area(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    make_context: MakeContext,
    case_id: int,
) -> DeviceDataArea:
    widget = DeviceDataArea(make_context())
    qtbot.addWidget(widget)
    widget.set_case(case_id)
    return widget


def test_models_pass_the_model_tester(area: DeviceDataArea, qtmodeltester: ModelTester) -> None:
    for model in area.models.values():
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(area.conversations, force_py=True)
    qtmodeltester.check(area.timeline.model, force_py=True)
    qtmodeltester.check(area.xref_model, force_py=True)


def test_the_table_model_reads_only_the_pages_it_shows(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    from benchmarks.devices_data import generate

    extraction = generate(tmp_path / "big", messages=2500, calls=10, contacts=10)
    workstation.ingest.import_paths(actor, case_id, [extraction])
    model = ArtifactTableModel(
        workstation.artifacts, workstation.xref, workstation.clock, "message"
    )
    model.set_query(ArtifactQuery(case_id))
    assert model.rowCount() == 2500 + samples.ANDROID_SMS_COUNT
    assert model.pages.fetch_calls == 0  # counted, nothing read yet
    assert model.data(model.index(2400, 0)) != ""
    assert model.pages.fetch_calls == 1
    model.sort(0, Qt.SortOrder.DescendingOrder)
    # Rows without a time sort first or last depending on the database; the rest go newest
    # first.
    times = [r.time for r in (model.artifact(i) for i in range(10)) if r and r.time]
    assert len(times) >= 5 and times == sorted(times, reverse=True)


def test_korean_search_number_and_direction_filters(area: DeviceDataArea, qtbot: QtBot) -> None:
    messages = area.models["message"]
    assert messages.rowCount() == samples.ANDROID_SMS_COUNT
    area.search_edit.setText("대출")
    area.apply_filter()
    texts = [r.text for r in shown_records(messages)]
    assert len(texts) == 4 and all("대출" in t for t in texts)
    assert "4" in area.count_label.text()
    area.search_edit.clear()
    area.number_edit.setText("+82 10-1234-5678")
    area.direction_combo.setCurrentIndex(area.direction_combo.findData("outgoing"))
    assert [r.text for r in shown_records(messages)] == ["대출을 알아보고 있어요", "임시 저장"]
    area.direction_combo.setCurrentIndex(0)
    area.number_edit.clear()
    area.apply_filter()
    zone = area.from_edit.timeZone()
    area.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(at(5).timestamp()), zone))
    area.to_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(at(30).timestamp()), zone))
    area.from_check.setChecked(True)
    area.to_check.setChecked(True)
    assert messages.rowCount() == 3


def test_a_text_search_is_counted_up_to_a_step_then_further_on_demand(
    area: DeviceDataArea, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """A text search shows "more than N found" while not counted in full: scrolling to the end
    counts the next step, "Count all" the rest; the rows shown are the same either way."""
    monkeypatch.setattr(device_models, "SEARCH_COUNT_STEP", 1)
    messages = area.models["message"]
    area.search_edit.setText("대출")
    area.apply_filter()  # four messages match
    assert messages.rowCount() == 1 and messages.capped and messages.canFetchMore()
    assert area.count_label.text() == "More than 1 found"
    assert area.count_all_button.isVisibleTo(area)
    first = [r.id for r in shown_records(messages)]
    messages.fetchMore()  # the view reached the last row: one more counted, still more
    assert messages.rowCount() == 2 and messages.capped
    assert area.count_label.text() == "More than 2 found"
    messages.fetchMore()
    messages.fetchMore()  # the fourth, and none beyond it
    assert messages.rowCount() == 4 and not messages.capped and not messages.canFetchMore()
    assert area.count_label.text() == "4 found"
    assert not area.count_all_button.isVisibleTo(area)
    found = [r.id for r in shown_records(messages)]
    assert found[:1] == first

    area.search_edit.setText("대출")
    area.apply_filter()  # counted up to the step again
    assert messages.rowCount() == 1 and messages.capped
    area.count_all_button.click()
    assert messages.rowCount() == 4 and not messages.capped
    assert area.count_label.text() == "4 found"
    assert [r.id for r in shown_records(messages)] == found
    # Without a text the count is exact at once.
    area.search_edit.clear()
    area.apply_filter()
    assert messages.rowCount() == samples.ANDROID_SMS_COUNT and not messages.capped
    area.search_edit.setText("대출")
    area.apply_filter()
    assert messages.capped
    qtmodeltester.check(messages, force_py=True)  # fetches more as a view would


def test_flyer_numbers_are_marked_in_the_lists(area: DeviceDataArea) -> None:
    messages = area.models["message"]
    marked = [
        r
        for r in range(messages.rowCount())
        if messages.index(r, 0).data(RecordRole).row.e164 == samples.LENDER
    ]
    assert marked
    mark_column = [c.key for c in messages.columns].index("mark")
    text = messages.index(marked[0], mark_column).data()
    assert "010-1234-5678" in text and "1" in text


def test_detail_shows_provenance_and_records_tags_notes_and_a_sighting(
    area: DeviceDataArea, workstation: Workstation, case_id: int
) -> None:
    area.tabs.setCurrentIndex(1)
    area.search_edit.setText("무직자대출 당일")
    area.apply_filter()
    table = area.tables["message"]
    table.setCurrentIndex(area.models["message"].index(0, 0))
    detail = area.detail
    html = detail.text.toHtml()
    assert "mmssms.db" in html and "android_mmssms" in html and "sms #1" in html
    numbers = [detail.numbers.item(i).text() for i in range(detail.numbers.count())]
    assert any(samples.LENDER in n and "⚑" in n for n in numbers)
    assert any(samples.IN_BODY in n for n in numbers)
    detail.tag_edit.setText("대출 광고")
    detail.add_tag()
    detail.note_edit.setPlainText("전단지와 같은 번호")
    detail.add_note()
    assert [detail.tags.item(i).text() for i in range(detail.tags.count())] == ["대출 광고"]
    assert "전단지와 같은 번호" in detail.notes.toPlainText()
    assert area.tag_combo.findData("대출 광고") > 0
    body_number = next(
        i for i in range(detail.numbers.count()) if samples.IN_BODY in detail.numbers.item(i).text()
    )
    detail.numbers.setCurrentRow(body_number)
    detail.record_sighting()
    (row,) = [r for r in workstation.xref.cross_reference(case_id) if r.e164 == samples.LENDER]
    marks = workstation.xref.marks([samples.IN_BODY])
    assert marks[samples.IN_BODY].device_sightings == 1
    assert row.flyer_sightings == 1


def test_conversations_show_bubbles(
    area: DeviceDataArea, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    area.tabs.setCurrentIndex(0)
    area.show()
    rows = area.conversations.rowCount()
    assert rows >= 3
    shown = [
        (conversation.messages, area.conversations.index(row, 0).data())
        for row in range(rows)
        if (conversation := area.conversations.conversation(row)) is not None
    ]
    counts = dict(shown)
    assert " · 1 message · " in counts[1] and " · 8 messages · " in counts[8]
    area.conversation_list.setCurrentIndex(area.conversations.index(0, 0))
    assert area.bubbles.rowCount() > 0
    area.bubble_view.setCurrentIndex(area.bubbles.index(0, 0))
    assert area.detail.current is not None
    assert not area.bubble_view.grab().isNull()

    # The search narrows the conversations to those with a match, and their bubbles to it.
    area.search_edit.setText("대출")
    area.apply_filter()
    narrowed = [area.conversations.conversation(r) for r in range(area.conversations.rowCount())]
    assert 0 < len(narrowed) < rows
    bubbles = []
    for row, conversation in enumerate(narrowed):
        assert conversation is not None
        area.conversation_list.setCurrentIndex(area.conversations.index(row, 0))
        texts = [r.text for r in shown_records(area.bubbles)]
        assert len(texts) == conversation.messages and all("대출" in t for t in texts)
        bubbles += texts
    assert len(bubbles) == len(shown_records(area.models["message"]))
    assert area.conversation_hint.isVisibleTo(area)
    # More matches than a search step groups at once: every conversation, whole, and said so.
    monkeypatch.setattr(device_models, "SEARCH_COUNT_STEP", 1)
    area.apply_filter()
    assert area.conversations.rowCount() == rows
    assert "More than 1 messages match" in area.conversation_hint.text()
    area.conversation_list.setCurrentIndex(area.conversations.index(0, 0))
    whole = area.conversations.conversation(0)
    assert whole is not None and area.bubbles.rowCount() == whole.messages
    monkeypatch.undo()
    area.search_edit.clear()
    area.apply_filter()
    assert area.conversations.rowCount() == rows
    assert not area.conversation_hint.isVisibleTo(area)


def test_a_message_outside_any_conversation_opens_from_the_list(
    area: DeviceDataArea, workstation: Workstation, case_id: int
) -> None:
    (loner,) = workstation.artifacts.page(ArtifactQuery(case_id, text="무직자대출 당일"))
    with workstation.db.write() as session:
        message = session.get(ArtifactMessage, loner.id)
        assert message is not None
        message.conversation_id = None
    area.tabs.setCurrentIndex(0)
    area.apply_filter()
    last = area.conversations.rowCount() - 1
    outside = area.conversations.conversation(last)
    assert outside is not None and outside.id == NO_CONVERSATION
    assert str(area.conversations.index(last, 0).data()).startswith(
        "Messages outside any conversation\n"
    )
    area.conversation_list.setCurrentIndex(area.conversations.index(last, 0))
    assert [r.id for r in shown_records(area.bubbles)] == [loner.id]


def test_conversation_titles_show_numbers_as_the_bubbles_do(
    area: DeviceDataArea, workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """A conversation's title showed its address as stored (01012345678, +821012345678) while
    its bubbles showed 010-1234-5678: both show a number in its national form; a name, an
    e-mail, a short code or a title that only holds a number keep what was written."""
    workstation.ingest.import_paths(actor, case_id, [samples.ios_sms(tmp_path / "sms.db")])
    area.set_case(case_id)
    rows = range(area.conversations.rowCount())
    titles = [area.conversations.index(r, 0).data().split("\n")[0] for r in rows]
    assert titles.count("010-1234-5678") == 2  # the phone's thread and the iMessage chat
    assert "010-5555-0000, 010-2222-3333" in titles and "010-9999-8888" in titles
    assert {"대출팀", "KT", "#1004", "spam@example.com"} <= set(titles)
    assert not any(t.startswith(("010", "+82")) and "-" not in t for t in titles)
    group = next(r for r in rows if titles[r] == "대출팀")
    tip = area.conversations.index(group, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "010-1234-5678, spam@example.com, 010-5555-0000"
    raw = next(r for r in rows if titles[r] == "010-1234-5678")
    area.conversation_list.setCurrentIndex(area.conversations.index(raw, 0))
    metrics = area.bubble_view.fontMetrics()
    incoming = [
        bubble_meta(workstation.clock, record, metrics, 2000)
        for record in shown_records(area.bubbles)
        if record.direction == "incoming" and record.e164 == samples.LENDER
    ]
    assert incoming and all("010-1234-5678 · " in meta for meta in incoming)
    assert national_of("Call 01012345678") == "Call 01012345678"  # a name holding a number


def test_timeline_chart_zooms_and_its_table_follows(area: DeviceDataArea) -> None:
    timeline = area.timeline
    everything = timeline.model.rowCount()
    assert everything == samples.ANDROID_SMS_COUNT - 2 + 7 + 1  # with the flyer sighting
    assert timeline.chart.bars
    timeline.chart.range_requested.emit(at(0), at(12))
    assert timeline.model.rowCount() == 3
    # The axis names the zone of its times, like every time on screen (it did not).
    span = timeline.chart.span
    assert span is not None
    start = timeline.chart._axis_text(span[0], span[1])
    assert start.endswith(" KST") and start.count(":") == 2, start
    timeline.chart.reset_requested.emit()
    assert timeline.model.rowCount() == everything
    timeline.kind_boxes["call"].setChecked(False)
    assert timeline.model.rowCount() == everything - 7
    opened: list[tuple[str, int]] = []
    timeline.artifact_requested.connect(lambda kind, i: opened.append((kind, i)))
    timeline._open(timeline.model.index(0, 0))
    assert opened and opened[0][0] == "message"
    area.show_artifact(*opened[0])
    assert area.detail.current is not None and area.detail.current.id == opened[0][1]


def test_import_from_the_screen(
    area: DeviceDataArea, runner: RecordingRunner, tmp_path: Path
) -> None:
    before = area.phone_combo.count()
    area.import_paths([samples.ios_sms(tmp_path / "iphone" / "sms.db")], item_id=None)
    assert runner.errors == []
    area.set_phone(None)
    assert area.phone_combo.count() >= before
    assert area.last_message is not None and "9" in area.last_message.text()


def test_occurrences_panel_for_the_block_area(
    qtbot: QtBot, workstation: Workstation, actor: Actor, case_id: int, qtmodeltester: ModelTester
) -> None:
    panel = NumberOccurrencesPanel(workstation.xref, actor, workstation.clock)
    qtbot.addWidget(panel)
    panel.set_number(samples.LENDER)
    qtmodeltester.check(panel.model, force_py=True)
    assert panel.model.rowCount() >= 10
    added: list[int] = []
    panel.sighting_added.connect(added.append)
    assert panel.add_sighting(0) is not None and added


def test_a_conversation_is_read_off_the_gui_thread_and_the_newest_choice_wins(
    qtbot: QtBot, make_context: MakeContext, case_id: int
) -> None:
    """Opening a conversation counted and read its messages on the GUI thread. With a runner
    that holds every task, nothing is shown until the read comes back (the view says it is
    loading), and the read of a conversation chosen earlier, arriving last, is dropped."""
    runner = HeldRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    area.set_case(case_id)
    runner.release_all()
    rows = {
        conversation.messages: row
        for row in range(area.conversations.rowCount())
        if (conversation := area.conversations.conversation(row)) is not None
    }
    area.conversation_list.setCurrentIndex(area.conversations.index(rows[8], 0))
    assert area.bubbles.rowCount() == 0 and area.is_opening_conversation
    assert area.bubble_status.text() == "Loading the conversation…"
    area.conversation_list.setCurrentIndex(area.conversations.index(rows[1], 0))
    earlier, newest = runner.held
    runner.release(newest)
    assert area.bubbles.rowCount() == 1 and not area.is_opening_conversation
    runner.release(earlier)  # the eight-message conversation's read comes back last
    assert area.bubbles.rowCount() == 1 and runner.errors == []
    assert area.bubbles.pages.fetch_calls == 0  # its rows came with the read, off the thread


def test_older_messages_scrolled_back_to_are_read_off_the_gui_thread(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """Scrolling a conversation back read each older page on the GUI thread, while painting.
    The page is now asked of the runner (held here): nothing is read when the row is shown
    (the bubble says it is loading), and a page for rows read again since is dropped."""
    from benchmarks.devices_data import generate

    extraction = generate(tmp_path / "big", messages=450, calls=1, contacts=1)
    workstation.ingest.import_paths(actor, case_id, [extraction])
    runner = HeldRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    area.set_case(case_id)
    runner.release_all()
    bubbles = area.bubbles
    # As a conversation opens: the last pages come with the read, the first page does not.
    bubbles.show_prepared(bubbles.read_last_rows(ArtifactQuery(case_id)))
    assert bubbles.rowCount() > 2 * device_models.PAGE_SIZE

    def first_bubble() -> object:
        return bubbles.index(0, 0).data(RecordRole)

    assert first_bubble() is None and len(runner.held) == 1
    assert first_bubble() is None and len(runner.held) == 1  # asked once, not at every paint
    assert bubbles.pages.fetch_calls == 0  # nothing read on the GUI thread
    changed: list[int] = []
    bubbles.dataChanged.connect(lambda top, _bottom, *_: changed.append(top.row()))
    runner.release_all()
    assert first_bubble() is not None and changed == [0]

    bubbles.show_prepared(bubbles.read_last_rows(ArtifactQuery(case_id)))
    assert first_bubble() is None
    (late,) = runner.held
    bubbles.set_query(ArtifactQuery(case_id, descending=True))  # the rows read again
    runner.release(late)  # the page of the rows shown before comes back last: dropped
    assert not bubbles.pages.has(0) and changed == [0]
    assert bubbles.pages.fetch_calls == 0 and runner.errors == []


class InTaskRunner(HeldRunner):
    """A held runner that knows when one of its tasks is running: a service call made outside
    (on the GUI thread, as the screen reacts) is told from one made by a task."""

    def __init__(self) -> None:
        super().__init__()
        self.in_task = False

    def release(self, task: Any) -> None:
        self.in_task = True
        try:
            super().release(task)
        finally:
            self.in_task = False


def spy_reads(
    monkeypatch: pytest.MonkeyPatch, workstation: Workstation, runner: InTaskRunner
) -> list[tuple[str, bool]]:
    """The counts, the phones and the timeline's reads, each with whether a task of the
    runner made it."""
    calls: list[tuple[str, bool]] = []
    for service, name in (
        (workstation.artifacts, "count"),
        (workstation.artifacts, "conversations"),
        (workstation.artifacts, "phones"),
        (workstation.timeline, "histogram"),
        (workstation.timeline, "spans"),
        (workstation.timeline, "count"),
    ):
        original = getattr(service, name)

        def spied(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            calls.append((_name, runner.in_task))
            return _original(*args, **kw)

        monkeypatch.setattr(service, name, spied)
    return calls


def test_the_counts_are_read_off_the_gui_thread_and_the_newest_filter_wins(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The lists' counts ("20,009 found") and the conversations were read on the GUI thread at
    every phone, filter and search text. With a runner that holds every task nothing is
    counted until the task runs (the count says it is counting), and counts and conversations
    of a search typed before the newest, arriving last, are dropped."""
    runner = InTaskRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    calls = spy_reads(monkeypatch, workstation, runner)
    area.set_case(case_id)
    messages = area.models["message"]
    assert calls == [] and messages.counting and messages.rowCount() == 0
    assert area.count_label.text() == "Counting…"
    assert area.tables["call"].placeholder == "Counting…"
    assert area.bubble_view.placeholder == "Reading the conversations…"
    runner.release_all()
    assert calls and all(in_task for _name, in_task in calls), calls
    assert area.count_label.text() == f"{samples.ANDROID_SMS_COUNT} found"
    assert area.conversations.rowCount() > 0  # they follow the messages' count
    assert area.bubble_view.placeholder == "Choose a conversation to read its messages."

    area.search_edit.setText("대출")
    area.apply_filter()
    area.search_edit.setText("없는말")
    area.apply_filter()
    for task in list(reversed(runner.held)):  # the first search's counts come back last
        runner.release(task)
    assert messages.rowCount() == 0 and area.count_label.text() == "0 found"
    runner.release_all()  # the conversations of the newest search
    assert area.conversations.rowCount() == 0

    # The conversations with a match of a search, asked for before the newest search's,
    # come back last: dropped.
    def counts_come_back() -> None:
        for task in [t for t in runner.held if t.label == "Counting"]:
            runner.release(task)

    area.search_edit.setText("대출")
    area.apply_filter()
    counts_come_back()
    area.search_edit.setText("없는말")
    area.apply_filter()
    counts_come_back()
    searched, newest = runner.held
    runner.release(newest)
    runner.release(searched)
    assert area.conversations.rowCount() == 0 and messages.rowCount() == 0
    assert area.tables["message"].placeholder == "Nothing matches the search and filters."
    assert all(in_task for _name, in_task in calls) and runner.errors == []


def test_the_timelines_until_column_shows_only_beside_clips_and_fits_its_times(
    area: DeviceDataArea, workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """The "Until" column took ~170 px of the timeline's table even when every row was empty
    (only CCTV clips last): hidden while the range has no clip, as wide as a time once one
    is on it; the times' columns fit a time in the reader's zone."""
    from tests.cctv.exports import build_export

    timeline = area.timeline
    table, model = timeline.table, timeline.model
    until, time = model.column("until"), model.column("time")
    assert model.rowCount() > 0 and table.isColumnHidden(until)
    first = model.index(0, time).data()
    assert "KST" in first
    assert table.columnWidth(time) >= table.fontMetrics().horizontalAdvance(first)

    item = workstation.cctv.catalog(actor, case_id, [build_export(tmp_path / "nvr")], jobs=1).item
    assert item is not None
    workstation.cctv.record_offset(
        actor, item.id, datetime(2026, 5, 1, 14, 31, 5), datetime(2026, 5, 1, 14, 30, tzinfo=UTC)
    )
    timeline.reload()
    assert not table.isColumnHidden(until)
    ends = [
        text
        for row in range(model.rowCount())
        if (text := model.index(row, until).data()) and model.entry(row) is not None
    ]
    assert ends and all(
        table.columnWidth(until) >= table.fontMetrics().horizontalAdvance(text) for text in ends
    )
    timeline.kind_boxes["cctv"].setChecked(False)  # no clip shown: no "Until"
    assert table.isColumnHidden(until)


def test_the_timeline_is_read_off_the_gui_thread_and_the_newest_range_wins(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The timeline's chart, clips and count were read on the GUI thread at every case, zoom
    and kind (0.4 s for a million messages). Held: nothing is read, the range says it is
    being read; a range asked for before the newest, arriving last, is dropped."""
    runner = InTaskRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    calls = spy_reads(monkeypatch, workstation, runner)
    area.set_case(case_id)
    timeline = area.timeline
    assert not [c for c in calls if c[0] != "count"] and timeline.loading
    assert timeline.range_label.text() == "Reading the timeline…"
    assert timeline.chart.empty_text == "Reading the timeline…"
    before = area.from_edit.dateTime().toSecsSinceEpoch()
    runner.release_all()
    assert {"histogram", "spans"} <= {name for name, _ in calls}
    assert all(in_task for _name, in_task in calls), calls
    everything = samples.ANDROID_SMS_COUNT - 2 + 7 + 1
    assert timeline.model.rowCount() == everything and not timeline.loading
    assert timeline.range_label.text().endswith(f": {everything} events")
    # The bounds of the filters follow the case's span once it is read.
    first = timeline.case_span[0]
    assert first is not None and before != int(first.timestamp())
    assert area.from_edit.dateTime().toSecsSinceEpoch() == int(first.timestamp())

    timeline.chart.range_requested.emit(at(0), at(12))
    timeline.chart.reset_requested.emit()
    zoomed, whole = runner.held
    runner.release(whole)
    runner.release(zoomed)  # the zoom asked for first comes back last: dropped
    assert timeline.range == (None, None) and timeline.model.rowCount() == everything
    assert timeline.range_label.text().endswith(f": {everything} events")
    assert runner.errors == []


class StatementSpy:
    """Every statement sent to the database, with whether a task of the runner sent it:
    one sent outside a task was sent on the GUI thread (the held runner runs its tasks on
    this thread, only when the test releases them)."""

    def __init__(self, workstation: Workstation, runner: InTaskRunner) -> None:
        self.runner = runner
        self.engine = workstation.db.engine
        self.sent: list[tuple[str, bool]] = []
        event.listen(self.engine, "before_cursor_execute", self._sent)

    def _sent(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.sent.append((statement, self.runner.in_task))

    def on_gui_thread(self) -> list[str]:
        return [statement for statement, in_task in self.sent if not in_task]

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._sent)


@pytest.fixture
def held_area(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, case_id: int
) -> Iterator[tuple[DeviceDataArea, InTaskRunner, StatementSpy]]:
    """The area with every read held until released; the statements sent from now on."""
    runner = InTaskRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    area.set_case(case_id)
    runner.release_all()
    spy = StatementSpy(workstation, runner)
    yield area, runner, spy
    spy.close()


def test_the_lists_pages_are_read_off_the_gui_thread_and_a_stale_page_is_dropped(
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """The messages, calls and contacts tables read each page on the GUI thread as they were
    painted. A page is now asked of the runner: the row says it is loading, nothing is read
    on the GUI thread, and a page for rows read again since is dropped."""
    from benchmarks.devices_data import generate

    area, runner, spy = held_area
    workstation.ingest.import_paths(
        actor, case_id, [generate(tmp_path / "big", messages=450, calls=1, contacts=1)]
    )
    area.tabs.setCurrentIndex(1)
    area.apply_filter()
    runner.release_all()  # the counts
    messages = area.models["message"]
    assert messages.rowCount() > 2 * device_models.PAGE_SIZE
    spy.sent.clear()
    last = messages.rowCount() - 1
    assert messages.index(last, 0).data() == "Loading…"
    assert messages.artifact(last) is None and len(runner.held) == 1  # asked once
    assert spy.on_gui_thread() == []
    runner.release_all()
    assert messages.artifact(last) is not None and spy.sent
    for kind in ("call", "contact"):
        assert area.models[kind].index(0, 0).data() == "Loading…"
    runner.release_all()
    assert all(area.models[kind].artifact(0) is not None for kind in ("call", "contact"))

    assert messages.index(0, 1).data() is None  # page 0 was read beside the table's paint?
    (early,) = runner.held
    area.apply_filter()  # the rows read again
    runner.release(early)  # the page of the rows shown before comes back last: dropped
    assert not messages.pages.has(0)
    assert spy.on_gui_thread() == [] and messages.pages.fetch_calls == 0
    assert runner.errors == []


def test_the_detail_is_read_off_the_gui_thread_and_the_newest_row_wins(
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """Choosing a row read its numbers, their registry marks, its tags and notes on the GUI
    thread. The row shows at once (the lists hold it), the rest once read off the thread
    (the detail says so); what was read for a row chosen before the newest is dropped."""
    area, runner, spy = held_area
    area.tabs.setCurrentIndex(1)
    area.search_edit.setText("무직자대출 당일")
    area.apply_filter()
    runner.release_all()
    messages, table, detail = area.models["message"], area.tables["message"], area.detail
    assert messages.rowCount() == 1
    assert messages.index(0, 0).data() == "Loading…"
    runner.release_all()  # its page
    spy.sent.clear()
    table.setCurrentIndex(messages.index(0, 0))
    html = detail.text.toHtml()
    assert "mmssms.db" in html and "Reading its numbers, tags and notes…" in html
    assert detail.numbers.count() == 0 and not detail.sighting_button.isEnabled()
    assert detail.reading and spy.on_gui_thread() == []
    runner.release_all()
    numbers = [detail.numbers.item(i).text() for i in range(detail.numbers.count())]
    assert any(samples.LENDER in n and "⚑" in n for n in numbers)
    assert "Reading its numbers" not in detail.text.toHtml() and not detail.reading
    assert detail.sighting_button.isEnabled() and spy.sent

    # Two rows chosen in turn; the first one's read comes back last: dropped.
    area.search_edit.clear()
    area.apply_filter()
    runner.release_all()
    assert messages.index(0, 0).data() == "Loading…"
    runner.release_all()
    table.setCurrentIndex(messages.index(0, 0))
    table.setCurrentIndex(messages.index(1, 0))
    first, second = runner.held
    runner.release(second)
    shown = [detail.numbers.item(i).text() for i in range(detail.numbers.count())]
    runner.release(first)
    assert [detail.numbers.item(i).text() for i in range(detail.numbers.count())] == shown
    assert detail.current == messages.artifact(1)

    # Opened by id (from the timeline): read off the thread too, the detail saying so.
    spy.sent.clear()
    wanted = messages.artifact(0)
    assert wanted is not None
    area.show_artifact("message", wanted.id)
    assert "Reading the artifact…" in detail.text.toHtml() and detail.current is None
    assert spy.on_gui_thread() == []
    runner.release_all()
    assert detail.current == wanted and not detail.reading
    assert spy.on_gui_thread() == [] and runner.errors == []


def test_tags_notes_and_sightings_are_written_off_the_gui_thread(
    qtbot: QtBot,
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation,
) -> None:
    """Adding or removing a tag, adding a note and recording a sighting wrote on the GUI
    thread. Each is now an op: nothing is sent to the database as the button is clicked, the
    inputs wait for the answer (a second click would write twice), and once written the
    detail shows it and the edit is cleared."""
    area, runner, spy = held_area
    area.tabs.setCurrentIndex(1)
    area.search_edit.setText("무직자대출 당일")
    area.apply_filter()
    runner.release_all()
    runner.release_all()  # its page
    area.tables["message"].setCurrentIndex(area.models["message"].index(0, 0))
    runner.release_all()  # the detail
    detail = area.detail
    row = detail.current
    assert row is not None and detail.tag_button.isEnabled()

    def tags() -> list[str]:
        return [detail.tags.item(i).text() for i in range(detail.tags.count())]

    spy.sent.clear()
    detail.tag_edit.setText("대출 광고")
    detail.tag_button.click()
    assert spy.on_gui_thread() == [] and len(runner.held) == 1
    assert not detail.tag_button.isEnabled() and not detail.note_button.isEnabled()
    assert detail.tag_edit.text() == "대출 광고" and tags() == []
    runner.release_all()  # the write, then the detail read again
    assert tags() == ["대출 광고"] and detail.tag_edit.text() == ""
    assert detail.tag_button.isEnabled() and spy.sent

    detail.note_edit.setPlainText("전단지와 같은 번호")
    qtbot.keyClick(detail.note_edit, Qt.Key.Key_Tab)  # moves on, as in the dialogs (typed a tab)
    assert detail.note_edit.toPlainText() == "전단지와 같은 번호"
    detail.note_button.click()
    detail.numbers.setCurrentRow(
        next(
            i
            for i in range(detail.numbers.count())
            if samples.IN_BODY in detail.numbers.item(i).text()
        )
    )
    assert not detail.sighting_button.isEnabled()  # waits for the note
    runner.release_all()
    assert "전단지와 같은 번호" in detail.notes.toPlainText()
    detail.numbers.setCurrentRow(
        next(
            i
            for i in range(detail.numbers.count())
            if samples.IN_BODY in detail.numbers.item(i).text()
        )
    )
    detail.sighting_button.click()
    detail.tags.itemDoubleClicked.emit(detail.tags.item(0))  # ignored: the sighting is written
    runner.release_all()
    assert tags() == ["대출 광고"]
    detail.tags.itemDoubleClicked.emit(detail.tags.item(0))  # removes the tag
    runner.release_all()
    assert tags() == [] and spy.on_gui_thread() == [] and runner.errors == []
    assert workstation.xref.marks([samples.IN_BODY])[samples.IN_BODY].device_sightings == 1
    (note,) = workstation.artifacts.annotations(row.kind, [row.id])[row.id]
    assert note.note == "전단지와 같은 번호" and not note.tag


def test_the_detail_lists_a_messages_attachments(
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """The detail said only how many attachments a message has; read beside the row, it
    names them (name, type and size)."""
    area, runner, _spy = held_area
    workstation.ingest.import_paths(actor, case_id, [samples.ios_sms(tmp_path / "sms.db")])
    area.tabs.setCurrentIndex(1)
    area.search_edit.setText("전단지 사진")
    area.apply_filter()
    runner.release_all()
    area.tables["message"].setCurrentIndex(area.models["message"].index(0, 0))
    runner.release_all()
    named = f"flyer.heic (image/heic, {size_text(123456)})"
    assert named in area.detail.text.toPlainText()


def test_the_phones_are_counted_off_the_gui_thread(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    case_id: int, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The phone combo's counts ("P-1: 20,000 messages, …") were read on the GUI thread at
    every case and import. Held: the combo says the phones are being read, the lists do not
    say the case has no phone; a phone chosen meanwhile is shown once they are read, and the
    phones of a case left since, arriving late, are dropped."""
    runner = InTaskRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    phone = workstation.artifacts.phones(case_id)[0]
    calls = spy_reads(monkeypatch, workstation, runner)
    area.set_case(case_id)
    combo = area.phone_combo
    assert [c for c in calls if c[0] == "phones"] == [] and area.reading_phones
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All phones of the case",
        "Reading the phones…",
    ]
    area.set_phone(phone.item_id)  # as after an import into it
    for task in [t for t in runner.held if t.label == "Counting"]:
        runner.release(task)
    assert area.tables["message"].placeholder == "Reading the phones…"
    runner.release_all()
    assert ("phones", True) in calls and ("phones", False) not in calls
    assert combo.count() == 2 and combo.currentData() == phone.item_id
    assert combo.currentText() == (
        f"{phone.exhibit}: {samples.ANDROID_SMS_COUNT} messages, 7 calls, 4 contacts"
    )
    assert area.models["message"].query is not None
    assert area.models["message"].query.item_id == phone.item_id

    # A case left before its phones came: they are dropped.
    other = workstation.cases.create(actor, "Another", number="2024-0012")
    area.set_case(case_id)
    area.set_case(other.id)
    (late, newest) = [t for t in runner.held if t.label == "Reading the phones"]
    runner.release(newest)
    runner.release(late)
    assert combo.count() == 1 and combo.currentData() is None
    runner.release_all()
    assert area.tables["message"].placeholder.startswith("No phone data in this case yet")
    assert runner.errors == []


def test_the_phones_counts_have_thousands_separators(
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """ "P-1: 20000 messages" read as a phone number beside "20,000 found"."""
    from benchmarks.devices_data import generate

    area, runner, _spy = held_area
    workstation.ingest.import_paths(
        actor, case_id, [generate(tmp_path / "big", messages=1200, calls=1, contacts=1)]
    )
    area.set_case(case_id)
    runner.release_all()
    combo = area.phone_combo
    assert any("1,200 messages" in combo.itemText(i) for i in range(combo.count()))


def test_korean_words_are_whole_and_contact_labels_korean(
    area: DeviceDataArea, korean: None, qtbot: QtBot
) -> None:
    """Seen in a Korean trial: the messages' service column cut '멀티미디어 문자(MMS)' to
    '멀티미디…' (70 px), and a contact's numbers were labelled 'mobile', 'work' in English."""
    fresh = DeviceDataArea(area.ctx)
    qtbot.addWidget(fresh)
    table, model = fresh.tables["message"], fresh.models["message"]
    metrics = table.fontMetrics()
    mms = label(SERVICE_LABELS, "mms")
    assert mms != "MMS" and table.columnWidth(model.column("type")) > metrics.horizontalAdvance(mms)

    fresh.set_case(area.case_id)
    fresh.tabs.setCurrentIndex(3)
    contacts = fresh.models["contact"]
    row = next(
        row
        for row in range(contacts.rowCount())
        if (found := contacts.artifact(row)) and any(p.label == "mobile" for p in found.points)
    )
    fresh.tables["contact"].setCurrentIndex(contacts.index(row, 0))
    shown = fresh.detail.text.toPlainText()
    assert "휴대전화 번호" in shown and "mobile" not in shown


def test_the_timeline_shows_one_line_a_row_and_the_whole_text_as_its_tip(
    area: DeviceDataArea,
) -> None:
    """Wrapped, a message's summary showed two lines cut with … and rows of two heights."""
    timeline = area.timeline
    assert not timeline.table.wordWrap()
    model = timeline.model
    summary = next(c for c, column in enumerate(model.columns) if column.key == "summary")
    tips = [
        (entry.summary, model.index(row, summary).data(Qt.ItemDataRole.ToolTipRole))
        for row in range(model.rowCount())
        if (entry := model.entry(row)) is not None and entry.kind == "message" and entry.summary
    ]
    assert tips and all(whole == tip for whole, tip in tips)


def test_the_timelines_table_pages_are_read_off_the_gui_thread(
    held_area: tuple[DeviceDataArea, InTaskRunner, StatementSpy],
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path,
) -> None:  # fmt: skip
    """The timeline's table read each page on the GUI thread as it was painted (20-40 ms a
    page at 20,000 messages, more the further down). Held: the row says it is loading, nothing
    is read on the GUI thread; a page of a range left since is dropped."""
    from benchmarks.devices_data import generate

    area, runner, spy = held_area
    workstation.ingest.import_paths(
        actor, case_id, [generate(tmp_path / "big", messages=450, calls=1, contacts=1)]
    )
    timeline = area.timeline
    timeline.reload()
    runner.release_all()
    model = timeline.model
    assert model.rowCount() > 2 * device_models.PAGE_SIZE
    spy.sent.clear()
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "Loading…" and model.entry(last) is None
    assert len(runner.held) == 1 and spy.on_gui_thread() == []
    runner.release_all()
    assert model.entry(last) is not None and spy.sent

    assert model.entry(0) is None
    (early,) = runner.held
    timeline.chart.range_requested.emit(at(0), at(12))
    for task in [t for t in runner.held if t is not early]:
        runner.release(task)  # the zoomed range is shown
    runner.release(early)  # the first range's page comes back last: dropped
    assert model.rowCount() < last and not model.pages.has(0)
    assert spy.on_gui_thread() == [] and model.pages.fetch_calls == 0
    assert runner.errors == []


def test_opening_a_case_reads_nothing_on_the_gui_thread(
    qtbot: QtBot, make_context: MakeContext, workstation: Workstation, actor: Actor,
    case_id: int,
) -> None:  # fmt: skip
    """Opening a case read its status, its tags and its numbers in the flyer registry on the
    GUI thread (after the lists, the counts, the phones and the timeline went off it). Held,
    nothing is sent to the database: the import button waits for the case's status and the
    registry table says it is being read."""
    workstation.artifacts.add_tag(actor, "message", 1, "대출 광고")
    runner = InTaskRunner()
    area = DeviceDataArea(make_context(task_runner=runner))
    qtbot.addWidget(area)
    spy = StatementSpy(workstation, runner)
    try:
        area.set_case(case_id)
        assert spy.on_gui_thread() == [] and runner.held
        assert not area.import_button.isEnabled()
        assert area.xref_table.placeholder == "Reading the flyer numbers…"
        runner.release_all()
        assert spy.on_gui_thread() == [] and spy.sent
    finally:
        spy.close()
    assert area.import_button.isEnabled()
    assert area.tag_combo.findData("대출 광고") > 0
    assert [row.e164 for row in area.xref_model.rows] == [samples.LENDER]
    assert runner.errors == []
