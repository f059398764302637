"""Calendar behaviour at the instants where Korea and UTC disagree, in any host time zone.

Each test runs at every instant of tests/clocks.py's CALENDAR_INSTANTS (Sunday 23:30 in Korea,
New Year's Eve 20:00 UTC, the last evening of a month) with the machine's own zone set to UTC,
Asia/Seoul and America/Los_Angeles. The workstation's Clock is pinned to the instant and, with
time-machine, so is the wall clock, so nothing that forgets the Clock can hide.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Blocking, RequestState, SightingInput, SourceKind
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.block_requests import load_routes
from forensics_app.services.records import Actor, Role, blocking_actor
from forensics_app.ui.blocking_area import BlockingArea
from forensics_app.ui.blocking_pages import DashboardPage
from forensics_app.ui.widgets.context import UiContext
from tests.clocks import CALENDAR_INSTANTS, HOST_ZONES
from tests.conftest import PASSWORD
from tests.ui.conftest import RecordingRunner

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(
    params=[(name, zone) for name in CALENDAR_INSTANTS for zone in HOST_ZONES],
    ids=lambda p: f"{p[0]}@{p[1].replace('/', '-')}",
)
def moment(request: pytest.FixtureRequest) -> Iterator[datetime]:
    name, host_zone = request.param
    instant = CALENDAR_INSTANTS[name]
    before = os.environ.get("TZ")
    os.environ["TZ"] = host_zone
    time.tzset()
    try:
        with time_machine.travel(instant, tick=False):
            yield instant
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def clock(moment: datetime) -> ManualClock:
    """Overrides the suite's pinned clock: the workstation runs at the chosen instant."""
    return ManualClock(moment)


def korean_day(moment: datetime) -> date:
    return moment.astimezone(SEOUL).date()


def test_case_numbers_and_opening_dates_follow_the_korean_calendar(
    workstation: Workstation, actor: Actor, moment: datetime
) -> None:
    case = workstation.cases.create(actor, "전단지")
    today = korean_day(moment)
    assert case.opened_on == today
    assert case.number == f"{today.year}-0001"
    assert workstation.clock.today() == today


def test_weekly_counts_and_deadlines_use_korean_days(
    workstation: Workstation, actor: Actor, clock: ManualClock, moment: datetime
) -> None:
    reviewer = workstation.examiners.create(actor, "Lee", "2001", Role.REVIEWER, PASSWORD)
    blk = workstation.blocking
    drafter, approver = blocking_actor(actor), blocking_actor(reviewer)
    blk.registry.record_sightings(
        drafter,
        [
            SightingInput(
                f"010-4000-{i:04d}",
                moment - timedelta(hours=1),
                AdCategory.LENDING,
                SourceKind.MANUAL,
                place="수원역",
            )
            for i in range(3)
        ],
    )
    created = blk.requests.queue_for_approval(drafter).created
    assert len(created) == 3
    blk.requests.approve(approver, created)
    today = korean_day(moment)
    monday = today - timedelta(days=today.weekday())
    weeks = blk.requests.weekly_counts(monday - timedelta(weeks=1))
    this_week = [w for w in weeks if w.week_start == monday]
    assert this_week and this_week[0].created == 3
    assert all(w.week_start <= monday for w in weeks)

    # A suspension "until today" expires only once today is over, in Korea.
    blk.requests.transition(approver, created[0], RequestState.SUBMITTED)
    blk.requests.record_suspension(
        approver,
        created[0],
        carrier="SKT",
        suspended_from=today - timedelta(days=30),
        suspended_until=today,
        reference="R-1",
    )
    assert blk.requests.expire_due(approver) == []
    clock.set(datetime.combine(today + timedelta(days=1), datetime.min.time(), SEOUL))
    assert blk.requests.expire_due(approver) == [created[0]]
    assert blk.requests.get(created[0]).state is RequestState.EXPIRED


def test_dashboard_week_chart_ends_at_this_korean_week(
    qtbot: QtBot, workstation: Workstation, actor: Actor, moment: datetime
) -> None:
    blk = Blocking(
        workstation.db.engine, load_routes(), clock=workstation.clock, check_schema=False
    )
    blk.registry.record_sightings(
        blocking_actor(actor),
        [SightingInput("010-5000-0001", moment, AdCategory.LENDING, SourceKind.MANUAL)],
    )
    blk.requests.queue_for_approval(blocking_actor(actor))
    runner = RecordingRunner()
    area = BlockingArea(UiContext(workstation, actor, runner, blk_override=blk))
    qtbot.addWidget(area)
    assert area.findChild(DashboardPage) is None  # pages are built when first needed
    page = area.dashboard
    page.refresh()
    assert runner.errors == []
    weeks = page.week_model.records
    today = korean_day(moment)
    assert weeks[-1].week_start == today - timedelta(days=today.weekday())
    assert sum(w.created for w in weeks) == 1


def test_time_travel_reaches_the_wall_clock(moment: datetime) -> None:
    assert datetime.now(UTC) == moment  # noqa: TID251 - checks the fixture itself
