"""The watch lists, the dashboard, the numbers page with its add-sighting dialog, and the
block-request area inside the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Answer, Blocking, RequestState
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_area import DASHBOARD, NUMBERS, QUEUE, WATCH
from forensics_app.ui.blocking_dialogs import SightingDialog
from forensics_app.ui.blocking_labels import state_label
from forensics_app.ui.main_window import MainWindow
from tests.ui import test_blocking_fixtures as fx
from tests.ui.test_blocking_fixtures import MakeArea, mobile, queued, sightings_for, who

blk, reviewer = fx.blk, fx.reviewer
make_area = fx.make_area
S = RequestState


def submitted(
    blk: Blocking, drafter: Actor, approver: Actor, clock: ManualClock, count: int
) -> list[int]:
    ids = queued(blk, drafter, count, clock, categories=[AdCategory.LENDING])
    blk.requests.submit_for_approval(who(drafter), ids)
    blk.requests.approve(who(approver), ids)
    blk.requests.transition(who(approver), ids, S.SUBMITTED)
    return ids


def test_watch_lists_flag_comebacks_and_overdue_requests(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = submitted(blk, actor, reviewer, clock, 3)
    rejected_on = clock().date() - timedelta(days=1)
    blk.requests.transition(
        who(reviewer),
        ids[0],
        S.REJECTED,
        answer=Answer(reference="MSIT-1", effective_on=rejected_on),
    )
    comeback = blk.requests.get(ids[0]).national
    blk.registry.record_sightings(
        who(actor), sightings_for([comeback], clock(), categories=[AdCategory.LENDING])
    )
    clock.advance(days=8)  # ids[1] and ids[2] have waited past the expected answer time
    area = make_area()
    area.show_page(WATCH)
    watch = area.watch
    assert watch.flag_model.rowCount() == 1
    flag = watch.flag_model.flag(0)
    assert flag is not None and flag.previous_request_id == ids[0]
    assert watch.flag_model.index(0, 3).data() == state_label(S.REJECTED)
    assert watch.flag_title.text() == "Seen again after closure (1)"
    assert sorted(o.request_id for o in watch.overdue_model.records) == sorted(ids[1:])
    assert watch.overdue_title.text() == "Overdue: no answer in time (2)"

    # Open the overdue request in the queue: it is flagged there too.
    watch.overdue_view.selectRow(0)
    watch.open_button.click()
    assert area.tabs.currentIndex() == QUEUE
    shown = area.queue.detail.record
    overdue = watch.overdue_model.overdue(0)
    assert shown is not None and overdue is not None and shown.id == overdue.request_id
    assert area.queue.detail.overdue_badge.isVisible()

    area.show_page(WATCH)
    watch.flag_view.selectRow(0)
    watch.previous_button.click()
    assert area.queue.detail.record is not None and area.queue.detail.record.id == ids[0]

    area.show_page(WATCH)
    watch.flag_view.selectRow(0)
    watch.draft_button.click()
    drafts = [
        r
        for r in blk.requests.search()
        if r.national == comeback and r.state is S.DRAFT and r.route == flag.route
    ]
    assert len(drafts) == 1 and drafts[0].category is AdCategory.LENDING
    assert area.tabs.currentIndex() == QUEUE  # the new draft is opened
    assert area.queue.detail.record is not None and area.queue.detail.record.id == drafts[0].id
    area.show_page(WATCH)
    assert watch.flag_model.rowCount() == 0, "no longer due: it has an open request"


def test_dashboard_counts_match_the_library(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = submitted(blk, actor, reviewer, clock, 4)
    queued(blk, actor, 3, clock, first=100)
    blk.requests.transition(who(reviewer), ids[0], S.SUSPENDED, answer=Answer("SKT"))
    blk.requests.withdraw(who(reviewer), ids[1:2], "sent twice")
    area = make_area()
    area.show_page(DASHBOARD)
    page = area.dashboard
    expected = blk.requests.counts_by_state()
    assert page.state_model.counts() == expected
    for row, state in enumerate(RequestState):
        assert page.state_model.index(row, 0).data() == state_label(state)
        assert page.state_model.index(row, 1).data() == str(expected[state])
    assert page.state_chart.series[0].values == [expected[s] for s in RequestState]
    assert page.total_label.text() == "7 requests in all"

    weeks = page.week_model.records
    today = clock.today()  # the Korean calendar's day, as the dashboard counts weeks
    assert len(weeks) == 13 and weeks[-1].week_start == today - timedelta(days=today.weekday())
    assert sum(w.created for w in weeks) == 7
    assert sum(w.submitted for w in weeks) == 4
    assert sum(w.suspended for w in weeks) == 1
    assert sum(w.closed for w in weeks) == 1
    assert page.week_chart.series[0].values == [w.created for w in weeks]
    page.grab()  # paints both charts

    # A change elsewhere shows when the dashboard is next looked at.
    area.show_page(QUEUE)
    area.queue.select_requests(ids[2:3])
    area.queue.open_request(ids[2])
    area.queue.detail.step_buttons[S.REJECTED].click()
    assert area.queue.last_dialog is not None
    area.queue.last_dialog.accept()
    area.show_page(DASHBOARD)
    assert page.state_model.counts() == blk.requests.counts_by_state()
    page.weeks_combo.setCurrentIndex(page.weeks_combo.findData(8))
    assert len(page.week_model.records) == 8


def test_numbers_page_lists_numbers_with_sightings_and_requests(
    qtbot: QtBot, make_area: MakeArea, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    ids = queued(blk, actor, 5, clock, categories=[AdCategory.OBSCENE_ADULT])
    blk.registry.record_sightings(
        who(actor), sightings_for([mobile(2)] * 3, clock() - timedelta(days=3))
    )
    area = make_area()
    area.show_page(NUMBERS)
    page = area.numbers
    assert page.model.rowCount() == 5
    assert page.count_label.text() == "5 numbers"
    page.min_spin.setValue(2)
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert page.title.text().startswith(mobile(2))
    assert page._values["sightings"].text() == "4"
    assert "성남시" in page._values["areas"].text()  # the third place
    assert page.sighting_model.rowCount() == 4
    assert page.sightings_title.text() == "Sightings (4)"
    assert page.sighting_model.index(0, 7).data() == actor.label  # not the bare actor id
    request = next(r for r in blk.requests.get_many(ids) if r.national == mobile(2))
    link = f"request:{request.id}"
    assert link in page._values["requests"].text()
    page._values["requests"].linkActivated.emit(link)
    assert area.tabs.currentIndex() == QUEUE
    assert area.queue.detail.record is not None and area.queue.detail.record.id == request.id

    area.set_case_number("2026-0417")
    area.show_page(NUMBERS)
    assert page.case_check.isEnabled() and page.case_check.text() == "Only case 2026-0417"
    page.min_spin.setValue(0)
    page.case_check.setChecked(True)
    assert page.model.rowCount() == 5
    area.set_case_number("2026-9999")
    page.apply_filter()
    assert page.model.rowCount() == 0


def test_add_sighting_records_valid_numbers_and_refuses_bad_ones(
    qtbot: QtBot, make_area: MakeArea, blk: Blocking, actor: Actor
) -> None:
    area = make_area()
    area.set_case_number("2026-0417")
    area.add_sighting_action.trigger()
    assert area.tabs.currentIndex() == NUMBERS
    dialog = area.numbers.last_dialog
    assert isinstance(dialog, SightingDialog)
    assert dialog.case_edit.text() == "2026-0417"

    dialog.number_edit.setText("O1O-l234-5678")  # as printed on a flyer
    assert "010-1234-5678" in dialog.number_check.text()
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(AdCategory.LENDING))
    dialog.place_edit.setText("수원시 팔달구 인계동")
    shown = dialog.seen_edit.dateTime()
    dialog.seen_edit.setDateTime(shown.addDays(1))  # a sighting cannot be tomorrow
    assert dialog.seen_edit.dateTime() <= shown.addSecs(300)
    dialog.accept()
    assert not dialog.isVisible()
    number = blk.registry.get("010-1234-5678")
    assert number.sightings_count == 1
    (sighting,) = blk.registry.sightings(number.id)
    assert (sighting.printed_as, sighting.place, sighting.case_number) == (
        "O1O-l234-5678",
        "수원시 팔달구 인계동",
        "2026-0417",
    )
    assert area.numbers.title.text().startswith("010-1234-5678")  # shown at once

    for text, reason in (
        ("070-123-4567", "070"),  # too short for VoIP: the library's hint
        ("+1 202 555 0123", "Korean"),  # foreign
        ("연락주세요", "no phone number"),
    ):
        refused = area.numbers.add_sighting()
        refused.number_edit.setText(text)
        assert refused.number_check.text(), "the reason shows while typing"
        refused.accept()
        assert refused.isVisible()
        box = refused.last_message
        assert isinstance(box, QMessageBox) and box.text() == "The sighting was not recorded."
        assert reason in box.informativeText(), (text, box.informativeText())
        box.close()
        refused.reject()
    assert blk.registry.count() == 1


def test_main_window_switches_between_the_two_areas(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], workstation: Workstation, actor: Actor
) -> None:
    case = workstation.cases.create(actor, "불법 전단지", number="2026-0417")
    window = make_main_window()
    window.show()
    qtbot.waitExposed(window)
    window.navigator.select_case(case.id)
    assert not window.in_blocking_area
    assert window.custody_dock.isVisible() and window.toolbar.isVisible()

    window.blocking_area_action.trigger()
    assert window.in_blocking_area
    assert window.areas.currentWidget() is window.blocking_area
    assert not window.custody_dock.isVisible(), "the custody log follows the case"
    assert not window.toolbar.isVisible()
    assert window.windowTitle().startswith("Block requests")
    assert window.blocking_area.numbers.case_check.text() == "Only case 2026-0417"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.blocking_area.queue.search_edit
    window.refresh_action.trigger()  # F5 reads the shown page

    window.evidence_area_action.trigger()
    assert not window.in_blocking_area
    assert window.custody_dock.isVisible() and window.toolbar.isVisible()

    # The area's actions bring it up from anywhere, with window-wide shortcuts.
    area = window.blocking_area
    assert area.approve_action in window.actions()
    assert area.approve_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    area.add_sighting_action.trigger()
    assert window.in_blocking_area and area.tabs.currentIndex() == NUMBERS
    area.numbers.last_dialog.reject()
    shortcuts = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"
    assert {"Ctrl+1", "Ctrl+2", "Ctrl+Shift+A", "Ctrl+Shift+E"} <= set(shortcuts)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "Block &requests" in menus

    window.close()  # saved as the evidence area, with the custody dock
    assert not window.in_blocking_area
