"""The review walk: unreviewed first, least sure first, stable while walking, then again from
whatever is still unreviewed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from forensics_app.enums import ReviewStatus
from forensics_app.services.review_walk import ReviewWalk

P, A = ReviewStatus.PENDING, ReviewStatus.ACCEPTED


@dataclass(frozen=True)
class Read:
    id: int
    review_status: ReviewStatus
    confidence: float


class Reads:
    """The flyer service's ordering contract (`hits(unsure_first=True)`) over a list."""

    def __init__(self, reads: list[Read]) -> None:
        self.reads = reads

    def hits(self, *, case_id: int | None = None, unsure_first: bool = False) -> list[Read]:
        assert unsure_first
        return sorted(self.reads, key=lambda r: (r.review_status != P, r.confidence, r.id))

    def review(self, number_id: int, status: ReviewStatus) -> None:
        self.reads = [
            replace(r, review_status=status) if r.id == number_id else r for r in self.reads
        ]


def test_walk_keeps_its_order_while_verdicts_change_the_ranking() -> None:
    reads = Reads([Read(1, A, 0.99), Read(2, P, 0.5), Read(3, P, 0.3), Read(4, A, 0.9)])
    walk = ReviewWalk(reads, case_id=1)
    assert walk.next(None) == 3  # least sure unreviewed first
    reads.review(3, ReviewStatus.ACCEPTED)  # a verdict would move it to the back…
    assert walk.next(3) == 2  # …but the walk goes on in the order it took
    assert walk.order == [3, 2, 4, 1]
    reads.review(2, ReviewStatus.REJECTED)
    assert walk.next(2) == 4
    assert walk.previous(4) == 2
    assert walk.next(2) == 4
    assert walk.next(4) == 1
    assert walk.next(1) is None  # at the end, and nothing is unreviewed any more


def test_walk_restarts_from_the_unreviewed_and_from_a_number_picked_by_hand() -> None:
    reads = Reads([Read(1, P, 0.4), Read(2, A, 0.9), Read(3, P, 0.6)])
    walk = ReviewWalk(reads, case_id=1)
    assert walk.next(None) == 1
    assert walk.next(2) == 1  # 2 was picked by hand: start from the head again
    assert walk.next(1) == 3
    assert walk.next(3) == 2
    assert walk.next(2) == 1  # end of the order: back to what is still unreviewed
    assert walk.previous(1) is None


def test_walk_goes_on_from_where_the_analyst_went_back_to() -> None:
    reads = Reads([Read(1, P, 0.2), Read(2, P, 0.4), Read(3, P, 0.6), Read(4, P, 0.8)])
    walk = ReviewWalk(reads, case_id=1)
    assert [walk.next(None), walk.next(1), walk.next(2), walk.next(3)] == [1, 2, 3, 4]
    walk.returned_to(2)  # P twice on the screen, along its own history
    assert walk.next(2) == 3  # on from there, not from the head
    walk.returned_to(99)  # not in the walk: ignored
    assert walk.next(4) == 1  # the end: again from whatever is still unreviewed
