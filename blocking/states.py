"""The request state machine: the only place that says which step may follow which.

    draft → awaiting_approval → approved → submitted → suspended | rejected
    awaiting_approval → draft                       (reviewer sends it back for changes)
    suspended → objection_filed → objection_upheld → lift_requested → restored
    objection_filed → objection_denied → suspended   (the suspension simply continues)
    suspended → expired (end date passed) | terminated
    any open state → withdrawn

Closed states (rejected, restored, expired, terminated, withdrawn) have no way out: a number
that comes back gets a new request. `objection_denied` is kept as a state of its own so the
history shows the decision, even though the service moves on to `suspended` at once.
"""

from __future__ import annotations

import enum

from blocking.errors import IllegalTransitionError, Phrase, listing


class RequestState(enum.StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    SUBMITTED = "submitted"
    SUSPENDED = "suspended"
    REJECTED = "rejected"
    OBJECTION_FILED = "objection_filed"
    OBJECTION_UPHELD = "objection_upheld"
    OBJECTION_DENIED = "objection_denied"
    LIFT_REQUESTED = "lift_requested"
    RESTORED = "restored"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"


S = RequestState

CLOSED_STATES = frozenset({S.REJECTED, S.RESTORED, S.EXPIRED, S.TERMINATED, S.WITHDRAWN})
OPEN_STATES = frozenset(set(RequestState) - CLOSED_STATES)

# A number seen again after one of these closures is due for a new request (watch list).
WATCHED_CLOSURES = frozenset({S.REJECTED, S.RESTORED, S.EXPIRED})

# States in which the request waits for an answer from outside (ministry or carrier).
AWAITING_ANSWER = frozenset({S.SUBMITTED, S.LIFT_REQUESTED})

# States in which the number is actually suspended.
IN_FORCE = frozenset({S.SUSPENDED, S.OBJECTION_FILED, S.OBJECTION_UPHELD, S.OBJECTION_DENIED})

_FORWARD: dict[RequestState, frozenset[RequestState]] = {
    S.DRAFT: frozenset({S.AWAITING_APPROVAL}),
    S.AWAITING_APPROVAL: frozenset({S.APPROVED, S.DRAFT}),
    S.APPROVED: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.SUSPENDED, S.REJECTED}),
    S.SUSPENDED: frozenset({S.OBJECTION_FILED, S.EXPIRED, S.TERMINATED}),
    S.OBJECTION_FILED: frozenset({S.OBJECTION_UPHELD, S.OBJECTION_DENIED}),
    S.OBJECTION_UPHELD: frozenset({S.LIFT_REQUESTED}),
    S.OBJECTION_DENIED: frozenset({S.SUSPENDED}),
    S.LIFT_REQUESTED: frozenset({S.RESTORED}),
}

TRANSITIONS: dict[RequestState, frozenset[RequestState]] = {
    state: (_FORWARD.get(state, frozenset()) | ({S.WITHDRAWN} if state in OPEN_STATES else set()))
    for state in RequestState
}


def is_open(state: RequestState) -> bool:
    return state in OPEN_STATES


def can_transition(current: RequestState, target: RequestState) -> bool:
    return target in TRANSITIONS[current]


def check_transition(
    current: RequestState, target: RequestState, request_id: int | None = None
) -> None:
    """Raise `IllegalTransitionError` unless `current → target` is a step of the machine."""
    if can_transition(current, target):
        return
    # The states are values (each reads in the reader's language), never glued into the text.
    steps = sorted(TRANSITIONS[current])
    allowed = listing(steps) if steps else Phrase("nothing (it is closed)")
    if request_id is None:
        raise IllegalTransitionError(
            "A request is {value} and cannot become {value2}; from {value} it can only become: "
            "{allowed}.",
            value=current,
            value2=target,
            allowed=allowed,
        )
    raise IllegalTransitionError(
        "Request {id} is {value} and cannot become {value2}; from {value} it can only become: "
        "{allowed}.",
        id=request_id,
        value=current,
        value2=target,
        allowed=allowed,
    )
