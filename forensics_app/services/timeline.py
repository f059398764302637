"""The case timeline: one query over everything in a case that has a time.

Each kind of event is a `TimelineSource` in `TIMELINE_SOURCES`: messages and calls from the
seized phones, flyer sightings from the block-request registry. CCTV clips (issue 13) join by
adding a source: a select of (kind, id, at, item, number, direction, summary) and an hourly
count. Counts are computed per UTC hour in SQL and gathered into the chart's buckets (hours,
days, weeks, months, years) in the workstation's zone here, so a chart over a million events
is one index scan per source.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Integer, Select, String, cast, func, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from blocking.enums import SourceKind
from blocking.models import numbers_t, sightings_t
from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    ArtifactCall,
    ArtifactHourCount,
    ArtifactMessage,
    Case,
    EvidenceItem,
)

MERGE_LIMIT = 5000  # pages up to this deep are merged from per-source pages
BUCKETS = ("hour", "day", "week", "month", "year")
TARGET_BUCKETS = 400


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    id: int
    at: datetime
    item_id: int | None
    exhibit: str
    number: str
    e164: str | None
    direction: str
    summary: str

    @property
    def reference(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Bucket:
    start: datetime  # local start of the bucket, aware (workstation zone)
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Histogram:
    unit: str
    buckets: list[Bucket]
    first: datetime | None
    last: datetime | None


class TimelineSource(Protocol):
    kind: str

    def entries(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> Select[Any]:
        """Columns: kind, id, at, item_id, exhibit, number, e164, direction, summary."""

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[datetime, int]]:
        """(start of the UTC hour, events in it)."""


def _hour_key(column: Any, sqlite: bool) -> Any:
    # UtcDateTime on SQLite is text "YYYY-MM-DD HH:MM:SS.ffffff": its first 13 characters
    # name the hour. PostgreSQL truncates.
    return func.substr(column, 1, 13) if sqlite else func.date_trunc("hour", column)


def _constant(value: str) -> Any:
    # A literal in the SQL text, not a bound parameter: PostgreSQL cannot type a parameter in
    # a UNION's select list.
    return literal_column("'" + value.replace("'", "''") + "'", String)


def _parse_hour(value: Any) -> datetime:
    if isinstance(value, datetime):
        return _utc(value)
    return datetime.fromisoformat(f"{value}:00:00+00:00")


class _ArtifactSource:
    def __init__(self, kind: str, model: Any, time: Any, direction: Any, summary: Any) -> None:
        self.kind = kind
        self._model = model
        self._time = time
        self._direction = direction
        self._summary = summary

    def _where(
        self, statement: Any, case: Case, start: datetime | None, end: datetime | None
    ) -> Any:
        statement = statement.where(self._model.case_id == case.id, self._time.is_not(None))
        if start is not None:
            statement = statement.where(self._time >= start)
        if end is not None:
            statement = statement.where(self._time < end)
        return statement

    def entries(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> Select[Any]:
        m = self._model
        statement = select(
            _constant(self.kind).label("kind"),
            m.id.label("id"),
            self._time.label("at"),
            m.item_id.label("item_id"),
            EvidenceItem.exhibit_number.label("exhibit"),
            m.number_raw.label("number"),
            m.number_e164.label("e164"),
            self._direction.label("direction"),
            self._summary.label("summary"),
        ).join(EvidenceItem, EvidenceItem.id == m.item_id)
        return self._where(statement, case, start, end)

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[datetime, int]]:
        """Whole hours from the counts the import wrote; the partial hours at the edges of a
        range counted exactly from the artifacts themselves."""
        low = _ceil_hour(start) if start is not None else None
        high = _floor_hour(end) if end is not None else None
        if low is not None and high is not None and low >= high:
            return self._exact(session, case, start, end, sqlite)
        h = ArtifactHourCount
        statement = (
            select(h.hour, func.sum(h.count))
            .where(h.case_id == case.id, h.kind == self.kind)
            .group_by(h.hour)
        )
        if low is not None:
            statement = statement.where(h.hour >= low)
        if high is not None:
            statement = statement.where(h.hour < high)
        found = [(_utc(hour), int(n)) for hour, n in session.execute(statement)]
        if start is not None and low is not None and start < low:
            found += self._exact(session, case, start, low, sqlite)
        if end is not None and high is not None and high < end:
            found += self._exact(session, case, high, end, sqlite)
        return found

    def _exact(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[datetime, int]]:
        key = _hour_key(self._time, sqlite)
        statement = self._where(
            select(key, func.count()).select_from(self._model), case, start, end
        )
        return [(_parse_hour(k), int(n)) for k, n in session.execute(statement.group_by(key))]


def _floor_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == moment else floor + timedelta(hours=1)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class _SightingSource:
    """Flyer sightings recorded under the case's number in the block-request registry (the
    device-artifact sightings are the messages and calls already on the timeline)."""

    kind = "sighting"

    def _where(
        self, statement: Any, case: Case, start: datetime | None, end: datetime | None
    ) -> Any:
        s = sightings_t.c
        statement = statement.where(
            s.case_number == case.number, s.source_kind != SourceKind.DEVICE_ARTIFACT.value
        )
        if start is not None:
            statement = statement.where(s.seen_at >= start)
        if end is not None:
            statement = statement.where(s.seen_at < end)
        return statement

    def entries(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> Select[Any]:
        s, n = sightings_t.c, numbers_t.c
        statement = select(
            _constant(self.kind).label("kind"),
            s.id.label("id"),
            s.seen_at.label("at"),
            cast(null(), Integer).label("item_id"),
            s.photo_name.label("exhibit"),
            s.printed_as.label("number"),
            n.e164.label("e164"),
            _constant("").label("direction"),
            s.place.label("summary"),
        ).join_from(sightings_t, numbers_t, n.id == s.number_id)
        return self._where(statement, case, start, end)

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[datetime, int]]:
        key = _hour_key(sightings_t.c.seen_at, sqlite)
        statement = self._where(
            select(key, func.count()).select_from(sightings_t), case, start, end
        )
        return [(_parse_hour(k), int(n)) for k, n in session.execute(statement.group_by(key))]


TIMELINE_SOURCES: list[TimelineSource] = [
    _ArtifactSource(
        "message",
        ArtifactMessage,
        ArtifactMessage.sent_at,
        ArtifactMessage.direction,
        func.substr(ArtifactMessage.body, 1, 200),
    ),
    _ArtifactSource(
        "call",
        ArtifactCall,
        ArtifactCall.started_at,
        ArtifactCall.direction,
        ArtifactCall.call_type,
    ),
    _SightingSource(),
]


def timeline_kinds() -> list[str]:
    return [s.kind for s in TIMELINE_SOURCES]


class TimelineService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _sources(self, kinds: Sequence[str] | None) -> list[TimelineSource]:
        if kinds is None:
            return list(TIMELINE_SOURCES)
        unknown = set(kinds) - set(timeline_kinds())
        if unknown:
            raise UserError(f"Unknown timeline kinds: {', '.join(sorted(unknown))}.")
        return [s for s in TIMELINE_SOURCES if s.kind in kinds]

    def _case(self, session: Session, case_id: int) -> Case:
        case = session.get(Case, case_id)
        if case is None:
            raise UserError(f"No case with id {case_id}.")
        return case

    def count(
        self,
        case_id: int,
        start: datetime | None = None,
        end: datetime | None = None,
        kinds: Sequence[str] | None = None,
    ) -> int:
        with self._db.read() as session:
            case = self._case(session, case_id)
            total = 0
            for source in self._sources(kinds):
                sub = source.entries(session, case, start, end).subquery()
                total += int(session.execute(select(func.count()).select_from(sub)).scalar_one())
            return total

    def entries(
        self,
        case_id: int,
        start: datetime | None = None,
        end: datetime | None = None,
        kinds: Sequence[str] | None = None,
        offset: int = 0,
        limit: int = 200,
    ) -> list[TimelineEntry]:
        """Events in time order (then kind, then id), `limit` of them from `offset`."""
        with self._db.read() as session:
            case = self._case(session, case_id)
            sources = self._sources(kinds)
            if offset + limit <= MERGE_LIMIT:
                # Each source delivers its first rows by index; merging them is cheap.
                streams = []
                for source in sources:
                    statement = source.entries(session, case, start, end)
                    columns = statement.selected_columns
                    ordered = statement.order_by(columns.at, columns.id).limit(offset + limit)
                    streams.append([_entry(r) for r in session.execute(ordered)])
                merged = heapq.merge(*streams, key=lambda e: (e.at, e.kind, e.id))
                return list(merged)[offset : offset + limit]
            united = union_all(*(s.entries(session, case, start, end) for s in sources)).subquery()
            statement = (
                select(united)
                .order_by(united.c.at, united.c.kind, united.c.id)
                .offset(offset)
                .limit(limit)
            )
            return [_entry(r) for r in session.execute(statement)]

    def histogram(
        self,
        case_id: int,
        start: datetime | None = None,
        end: datetime | None = None,
        kinds: Sequence[str] | None = None,
        unit: str | None = None,
    ) -> Histogram:
        """Counts per kind in buckets of `unit` (chosen to fit the range when None), in the
        workstation's zone."""
        hours: dict[datetime, Counter[str]] = defaultdict(Counter)
        with self._db.read() as session:
            case = self._case(session, case_id)
            for source in self._sources(kinds):
                for hour, n in source.hour_counts(session, case, start, end, self._db.is_sqlite):
                    hours[hour][source.kind] += n
        if not hours:
            return Histogram(unit or "day", [], None, None)
        first, last = min(hours), max(hours)
        span_start = start or first
        span_end = end or (last + timedelta(hours=1))
        unit = unit or choose_unit(span_end - span_start)
        if unit not in BUCKETS:
            raise UserError(f"Unknown bucket {unit!r}: use one of {', '.join(BUCKETS)}.")
        gathered: dict[datetime, Counter[str]] = defaultdict(Counter)
        zone = self._clock.zone
        for hour, counts in hours.items():
            gathered[_bucket_of(hour.astimezone(zone), unit)].update(counts)
        buckets = [Bucket(key, dict(gathered[key])) for key in sorted(gathered)]
        return Histogram(unit, buckets, first, last + timedelta(hours=1))

    def bucket_start(self, moment: datetime, unit: str) -> datetime:
        return _bucket_of(self._clock.local(moment), unit)


def _bucket_of(local: datetime, unit: str) -> datetime:
    if unit == "hour":
        return local.replace(minute=0, second=0, microsecond=0)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def choose_unit(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    for unit, size in (("hour", 1), ("day", 24), ("week", 24 * 7), ("month", 24 * 30)):
        if hours / size <= TARGET_BUCKETS:
            return unit
    return "year"


def next_bucket(start: datetime, unit: str) -> datetime:
    if unit == "hour":
        return start + timedelta(hours=1)
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        return start.replace(year=year, month=month)
    return start.replace(year=start.year + 1)


def _entry(row: Any) -> TimelineEntry:
    at = row.at
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return TimelineEntry(
        kind=row.kind,
        id=int(row.id),
        at=at.astimezone(UTC),
        item_id=row.item_id,
        exhibit=row.exhibit or "",
        number=row.number or "",
        e164=row.e164,
        direction=row.direction or "",
        summary=row.summary or "",
    )
