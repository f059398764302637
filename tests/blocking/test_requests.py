"""Requests: drafting, four-eyes approval, every transition on a real database, queueing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from blocking import (
    Actor,
    AdCategory,
    Answer,
    Blocking,
    DuplicateRequestError,
    IllegalTransitionError,
    NotBlockableError,
    NotFoundError,
    PermissionDeniedError,
    RequestFilter,
    RequestState,
    Role,
)
from blocking.clock import ManualClock
from blocking.models import history_t, requests_t
from tests.blocking.conftest import START, force_state, make_photo, mobile, sighting
from tests.blocking.test_states import LEGAL

SEOUL = ZoneInfo("Asia/Seoul")

S = RequestState


def approved_request(blk: Blocking, examiner: Actor, reviewer: Actor, number: str) -> int:
    blk.registry.record_sightings(examiner, [sighting(number)])
    request = blk.requests.draft(examiner, number, category=AdCategory.LENDING)
    blk.requests.submit_for_approval(examiner, request.id)
    blk.requests.approve(reviewer, request.id)
    return request.id


def test_draft_carries_route_basis_evidence_and_people(
    blk: Blocking, examiner: Actor, tmp_path: Path
) -> None:
    photos = [make_photo(tmp_path, f"f{i}.jpg") for i in range(7)]
    blk.registry.record_sightings(
        examiner,
        [
            sighting("010-1234-5678", photo=p, seen_at=START - timedelta(days=i + 1))
            for i, p in enumerate(photos)
        ]
        + [sighting("010-1234-5678", category=AdCategory.OBSCENE_ADULT)],
    )
    request = blk.requests.draft(
        examiner, "010-1234-5678", category=AdCategory.LENDING, notes="from flyer sweep"
    )
    assert request.state is S.DRAFT
    assert request.route == "lending_act"
    assert "대부업법 제9조의6" in request.legal_basis
    assert request.requesting_agency == blk.config.default_agency
    assert request.officer == examiner.name
    assert request.drafted_by_id == examiner.id
    assert request.notes == "from flyer sweep"
    assert request.created_at == START
    # The route attaches its 5 most recent lending photos, not the obscene sighting.
    evidence = blk.requests.evidence(request.id)
    assert [e.photo_sha256 for e in evidence] == [p.sha256 for p in photos[:5]]
    history = blk.requests.history(request.id)
    assert [(h.from_state, h.to_state, h.actor_id) for h in history] == [
        (None, S.DRAFT, examiner.id)
    ]

    blk.requests.withdraw(examiner, request.id, reason="drafted under the wrong category")
    other = blk.requests.draft(
        examiner,
        "010-1234-5678",
        category=AdCategory.OBSCENE_ADULT,
        agency="성남시청",
        officer="Kim Officer",
    )
    assert other.route == "outdoor_ad_act"
    assert (other.requesting_agency, other.officer) == ("성남시청", "Kim Officer")


def test_draft_refusals(blk: Blocking, examiner: Actor) -> None:
    with pytest.raises(NotFoundError, match="not in the number registry"):
        blk.requests.draft(examiner, "010-9999-0000", category=AdCategory.LENDING)
    blk.registry.record_sightings(examiner, [sighting("010-9999-0000")])
    with pytest.raises(NotBlockableError, match="no obscene_adult sightings"):
        blk.requests.draft(examiner, "010-9999-0000", category=AdCategory.OBSCENE_ADULT)
    with pytest.raises(NotFoundError, match="are not sightings of"):
        blk.requests.draft(
            examiner, "010-9999-0000", category=AdCategory.LENDING, sighting_ids=[999]
        )
    first = blk.requests.draft(examiner, "010-9999-0000", category=AdCategory.LENDING)
    with pytest.raises(DuplicateRequestError) as caught:
        blk.requests.draft(examiner, "01099990000", category=AdCategory.LENDING)
    assert caught.value.existing_request_id == first.id
    assert f"request {first.id} (lending_act, draft)" in str(caught.value)
    # Another route is not another slot: one open request per number, whatever the route.
    with pytest.raises(DuplicateRequestError) as caught:
        blk.requests.draft(
            examiner, "010-9999-0000", category=AdCategory.LENDING, route="agreement"
        )
    assert caught.value.existing_request_id == first.id
    assert blk.requests.count() == 1
    # A number seen only on "other" flyers is never requested.
    blk.registry.record_sightings(examiner, [sighting("010-9999-0001", category=AdCategory.OTHER)])
    with pytest.raises(NotBlockableError, match="not an illegal-ad category"):
        blk.requests.draft(examiner, "010-9999-0001", category=AdCategory.OTHER)
    with pytest.raises(NotBlockableError, match="not an illegal-ad category"):
        blk.requests.draft(examiner, "010-9999-0001", category=AdCategory.OTHER, route="agreement")


def test_a_route_can_refuse_number_types(
    db_url: str, examiner: Actor, tmp_path: Path, clock: ManualClock
) -> None:
    from blocking import load_config, make_engine, migrations
    from tests.blocking.conftest import ROUTES_FILE

    # the agreement route, chosen by configuration for obscene/adult flyers, takes mobiles only
    text = (
        ROUTES_FILE.read_text(encoding="utf-8")
        .replace('obscene_adult = "outdoor_ad_act"', 'obscene_adult = "agreement"')
        .replace("[routes.agreement]\n", '[routes.agreement]\nnumber_types = ["mobile"]\n')
    )
    (tmp_path / "routes.toml").write_text(text, encoding="utf-8")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        migrations.upgrade(conn)
    blk = Blocking(engine, load_config(tmp_path / "routes.toml"), clock=clock)
    try:
        blk.registry.record_sightings(
            examiner,
            [
                sighting("0505-1234-5678", category=AdCategory.OBSCENE_ADULT),
                sighting("010-1234-5678", category=AdCategory.OBSCENE_ADULT),
            ],
        )
        with pytest.raises(NotBlockableError, match="does not take personal numbers"):
            blk.requests.draft(examiner, "0505-1234-5678", category=AdCategory.OBSCENE_ADULT)
        queued = blk.requests.queue_blockable(examiner)
        assert [r.national for r in blk.requests.get_many(queued.created)] == ["010-1234-5678"]
    finally:
        engine.dispose()


# ---- four eyes --------------------------------------------------------------------------------


def test_four_eyes(blk: Blocking, examiner: Actor, reviewer: Actor, admin: Actor) -> None:
    blk.registry.record_sightings(examiner, [sighting(mobile(i)) for i in range(3)])
    by_examiner = blk.requests.draft(examiner, mobile(0), category=AdCategory.LENDING)
    by_reviewer = blk.requests.draft(reviewer, mobile(1), category=AdCategory.LENDING)
    by_admin = blk.requests.draft(admin, mobile(2), category=AdCategory.LENDING)
    ids = [by_examiner.id, by_reviewer.id, by_admin.id]
    blk.requests.submit_for_approval(examiner, ids)

    with pytest.raises(PermissionDeniedError, match="needs the reviewer or admin role"):
        blk.requests.approve(examiner, by_reviewer.id)
    with pytest.raises(PermissionDeniedError, match="four-eyes"):
        blk.requests.approve(reviewer, by_reviewer.id)
    with pytest.raises(PermissionDeniedError, match="four-eyes"):
        blk.requests.approve(admin, by_admin.id)
    # One bad request in a batch: nothing in the batch is approved.
    with pytest.raises(PermissionDeniedError):
        blk.requests.approve(reviewer, ids)
    assert {r.state for r in blk.requests.get_many(ids)} == {S.AWAITING_APPROVAL}

    blk.requests.approve(reviewer, [by_examiner.id, by_admin.id], note="checked photos")
    approved = blk.requests.approve(admin, by_reviewer.id)[0]
    assert approved.state is S.APPROVED
    assert (approved.approved_by_id, approved.approved_by_name) == (admin.id, admin.name)
    assert approved.approved_at == START
    assert blk.requests.get(by_examiner.id).approved_by_id == reviewer.id

    # The rule compares ids: a promoted examiner still cannot approve an own draft.
    blk.registry.record_sightings(examiner, [sighting(mobile(3))])
    own = blk.requests.draft(examiner, mobile(3), category=AdCategory.LENDING)
    blk.requests.submit_for_approval(examiner, own.id)
    promoted = Actor(examiner.id, "Park (now reviewer)", Role.REVIEWER)
    with pytest.raises(PermissionDeniedError, match="four-eyes"):
        blk.requests.approve(promoted, own.id)


def test_four_eyes_is_also_a_database_constraint(blk: Blocking, examiner: Actor) -> None:
    blk.registry.record_sightings(examiner, [sighting(mobile(1))])
    request = blk.requests.draft(examiner, mobile(1), category=AdCategory.LENDING)
    with pytest.raises(IntegrityError), blk.store.write() as conn:
        conn.execute(
            update(requests_t)
            .where(requests_t.c.id == request.id)
            .values(state=S.APPROVED, approved_by_id=examiner.id, approved_by_name="x")
        )
    assert blk.requests.get(request.id).state is S.DRAFT


# ---- the transition matrix on the database ------------------------------------------------


@pytest.mark.parametrize("current", list(RequestState), ids=lambda s: s.value)
def test_every_transition_from_a_state(
    blk: Blocking, examiner: Actor, reviewer: Actor, current: RequestState
) -> None:
    """For one starting state, try every target on its own request: legal steps happen and
    are recorded, illegal ones raise and leave the request and its history untouched."""
    targets = list(RequestState)
    blk.registry.record_sightings(examiner, [sighting(mobile(i)) for i in range(len(targets))])
    queued = blk.requests.queue_blockable(examiner)
    assert len(queued.created) == len(targets)
    closed_long_ago = START - timedelta(days=400)
    for request_id in queued.created:
        force_state(
            blk,
            request_id,
            current,
            suspended_from=date(2024, 1, 1),
            suspended_until=date(2024, 12, 31),  # passed: an expiry is possible
            closed_at=closed_long_ago if current in {S.REJECTED, S.RESTORED} else None,
        )
    for request_id, target in zip(queued.created, targets, strict=True):
        before = blk.requests.history(request_id)
        answer = Answer(carrier="KT", reference="R-1") if target is S.SUSPENDED else None
        if (current, target) in LEGAL:
            result = blk.requests.transition(
                reviewer, request_id, target, note="because", answer=answer
            )[0]
            expected = S.SUSPENDED if target is S.OBJECTION_DENIED else target
            assert result.state is expected, f"{current} → {target}"
            added = blk.requests.history(request_id)[len(before) :]
            steps = [(h.from_state, h.to_state) for h in added]
            if target is S.OBJECTION_DENIED:
                assert steps == [(current, S.OBJECTION_DENIED), (S.OBJECTION_DENIED, S.SUSPENDED)]
            else:
                assert steps == [(current, target)]
            assert all(h.actor_id == reviewer.id and h.at == START for h in added)
            assert all(h.note == "because" for h in added)
            assert result.state_changed_at == START
            assert (result.closed_at is not None) == (not result.is_open)
        else:
            with pytest.raises(IllegalTransitionError, match=f"cannot become {target.value}"):
                blk.requests.transition(reviewer, request_id, target, note="x", answer=answer)
            assert blk.requests.get(request_id).state is current
            assert blk.requests.history(request_id) == before


def test_the_long_paths_and_what_they_record(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    first = approved_request(blk, examiner, reviewer, "010-1000-0001")
    blk.requests.transition(reviewer, first, S.SUBMITTED, note="sent via e-portal")
    suspended = blk.requests.record_suspension(
        reviewer,
        first,
        carrier="SKT",
        suspended_from=date(2025, 3, 7),
        reference="MSIT-2025-77",
    )
    assert (suspended.carrier, suspended.response_reference) == ("SKT", "MSIT-2025-77")
    assert suspended.suspended_from == date(2025, 3, 7)
    assert suspended.suspended_until == date(2028, 3, 6)  # 36 months on the lending route
    blk.requests.file_objection(reviewer, first, note="subscriber letter of 2025-03-09")
    denied = blk.requests.deny_objection(reviewer, first, note="flyers are his")
    assert denied.state is S.SUSPENDED
    assert denied.suspended_until == date(2028, 3, 6)  # the suspension simply continues
    blk.requests.file_objection(reviewer, first, note="second letter")
    blk.requests.uphold_objection(reviewer, first, note="number was reassigned")
    blk.requests.request_lift(reviewer, first)
    restored = blk.requests.record_restored(reviewer, first, restored_on=date(2025, 3, 10))
    assert restored.state is S.RESTORED
    assert restored.closed_at is not None
    assert restored.closed_at.isoformat() == "2025-03-09T15:00:00+00:00"  # 00:00 in Korea
    assert [h.to_state for h in blk.requests.history(first)] == [
        S.DRAFT,
        S.AWAITING_APPROVAL,
        S.APPROVED,
        S.SUBMITTED,
        S.SUSPENDED,
        S.OBJECTION_FILED,
        S.OBJECTION_DENIED,
        S.SUSPENDED,
        S.OBJECTION_FILED,
        S.OBJECTION_UPHELD,
        S.LIFT_REQUESTED,
        S.RESTORED,
    ]

    second = approved_request(blk, examiner, reviewer, "010-1000-0002")
    blk.requests.transition(reviewer, second, S.SUBMITTED)
    blk.requests.transition(
        reviewer, second, S.SUSPENDED, answer=Answer(carrier="KT", effective_on=date(2025, 3, 1))
    )
    assert blk.requests.expire_due(reviewer) == []
    with pytest.raises(IllegalTransitionError, match="runs until 2028-02-29"):
        blk.requests.transition(reviewer, second, S.EXPIRED)
    clock.current = START.replace(year=2028, month=3, day=1)
    assert blk.requests.expire_due(reviewer) == [second]
    expired = blk.requests.get(second)
    assert expired.state is S.EXPIRED
    assert expired.closed_at is not None
    assert expired.closed_at.isoformat() == "2028-02-29T15:00:00+00:00"


def test_step_preconditions(blk: Blocking, examiner: Actor, reviewer: Actor) -> None:
    request = approved_request(blk, examiner, reviewer, "010-1000-0003")
    with pytest.raises(IllegalTransitionError, match="reason for withdrawing"):
        blk.requests.withdraw(reviewer, request, reason=" ")
    with pytest.raises(PermissionDeniedError, match="withdrawing it now needs"):
        blk.requests.withdraw(examiner, request, reason="duplicate flyer")
    blk.requests.transition(reviewer, request, S.SUBMITTED)
    with pytest.raises(IllegalTransitionError, match="in the future"):
        blk.requests.record_suspension(
            reviewer, request, carrier="KT", suspended_from=date(2025, 3, 11)
        )
    with pytest.raises(IllegalTransitionError, match="cannot end"):
        blk.requests.record_suspension(
            reviewer,
            request,
            carrier="KT",
            suspended_from=date(2025, 3, 1),
            suspended_until=date(2025, 2, 1),
        )
    assert blk.requests.get(request).state is S.SUBMITTED

    blk.registry.record_sightings(examiner, [sighting("010-1000-0004")])
    other = blk.requests.draft(
        examiner,
        "010-1000-0004",
        category=AdCategory.LENDING,
        route="agreement",
    )
    blk.requests.submit_for_approval(examiner, other.id)
    with pytest.raises(IllegalTransitionError, match="what to change"):
        blk.requests.return_to_draft(reviewer, other.id, note="")
    back = blk.requests.return_to_draft(reviewer, other.id, note="wrong category")[0]
    assert back.state is S.DRAFT
    withdrawn = blk.requests.withdraw(examiner, other.id, reason="drafted by mistake")[0]
    assert withdrawn.state is S.WITHDRAWN
    with pytest.raises(NotFoundError, match="No such request: 4242"):
        blk.requests.transition(reviewer, 4242, S.APPROVED)


# ---- queueing ---------------------------------------------------------------------------------


def test_queue_blockable(blk: Blocking, examiner: Actor, tmp_path: Path) -> None:
    photo = make_photo(tmp_path, "x.jpg")
    blk.registry.record_sightings(
        examiner,
        [
            sighting("010-1234-0001", category=AdCategory.LENDING, photo=photo),
            sighting("010-1234-0001", category=AdCategory.OTHER),
            sighting("0505-1234-0002", category=AdCategory.OBSCENE_ADULT),
            sighting("1588-0003", category=AdCategory.OTHER),
        ],
    )
    result = blk.requests.queue_blockable(examiner, agency="경기도", officer="Officer Yoon")
    created = blk.requests.get_many(result.created)
    # one request per number (the "other" sighting of the first adds none); 1588-0003 was
    # seen only on an "other" flyer and waits for its category
    assert sorted((r.national, r.route, r.category) for r in created) == [
        ("010-1234-0001", "lending_act", AdCategory.LENDING),
        ("0505-1234-0002", "outdoor_ad_act", AdCategory.OBSCENE_ADULT),
    ]
    assert {(r.requesting_agency, r.officer, r.state) for r in created} == {
        ("경기도", "Officer Yoon", S.DRAFT)
    }
    assert all(blk.requests.evidence(r.id) for r in created)
    assert all(len(blk.requests.history(r.id)) == 1 for r in created)
    assert blk.requests.queue_blockable(examiner).created == []

    only = blk.requests.queue_blockable(examiner, routes=["lending_act"])
    assert only.created == []


def test_queue_blockable_respects_route_and_category_filters(
    blk: Blocking, examiner: Actor
) -> None:
    blk.registry.record_sightings(
        examiner,
        [
            sighting("010-1234-0001", category=AdCategory.LENDING),
            sighting("010-1234-0002", category=AdCategory.OBSCENE_ADULT),
        ],
    )
    by_category = blk.requests.queue_blockable(examiner, categories=[AdCategory.OBSCENE_ADULT])
    assert [r.national for r in blk.requests.get_many(by_category.created)] == ["010-1234-0002"]
    by_route = blk.requests.queue_blockable(examiner, routes=["lending_act"])
    assert [r.national for r in blk.requests.get_many(by_route.created)] == ["010-1234-0001"]


# ---- reading ----------------------------------------------------------------------------------


def test_filters_counts_and_weeks(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    blk.registry.record_sightings(
        examiner,
        [sighting(mobile(i)) for i in range(4)]
        + [sighting(mobile(9), category=AdCategory.OBSCENE_ADULT)],
    )
    early = blk.requests.queue_blockable(examiner).created
    clock.advance(days=8)
    blk.requests.submit_for_approval(examiner, early[:2])
    blk.requests.approve(reviewer, early[:1])

    assert blk.requests.count() == 5
    assert blk.requests.count(RequestFilter(states=frozenset({S.DRAFT}))) == 3
    assert blk.requests.count(RequestFilter(routes=frozenset({"outdoor_ad_act"}))) == 1
    assert blk.requests.count(RequestFilter(categories=frozenset({AdCategory.OBSCENE_ADULT}))) == 1
    assert blk.requests.count(RequestFilter(number_contains="010-2000-0003")) == 1
    assert blk.requests.count(RequestFilter(created_before=START + timedelta(days=1))) == 5
    assert blk.requests.count(RequestFilter(created_after=START + timedelta(days=1))) == 0
    ids = blk.requests.ids()
    assert ids == sorted(early, reverse=True)
    assert blk.requests.ids(RequestFilter(limit=2, offset=1)) == ids[1:3]
    assert [r.id for r in blk.requests.search(RequestFilter(limit=2))] == ids[:2]

    counts = blk.requests.counts_by_state()
    assert counts[S.DRAFT] == 3
    assert counts[S.AWAITING_APPROVAL] == 1
    assert counts[S.APPROVED] == 1
    assert sum(counts.values()) == 5

    weeks = blk.requests.weekly_counts(since=START.date())
    assert [w.week_start for w in weeks] == [date(2025, 3, 10), date(2025, 3, 17)]
    assert [w.created for w in weeks] == [5, 0]

    with blk.store.read() as conn:
        total_history = len(conn.execute(select(history_t.c.id)).all())
    assert total_history == 5 + 2 + 1


@pytest.mark.parametrize(
    ("start", "route", "last_day"),
    [
        # 민법 제160조: a period of months ends the day before the start's day in the last
        # month, or on that month's last day when the month has no such day.
        (date(2025, 11, 30), "agreement", date(2026, 2, 28)),
        (date(2025, 11, 29), "agreement", date(2026, 2, 28)),
        (date(2025, 11, 28), "agreement", date(2026, 2, 27)),
        (date(2025, 12, 31), "agreement", date(2026, 3, 30)),
        (date(2025, 12, 1), "agreement", date(2026, 2, 28)),
        (date(2028, 2, 29), "lending_act", date(2031, 2, 28)),
        (date(2025, 3, 10), "lending_act", date(2028, 3, 9)),
    ],
)
def test_a_suspension_of_months_ends_as_korean_law_counts_at_month_ends(
    blk: Blocking,
    examiner: Actor,
    reviewer: Actor,
    clock: ManualClock,
    start: date,
    route: str,
    last_day: date,
) -> None:
    blk.registry.record_sightings(examiner, [sighting("010-1000-0001")])
    request = blk.requests.draft(
        examiner, "010-1000-0001", category=AdCategory.LENDING, route=route
    )
    blk.requests.submit_for_approval(examiner, request.id)
    blk.requests.approve(reviewer, request.id)
    blk.requests.transition(reviewer, request.id, S.SUBMITTED)
    clock.set(datetime.combine(start, time(10), tzinfo=SEOUL))  # answered that day
    suspended = blk.requests.record_suspension(reviewer, request.id, carrier="KT")
    assert suspended.suspended_from == start
    assert suspended.suspended_until == last_day
    # Still in force on its last day (in Korea, whatever the hour); expired the day after.
    clock.set(datetime.combine(last_day, time(23, 59), tzinfo=SEOUL))
    assert blk.requests.expire_due(reviewer) == []
    clock.advance(minutes=1)
    assert blk.requests.expire_due(reviewer) == [request.id]
