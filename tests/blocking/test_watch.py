"""Watch lists: numbers that come back after their request closed, and late answers."""

from __future__ import annotations

from datetime import date, timedelta

from blocking import Actor, AdCategory, Answer, Blocking, RequestState
from blocking.clock import ManualClock
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
    that day; the photo (taken that morning, before the request existed) is its evidence, not
    a sighting after the closure: the number is neither flagged nor requested again."""
    blk.registry.record_sightings(
        examiner, [sighting(mobile(1), seen_at=START - timedelta(minutes=30))]
    )
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
