"""The tamper-evident custody and audit log.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
reordering any entry breaks the chain at that point. The head (last seq and hash) is stored
apart, so cutting entries off the end is caught too. Services only append.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forensics_app.clock import Clock
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.records import Actor, CustodyRecord
from forensics_app.storage.database import Database
from forensics_app.storage.models import CustodyChainHead, CustodyEntry

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
MAX_PROBLEMS_LISTED = 50


class Action:
    """Names of audited actions (kept short: they are part of every hash)."""

    CREATE = "create"
    EDIT = "edit"
    STATUS = "status"
    HASH = "hash"
    VERIFY = "verify"
    IMPORT = "import"
    EXPORT = "export"
    ANALYSE = "analyse"
    REVIEW = "review"
    HANDOVER = "handover"
    EXAMINER = "examiner"
    LOGIN = "login"


# One encoder for every entry: json.dumps with options builds a new encoder per call, which
# costs a quarter of the time of verifying a million entries.
_CANONICAL = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
).encode


def canonical_json(value: Any) -> str:
    return _CANONICAL(value)


def utc_timestamp(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_digest(
    recorded_at: str,
    examiner_id: int,
    actor: str,
    action: str,
    case_id: int | None,
    item_id: int | None,
    file_id: int | None,
    summary: str,
    details: str,
    prev_hash: str,
) -> str:
    # seq is deliberately not hashed: order is carried by prev_hash, and leaving seq out lets
    # verify tell a moved entry (content intact, link broken) from an edited one.
    payload = canonical_json(
        [
            recorded_at,
            examiner_id,
            actor,
            action,
            case_id,
            item_id,
            file_id,
            summary,
            details,
            prev_hash,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CustodyWriter:
    """Appends entries inside the caller's transaction; the chain head is locked on first use
    (FOR UPDATE on PostgreSQL; SQLite transactions here already hold the write lock)."""

    def __init__(self, session: Session, actor: Actor, clock: Clock) -> None:
        self._session = session
        self._actor = actor
        self._clock = clock
        self._head: CustodyChainHead | None = None

    def append(
        self,
        action: str,
        summary: str,
        details: dict[str, Any] | None = None,
        *,
        case_id: int | None = None,
        item_id: int | None = None,
        file_id: int | None = None,
    ) -> CustodyEntry:
        if self._head is None:
            self._head = self._session.execute(
                select(CustodyChainHead).where(CustodyChainHead.id == 1).with_for_update()
            ).scalar_one()
        head = self._head
        entry = CustodyEntry(
            seq=head.seq + 1,
            recorded_at=utc_timestamp(self._clock.now()),
            examiner_id=self._actor.id,
            actor=self._actor.label,
            action=action,
            case_id=case_id,
            item_id=item_id,
            file_id=file_id,
            summary=summary,
            details=canonical_json(details or {}),
            prev_hash=head.entry_hash,
        )
        entry.entry_hash = entry_digest(
            entry.recorded_at,
            entry.examiner_id,
            entry.actor,
            entry.action,
            entry.case_id,
            entry.item_id,
            entry.file_id,
            entry.summary,
            entry.details,
            entry.prev_hash,
        )
        self._session.add(entry)
        head.seq = entry.seq
        head.entry_hash = entry.entry_hash
        return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # edited | missing | out_of_place | truncated | head_mismatch
    message: str


@dataclass
class ChainReport:
    entries_checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[ChainProblem] = field(default_factory=list)
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: ChainProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(problem)


_CHAIN_COLUMNS = (
    CustodyEntry.seq,
    CustodyEntry.recorded_at,
    CustodyEntry.examiner_id,
    CustodyEntry.actor,
    CustodyEntry.action,
    CustodyEntry.case_id,
    CustodyEntry.item_id,
    CustodyEntry.file_id,
    CustodyEntry.summary,
    CustodyEntry.details,
    CustodyEntry.prev_hash,
    CustodyEntry.entry_hash,
)


class CustodyService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def verify_chain(self, progress: ProgressReporter | None = None) -> ChainReport:
        """Walk the whole chain in order and say where it breaks, if anywhere."""
        progress = progress or NullProgress()
        report = ChainReport()
        with self._db.read() as session:
            head = session.get(CustodyChainHead, 1)
            total = session.execute(select(func.count()).select_from(CustodyEntry)).scalar_one()
            progress.begin(total, "custody chain", "entries")
            expected_prev = GENESIS_HASH
            expected_seq = 1
            batch = 0
            for row in self._chain_rows(session):
                seq = row[0]
                stored_hash = row[11]
                recomputed = entry_digest(*row[1:11])
                gap = seq > expected_seq
                if gap:
                    first, last = expected_seq, seq - 1
                    what = f"entry {first}" if first == last else f"entries {first}–{last}"
                    report.add(ChainProblem(first, "missing", f"{what} deleted from the log"))
                if recomputed != stored_hash:
                    report.add(
                        ChainProblem(seq, "edited", f"entry {seq} was altered after it was written")
                    )
                elif row[10] != expected_prev and not gap:
                    report.add(
                        ChainProblem(
                            seq,
                            "out_of_place",
                            f"entry {seq} does not link to entry {seq - 1}: entries were "
                            "reordered, or the one before it was deleted or rewritten",
                        )
                    )
                expected_prev = stored_hash
                expected_seq = seq + 1
                report.entries_checked += 1
                batch += 1
                if batch == 10_000:
                    progress.advance(batch)
                    batch = 0
                    check_cancelled(progress)
            progress.advance(batch)
            last_seq = expected_seq - 1
            report.head_seq, report.head_hash = last_seq, expected_prev
            if head is None:
                report.add(ChainProblem(last_seq, "head_mismatch", "the chain head record is gone"))
            elif head.seq > last_seq:
                report.add(
                    ChainProblem(
                        last_seq + 1,
                        "truncated",
                        f"entries {last_seq + 1}–{head.seq} deleted from the end of the log",
                    )
                )
            elif head.seq != last_seq or head.entry_hash != expected_prev:
                report.add(
                    ChainProblem(
                        head.seq,
                        "head_mismatch",
                        f"the chain head (entry {head.seq}) does not match the last entry "
                        f"({last_seq})",
                    )
                )
        for problem in report.problems:
            log.error("Custody chain: %s", problem.message)
        return report

    @staticmethod
    def _chain_rows(session: Session) -> Iterator[tuple[Any, ...]]:
        """Every entry in seq order through a plain DB-API cursor: a million rows through the
        ORM would take longer than the hashing itself. PostgreSQL streams from the server."""
        connection = session.connection()
        columns = ", ".join(column.key for column in _CHAIN_COLUMNS)
        sql = f"SELECT {columns} FROM custody_log ORDER BY seq"
        raw = connection.connection.dbapi_connection
        assert raw is not None
        if connection.dialect.name == "postgresql":
            cursor = raw.cursor(name="custody_chain_verify")
            cursor.itersize = 20_000  # type: ignore[attr-defined]
        else:
            cursor = raw.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(20_000):
                yield from rows
        finally:
            cursor.close()

    def entries(
        self,
        *,
        case_id: int | None = None,
        item_id: int | None = None,
        limit: int = 5000,
    ) -> list[CustodyRecord]:
        """Newest first, for the custody log view."""
        query = select(CustodyEntry).order_by(CustodyEntry.seq.desc()).limit(limit)
        if item_id is not None:
            query = query.where(CustodyEntry.item_id == item_id)
        elif case_id is not None:
            query = query.where(CustodyEntry.case_id == case_id)
        with self._db.read() as session:
            return [_record(entry) for entry in session.scalars(query)]

    def iter_entries(self, case_id: int | None = None) -> Iterator[CustodyRecord]:
        query = select(CustodyEntry).order_by(CustodyEntry.seq)
        if case_id is not None:
            query = query.where(CustodyEntry.case_id == case_id)
        with self._db.read() as session:
            for entry in session.scalars(query.execution_options(yield_per=5000)):
                yield _record(entry)


def _record(entry: CustodyEntry) -> CustodyRecord:
    return CustodyRecord(
        seq=entry.seq,
        recorded_at=entry.recorded_at,
        actor=entry.actor,
        action=entry.action,
        case_id=entry.case_id,
        item_id=entry.item_id,
        file_id=entry.file_id,
        summary=entry.summary,
        details=entry.details,
        entry_hash=entry.entry_hash,
    )
