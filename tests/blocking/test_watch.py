"""Watch lists: numbers that come back after their request closed, and late answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from blocking import (
    Actor,
    AdCategory,
    Answer,
    Blocking,
    BlockingConfig,
    RequestState,
    make_engine,
    migrations,
)
from blocking.clock import ManualClock
from blocking.records import Deadline
from tests.blocking.conftest import START, mobile, sighting

S = RequestState


def to_submitted(blk: Blocking, examiner: Actor, reviewer: Actor, ids: list[int]) -> None:
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(reviewer, ids)
    blk.requests.transition(reviewer, ids, S.SUBMITTED)


def test_numbers_seen_again_after_closure_are_flagged_and_requeued(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    numbers = [mobile(i) for i in range(6)]
    blk.registry.record_sightings(examiner, [sighting(n) for n in numbers])
    ids = blk.requests.queue_blockable(examiner).created
    to_submitted(blk, examiner, reviewer, ids)
    by_number = {r.national: r.id for r in blk.requests.get_many(ids)}
    rejected, restored, expired, terminated, withdrawn, quiet = (by_number[n] for n in numbers)
    blk.requests.record_rejection(reviewer, rejected, reference="no evidence")
    for request_id in (restored, expired, terminated, quiet):
        blk.requests.transition(
            reviewer,
            request_id,
            S.SUSPENDED,
            answer=Answer(carrier="KT", suspended_until=START.date()),
        )
    blk.requests.file_objection(reviewer, restored, note="letter")
    blk.requests.uphold_objection(reviewer, restored)
    blk.requests.request_lift(reviewer, restored)
    blk.requests.record_restored(reviewer, restored)
    blk.requests.record_termination(reviewer, terminated)
    blk.requests.withdraw(reviewer, withdrawn, reason="sent by mistake")
    clock.advance(days=2)
    assert blk.requests.expire_due(reviewer) == [expired, quiet]
    assert blk.watch.flagged() == []

    # Seen again, after the closures: all but the terminated, withdrawn and quiet ones count.
    clock.advance(days=1)
    blk.registry.record_sightings(
        examiner,
        [sighting(n, seen_at=clock() - timedelta(hours=1)) for n in numbers[:5]]
        + [sighting(numbers[0], seen_at=clock() - timedelta(hours=2))],
    )
    flags = blk.watch.flagged()
    assert sorted((f.previous_request_id, f.previous_state) for f in flags) == [
        (rejected, S.REJECTED),
        (restored, S.RESTORED),
        (expired, S.EXPIRED),
    ]
    by_request = {f.previous_request_id: f for f in flags}
    assert by_request[rejected].sightings_since == 2
    assert by_request[rejected].route == "lending_act"
    assert by_request[rejected].national == numbers[0]

    again = blk.requests.queue_blockable(examiner)
    assert sorted(r.national for r in blk.requests.get_many(again.created)) == numbers[:3]
    assert blk.watch.flagged() == []  # the new open requests answer the flags
    assert blk.requests.queue_blockable(examiner).created == []


def test_a_sighting_dated_before_the_closure_is_not_a_comeback(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    blk.registry.record_sightings(examiner, [sighting(mobile(1))])
    (request_id,) = blk.requests.queue_blockable(examiner).created
    to_submitted(blk, examiner, reviewer, [request_id])
    blk.requests.record_rejection(reviewer, request_id, rejected_on=date(2025, 3, 9))
    # Recorded late, but collected before the rejection took effect.
    clock.advance(days=5)
    blk.registry.record_sightings(
        examiner, [sighting(mobile(1), seen_at=START - timedelta(days=2), place="안산시")]
    )
    assert blk.watch.flagged() == []
    assert blk.requests.queue_blockable(examiner).created == []


def test_overdue_answers_per_route(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    blk.registry.record_sightings(
        examiner,
        [sighting(mobile(1)), sighting(mobile(2), category=AdCategory.OTHER), sighting(mobile(3))],
    )
    ids = blk.requests.queue_blockable(examiner).created
    to_submitted(blk, examiner, reviewer, ids)
    lending = [r.id for r in blk.requests.get_many(ids) if r.route == "lending_act"]
    assert blk.watch.overdue() == []

    clock.advance(hours=167)
    assert blk.watch.overdue() == []
    blk.requests.transition(
        reviewer, lending[1], S.SUSPENDED, answer=Answer(carrier="SKT")
    )  # answered in time
    clock.advance(hours=2)
    overdue = blk.watch.overdue()
    assert sorted(o.request_id for o in overdue) == sorted([lending[0], *set(ids) - set(lending)])
    first = next(o for o in overdue if o.request_id == lending[0])
    assert first.state is S.SUBMITTED
    assert first.waiting_since == START
    assert first.due_at == START + timedelta(hours=168)
    assert blk.watch.overdue(now=START + timedelta(hours=1)) == []


def test_the_sighting_a_request_was_made_for_is_no_comeback_after_a_same_day_answer(
    blk: Blocking, examiner: Actor, reviewer: Actor, clock: ManualClock
) -> None:
    """An answer dated the day the flyer was photographed closes the request at the start of
    that day; the photo (taken that morning and read before the request existed) is its
    evidence, not a sighting after the closure: the number is neither flagged nor requested
    again. (Seen with the CLI: a 반려 answer dated today, then `block queue`.)"""
    blk.registry.record_sightings(
        examiner, [sighting(mobile(1), seen_at=START - timedelta(minutes=30))]
    )
    clock.advance(minutes=1)  # queued a minute after the photo was read
    (request_id,) = blk.requests.queue_blockable(examiner).created
    to_submitted(blk, examiner, reviewer, [request_id])
    clock.advance(hours=3)
    blk.requests.record_rejection(reviewer, request_id, rejected_on=START.date())
    assert blk.watch.flagged() == []
    assert blk.requests.queue_blockable(examiner).created == []
    # A sighting after the request was submitted and after the closure still counts.
    blk.registry.record_sightings(examiner, [sighting(mobile(1), seen_at=clock())])
    (flag,) = blk.watch.flagged()
    assert (flag.previous_request_id, flag.sightings_since) == (request_id, 1)
    assert len(blk.requests.queue_blockable(examiner).created) == 1


def test_deadlines_of_answers_objections_and_decisions(
    db_url: str, config: BlockingConfig, examiner: Actor, reviewer: Actor
) -> None:
    """In a zone with daylight saving time: an answer is due a number of hours later (one
    of them lost when the clocks go forward), objection days are calendar days in the zone,
    counted from the day after the start, across the end of a month."""
    new_york = ZoneInfo("America/New_York")
    clock = ManualClock(datetime(2025, 3, 8, 12, 0, tzinfo=new_york), zone=new_york)
    engine = make_engine(db_url)
    with engine.begin() as connection:
        migrations.upgrade(connection)
    blk = Blocking(engine, config, clock=clock)
    try:
        blk.registry.record_sightings(
            examiner, [sighting(mobile(1), seen_at=clock() - timedelta(days=1))]
        )
        (request_id,) = blk.requests.queue_blockable(examiner).created
        to_submitted(blk, examiner, reviewer, [request_id])
        answer = blk.watch.deadline(blk.requests.get(request_id))
        assert answer is not None and answer.kind == "answer"
        # 168 hours after noon EST on 8 March is 13:00 EDT on 15 March (DST began on the 9th).
        assert answer.due_at == datetime(2025, 3, 15, 13, 0, tzinfo=new_york)
        assert (answer.due_on, answer.overdue) == (date(2025, 3, 15), False)
        clock.set(datetime(2025, 3, 15, 13, 1, tzinfo=new_york))
        assert blk.watch.deadline(blk.requests.get(request_id)).overdue  # type: ignore[union-attr]

        blk.requests.record_suspension(
            reviewer, request_id, carrier="KT", suspended_from=date(2025, 3, 14)
        )
        objection = blk.watch.deadline(blk.requests.get(request_id))
        assert objection is not None and objection.kind == "objection"
        assert (objection.start, objection.due_on, objection.days) == (
            date(2025, 3, 14),
            date(2025, 4, 13),
            30,
        )
        clock.set(datetime(2025, 3, 31, 23, 30, tzinfo=new_york))  # a month's last evening
        blk.requests.file_objection(reviewer, request_id, note="letter")
        decision = blk.watch.deadline(blk.requests.get(request_id))
        assert decision is not None and decision.kind == "decision"
        assert (decision.start, decision.due_on) == (date(2025, 3, 31), date(2025, 4, 15))
        clock.set(datetime(2025, 4, 15, 23, 59, tzinfo=new_york))
        assert not blk.watch.deadline(blk.requests.get(request_id)).overdue  # type: ignore[union-attr]
        clock.advance(minutes=1)
        assert blk.watch.deadline(blk.requests.get(request_id)).overdue  # type: ignore[union-attr]
        blk.requests.deny_objection(reviewer, request_id)
        assert blk.watch.deadline(blk.requests.get(request_id)).kind == "objection"  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_a_deadline_is_missed_when_someone_owes_the_next_step() -> None:
    """Past due, a late answer and a late decision on an objection are missed (the queue's
    OVERDUE badge and the request's Deadline row both follow this); the end of the
    subscriber's objection window is nobody's lateness."""
    day = date(2025, 3, 10)
    at = datetime(2025, 3, 17, 3, 0, tzinfo=ZoneInfo("UTC"))
    missed = {
        (kind, overdue): Deadline(
            kind, day, day, at if kind == "answer" else None, 7, overdue
        ).missed
        for kind in ("answer", "objection", "decision")
        for overdue in (False, True)
    }
    assert missed == {
        ("answer", False): False,
        ("answer", True): True,
        ("objection", False): False,
        ("objection", True): False,
        ("decision", False): False,
        ("decision", True): True,
    }
