"""The analyst's walk through a case's flyer numbers, decided here rather than in a widget.

Order: unreviewed numbers first, least sure first (the flyer service's `unsure_first`). The
order is taken when the walk starts and kept while walking it, so a verdict does not reshuffle
what comes next. At the end of the order the walk starts again from whatever is still
unreviewed, and ends when nothing is. Any front-end (the review screen, a script) walks the
same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from forensics_app.enums import ReviewStatus


class _Hit(Protocol):
    # Read-only, so frozen records (the flyer service's NumberHit) fit.
    @property
    def id(self) -> int: ...

    @property
    def review_status(self) -> ReviewStatus: ...


class _Hits(Protocol):
    def hits(self, *, case_id: int | None = None, unsure_first: bool = False) -> Sequence[_Hit]: ...


class ReviewWalk:
    def __init__(self, flyers: _Hits, case_id: int) -> None:
        self._flyers = flyers
        self._case_id = case_id
        self._order: list[int] = []
        self._walked: int | None = None  # the last number the walk itself showed

    @property
    def order(self) -> list[int]:
        """The number ids in walking order, as taken when the walk (re)started."""
        return list(self._order)

    def _fresh_order(self) -> list[tuple[int, ReviewStatus]]:
        hits = self._flyers.hits(case_id=self._case_id, unsure_first=True)
        return [(hit.id, hit.review_status) for hit in hits]

    def next(self, current: int | None) -> int | None:
        """The number to show after `current` (the one on screen, None for none); None when
        nothing is left to review. A number picked by hand restarts from the head."""
        if current is None or current != self._walked or current not in self._order:
            self._order = [number for number, _ in self._fresh_order()]
            position = -1
        else:
            position = self._order.index(current)
        target = next((n for n in self._order[position + 1 :] if n != current), None)
        if target is None:
            fresh = self._fresh_order()
            self._order = [number for number, _ in fresh]
            target = next(
                (n for n, status in fresh if n != current and status == ReviewStatus.PENDING),
                None,
            )
        self._walked = target
        return target

    def returned_to(self, number: int) -> None:
        """The front-end went back to `number` along its own history (P): walking on continues
        from there in the same order, not from the head."""
        if number in self._order:
            self._walked = number

    def previous(self, current: int | None) -> int | None:
        """The number before `current` in the walk's order (None at its head)."""
        if current is None or current not in self._order:
            return None
        position = self._order.index(current)
        if position == 0:
            return None
        self._walked = self._order[position - 1]
        return self._walked
