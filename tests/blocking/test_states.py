"""The state machine, as a full matrix of every (from, to) pair, against the issue's diagram."""

from __future__ import annotations

import itertools

import pytest

from blocking import (
    CLOSED_STATES,
    OPEN_STATES,
    IllegalTransitionError,
    RequestState,
    can_transition,
)
from blocking.states import check_transition

S = RequestState

# Written out from the issue, independently of blocking.states.
SPEC_EDGES = {
    (S.DRAFT, S.AWAITING_APPROVAL),
    (S.AWAITING_APPROVAL, S.APPROVED),
    (S.AWAITING_APPROVAL, S.DRAFT),  # sent back by the reviewer (our addition)
    (S.APPROVED, S.SUBMITTED),
    (S.SUBMITTED, S.SUSPENDED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUSPENDED, S.OBJECTION_FILED),
    (S.OBJECTION_FILED, S.OBJECTION_UPHELD),
    (S.OBJECTION_UPHELD, S.LIFT_REQUESTED),
    (S.LIFT_REQUESTED, S.RESTORED),
    (S.OBJECTION_FILED, S.OBJECTION_DENIED),
    (S.OBJECTION_DENIED, S.SUSPENDED),
    (S.SUSPENDED, S.EXPIRED),
    (S.SUSPENDED, S.TERMINATED),
}
SPEC_CLOSED = {S.REJECTED, S.RESTORED, S.EXPIRED, S.TERMINATED, S.WITHDRAWN}
LEGAL = SPEC_EDGES | {(state, S.WITHDRAWN) for state in RequestState if state not in SPEC_CLOSED}


def test_open_and_closed_states() -> None:
    assert set(CLOSED_STATES) == SPEC_CLOSED
    assert set(OPEN_STATES) == set(RequestState) - SPEC_CLOSED


@pytest.mark.parametrize(
    ("current", "target"),
    list(itertools.product(RequestState, RequestState)),
    ids=lambda state: state.value,
)
def test_transition_matrix(current: RequestState, target: RequestState) -> None:
    legal = (current, target) in LEGAL
    assert can_transition(current, target) is legal
    if legal:
        check_transition(current, target, 7)
    else:
        with pytest.raises(IllegalTransitionError) as caught:
            check_transition(current, target, 7)
        assert f"Request 7 is {current.value} and cannot become {target.value}" in str(caught.value)


def test_closed_states_have_no_way_out() -> None:
    for state in SPEC_CLOSED:
        assert not any(can_transition(state, target) for target in RequestState)
