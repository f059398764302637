"""The block-request table models: the lazy request and number tables (paged reads, the model
tester) and the small list models, all over data recorded through the library."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from blocking import Answer, Blocking, NumberFilter, RequestFilter, RequestState
from blocking.clock import ManualClock
from blocking.records import RowProblem
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_labels import category_label, state_label, type_label
from forensics_app.ui.blocking_models import (
    PAGE_SIZE,
    REQUEST_COLUMN,
    AppliedModel,
    EvidenceModel,
    HistoryModel,
    IdRole,
    NumberTableModel,
    OverdueModel,
    ProblemModel,
    RecordRole,
    RequestTableModel,
    SightingModel,
    StateCountModel,
    WatchFlagModel,
    WeekCountModel,
)
from forensics_app.ui.blocking_thumbnails import MISSING, OK, ThumbnailLoader
from tests.ui import test_blocking_fixtures as fx
from tests.ui.test_blocking_fixtures import make_photo, mobile, queued, who

blk, reviewer = fx.blk, fx.reviewer
S = RequestState
MANY = PAGE_SIZE + 50


class CountingRequests:
    """Wraps the request queue to count the page reads the model makes."""

    def __init__(self, blk: Blocking) -> None:
        self._requests = blk.requests
        self.pages: list[int] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._requests, name)

    def get_many(self, ids: list[int]) -> object:
        self.pages.append(len(ids))
        return self._requests.get_many(ids)


def cell(
    model: RequestTableModel, row: int, key: str, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    return model.index(row, REQUEST_COLUMN[key]).data(role)


def test_request_model_is_lazy_and_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, MANY, clock)
    counting = CountingRequests(blk)
    monkeypatch.setattr(blk, "requests", counting)
    model = RequestTableModel(blk)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    model.set_filter(RequestFilter())
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert model.rowCount() == MANY
    assert counting.pages == [PAGE_SIZE], "opening read one page, not every row"
    assert model.cached_count == PAGE_SIZE

    newest = blk.requests.get(max(ids))
    assert model.request_id(0) == newest.id  # newest first, as the library lists them
    assert cell(model, 0, "id") == str(newest.id)
    assert cell(model, 0, "number") == newest.national
    assert cell(model, 0, "number", Qt.ItemDataRole.ToolTipRole) == newest.e164
    assert cell(model, 0, "type") == type_label(newest.number_type)
    assert cell(model, 0, "category") == category_label(newest.category)
    assert cell(model, 0, "state") == state_label(S.DRAFT)
    assert cell(model, 0, "state", Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(model, 0, "age") == "0"
    assert cell(model, 0, "officer") == actor.label
    assert cell(model, 0, "overdue") == ""
    assert model.index(0, 0).data(RecordRole) == newest
    assert model.index(MANY - 1, 0).data(IdRole) == min(ids)
    assert len(counting.pages) == 1, "ids need no row read"
    assert model.index(MANY - 1, 0).data() == str(min(ids))
    assert counting.pages == [PAGE_SIZE, MANY - PAGE_SIZE]  # the last row's page

    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)


def test_request_model_sorts_only_by_id_and_flags_overdue_requests(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, 3, clock)
    blk.requests.submit_for_approval(who(actor), ids)
    blk.requests.approve(who(reviewer), ids)
    blk.requests.transition(who(reviewer), ids[:1], S.SUBMITTED)
    clock.advance(days=8)  # past every route's expected answer time (168 h)
    model = RequestTableModel(blk)
    model.set_filter(RequestFilter())
    assert [model.request_id(r) for r in range(3)] == sorted(ids, reverse=True)
    overdue_row = model.row_of(ids[0])
    assert overdue_row is not None
    assert cell(model, overdue_row, "overdue") == "OVERDUE"
    assert cell(model, overdue_row, "age") == "8"
    assert cell(model, model.row_of(ids[1]) or 0, "overdue") == ""

    model.sort(REQUEST_COLUMN["number"], Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.request_id(0) == max(ids)
    model.sort(REQUEST_COLUMN["id"], Qt.SortOrder.AscendingOrder)
    assert [model.request_id(r) for r in range(3)] == sorted(ids)
    assert model.columns[0].sort_key is not None
    assert model.columns[REQUEST_COLUMN["number"]].sort_key is None
    qtmodeltester.check(model)


def test_number_model_pages_by_row_ids(
    qtbot: QtBot, qtmodeltester: ModelTester, blk: Blocking, actor: Actor, clock: ManualClock
) -> None:
    queued(blk, actor, MANY, clock)
    model = NumberTableModel(blk)
    model.set_filter(NumberFilter())
    assert model.rowCount() == MANY == blk.registry.count()
    expected = blk.registry.search(NumberFilter())
    assert model.index(0, 0).data() == expected[0].national
    assert model.index(MANY - 1, 1).data() == expected[-1].e164
    assert model.index(3, 3).data() == "1"  # sightings
    assert model.fetch_calls == 2  # the first and the last page, read by id
    assert model.cached_count == PAGE_SIZE + 50
    model.set_filter(NumberFilter(number_contains=mobile(7)))
    assert model.rowCount() == 1
    assert model.index(0, 0).data(IdRole) == blk.registry.get(mobile(7)).id
    model.set_filter(NumberFilter())
    qtmodeltester.check(model)


def test_small_models_pass_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    photo = make_photo(tmp_path / "photos", "flyer.jpg")
    gone = make_photo(tmp_path / "photos", "gone.jpg", (200, 30, 30))
    ids = queued(blk, actor, 4, clock, photos=[photo, gone])
    gone.path.unlink()
    examiner, lee = who(actor), who(reviewer)
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(lee, ids)
    blk.requests.transition(lee, ids, S.SUBMITTED)
    today = clock().date()
    blk.requests.transition(
        lee, ids[1], S.REJECTED, answer=Answer(effective_on=today - timedelta(days=2))
    )
    blk.registry.record_sightings(
        examiner, fx.sightings_for([mobile(1)], clock() - timedelta(hours=1))
    )
    clock.advance(days=8)

    loader = ThumbnailLoader()
    evidence = EvidenceModel(loader)
    evidence.set_records(blk.requests.evidence(ids[0]) + blk.requests.evidence(ids[1]))
    qtbot.waitUntil(lambda: loader.pending == 0)
    assert evidence.rowCount() == 2
    assert evidence.index(0, 0).data() == "flyer.jpg"
    assert evidence.index(0, EvidenceModel.SHA_COLUMN).data() == photo.sha256
    assert evidence.has_thumbnail(0) and evidence.thumbnail_status(0) == OK
    assert not evidence.has_thumbnail(1) and evidence.thumbnail_status(1) == MISSING
    assert "gone.jpg" in evidence.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)

    history = HistoryModel()
    history.set_records(blk.requests.history(ids[1]))
    assert history.rowCount() == 5
    assert history.index(4, 4).data() == state_label(S.REJECTED)
    sightings = SightingModel()
    sightings.set_records(blk.registry.sightings(mobile(1)))
    watch = WatchFlagModel(lambda key: key.upper())
    watch.set_records(blk.watch.flagged())
    flag = watch.flag(0)
    assert watch.rowCount() == 1 and flag is not None
    assert watch.index(0, 1).data() == flag.route.upper()
    overdue = OverdueModel(str)
    overdue.set_records(blk.watch.overdue())
    assert overdue.rowCount() == 3
    counts = StateCountModel()
    counts.set_counts(blk.requests.counts_by_state())
    assert counts.counts() == blk.requests.counts_by_state()
    weeks = WeekCountModel()
    weeks.set_records(blk.requests.weekly_counts(today - timedelta(days=14)))
    problems = ProblemModel()
    problems.set_records([RowProblem(3, "010-0000", "unknown number")])
    applied = AppliedModel()
    for model in (evidence, history, sightings, watch, overdue, counts, weeks, problems, applied):
        qtmodeltester.check(model)
    loader.wait()
