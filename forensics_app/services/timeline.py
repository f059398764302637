"""The case timeline: one query over everything in a case that has a time.

Each kind of event is a `TimelineSource` in `TIMELINE_SOURCES`: messages and calls from the
seized phones, flyer sightings from the block-request registry, and CCTV clips, which are
spans of corrected time (start and end: only clips whose recorder has a clock offset recorded
have one), by camera. A source is a select of (kind, id, at, end, item, number, direction,
summary) and an hourly count; `end` is NULL for the events that are moments.
Counts are computed per UTC hour in SQL and gathered into the chart's buckets (hours,
days, weeks, months, years) in the workstation's zone here, so a chart over a million events
is one index scan per source.
"""

from __future__ import annotations

import heapq
import operator
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple, Protocol

from sqlalchemy import (
    BigInteger,
    Integer,
    Select,
    String,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from blocking.enums import SourceKind
from blocking.models import numbers_t, sightings_t
from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.storage.database import Database, plain_rows
from forensics_app.storage.models import (
    ArtifactCall,
    ArtifactHourCount,
    ArtifactMessage,
    Case,
    CctvCamera,
    CctvClip,
    EvidenceFile,
    EvidenceItem,
    UtcDateTime,
    UtcTimeKey,
)

UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MERGE_LIMIT = 5000  # pages up to this deep are merged from per-source pages
BUCKETS = ("hour", "day", "week", "month", "year")
TARGET_BUCKETS = 400


class TimelineEntry(NamedTuple):
    """One event. A named tuple, not a frozen dataclass: a report streams a million of them
    and the dataclass's __init__ (a setattr per field) was a tenth of the timeline's cost."""

    kind: str
    id: int
    at: datetime
    item_id: int | None
    exhibit: str
    number: str
    e164: str | None
    direction: str
    summary: str
    end: datetime | None = None  # spans (CCTV clips): when it ends, aware UTC

    @property
    def reference(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class TimelineSpan:
    """A stretch of time on the chart's lanes: a CCTV clip by its camera."""

    kind: str
    id: int
    start: datetime  # aware UTC
    end: datetime
    lane: str  # the recorder's exhibit number and the camera, e.g. "CCTV-1 ch3"
    summary: str


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
    ) -> Select[*tuple[Any, ...]]:
        """Columns: kind, id, at, end, item_id, exhibit, number, e164, direction, summary."""

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[int, int]]:
        """(hours since 1970 UTC, events in that hour)."""


HOUR_MICROSECONDS = 3_600_000_000


def _hour_key(column: Any, sqlite: bool) -> Any:
    """Hours since 1970 (UTC) of a time column, computed by the database: integers are all
    the chart needs, and reading them costs nothing per row.
    UtcDateTime on SQLite is text "YYYY-MM-DD HH:MM:SS.ffffff", UtcTimeKey integer
    microseconds (rounded down to the hour before 1970 too, as Python's // does)."""
    if sqlite and isinstance(column.type, UtcTimeKey):
        micros = type_coerce(column, BigInteger)
        return sql_case(
            (micros >= 0, micros // HOUR_MICROSECONDS),
            else_=(micros + 1) // HOUR_MICROSECONDS - 1,
        )
    if sqlite:
        return cast(func.strftime("%s", func.substr(column, 1, 13) + ":00:00"), Integer) / 3600
    return cast(func.floor(func.extract("epoch", column) / 3600), BigInteger)


def _no_end() -> Any:
    # Typed, for PostgreSQL's UNION (an untyped NULL there is text).
    return cast(null(), UtcDateTime())


def _constant(value: str) -> Any:
    # A literal in the SQL text, not a bound parameter: PostgreSQL cannot type a parameter in
    # a UNION's select list.
    return literal_column("'" + value.replace("'", "''") + "'", String)


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
    ) -> Select[*tuple[Any, ...]]:
        m = self._model
        statement = select(
            _constant(self.kind).label("kind"),
            m.id.label("id"),
            self._time.label("at"),
            _no_end().label("end"),
            m.item_id.label("item_id"),
            EvidenceItem.exhibit_number.label("exhibit"),
            m.number_raw.label("number"),
            m.number_e164.label("e164"),
            self._direction.label("direction"),
            self._summary.label("summary"),
        ).join(EvidenceItem, EvidenceItem.id == m.item_id)
        return self._where(statement, case, start, end)

    def count(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> int:
        """How many `entries` has, from the (case, time) index alone: the join to the
        artifact's evidence item (which every artifact has) would read each table row."""
        statement = self._where(select(func.count()).select_from(self._model), case, start, end)
        return int(session.execute(statement).scalar_one())

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[int, int]]:
        """Whole hours from the counts the import wrote; the partial hours at the edges of a
        range counted exactly from the artifacts themselves."""
        low = _ceil_hour(start) if start is not None else None
        high = _floor_hour(end) if end is not None else None
        if low is not None and high is not None and low >= high:
            return self._exact(session, case, start, end, sqlite)
        h = ArtifactHourCount
        key = _hour_key(h.hour, sqlite)
        statement = (
            select(key, func.sum(h.count))
            .where(h.case_id == case.id, h.kind == self.kind)
            .group_by(key)
        )
        if low is not None:
            statement = statement.where(h.hour >= low)
        if high is not None:
            statement = statement.where(h.hour < high)
        # Fetched at once: a few years of hours are tens of thousands of rows.
        found = [(int(hour), int(n)) for hour, n in session.connection().execute(statement).all()]
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
    ) -> list[tuple[int, int]]:
        key = _hour_key(self._time, sqlite)
        statement = self._where(
            select(key, func.count()).select_from(self._model), case, start, end
        )
        return [(int(k), int(n)) for k, n in session.connection().execute(statement.group_by(key))]


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
    ) -> Select[*tuple[Any, ...]]:
        s, n = sightings_t.c, numbers_t.c
        statement = select(
            _constant(self.kind).label("kind"),
            s.id.label("id"),
            s.seen_at.label("at"),
            _no_end().label("end"),
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
    ) -> list[tuple[int, int]]:
        key = _hour_key(sightings_t.c.seen_at, sqlite)
        statement = self._where(
            select(key, func.count()).select_from(sightings_t), case, start, end
        )
        return [(int(k), int(n)) for k, n in session.connection().execute(statement.group_by(key))]


class _CctvSource:
    """CCTV clips as spans of corrected time (UTC: the examiner's time source and the
    recorder's offset applied), by camera. A clip is in a range when its span overlaps it, so
    a clip that began before the range still shows (at its own start). The summary names the
    camera and the file in the export; the hourly counts are of the clips that start in each
    hour."""

    kind = "cctv"
    LANE_LIMIT = 20000  # spans drawn at once; a wider range shows the first ones

    def _where(
        self,
        statement: Any,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        overlapping: bool = True,
    ) -> Any:
        at = CctvClip.corrected_start
        until = func.coalesce(CctvClip.corrected_end, at)
        statement = statement.join(EvidenceItem, EvidenceItem.id == CctvClip.item_id).where(
            EvidenceItem.case_id == case.id, at.is_not(None)
        )
        if start is not None:
            statement = statement.where(
                or_(at >= start, until > start) if overlapping else at >= start
            )
        if end is not None:
            statement = statement.where(at < end)
        return statement

    @staticmethod
    def _camera() -> Any:
        return func.coalesce(CctvCamera.label, _constant(""))

    def entries(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> Select[Any]:
        statement = (
            select(
                _constant(self.kind).label("kind"),
                CctvClip.id.label("id"),
                CctvClip.corrected_start.label("at"),
                CctvClip.corrected_end.label("end"),
                CctvClip.item_id.label("item_id"),
                EvidenceItem.exhibit_number.label("exhibit"),
                _constant("").label("number"),
                cast(null(), String).label("e164"),
                _constant("").label("direction"),
                (self._camera() + _constant(": ") + EvidenceFile.relative_path).label("summary"),
            )
            .select_from(CctvClip)
            .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
            .outerjoin(CctvCamera, CctvCamera.id == CctvClip.camera_id)
        )
        return self._where(statement, case, start, end)

    def spans(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> list[TimelineSpan]:
        statement = (
            select(
                CctvClip.id,
                CctvClip.corrected_start,
                CctvClip.corrected_end,
                EvidenceItem.exhibit_number,
                CctvClip.channel,
                self._camera().label("camera"),
                EvidenceFile.relative_path,
            )
            .select_from(CctvClip)
            .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
            .outerjoin(CctvCamera, CctvCamera.id == CctvClip.camera_id)
        )
        statement = self._where(statement, case, start, end)
        statement = statement.order_by(CctvClip.corrected_start, CctvClip.id).limit(self.LANE_LIMIT)
        spans = []
        for clip_id, at, until, exhibit, channel, camera, path in session.execute(statement):
            lane = f"{exhibit} {camera or (f'ch{channel}' if channel is not None else '?')}"
            spans.append(
                TimelineSpan(self.kind, clip_id, at, until or at, lane, f"{camera}: {path}")
            )
        return spans

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[int, int]]:
        key = _hour_key(CctvClip.corrected_start, sqlite)
        statement = self._where(
            select(key, func.count()).select_from(CctvClip), case, start, end, overlapping=False
        )
        return [(int(k), int(n)) for k, n in session.connection().execute(statement.group_by(key))]


_CCTV = _CctvSource()

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
    _CCTV,
]


COLUMNS = (
    "kind",
    "id",
    "at",
    "end",
    "item_id",
    "exhibit",
    "number",
    "e164",
    "direction",
    "summary",
)


def _entries(
    source: TimelineSource,
    session: Session,
    case: Case,
    start: datetime | None,
    end: datetime | None,
) -> Select[Any]:
    """The source's select in the timeline's column order. A source written before events
    could last (no `end` column) gets a NULL end, so it still merges and unites."""
    statement = source.entries(session, case, start, end)
    if tuple(statement.selected_columns.keys()) == COLUMNS:
        return statement
    inner = statement.subquery()
    return select(
        *(inner.c[name] if name in inner.c else _no_end().label(name) for name in COLUMNS)
    )


def _united(
    source: TimelineSource,
    session: Session,
    case: Case,
    start: datetime | None,
    end: datetime | None,
    sqlite: bool,
) -> Select[Any]:
    """_entries for a UNION ordered by time in SQL: on SQLite messages and calls keep their
    times as integer microseconds (UtcTimeKey), so the other sources' text times are turned
    into the same (a few rows each) — integers and text would not sort together."""
    statement = _entries(source, session, case, start, end)
    if not sqlite or isinstance(source, _ArtifactSource):
        return statement
    inner = statement.subquery()
    return select(
        *(_time_key_of_text(inner.c.at).label(name) if name == "at" else inner.c[name]
          for name in COLUMNS)
    )  # fmt: skip


def _time_key_of_text(column: Any) -> Any:
    """UtcDateTime's SQLite text "YYYY-MM-DD HH:MM:SS.ffffff" as UtcTimeKey's integer."""
    seconds = cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger)
    fraction = cast(func.substr(column, 21, 6), BigInteger)
    return type_coerce(seconds * 1_000_000 + fraction, UtcTimeKey)


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
            raise UserError("Unknown timeline kinds: {kinds}.", kinds=", ".join(sorted(unknown)))
        return [s for s in TIMELINE_SOURCES if s.kind in kinds]

    def _case(self, session: Session, case_id: int) -> Case:
        case = session.get(Case, case_id)
        if case is None:
            raise UserError("No case with id {case_id}.", case_id=case_id)
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
                if isinstance(source, _ArtifactSource):
                    total += source.count(session, case, start, end)
                    continue
                sub = _entries(source, session, case, start, end).subquery()
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
                    statement = _entries(source, session, case, start, end)
                    columns = statement.selected_columns
                    ordered = statement.order_by(columns.at, columns.id).limit(offset + limit)
                    streams.append([_entry(r) for r in session.execute(ordered)])
                merged = heapq.merge(*streams, key=lambda e: (e.at, e.kind, e.id))
                return list(merged)[offset : offset + limit]
            sqlite = self._db.is_sqlite
            united = union_all(
                *(_united(s, session, case, start, end, sqlite) for s in sources)
            ).subquery()
            statement = (
                select(united)
                .order_by(united.c.at, united.c.kind, united.c.id)
                .offset(offset)
                .limit(limit)
            )
            return [_entry(r) for r in session.execute(statement)]

    def stream(
        self,
        case_id: int,
        start: datetime | None = None,
        end: datetime | None = None,
        kinds: Sequence[str] | None = None,
        batch: int = 5000,
    ) -> Iterator[TimelineEntry]:
        """Every event, in the order of `entries` (time, kind, id), for exports and reports:
        each source is read by keyset `batch` rows at a time and the sources are merged, so a
        timeline of millions costs a few thousand rows of memory, the last page costs what
        the first does, and no cursor stays open between batches."""
        with self._db.read() as session:
            case = self._case(session, case_id)
            session.expunge(case)
        streams = [
            self._source_stream(source, case, start, end, batch) for source in self._sources(kinds)
        ]
        yield from heapq.merge(*streams, key=_ORDER)

    def _source_stream(
        self,
        source: TimelineSource,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        batch: int,
    ) -> Iterator[TimelineEntry]:
        after: TimelineEntry | None = None
        while True:
            with self._db.read() as session:
                statement = _entries(source, session, case, start, end)
                columns = statement.selected_columns
                if after is not None:
                    statement = statement.where(
                        columns.at >= after.at, or_(columns.at > after.at, columns.id > after.id)
                    )
                ordered = statement.order_by(columns.at, columns.id).limit(batch)
                # Core, not the ORM's per-row loading: plain columns, a million of them.
                rows = [_entry(r) for r in plain_rows(session.connection(), ordered)]
            yield from rows
            if len(rows) < batch:
                return
            after = rows[-1]

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
        counts: dict[tuple[int, str], int] = defaultdict(int)
        with self._db.read() as session:
            case = self._case(session, case_id)
            for source in self._sources(kinds):
                kind = source.kind
                for hour, n in source.hour_counts(session, case, start, end, self._db.is_sqlite):
                    counts[hour, kind] += n
        if not counts:
            return Histogram(unit or "day", [], None, None)
        first_hour = min(h for h, _ in counts)
        last_hour = max(h for h, _ in counts)
        first = UNIX_EPOCH + timedelta(hours=first_hour)
        last = UNIX_EPOCH + timedelta(hours=last_hour + 1)
        unit = unit or choose_unit((end or last) - (start or first))
        if unit not in BUCKETS:
            raise UserError(
                "Unknown bucket {unit!r}: use one of {units}.", unit=unit, units=", ".join(BUCKETS)
            )
        # Bucket keys from integer hours; the zone's offset is looked up once per UTC day
        # (and per hour on the days it changes).
        offsets = _ZoneOffsets(self._clock.zone)
        gathered: dict[datetime, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        keys: dict[int, datetime] = {}
        for (hour, kind), n in counts.items():
            local_hour = hour + offsets.hours_at(hour)
            key = local_hour if unit == "hour" else local_hour // 24
            bucket = keys.get(key)
            if bucket is None:
                bucket = keys[key] = _bucket_start(key, unit, self._clock.zone)
            gathered[bucket][kind] += n
        buckets = [Bucket(b, dict(gathered[b])) for b in sorted(gathered)]
        return Histogram(unit, buckets, first, last)

    def spans(
        self,
        case_id: int,
        start: datetime | None = None,
        end: datetime | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[TimelineSpan]:
        """The events that last (CCTV clips) overlapping [start, end), in time order, for the
        chart's lanes (at most _CctvSource.LANE_LIMIT of them)."""
        if kinds is not None and _CCTV.kind not in kinds:
            self._sources(kinds)  # unknown kinds are still refused
            return []
        with self._db.read() as session:
            return _CCTV.spans(session, self._case(session, case_id), start, end)

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


class _ZoneOffsets:
    """A zone's offset from UTC in whole hours at a given UTC hour (Asia/Seoul: always 9).
    Zones with half-hour offsets get the hour below; the chart's buckets are hours."""

    def __init__(self, zone: Any) -> None:
        self._zone = zone
        self._days: dict[int, int | None] = {}

    def _at(self, hour: int) -> int:
        moment = UNIX_EPOCH + timedelta(hours=hour)
        offset = moment.astimezone(self._zone).utcoffset() or timedelta(0)
        return int(offset.total_seconds() // 3600)

    def hours_at(self, hour: int) -> int:
        day = hour // 24
        if day not in self._days:
            morning, night = self._at(day * 24), self._at(day * 24 + 23)
            self._days[day] = morning if morning == night else None
        found = self._days[day]
        return found if found is not None else self._at(hour)


def _bucket_start(key: int, unit: str, zone: Any) -> datetime:
    """The local start of the bucket holding local hour `key` (unit hour) or local day `key`
    (other units), as an aware datetime in `zone`."""
    if unit == "hour":
        naive = datetime(1970, 1, 1) + timedelta(hours=key)
        return naive.replace(tzinfo=zone)
    day = date(1970, 1, 1) + timedelta(days=key)
    if unit == "week":
        day -= timedelta(days=day.weekday())
    elif unit == "month":
        day = day.replace(day=1)
    elif unit == "year":
        day = day.replace(month=1, day=1)
    return datetime(day.year, day.month, day.day, tzinfo=zone)


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


def _moment(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


# The timeline's order (time, kind, id), in C: a million events per report pass the merge.
_ORDER = operator.attrgetter("at", "kind", "id")
_new_entry = tuple.__new__  # TimelineEntry(...) without the named tuple's Python-level __new__


def _entry(row: Any) -> TimelineEntry:
    # By position (COLUMNS, the order _entries guarantees): a million events per report
    # stream through here, and named access on a Row costs a lookup each. Times read as
    # aware UTC (`plain_rows`) and integer ids are taken as they are.
    kind, identifier, at, until, item_id, exhibit, number, e164, direction, summary = row
    return _new_entry(
        TimelineEntry,
        (
            kind,
            identifier if identifier.__class__ is int else int(identifier),
            at if at.__class__ is datetime and at.tzinfo is UTC else _moment(at),
            item_id, exhibit or "", number or "", e164, direction or "", summary or "",
            _moment(until) if until is not None else None,
        ),
    )  # fmt: skip
