"""The catalog schema. Changing it means adding an Alembic migration under migrations/versions."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine, UserDefinedType

from forensics_app.enums import (
    CaseStatus,
    ItemKind,
    ItemStatus,
    ReviewStatus,
    Role,
    VerificationResult,
)

__all__ = [
    "CaseStatus",
    "ItemKind",
    "ItemStatus",
    "ReviewStatus",
    "Role",
    "VerificationResult",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on every database.

    SQLite has no time zones: SQLAlchemy would store an aware KST time as its wall-clock
    digits and hand back a naive value, silently nine hours off. Here every value is
    converted to UTC before it is stored and comes back marked as UTC; naive input is refused
    rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)


def utc_microseconds(value: datetime) -> int:
    """Microseconds since 1970 (UTC) of an aware time: UtcTimeKey's SQLite form."""
    return (value - EPOCH) // ONE_MICROSECOND


def from_utc_microseconds(value: int) -> datetime:
    return EPOCH + timedelta(microseconds=value)


class _SqliteMicroseconds(UserDefinedType[int]):
    """UtcTimeKey's column on SQLite: declared DATETIME as before (a store migrated to
    integer keys keeps its table definitions: only the values changed, see migration 0009),
    holding integers (DATETIME's NUMERIC affinity stores them as integers)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "DATETIME"


class UtcTimeKey(TypeDecorator[datetime]):
    """UtcDateTime for the time keys of the million-row artifact tables (a message's
    sent_at, a call's started_at): the same aware UTC datetimes in and out, stored on SQLite
    as integer microseconds since 1970 instead of 26 characters of text — an integer key is
    a third of the bytes in the table and in each of its indexes, sorts faster when those
    indexes are built, and is computed from a source's epoch times by one multiplication.
    PostgreSQL keeps timestamptz. ORM comparisons bind through the type, so they work on
    both; SQL written by hand must use `utc_microseconds` on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _SqliteMicroseconds()
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone")
        if dialect.name == "sqlite":
            return utc_microseconds(value)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.__class__ is int:
            return EPOCH + timedelta(0, 0, value)
        if isinstance(value, str):  # UtcDateTime's text, met in a UNION with such columns
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    # Stored as plain strings with a CHECK: portable between SQLite and PostgreSQL and
    # readable by anyone who opens the database with another tool.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


class Examiner(Base):
    __tablename__ = "examiners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    badge_number: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    password_hash: Mapped[str | None] = mapped_column(String(400))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    offence_type: Mapped[str] = mapped_column(String(200), default="")
    lead_examiner_id: Mapped[int | None] = mapped_column(ForeignKey("examiners.id"))
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus, "case_status"))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EvidenceItem(Base):
    __tablename__ = "evidence_items"
    __table_args__ = (
        UniqueConstraint("case_id", "exhibit_number", name="uq_evidence_items_case_exhibit"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_evidence_items_case_kind", "case_id", "kind"),
        Index("ix_evidence_items_case_status", "case_id", "status"),
        Index("ix_evidence_items_case_created", "case_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, "item_kind"))
    exhibit_number: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    make: Mapped[str] = mapped_column(String(200), default="")
    model: Mapped[str] = mapped_column(String(200), default="")
    serial_number: Mapped[str] = mapped_column(String(200), default="")
    imei: Mapped[str] = mapped_column(String(64), default="")
    seized_from: Mapped[str] = mapped_column(String(500), default="")
    seized_location: Mapped[str] = mapped_column(String(500), default="")
    seized_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    seized_by: Mapped[str] = mapped_column(String(200), default="")
    storage_location: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, "item_status"))
    custodian_id: Mapped[int | None] = mapped_column(ForeignKey("examiners.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EvidenceFile(Base):
    __tablename__ = "evidence_files"
    __table_args__ = (
        UniqueConstraint("item_id", "source_path", name="uq_evidence_files_item_path"),
        CheckConstraint("size >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    relative_path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    md5: Mapped[str] = mapped_column(String(32))
    hashed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_verification: Mapped[VerificationResult | None] = mapped_column(
        _enum(VerificationResult, "verification_result")
    )


class CustodyEntry(Base):
    """One link of the tamper-evident custody chain. Rows are only ever inserted.

    `seq` is assigned under the chain-head lock (not an autoincrement, which can leave gaps on
    rollback and would read as a deleted entry). `recorded_at` is ISO-8601 text so its hashed
    form survives any database round trip byte for byte.
    """

    __tablename__ = "custody_log"
    __table_args__ = (
        Index("ix_custody_log_case_seq", "case_id", "seq"),
        Index("ix_custody_log_item_seq", "item_id", "seq"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    recorded_at: Mapped[str] = mapped_column(String(32))
    examiner_id: Mapped[int] = mapped_column(ForeignKey("examiners.id"))
    actor: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_files.id"))
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class CustodyChainHead(Base):
    """The last link, kept apart so a deletion of the newest entries is also detected, and
    locked on PostgreSQL to serialise appends from several workstations."""

    __tablename__ = "custody_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    entry_hash: Mapped[str] = mapped_column(String(64))


class FlyerPhoto(Base):
    """What the workstation knows about one flyer photo beyond its hashes: camera metadata,
    and which near-identical photos of the same flyer it belongs with."""

    __tablename__ = "flyer_photos"

    file_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    taken_at_raw: Mapped[str] = mapped_column(String(64), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    device: Mapped[str] = mapped_column(String(200), default="")
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    dhash: Mapped[str | None] = mapped_column(String(16))
    # The first photo of its near-duplicate group (itself when it starts one).
    group_file_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    metadata_error: Mapped[str] = mapped_column(Text, default="")


class OcrResult(Base):
    """The outcome of one photo under one version of the pipeline: one row, written once, so a
    batch that was killed resumes with the photos that have none."""

    __tablename__ = "ocr_results"
    __table_args__ = (
        UniqueConstraint("file_id", "pipeline_version", name="uq_ocr_results_file_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"))
    pipeline_version: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean)
    failure_reason: Mapped[str] = mapped_column(String(64), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(32), default="")
    category_hits: Mapped[str] = mapped_column(Text, default="{}")
    text_lines: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OcrNumber(Base):
    __tablename__ = "ocr_numbers"
    __table_args__ = (Index("ix_ocr_numbers_review", "review_status", "confidence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("ocr_results.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"), index=True)
    e164: Mapped[str] = mapped_column(String(20), index=True)
    national: Mapped[str] = mapped_column(String(32))
    number_type: Mapped[str] = mapped_column(String(32))
    printed: Mapped[str] = mapped_column(Text)
    box_left: Mapped[int] = mapped_column(Integer)
    box_top: Mapped[int] = mapped_column(Integer)
    box_width: Mapped[int] = mapped_column(Integer)
    box_height: Mapped[int] = mapped_column(Integer)
    quad: Mapped[str] = mapped_column(Text, default="[]")
    confidence: Mapped[float] = mapped_column(Float)
    sources: Mapped[str] = mapped_column(String(200), default="")
    review_status: Mapped[ReviewStatus] = mapped_column(_enum(ReviewStatus, "review_status"))
    corrected_e164: Mapped[str | None] = mapped_column(String(20))
    # The number this read added to the block-request registry, if any (None: not registered).
    registered_e164: Mapped[str | None] = mapped_column(String(20))
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("examiners.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


# ---- device artifacts (issue 11) ---------------------------------------------------------------
# Everything a parser reads out of a seized device's databases. Each artifact row keeps its
# provenance next to it: the import source (file, SHA-256, parser), the table and row id it came
# from, the raw timestamp and the raw number as written. Vocabulary columns (direction, service,
# ...) are plain strings without CHECK constraints: tool exports (issue 12) bring values of their
# own, and a new word must not need a migration. Text that came from evidence is Text, never a
# bounded String: a hostile 10,000-character "address" must not fail an import on PostgreSQL.
# Full-text search structures are per dialect and maintained by the migration, not here (their
# names start with "search_"; see storage.migrations.SEARCH_PREFIX).
# The high-volume tables repeat case_id and item_id for their indexes but carry no foreign key
# on them: the source row they point at (import_sources) holds both keys, and a foreign-key
# lookup per row would cost a fifth of a million-row import.


class ArtifactKind(enum.StrEnum):
    MESSAGE = "message"
    CALL = "call"
    CONTACT = "contact"


# A message body is stored whole (it is evidence), but only this many characters of its subject
# and body are indexed for search and scanned for numbers: real SMS, MMS and iMessage texts are
# far shorter (the longest real one seen here is a few thousand characters), while a hostile
# 24 MB body made an import write 1.5 GB of trigram index. Bodies past it get a parse note
# (ingest). PostgreSQL's trigram index covers the same prefix (migration 0010).
SEARCHED_TEXT_LIMIT = 65_536


class ImportSource(Base):
    """One source file read by one parser into one evidence item. The same content read by the
    same parser into the same case again is refused by the unique key: imports are idempotent."""

    __tablename__ = "import_sources"
    __table_args__ = (
        UniqueConstraint("case_id", "parser", "content_key", name="uq_import_sources_content"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    parser: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    logical_path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    md5: Mapped[str] = mapped_column(String(32))
    # -wal / -journal / -shm read with it: [{"name", "size", "sha256", "md5"}]
    companions: Mapped[str] = mapped_column(Text, default="[]")
    # SHA-256 over the main file's and its -wal/-journal's digests: what was actually read.
    content_key: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[str] = mapped_column(Text, default="")
    counts: Mapped[str] = mapped_column(Text, default="{}")
    skipped: Mapped[str] = mapped_column(Text, default="[]")
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    imported_by: Mapped[int] = mapped_column(ForeignKey("examiners.id"))


class ArtifactConversation(Base):
    __tablename__ = "artifact_conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"))
    source_key: Mapped[str] = mapped_column(Text)
    service: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)


class ArtifactMessage(Base):
    __tablename__ = "artifact_messages"
    __table_args__ = (
        # One phone's messages are the case's, filtered: a second time index would cost a
        # tenth of an import for what is usually the same order.
        Index("ix_artifact_messages_case_time", "case_id", "sent_at"),
        Index("ix_artifact_messages_conversation_time", "conversation_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"))
    source_table: Mapped[str] = mapped_column(String(64))
    source_row: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("artifact_conversations.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UtcTimeKey)
    sent_at_raw: Mapped[str] = mapped_column(String(64), default="")
    direction: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="")
    is_read: Mapped[bool | None] = mapped_column(Boolean)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    service: Mapped[str] = mapped_column(String(32))
    number_raw: Mapped[str] = mapped_column(Text, default="")
    number_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    number_digits: Mapped[str] = mapped_column(String(32), default="")
    number_kind: Mapped[str] = mapped_column(String(16), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    attachment_count: Mapped[int] = mapped_column(Integer, default=0)
    parse_note: Mapped[str] = mapped_column(Text, default="")


class ArtifactAttachment(Base):
    __tablename__ = "artifact_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("artifact_messages.id"), index=True)
    source_row: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    mime_type: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int | None] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(Text, default="")


class ArtifactCall(Base):
    __tablename__ = "artifact_calls"
    __table_args__ = (Index("ix_artifact_calls_case_time", "case_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"))
    source_table: Mapped[str] = mapped_column(String(64))
    source_row: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime | None] = mapped_column(UtcTimeKey)
    started_at_raw: Mapped[str] = mapped_column(String(64), default="")
    direction: Mapped[str] = mapped_column(String(16))
    call_type: Mapped[str] = mapped_column(String(32))
    answered: Mapped[bool | None] = mapped_column(Boolean)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    service: Mapped[str] = mapped_column(String(32))
    app: Mapped[str] = mapped_column(Text, default="")
    number_raw: Mapped[str] = mapped_column(Text, default="")
    number_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    number_digits: Mapped[str] = mapped_column(String(32), default="")
    number_kind: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    parse_note: Mapped[str] = mapped_column(Text, default="")


class ArtifactContact(Base):
    __tablename__ = "artifact_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"))
    source_table: Mapped[str] = mapped_column(String(64))
    source_row: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(Text, default="")
    given_name: Mapped[str] = mapped_column(Text, default="")
    family_name: Mapped[str] = mapped_column(Text, default="")
    organization: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    modified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    times_raw: Mapped[str] = mapped_column(String(64), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    parse_note: Mapped[str] = mapped_column(Text, default="")


class ArtifactContactPoint(Base):
    """One number, e-mail or other address of a contact, with its label."""

    __tablename__ = "artifact_contact_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("artifact_contacts.id"), index=True)
    case_id: Mapped[int] = mapped_column(Integer)
    source_row: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[str] = mapped_column(Text, default="")
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    digits: Mapped[str] = mapped_column(String(32), default="")


class ArtifactMention(Base):
    """A number that an artifact mentions beyond its own address: written in a message body,
    or a further participant of a group message. Lets number search and the flyer
    cross-reference find it by index."""

    __tablename__ = "artifact_mentions"
    __table_args__ = (Index("ix_artifact_mentions_artifact", "artifact_kind", "artifact_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(Integer)
    artifact_kind: Mapped[str] = mapped_column(String(16))
    artifact_id: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    e164: Mapped[str] = mapped_column(String(20), index=True)
    raw: Mapped[str] = mapped_column(Text, default="")


class ArtifactHourCount(Base):
    """How many artifacts of a kind one source holds per UTC hour, written by the import: the
    case timeline's chart reads these few thousand rows, not a million messages."""

    __tablename__ = "artifact_hour_counts"
    __table_args__ = (Index("ix_artifact_hour_counts_case_hour", "case_id", "hour"),)

    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)


class ArtifactAnnotation(Base):
    """An analyst's tag or note on any artifact (audited in the custody log)."""

    __tablename__ = "artifact_annotations"
    __table_args__ = (
        Index("ix_artifact_annotations_artifact", "artifact_kind", "artifact_id"),
        Index("ix_artifact_annotations_case_tag", "case_id", "tag"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    artifact_kind: Mapped[str] = mapped_column(String(16))
    artifact_id: Mapped[int] = mapped_column(Integer)
    tag: Mapped[str] = mapped_column(String(100), default="")  # "" for a note
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("examiners.id"))


class ImportContainer(Base):
    """A container an import read its sources from: an archive (zip, tar), an iTunes/Finder
    backup, a Cellebrite UFDR, a tool export. Its hash is the container file's (empty for a
    backup folder, whose files are catalogued one by one); `info` keeps what it says about the
    case, the device and the extraction (JSON), the few facts people look for have columns."""

    __tablename__ = "import_containers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    md5: Mapped[str] = mapped_column(String(32), default="")
    device_name: Mapped[str] = mapped_column(Text, default="")
    os_version: Mapped[str] = mapped_column(String(100), default="")
    extracted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    info: Mapped[str] = mapped_column(Text, default="{}")
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    imported_by: Mapped[int] = mapped_column(ForeignKey("examiners.id"))


class ImportContainerMember(Base):
    """Which import source came out of which container, and the member's path inside it."""

    __tablename__ = "import_container_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    container_id: Mapped[int] = mapped_column(ForeignKey("import_containers.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("import_sources.id"), unique=True)
    member_path: Mapped[str] = mapped_column(Text)


# ---- CCTV ----------------------------------------------------------------------------------
class CctvCamera(Base):
    """A camera (channel) of a recorder evidence item, with where its on-screen clock is."""

    __tablename__ = "cctv_cameras"
    __table_args__ = (UniqueConstraint("item_id", "key", name="uq_cctv_cameras_item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    key: Mapped[str] = mapped_column(String(32))  # "ch1", or "unknown"
    channel: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")
    # OSD region, ink and layout (JSON; "" until found); who drew it, if an examiner did.
    osd_settings: Mapped[str] = mapped_column(Text, default="")
    osd_set_by: Mapped[int | None] = mapped_column(ForeignKey("examiners.id"))
    osd_set_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CctvClip(Base):
    """What one file of a CCTV export is and says. The three clocks are kept apart as the
    sources wrote them (naive ISO text: recorders have no zone); the corrected span (UTC) is
    derived from the examiner's choice of source and the recorder's offset, and recomputed
    when either changes."""

    __tablename__ = "cctv_clips"
    __table_args__ = (
        Index("ix_cctv_clips_item_camera", "item_id", "camera_id"),
        Index("ix_cctv_clips_corrected", "corrected_start", "corrected_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cctv_cameras.id"))
    engine_version: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(
        String(16)
    )  # ok | problems | needs_player | not_video | failed
    format: Mapped[str] = mapped_column(String(32))
    format_reason: Mapped[str] = mapped_column(Text, default="")
    container: Mapped[str] = mapped_column(String(64), default="")
    video_codec: Mapped[str] = mapped_column(String(32), default="")
    audio_codec: Mapped[str] = mapped_column(String(32), default="")
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    declared_fps: Mapped[float | None] = mapped_column(Float)
    measured_fps: Mapped[float | None] = mapped_column(Float)
    fps_variable: Mapped[bool] = mapped_column(Boolean, default=False)
    fps_implausible: Mapped[bool] = mapped_column(Boolean, default=False)
    frame_count: Mapped[int] = mapped_column(Integer, default=0)
    key_frames: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[float | None] = mapped_column(Float)
    channel: Mapped[int | None] = mapped_column(Integer)
    dhav_channel_byte: Mapped[int | None] = mapped_column(Integer)
    name_convention: Mapped[str] = mapped_column(String(200), default="")
    name_stream: Mapped[str] = mapped_column(String(16), default="")
    name_kind: Mapped[str] = mapped_column(String(16), default="")
    name_start_raw: Mapped[str] = mapped_column(String(64), default="")
    name_end_raw: Mapped[str] = mapped_column(String(64), default="")
    name_start: Mapped[str] = mapped_column(String(40), default="")
    name_end: Mapped[str] = mapped_column(String(40), default="")
    container_time_kind: Mapped[str] = mapped_column(String(32), default="")
    container_time_raw: Mapped[str] = mapped_column(String(200), default="")
    container_start: Mapped[str] = mapped_column(String(40), default="")
    container_end: Mapped[str] = mapped_column(String(40), default="")
    osd_status: Mapped[str] = mapped_column(String(16), default="not_read")
    osd_start: Mapped[str] = mapped_column(String(40), default="")
    osd_end: Mapped[str] = mapped_column(String(40), default="")
    osd_message: Mapped[str] = mapped_column(Text, default="")
    osd_detail: Mapped[str] = mapped_column(Text, default="{}")  # readings, events, pieces
    gaps: Mapped[str] = mapped_column(Text, default="[]")
    problems: Mapped[str] = mapped_column(Text, default="[]")
    time_source: Mapped[str] = mapped_column(String(16), default="")
    corrected_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    corrected_end: Mapped[datetime | None] = mapped_column(UtcDateTime)
    corrected_note: Mapped[str] = mapped_column(Text, default="")
    sha256_after: Mapped[str] = mapped_column(String(64), default="")
    analysed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class CctvClockOffset(Base):
    """The recorder's shown time against a reference clock at seizure. Rows are only added;
    the newest applies (offset = recorder - reference)."""

    __tablename__ = "cctv_clock_offsets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    shown: Mapped[str] = mapped_column(String(40))  # the recorder's wall clock, naive ISO
    shown_raw: Mapped[str] = mapped_column(String(100), default="")
    reference: Mapped[datetime] = mapped_column(UtcDateTime)
    reference_raw: Mapped[str] = mapped_column(String(100), default="")
    zone: Mapped[str] = mapped_column(String(64))
    offset_s: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("examiners.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CctvTimeSourceChoice(Base):
    """Which clock of a recorder's clips the timeline uses. Rows are only added; the newest
    applies."""

    __tablename__ = "cctv_time_source_choices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    chosen_by: Mapped[int] = mapped_column(ForeignKey("examiners.id"))
    chosen_at: Mapped[datetime] = mapped_column(UtcDateTime)
