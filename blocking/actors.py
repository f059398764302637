"""Who does something. Callers map their own user model onto this plain record."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    EXAMINER = "examiner"
    REVIEWER = "reviewer"
    ADMIN = "admin"


APPROVING_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    """The person an action is attributed to in the history.

    `id` must be stable for the same person (the four-eyes rule compares it), e.g. the
    workstation's examiner id as text or a badge number.
    """

    id: str
    name: str
    role: Role

    def __post_init__(self) -> None:
        # Frozen dataclass: coerce through object.__setattr__ so `Actor(7, ...)` also works.
        object.__setattr__(self, "id", str(self.id))
        object.__setattr__(self, "role", Role(self.role))
        if not self.id.strip():
            raise ValueError("An actor needs a non-empty id.")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})"

    @property
    def may_approve(self) -> bool:
        return self.role in APPROVING_ROLES
