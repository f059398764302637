"""Plain records going in and out of the library: safe to pass between threads and processes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from blocking.enums import AdCategory, SourceKind
from blocking.numbers import NormalizedNumber, NumberType
from blocking.states import RequestState, is_open

# ---- numbers and sightings --------------------------------------------------------------------


@dataclass(frozen=True)
class SightingInput:
    """One sighting to record. `number` is the printed text (normalised here) or a
    `NormalizedNumber`. `source_id`, `case_number`, `photo_*` describe the source as plain
    data, e.g. the workstation's evidence-file id, the photo's file name and SHA-256."""

    number: str | NormalizedNumber
    seen_at: datetime
    category: AdCategory
    source_kind: SourceKind = SourceKind.MANUAL
    source_id: str = ""
    case_number: str = ""
    photo_name: str = ""
    photo_sha256: str | None = None
    photo_path: str | Path | None = None
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    collector: str = ""
    printed_as: str | None = None  # defaults to `number` when that is text
    # A flyer-photo number the OCR accepted with nobody reviewing it: the OCR's confidence.
    # None when a person entered, accepted or corrected the number.
    machine_confidence: float | None = None


@dataclass(frozen=True)
class RefusedInput:
    """An input item that was not recorded, with the reason (position is 0-based)."""

    position: int
    text: str
    reason: str
    message: str


@dataclass(frozen=True)
class SightingImportResult:
    added: int
    duplicates: int  # same photo / artifact for the same number already recorded
    numbers_created: int
    refused: list[RefusedInput] = field(default_factory=list)


@dataclass(frozen=True)
class NumberRecord:
    id: int
    e164: str
    national: str
    number_type: NumberType
    sightings_count: int
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass(frozen=True)
class AreaCount:
    place: str
    sightings: int


@dataclass(frozen=True)
class NumberDetail:
    number: NumberRecord
    areas: list[AreaCount]  # most sightings first
    categories: dict[AdCategory, int]
    request_ids: list[int]  # newest first


@dataclass(frozen=True)
class SightingRecord:
    id: int
    number_id: int
    e164: str
    printed_as: str
    source_kind: SourceKind
    source_id: str
    case_number: str
    photo_name: str
    photo_sha256: str | None
    photo_path: str | None
    seen_at: datetime
    place: str
    latitude: float | None
    longitude: float | None
    collector: str
    category: AdCategory
    recorded_at: datetime
    recorded_by: str
    machine_confidence: float | None = None


@dataclass(frozen=True)
class MachineOnlyEvidence:
    """What a request for a number rests on when no person has looked at the number: every
    sighting is a machine-accepted read of one single photo. Shown beside the request so the
    approving reviewer sees it."""

    number_id: int
    confidence: float  # the OCR's confidence in that read
    photo_name: str
    photo_sha256: str
    photo_path: str | None


@dataclass(frozen=True)
class NumberFilter:
    """Empty fields do not filter."""

    number_contains: str = ""  # digits, matched against the E.164 form
    number_types: frozenset[NumberType] = frozenset()
    min_sightings: int = 0
    seen_since: datetime | None = None
    case_number: str = ""  # numbers with at least one sighting recorded under this case
    limit: int | None = None
    offset: int = 0


# ---- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRecord:
    id: int
    number_id: int
    e164: str
    national: str
    number_type: NumberType
    route: str
    legal_basis: str
    category: AdCategory
    state: RequestState
    requesting_agency: str
    officer: str
    drafted_by_id: str
    drafted_by_name: str
    approved_by_id: str | None
    approved_by_name: str | None
    approved_at: datetime | None
    carrier: str
    response_reference: str
    notes: str
    created_at: datetime
    state_changed_at: datetime
    submitted_at: datetime | None
    package_id: int | None
    suspended_from: date | None
    suspended_until: date | None
    closed_at: datetime | None
    duplicate_of: int | None = None  # an open duplicate from before one-request-per-number

    @property
    def is_open(self) -> bool:
        return is_open(self.state)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    request_id: int
    at: datetime
    actor_id: str
    actor_name: str
    actor_role: str
    from_state: RequestState | None  # None for the entry that created the request
    to_state: RequestState
    note: str
    package_sha256: str | None


@dataclass(frozen=True)
class EvidenceItem:
    sighting_id: int
    source_kind: SourceKind
    source_id: str
    case_number: str
    photo_name: str
    photo_sha256: str | None
    photo_path: str | None
    seen_at: datetime
    place: str
    collector: str


@dataclass(frozen=True)
class RequestFilter:
    """Empty fields do not filter. `created_before` finds old requests (age filters)."""

    states: frozenset[RequestState] = frozenset()
    routes: frozenset[str] = frozenset()
    categories: frozenset[AdCategory] = frozenset()
    number_contains: str = ""  # digits, matched against the E.164 form
    created_before: datetime | None = None
    created_after: datetime | None = None
    case_number: str = ""  # requests for numbers with a sighting recorded under this case
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class QueueResult:
    created: list[int]  # request ids
    already_open: int  # (number, route) pairs skipped because a request is open
    submitted: bool = False  # the created drafts were sent for approval


@dataclass(frozen=True)
class WeekCount:
    week_start: date  # Monday (Korean calendar week)
    created: int
    submitted: int
    suspended: int
    closed: int


# ---- watch ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchFlag:
    """A number seen again after its request on `route` closed: due for a new request."""

    number_id: int
    e164: str
    national: str
    route: str
    previous_request_id: int
    previous_state: RequestState
    closed_at: datetime
    last_seen: datetime
    sightings_since: int


@dataclass(frozen=True)
class OverdueRequest:
    request_id: int
    e164: str
    national: str
    route: str
    state: RequestState
    waiting_since: datetime
    due_at: datetime


@dataclass(frozen=True)
class Deadline:
    """What a request waits for and by when (`Watch.deadline`).

    kind "answer": the ministry's or carrier's answer, due at `due_at` (a moment);
    "objection": the last day the subscriber may object; "decision": the last day the agency
    has to decide an objection. Days are calendar days in the clock's zone, counted from the
    day after `start` (민법 제157조)."""

    kind: str
    start: date
    due_on: date
    due_at: datetime | None
    days: int  # hours for an answer
    overdue: bool

    @property
    def missed(self) -> bool:
        """Past due with someone owing the next step: the answer, or the agency's decision on
        an objection. The end of the subscriber's objection window is nobody's lateness."""
        return self.overdue and self.kind != "objection"


# ---- packages and responses -------------------------------------------------------------------


@dataclass(frozen=True)
class PackageFile:
    path: str  # inside the zip
    sha256: str
    size: int


@dataclass(frozen=True)
class PackageResult:
    package_id: int
    path: Path
    sha256: str
    size: int
    request_ids: list[int]
    routes: list[str]
    files: list[PackageFile]
    missing_photos: list[str]  # "name (sha256)" of photos not included (allow_missing_photos)
    removed_partials: list[Path] = field(default_factory=list)  # left by killed exports


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based line/row in the file, header included
    number: str
    message: str  # English
    # no_number, bad_number, not_in_registry, unknown_result, bad_date, malformed,
    # no_open_request, impossible_step, ambiguous, duplicate, refused
    kind: str = "other"
    template: str = ""  # the message's English template and values (to show it translated)
    values: Mapping[str, Any] = field(default_factory=dict)
    shown: str = ""  # as the host worded it for its reader (the problems file); "" = message


@dataclass(frozen=True)
class AppliedRow:
    row: int
    request_id: int
    e164: str
    from_state: RequestState
    to_state: RequestState


@dataclass(frozen=True)
class ResponseImportReport:
    file: Path
    encoding: str  # "xlsx" for workbooks
    rows: int  # data rows read
    applied: list[AppliedRow]  # empty unless committed
    problems: list[RowProblem]  # the first ones (all of them up to blocking.responses' limit)
    committed: bool  # False for a dry run, or all_or_nothing with problems
    planned: list[AppliedRow] = field(default_factory=list)  # what the good rows do (or would)
    problem_count: int = 0  # every problem, also those not kept in `problems`
    problem_kinds: dict[str, int] = field(default_factory=dict)  # kind → count
    problems_file: Path | None = None  # where all problems were written, if asked

    @property
    def total_problems(self) -> int:
        return max(self.problem_count, len(self.problems))

    @property
    def ok(self) -> bool:
        return self.total_problems == 0
