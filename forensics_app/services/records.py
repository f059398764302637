"""Plain records the services hand out: safe to pass between threads, unlike ORM objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import blocking.actors as blocking
from forensics_app.messages import Message
from forensics_app.storage.models import (
    CaseStatus,
    ItemKind,
    ItemStatus,
    Role,
    VerificationResult,
)


@dataclass(frozen=True)
class Actor:
    """The signed-in examiner every action is attributed to."""

    id: int
    name: str
    badge_number: str
    role: Role

    @property
    def label(self) -> str:
        return f"{self.name} ({self.badge_number})"


def blocking_actor(actor: Actor) -> blocking.Actor:
    """The same person, as the block-request library sees people: a stable id, a name and a
    role."""
    # The library keeps names in 200 characters; a long name with its badge is cut, the id stays.
    return blocking.Actor(str(actor.id), actor.label[:200], blocking.Role(actor.role.value))


@dataclass(frozen=True)
class ExaminerRecord:
    id: int
    name: str
    badge_number: str
    role: Role
    active: bool
    has_password: bool


@dataclass(frozen=True)
class CaseRecord:
    id: int
    number: str
    title: str
    offence_type: str
    lead_examiner_id: int | None
    lead_examiner: str
    status: CaseStatus
    opened_on: date
    closed_on: date | None
    notes: str
    item_count: int


@dataclass(frozen=True)
class ItemRecord:
    id: int
    case_id: int
    parent_id: int | None
    parent_exhibit: str
    kind: ItemKind
    exhibit_number: str
    description: str
    make: str
    model: str
    serial_number: str
    imei: str
    seized_from: str
    seized_location: str
    seized_at: datetime | None
    seized_by: str
    storage_location: str
    status: ItemStatus
    custodian_id: int | None
    custodian: str
    file_count: int
    total_size: int
    worst_verification: VerificationResult | None


@dataclass(frozen=True)
class FileRecord:
    id: int
    item_id: int
    source_path: str
    relative_path: str
    size: int
    sha256: str
    md5: str
    hashed_at: datetime
    last_verified_at: datetime | None
    last_verification: VerificationResult | None


@dataclass(frozen=True)
class CustodyRecord:
    seq: int
    recorded_at: str
    actor: str
    action: str
    case_id: int | None
    item_id: int | None
    file_id: int | None
    summary: str
    details: str
    entry_hash: str


class PathNote(str):
    """A file or folder a batch did not take, and why.

    It is the English line ("path: reason") for whoever reads it as text, and it also carries
    its `kind` (for the batch summary's counts) and its `message` (to show it in the reader's
    language). Kinds: symlink, symlink_loop, not_regular, unreadable, not_photo, unread_picture,
    already_in_item.
    """

    kind: str
    message: Message

    def __new__(cls, kind: str, message: Message) -> PathNote:
        note = super().__new__(cls, str(message))
        note.kind = kind
        note.message = message
        return note

    @property
    def is_failure(self) -> bool:
        """A file that should have been taken and could not be (the rest are by policy)."""
        return self.kind in FAILED_PATH_KINDS


FAILED_PATH_KINDS = frozenset({"unreadable"})


def count_kinds(notes: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for note in notes:
        kind = getattr(note, "kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    return counts
