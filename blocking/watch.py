"""Watching: numbers that came back after their request closed, and answers that are late."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, not_, select

from blocking.config import BlockingConfig
from blocking.db import Store
from blocking.models import numbers_t, requests_t, sightings_t
from blocking.records import Deadline, OverdueRequest, RequestRecord, WatchFlag
from blocking.states import AWAITING_ANSWER, WATCHED_CLOSURES, RequestState


def seen_after_closure(request: Any = None) -> ColumnElement[bool]:
    """A sighting (sightings_t) of the number of `request` (requests_t's columns, or an
    alias's) made after its closure. An answer closes a request at the start of the day it
    took effect, which can be before the request was even drafted (an answer on the day the
    flyer was photographed, or one dated wrongly): a sighting recorded before the request
    existed was its evidence, not a comeback, however its time compares with the closure."""
    r = request if request is not None else requests_t.c
    s = sightings_t.c
    return and_(s.number_id == r.number_id, s.seen_at > r.closed_at, s.recorded_at >= r.created_at)


class Watch:
    def __init__(self, store: Store, config: BlockingConfig) -> None:
        self._store = store
        self._config = config

    def flagged(self, limit: int | None = None) -> list[WatchFlag]:
        """Numbers seen again (a sighting after the closure) since their last request on a
        route was rejected, restored or expired, and with no open request there now.
        `RequestQueue.queue_blockable` queues exactly these again. Most recent sighting first."""
        n, r = numbers_t.c, requests_t.c
        later = requests_t.alias("later")
        query = (
            select(
                n.id,
                n.e164,
                n.national,
                n.last_seen,
                r.route,
                r.id.label("request_id"),
                r.state,
                r.closed_at,
            )
            .join(requests_t, r.number_id == n.id)
            .where(
                r.state.in_(sorted(WATCHED_CLOSURES)),
                exists().where(seen_after_closure()),
                # r is the latest request on that route (any later one, open or closed, wins)
                not_(
                    select(later.c.id)
                    .where(
                        later.c.number_id == r.number_id,
                        later.c.route == r.route,
                        later.c.id > r.id,
                    )
                    .exists()
                ),
            )
            .order_by(n.last_seen.desc(), n.id, r.route)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._store.read() as conn:
            rows = list(conn.execute(query))
            since = _sightings_since(conn, rows)
        return [
            WatchFlag(
                number_id=row.id,
                e164=row.e164,
                national=row.national,
                route=row.route,
                previous_request_id=row.request_id,
                previous_state=RequestState(row.state),
                closed_at=row.closed_at,
                last_seen=row.last_seen,
                sightings_since=since.get(row.request_id, 0),
            )
            for row in rows
        ]

    def deadline(self, request: RequestRecord, now: datetime | None = None) -> Deadline | None:
        """What `request` waits for and by when, from its route's configuration: an answer
        (submitted, lift requested: expected_answer_hours), the subscriber's objection (while
        suspended: objection_days from the suspension's start, when the carrier tells the
        subscriber), or the agency's decision on one (objection_decision_days from its
        filing). None for the other states and for routes no longer configured."""
        route = self._config.routes.get(request.route)
        if route is None:
            return None
        now = now or self._store.now()
        clock = self._store.clock
        changed = clock.date_of(request.state_changed_at)
        if request.state in AWAITING_ANSWER:
            due_at = request.state_changed_at + timedelta(hours=route.expected_answer_hours)
            return Deadline(
                "answer",
                changed,
                clock.date_of(due_at),
                due_at,
                route.expected_answer_hours,
                now > due_at,
            )
        if request.state is RequestState.SUSPENDED and request.suspended_from is not None:
            kind, start, days = "objection", request.suspended_from, route.objection_days
        elif request.state is RequestState.OBJECTION_FILED:
            kind, start, days = "decision", changed, route.objection_decision_days
        else:
            return None
        due_on = start + timedelta(days=days)
        return Deadline(kind, start, due_on, None, days, clock.date_of(now) > due_on)

    def overdue(self, now: datetime | None = None) -> list[OverdueRequest]:
        """Requests waiting for an answer (submitted, lift requested) longer than their
        route's expected_answer_hours; longest waiting first."""
        now = now or self._store.now()
        n, r = numbers_t.c, requests_t.c
        found: list[OverdueRequest] = []
        with self._store.read() as conn:
            for route in self._config.routes.values():
                allowed = timedelta(hours=route.expected_answer_hours)
                rows = conn.execute(
                    select(r.id, n.e164, n.national, r.route, r.state, r.state_changed_at)
                    .join(numbers_t, n.id == r.number_id)
                    .where(
                        r.route == route.key,
                        r.state.in_(sorted(AWAITING_ANSWER)),
                        r.state_changed_at < now - allowed,
                    )
                )
                found.extend(
                    OverdueRequest(
                        request_id=row.id,
                        e164=row.e164,
                        national=row.national,
                        route=row.route,
                        state=RequestState(row.state),
                        waiting_since=row.state_changed_at,
                        due_at=row.state_changed_at + allowed,
                    )
                    for row in rows
                )
        return sorted(found, key=lambda o: (o.waiting_since, o.request_id))


def _sightings_since(conn: Any, rows: list[Any]) -> dict[int, int]:
    s, r = sightings_t.c, requests_t.c
    counts: dict[int, int] = {}
    request_ids = [row.request_id for row in rows]
    for start in range(0, len(request_ids), 5_000):
        chunk = request_ids[start : start + 5_000]
        query = (
            select(r.id, func.count(s.id))
            .join(sightings_t, seen_after_closure())
            .where(r.id.in_(chunk))
            .group_by(r.id)
        )
        counts.update(conn.execute(query).all())
    return counts
