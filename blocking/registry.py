"""The number registry: one row per number, every sighting of it, and figures derived from them.

Sightings arrive in bulk (an OCR batch of thousands of flyer photos, a device export), so
`record_sightings` normalises each printed number once (cached), inserts with Core bulk
statements, and updates the derived figures (count, first/last seen) once per number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Enum,
    MetaData,
    Row,
    String,
    Table,
    bindparam,
    case,
    delete,
    false,
    func,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.sql import ColumnElement

from blocking.actors import Actor
from blocking.db import Store, chunked, insert_rows
from blocking.enums import AdCategory, SourceKind
from blocking.errors import BlockingError, InvalidNumberError, NotFoundError, SightingInUseError
from blocking.models import UTCDateTime, evidence_t, numbers_t, requests_t, sightings_t
from blocking.numbers import NormalizedNumber, NumberType, normalize_number, search_digits
from blocking.progress import NULL_PROGRESS, Progress, check_cancelled
from blocking.records import (
    AreaCount,
    NumberDetail,
    NumberFilter,
    NumberRecord,
    RefusedInput,
    SightingImportResult,
    SightingInput,
    SightingRecord,
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BATCH = 20_000


def dedupe_key(source_kind: SourceKind, photo_sha256: str | None, source_id: str) -> str | None:
    """Two sightings with the same key for the same number are one sighting."""
    if source_kind is SourceKind.FLYER_PHOTO and photo_sha256:
        return f"photo:{photo_sha256}"
    if source_kind is SourceKind.DEVICE_ARTIFACT and source_id:
        return f"artifact:{source_id}"[:120]
    return None  # manual entries are never merged


@dataclass(frozen=True)
class _Prepared:
    number: NormalizedNumber
    row: dict[str, Any]


class _Refused(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _prepare(item: SightingInput) -> _Prepared:
    if isinstance(item.number, NormalizedNumber):
        number, printed = item.number, item.printed_as or item.number.national
    else:
        try:
            number = normalize_number(item.number)
        except InvalidNumberError as exc:
            raise _Refused(exc.reason, str(exc)) from exc
        printed = item.printed_as if item.printed_as is not None else item.number
    if item.seen_at.tzinfo is None:
        raise _Refused("naive_time", "seen_at has no time zone; pass an aware datetime.")
    try:
        category = item.category if type(item.category) is AdCategory else AdCategory(item.category)
        kind = (
            item.source_kind
            if type(item.source_kind) is SourceKind
            else SourceKind(item.source_kind)
        )
    except ValueError as exc:
        raise _Refused("bad_vocabulary", str(exc)) from exc
    sha = item.photo_sha256.lower() if item.photo_sha256 else None
    if sha is not None and not _SHA256.match(sha):
        raise _Refused("bad_sha256", f"photo_sha256 {item.photo_sha256!r} is not a SHA-256.")
    if kind is SourceKind.FLYER_PHOTO and sha is None:
        raise _Refused("no_photo_hash", "A flyer-photo sighting needs the photo's SHA-256.")
    confidence = item.machine_confidence
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise _Refused("bad_confidence", f"machine_confidence {confidence} is not within 0..1.")
    for value, low, high, name in (
        (item.latitude, -90, 90, "latitude"),
        (item.longitude, -180, 180, "longitude"),
    ):
        if value is not None and not low <= value <= high:
            raise _Refused("bad_position", f"{name} {value} is out of range.")
    return _Prepared(
        number=number,
        row={
            "printed_as": str(printed)[:200],
            "source_kind": kind.value,
            "source_id": item.source_id[:100],
            "case_number": item.case_number[:64],
            "photo_name": item.photo_name[:255],
            "photo_sha256": sha,
            "photo_path": str(item.photo_path) if item.photo_path is not None else None,
            "seen_at": item.seen_at,
            "place": item.place[:500],
            "latitude": item.latitude,
            "longitude": item.longitude,
            "collector": item.collector[:200],
            "category": category.value,
            "dedupe_key": dedupe_key(kind, sha, item.source_id),
            "machine_confidence": confidence,
        },
    )


class NumberRegistry:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- recording ---------------------------------------------------------------------------
    def record_sightings(
        self,
        actor: Actor,
        sightings: Iterable[SightingInput],
        progress: Progress = NULL_PROGRESS,
    ) -> SightingImportResult:
        """Record many sightings in one transaction; bad items are refused one by one.

        Invalid or foreign numbers and malformed items end up in `refused` with the reason;
        everything else is recorded. A photo or device artifact already recorded for the same
        number counts as a duplicate, not as a new sighting.
        """
        now = self._store.now()
        refused: list[RefusedInput] = []
        added = duplicates = created = 0
        progress.begin(None, "Recording sightings", "sightings")
        with self._store.write() as conn:
            stage = _staging_table()
            stage.create(conn)
            batch: list[_Prepared] = []
            for position, item in enumerate(sightings):
                try:
                    batch.append(_prepare(item))
                except _Refused as exc:
                    refused.append(RefusedInput(position, str(item.number), exc.reason, str(exc)))
                if len(batch) >= _BATCH:
                    a, d, c = self._insert_batch(conn, stage, batch, actor, now)
                    added, duplicates, created = added + a, duplicates + d, created + c
                    progress.advance(len(batch))
                    check_cancelled(progress)
                    batch = []
            if batch:
                a, d, c = self._insert_batch(conn, stage, batch, actor, now)
                added, duplicates, created = added + a, duplicates + d, created + c
                progress.advance(len(batch))
            stage.drop(conn)
        return SightingImportResult(
            added=added, duplicates=duplicates, numbers_created=created, refused=refused
        )

    def photo_sighting_cited_by(
        self, number: str | NormalizedNumber, photo_sha256: str
    ) -> int | None:
        """The request that cites the sighting of `number` on this photo, if any: a caller
        about to take the sighting back asks first, before changing anything of its own."""
        normalized = number if isinstance(number, NormalizedNumber) else normalize_number(number)
        key = dedupe_key(SourceKind.FLYER_PHOTO, photo_sha256, "")
        with self._store.read() as conn:
            cited: int | None = conn.scalar(
                select(evidence_t.c.request_id)
                .join(sightings_t, sightings_t.c.id == evidence_t.c.sighting_id)
                .join(numbers_t, numbers_t.c.id == sightings_t.c.number_id)
                .where(numbers_t.c.e164 == normalized.e164, sightings_t.c.dedupe_key == key)
                .limit(1)
            )
        return cited

    def retract_photo_sighting(
        self, actor: Actor, number: str | NormalizedNumber, photo_sha256: str
    ) -> bool:
        """Take back the sighting of `number` on one flyer photo: `actor` found the number was
        misread (the caller's audit trail records the decision). Refused while a request cites
        that sighting as evidence. Returns False when there was no such sighting. The
        number's figures are recomputed."""
        normalized = number if isinstance(number, NormalizedNumber) else normalize_number(number)
        key = dedupe_key(SourceKind.FLYER_PHOTO, photo_sha256, "")
        with self._store.write() as conn:
            number_row = conn.execute(
                select(numbers_t.c.id).where(numbers_t.c.e164 == normalized.e164)
            ).first()
            if number_row is None:
                return False
            sighting_id = conn.scalar(
                select(sightings_t.c.id).where(
                    sightings_t.c.number_id == number_row.id, sightings_t.c.dedupe_key == key
                )
            )
            if sighting_id is None:
                return False
            cited_by = conn.scalar(
                select(evidence_t.c.request_id).where(evidence_t.c.sighting_id == sighting_id)
            )
            if cited_by is not None:
                raise SightingInUseError(
                    "The sighting of {national} on this photo is evidence of request {cited_by}; "
                    "withdraw that request before rejecting the number.",
                    national=normalized.national,
                    cited_by=cited_by,
                )
            conn.execute(delete(sightings_t).where(sightings_t.c.id == sighting_id))
            count, first, last = conn.execute(
                select(
                    func.count(), func.min(sightings_t.c.seen_at), func.max(sightings_t.c.seen_at)
                ).where(sightings_t.c.number_id == number_row.id)
            ).one()
            conn.execute(
                update(numbers_t)
                .where(numbers_t.c.id == number_row.id)
                .values(sightings_count=count, first_seen=first, last_seen=last)
            )
        return True

    def update_photo_sighting(
        self,
        actor: Actor,
        number: str | NormalizedNumber,
        photo_sha256: str,
        *,
        category: AdCategory | None = None,
        reviewed: bool = False,
    ) -> bool:
        """What became known about the sighting of `number` on one flyer photo: `actor` set
        the flyer's ad category, and/or a person has now looked at the read (`reviewed`: it is
        no longer a machine-only read). The caller's audit trail records the decision.
        Changing the category of a sighting a request cites is refused (`SightingInUseError`).
        Returns False when there is no such sighting."""
        normalized = number if isinstance(number, NormalizedNumber) else normalize_number(number)
        key = dedupe_key(SourceKind.FLYER_PHOTO, photo_sha256, "")
        s = sightings_t.c
        with self._store.write() as conn:
            row = conn.execute(
                select(s.id, s.category)
                .join(numbers_t, numbers_t.c.id == s.number_id)
                .where(numbers_t.c.e164 == normalized.e164, s.dedupe_key == key)
            ).first()
            if row is None:
                return False
            values: dict[str, Any] = {}
            if category is not None and AdCategory(category) != AdCategory(row.category):
                cited_by = conn.scalar(
                    select(evidence_t.c.request_id).where(evidence_t.c.sighting_id == row.id)
                )
                if cited_by is not None:
                    raise SightingInUseError(
                        "The sighting of {national} on this photo is evidence of request "
                        "{cited_by} as {category}; withdraw that request before changing the "
                        "flyer's category.",
                        national=normalized.national,
                        cited_by=cited_by,
                        category=row.category,
                    )
                values["category"] = AdCategory(category).value
            if reviewed:
                values["machine_confidence"] = None
            if values:
                conn.execute(update(sightings_t).where(s.id == row.id).values(**values))
        return True

    def record_sighting(self, actor: Actor, sighting: SightingInput) -> SightingRecord:
        """Record one sighting (or find the identical one already recorded); raises on bad input."""
        if not isinstance(sighting.number, NormalizedNumber):
            normalize_number(sighting.number)  # raises InvalidNumberError with the reason
        result = self.record_sightings(actor, [sighting])
        if result.refused:
            raise BlockingError(result.refused[0].message)
        number = (
            sighting.number
            if isinstance(sighting.number, NormalizedNumber)
            else normalize_number(sighting.number)
        )
        key = dedupe_key(
            SourceKind(sighting.source_kind),
            sighting.photo_sha256.lower() if sighting.photo_sha256 else None,
            sighting.source_id,
        )
        with self._store.read() as conn:
            query = (
                _sighting_select()
                .where(numbers_t.c.e164 == number.e164)
                .order_by(sightings_t.c.id.desc())
                .limit(1)
            )
            if key is not None:
                query = query.where(sightings_t.c.dedupe_key == key)
            row = conn.execute(query).one()
        return _sighting_record(row)

    def _insert_batch(
        self,
        conn: Connection,
        stage: Table,
        batch: list[_Prepared],
        actor: Actor,
        now: datetime,
    ) -> tuple[int, int, int]:
        number_ids, created = self._ensure_numbers(conn, [p.number for p in batch], now)
        # Staged with the driver's executemany, then moved with one INSERT … SELECT that
        # skips duplicates and reports what it inserted: many-row RETURNING through
        # SQLAlchemy costs far more per row (on psycopg, mostly in parsing huge statements).
        conn.execute(delete(stage))
        insert_rows(conn, stage, [{**p.row, "number_id": number_ids[p.number.e164]} for p in batch])
        columns = [c.name for c in stage.c]
        source = select(
            *stage.c, literal(now, sightings_t.c.recorded_at.type), literal(actor.id)
        ).where(true())  # a WHERE keeps SQLite's parser from reading ON CONFLICT as a join
        statement = (
            self._store.insert(sightings_t)
            .from_select([*columns, "recorded_at", "recorded_by"], source)
            .on_conflict_do_nothing(index_elements=["number_id", "dedupe_key"])
            .returning(sightings_t.c.number_id, sightings_t.c.seen_at)
        )
        inserted = conn.execute(statement).all()
        # Derived figures: one relative update per number, safe next to concurrent writers.
        figures: dict[int, list[Any]] = {}
        for number_id, seen_at in inserted:
            entry = figures.get(number_id)
            if entry is None:
                figures[number_id] = [1, seen_at, seen_at]
            else:
                entry[0] += 1
                entry[1] = min(entry[1], seen_at)
                entry[2] = max(entry[2], seen_at)
        if figures:
            n = numbers_t.c
            # One bindparam object per value, reused: each use must carry the UTC type.
            first, last = (
                bindparam("b_first", type_=UTCDateTime()),
                bindparam("b_last", type_=UTCDateTime()),
            )
            conn.execute(
                update(numbers_t)
                .where(n.id == bindparam("b_id"))
                .values(
                    sightings_count=n.sightings_count + bindparam("b_count"),
                    first_seen=case(
                        (n.first_seen.is_(None), first),
                        (n.first_seen > first, first),
                        else_=n.first_seen,
                    ),
                    last_seen=case(
                        (n.last_seen.is_(None), last),
                        (n.last_seen < last, last),
                        else_=n.last_seen,
                    ),
                ),
                [
                    {"b_id": k, "b_count": c, "b_first": f, "b_last": la}
                    for k, (c, f, la) in sorted(figures.items())
                ],
            )
        return len(inserted), len(batch) - len(inserted), created

    def _ensure_numbers(
        self, conn: Connection, numbers: Sequence[NormalizedNumber], now: datetime
    ) -> tuple[dict[str, int], int]:
        distinct = {n.e164: n for n in numbers}
        ids = self._ids_by_e164(conn, list(distinct))
        missing = [n for e164, n in distinct.items() if e164 not in ids]
        if not missing:
            return ids, 0
        insert_rows(
            conn,
            numbers_t,
            [
                {
                    "e164": n.e164,
                    "national": n.national,
                    "number_type": n.number_type,
                    "sightings_count": 0,
                    "created_at": now,
                }
                for n in missing
            ],
            skip_conflicts_on=["e164"],
        )
        # Under concurrent writers some may have been created by the other one; the count
        # then includes them, which is harmless for a figure shown to the user.
        ids.update(self._ids_by_e164(conn, [n.e164 for n in missing]))
        return ids, len(missing)

    @staticmethod
    def _ids_by_e164(conn: Connection, e164s: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for chunk in chunked(e164s):
            ids.update(
                conn.execute(
                    select(numbers_t.c.e164, numbers_t.c.id).where(numbers_t.c.e164.in_(chunk))
                ).all()
            )
        return ids

    # ---- reading -----------------------------------------------------------------------------
    def get(self, number: str | int | NormalizedNumber) -> NumberRecord:
        """By id, by a printed number or by a `NormalizedNumber`; `NotFoundError` if unknown."""
        with self._store.read() as conn:
            return _number_record(_number_row(conn, number))

    def find(self, number: str | NormalizedNumber) -> NumberRecord | None:
        try:
            return self.get(number)
        except NotFoundError:
            return None

    def detail(self, number: str | int | NormalizedNumber) -> NumberDetail:
        s = sightings_t.c
        with self._store.read() as conn:
            row = _number_row(conn, number)
            areas = conn.execute(
                select(s.place, func.count())
                .where(s.number_id == row.id)
                .group_by(s.place)
                .order_by(func.count().desc(), s.place)
            ).all()
            categories = conn.execute(
                select(s.category, func.count()).where(s.number_id == row.id).group_by(s.category)
            ).all()
            request_ids = conn.scalars(
                select(requests_t.c.id)
                .where(requests_t.c.number_id == row.id)
                .order_by(requests_t.c.id.desc())
            ).all()
        return NumberDetail(
            number=_number_record(row),
            areas=[AreaCount(place, count) for place, count in areas],
            categories={AdCategory(c): count for c, count in categories},
            request_ids=list(request_ids),
        )

    def sightings(
        self, number: str | int | NormalizedNumber, limit: int | None = None, offset: int = 0
    ) -> list[SightingRecord]:
        """Newest first."""
        with self._store.read() as conn:
            row = _number_row(conn, number)
            query = (
                _sighting_select()
                .where(sightings_t.c.number_id == row.id)
                .order_by(sightings_t.c.seen_at.desc(), sightings_t.c.id.desc())
                .offset(offset)
            )
            if limit is not None:
                query = query.limit(limit)
            return [_sighting_record(r) for r in conn.execute(query)]

    def photo_sightings(
        self, photo_sha256s: Iterable[str]
    ) -> dict[tuple[str, str], SightingRecord]:
        """The flyer-photo sightings recorded for these photos, by (E.164, photo SHA-256): what
        a caller keeping its own reads in step with the registry compares against."""
        keys = sorted(
            {
                key
                for sha in photo_sha256s
                if (key := dedupe_key(SourceKind.FLYER_PHOTO, sha.lower(), "")) is not None
            }
        )
        found: dict[tuple[str, str], SightingRecord] = {}
        with self._store.read() as conn:
            for chunk in chunked(keys):
                for row in conn.execute(
                    _sighting_select().where(sightings_t.c.dedupe_key.in_(chunk))
                ):
                    record = _sighting_record(row)
                    found[(record.e164, record.photo_sha256 or "")] = record
        return found

    def search(self, number_filter: NumberFilter | None = None) -> list[NumberRecord]:
        """Most recently seen first."""
        number_filter = number_filter or NumberFilter()
        query = _filtered_numbers(select(numbers_t), number_filter).order_by(
            numbers_t.c.last_seen.desc(), numbers_t.c.id.desc()
        )
        with self._store.read() as conn:
            return [_number_record(r) for r in conn.execute(query)]

    def ids(self, number_filter: NumberFilter | None = None) -> list[int]:
        """The matching numbers' ids, most recently seen first: the rows of a lazy table,
        whose records are read by id (`get_many`) as they are shown."""
        number_filter = number_filter or NumberFilter()
        query = _filtered_numbers(select(numbers_t.c.id), number_filter).order_by(
            numbers_t.c.last_seen.desc(), numbers_t.c.id.desc()
        )
        with self._store.read() as conn:
            return [int(value) for value in conn.execute(query).scalars()]

    def get_many(self, ids: Sequence[int]) -> list[NumberRecord]:
        """The numbers with these ids (unknown ids are left out), in no particular order."""
        found: list[NumberRecord] = []
        with self._store.read() as conn:
            for chunk in chunked(list(dict.fromkeys(ids))):
                rows = conn.execute(select(numbers_t).where(numbers_t.c.id.in_(chunk)))
                found.extend(_number_record(row) for row in rows)
        return found

    def count(self, number_filter: NumberFilter | None = None) -> int:
        number_filter = number_filter or NumberFilter()
        query = _filtered_numbers(select(func.count()).select_from(numbers_t), number_filter)
        with self._store.read() as conn:
            return int(conn.execute(query.limit(None).offset(None)).scalar_one())


def _staging_table() -> Table:
    """A temporary copy of blk_sightings' columns (no constraints), for one transaction."""
    columns = [
        Column(c.name, String(32) if isinstance(c.type, Enum) else c.type)
        for c in sightings_t.c
        if c.name not in ("id", "recorded_at", "recorded_by")  # the same for every row
    ]
    return Table("blk_stage_sightings", MetaData(), *columns, prefixes=["TEMPORARY"])


def _filtered_numbers(query: Any, number_filter: NumberFilter) -> Any:
    n = numbers_t.c
    conditions: list[ColumnElement[bool]] = []
    if number_filter.number_contains.strip():
        # People type the national form (010…); E.164 keeps it after +82 without the 0.
        digits = search_digits(number_filter.number_contains)
        conditions.append(
            n.e164.contains(digits, autoescape=True) if digits is not None else false()
        )
    if number_filter.number_types:
        conditions.append(n.number_type.in_(sorted(number_filter.number_types)))
    if number_filter.min_sightings:
        conditions.append(n.sightings_count >= number_filter.min_sightings)
    if number_filter.seen_since is not None:
        conditions.append(n.last_seen >= number_filter.seen_since)
    if number_filter.case_number:
        conditions.append(
            n.id.in_(
                select(sightings_t.c.number_id).where(
                    sightings_t.c.case_number == number_filter.case_number
                )
            )
        )
    if conditions:
        query = query.where(*conditions)
    if number_filter.limit is not None:
        query = query.limit(number_filter.limit)
    if number_filter.offset:
        query = query.offset(number_filter.offset)
    return query


def _number_row(conn: Connection, number: str | int | NormalizedNumber) -> Row[Any]:
    if isinstance(number, int):
        condition = numbers_t.c.id == number
        shown = f"number #{number}"
    else:
        normalized = number if isinstance(number, NormalizedNumber) else normalize_number(number)
        condition = numbers_t.c.e164 == normalized.e164
        shown = normalized.national
    row = conn.execute(select(numbers_t).where(condition)).first()
    if row is None:
        raise NotFoundError("{shown} is not in the number registry.", shown=shown)
    return row


def _number_record(row: Row[Any]) -> NumberRecord:
    return NumberRecord(
        id=row.id,
        e164=row.e164,
        national=row.national,
        number_type=NumberType(row.number_type),
        sightings_count=row.sightings_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


def _sighting_select() -> Any:
    return select(sightings_t, numbers_t.c.e164).join(
        numbers_t, numbers_t.c.id == sightings_t.c.number_id
    )


def _sighting_record(row: Row[Any]) -> SightingRecord:
    return SightingRecord(
        id=row.id,
        number_id=row.number_id,
        e164=row.e164,
        printed_as=row.printed_as,
        source_kind=SourceKind(row.source_kind),
        source_id=row.source_id,
        case_number=row.case_number,
        photo_name=row.photo_name,
        photo_sha256=row.photo_sha256,
        photo_path=row.photo_path,
        seen_at=row.seen_at,
        place=row.place,
        latitude=row.latitude,
        longitude=row.longitude,
        collector=row.collector,
        category=AdCategory(row.category),
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        machine_confidence=row.machine_confidence,
    )
