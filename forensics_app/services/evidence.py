"""Evidence items and their files: catalog, hash, edit, hand over, verify, and query.

Files are hashed before the write transaction opens (hashing is slow; the database should not
wait on it), then the item, its files and their custody entries are written in one transaction:
either all of an item lands or none of it does.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from forensics_app.clock import Clock
from forensics_app.errors import DuplicateError, NotFoundError, PermissionDeniedError, UserError
from forensics_app.hashing import (
    FileChangedWhileHashingError,
    FileDigest,
    FileVanishedError,
    HashingError,
    hash_file,
)
from forensics_app.progress import Cancelled, NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor, FileRecord, ItemRecord
from forensics_app.services.stored_text import refuse_nul
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    Case,
    CaseStatus,
    EvidenceFile,
    EvidenceItem,
    Examiner,
    ItemKind,
    ItemStatus,
    Role,
    VerificationResult,
)

log = logging.getLogger(__name__)

EXHIBIT_PREFIX = "EX-"


@dataclass
class ItemDraft:
    """What the examiner types about a new item; everything but the kind is optional."""

    kind: ItemKind
    exhibit_number: str = ""
    description: str = ""
    make: str = ""
    model: str = ""
    serial_number: str = ""
    imei: str = ""
    seized_from: str = ""
    seized_location: str = ""
    seized_at: datetime | None = None
    seized_by: str = ""
    storage_location: str = ""
    parent_id: int | None = None


EDITABLE_FIELDS = tuple(f.name for f in fields(ItemDraft))
SORTABLE_COLUMNS: dict[str, Any] = {
    "exhibit_number": EvidenceItem.exhibit_number,
    "kind": EvidenceItem.kind,
    "description": EvidenceItem.description,
    "make": EvidenceItem.make,
    "model": EvidenceItem.model,
    "serial_number": EvidenceItem.serial_number,
    "imei": EvidenceItem.imei,
    "status": EvidenceItem.status,
    "seized_at": EvidenceItem.seized_at,
    "seized_by": EvidenceItem.seized_by,
    "storage_location": EvidenceItem.storage_location,
    "created_at": EvidenceItem.created_at,
}
_TEXT_SEARCH_COLUMNS = (
    EvidenceItem.exhibit_number,
    EvidenceItem.description,
    EvidenceItem.make,
    EvidenceItem.model,
    EvidenceItem.serial_number,
    EvidenceItem.imei,
    EvidenceItem.seized_from,
    EvidenceItem.seized_location,
    EvidenceItem.seized_by,
    EvidenceItem.storage_location,
)
# Worst first: the item shows the worst result among its files.
_SEVERITY = {
    VerificationResult.OK: 1,
    VerificationResult.UNREADABLE: 2,
    VerificationResult.CHANGED_WHILE_READING: 3,
    VerificationResult.MISSING: 4,
    VerificationResult.MISMATCH: 5,
}
_BY_SEVERITY = {rank: result for result, rank in _SEVERITY.items()}


@dataclass(frozen=True)
class ItemQuery:
    case_id: int
    text: str = ""
    kind: ItemKind | None = None
    status: ItemStatus | None = None
    sort: str = "exhibit_number"
    descending: bool = False


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relative_path: str


@dataclass
class AddResult:
    item: ItemRecord
    files_added: int
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FileProblem:
    file_id: int
    exhibit_number: str
    path: str
    result: VerificationResult
    message: str


@dataclass
class VerifyReport:
    files_checked: int = 0
    files_ok: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled


def collect_files(paths: Iterable[Path]) -> tuple[list[SourceFile], list[str]]:
    """Expand files and folders (recursively, in name order) into the files to catalog.
    Symbolic links are listed as skipped, not followed: they could lead outside the evidence."""
    found: list[SourceFile] = []
    skipped: list[str] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_symlink():
            skipped.append(f"{path}: symbolic link, not followed")
        elif path.is_file():
            found.append(SourceFile(path, path.name))
        elif path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False, onerror=_raise):
                dirs.sort()
                for name in sorted(files):
                    full = Path(root) / name
                    relative = f"{path.name}/{full.relative_to(path).as_posix()}"
                    if full.is_symlink():
                        skipped.append(f"{full}: symbolic link, not followed")
                    elif full.is_file():
                        found.append(SourceFile(full, relative))
                    else:
                        skipped.append(f"{full}: not a regular file")
        elif not path.exists():
            raise UserError("Not found: {given}", given=given)
        else:
            raise UserError("Not a regular file or folder: {given}", given=given)
    return found, skipped


def _raise(error: OSError) -> None:
    raise UserError(
        "Cannot read folder {filename}: {strerror}",
        filename=error.filename,
        strerror=error.strerror,
    )


def _hash_all(
    sources: Sequence[SourceFile], progress: ProgressReporter
) -> list[tuple[SourceFile, FileDigest]]:
    total = 0
    for source in sources:
        try:
            total += source.path.stat().st_size
        except OSError as exc:
            raise UserError(
                "Cannot read {path}: {strerror}", path=source.path, strerror=exc.strerror
            ) from exc
    progress.begin(total, "hashing", "B")
    digests = []
    for source in sources:
        check_cancelled(progress)
        digests.append((source, hash_file(source.path, progress)))
    return digests


def _require_zone(values: dict[str, Any]) -> None:
    seized_at = values.get("seized_at")
    if isinstance(seized_at, datetime) and seized_at.tzinfo is None:
        raise UserError("The seizure time needs a time zone (e.g. +09:00).")


def _audit(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


class EvidenceService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # ---- cataloguing ---------------------------------------------------------------------
    def add_item(
        self,
        by: Actor,
        case_id: int,
        draft: ItemDraft,
        paths: Sequence[Path] = (),
        progress: ProgressReporter | None = None,
    ) -> AddResult:
        """Catalog one item with its files (hashed SHA-256 + MD5 in one pass each)."""
        progress = progress or NullProgress()
        _require_zone({"seized_at": draft.seized_at})
        refuse_nul({name: getattr(draft, name) for name in EDITABLE_FIELDS})
        if draft.exhibit_number.strip():
            # Fail before an hour of hashing, not after; checked again in the transaction.
            with self._db.read() as session:
                _open_case(session, case_id)
                if session.scalar(
                    select(EvidenceItem.id).where(
                        EvidenceItem.case_id == case_id,
                        EvidenceItem.exhibit_number == draft.exhibit_number.strip(),
                    )
                ):
                    raise DuplicateError(
                        "Exhibit number {exhibit} is already used in this case.",
                        exhibit=draft.exhibit_number.strip(),
                    )
        sources, skipped = collect_files(paths)
        if paths and not sources:
            raise UserError(
                "No files to catalog in {paths}.", paths=", ".join(str(p) for p in paths)
            )
        digests = _hash_all(sources, progress)
        now = self._clock.now()
        try:
            with self._db.write() as session:
                case_row = _open_case(session, case_id)
                exhibit = draft.exhibit_number.strip() or _next_exhibit(session, case_id)
                if session.scalar(
                    select(EvidenceItem.id).where(
                        EvidenceItem.case_id == case_id, EvidenceItem.exhibit_number == exhibit
                    )
                ):
                    raise DuplicateError(
                        "Exhibit number {exhibit} is already used in case {number}.",
                        exhibit=exhibit,
                        number=case_row.number,
                    )
                if draft.parent_id is not None:
                    _check_parent(session, case_id, None, draft.parent_id)
                values = {name: getattr(draft, name) for name in EDITABLE_FIELDS}
                values["exhibit_number"] = exhibit
                item = EvidenceItem(
                    case_id=case_id,
                    status=ItemStatus.IN_CUSTODY,
                    custodian_id=by.id,
                    created_at=now,
                    updated_at=now,
                    **values,
                )
                session.add(item)
                session.flush()
                audit = CustodyWriter(session, by, self._clock)
                audit.append(
                    Action.CREATE,
                    Events.ITEM_CATALOGUED(exhibit=exhibit, kind=draft.kind, case=case_row.number),
                    {"after": {k: _audit(v) for k, v in values.items() if v not in ("", None)}},
                    case_id=case_id,
                    item_id=item.id,
                )
                self._insert_files(session, audit, item, digests, now)
                item_id = item.id
        except IntegrityError as exc:
            raise DuplicateError(
                "Exhibit number {exhibit_number} is already used in this case.",
                exhibit_number=draft.exhibit_number,
            ) from exc
        return AddResult(self.get_item(item_id), len(digests), skipped)

    def add_files(
        self,
        by: Actor,
        item_id: int,
        paths: Sequence[Path],
        progress: ProgressReporter | None = None,
    ) -> AddResult:
        progress = progress or NullProgress()
        sources, skipped = collect_files(paths)
        if not sources:
            raise UserError("No files to add.")
        with self._db.read() as session:
            known = set(
                session.scalars(
                    select(EvidenceFile.source_path).where(EvidenceFile.item_id == item_id)
                )
            )
        fresh = [s for s in sources if str(s.path) not in known]
        skipped += [f"{s.path}: already catalogued in this item" for s in sources if s not in fresh]
        digests = _hash_all(fresh, progress)
        now = self._clock.now()
        with self._db.write() as session:
            item = _get_item(session, item_id)
            _open_case(session, item.case_id)
            self._insert_files(session, CustodyWriter(session, by, self._clock), item, digests, now)
            item.updated_at = now
        return AddResult(self.get_item(item_id), len(digests), skipped)

    @staticmethod
    def _insert_files(
        session: Session,
        audit: CustodyWriter,
        item: EvidenceItem,
        digests: Sequence[tuple[SourceFile, FileDigest]],
        now: datetime,
    ) -> None:
        for source, digest in digests:
            row = EvidenceFile(
                item_id=item.id,
                source_path=str(source.path),
                relative_path=source.relative_path,
                size=digest.size,
                sha256=digest.sha256,
                md5=digest.md5,
                hashed_at=now,
            )
            session.add(row)
            session.flush()
            audit.append(
                Action.HASH,
                Events.FILE_HASHED(exhibit=item.exhibit_number, path=source.relative_path),
                {
                    "path": str(source.path),
                    "size": digest.size,
                    "sha256": digest.sha256,
                    "md5": digest.md5,
                },
                case_id=item.case_id,
                item_id=item.id,
                file_id=row.id,
            )

    # ---- editing -------------------------------------------------------------------------
    def update_item(self, by: Actor, item_id: int, **changes: Any) -> ItemRecord:
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise UserError("Cannot edit {fields} of an item.", fields=", ".join(sorted(unknown)))
        _require_zone(changes)
        refuse_nul(changes)
        if "exhibit_number" in changes:
            changes["exhibit_number"] = str(changes["exhibit_number"]).strip()
            if not changes["exhibit_number"]:
                raise UserError("An item needs an exhibit number.")
        try:
            with self._db.write() as session:
                item = _get_item(session, item_id)
                if changes.get("exhibit_number", item.exhibit_number) != item.exhibit_number:
                    clash = session.scalar(
                        select(EvidenceItem.id).where(
                            EvidenceItem.case_id == item.case_id,
                            EvidenceItem.exhibit_number == changes["exhibit_number"],
                        )
                    )
                    if clash:
                        raise DuplicateError(
                            "Exhibit number {exhibit} is already used.",
                            exhibit=changes["exhibit_number"],
                        )
                if changes.get("parent_id") is not None:
                    _check_parent(session, item.case_id, item.id, changes["parent_id"])
                before, after = {}, {}
                for name, value in changes.items():
                    old = getattr(item, name)
                    if old != value:
                        before[name], after[name] = _audit(old), _audit(value)
                        setattr(item, name, value)
                if after:
                    item.updated_at = self._clock.now()
                    CustodyWriter(session, by, self._clock).append(
                        Action.EDIT,
                        Events.ITEM_EDITED(
                            exhibit=item.exhibit_number, fields=", ".join(sorted(after))
                        ),
                        {"before": before, "after": after},
                        case_id=item.case_id,
                        item_id=item.id,
                    )
        except IntegrityError as exc:
            raise DuplicateError("That exhibit number is already used in this case.") from exc
        return self.get_item(item_id)

    def set_status(self, by: Actor, item_id: int, status: ItemStatus, note: str = "") -> ItemRecord:
        refuse_nul({"note": note})
        with self._db.write() as session:
            item = _get_item(session, item_id)
            if item.status != status:
                before = item.status
                item.status = status
                item.updated_at = self._clock.now()
                CustodyWriter(session, by, self._clock).append(
                    Action.STATUS,
                    Events.ITEM_STATUS(exhibit=item.exhibit_number, before=before, after=status),
                    {
                        "before": {"status": before.value},
                        "after": {"status": status.value},
                        "note": note,
                    },
                    case_id=item.case_id,
                    item_id=item.id,
                )
        return self.get_item(item_id)

    def hand_over(self, by: Actor, item_id: int, to_examiner_id: int, note: str = "") -> ItemRecord:
        """Custody passes from the current holder to another examiner."""
        refuse_nul({"note": note})
        with self._db.write() as session:
            item = _get_item(session, item_id)
            if item.custodian_id not in (None, by.id) and by.role != Role.ADMIN:
                raise PermissionDeniedError(
                    "Only the examiner who holds item {exhibit_number}, or an admin, can hand it "
                    "over.",
                    exhibit_number=item.exhibit_number,
                )
            receiver = session.get(Examiner, to_examiner_id)
            if receiver is None or not receiver.active:
                raise NotFoundError(
                    "No active examiner with id {to_examiner_id}.", to_examiner_id=to_examiner_id
                )
            if item.custodian_id == receiver.id:
                raise UserError(
                    "{name} already holds item {exhibit_number}.",
                    name=receiver.name,
                    exhibit_number=item.exhibit_number,
                )
            giver = session.get(Examiner, item.custodian_id) if item.custodian_id else None
            item.custodian_id = receiver.id
            item.updated_at = self._clock.now()
            giver_label = f"{giver.name} ({giver.badge_number})" if giver else "nobody"
            receiver_label = f"{receiver.name} ({receiver.badge_number})"
            CustodyWriter(session, by, self._clock).append(
                Action.HANDOVER,
                Events.ITEM_HANDED_OVER(
                    exhibit=item.exhibit_number, giver=giver_label, receiver=receiver_label
                ),
                {
                    "before": {"custodian": giver_label},
                    "after": {"custodian": receiver_label},
                    "note": note,
                },
                case_id=item.case_id,
                item_id=item.id,
            )
        return self.get_item(item_id)

    # ---- reading -------------------------------------------------------------------------
    def item_ids(self, query: ItemQuery) -> list[int]:
        """Ids in display order; the filter and the sort run in SQL."""
        column = SORTABLE_COLUMNS.get(query.sort)
        if column is None:
            raise UserError("Cannot sort by {sort!r}.", sort=query.sort)
        statement = select(EvidenceItem.id).where(*self._conditions(query, self._db.is_sqlite))
        if query.descending:
            statement = statement.order_by(column.desc(), EvidenceItem.id.desc())
        else:
            statement = statement.order_by(column.asc(), EvidenceItem.id.asc())
        with self._db.read() as session:
            return list(session.scalars(statement))

    def count_items(self, query: ItemQuery) -> int:
        with self._db.read() as session:
            return session.execute(
                select(func.count())
                .select_from(EvidenceItem)
                .where(*self._conditions(query, self._db.is_sqlite))
            ).scalar_one()

    @staticmethod
    def _conditions(query: ItemQuery, sqlite: bool) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [EvidenceItem.case_id == query.case_id]
        if query.kind is not None:
            conditions.append(EvidenceItem.kind == query.kind)
        if query.status is not None:
            conditions.append(EvidenceItem.status == query.status)
        text = query.text.strip()
        if text:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
            # SQLite's LIKE already ignores ASCII case (Hangul has none), and ILIKE would wrap
            # every column in lower(): three times slower on 100,000 items.
            matches = [
                c.like(pattern, escape="\\") if sqlite else c.ilike(pattern, escape="\\")
                for c in _TEXT_SEARCH_COLUMNS
            ]
            conditions.append(or_(*matches))
        return conditions

    def items_by_id(self, ids: Sequence[int]) -> dict[int, ItemRecord]:
        """Rows for the given ids, with file counts, sizes and worst verification result."""
        if not ids:
            return {}
        parent = aliased(EvidenceItem)
        file_stats = (
            select(
                EvidenceFile.item_id,
                func.count().label("n"),
                func.coalesce(func.sum(EvidenceFile.size), 0).label("size"),
                func.max(
                    case(
                        *((EvidenceFile.last_verification == r, s) for r, s in _SEVERITY.items()),
                        else_=0,
                    )
                ).label("worst"),
            )
            .where(EvidenceFile.item_id.in_(ids))
            .group_by(EvidenceFile.item_id)
            .subquery()
        )
        statement = (
            select(
                EvidenceItem,
                parent.exhibit_number,
                Examiner.name,
                func.coalesce(file_stats.c.n, 0),
                func.coalesce(file_stats.c.size, 0),
                func.coalesce(file_stats.c.worst, 0),
            )
            .outerjoin(parent, parent.id == EvidenceItem.parent_id)
            .outerjoin(Examiner, Examiner.id == EvidenceItem.custodian_id)
            .outerjoin(file_stats, file_stats.c.item_id == EvidenceItem.id)
            .where(EvidenceItem.id.in_(ids))
        )
        with self._db.read() as session:
            return {
                item.id: _item_record(item, parent_no, custodian, n, size, worst)
                for item, parent_no, custodian, n, size, worst in session.execute(statement)
            }

    def get_item(self, item_id: int) -> ItemRecord:
        record = self.items_by_id([item_id]).get(item_id)
        if record is None:
            raise NotFoundError("No evidence item with id {item_id}.", item_id=item_id)
        return record

    def resolve_item(self, case_id: int, reference: str) -> ItemRecord:
        """An item given by exhibit number within a case, or by id."""
        with self._db.read() as session:
            item_id = session.scalar(
                select(EvidenceItem.id).where(
                    EvidenceItem.case_id == case_id, EvidenceItem.exhibit_number == reference
                )
            )
            if item_id is None and reference.isdigit():
                item_id = session.scalar(
                    select(EvidenceItem.id).where(
                        EvidenceItem.case_id == case_id, EvidenceItem.id == int(reference)
                    )
                )
        if item_id is None:
            raise NotFoundError("No item {reference!r} in this case.", reference=reference)
        return self.get_item(item_id)

    def children(self, item_id: int) -> list[ItemRecord]:
        with self._db.read() as session:
            ids = list(
                session.scalars(
                    select(EvidenceItem.id)
                    .where(EvidenceItem.parent_id == item_id)
                    .order_by(EvidenceItem.exhibit_number)
                )
            )
        rows = self.items_by_id(ids)
        return [rows[i] for i in ids]

    def files(self, item_id: int) -> list[FileRecord]:
        with self._db.read() as session:
            return [
                _file_record(f)
                for f in session.scalars(
                    select(EvidenceFile)
                    .where(EvidenceFile.item_id == item_id)
                    .order_by(EvidenceFile.relative_path)
                )
            ]

    # ---- verification --------------------------------------------------------------------
    def verify(
        self,
        by: Actor,
        *,
        case_id: int | None = None,
        item_id: int | None = None,
        progress: ProgressReporter | None = None,
    ) -> VerifyReport:
        """Re-hash every file of a case (or item, or everything) and record each result.
        Each file's result is committed as soon as it is known, so cancel keeps the work done."""
        progress = progress or NullProgress()
        statement = (
            select(EvidenceFile, EvidenceItem.exhibit_number, EvidenceItem.case_id)
            .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
            .order_by(EvidenceItem.exhibit_number, EvidenceFile.relative_path)
        )
        if item_id is not None:
            statement = statement.where(EvidenceFile.item_id == item_id)
        elif case_id is not None:
            statement = statement.where(EvidenceItem.case_id == case_id)
        with self._db.read() as session:
            targets = [
                (_file_record(f), exhibit, cid) for f, exhibit, cid in session.execute(statement)
            ]
        report = VerifyReport()
        progress.begin(sum(t[0].size for t in targets), "verifying", "B")
        for record, exhibit, file_case_id in targets:
            if progress.is_cancelled():
                report.cancelled = True
                break
            try:
                result, message, digest = self._verify_one(record, progress)
            except Cancelled:
                report.cancelled = True
                break
            self._record_verification(by, record, exhibit, file_case_id, result, message, digest)
            report.files_checked += 1
            if result == VerificationResult.OK:
                report.files_ok += 1
            else:
                report.problems.append(
                    FileProblem(record.id, exhibit, record.source_path, result, message)
                )
                log.error("Verification of %s (%s): %s", record.source_path, exhibit, message)
        return report

    @staticmethod
    def _verify_one(
        record: FileRecord, progress: ProgressReporter
    ) -> tuple[VerificationResult, str, FileDigest | None]:
        try:
            digest = hash_file(Path(record.source_path), progress)
        except FileVanishedError as exc:
            return VerificationResult.MISSING, str(exc), None
        except FileChangedWhileHashingError as exc:
            return VerificationResult.CHANGED_WHILE_READING, str(exc), None
        except HashingError as exc:
            return VerificationResult.UNREADABLE, str(exc), None
        if (digest.size, digest.sha256, digest.md5) != (record.size, record.sha256, record.md5):
            return (
                VerificationResult.MISMATCH,
                f"HASH MISMATCH: {record.source_path} — catalogued SHA-256 {record.sha256}, "
                f"now {digest.sha256} (size {record.size} → {digest.size})",
                digest,
            )
        return VerificationResult.OK, "hashes match", digest

    def _record_verification(
        self,
        by: Actor,
        record: FileRecord,
        exhibit: str,
        case_id: int,
        result: VerificationResult,
        message: str,
        digest: FileDigest | None,
    ) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            row = session.get(EvidenceFile, record.id)
            if row is None:
                return
            row.last_verified_at = now
            row.last_verification = result
            after: dict[str, Any] = {"result": result.value}
            if digest is not None:
                after.update(size=digest.size, sha256=digest.sha256, md5=digest.md5)
            CustodyWriter(session, by, self._clock).append(
                Action.VERIFY,
                Events.FILE_VERIFIED(exhibit=exhibit, path=record.relative_path, result=result),
                {
                    "before": {"size": record.size, "sha256": record.sha256, "md5": record.md5},
                    "after": after,
                    "message": message,
                },
                case_id=case_id,
                item_id=record.item_id,
                file_id=record.id,
            )


def _open_case(session: Session, case_id: int) -> Case:
    case_row = session.get(Case, case_id)
    if case_row is None:
        raise NotFoundError("No case with id {case_id}.", case_id=case_id)
    if case_row.status != CaseStatus.OPEN:
        raise UserError(
            "Case {number} is {value}: reopen it to add evidence.",
            number=case_row.number,
            value=case_row.status.value,
        )
    return case_row


def _get_item(session: Session, item_id: int) -> EvidenceItem:
    item = session.get(EvidenceItem, item_id)
    if item is None:
        raise NotFoundError("No evidence item with id {item_id}.", item_id=item_id)
    return item


def _check_parent(session: Session, case_id: int, item_id: int | None, parent_id: int) -> None:
    """The parent must be in the same case and must not be the item or one of its children."""
    parent = session.get(EvidenceItem, parent_id)
    if parent is None or parent.case_id != case_id:
        raise UserError("The parent item must belong to the same case.")
    seen: set[int] = set()
    cursor: EvidenceItem | None = parent
    while cursor is not None and cursor.id not in seen:
        if cursor.id == item_id:
            raise UserError("An item cannot be inside itself or one of its own children.")
        seen.add(cursor.id)
        cursor = session.get(EvidenceItem, cursor.parent_id) if cursor.parent_id else None


def _next_exhibit(session: Session, case_id: int) -> str:
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


def _item_record(
    item: EvidenceItem,
    parent_exhibit: str | None,
    custodian: str | None,
    file_count: int,
    total_size: int,
    worst: int,
) -> ItemRecord:
    return ItemRecord(
        id=item.id,
        case_id=item.case_id,
        parent_id=item.parent_id,
        parent_exhibit=parent_exhibit or "",
        kind=item.kind,
        exhibit_number=item.exhibit_number,
        description=item.description,
        make=item.make,
        model=item.model,
        serial_number=item.serial_number,
        imei=item.imei,
        seized_from=item.seized_from,
        seized_location=item.seized_location,
        seized_at=item.seized_at,
        seized_by=item.seized_by,
        storage_location=item.storage_location,
        status=item.status,
        custodian_id=item.custodian_id,
        custodian=custodian or "",
        file_count=int(file_count),
        total_size=int(total_size),
        worst_verification=_BY_SEVERITY.get(int(worst)),
    )


def _file_record(row: EvidenceFile) -> FileRecord:
    return FileRecord(
        id=row.id,
        item_id=row.item_id,
        source_path=row.source_path,
        relative_path=row.relative_path,
        size=row.size,
        sha256=row.sha256,
        md5=row.md5,
        hashed_at=row.hashed_at,
        last_verified_at=row.last_verified_at,
        last_verification=row.last_verification,
    )
