"""The one public ingest path: evidence sources → importers → the artifact store.

An import belongs to an evidence item (a phone): given with `item_id`, or created in the same
transaction. For every source it
  1. recognises the file by content (signature, then the importers' required structure),
  2. copies it with its -wal/-shm/-journal into a working folder, hashing while copying,
     and opens only the copy (so the live rows of the WAL are read, and evidence is never
     opened in place),
  3. streams the importer's records into the store in bulk (per dialect: executemany on
     SQLite, COPY on PostgreSQL), each source in a savepoint of its own so a damaged one is
     reported and the others go on,
  4. hashes the original again: the import stands only if it did not change,
and then catalogues the source files under the item and appends ONE custody entry with the
source hashes and the counts, all in one transaction. Importing the same content with the same
parser into the same case again adds nothing (`import_sources` is keyed on it).

Other importers (flyer photos, CCTV clips) are meant to come here too: the shared steps —
`open_case`, `item_for_import`, `catalogue_files`, one custody entry — are public below, and
the artifact writing is one `ArtifactWriter` per source. Moving the flyer-photo import onto
this path is left to the owner of services/flyers.py.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from blocking.errors import os_reason, sqlite_reason
from forensics_app import config, messages
from forensics_app.clock import Clock
from forensics_app.errors import NotFoundError, UserError
from forensics_app.importers import registry, sources, wal
from forensics_app.importers.addresses import (
    SEVEN_DIGITS,
    Address,
    AddressKind,
    classify,
    numbers_in_text,
)
from forensics_app.importers.base import ParseContext, ParseReport, SqliteImporter
from forensics_app.importers.bulk import ContactTables, TableRows
from forensics_app.importers.containers import ImportOptions
from forensics_app.importers.containers import expansion as expand_containers
from forensics_app.importers.containers.base import MemberSource
from forensics_app.importers.containers.decoded import DecodedImporter
from forensics_app.importers.records import (
    KIND_OF_RECORD,
    CallRecord,
    ContactRecord,
    ConversationRecord,
    MessageRecord,
    PointKind,
    Record,
)
from forensics_app.importers.sources import SourceFile, WorkingCopy
from forensics_app.importers.sqlite import (
    DatabaseUnreadable,
    SignatureKind,
    SqliteDatabase,
    add_device_collations,
    sniff,
)
from forensics_app.messages import Message, joined, message_to_json, msg, msg_n
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled
from forensics_app.services import containers as container_store
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.evidence import EvidenceService, shown_path
from forensics_app.services.ingest_sql import (
    BODY_SCAN_LIMIT,
    DURATION_MAX,
    DURATION_MIN,
    HOUR_MICROSECONDS,
    TableLoader,
    load_contacts,
    timed,
)
from forensics_app.services.records import Actor, ItemRecord
from forensics_app.services.validation import FUTURE_SLACK
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    EPOCH,
    ONE_MICROSECOND,
    Case,
    CaseStatus,
    EvidenceFile,
    EvidenceItem,
    ImportSource,
    ItemKind,
    ItemStatus,
)

log = logging.getLogger(__name__)

EXHIBIT_PREFIX = "EX-"
BATCH_ROWS = 20_000
GC_YOUNG_THRESHOLD = 100_000
SQLITE_IMPORT_CACHE_KIB = 48 * 1024
# With the secondary indexes deferred, rows are only appended: a third of the cache does as
# well (a million-message import: 19.2 s with 48 MB, 19.4 s with 16 MB; peak 264 -> 230 MB;
# a UFDR of a million models 221 -> 185 MB in the importer).
SQLITE_APPEND_CACHE_KIB = 16 * 1024
SQLITE_TEMP_CACHE_KIB = 32 * 1024
SQLITE_ANALYSIS_LIMIT = 1000  # rows sampled per index: statistics in milliseconds
# CREATE INDEX sorts runs of this much in memory, then merges them from disk. Small runs stay
# in the processor's cache: a million-row index costs 0.8 s of CPU sorting 2 MiB runs and
# 1.3 s sorting 16 MiB ones (measured on the device benchmark's store).
SQLITE_INDEX_BUILD_CACHE_KIB = 512
# A large import into a small store builds the SQLite indexes once, at the end (see
# BulkWriter.defer_indexes); a source database holds about this many bytes per row.
DEFER_INDEXES_FROM_ROWS = 50_000
BYTES_PER_SOURCE_ROW = 150
ARTIFACT_TABLES = (
    "artifact_messages", "artifact_calls", "artifact_hour_counts", "artifact_contacts",
    "artifact_contact_points", "artifact_mentions", "artifact_attachments",
    "artifact_conversations",
)  # fmt: skip
HEAD_BYTES = 4096
NOT_DEVICE_DATA_KINDS = frozenset({ItemKind.CCTV_RECORDER, ItemKind.FLYER_PHOTO_BATCH})
POSTGRES_BULK_SETTINGS = {"work_mem": "64MB", "gin_pending_list_limit": "64MB"}
# A large import drops and rebuilds the artifact indexes only if their tables are free within
# this long (see BulkWriter.defer_indexes); the rebuild sorts in this much server memory.
POSTGRES_DEFER_LOCK_TIMEOUT = "2s"
POSTGRES_INDEX_BUILD_MEMORY = "256MB"
# Working copies attached to the store's connection at once for the SQL path (SQLite allows
# ten); beyond them tables are read the Python way.
MAX_ATTACHED_SOURCES = 8
ARTIFACT_KINDS = ("message", "call", "contact")
SEARCH_TABLE = "search_messages_fts"
# Appended to every indexed text: each 1- or 2-character substring then starts a trigram,
# so short Korean queries (대출) are answered from the index too (see services.artifacts).
SEARCH_SENTINEL = "\x01\x01"
# The parse note of a body longer than BODY_SCAN_LIMIT: a constant sentence, stored as it
# is and shown in the reader's language (messages.stored_note).
LONG_BODY_NOTE = msg(
    "very long body, kept whole: search and the number scan cover its first 65,536 characters"
).template
SEARCH_BULK_ROWS = 100_000
SEARCH_BULK_HASH_BYTES = 32 * 1024 * 1024
FTS5_DEFAULT_HASH_BYTES = 1024 * 1024


# ---- reports --------------------------------------------------------------------------------
class SourceStatus:
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"
    FAILED = "failed"


@dataclass
class SourceReport:
    path: str
    sha256: str
    parser: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[Message] = field(default_factory=list)  # why rows were not read, counted
    warnings: list[Message] = field(default_factory=list)
    version: str = ""
    message: Message | None = None  # why nothing was imported from it, and that nothing was
    reason: Message | None = None  # the why alone, for a summary that says "nothing" itself
    companions: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "parser": self.parser,
            "counts": {k: self.counts.get(k, 0) for k in ARTIFACT_KINDS},
            "skipped": [str(note) for note in self.skipped],  # English, for scripts
            "status": self.status,
            "version": self.version,
            "companions": self.companions,
            **({"message": str(self.message)} if self.message else {}),
        }


@dataclass
class ImportReport:
    item: ItemRecord | None
    created_item: bool = False
    sources: list[SourceReport] = field(default_factory=list)
    # for people, in their language; --json and the custody details keep the English
    warnings: list[Message] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for source in self.sources:
            if source.status == SourceStatus.IMPORTED:
                totals.update(source.counts)
        return {k: totals.get(k, 0) for k in ARTIFACT_KINDS}

    @property
    def imported(self) -> bool:
        return any(s.status == SourceStatus.IMPORTED for s in self.sources)

    def as_json(self) -> dict[str, Any]:
        return {
            "item": self.item.exhibit_number if self.item else None,
            "counts": self.counts,
            "sources": [s.as_json() for s in self.sources],
            "warnings": [str(note) for note in self.warnings],
        }


@dataclass
class _Candidate:
    copy: WorkingCopy
    importers: Sequence[SqliteImporter | DecodedImporter]
    version_hint: str = ""


class _NothingNew(Exception):
    """Every source turned out to be imported already (by a concurrent import)."""


class NothingRecognisedError(UserError):
    """None of the given paths holds a source any importer reads."""


# ---- shared steps (public: other importers use them) ------------------------------------------
def open_case(session: Session, case_id: int) -> Case:
    case_row = session.get(Case, case_id)
    if case_row is None:
        raise NotFoundError("No case with id {case_id}.", case_id=case_id)
    if case_row.status != CaseStatus.OPEN:
        raise UserError(
            "Case {number} is {value}: reopen it to import into it.",
            number=case_row.number,
            value=CaseStatus(case_row.status),  # a word for a Korean reader
        )
    return case_row


def next_exhibit_number(session: Session, case_id: int) -> str:
    highest = 0
    for number in session.scalars(
        select(EvidenceItem.exhibit_number).where(
            EvidenceItem.case_id == case_id,
            EvidenceItem.exhibit_number.like(f"{EXHIBIT_PREFIX}%"),
        )
    ):
        match = re.fullmatch(rf"{EXHIBIT_PREFIX}(\d+)", number)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{EXHIBIT_PREFIX}{highest + 1:04d}"


def item_for_import(
    session: Session,
    audit: CustodyWriter,
    by: Actor,
    case_row: Case,
    item_id: int | None,
    *,
    kind: ItemKind,
    description: str,
    now: datetime,
) -> tuple[EvidenceItem, bool]:
    """The item an import belongs to: the given one (which must be in the case), or a new one
    created in the caller's transaction with its custody entry. Returns (item, created)."""
    if item_id is not None:
        found = session.get(EvidenceItem, item_id)
        if found is None or found.case_id != case_row.id:
            raise NotFoundError(
                "No item {item_id} in case {number}.", item_id=item_id, number=case_row.number
            )
        found.updated_at = now
        return found, False
    exhibit = next_exhibit_number(session, case_row.id)
    item = EvidenceItem(
        case_id=case_row.id,
        kind=kind,
        exhibit_number=exhibit,
        description=description,
        status=ItemStatus.IN_ANALYSIS,
        custodian_id=by.id,
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    audit.append(
        Action.CREATE,
        Events.ITEM_CATALOGUED_FOR_IMPORT(exhibit=exhibit, kind=kind, case=case_row.number),
        {"after": {"kind": kind.value, "exhibit_number": exhibit, "description": description}},
        case_id=case_row.id,
        item_id=item.id,
    )
    return item, True


@dataclass(frozen=True)
class CataloguedFile:
    path: str
    relative_path: str
    size: int
    sha256: str
    md5: str


def catalogue_files(
    session: Session,
    item: EvidenceItem,
    files: Iterable[CataloguedFile],
    now: datetime,
    audit: CustodyWriter,
) -> list[Message]:
    """Add the files read by an import to the item's files (hashes recorded as read), unless
    the item lists them already; each new file gets its own "hash" custody entry, as files
    added by hand do: it is what `verify` holds a catalogue row against. Returns warnings (a
    file listed with other hashes)."""
    known = {
        row.source_path: row
        for row in session.scalars(select(EvidenceFile).where(EvidenceFile.item_id == item.id))
    }
    warnings: list[Message] = []
    for file in files:
        existing = known.get(file.path)
        if existing is not None:
            if existing.sha256 != file.sha256:
                warnings.append(
                    msg(
                        "{path} is listed in {exhibit} with SHA-256 {listed}, but read now as "
                        "{read}",
                        path=file.path,
                        exhibit=item.exhibit_number,
                        listed=existing.sha256,
                        read=file.sha256,
                    )
                )
            continue
        row = EvidenceFile(
            item_id=item.id,
            source_path=file.path,
            relative_path=file.relative_path,
            size=file.size,
            sha256=file.sha256,
            md5=file.md5,
            hashed_at=now,
        )
        session.add(row)
        session.flush()
        known[file.path] = row
        audit.append(
            Action.HASH,
            Events.FILE_HASHED(exhibit=item.exhibit_number, path=row.relative_path),
            {"path": row.source_path, "size": row.size, "sha256": row.sha256, "md5": row.md5},
            case_id=item.case_id,
            item_id=item.id,
            file_id=row.id,
        )
    return warnings


# ---- bulk writing ----------------------------------------------------------------------------
class BulkWriter:
    """Inserts many rows fast inside the caller's transaction, per dialect: the driver's
    executemany on SQLite, COPY on PostgreSQL. Ids are assigned here (so children can point
    at their parents without a round trip per row): the transaction holds the catalog's write
    lock on both databases, so no other writer takes ids meanwhile."""

    def __init__(self, session: Session) -> None:
        connection = session.connection()
        self.sqlite = connection.dialect.name == "sqlite"
        self._raw: Any = cast(Any, connection.connection.dbapi_connection)
        self._next: dict[str, int] = {}
        self._deferred: list[str] = []
        self._attached: dict[str, str] = {}
        if self.sqlite:
            # Index pages stay in memory while a million rows go in (the connection is this
            # unit of work's own and closes with it).
            self._raw.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
            # The SQL path's lookup tables (a call log's 180,000 distinct numbers: 15 MB) are
            # joined a row at a time: with SQLite's 2 MB default they are read back from the
            # temporary file over and over.
            self._raw.execute(f"PRAGMA temp.cache_size = -{SQLITE_TEMP_CACHE_KIB}")
        elif POSTGRES_BULK_SETTINGS:
            # For this transaction only: the trigram index gathers new texts in a larger
            # pending list and merges them into the index in larger batches.
            with self._raw.cursor() as cursor:
                for name, value in POSTGRES_BULK_SETTINGS.items():
                    cursor.execute("SELECT set_config(%s, %s, true)", (name, value))

    @property
    def raw(self) -> Any:
        """The driver's own connection, in the caller's transaction."""
        return self._raw

    def attach(self, path: Path) -> str | None:
        """SQLite: attach a working copy to this connection (until the transaction ends) and
        return its schema name; None when that is not possible (PostgreSQL, too many
        attached already, another text encoding)."""
        if not self.sqlite:
            return None
        key = str(path)
        if key in self._attached:
            return self._attached[key]
        if len(self._attached) >= MAX_ATTACHED_SOURCES:
            return None
        if not _structurally_sound(path):
            # A damaged page read through this connection fails every later write of the
            # transaction (the other sources' rows, the custody entry) with "malformed": a
            # damaged copy is read the Python way, on its own connection, table by table.
            return None
        name = f"fa_source{len(self._attached) + 1}"
        try:
            if not self._attached:
                add_device_collations(self._raw)
            self._raw.execute(f"ATTACH DATABASE ? AS {name}", (key,))
        except sqlite3.Error:
            return None
        self._attached[key] = name
        return name

    def next_id(self, table: str) -> int:
        """The id the next row of `table` will get, read from the table (SQLite)."""
        row = self._raw.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
        self._next[table] = int(row[0])
        return self._next[table]

    def taken(self, table: str, count: int) -> None:
        """`count` ids from `next_id` were used by rows written in SQL."""
        self._next[table] += count

    def forget(self, table: str, first: int | None = None) -> None:
        """Rows were rolled back: read the next id from the table again (SQLite), or hand the
        ids from `first` on back to the sequence (PostgreSQL: a sequence ignores rollbacks;
        this transaction holds the write lock, so no one else took ids since)."""
        self._next.pop(table, None)
        if not self.sqlite and first:
            with self._raw.cursor() as cursor:
                cursor.execute("SELECT setval(%s, %s, false)", (f"{table}_id_seq", first))

    def defer_indexes(self, tables: Sequence[str]) -> None:
        """Drop the tables' secondary indexes now and build them again in `restore_indexes`,
        within the same transaction: an interrupted import rolls the drop back with its rows.
        Building an index over a million new rows at once costs half of keeping it up to date
        row by row on SQLite, and a third on PostgreSQL (the trigram index most of all).

        SQLite readers keep seeing the committed state, indexes and all. On PostgreSQL the
        drop holds the tables' exclusive lock until the commit, so readers of the artifact
        tables wait for the import: it is taken only when free within a moment (otherwise
        the indexes stay and are kept up to date row by row), and the caller asks only for
        a large import into a store holding fewer rows than it brings. PostgreSQL's foreign
        keys of these tables are dropped and added back (checked) the same way; that locks
        the tables they point at as well (import_sources) until the commit."""
        if self.sqlite:
            for table in tables:
                found = self._raw.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL",
                    (table,),
                ).fetchall()
                for name, sql in found:
                    self._deferred.append(sql)
                    self._raw.execute(f'DROP INDEX "{name}"')
            self._raw.execute(f"PRAGMA cache_size = -{SQLITE_APPEND_CACHE_KIB}")
            return
        from psycopg import errors as psycopg_errors  # the driver of PostgreSQL stores

        with self._raw.cursor() as cursor:
            # Indexes that back no constraint (the primary keys stay: ids are checked).
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%s) "
                "AND NOT x.indisprimary AND NOT x.indisunique "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
                "ORDER BY t.relname, i.relname",
                (list(tables),),
            )
            found = cursor.fetchall()
            # Their foreign keys too: each row's check is a trigger running a query against
            # the parent (a third of the server's work for a million messages); added back,
            # a constraint is checked by one join over the whole table.
            cursor.execute(
                "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%s) "
                "AND c.contype = 'f' ORDER BY t.relname, c.conname",
                (list(tables),),
            )
            keys = cursor.fetchall()
            previous = cursor.execute("SELECT current_setting('lock_timeout')").fetchone()[0]
            cursor.execute("SAVEPOINT fa_defer_indexes")
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", (POSTGRES_DEFER_LOCK_TIMEOUT,)
            )
            try:
                for name, _ in found:
                    cursor.execute(f'DROP INDEX "{name}"')
                for table, name, _ in keys:
                    cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            except psycopg_errors.LockNotAvailable:
                log.info("artifact tables in use: their indexes are kept up to date row by row")
                cursor.execute("ROLLBACK TO SAVEPOINT fa_defer_indexes")
                found, keys = [], []
            cursor.execute("RELEASE SAVEPOINT fa_defer_indexes")
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", (previous,))
        self._deferred += [definition for _, definition in found]
        self._deferred += [
            f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
            for table, name, definition in keys
        ]

    def restore_indexes(self) -> None:
        deferred, self._deferred = self._deferred, []
        if not deferred:
            return
        if self.sqlite:
            self._raw.execute(f"PRAGMA cache_size = -{SQLITE_INDEX_BUILD_CACHE_KIB}")
            for sql in deferred:
                self._raw.execute(sql)
            return
        with self._raw.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('maintenance_work_mem', %s, true)",
                (POSTGRES_INDEX_BUILD_MEMORY,),
            )
            for sql in deferred:
                with timed(sql[:60]):
                    cursor.execute(sql)

    def analyze(self, tables: Sequence[str]) -> None:
        """Refresh the planner's statistics after a bulk load: without them SQLite answers a
        number search by walking a million rows instead of looking the number up."""
        if self.sqlite:
            self._raw.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            for table in tables:
                self._raw.execute(f"ANALYZE {table}")
        else:
            with self._raw.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")

    def row_estimate(self, table: str) -> int:
        row = self._raw.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        return int(row[0])

    def reserve(self, table: str, count: int) -> int:
        if count <= 0:
            return 0
        if self.sqlite:
            if table not in self._next:
                row = self._raw.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
                self._next[table] = int(row[0])
            first = self._next[table]
            self._next[table] = first + count
            return first
        with self._raw.cursor() as cursor:
            sequence = f"{table}_id_seq"
            cursor.execute("SELECT nextval(%s)", (sequence,))
            first = int(cursor.fetchone()[0])
            cursor.execute("SELECT setval(%s, %s)", (sequence, first + count - 1))
        return first

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        names = ", ".join(columns)
        if self.sqlite:
            marks = ", ".join("?" * len(columns))
            self._raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            return
        with (
            self._raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        if self.sqlite:
            self._raw.execute(sql, parameters)
        else:
            with self._raw.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), parameters)

    def update(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """Run an UPDATE; how many rows it changed."""
        if self.sqlite:
            return int(self._raw.execute(sql, parameters).rowcount)
        with self._raw.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), parameters)
            return int(cursor.rowcount)

    def time(self, value: datetime | None) -> Any:
        if value is None or not self.sqlite:
            return value
        # The UtcDateTime column's SQLite form: naive UTC, microseconds always written.
        return value.isoformat(" ", "microseconds")[:26]

    def flag(self, value: bool | None) -> Any:
        if value is None or not self.sqlite:
            return value
        return 1 if value else 0


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; SQLite could, but both must store the same.
    return text.replace("\x00", "") if "\x00" in text else text


MESSAGE_COLUMNS = (
    "id", "case_id", "item_id", "source_id", "source_table", "source_row", "conversation_id",
    "sent_at", "sent_at_raw", "direction", "status", "is_read", "deleted", "service",
    "number_raw", "number_e164", "number_digits", "number_kind", "participants", "subject",
    "body", "attachment_count", "parse_note",
)  # fmt: skip
CALL_COLUMNS = (
    "id", "case_id", "item_id", "source_id", "source_table", "source_row", "started_at",
    "started_at_raw", "direction", "call_type", "answered", "duration_seconds", "service", "app",
    "number_raw", "number_e164", "number_digits", "number_kind", "name", "deleted", "parse_note",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "case_id", "item_id", "source_id", "source_table", "source_row", "display_name",
    "given_name", "family_name", "organization", "notes", "created_at", "modified_at",
    "times_raw", "deleted", "parse_note",
)  # fmt: skip
POINT_COLUMNS = (
    "id", "contact_id", "case_id", "source_row", "kind", "label", "value", "e164", "digits",
)  # fmt: skip
CONVERSATION_COLUMNS = (
    "id", "case_id", "item_id", "source_id", "source_key", "service", "title", "participants",
    "is_group",
)  # fmt: skip
ATTACHMENT_COLUMNS = ("id", "message_id", "source_row", "name", "mime_type", "size", "path")
HOUR_COLUMNS = ("source_id", "kind", "hour", "case_id", "item_id", "count")
# An hour as SQLite stores a UtcDateTime (BulkWriter.time).
SQLITE_HOUR_TEXT = "%Y-%m-%d %H:00:00.000000"
MENTION_COLUMNS = (
    "id", "case_id", "item_id", "artifact_kind", "artifact_id", "role", "e164", "raw",
)  # fmt: skip


class ArtifactWriter:
    """Turns one source's records into rows: numbers normalised (E.164, default region KR,
    raw kept), numbers written in message bodies and group participants recorded as
    mentions, conversations linked, and message text put into the search index.

    Declared tables (importers.bulk.TableRows) it takes whole (`take`, the parse context's
    bulk sink): they are written by the SQL path (services.ingest_sql), which gives the
    same rows without building a record per row."""

    def __init__(
        self,
        bulk: BulkWriter,
        case_id: int,
        item_id: int,
        source_id: int,
        progress: ProgressReporter,
    ) -> None:
        self._bulk = bulk
        self._ids = (case_id, item_id, source_id)
        self._progress = progress
        self._messages: list[MessageRecord] = []
        self._calls: list[CallRecord] = []
        self._contacts: list[ContactRecord] = []
        self._conversations: dict[str, int] = {}
        self._pending_conversations: list[ConversationRecord] = []
        self.counts: Counter[str] = Counter()
        # Per UTC hour, for the timeline's chart (artifact_hour_counts).
        self._hours: dict[str, Counter[Any]] = {"message": Counter(), "call": Counter()}
        self._loader = TableLoader(bulk, self._ids, progress)
        # Message ids written record by record and not yet in the search index: indexed in
        # one statement per run of ids when the source ends (fewer, larger FTS5 segments).
        self._unindexed: list[list[int]] = []
        self.long_bodies = 0  # bodies searched and scanned only up to BODY_SCAN_LIMIT

    def take(self, rows: TableRows, ctx: ParseContext) -> bool:
        """Write a declared table in bulk; False when the importer has to read it record by
        record (the SQL path cannot give the same rows)."""
        kind = KIND_OF_RECORD.get(rows.record)
        if kind not in ("message", "call"):
            return False
        # What came before keeps its ids: earlier records are written first.
        self._add_conversations(self._pending_conversations)
        self._flush_messages()
        self._flush_calls()
        loaded = self._loader.load(rows, ctx, self)
        if loaded is None:
            return False
        last = loaded.first + loaded.count - 1
        if kind == "message" and loaded.count:
            self._note_long_bodies_found(loaded.long_bodies)
            with timed("search index"):
                self._index_messages(loaded.first, last)
            found = loaded.mentions
            for offset in range(0, len(found), BATCH_ROWS):
                self._write_mentions(
                    [
                        ("message", i, "body", e164, written)
                        for i, e164, written in found[offset : offset + BATCH_ROWS]
                    ]
                )
            found.clear()
        hours = self._hours[kind]
        if self._bulk.sqlite:
            for key, number in loaded.hours.items():
                hours[int(key)] += number
        else:
            for key, number in loaded.hours.items():
                hours[datetime.fromisoformat(key + ":00:00+00:00")] += number
        self.counts[kind] += loaded.count
        check_cancelled(self._progress)
        return True

    @property
    def takes_contacts(self) -> bool:
        return self._bulk.sqlite

    def take_contacts(self, tables: ContactTables, ctx: ParseContext) -> bool:
        """Write a source's contacts in bulk (ingest_sql.load_contacts); False when the
        importer has to give them record by record."""
        self._flush_contacts()
        loaded = load_contacts(self._bulk, self._ids, tables, ctx)
        if loaded is None:
            return False
        self.counts["contact"] += loaded[0]
        self._advance(loaded[0])
        return True

    @property
    def known(self) -> dict[str, int]:
        """Conversation key → id, of the conversations written so far."""
        return self._conversations

    def make(self, found: list[tuple[str, str, str]]) -> dict[str, int]:
        """Ids of the conversations these keys name, made up from their first message
        (key, service, address) where the source listed none (as _ensure_conversations)."""
        self._add_conversations(self._pending_conversations)
        missing = [
            ConversationRecord(key, service, address, (address,), False)
            for key, service, address in found
            if key not in self._conversations
        ]
        if missing:
            self._add_conversations(missing)
        return {key: self._conversations[key] for key, _, _ in found}

    def add(self, record: Record) -> None:
        kind = type(record)
        if kind is MessageRecord:
            self._messages.append(record)  # type: ignore[arg-type]
            if len(self._messages) >= BATCH_ROWS:
                self._flush_messages()
        elif kind is CallRecord:
            self._calls.append(record)  # type: ignore[arg-type]
            if len(self._calls) >= BATCH_ROWS:
                self._flush_calls()
        elif kind is ContactRecord:
            self._contacts.append(record)  # type: ignore[arg-type]
            if len(self._contacts) >= BATCH_ROWS:
                self._flush_contacts()
        elif kind is ConversationRecord:
            self._pending_conversations.append(record)  # type: ignore[arg-type]
        else:
            raise TypeError(f"not an artifact record: {record!r}")

    def finish(self) -> None:
        self._add_conversations(self._pending_conversations)
        self._flush_messages()
        self._flush_calls()
        self._flush_contacts()
        self._write_hours()
        runs, self._unindexed = self._unindexed, []
        for first, last in runs:
            self._note_long_bodies(first, last)
        with timed("search index"):
            for first, last in runs:
                self._index_messages(first, last)

    def _note_long_bodies(self, first: int, last: int) -> None:
        """Bodies longer than BODY_SCAN_LIMIT are kept whole but searched and scanned for
        numbers only that far: each says so in its parse note, and the import counts them."""
        # On SQLite its size in bytes first: it has it without counting characters (a third
        # of this scan's time over a million messages).
        size = "length(CAST(body AS BLOB)) > ? AND " if self._bulk.sqlite else "? > 0 AND "
        noted = self._bulk.update(
            "UPDATE artifact_messages SET parse_note = CASE WHEN parse_note = '' THEN ? "
            f"ELSE parse_note || '; ' || ? END WHERE id BETWEEN ? AND ? AND {size}"
            "length(body) > ?",
            (LONG_BODY_NOTE, LONG_BODY_NOTE, first, last, BODY_SCAN_LIMIT, BODY_SCAN_LIMIT),
        )
        self.long_bodies += noted

    def _note_long_bodies_found(self, ids: Sequence[int]) -> None:
        """_note_long_bodies for the bodies the SQL path's read back found too long."""
        for row_id in ids:
            self._note_long_bodies(row_id, row_id)

    def _write_hours(self) -> None:
        case_id, item_id, source_id = self._ids
        if self._bulk.sqlite:
            # The keys are hours since 1970 (integer time keys): SQLite writes each as the
            # UtcDateTime text (a datetime built and formatted in Python cost 0.09 s per
            # 50,000 hours).
            self._bulk.raw.executemany(
                f"INSERT INTO artifact_hour_counts ({', '.join(HOUR_COLUMNS)}) VALUES "
                f"(?, ?, strftime('{SQLITE_HOUR_TEXT}', ? * 3600, 'unixepoch'), ?, ?, ?)",
                [
                    (source_id, kind, int(key), case_id, item_id, count)
                    for kind, counts in self._hours.items()
                    for key, count in counts.items()
                ],
            )
            return
        rows = [
            (source_id, kind, hour, case_id, item_id, count)  # aware datetimes (PostgreSQL)
            for kind, counts in self._hours.items()
            for hour, count in counts.items()
        ]
        self._bulk.insert("artifact_hour_counts", HOUR_COLUMNS, rows)

    # ---- conversations
    def _add_conversations(self, records: Sequence[ConversationRecord]) -> None:
        if records is self._pending_conversations:
            self._pending_conversations = []
        fresh = list({r.key: r for r in records if r.key not in self._conversations}.values())
        if not fresh:
            return
        case_id, item_id, source_id = self._ids
        first = self._bulk.reserve("artifact_conversations", len(fresh))
        rows = []
        for offset, record in enumerate(fresh):
            row_id = first + offset
            self._conversations[record.key] = row_id
            rows.append(
                (
                    row_id, case_id, item_id, source_id, _clean(record.key)[:500],
                    record.service, _clean(record.title), _clean(", ".join(record.participants)),
                    self._bulk.flag(record.is_group),
                )
            )  # fmt: skip
        self._bulk.insert("artifact_conversations", CONVERSATION_COLUMNS, rows)

    # ---- messages
    def _ensure_conversations(self, batch: Sequence[MessageRecord]) -> None:
        """Every conversation the batch's messages belong to has a row (made up from the
        message itself where the source named none)."""
        self._add_conversations(self._pending_conversations)
        missing: dict[str, ConversationRecord] = {}
        for m in batch:
            key = m.conversation_key
            if key is not None and key not in self._conversations and key not in missing:
                missing[key] = ConversationRecord(
                    key, m.service, m.address, (m.address, *m.participants), bool(m.participants)
                )
        if missing:
            self._add_conversations(list(missing.values()))

    def _flush_messages(self) -> None:
        batch, self._messages = self._messages, []
        if not batch:
            return
        self._ensure_conversations(batch)
        case_id, item_id, source_id = self._ids
        bulk = self._bulk
        sqlite = bulk.sqlite
        has_number = SEVEN_DIGITS.search
        conversations = self._conversations
        hours = self._hours["message"]
        first = bulk.reserve("artifact_messages", len(batch))
        rows = []
        mentions: list[tuple[Any, ...]] = []
        attachments: list[tuple[Any, ...]] = []
        row_id = first - 1
        # The hot loop of an import (a million times): locals, unpacking, no helper calls.
        for m in batch:
            row_id += 1
            (table, row, sent_at, sent_at_raw, direction, status, is_read, service, key,
             address_raw, participants, subject, body, listed, deleted, note) = m  # fmt: skip
            address = classify(address_raw) if address_raw else _NO_ADDRESS
            if "\x00" in body or "\x00" in address_raw or "\x00" in subject:
                body, address_raw, subject = _clean(body), _clean(address_raw), _clean(subject)
            if sqlite:
                when: Any = None if sent_at is None else (sent_at - EPOCH) // ONE_MICROSECOND
                read: Any = None if is_read is None else int(is_read)
                gone: Any = int(deleted)
                if when is not None:
                    hours[when // HOUR_MICROSECONDS] += 1
            else:
                when, read, gone = sent_at, is_read, deleted
                if sent_at is not None:
                    hours[sent_at.replace(minute=0, second=0, microsecond=0)] += 1
            rows.append(
                (
                    row_id, case_id, item_id, source_id, table, row,
                    None if key is None else conversations[key], when, sent_at_raw, direction,
                    status, read, gone, service, address_raw, address.e164, address.digits,
                    address.kind, _clean(", ".join(participants)) if participants else "",
                    subject, body, len(listed), note,
                )
            )  # fmt: skip
            if participants:
                for other in participants:
                    found = classify(other)
                    if found.e164:
                        mentions.append(("message", row_id, "participant", found.e164, other))
            if body and has_number(body):
                for e164, written in numbers_in_text(body[:BODY_SCAN_LIMIT]):
                    mentions.append(("message", row_id, "body", e164, written))
            for a in listed:
                attachments.append(
                    (row_id, a.row, _clean(a.name), _clean(a.mime_type), a.size, _clean(a.path))
                )
        bulk.insert("artifact_messages", MESSAGE_COLUMNS, rows)
        last = first + len(batch) - 1
        if self._unindexed and self._unindexed[-1][1] == first - 1:
            self._unindexed[-1][1] = last
        else:
            self._unindexed.append([first, last])
        self._write_mentions(mentions)
        self._write_attachments(attachments)
        self.counts["message"] += len(batch)
        self._advance(len(batch))

    def _index_messages(self, first: int, last: int) -> None:
        if not self._bulk.sqlite:  # PostgreSQL's trigram index follows the table by itself
            return
        large = last - first >= SEARCH_BULK_ROWS
        if large:
            # FTS5 keeps this much of the new index in memory before writing a segment:
            # larger segments, fewer merges (a quarter less work for a million texts).
            # Set for this insert only, then back to FTS5's default.
            self._bulk.execute(
                f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('hashsize', ?)",
                (SEARCH_BULK_HASH_BYTES,),
            )
        # ASCII letters folded here, by SQLite's lower(), and nothing else: the tokenizer then
        # compares trigrams as they are (folding in it cost a sixth of the index), and the
        # index agrees with LIKE (migration 0008; services.artifacts folds queries alike).
        # A text of fewer bytes than the bound has fewer characters too: it is not cut (substr
        # walks and copies every text, 0.06 s of a million).
        self._bulk.execute(
            f"INSERT INTO {SEARCH_TABLE}(rowid, text) SELECT id, "
            "CASE WHEN length(CAST(subject AS BLOB)) + length(CAST(body AS BLOB)) < ?1 "
            "THEN lower(subject || char(10) || body || ?2) "
            "ELSE lower(substr(subject || char(10) || body, 1, ?1) || ?2) END "
            "FROM artifact_messages WHERE id BETWEEN ?3 AND ?4",
            (BODY_SCAN_LIMIT, SEARCH_SENTINEL, first, last),
        )
        if large:
            self._bulk.execute(
                f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('hashsize', ?)",
                (FTS5_DEFAULT_HASH_BYTES,),
            )

    def _write_attachments(self, attachments: list[tuple[Any, ...]]) -> None:
        if attachments:
            start = self._bulk.reserve("artifact_attachments", len(attachments))
            self._bulk.insert(
                "artifact_attachments",
                ATTACHMENT_COLUMNS,
                [(start + i, *row) for i, row in enumerate(attachments)],
            )

    def _write_mentions(self, mentions: list[tuple[Any, ...]]) -> None:
        if not mentions:
            return
        case_id, item_id, _ = self._ids
        start = self._bulk.reserve("artifact_mentions", len(mentions))
        # In batches: a body quoting a number in each of a million messages makes a million
        # mentions, which need not be rows in memory twice.
        for offset in range(0, len(mentions), BATCH_ROWS):
            self._bulk.insert(
                "artifact_mentions",
                MENTION_COLUMNS,
                [
                    (start + i, case_id, item_id, kind, artifact_id, role, e164, _clean(raw)[:200])
                    for i, (kind, artifact_id, role, e164, raw) in enumerate(
                        mentions[offset : offset + BATCH_ROWS], offset
                    )
                ],
            )

    # ---- calls
    def _flush_calls(self) -> None:
        batch, self._calls = self._calls, []
        if not batch:
            return
        case_id, item_id, source_id = self._ids
        bulk = self._bulk
        sqlite = bulk.sqlite
        hours = self._hours["call"]
        first = bulk.reserve("artifact_calls", len(batch))
        rows = []
        row_id = first - 1
        for c in batch:
            row_id += 1
            (table, row, started_at, started_at_raw, direction, call_type, answered, seconds,
             service, app, address_raw, name, deleted, note) = c  # fmt: skip
            address = classify(address_raw) if address_raw else _NO_ADDRESS
            if seconds is not None and not DURATION_MIN <= seconds <= DURATION_MAX:
                seconds = None  # a hostile value the column cannot hold (see DURATION_MAX)
            if "\x00" in address_raw or "\x00" in name or "\x00" in app:
                address_raw, name, app = _clean(address_raw), _clean(name), _clean(app)
            if sqlite:
                when: Any = None if started_at is None else (started_at - EPOCH) // ONE_MICROSECOND
                picked: Any = None if answered is None else int(answered)
                gone: Any = int(deleted)
                if when is not None:
                    hours[when // HOUR_MICROSECONDS] += 1
            else:
                when, picked, gone = started_at, answered, deleted
                if started_at is not None:
                    hours[started_at.replace(minute=0, second=0, microsecond=0)] += 1
            rows.append(
                (
                    row_id, case_id, item_id, source_id, table, row, when, started_at_raw,
                    direction, call_type, picked, seconds, service, app, address_raw,
                    address.e164, address.digits, address.kind, name, gone, note,
                )
            )  # fmt: skip
        bulk.insert("artifact_calls", CALL_COLUMNS, rows)
        self.counts["call"] += len(batch)
        self._advance(len(batch))

    # ---- contacts
    def _flush_contacts(self) -> None:
        batch, self._contacts = self._contacts, []
        if not batch:
            return
        case_id, item_id, source_id = self._ids
        bulk = self._bulk
        time, flag = bulk.time, bulk.flag
        first = bulk.reserve("artifact_contacts", len(batch))
        rows = []
        points: list[tuple[Any, ...]] = []
        for offset, c in enumerate(batch):
            row_id = first + offset
            rows.append(
                (
                    row_id, case_id, item_id, source_id, c.table, c.row,
                    _clean(c.display_name), _clean(c.given_name), _clean(c.family_name),
                    _clean(c.organization), _clean(c.notes), time(c.created_at),
                    time(c.modified_at), c.times_raw, flag(c.deleted), c.note,
                )
            )  # fmt: skip
            for p in c.points:
                if p.kind == PointKind.PHONE:
                    found = classify(p.value)
                    e164, digits = found.e164, found.digits
                else:
                    e164, digits = None, ""
                points.append(
                    (row_id, case_id, p.row, p.kind, _clean(p.label), _clean(p.value), e164, digits)
                )
        bulk.insert("artifact_contacts", CONTACT_COLUMNS, rows)
        if points:
            start = bulk.reserve("artifact_contact_points", len(points))
            bulk.insert(
                "artifact_contact_points",
                POINT_COLUMNS,
                [(start + i, *row) for i, row in enumerate(points)],
            )
        self.counts["contact"] += len(batch)
        self._advance(len(batch))

    def _advance(self, rows: int) -> None:
        self._progress.advance(rows)
        check_cancelled(self._progress)


_NO_ADDRESS = Address("", AddressKind.NONE, None, "")


# ---- the service ------------------------------------------------------------------------------
class IngestService:
    def __init__(
        self, db: Database, evidence: EvidenceService, clock: Clock, work_root: Path | None = None
    ) -> None:
        self._db = db
        self._evidence = evidence
        self._clock = clock
        self._work_root = work_root

    def import_paths(
        self,
        by: Actor,
        case_id: int,
        paths: Sequence[Path],
        *,
        item_id: int | None = None,
        progress: ProgressReporter | None = None,
        options: ImportOptions | None = None,
    ) -> ImportReport:
        """Import device databases (files, or folders holding a file-system extraction; or
        containers: archives, iTunes/Finder backups, UFDRs, tool exports, see
        forensics_app.importers.containers) into the item `item_id`, or into a new phone
        item. Raises NothingRecognisedError (a UserError) when no source could be read, and
        changes nothing then."""
        progress = progress or NullProgress()
        if not paths:
            raise UserError("Give at least one file or folder to import.")
        with self._db.read() as session:
            case_row = open_case(session, case_id)
            if item_id is not None:
                found = session.get(EvidenceItem, item_id)
                if found is None or found.case_id != case_id:
                    raise NotFoundError(
                        "No item {item_id} in case {number}.",
                        item_id=item_id,
                        number=case_row.number,
                    )
                if found.kind in NOT_DEVICE_DATA_KINDS:
                    # A wrong exhibit number would otherwise file the phone's messages
                    # under a recorder or a flyer batch.
                    raise UserError(
                        "{exhibit} is a {kind} item: phone data goes into a phone, computer or "
                        "storage item (leave out the item to make a new phone item).",
                        exhibit=found.exhibit_number,
                        kind=msg("CCTV recorder")
                        if found.kind == ItemKind.CCTV_RECORDER
                        else msg("flyer-photo batch"),
                    )
        root = self._work_root or config.data_dir() / "work"
        workdir, claim = sources.claim_working_folder(root, "import-")
        inputs: expand_containers.Expansion | None = None
        try:
            inputs = expand_containers.expand(paths, workdir, options, progress)
            report = ImportReport(item=None, warnings=list(inputs.skipped))
            with timed("recognising and copying"):
                candidates, problems = self._recognise(inputs, workdir, progress)
            report.warnings += problems
            pending = self._drop_already_imported(case_id, candidates, report)
            if not pending:
                if not report.sources:
                    raise _nothing_recognised(paths, problems + inputs.skipped)
                holder = item_id if item_id is not None else self._item_holding(case_id, report)
                report.item = self._evidence.get_item(holder) if holder is not None else None
                return report
            if item_id is None:
                item_id = self._item_holding(case_id, report)
            try:
                with timed("writing, committing and checking the sources"):
                    self._write(by, case_id, item_id, paths, pending, report, progress)
            except _NothingNew:
                holder = item_id if item_id is not None else self._item_holding(case_id, report)
                report.item = self._evidence.get_item(holder) if holder is not None else None
        finally:
            if inputs is not None:
                inputs.close()
            sources.clear_folder(workdir)
            if claim is not None:
                claim.close()
        return report

    # ---- recognising
    def _recognise(
        self, inputs: sources.Inputs, workdir: Path, progress: ProgressReporter
    ) -> tuple[list[_Candidate], list[Message]]:
        candidates: list[_Candidate] = []
        problems: list[Message] = []
        footage: list[str] = []
        progress.begin(len(inputs.sources), msg("recognising sources"), "files")
        for source in inputs.sources:
            check_cancelled(progress)
            progress.advance(1)
            in_folder = (
                isinstance(source, sources.LocalFile) and source.root is not None
            ) or isinstance(source, MemberSource)
            decoder = getattr(source, "decoder", None)
            if isinstance(decoder, DecodedImporter):
                # An export of decoded records (UFDR report.xml, a tool's CSV): copied and
                # hashed like a database, read by its own importer.
                copy = sources.copy_to(
                    source, workdir / f"{len(list(workdir.iterdir())):05d}", progress
                )
                candidates.append(_Candidate(copy, [decoder]))
                continue
            expected = registry.typical_for(source.logical_path) if in_folder else []
            try:
                size = source.size
                head = source.head(HEAD_BYTES)
            except OSError as exc:
                problems.append(
                    msg(
                        "{path}: cannot be read ({error})",
                        path=source.display_path,
                        error=os_reason(exc),
                    )
                )
                continue
            signature = sniff(head, size)
            speak = not in_folder or bool(expected)
            if signature.kind != SignatureKind.SQLITE:
                if _recorder_footage(head, source.logical_path):
                    footage.append(source.display_path)
                elif speak:
                    problems.append(_about(source.display_path, _not_sqlite(signature.kind)))
                continue
            if signature.problem:
                if speak:
                    problems.append(_about(source.display_path, signature.problem))
                continue
            if in_folder and not _screen(source):
                if expected:
                    problems.append(
                        msg(
                            "{path}: found where {title} is kept, but its tables are not the "
                            "ones that importer reads",
                            path=source.display_path,
                            title=messages.named("importer", expected[0].name, expected[0].title),
                        )
                    )
                continue
            candidate = self._open_copy(source, workdir, progress, speak, problems)
            if candidate is not None:
                candidates.append(candidate)
        if footage:
            # A phone's import takes databases; a recorder's clips beside them would be
            # passed over without a word.
            problems.append(
                msg_n(
                    len(footage),
                    "{count} file is a CCTV recorder's recording (Dahua or Hikvision), not "
                    "imported with the phone data: catalogue it with `forensics-app cctv "
                    "import` (e.g. {example})",
                    "{count} files are CCTV recorders' recordings (Dahua or Hikvision), not "
                    "imported with the phone data: catalogue them with `forensics-app cctv "
                    "import` (e.g. {example})",
                    example=footage[0],
                )
            )
        return candidates, problems

    def _open_copy(
        self,
        source: SourceFile,
        workdir: Path,
        progress: ProgressReporter,
        speak: bool,
        problems: list[Message],
    ) -> _Candidate | None:
        copy = sources.copy_to(source, workdir / f"{len(list(workdir.iterdir())):05d}", progress)
        problems.extend(_linked_companions(source))
        # Before SQLite opens it: a -wal of another database would be applied unasked.
        problems.extend(wal.check_working_copy(copy.path, source.display_path))
        try:
            db = SqliteDatabase(copy.path)
        except DatabaseUnreadable as exc:
            sources.remove_copy(copy)
            problems.append(_about(source.display_path, exc.message))
            return None
        try:
            importers = registry.detect(db)
        finally:
            db.close()
        if not importers:
            sources.remove_copy(copy)
            if speak:
                problems.append(
                    msg(
                        "{path}: a SQLite database, but no importer knows its tables ({tables})",
                        path=source.display_path,
                        tables=", ".join(sorted(db.schema.names.values())[:8]) or "-",
                    )
                )
            return None
        return _Candidate(copy, importers)

    def _drop_already_imported(
        self, case_id: int, candidates: list[_Candidate], report: ImportReport
    ) -> list[tuple[_Candidate, SqliteImporter | DecodedImporter]]:
        pending: list[tuple[_Candidate, SqliteImporter | DecodedImporter]] = []
        seen: set[tuple[str, str]] = set()
        with self._db.read() as session:
            for candidate in candidates:
                key = candidate.copy.content_key
                for importer in candidate.importers:
                    earlier = session.execute(
                        select(
                            ImportSource.path,
                            ImportSource.imported_at,
                            EvidenceItem.exhibit_number,
                            ImportSource.item_id,
                        )
                        .join(EvidenceItem, EvidenceItem.id == ImportSource.item_id)
                        .where(
                            ImportSource.case_id == case_id,
                            ImportSource.parser == importer.name,
                            ImportSource.content_key == key,
                        )
                    ).first()
                    display = candidate.copy.source.display_path
                    if earlier is not None or (importer.name, key) in seen:
                        message = (
                            msg(
                                "{path}: already imported by {parser} into {exhibit} on {day}; "
                                "nothing added",
                                path=display,
                                parser=importer.name,
                                exhibit=earlier.exhibit_number,
                                day=f"{earlier.imported_at:%Y-%m-%d}",
                            )
                            if earlier is not None
                            else msg(
                                "{path}: already imported by {parser} earlier in this run; "
                                "nothing added",
                                path=display,
                                parser=importer.name,
                            )
                        )
                        report.sources.append(
                            SourceReport(
                                display,
                                candidate.copy.main.sha256,
                                importer.name,
                                SourceStatus.ALREADY_IMPORTED,
                                message=message,
                            )
                        )
                        report.warnings.append(message)
                        continue
                    seen.add((importer.name, key))
                    pending.append((candidate, importer))
        return pending

    def _item_holding(self, case_id: int, report: ImportReport) -> int | None:
        """The item that already holds some of these sources: a new source read alongside
        them belongs to the same phone."""
        earlier = [s for s in report.sources if s.status == SourceStatus.ALREADY_IMPORTED]
        with self._db.read() as session:
            for source in earlier:
                item_id = session.scalar(
                    select(ImportSource.item_id).where(
                        ImportSource.case_id == case_id,
                        ImportSource.parser == source.parser,
                        ImportSource.sha256 == source.sha256,
                    )
                )
                if item_id is not None:
                    return int(item_id)
        return None

    # ---- writing
    def _write(
        self,
        by: Actor,
        case_id: int,
        item_id: int | None,
        paths: Sequence[Path],
        pending: list[tuple[_Candidate, SqliteImporter | DecodedImporter]],
        report: ImportReport,
        progress: ProgressReporter,
    ) -> None:
        now = self._clock.now()
        done: list[tuple[_Candidate, SourceReport]] = []
        incoming = sum(c.copy.main.size for c in {id(c): c for c, _ in pending}.values())
        estimated = incoming // BYTES_PER_SOURCE_ROW
        # A large import writes its pages once (a rollback journal instead of WAL) when no one
        # else has the store open (Database.write).
        with self._db.write(bulk=estimated >= DEFER_INDEXES_FROM_ROWS) as session:
            case_row = open_case(session, case_id)
            audit = CustodyWriter(session, by, self._clock)
            # In the importer's language, as the flyer batches: what they would have typed.
            description = messages.render(
                "Phone: {names}", {"names": ", ".join(shown_path(Path(p).name) for p in paths)}
            )
            item, created = item_for_import(
                session, audit, by, case_row, item_id,
                kind=ItemKind.PHONE, description=description[:500], now=now,
            )  # fmt: skip
            containers = container_store.containers_of(c.copy.source for c, _ in pending)
            container_notes = container_store.record(session, item, containers, by.id, now)
            bulk = BulkWriter(session)
            existing = sum(bulk.row_estimate(t) for t in ("artifact_messages", "artifact_calls"))
            if estimated >= max(DEFER_INDEXES_FROM_ROWS, existing):
                bulk.defer_indexes(ARTIFACT_TABLES)
            for candidate, importer in pending:
                check_cancelled(progress)
                with timed(f"source {importer.name}"):
                    source_report = self._import_one(
                        session, bulk, by, case_id, item.id, candidate, importer, now, progress
                    )
                report.sources.append(source_report)
                if source_report.status == SourceStatus.IMPORTED:
                    done.append((candidate, source_report))
                elif source_report.message is not None:
                    report.warnings.append(source_report.message)
            with timed("indexes"):
                bulk.restore_indexes()
            if done:
                with timed("statistics"):
                    bulk.analyze(ARTIFACT_TABLES)
            if not done and all(r.status == SourceStatus.ALREADY_IMPORTED for r in report.sources):
                raise _NothingNew  # rolls back the item this transaction may have created
            if not done:
                raise NothingRecognisedError(
                    # each source's reason without its "; nothing imported from it": the
                    # summary says so once
                    "Nothing was imported: {reasons}",
                    reasons=_joined([s.reason for s in report.sources if s.reason]),
                )
            report.warnings += catalogue_files(
                session, item, _files_read({id(c): c for c, _ in done}.values()), now, audit
            )
            container_details = container_store.seal(session, containers)
            report.warnings += catalogue_files(
                session,
                item,
                [CataloguedFile(*f) for f in container_store.container_files(containers)],
                now,
                audit,
            )
            report.warnings += container_notes
            for _, source_report in done:
                report.warnings += [_about(source_report.path, w) for w in source_report.warnings]
            report.created_item = created
            totals = report.counts
            audit.append(
                Action.IMPORT,
                Events.DEVICE_IMPORTED(
                    exhibit=item.exhibit_number,
                    messages=totals["message"],
                    calls=totals["call"],
                    contacts=totals["contact"],
                    sources=len(done),
                ),
                {
                    "counts": totals,
                    "sources": [
                        {
                            "path": r.path,
                            "sha256": r.sha256,
                            "md5": c.copy.main.md5,
                            "size": c.copy.main.size,
                            "parser": r.parser,
                            "version": r.version,
                            "counts": r.counts,
                            "skipped": [str(note) for note in r.skipped],
                            "companions": r.companions,
                        }
                        for c, r in done
                    ],
                    "warnings": [str(note) for note in report.warnings[:50]],
                    **({"containers": container_details} if container_details else {}),
                },
                case_id=case_id,
                item_id=item.id,
            )
            # Before-and-after: the import stands only if every source is still what was read.
            progress.begin(len(done), msg("checking the sources are unchanged"), "files")
            with timed("sources checked unchanged"):
                for candidate in {id(c): c for c, _ in done}.values():
                    sources.check_unchanged(candidate.copy)
                    progress.advance(1)
            final_item_id = item.id
        report.item = self._evidence.get_item(final_item_id)

    def _import_one(
        self,
        session: Session,
        bulk: BulkWriter,
        by: Actor,
        case_id: int,
        item_id: int,
        candidate: _Candidate,
        importer: SqliteImporter | DecodedImporter,
        now: datetime,
        progress: ProgressReporter,
    ) -> SourceReport:
        copy = candidate.copy
        display = copy.source.display_path
        companions = [
            {"name": d.name, "size": d.size, "sha256": d.sha256, "md5": d.md5}
            for d in copy.companions
        ]
        result = SourceReport(
            display, copy.main.sha256, importer.name, SourceStatus.IMPORTED, companions=companions
        )
        parse_report = ParseReport()
        # Checked before, and again here under the write lock: another workstation may have
        # imported the same content meanwhile.
        taken = session.scalar(
            select(ImportSource.id).where(
                ImportSource.case_id == case_id,
                ImportSource.parser == importer.name,
                ImportSource.content_key == copy.content_key,
            )
        )
        if taken is not None:
            result.status = SourceStatus.ALREADY_IMPORTED
            result.reason = msg(
                "{path}: already imported by {parser}", path=display, parser=importer.name
            )
            result.message = msg("{reason}; nothing added", reason=result.reason)
            return result
        savepoint = session.begin_nested()
        try:
            row = ImportSource(
                case_id=case_id,
                item_id=item_id,
                parser=importer.name,
                path=display,
                logical_path=copy.source.logical_path,
                size=copy.main.size,
                sha256=copy.main.sha256,
                md5=copy.main.md5,
                companions=json.dumps(companions),
                content_key=copy.content_key,
                imported_at=now,
                imported_by=by.id,
            )
            session.add(row)
            session.flush()
            container_store.link_source(session, row, copy.source)
            db = (
                importer.open(copy.path, progress)
                if isinstance(importer, DecodedImporter)
                else SqliteDatabase(copy.path)
            )
            try:
                writer = ArtifactWriter(bulk, case_id, item_id, row.id, progress)
                progress.begin(
                    None,
                    msg("reading {name} ({parser})", name=Path(display).name, parser=importer.name),
                    "rows",
                )
                context = ParseContext(db, parse_report, copy.source.logical_path, bulk=writer)
                with _collector_paused():
                    for record in importer.parse(context):
                        writer.add(record)
                    writer.finish()
                later = _dated_after_the_import(session, case_id, row.id, now)
                if later is not None:
                    parse_report.warn(later)
                if writer.long_bodies:
                    parse_report.warn(
                        msg_n(
                            writer.long_bodies,
                            "{count} message body is longer than {limit:,} characters: kept "
                            "whole, but search and the number scan cover only its beginning",
                            "{count} message bodies are longer than {limit:,} characters: kept "
                            "whole, but search and the number scan cover only their beginning",
                            limit=BODY_SCAN_LIMIT,
                        )
                    )
                decoded = db.text
                if decoded.as_cp949:
                    parse_report.skip("text values not in UTF-8, read as CP949", decoded.as_cp949)
                if decoded.replaced:
                    parse_report.skip(
                        "text values in no known encoding (unreadable bytes replaced)",
                        decoded.replaced,
                    )
            finally:
                db.close()
            result.counts = {k: writer.counts.get(k, 0) for k in ARTIFACT_KINDS}
            result.skipped = parse_report.skipped
            result.warnings = parse_report.warnings
            result.version = parse_report.version
            row.counts = json.dumps(result.counts)
            row.skipped = json.dumps(
                [message_to_json(note) for note in result.skipped], ensure_ascii=False
            )
            row.schema_version = parse_report.version
            session.flush()
        except (DatabaseUnreadable, sqlite3.Error) as exc:
            if not _roll_back(savepoint, session):
                raise  # the whole import is undone: no source can be recorded as failed
            result.status = SourceStatus.FAILED
            reason = exc.message if isinstance(exc, DatabaseUnreadable) else sqlite_reason(exc)
            result.reason = msg("{path}: {problem}", path=display, problem=reason)
            result.message = msg("{reason}; nothing imported from it", reason=result.reason)
            return result
        except BaseException:
            _roll_back(savepoint, session)
            raise
        savepoint.commit()
        return result


def _linked_companions(source: SourceFile) -> list[Message]:
    """A -wal or -journal beside a database that is a symbolic link: not followed (it may
    lead anywhere), as a folder's walk does, but said with what it costs (rows that live only
    in it are not imported); a database given alone said nothing at all."""
    path = getattr(source, "path", None)
    if not isinstance(path, Path):
        return []
    return [
        msg(
            "{path}: its {companion} is a symbolic link, not followed; rows that only it holds "
            "are not imported (copy the file itself beside the database to read them)",
            path=source.display_path,
            companion=suffix,
        )
        for suffix in sources.CONTENT_COMPANIONS
        if path.with_name(path.name + suffix).is_symlink()
    ]


def _dated_after_the_import(
    session: Session, case_id: int, source_id: int, now: datetime
) -> Message | None:
    """What says that messages and calls of a source are dated after their import: a device
    clock set wrong, or times in another unit or epoch than their column's (Unix seconds in
    an Apple date column read as 2055). Both paths convert times alike; this is read back from
    what was stored (by the case's time index: only the future is looked at)."""
    from sqlalchemy import func

    from forensics_app.storage.models import ArtifactCall, ArtifactMessage

    limit = now + FUTURE_SLACK
    count, latest = 0, None
    for model, column in (
        (ArtifactMessage, ArtifactMessage.sent_at),
        (ArtifactCall, ArtifactCall.started_at),
    ):
        found, last = session.execute(
            select(func.count(), func.max(column)).where(
                model.case_id == case_id, column > limit, model.source_id == source_id
            )
        ).one()
        if found:
            count += int(found)
            latest = last if latest is None or (last is not None and last > latest) else latest
    if not count:
        return None
    return msg_n(
        count,
        "{count} message or call is dated more than a day after the import (the latest "
        "{latest}): the device's clock was wrong, or its time is in another unit or epoch "
        "than its column's (Unix seconds in an Apple date, say); kept as read, with its raw "
        "value",
        "{count} messages and calls are dated more than a day after the import (the latest "
        "{latest}): the device's clock was wrong, or their times are in another unit or epoch "
        "than their column's (Unix seconds in an Apple date, say); kept as read, with their "
        "raw values",
        latest=f"{latest:%Y-%m-%d %H:%M} UTC" if latest is not None else "-",
    )


def _recorder_footage(head: bytes, name: str) -> bool:
    """A Dahua or Hikvision recording, by its first bytes (a preamble's end lies in them)."""
    if not head.startswith((b"DHAV", b"DAHUA", b"IMKH", b"4HKH")):
        return False  # most files of a phone's dump: decided without the clip sniffer
    from forensics_app.cctv.detect import CCTV_FORMATS, DAHUA_PREAMBLE
    from forensics_app.cctv.detect import sniff as sniff_clip

    after = head[DAHUA_PREAMBLE : DAHUA_PREAMBLE + 8]
    return sniff_clip(head, Path(name).name, after).format in CCTV_FORMATS


def _structurally_sound(path: Path) -> bool:
    """SQLite's quick_check of a working copy (its b-trees, not the order of its indexes:
    0.16 s CPU for a million messages)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        add_device_collations(conn)  # Android's, which the check needs to read the schema
    except sqlite3.Error:
        return False
    try:
        return conn.execute("PRAGMA quick_check(1)").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _roll_back(savepoint: Any, session: Session) -> bool:
    """Undo one source's rows. An interrupted write on SQLite has already rolled back the
    whole transaction (and this savepoint with it): the error saying so must not hide why
    the import stopped (Cancelled, KeyboardInterrupt); the caller's rollback ends the rest."""
    connection = session.connection().connection.dbapi_connection
    if isinstance(connection, sqlite3.Connection) and not connection.in_transaction:
        log.info("the transaction was already rolled back by SQLite")
        with contextlib.suppress(DBAPIError):
            savepoint.rollback()  # fails ("no such savepoint"), and so closes it
        return False
    savepoint.rollback()
    return True


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Millions of short-lived tuples: with the default thresholds the cyclic garbage
    collector walks them over and over (a fifth of the parsing time). It stays on, only
    less eager: the odd cycle (an exception's traceback holding a batch) is still freed."""
    before = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 50, 50)
    # What exists already (the libraries' objects: hundreds of thousands) is left out of the
    # collections during the import: they would walk it every time for nothing.
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _files_read(candidates: Iterable[_Candidate]) -> list[CataloguedFile]:
    files = []
    for candidate in candidates:
        copy = candidate.copy
        pairs = [
            (copy.source, copy.main),
            *zip(copy.companion_sources, copy.companions, strict=True),
        ]
        for source, digest in pairs:
            if isinstance(source, MemberSource):
                # A member of a container: the container's files are catalogued instead (a
                # backup catalogues the blob file that holds it).
                files += [
                    CataloguedFile(*entry)
                    for entry in source.catalogued(digest.size, digest.sha256, digest.md5)
                ]
                continue
            files.append(
                CataloguedFile(
                    path=str(source.evidence_path),
                    relative_path=source.logical_path.lstrip("/") or digest.name,
                    size=digest.size,
                    sha256=digest.sha256,
                    md5=digest.md5,
                )
            )
    return files


def _screen(source: SourceFile) -> bool:
    """Inside a folder: does any importer read this database? Read from the original only
    when SQLite guarantees not to write (immutable, read-only, and no -wal or -journal that
    immutable mode would ignore); otherwise the answer comes from the working copy."""
    if not isinstance(source, sources.LocalFile):
        # A member of an archive: its tables from its first pages (None: copy it to tell).
        screen = getattr(source, "screen_tables", None)
        tables = screen() if screen is not None else None
        return tables is None or any(
            all(table.lower() in tables for table in importer.required)
            for importer in registry.all_importers()
        )
    if any(source.companion(s) is not None for s in sources.CONTENT_COMPANIONS):
        return True
    uri = source.path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return True
    try:
        names = {
            str(r[0]).lower()
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.Error:
        return True
    finally:
        conn.close()
    return any(
        all(table.lower() in names for table in importer.required)
        for importer in registry.all_importers()
    )


def _about(path: str, problem: Message) -> Message:
    """A problem with one source, led by its path."""
    return msg("{path}: {problem}", path=path, problem=problem)


def _not_sqlite(kind: str) -> Message:
    if kind == SignatureKind.EMPTY:
        return msg("the file is empty")
    if kind == SignatureKind.ENCRYPTED:
        return msg(
            "looks encrypted (SQLCipher or similar: no SQLite header, random bytes from the "
            "start); it cannot be read without the key"
        )
    return msg("not a SQLite database (no SQLite header)")


def _nothing_recognised(
    paths: Sequence[Path], problems: Sequence[Message | str]
) -> NothingRecognisedError:
    if not problems:
        return NothingRecognisedError(
            "Nothing to import in {paths}: no database that an importer knows was found.",
            paths=", ".join(str(p) for p in paths),
        )
    if len(problems) > 10:
        return NothingRecognisedError(
            "Nothing could be imported: {reasons} (and {count} more)",
            reasons=_joined(problems[:10]),
            count=len(problems) - 10,
        )
    return NothingRecognisedError("Nothing could be imported: {reasons}", reasons=_joined(problems))


def _joined(notes: Sequence[Message | str]) -> Message:
    return joined(notes)
