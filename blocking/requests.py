"""Use-suspension requests: drafting, the four-eyes approval and every later step.

Every state change goes through `apply_changes`, which re-checks each step against the state
machine on rows locked for the transaction, writes the new state with set-based statements
and adds one history row per request (who, when in UTC, from, to, note). Nothing else in the
library updates `blk_requests.state`.

One open request per number, whatever the route: a partial unique index on number_id over
the open states, so a second open request for the same number cannot exist, whichever
workstation tries and on whichever route. Only numbers seen on illegal-ad flyers (the categories
the route configuration names: lending, obscene/youth-harmful) are drafted; a number seen only
on flyers classified "other" waits until someone sets the flyer's category.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from blocking.actors import Actor
from blocking.config import BlockingConfig, RouteConfig
from blocking.db import Store, chunked, insert_rows
from blocking.enums import AdCategory, SourceKind
from blocking.errors import (
    BlockingError,
    DuplicateRequestError,
    IllegalTransitionError,
    NotBlockableError,
    NotFoundError,
    PermissionDeniedError,
)
from blocking.models import (
    OPEN_REQUEST_INDEX,
    OPEN_STATE_PREDICATE,
    evidence_t,
    history_t,
    numbers_t,
    requests_t,
    sightings_t,
)
from blocking.numbers import NormalizedNumber, NumberType, normalize_number, search_digits
from blocking.progress import NULL_PROGRESS, Progress, check_cancelled
from blocking.records import (
    EvidenceItem,
    HistoryEntry,
    MachineOnlyEvidence,
    QueueResult,
    RequestFilter,
    RequestRecord,
    WeekCount,
)
from blocking.states import (
    CLOSED_STATES,
    OPEN_STATES,
    WATCHED_CLOSURES,
    RequestState,
    check_transition,
)
from blocking.timeutil import last_day_of_months
from blocking.watch import seen_after_closure

S = RequestState
# Steps after approval change what has been or will be sent out: reviewers decide those.
_WITHDRAW_NEEDS_APPROVER = frozenset(OPEN_STATES - {S.DRAFT, S.AWAITING_APPROVAL})


@dataclass(frozen=True)
class Answer:
    """What an answer from the ministry or carrier says, for the steps that record one.

    `effective_on` is the Korean calendar day the answer takes effect (suspension start,
    rejection, restoration, termination); today when not given.
    """

    carrier: str | None = None
    reference: str | None = None
    effective_on: date | None = None
    suspended_until: date | None = None  # default: effective_on + the route's months


@dataclass
class Change:
    """One step of one request, checked and ready to be written."""

    request_id: int
    from_state: RequestState
    to_state: RequestState
    note: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    package_sha256: str | None = None


@dataclass(frozen=True)
class LockedRequest:
    id: int
    number_id: int
    route: str
    state: RequestState
    drafted_by_id: str
    suspended_from: date | None
    suspended_until: date | None
    carrier: str
    response_reference: str


# ---- the one way state changes are written ----------------------------------------------------


def lock_requests(store: Store, conn: Connection, ids: Iterable[int]) -> dict[int, LockedRequest]:
    """Load requests for a state change; on PostgreSQL their rows stay locked until commit
    (SQLite's write transaction already holds the database lock)."""
    r = requests_t.c
    wanted = sorted(set(ids))
    found: dict[int, LockedRequest] = {}
    for chunk in chunked(wanted):
        query = select(
            r.id,
            r.number_id,
            r.route,
            r.state,
            r.drafted_by_id,
            r.suspended_from,
            r.suspended_until,
            r.carrier,
            r.response_reference,
        ).where(r.id.in_(chunk))
        if store.is_postgresql:
            query = query.order_by(r.id).with_for_update()
        for row in conn.execute(query):
            found[row.id] = LockedRequest(
                id=row.id,
                number_id=row.number_id,
                route=row.route,
                state=RequestState(row.state),
                drafted_by_id=row.drafted_by_id,
                suspended_from=row.suspended_from,
                suspended_until=row.suspended_until,
                carrier=row.carrier,
                response_reference=row.response_reference,
            )
    missing = [i for i in wanted if i not in found]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10])
        raise NotFoundError(
            "No such request: {ids}.", ids=shown + (" …" if len(missing) > 10 else "")
        )
    return found


def apply_changes(conn: Connection, actor: Actor, changes: Sequence[Change], now: datetime) -> None:
    """Write checked changes: new states set-based, one history row per change.

    Each UPDATE also requires the state the change was checked against, so a change can never
    land on a request that moved meanwhile.
    """
    r = requests_t.c
    for layer in _layers(changes):
        by_columns: dict[tuple[str, ...], list[Change]] = defaultdict(list)
        for change in layer:
            by_columns[tuple(sorted(change.values))].append(change)
        for keys, group in by_columns.items():
            statement = (
                update(requests_t)
                .where(r.id == bindparam("b_id"), r.state == bindparam("b_from"))
                .values(
                    state=bindparam("b_to"),
                    state_changed_at=bindparam("b_at", type_=r.state_changed_at.type),
                    **{key: bindparam(f"v_{key}", type_=r[key].type) for key in keys},
                )
            )
            result = conn.execute(
                statement,
                [
                    {
                        "b_id": c.request_id,
                        "b_from": c.from_state,
                        "b_to": c.to_state,
                        "b_at": now,
                        **{f"v_{k}": c.values[k] for k in keys},
                    }
                    for c in group
                ],
            )
            if conn.dialect.supports_sane_multi_rowcount and result.rowcount != len(group):
                raise IllegalTransitionError(
                    "Some requests changed while this step was being saved; nothing was "
                    "changed. Reload and try again."
                )
    if changes:
        insert_rows(
            conn,
            history_t,
            [
                {
                    "request_id": c.request_id,
                    "at": now,
                    "actor_id": actor.id,
                    "actor_name": actor.name,
                    "actor_role": actor.role.value,
                    "from_state": c.from_state,
                    "to_state": c.to_state,
                    "note": c.note,
                    "package_sha256": c.package_sha256,
                }
                for c in changes
            ],
        )


def _layers(changes: Sequence[Change]) -> list[list[Change]]:
    """Split changes so that each request occurs at most once per layer, in order: within a
    layer, statements may then be grouped by the columns they set (executemany needs one
    column set) without reordering any request's steps."""
    layers: list[list[Change]] = []
    seen: Counter[int] = Counter()
    for change in changes:
        depth = seen[change.request_id]
        seen[change.request_id] += 1
        if depth == len(layers):
            layers.append([])
        layers[depth].append(change)
    return layers


def raise_collected(problems: list[BlockingError]) -> None:
    """Raise one error for a batch: the first problem's type, every message (up to 10)."""
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    kind = type(problems[0]) if all(type(p) is type(problems[0]) for p in problems) else None
    error = (kind or BlockingError).collected(problems)
    raise error


# ---- the queue -----------------------------------------------------------------------------


def _check_lengths(**values: str | None) -> None:
    """The same refusal on SQLite (which would store anything) and PostgreSQL (which raises)."""
    for name, value in values.items():
        limit = getattr(requests_t.c[name].type, "length", None)
        if value is not None and limit is not None and len(value) > limit:
            raise BlockingError(
                "{field} is too long: {length} characters, at most {limit} are allowed.",
                field=name,
                length=len(value),
                limit=limit,
            )


class RequestQueue:
    def __init__(self, store: Store, config: BlockingConfig) -> None:
        self._store = store
        self._config = config

    # ---- drafting ----------------------------------------------------------------------------
    def draft(
        self,
        actor: Actor,
        number: str | int | NormalizedNumber,
        *,
        category: AdCategory,
        route: str | None = None,
        agency: str | None = None,
        officer: str | None = None,
        notes: str = "",
        sighting_ids: Sequence[int] | None = None,
    ) -> RequestRecord:
        """Draft one request; `DuplicateRequestError` (naming the request) if the number already
        has an open request, on any route.

        The route defaults to the one configured for the category. Evidence: the given
        sightings of this number, or else its most recent ones of that category (photos
        first, as many as the route's `evidence_per_request`).
        """
        category = AdCategory(category)
        if category not in self._config.category_routes:
            raise NotBlockableError(
                "{category!r} is not an illegal-ad category: only numbers seen on {categories} "
                "flyers are requested. Set the flyer's category first.",
                category=category.value,
                categories=" or ".join(c.value for c in self._config.category_routes),
            )
        route_config = (
            self._config.route(route) if route else self._config.route_for_category(category)
        )
        _check_lengths(requesting_agency=agency, officer=officer)
        now = self._store.now()
        try:
            with self._store.write() as conn:
                number_row = _find_number(conn, number)
                self._check_draftable(conn, number_row, route_config, category, sighting_ids)
                request_id = conn.execute(
                    insert(requests_t).returning(requests_t.c.id),
                    [
                        self._new_request_row(
                            actor, number_row.id, route_config, category, agency, officer, now
                        )
                        | {"notes": notes}
                    ],
                ).scalar_one()
                conn.execute(insert(history_t), [_creation_history(request_id, actor, now)])
                if sighting_ids is not None:
                    conn.execute(
                        insert(evidence_t),
                        [{"request_id": request_id, "sighting_id": s} for s in set(sighting_ids)],
                    )
                else:
                    self._attach_evidence(conn, [request_id], route_config)
        except IntegrityError as exc:
            if not is_open_request_conflict(exc):
                raise
            # Lost a race with another workstation: report what won.
            with self._store.read() as conn:
                number_row = _find_number(conn, number)
                raise self._duplicate_error(conn, number_row, route_config) from None
        return self.get(request_id)

    def _check_draftable(
        self,
        conn: Connection,
        number_row: Row[Any],
        route_config: RouteConfig,
        category: AdCategory,
        sighting_ids: Sequence[int] | None,
    ) -> None:
        number_type = NumberType(number_row.number_type)
        if not route_config.accepts(number_type):
            raise NotBlockableError(
                "Route {key} does not take {value} numbers ({national}); see number_types in the "
                "route configuration.",
                key=route_config.key,
                value=number_type.value,
                national=number_row.national,
            )
        s = sightings_t.c
        if sighting_ids is not None:
            if not sighting_ids:
                raise NotBlockableError("A request needs at least one sighting as evidence.")
            owners = dict(
                conn.execute(
                    select(s.id, s.number_id).where(s.id.in_(sorted(set(sighting_ids))))
                ).all()
            )
            wrong = [i for i in sighting_ids if owners.get(i) != number_row.id]
            if wrong:
                raise NotFoundError(
                    "Sightings {ids} are not sightings of {number}.",
                    ids=", ".join(map(str, sorted(set(wrong)))),
                    number=number_row.national,
                )
        elif not conn.execute(
            select(exists().where(s.number_id == number_row.id, s.category == category))
        ).scalar_one():
            raise NotBlockableError(
                "{national} has no {value} sightings; record the sighting (or choose the "
                "evidence) first.",
                national=number_row.national,
                value=category.value,
            )
        if _open_request(conn, number_row.id) is not None:
            raise self._duplicate_error(conn, number_row, route_config)

    def _duplicate_error(
        self, conn: Connection, number_row: Row[Any], route_config: RouteConfig
    ) -> DuplicateRequestError:
        existing = _open_request(conn, number_row.id)
        if existing is None:  # closed again meanwhile; still a conflict at the time
            return DuplicateRequestError(
                "{national} already had an open request; try again.", national=number_row.national
            )
        request_id, route, state = existing
        return DuplicateRequestError(
            "{national} already has an open request: request {request_id} ({route}, {value}); a "
            "number has one open request at a time, whatever the route.",
            existing_request_id=request_id,
            national=number_row.national,
            request_id=request_id,
            route=route,
            value=RequestState(state),
        )

    def _new_request_row(
        self,
        actor: Actor,
        number_id: int,
        route_config: RouteConfig,
        category: AdCategory,
        agency: str | None,
        officer: str | None,
        now: datetime,
    ) -> dict[str, Any]:
        return {
            "number_id": number_id,
            "route": route_config.key,
            "legal_basis": route_config.legal_basis,
            "category": category,
            "state": S.DRAFT,
            "requesting_agency": self._config.default_agency if agency is None else agency,
            "officer": actor.name if officer is None else officer,
            "drafted_by_id": actor.id,
            "drafted_by_name": actor.name,
            "carrier": "",
            "response_reference": "",
            "notes": "",
            "created_at": now,
            "state_changed_at": now,
        }

    def queue_blockable(
        self,
        actor: Actor,
        *,
        agency: str | None = None,
        officer: str | None = None,
        routes: Iterable[str] | None = None,
        categories: Iterable[AdCategory] | None = None,
        progress: Progress = NULL_PROGRESS,
    ) -> QueueResult:
        """Draft a request for every number that is due one, in one transaction.

        Due: it has sightings of an illegal-ad category (lending first, then obscene/adult),
        the route configured for that category accepts its type, it has no open request on any
        route, and either never had one or was seen again after its latest request was rejected,
        restored or expired (the watch list). Numbers seen only on "other" flyers are never
        queued. Numbers another workstation queued meanwhile are skipped, not duplicated.
        """
        _check_lengths(requesting_agency=agency, officer=officer)
        wanted_routes = set(routes) if routes is not None else set(self._config.routes)
        for key in wanted_routes:
            self._config.route(key)  # unknown keys are a ConfigError
        wanted_categories = (
            {AdCategory(c) for c in categories} if categories is not None else set(AdCategory)
        )
        # enum order is the priority when a number was seen with several categories
        queued = [
            (category, self._config.category_routes[category])
            for category in AdCategory
            if category in self._config.category_routes
            and category in wanted_categories
            and self._config.category_routes[category] in wanted_routes
        ]
        now = self._store.now()
        created: list[int] = []
        skipped = 0
        progress.begin(len(queued), "Queueing blockable numbers", "categories")
        with self._store.write() as conn:
            for category, route_key in queued:
                route_config = self._config.route(route_key)
                # One INSERT … SELECT per category: a number queued for the first category has
                # an open request, so the next query no longer finds it.
                candidates = _blockable_numbers(route_config, category, include_watched=True)
                expected = conn.execute(
                    select(func.count()).select_from(candidates.subquery())
                ).scalar_one()
                if expected:
                    row = self._new_request_row(
                        actor, 0, route_config, category, agency, officer, now
                    )
                    names = [name for name in row if name != "number_id"]
                    source = candidates.with_only_columns(
                        numbers_t.c.id,
                        *(literal(row[name], requests_t.c[name].type) for name in names),
                    ).order_by(numbers_t.c.id)
                    statement = (
                        self._store.insert(requests_t)
                        .from_select(["number_id", *names], source)
                        .on_conflict_do_nothing(
                            index_elements=["number_id"], index_where=OPEN_STATE_PREDICATE
                        )
                        .returning(requests_t.c.id)
                    )
                    new_ids = list(conn.scalars(statement))
                    # Taken meanwhile by another workstation: skipped, never duplicated.
                    skipped += expected - len(new_ids)
                    if new_ids:
                        insert_rows(
                            conn, history_t, [_creation_history(i, actor, now) for i in new_ids]
                        )
                        self._attach_evidence(conn, new_ids, route_config)
                    created.extend(new_ids)
                check_cancelled(progress)
                progress.advance()
        return QueueResult(created=sorted(created), already_open=skipped)

    def machine_only(self, number_ids: Iterable[int]) -> dict[int, MachineOnlyEvidence]:
        """The review gate: of these numbers, those whose every sighting is one machine-accepted
        read of a single photo (nobody has looked at the number), with that read's confidence
        and photo. The queue and the submission list show it beside the request."""
        with self._store.read() as conn:
            return machine_only_evidence(conn, number_ids)

    def open_duplicates(self) -> list[RequestRecord]:
        """Open requests that do not hold their number: duplicates from before the
        one-request-per-number rule (migration b0002), left for the analyst to withdraw or
        close. `notes`-free: `duplicate_of` on each says which request holds the number."""
        r = requests_t.c
        with self._store.read() as conn:
            rows = conn.execute(
                request_select()
                .where(r.duplicate_of.is_not(None), r.state.in_(sorted(OPEN_STATES)))
                .order_by(r.id)
            ).all()
        return [request_record(row) for row in rows]

    def _attach_evidence(
        self, conn: Connection, request_ids: list[int], route_config: RouteConfig
    ) -> None:
        """Most recent sightings of the request's category, photos first, up to the route's
        `evidence_per_request` — chosen in SQL, never row by row."""
        limit = route_config.evidence_per_request
        if limit == 0:
            return
        r, s = requests_t.c, sightings_t.c
        for chunk in chunked(request_ids):
            ranked = (
                select(
                    r.id.label("request_id"),
                    s.id.label("sighting_id"),
                    func.row_number()
                    .over(
                        partition_by=r.id,
                        order_by=(
                            case((s.photo_sha256.is_(None), 1), else_=0),
                            s.seen_at.desc(),
                            s.id.desc(),
                        ),
                    )
                    .label("rank"),
                )
                .join_from(
                    requests_t,
                    sightings_t,
                    and_(s.number_id == r.number_id, s.category == r.category),
                )
                .where(r.id.in_(chunk))
                .subquery()
            )
            conn.execute(
                insert(evidence_t).from_select(
                    ["request_id", "sighting_id"],
                    select(ranked.c.request_id, ranked.c.sighting_id).where(ranked.c.rank <= limit),
                )
            )

    # ---- steps -------------------------------------------------------------------------------
    def transition(
        self,
        actor: Actor,
        request_ids: int | Iterable[int],
        target: RequestState,
        *,
        note: str = "",
        answer: Answer | None = None,
    ) -> list[RequestRecord]:
        """Move requests to `target`, all or none. The named methods below are friendlier.

        Every request must allow the step (`IllegalTransitionError`), the actor must be allowed
        to take it (`PermissionDeniedError`, e.g. approving one's own draft), and step
        preconditions must hold (an expiry needs the suspension's end date to have passed).
        `objection_denied` continues at once to `suspended`, with both steps in the history.
        """
        ids = [request_ids] if isinstance(request_ids, int) else list(dict.fromkeys(request_ids))
        target = RequestState(target)
        if not ids:
            return []
        now = self._store.now()
        with self._store.write() as conn:
            locked = lock_requests(self._store, conn, ids)
            changes: list[Change] = []
            problems: list[BlockingError] = []
            for request_id in ids:
                try:
                    changes.extend(
                        self.plan(actor, locked[request_id], target, now, note=note, answer=answer)
                    )
                except BlockingError as exc:
                    problems.append(exc)
            raise_collected(problems)
            apply_changes(conn, actor, changes, now)
        return self.get_many(ids)

    def plan(
        self,
        actor: Actor,
        request: LockedRequest,
        target: RequestState,
        now: datetime,
        *,
        note: str = "",
        answer: Answer | None = None,
    ) -> list[Change]:
        """Check one step and compute what it writes; raises if it is not allowed."""
        check_transition(request.state, target, request.id)
        answer = answer or Answer()
        today = self._store.clock.date_of(now)
        values: dict[str, Any] = {}
        if answer.carrier is not None and answer.carrier.strip():
            values["carrier"] = answer.carrier.strip()[:100]
        if answer.reference is not None and answer.reference.strip():
            values["response_reference"] = answer.reference.strip()[:200]
        effective = answer.effective_on or today
        if effective > today:
            raise IllegalTransitionError(
                "Request {id}: the date {date} is in the future.", id=request.id, date=effective
            )
        if target is S.APPROVED:
            if not actor.may_approve:
                raise PermissionDeniedError(
                    "Approving needs the reviewer or admin role; {name} is {role} (request {id}).",
                    name=actor.name,
                    role=actor.role,
                    id=request.id,
                )
            if actor.id == request.drafted_by_id:
                raise PermissionDeniedError(
                    "{name} drafted request {id} and cannot approve it: another person must "
                    "approve (four-eyes rule).",
                    name=actor.name,
                    id=request.id,
                )
            values |= {"approved_by_id": actor.id, "approved_by_name": actor.name}
            values["approved_at"] = now
        elif target is S.DRAFT:
            if not note.strip():
                raise IllegalTransitionError(
                    "Request {id}: say what to change when sending it back.", id=request.id
                )
        elif target is S.SUBMITTED:
            values["submitted_at"] = now
        elif target is S.SUSPENDED and request.state is S.SUBMITTED:
            until = answer.suspended_until or last_day_of_months(
                effective, self._config.route(request.route).suspension_months
            )
            if until < effective:
                raise IllegalTransitionError(
                    "Request {id}: the suspension cannot end ({end}) before it starts ({start}).",
                    id=request.id,
                    end=until,
                    start=effective,
                )
            values |= {"suspended_from": effective, "suspended_until": until}
        elif target is S.EXPIRED:
            if request.suspended_until is None or request.suspended_until >= today:
                end = request.suspended_until.isoformat() if request.suspended_until else "?"
                raise IllegalTransitionError(
                    "Request {id}: the suspension runs until {end}; it expires only after that "
                    "day.",
                    id=request.id,
                    end=end,
                )
            values["closed_at"] = self._store.clock.start_of_day(
                request.suspended_until + timedelta(days=1)
            )
        elif target is S.WITHDRAWN:
            if not note.strip():
                raise IllegalTransitionError(
                    "Request {id}: give the reason for withdrawing it.", id=request.id
                )
            if request.state in _WITHDRAW_NEEDS_APPROVER and not actor.may_approve:
                raise PermissionDeniedError(
                    "Request {id} is {value}: withdrawing it now needs the reviewer or admin role "
                    "({name} is {value2}).",
                    id=request.id,
                    value=request.state,
                    name=actor.name,
                    value2=actor.role,
                )
        if target in CLOSED_STATES and "closed_at" not in values:
            # Closed when it happened, not when it was typed in: the watch list compares
            # this with sighting times.
            values["closed_at"] = (
                self._store.clock.start_of_day(effective)
                if answer.effective_on is not None
                else now
            )
        change = Change(request.id, request.state, target, note, values)
        if target is S.OBJECTION_DENIED:
            return [change, Change(request.id, S.OBJECTION_DENIED, S.SUSPENDED, note)]
        return [change]

    def submit_for_approval(
        self, actor: Actor, request_ids: int | Iterable[int], note: str = ""
    ) -> list[RequestRecord]:
        return self.transition(actor, request_ids, S.AWAITING_APPROVAL, note=note)

    def approve(
        self, actor: Actor, request_ids: int | Iterable[int], note: str = ""
    ) -> list[RequestRecord]:
        """Reviewer or admin only, and never for a request the same actor drafted."""
        return self.transition(actor, request_ids, S.APPROVED, note=note)

    def return_to_draft(
        self, actor: Actor, request_ids: int | Iterable[int], note: str
    ) -> list[RequestRecord]:
        """Send requests awaiting approval back to their drafter, saying what to change."""
        return self.transition(actor, request_ids, S.DRAFT, note=note)

    def withdraw(
        self, actor: Actor, request_ids: int | Iterable[int], reason: str
    ) -> list[RequestRecord]:
        """Close open requests for good; after approval this needs a reviewer or admin."""
        return self.transition(actor, request_ids, S.WITHDRAWN, note=reason)

    def record_suspension(
        self,
        actor: Actor,
        request_id: int,
        *,
        carrier: str,
        suspended_from: date | None = None,
        suspended_until: date | None = None,
        reference: str = "",
        note: str = "",
    ) -> RequestRecord:
        answer = Answer(carrier, reference, suspended_from, suspended_until)
        return self.transition(actor, request_id, S.SUSPENDED, note=note, answer=answer)[0]

    def record_rejection(
        self,
        actor: Actor,
        request_id: int,
        *,
        reference: str = "",
        rejected_on: date | None = None,
        note: str = "",
    ) -> RequestRecord:
        answer = Answer(reference=reference, effective_on=rejected_on)
        return self.transition(actor, request_id, S.REJECTED, note=note, answer=answer)[0]

    def file_objection(self, actor: Actor, request_id: int, *, note: str) -> RequestRecord:
        """The subscriber objected (in writing, to the requesting agency)."""
        return self.transition(actor, request_id, S.OBJECTION_FILED, note=note)[0]

    def uphold_objection(self, actor: Actor, request_id: int, *, note: str = "") -> RequestRecord:
        return self.transition(actor, request_id, S.OBJECTION_UPHELD, note=note)[0]

    def deny_objection(self, actor: Actor, request_id: int, *, note: str = "") -> RequestRecord:
        """The objection is denied and the suspension continues (history shows both steps)."""
        return self.transition(actor, request_id, S.OBJECTION_DENIED, note=note)[0]

    def request_lift(self, actor: Actor, request_id: int, *, note: str = "") -> RequestRecord:
        """After an upheld objection: ask the ministry or carrier to lift the suspension."""
        return self.transition(actor, request_id, S.LIFT_REQUESTED, note=note)[0]

    def record_restored(
        self,
        actor: Actor,
        request_id: int,
        *,
        reference: str = "",
        restored_on: date | None = None,
        note: str = "",
    ) -> RequestRecord:
        answer = Answer(reference=reference, effective_on=restored_on)
        return self.transition(actor, request_id, S.RESTORED, note=note, answer=answer)[0]

    def record_termination(
        self,
        actor: Actor,
        request_id: int,
        *,
        reference: str = "",
        terminated_on: date | None = None,
        note: str = "",
    ) -> RequestRecord:
        answer = Answer(reference=reference, effective_on=terminated_on)
        return self.transition(actor, request_id, S.TERMINATED, note=note, answer=answer)[0]

    def expire_due(self, actor: Actor) -> list[int]:
        """Close every suspension whose end date has passed (Korean calendar); returns ids."""
        today = self._store.today()
        r = requests_t.c
        with self._store.read() as conn:
            due = conn.scalars(
                select(r.id).where(r.state == S.SUSPENDED, r.suspended_until < today).order_by(r.id)
            ).all()
        if not due:
            return []
        self.transition(actor, due, S.EXPIRED, note="suspension period ended")
        return list(due)

    def set_notes(self, actor: Actor, request_id: int, notes: str) -> RequestRecord:
        with self._store.write() as conn:
            result = conn.execute(
                update(requests_t).where(requests_t.c.id == request_id).values(notes=notes)
            )
            if result.rowcount == 0:
                raise NotFoundError("No such request: {request_id}.", request_id=request_id)
        return self.get(request_id)

    # ---- reading -----------------------------------------------------------------------------
    def get(self, request_id: int) -> RequestRecord:
        records = self.get_many([request_id])
        if not records:
            raise NotFoundError("No such request: {request_id}.", request_id=request_id)
        return records[0]

    def get_many(self, request_ids: Sequence[int]) -> list[RequestRecord]:
        """In the order asked for; ids that do not exist are left out."""
        found: dict[int, RequestRecord] = {}
        with self._store.read() as conn:
            for chunk in chunked(list(dict.fromkeys(request_ids))):
                for row in conn.execute(request_select().where(requests_t.c.id.in_(chunk))):
                    found[row.id] = request_record(row)
        return [found[i] for i in request_ids if i in found]

    def ids(self, request_filter: RequestFilter | None = None) -> list[int]:
        """Matching request ids, newest first: what a lazy table model holds."""
        query = _filtered(select(requests_t.c.id), request_filter or RequestFilter())
        with self._store.read() as conn:
            return list(conn.scalars(query.order_by(requests_t.c.id.desc())))

    def search(self, request_filter: RequestFilter | None = None) -> list[RequestRecord]:
        query = _filtered(request_select(), request_filter or RequestFilter())
        with self._store.read() as conn:
            return [
                request_record(row) for row in conn.execute(query.order_by(requests_t.c.id.desc()))
            ]

    def count(self, request_filter: RequestFilter | None = None) -> int:
        unlimited = replace(request_filter or RequestFilter(), limit=None, offset=0)
        query = _filtered(select(func.count()).select_from(requests_t), unlimited)
        with self._store.read() as conn:
            return int(conn.execute(query).scalar_one())

    def history(self, request_id: int) -> list[HistoryEntry]:
        """Oldest first."""
        h = history_t.c
        with self._store.read() as conn:
            rows = conn.execute(
                select(history_t).where(h.request_id == request_id).order_by(h.id)
            ).all()
        if not rows:
            self.get(request_id)  # NotFoundError for unknown ids
        return [_history_entry(row) for row in rows]

    def histories(self, request_ids: Sequence[int]) -> Iterator[HistoryEntry]:
        """The history of many requests (reports), by request in the order given, each oldest
        first; read a few hundred requests per query rather than one query per request."""
        h = history_t.c
        for chunk in chunked(list(dict.fromkeys(request_ids))):
            with self._store.read() as conn:
                rows = conn.execute(
                    select(history_t).where(h.request_id.in_(chunk)).order_by(h.id)
                ).all()
            by_request: dict[int, list[HistoryEntry]] = {}
            for row in rows:
                by_request.setdefault(row.request_id, []).append(_history_entry(row))
            for request_id in chunk:
                yield from by_request.get(request_id, ())

    def evidence(self, request_id: int) -> list[EvidenceItem]:
        """The sightings attached as evidence, newest first."""
        s, e = sightings_t.c, evidence_t.c
        with self._store.read() as conn:
            rows = conn.execute(
                select(sightings_t)
                .join(evidence_t, e.sighting_id == s.id)
                .where(e.request_id == request_id)
                .order_by(s.seen_at.desc(), s.id.desc())
            ).all()
        return [evidence_item(row) for row in rows]

    def counts_by_state(self, route: str | None = None) -> dict[RequestState, int]:
        r = requests_t.c
        query = select(r.state, func.count()).group_by(r.state)
        if route is not None:
            query = query.where(r.route == route)
        with self._store.read() as conn:
            counts = {RequestState(state): n for state, n in conn.execute(query).all()}
        return {state: counts.get(state, 0) for state in RequestState}

    def weekly_counts(self, since: date) -> list[WeekCount]:
        """Per Korean calendar week (Monday first) from `since`: requests created, submitted,
        suspended (by an answer) and closed, from the history."""
        h = history_t.c
        with self._store.read() as conn:
            rows = conn.execute(
                select(h.at, h.from_state, h.to_state).where(
                    h.at >= self._store.clock.start_of_day(since)
                )
            ).all()
        tally: dict[date, Counter[str]] = {}
        for at, from_state, to_state in rows:
            day = self._store.clock.date_of(at)
            week = day - timedelta(days=day.weekday())
            counter = tally.setdefault(week, Counter())
            if from_state is None:
                counter["created"] += 1
            elif to_state == S.SUBMITTED:
                counter["submitted"] += 1
            elif to_state == S.SUSPENDED and from_state == S.SUBMITTED:
                counter["suspended"] += 1
            elif to_state in CLOSED_STATES:
                counter["closed"] += 1
        first = since - timedelta(days=since.weekday())
        last = max(tally, default=first)
        weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
        return [
            WeekCount(
                week_start=w,
                created=tally.get(w, Counter())["created"],
                submitted=tally.get(w, Counter())["submitted"],
                suspended=tally.get(w, Counter())["suspended"],
                closed=tally.get(w, Counter())["closed"],
            )
            for w in weeks
        ]

    # ---- queries shared with packages, responses and watch ------------------------------------

    def queue_for_approval(
        self,
        actor: Actor,
        *,
        agency: str | None = None,
        officer: str | None = None,
        routes: Iterable[str] | None = None,
        categories: Iterable[AdCategory] | None = None,
        submit: bool = True,
        progress: Progress = NULL_PROGRESS,
    ) -> QueueResult:
        """The queueing workflow every front-end offers: draft a request for every number
        due one (`queue_blockable`), then, unless `submit` is false, send those drafts for
        approval. Drafts that cannot be submitted stay drafts; the error says why."""
        result = self.queue_blockable(
            actor,
            agency=agency,
            officer=officer,
            routes=routes,
            categories=categories,
            progress=progress,
        )
        if submit and result.created:
            self.submit_for_approval(actor, result.created)
            return replace(result, submitted=True)
        return result


def is_open_request_conflict(exc: IntegrityError) -> bool:
    """Was this the one-open-request-per-number index? (PostgreSQL names it; SQLite names its
    column.)"""
    original = exc.orig
    diag = getattr(original, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return bool(diag.constraint_name == OPEN_REQUEST_INDEX)
    text = str(original)
    return text.endswith("blk_requests.number_id") or OPEN_REQUEST_INDEX in text


def machine_only_evidence(
    conn: Connection, number_ids: Iterable[int]
) -> dict[int, MachineOnlyEvidence]:
    """See `RequestQueue.machine_only`: one grouped query per chunk of numbers."""
    s = sightings_t.c
    found: dict[int, MachineOnlyEvidence] = {}
    for chunk in chunked(sorted(set(number_ids))):
        rows = conn.execute(
            select(
                s.number_id,
                func.max(s.machine_confidence),
                func.min(s.photo_name),
                func.min(s.photo_sha256),
                func.min(s.photo_path),
            )
            .where(s.number_id.in_(chunk))
            .group_by(s.number_id)
            .having(
                func.count() == func.count(s.machine_confidence),
                func.count(s.photo_sha256.distinct()) == 1,
            )
        )
        for number_id, confidence, name, sha256, path in rows:
            found[number_id] = MachineOnlyEvidence(
                number_id, float(confidence), name or "", sha256, path
            )
    return found


def _open_request(conn: Connection, number_id: int) -> tuple[int, str, str] | None:
    """The open request holding the number (any route): id, route, state."""
    r = requests_t.c
    row = conn.execute(
        select(r.id, r.route, r.state)
        .where(r.number_id == number_id, r.state.in_(sorted(OPEN_STATES)))
        .order_by(r.duplicate_of.is_not(None), r.id)
    ).first()
    return (row.id, row.route, row.state) if row else None


def _find_number(conn: Connection, number: str | int | NormalizedNumber) -> Row[Any]:
    if isinstance(number, int):
        condition = numbers_t.c.id == number
        shown = f"Number #{number}"
    else:
        normalized = number if isinstance(number, NormalizedNumber) else normalize_number(number)
        condition = numbers_t.c.e164 == normalized.e164
        shown = normalized.national
    row = conn.execute(select(numbers_t).where(condition)).first()
    if row is None:
        raise NotFoundError(
            "{shown} is not in the number registry; record a sighting first.", shown=shown
        )
    return row


def _creation_history(request_id: int, actor: Actor, now: datetime) -> dict[str, Any]:
    return {
        "request_id": request_id,
        "at": now,
        "actor_id": actor.id,
        "actor_name": actor.name,
        "actor_role": actor.role.value,
        "from_state": None,
        "to_state": S.DRAFT,
        "note": "drafted",
        "package_sha256": None,
    }


def _blockable_numbers(
    route_config: RouteConfig, category: AdCategory, *, include_watched: bool
) -> Any:
    """Numbers due a request on this route for sightings of this category (see
    `RequestQueue.queue_blockable`), as one set-based query. Whether a number may be asked
    for again is decided by its requests on every route."""
    n, s, r = numbers_t.c, sightings_t.c, requests_t.c
    later = requests_t.alias("later")
    blocking_request = or_(
        r.state.in_(sorted(OPEN_STATES)),
        and_(
            # the number's latest request decides …
            not_(exists().where(later.c.number_id == r.number_id, later.c.id > r.id)),
            or_(
                # … a closure we do not re-request after (terminated, withdrawn), or
                r.state.in_(sorted(CLOSED_STATES - WATCHED_CLOSURES)),
                # … a closure the number has not been seen since
                not_(exists().where(seen_after_closure())),
            ),
        ),
    )
    conditions: list[ColumnElement[bool]] = [
        n.number_type.in_(sorted(route_config.number_types)),
        exists().where(s.number_id == n.id, s.category == category),
        not_(exists().where(r.number_id == n.id, blocking_request)),
    ]
    if not include_watched:
        conditions.append(not_(exists().where(r.number_id == n.id)))
    return select(n.id).where(*conditions)


def _history_entry(row: Row[Any]) -> HistoryEntry:
    return HistoryEntry(
        id=row.id,
        request_id=row.request_id,
        at=row.at,
        actor_id=row.actor_id,
        actor_name=row.actor_name,
        actor_role=row.actor_role,
        from_state=RequestState(row.from_state) if row.from_state else None,
        to_state=RequestState(row.to_state),
        note=row.note,
        package_sha256=row.package_sha256,
    )


def request_select() -> Any:
    n = numbers_t.c
    return select(requests_t, n.e164, n.national, n.number_type).join(
        numbers_t, n.id == requests_t.c.number_id
    )


def request_record(row: Row[Any]) -> RequestRecord:
    return RequestRecord(
        id=row.id,
        number_id=row.number_id,
        e164=row.e164,
        national=row.national,
        number_type=NumberType(row.number_type),
        route=row.route,
        legal_basis=row.legal_basis,
        category=AdCategory(row.category),
        state=RequestState(row.state),
        requesting_agency=row.requesting_agency,
        officer=row.officer,
        drafted_by_id=row.drafted_by_id,
        drafted_by_name=row.drafted_by_name,
        approved_by_id=row.approved_by_id,
        approved_by_name=row.approved_by_name,
        approved_at=row.approved_at,
        carrier=row.carrier,
        response_reference=row.response_reference,
        notes=row.notes,
        created_at=row.created_at,
        state_changed_at=row.state_changed_at,
        submitted_at=row.submitted_at,
        package_id=row.package_id,
        suspended_from=row.suspended_from,
        suspended_until=row.suspended_until,
        closed_at=row.closed_at,
        duplicate_of=row.duplicate_of,
    )


def evidence_item(row: Row[Any]) -> EvidenceItem:
    return EvidenceItem(
        sighting_id=row.id,
        source_kind=SourceKind(row.source_kind),
        source_id=row.source_id,
        case_number=row.case_number,
        photo_name=row.photo_name,
        photo_sha256=row.photo_sha256,
        photo_path=row.photo_path,
        seen_at=row.seen_at,
        place=row.place,
        collector=row.collector,
    )


def _filtered(query: Any, request_filter: RequestFilter) -> Any:
    r = requests_t.c
    conditions: list[ColumnElement[bool]] = []
    if request_filter.states:
        conditions.append(r.state.in_(sorted(request_filter.states)))
    if request_filter.routes:
        conditions.append(r.route.in_(sorted(request_filter.routes)))
    if request_filter.categories:
        conditions.append(r.category.in_(sorted(request_filter.categories)))
    if request_filter.created_before is not None:
        conditions.append(r.created_at < request_filter.created_before)
    if request_filter.created_after is not None:
        conditions.append(r.created_at >= request_filter.created_after)
    if request_filter.case_number:
        conditions.append(
            r.number_id.in_(
                select(sightings_t.c.number_id).where(
                    sightings_t.c.case_number == request_filter.case_number
                )
            )
        )
    if request_filter.number_contains.strip():
        digits = search_digits(request_filter.number_contains)
        conditions.append(
            r.number_id.in_(
                select(numbers_t.c.id).where(numbers_t.c.e164.contains(digits, autoescape=True))
            )
            if digits is not None
            else false()
        )
    if conditions:
        query = query.where(*conditions)
    if request_filter.limit is not None:
        query = query.limit(request_filter.limit)
    if request_filter.offset:
        query = query.offset(request_filter.offset)
    return query
