"""The request queue: filters, the detail with evidence thumbnails and history, the steps the
state allows (and only those), the four-eyes refusal, and batch submit / approve."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Answer, Blocking, NumberType, RequestState
from blocking.clock import ManualClock
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_area import BlockingArea
from forensics_app.ui.blocking_dialogs import STEP_BY_TARGET, StepDialog
from forensics_app.ui.blocking_labels import (
    short_route_label,
    short_type_label,
    state_label,
    type_label,
)
from forensics_app.ui.blocking_models import REQUEST_COLUMN, EvidenceModel
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.widgets.tables import source_model
from tests.ui import test_blocking_fixtures as fx
from tests.ui.conftest import MakeContext, RecordingRunner
from tests.ui.test_blocking_fixtures import (
    MakeArea,
    answer,
    make_photo,
    mobile,
    queued,
    shown_text,
    states,
    who,
)
from tests.ui.test_blocking_pages import submitted
from tests.ui.test_hostile_gui_thread import HeldRunner

blk, reviewer, examiner = fx.blk, fx.reviewer, fx.examiner
make_area = fx.make_area
S = RequestState


def shown_ids(area: BlockingArea) -> list[int]:
    model = area.queue.model
    return [model.request_id(row) or 0 for row in range(model.rowCount())]


def step(area: BlockingArea, target: RequestState) -> StepDialog:
    button = area.queue.detail.step_buttons[target]
    assert button.isEnabled(), f"{target} should be possible"
    button.click()
    dialog = area.queue.last_dialog
    assert isinstance(dialog, StepDialog) and dialog.isVisible()
    return dialog


def enabled_steps(area: BlockingArea) -> set[RequestState]:
    buttons = area.queue.detail.step_buttons
    return {target for target, button in buttons.items() if button.isEnabled()}


def test_filters_by_state_route_category_number_and_age(
    qtbot: QtBot, make_area: MakeArea, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    old = queued(blk, actor, 6, clock)
    clock.advance(days=10)
    new = queued(blk, actor, 3, clock, first=100)
    blk.requests.submit_for_approval(who(actor), old[:2])
    area = make_area()
    queue = area.queue
    assert sorted(shown_ids(area)) == sorted(old + new)
    assert queue.count_label.text() == "9 requests"

    queue.set_state_filter(frozenset({S.AWAITING_APPROVAL}))
    assert sorted(shown_ids(area)) == sorted(old[:2])
    assert queue.count_label.text() == "2 of 9 requests"
    queue.clear_filters()
    queue.route_combo.setCurrentIndex(queue.route_combo.findData("lending_act"))
    lending = [r.id for r in blk.requests.get_many(old + new) if r.route == "lending_act"]
    assert sorted(shown_ids(area)) == sorted(lending)
    queue.clear_filters()
    queue.category_combo.setCurrentIndex(queue.category_combo.findData("obscene_adult"))
    obscene = [
        r.id for r in blk.requests.get_many(old + new) if r.category == AdCategory.OBSCENE_ADULT
    ]
    assert sorted(shown_ids(area)) == sorted(obscene)
    queue.clear_filters()
    queue.search_edit.setText(mobile(100)[4:])  # typed digits, applied after a pause
    qtbot.waitUntil(lambda: shown_ids(area) == [new[0]])

    queue.clear_filters()
    queue.age_combo.setCurrentIndex(queue.age_combo.findData("older_week"))
    assert sorted(shown_ids(area)) == sorted(old)
    assert area.queue.model.index(0, REQUEST_COLUMN["age"]).data() == "10"
    queue.age_combo.setCurrentIndex(queue.age_combo.findData("week"))
    assert sorted(shown_ids(area)) == sorted(new)
    queue.age_combo.setCurrentIndex(queue.age_combo.findData("custom"))
    assert queue.dates.isVisible()
    day = clock.today()  # the clock has moved 10 days on: "new" is today, "old" 10 days back
    today = QDate(day.year, day.month, day.day).addDays(-10)
    queue.from_edit.setDate(today.addDays(-1))
    queue.to_edit.setDate(today.addDays(1))
    assert sorted(shown_ids(area)) == sorted(old)


def test_detail_shows_fields_evidence_thumbnails_and_history(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    photo = make_photo(tmp_path / "flyers", "IMG_0042.jpg")
    ids = queued(blk, actor, 2, clock, photos=[photo], categories=[AdCategory.LENDING])
    blk.requests.submit_for_approval(who(actor), ids[:1], note="evidence complete")
    blk.requests.approve(who(reviewer), ids[:1])
    area = make_area()
    queue = area.queue
    assert queue.open_request(ids[0])
    detail = queue.detail
    record = blk.requests.get(ids[0])
    assert detail.content.isVisible()
    assert record.national in detail.title.text()
    assert detail.state_badge.text() == state_label(S.APPROVED)
    assert not detail.overdue_badge.isVisible()
    assert detail._values["approved_by"].text().startswith(reviewer.label)
    assert detail._values["route"].text().startswith("Loan Business Act")  # routes.toml label_en

    evidence = detail.evidence_model
    assert evidence.rowCount() == 1
    assert evidence.index(0, 0).data() == "IMG_0042.jpg"
    assert evidence.index(0, EvidenceModel.SHA_COLUMN).data() == photo.sha256
    qtbot.waitUntil(lambda: evidence.has_thumbnail(0))  # decoded off the GUI thread
    assert detail.tabs.tabText(0).endswith("(1)")

    history = detail.history_model
    assert history.rowCount() == 3
    assert [history.index(r, 4).data() for r in range(3)] == [
        state_label(S.DRAFT),
        state_label(S.AWAITING_APPROVAL),
        state_label(S.APPROVED),
    ]
    assert history.index(1, 1).data() == actor.label
    assert history.index(1, 5).data() == "evidence complete"
    assert history.index(2, 1).data() == reviewer.label


def test_steps_follow_the_state_machine(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    """Each state enables exactly the steps `can_transition` allows; a walk through the
    objection path records what each step needs."""
    (request_id,) = queued(blk, actor, 1, clock)
    area = make_area(reviewer)
    queue = area.queue
    queue.open_request(request_id)
    assert enabled_steps(area) == {S.AWAITING_APPROVAL, S.WITHDRAWN}

    step(area, S.AWAITING_APPROVAL).accept()
    assert enabled_steps(area) == {S.APPROVED, S.DRAFT, S.WITHDRAWN}
    back = step(area, S.DRAFT)
    ok = back.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled(), "sending back needs a note"
    back.note_edit.setPlainText("add a second photo")
    assert ok.isEnabled()
    back.accept()
    assert blk.requests.get(request_id).state is S.DRAFT
    assert blk.requests.history(request_id)[-1].note == "add a second photo"

    step(area, S.AWAITING_APPROVAL).accept()
    step(area, S.APPROVED).accept()  # the reviewer did not draft it
    assert enabled_steps(area) == {S.WITHDRAWN}  # submitting is the export's job
    blk.requests.transition(who(reviewer), request_id, S.SUBMITTED)
    queue.refresh()
    assert enabled_steps(area) == {S.SUSPENDED, S.REJECTED, S.WITHDRAWN}

    suspension = step(area, S.SUSPENDED)
    suspension.carrier_combo.setCurrentText("KT")
    suspension.reference_edit.setText("KT-2026-0042")
    start = clock().date() - timedelta(days=3)
    suspension.date_edit.setDate(QDate(start.year, start.month, start.day))
    suspension.accept()
    record = blk.requests.get(request_id)
    assert (record.state, record.carrier, record.response_reference) == (
        S.SUSPENDED,
        "KT",
        "KT-2026-0042",
    )
    assert record.suspended_from == start
    assert enabled_steps(area) == {S.OBJECTION_FILED, S.TERMINATED, S.WITHDRAWN}

    objection = step(area, S.OBJECTION_FILED)
    objection.note_edit.setPlainText("가입자 서면 이의신청")
    objection.accept()
    assert enabled_steps(area) == {S.OBJECTION_UPHELD, S.OBJECTION_DENIED, S.WITHDRAWN}
    step(area, S.OBJECTION_DENIED).accept()  # the suspension simply continues
    assert blk.requests.get(request_id).state is S.SUSPENDED
    step(area, S.OBJECTION_FILED).accept()
    step(area, S.OBJECTION_UPHELD).accept()
    assert enabled_steps(area) == {S.LIFT_REQUESTED, S.WITHDRAWN}
    step(area, S.LIFT_REQUESTED).accept()
    assert enabled_steps(area) == {S.RESTORED, S.WITHDRAWN}
    restored = step(area, S.RESTORED)
    restored.reference_edit.setText("MSIT-77")
    restored.accept()
    assert blk.requests.get(request_id).state is S.RESTORED
    assert enabled_steps(area) == set(), "a closed request has no step left"
    assert queue.detail.history_model.rowCount() == len(blk.requests.history(request_id))

    withdrawn = queued(blk, actor, 1, clock, first=50)[0]
    queue.refresh()
    queue.open_request(withdrawn)
    dialog = step(area, S.WITHDRAWN)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.note_edit.setPlainText("duplicate of a request from another team")
    dialog.accept()
    assert blk.requests.get(withdrawn).state is S.WITHDRAWN
    assert enabled_steps(area) == set()


def test_approve_is_disabled_on_ones_own_drafts_and_says_why(
    qtbot: QtBot,
    make_area: MakeArea,
    make_context: MakeContext,
    blk: Blocking,
    actor: Actor,
    examiner: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, 2, clock)
    area = make_area()  # the administrator who drafted them
    queue = area.queue
    queue.open_request(ids[0])
    step(area, S.AWAITING_APPROVAL).accept()
    button = queue.detail.step_buttons[S.APPROVED]
    assert not button.isEnabled(), "nobody approves their own draft: no button to press"
    assert "four-eyes" in button.toolTip() and "You drafted this request" in button.toolTip()
    queue.select_requests([ids[0]])
    assert not area.approve_action.isEnabled()
    assert "four-eyes" in area.approve_action.toolTip()
    # The library refuses as well, should a dialog be opened some other way.
    record = blk.requests.get(ids[0])
    dialog = StepDialog(make_context(blk=blk), record, STEP_BY_TARGET[S.APPROVED], queue)
    qtbot.addWidget(dialog)
    dialog.accept()
    box = dialog.last_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "The request was not changed."
    assert "four-eyes" in box.informativeText() and "cannot approve" in box.informativeText()
    assert blk.requests.get(ids[0]).state is S.AWAITING_APPROVAL
    box.close()
    dialog.reject()

    # An examiner may not approve at all: disabled, the tooltip says which role it takes.
    examiner_area = make_area(examiner)
    examiner_area.queue.open_request(ids[0])
    refused = examiner_area.queue.detail.step_buttons[S.APPROVED]
    assert not refused.isEnabled()
    assert "reviewer or administrator role" in refused.toolTip()
    examiner_area.queue.select_requests([ids[0]])
    assert not examiner_area.approve_action.isEnabled()

    reviewer_area = make_area(reviewer)
    reviewer_area.queue.open_request(ids[0])
    step(reviewer_area, S.APPROVED).accept()
    assert blk.requests.get(ids[0]).state is S.APPROVED
    assert blk.requests.get(ids[0]).approved_by_name == reviewer.label


def test_batch_submit_and_approve_act_on_the_selection(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    runner: RecordingRunner,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, 6, clock)
    area = make_area()
    queue = area.queue
    assert not area.approve_action.isEnabled(), "nothing selected"
    queue.select_requests(ids[:5])
    assert area.submit_action.isEnabled() and area.approve_action.isEnabled()
    area.submit_action.trigger()
    answer(queue.last_message)
    assert states(blk, ids) == [S.AWAITING_APPROVAL] * 5 + [S.DRAFT]
    assert "5" in shown_text(queue.last_message)

    # The drafter cannot approve them: Approve is off, and its tooltip says why.
    queue.select_requests(ids)
    assert not area.approve_action.isEnabled()
    assert "four-eyes" in area.approve_action.toolTip()
    area.approve_action.trigger()
    assert states(blk, ids[:5]) == [S.AWAITING_APPROVAL] * 5

    reviewer_area = make_area(reviewer)
    reviewer_queue = reviewer_area.queue
    reviewer_queue.select_requests(ids)  # one draft among them: left alone
    reviewer_area.approve_action.trigger()
    answer(reviewer_queue.last_message)
    assert states(blk, ids) == [S.APPROVED] * 5 + [S.DRAFT]
    text = shown_text(reviewer_queue.last_message)
    assert "5" in text and "1" in text
    # The table shows the new states without a manual refresh.
    row = reviewer_queue.model.row_of(ids[0])
    assert row is not None
    assert reviewer_queue.model.index(row, REQUEST_COLUMN["state"]).data() == state_label(
        S.APPROVED
    )

    reviewer_queue.select_requests(ids[5:])
    reviewer_area.approve_action.trigger()
    answer(reviewer_queue.last_message)
    assert "None of the selected" in shown_text(reviewer_queue.last_message)

    reviewer_queue.select_requests(ids[:1])
    reviewer_area.submit_action.trigger()
    answer(reviewer_queue.last_message, yes=False)  # "No": nothing happens
    assert states(blk, ids[:1]) == [S.APPROVED]
    assert runner.errors == []


def test_missing_photo_is_flagged_not_fatal(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
) -> None:
    photo = make_photo(tmp_path / "flyers", "moved.jpg")
    (request_id,) = queued(blk, actor, 1, clock, photos=[photo])
    photo.path.unlink()
    area = make_area()
    area.queue.open_request(request_id)
    evidence = area.queue.detail.evidence_model
    qtbot.waitUntil(lambda: evidence.thumbnail_status(0) is not None)
    assert not evidence.has_thumbnail(0)
    assert "not found" in evidence.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert evidence.index(0, EvidenceModel.SHA_COLUMN).data() == photo.sha256


def test_a_request_resting_on_one_machine_read_photo_is_marked(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    """The review gate: the approving reviewer sees that nobody has looked at the number,
    with the photo and the OCR's confidence; and is told again before approving."""
    from dataclasses import replace

    photos = [make_photo(tmp_path / "flyers", f"IMG_{i}.jpg") for i in range(2)]
    items = fx.sightings_for([mobile(0), mobile(1)], clock() - timedelta(days=1), photos)
    machine, looked_at = replace(items[0], machine_confidence=0.87), items[1]
    blk.registry.record_sightings(who(actor), [machine, looked_at])
    ids = blk.requests.queue_blockable(who(actor)).created
    blk.requests.submit_for_approval(who(actor), ids)
    by_number = {r.national: r.id for r in blk.requests.get_many(ids)}
    area = make_area(reviewer)
    queue = area.queue
    assert queue.open_request(by_number[mobile(0)])
    detail = queue.detail
    assert detail.machine_badge.isVisible()
    assert "IMG_0.jpg" in detail.machine_note.text() and "0.87" in detail.machine_note.text()
    assert queue.open_request(by_number[mobile(1)])
    assert not detail.machine_badge.isVisible() and not detail.machine_note.isVisible()

    queue.select_requests(ids)
    queue.approve_selected()
    box = queue.last_message
    assert box is not None and "1 of them rest on one machine-read photo" in box.informativeText()
    fx.answer(box, yes=False)


def test_the_block_tables_titles_labels_and_times_are_not_cut_in_korean(
    qtbot: QtBot, korean: None, make_area: MakeArea
) -> None:
    """In Korean the queue's "요청번호" was drawn under the sort arrow (a 70 px column), the
    number type "대표번호(15xx/16xx/18xx)" was cut to "대표번호(15xx/1…" (queue, numbers page)
    and the watch list's times lost their zone ("2026-05-13 00:00 K…"): in every table of the
    block area each column is as wide as its title with the arrow, and a column of labels or
    times as its longest."""
    area = make_area()
    fitted = set()
    for table in area.findChildren(QTableView):
        model = source_model(table.model())
        if model is None:
            continue
        header, metrics = table.horizontalHeader(), table.fontMetrics()
        header.setSortIndicatorShown(True)
        for number, column in enumerate(model.columns):
            where = f"{type(model).__name__}.{column.key}"
            assert table.columnWidth(number) >= header.sectionSizeHint(number), where
            if column.words is not None:
                widest = max(metrics.horizontalAdvance(word) for word in column.words())
                assert table.columnWidth(number) > widest, where
                fitted.add(where)
    assert {
        "RequestTableModel.type",
        "RequestTableModel.state",
        "NumberTableModel.type",
        "WatchFlagModel.Closed",
        "OverdueModel.Answer due",
    } <= fitted, fitted
    assert "대표번호(15xx/16xx/18xx)" in [type_label(t) for t in NumberType]  # Korean on screen
    labelled_keys = {c.key for c in area.queue.model.columns if c.words is not None}
    assert labelled_keys >= {"type", "route", "category", "state", "created"}


def test_the_queues_route_column_fits_its_short_labels(
    qtbot: QtBot, make_area: MakeArea, blk: Blocking
) -> None:
    """In English the route was cut: "Outdoor Advertiseme…" (queue, watch list)."""
    area = make_area()
    words = [short_route_label(blk.config, key) for key in blk.config.routes]
    table = area.queue.table
    widest = max(table.fontMetrics().horizontalAdvance(word) for word in words)
    assert table.columnWidth(REQUEST_COLUMN["route"]) > widest
    for view, model in (
        (area.watch.flag_view, area.watch.flag_model),
        (area.watch.overdue_view, area.watch.overdue_model),
    ):
        assert view.columnWidth(model.column("Route")) > widest


def test_the_officer_takes_the_spare_width_but_is_never_squeezed(
    qtbot: QtBot, make_area: MakeArea
) -> None:
    """With the labels as wide as they are in English, the officer (a Stretch column) shrank
    to "…" at 1360 px: it keeps its width (the table scrolls sideways on a narrower screen);
    on a wide screen it still takes the width the others leave."""
    area = make_area()
    table, officer = area.queue.table, REQUEST_COLUMN["officer"]
    area.resize(1100, 800)
    area.show()
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    assert table.columnWidth(officer) >= 120
    area.resize(2400, 800)
    qtbot.waitUntil(lambda: table.horizontalHeader().length() >= table.viewport().width())
    assert table.columnWidth(officer) > 120
    assert table.horizontalHeader().length() == table.viewport().width()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_queue_fits_1360_pixels_without_scrolling_sideways(
    language: str,
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    make_context: MakeContext,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
) -> None:
    """At 1360x768 the English queue scrolled sideways by ~65 px (long type and route labels,
    "Age (days)"): the type says its short name (the whole one in its tooltip), and every
    column still shows its longest label and its title, in both languages, with enough rows
    for a vertical scroll bar."""
    if language == "ko":
        request.getfixturevalue("korean")
    ids = queued(blk, actor, 60, clock)
    window = MainWindow(make_context(blk=blk))
    qtbot.addWidget(window)
    window.resize(1360, 768)
    window.show()
    window.show_blocking_area()
    qtbot.waitExposed(window)
    table = window.blocking_area.queue.table
    qtbot.waitUntil(lambda: table.verticalScrollBar().isVisible())
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    metrics = table.fontMetrics()
    model = window.blocking_area.queue.model
    for column in range(model.columnCount()):
        assert table.columnWidth(column) >= header.sectionSizeHint(column), column
    widest_type = max(metrics.horizontalAdvance(short_type_label(t)) for t in NumberType)
    assert table.columnWidth(REQUEST_COLUMN["type"]) > widest_type
    routes = [short_route_label(blk.config, key) for key in blk.config.routes]
    widest_route = max(metrics.horizontalAdvance(route) for route in routes)
    assert table.columnWidth(REQUEST_COLUMN["route"]) > widest_route
    row = model.row_of(ids[0])
    assert row is not None
    record = blk.requests.get(ids[0])
    assert model.index(row, REQUEST_COLUMN["type"]).data(Qt.ItemDataRole.ToolTipRole) == (
        type_label(record.number_type)
    )
    window.close()


def test_a_step_is_written_off_the_gui_thread(
    qtbot: QtBot,
    make_context: MakeContext,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A step (approve, record an answer, file an objection…) wrote the request, its history
    and custody on the GUI thread as OK was pressed. It is now an op: nothing is written until
    the runner runs it, the buttons wait (a second click wrote twice), and the dialog closes
    once written; a refusal is said in place and the buttons come back."""
    (request_id,) = queued(blk, actor, 1, clock)
    blk.requests.submit_for_approval(who(actor), [request_id])
    runner = HeldRunner()
    writes: list[int] = []
    transition = blk.requests.transition

    def spied(*args: Any, **kwargs: Any) -> Any:
        writes.append(1)
        return transition(*args, **kwargs)

    monkeypatch.setattr(blk.requests, "transition", spied)
    context = make_context(reviewer, blk, task_runner=runner)
    approve = STEP_BY_TARGET[S.APPROVED]
    dialog = StepDialog(context, blk.requests.get(request_id), approve)
    qtbot.addWidget(dialog)
    dialog.show()
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert writes == [] and len(runner.held) == 1 and not dialog.buttons.isEnabled()
    dialog.accept()  # a second click while it runs: nothing more
    assert len(runner.held) == 1
    runner.release_all()
    assert writes == [1] and saved == [request_id] and not dialog.isVisible()
    assert blk.requests.get(request_id).state is S.APPROVED

    again = StepDialog(context, blk.requests.get(request_id), approve)  # approved already
    qtbot.addWidget(again)
    again.show()
    again.accept()
    runner.release_all()
    box = again.last_message
    assert isinstance(box, QMessageBox) and box.text() == "The request was not changed."
    assert again.isVisible() and again.buttons.isEnabled() and runner.errors == []


def approved_one(blk: Blocking, actor: Actor, reviewer: Actor, clock: ManualClock) -> int:
    (request_id,) = queued(blk, actor, 1, clock)
    blk.requests.submit_for_approval(who(actor), [request_id])
    blk.requests.approve(who(reviewer), [request_id])
    return request_id


def deadline_of(area: BlockingArea, request_id: int) -> QLabel:
    assert area.queue.open_request(request_id)
    return area.queue.detail._values["deadline"]


def test_the_request_shows_what_it_waits_for_and_by_when(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    """The answer due time, the subscriber's objection window and the decision on an
    objection (the library's Watch.deadline), in the workstation's zone with the zone named,
    marked once overdue. The screen showed none of them."""
    request_id = approved_one(blk, actor, reviewer, clock)
    area = make_area(reviewer)
    assert deadline_of(area, request_id).text() == "", "an approved request waits for nobody"

    submitted_at = clock()  # 2026-05-13 12:00 KST
    blk.requests.transition(who(reviewer), request_id, S.SUBMITTED)
    route = blk.config.routes[blk.requests.get(request_id).route]
    hours = route.expected_answer_hours
    due = (submitted_at + timedelta(hours=hours)).astimezone(ZoneInfo("Asia/Seoul"))
    area.queue.refresh()
    label = deadline_of(area, request_id)
    assert label.text() == (
        f"Answer expected by {due:%Y-%m-%d %H:%M} KST, {hours} hours after 2026-05-13 12:00 KST"
    )
    assert "overdue" not in label.text() and "b00020" not in label.styleSheet()

    clock.advance(hours=hours, minutes=1)
    area.queue.refresh()
    label = deadline_of(area, request_id)
    assert label.text().endswith(" · overdue") and "b00020" in label.styleSheet()

    began = clock().date() - timedelta(days=3)
    blk.requests.transition(
        who(reviewer), request_id, S.SUSPENDED, answer=Answer("KT", "KT-1", began)
    )
    area.queue.refresh()
    until = began + timedelta(days=route.objection_days)
    assert deadline_of(area, request_id).text() == (
        f"The subscriber may object until {until} ({route.objection_days} days after the "
        f"suspension began on {began}; days in Asia/Seoul)"
    )

    filed = clock().date()
    blk.requests.transition(who(reviewer), request_id, S.OBJECTION_FILED, note="서면 이의신청")
    days = route.objection_decision_days
    clock.advance(days=days + 1)
    area.queue.refresh()
    label = deadline_of(area, request_id)
    assert label.text() == (
        f"The objection is to be decided by {filed + timedelta(days=days)} ({days} days after "
        f"it was filed on {filed}; days in Asia/Seoul) · overdue"
    )
    assert "b00020" in label.styleSheet()


def test_the_queue_marks_overdue_what_the_deadline_row_marks(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    """The list's OVERDUE badge covered only late answers while the request's Deadline row
    also marked a late decision on an objection. One rule (Deadline.missed) now decides both,
    and the badge's tooltip says which deadline is past and when, its zone named. The end of
    the subscriber's objection window is nobody's lateness: neither marks it."""
    submitted_at = clock()
    late_answer, late_decision, window_closed = submitted(blk, actor, reviewer, clock, 3)
    began = clock().date()
    for request_id in (late_decision, window_closed):
        blk.requests.transition(
            who(reviewer), request_id, S.SUSPENDED, answer=Answer("KT", "KT-1", began)
        )
    filed = clock().date()
    blk.requests.transition(who(reviewer), late_decision, S.OBJECTION_FILED, note="서면")
    route = blk.config.routes[blk.requests.get(late_answer).route]  # all three: lending
    clock.advance(days=max(route.objection_days, route.objection_decision_days) + 2)
    area = make_area(reviewer)
    model = area.queue.model

    def badge(request_id: int) -> tuple[str, str | None]:
        row = model.row_of(request_id)
        assert row is not None
        index = model.index(row, REQUEST_COLUMN["overdue"])
        return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)

    hours = route.expected_answer_hours
    due = (submitted_at + timedelta(hours=hours)).astimezone(ZoneInfo("Asia/Seoul"))
    sent = submitted_at.astimezone(ZoneInfo("Asia/Seoul"))
    assert badge(late_answer) == (
        "OVERDUE",
        f"Overdue: Answer expected by {due:%Y-%m-%d %H:%M} KST, {hours} hours after "
        f"{sent:%Y-%m-%d %H:%M} KST",
    )
    days = route.objection_decision_days
    assert badge(late_decision) == (
        "OVERDUE",
        f"Overdue: The objection is to be decided by {filed + timedelta(days=days)} ({days} "
        f"days after it was filed on {filed}; days in Asia/Seoul)",
    )
    assert badge(window_closed) == ("", None)

    for request_id, marked in ((late_decision, True), (window_closed, False)):
        label = deadline_of(area, request_id)
        detail = area.queue.detail
        assert detail.overdue_badge.isVisible() is marked
        assert label.text().endswith(" · overdue") is marked
        assert ("b00020" in label.styleSheet()) is marked
        if marked:
            assert detail.overdue_badge.toolTip() == badge(request_id)[1].removeprefix(  # type: ignore[union-attr]
                "Overdue: "
            )


def test_the_deadline_is_shown_in_korean(
    korean: None,
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    request_id = approved_one(blk, actor, reviewer, clock)
    blk.requests.transition(who(reviewer), request_id, S.SUBMITTED)
    route = blk.config.routes[blk.requests.get(request_id).route]
    clock.advance(hours=route.expected_answer_hours + 1)
    area = make_area(reviewer)
    text = deadline_of(area, request_id).text()
    assert text.startswith("회신 기한 ") and "KST" in text and text.endswith(" · 기한 지남")
    blk.requests.transition(
        who(reviewer), request_id, S.SUSPENDED, answer=Answer("KT", "KT-1", clock().date())
    )
    area.queue.refresh()
    text = deadline_of(area, request_id).text()
    assert text.startswith("가입자 이의신청 기한 ") and "Asia/Seoul" in text
