"""The blocking schema, on its own metadata (tables prefixed `blk_`) and its own migrations.

Changing it means adding an Alembic revision under blocking/migrations/versions.
Most reads and all bulk writes use these tables through SQLAlchemy Core (`Model.__table__`):
the volumes (millions of sightings) rule out one ORM object per row.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from blocking.enums import AdCategory, SourceKind
from blocking.numbers import NumberType
from blocking.states import OPEN_STATES, RequestState

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) too.

    Stored naive-UTC on SQLite, so text comparison in SQL orders correctly.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    # Plain strings with a CHECK: portable, and readable with any database tool.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


# "One open request per number", whatever the route, as a predicate the database understands;
# shared by the index and by INSERT … ON CONFLICT, which must name the same predicate to use a
# partial index. Requests marked `duplicate_of` (open duplicates from before the rule, left
# for the analyst by migration b0002) do not hold the number.
OPEN_STATE_PREDICATE = text(
    "state IN ("
    + ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATES))
    + ") AND duplicate_of IS NULL"
)
OPEN_REQUEST_INDEX = "uq_blk_requests_open_number"


class NumberRow(Base):
    __tablename__ = "blk_numbers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    e164: Mapped[str] = mapped_column(String(20), unique=True)
    national: Mapped[str] = mapped_column(String(32))
    number_type: Mapped[NumberType] = mapped_column(_enum(NumberType, "number_type"))
    # Derived from blk_sightings, kept here so lists of 100,000 numbers need no aggregation.
    sightings_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SightingRow(Base):
    __tablename__ = "blk_sightings"
    __table_args__ = (
        # The same flyer photo or device artifact imported twice is still one sighting.
        UniqueConstraint("number_id", "dedupe_key", name="uq_blk_sightings_number_dedupe"),
        Index("ix_blk_sightings_number_category_seen", "number_id", "category", "seen_at"),
        Index("ix_blk_sightings_photo_sha256", "photo_sha256"),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number_id: Mapped[int] = mapped_column(ForeignKey("blk_numbers.id"))
    printed_as: Mapped[str] = mapped_column(String(200), default="")
    source_kind: Mapped[SourceKind] = mapped_column(_enum(SourceKind, "source_kind"))
    # Where it came from, as plain data: blocking knows nothing of the workstation's tables.
    source_id: Mapped[str] = mapped_column(String(100), default="")
    case_number: Mapped[str] = mapped_column(String(64), default="")
    photo_name: Mapped[str] = mapped_column(String(255), default="")
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    photo_path: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(500), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    collector: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[AdCategory] = mapped_column(_enum(AdCategory, "ad_category"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    # A flyer-photo number the OCR accepted without review: its confidence. NULL when a person
    # entered, accepted or corrected the number (or for other sources).
    machine_confidence: Mapped[float | None] = mapped_column(Float)


class PackageRow(Base):
    __tablename__ = "blk_packages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    routes: Mapped[str] = mapped_column(String(400))
    request_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[str] = mapped_column(String(64))
    created_by_name: Mapped[str] = mapped_column(String(200))


class RequestRow(Base):
    __tablename__ = "blk_requests"
    __table_args__ = (
        Index(
            OPEN_REQUEST_INDEX,
            "number_id",
            unique=True,
            sqlite_where=OPEN_STATE_PREDICATE,
            postgresql_where=OPEN_STATE_PREDICATE,
        ),
        Index("ix_blk_requests_state_route", "state", "route", "state_changed_at"),
        Index("ix_blk_requests_number_route_closed", "number_id", "route", "closed_at"),
        # Four-eyes, also for anyone writing to the table without this library.
        CheckConstraint(
            "approved_by_id IS NULL OR approved_by_id <> drafted_by_id", name="four_eyes"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number_id: Mapped[int] = mapped_column(ForeignKey("blk_numbers.id"))
    route: Mapped[str] = mapped_column(String(40))
    # Copied from the configuration at drafting, which may be edited later.
    legal_basis: Mapped[str] = mapped_column(String(300))
    category: Mapped[AdCategory] = mapped_column(_enum(AdCategory, "ad_category"))
    state: Mapped[RequestState] = mapped_column(_enum(RequestState, "request_state"))
    requesting_agency: Mapped[str] = mapped_column(String(200), default="")
    officer: Mapped[str] = mapped_column(String(200), default="")
    drafted_by_id: Mapped[str] = mapped_column(String(64))
    drafted_by_name: Mapped[str] = mapped_column(String(200))
    approved_by_id: Mapped[str | None] = mapped_column(String(64))
    approved_by_name: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    carrier: Mapped[str] = mapped_column(String(100), default="")
    response_reference: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("blk_packages.id"), index=True)
    suspended_from: Mapped[date | None] = mapped_column(Date)
    suspended_until: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set only by migration b0002: an open request younger than another open one for the same
    # number (the old one-per-route rule allowed it); it does not hold the number.
    duplicate_of: Mapped[int | None] = mapped_column(Integer)


class RequestEvidenceRow(Base):
    __tablename__ = "blk_request_evidence"

    request_id: Mapped[int] = mapped_column(ForeignKey("blk_requests.id"), primary_key=True)
    sighting_id: Mapped[int] = mapped_column(
        ForeignKey("blk_sightings.id"), primary_key=True, index=True
    )


class HistoryRow(Base):
    __tablename__ = "blk_request_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("blk_requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[RequestState | None] = mapped_column(
        _enum(RequestState, "history_from_state")
    )
    to_state: Mapped[RequestState] = mapped_column(_enum(RequestState, "history_to_state"))
    note: Mapped[str] = mapped_column(Text, default="")
    package_sha256: Mapped[str | None] = mapped_column(String(64))


# Core handles for bulk statements.
numbers_t = cast(Table, NumberRow.__table__)
sightings_t = cast(Table, SightingRow.__table__)
requests_t = cast(Table, RequestRow.__table__)
evidence_t = cast(Table, RequestEvidenceRow.__table__)
history_t = cast(Table, HistoryRow.__table__)
packages_t = cast(Table, PackageRow.__table__)
