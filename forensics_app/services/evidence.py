"""Evidence items and their files: catalog, hash, edit, hand over, verify, and query.

Files are hashed before the write transaction opens (hashing is slow; the database should not
wait on it), then the item, its files and their custody entries are written in one transaction:
either all of an item lands or none of it does.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from blocking.errors import os_reason
from forensics_app.clock import Clock
from forensics_app.display import raw_name_hex, real_path, stored_path, without_surrogates
from forensics_app.errors import DuplicateError, NotFoundError, PermissionDeniedError, UserError
from forensics_app.hashing import (
    FileChangedWhileHashingError,
    FileDigest,
    FileVanishedError,
    HashingError,
    hash_file,
)
from forensics_app.messages import Message, msg
from forensics_app.progress import Cancelled, NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor, FileRecord, ItemRecord, PathNote
from forensics_app.services.stored_text import refuse_nul
from forensics_app.services.validation import check_lengths, check_not_in_future
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    Case,
    CaseStatus,
    CustodyEntry,
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
    skipped: list[PathNote] = field(default_factory=list)

    @property
    def failures(self) -> list[PathNote]:
        """Files that should have been catalogued and could not be read."""
        return [note for note in self.skipped if note.is_failure]


@dataclass(frozen=True)
class FileProblem:
    file_id: int
    exhibit_number: str
    path: str
    result: VerificationResult
    text: Message

    @property
    def message(self) -> str:
        """In the reader's language."""
        return self.text.render()


@dataclass
class VerifyReport:
    files_checked: int = 0
    files_ok: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled


def collect_files(paths: Iterable[Path]) -> tuple[list[SourceFile], list[PathNote]]:
    """Expand files and folders (recursively, in name order) into the files to catalog.

    What is not taken is listed with its reason, and the walk goes on: symbolic links (they
    could lead outside the evidence; loops are named as such), special files, and folders
    that cannot be read. Only a PATH given that does not exist is an error."""
    found: list[SourceFile] = []
    skipped: list[PathNote] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_symlink():
            skipped.append(_symlink_note(path))
        elif path.is_file():
            found.append(SourceFile(path, path.name))
        elif path.is_dir():
            _walk(path, found, skipped)
        elif not path.exists():
            raise UserError("Not found: {given}", given=shown_path(given))
        else:
            raise UserError("Not a regular file or folder: {given}", given=shown_path(given))
    return found, skipped


def _walk(top: Path, found: list[SourceFile], skipped: list[PathNote]) -> None:
    def unreadable_folder(error: OSError) -> None:
        skipped.append(
            PathNote(
                "unreadable",
                msg(
                    "{path}: cannot read this folder ({reason}); its files are not catalogued",
                    path=shown_path(error.filename),
                    reason=os_reason(error),
                ),
            )
        )

    for root, dirs, files in os.walk(top, followlinks=False, onerror=unreadable_folder):
        dirs.sort()
        for name in dirs:
            folder = Path(root) / name
            if folder.is_symlink():  # os.walk does not enter it: say so
                skipped.append(_symlink_note(folder))
        for name in sorted(files):
            full = Path(root) / name
            relative = f"{top.name}/{full.relative_to(top).as_posix()}"
            if full.is_symlink():
                skipped.append(_symlink_note(full))
            elif full.is_file():
                found.append(SourceFile(full, relative))
            else:
                skipped.append(
                    PathNote(
                        "not_regular", msg("{path}: not a regular file", path=shown_path(full))
                    )
                )


def _symlink_note(link: Path) -> PathNote:
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # resolving went round in circles
        target = None
    except OSError:
        return PathNote(
            "symlink", msg("{path}: symbolic link, not followed", path=shown_path(link))
        )
    parent = link.parent.resolve()
    if target is None or parent == target or target in parent.parents:
        return PathNote(
            "symlink_loop",
            msg(
                "{path}: symbolic link loop (it points back into its own folder), not followed",
                path=shown_path(link),
            ),
        )
    return PathNote("symlink", msg("{path}: symbolic link, not followed", path=shown_path(link)))


def shown_path(path: object) -> str:
    """A path for messages and the catalogue's readable columns (bytes that are not UTF-8
    shown as U+FFFD; `stored_path` keeps them)."""
    return without_surrogates(os.fsdecode(path) if isinstance(path, bytes) else str(path))


def _hash_all(
    sources: Sequence[SourceFile], progress: ProgressReporter
) -> tuple[list[tuple[SourceFile, FileDigest]], list[PathNote]]:
    """Hash every file; one that cannot be read is listed with the reason, not fatal."""
    total = 0
    for source in sources:
        with contextlib.suppress(OSError):  # hash_file says why, below
            total += source.path.stat().st_size
    progress.begin(total, msg("hashing"), "B")
    digests = []
    failed: list[PathNote] = []
    for source in sources:
        check_cancelled(progress)
        try:
            digests.append((source, hash_file(source.path, progress)))
        except HashingError as exc:
            log.warning("Not catalogued: %s", exc)
            failed.append(
                PathNote(
                    "unreadable",
                    msg(
                        "{path}: cannot be read ({reason}); not catalogued",
                        path=shown_path(source.path),
                        reason=Message(exc.template, _shown_values(exc.values)),
                    ),
                )
            )
    return digests, failed


def _error_message(error: UserError) -> Message:
    return Message(error.template, _shown_values(error.values))


def _recorded_digests(session: Session, file_ids: Sequence[int]) -> dict[int, FileDigest]:
    """What the custody log recorded for each file when it was catalogued (its first "hash"
    entry): the reference a rewritten catalogue row cannot change."""
    found: dict[int, FileDigest] = {}
    for start in range(0, len(file_ids), 5_000):
        chunk = file_ids[start : start + 5_000]
        rows = session.execute(
            select(CustodyEntry.file_id, CustodyEntry.details)
            .where(CustodyEntry.action == Action.HASH, CustodyEntry.file_id.in_(chunk))
            .order_by(CustodyEntry.seq)
        )
        for file_id, details in rows:
            if file_id is None or file_id in found:
                continue
            try:
                value = json.loads(details)
                found[file_id] = FileDigest(
                    int(value["size"]), str(value["sha256"]), str(value["md5"])
                )
            except (ValueError, KeyError, TypeError):
                continue  # an unreadable entry: the file counts as unrecorded
    return found


def _not_catalogued(skipped: Sequence[PathNote]) -> dict[str, Any]:
    """What the custody entry keeps of the files a batch did not take (empty: all taken)."""
    if not skipped:
        return {}
    return {"not_catalogued": [{"kind": note.kind, "note": str(note)} for note in skipped]}


def _shown_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: shown_path(v) if isinstance(v, Path) else v for k, v in values.items()}


_SERIAL = re.compile(r"[0-9A-Za-z][0-9A-Za-z ./:_-]{0,63}")
IMEI_LENGTH = 15


def luhn_ok(digits: str) -> bool:
    """The Luhn check digit an IMEI ends with (3GPP TS 23.003)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def normalise_imei(text: str) -> str:
    """An IMEI as people write it ("35 693803 564380 9", "35-6938…") → its 15 digits;
    UserError when it is not one. Empty stays empty (the field is optional)."""
    digits = re.sub(r"[\s\-./]", "", text)
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) != IMEI_LENGTH:
        raise UserError(
            "IMEI {imei} is not valid: an IMEI has {length} digits (it has {count}).",
            imei=text.strip(),
            length=IMEI_LENGTH,
            count=sum(ch.isdigit() for ch in digits),
        )
    if not luhn_ok(digits):
        raise UserError(
            "IMEI {imei} is not valid: its last digit is not the check digit of the other 14"
            " (a typing mistake?).",
            imei=text.strip(),
        )
    return digits


def check_serial(text: str) -> str:
    """A serial number: letters and digits, with spaces, '-', '.', '/', ':' or '_' between;
    at most 64 characters. UserError otherwise; empty stays empty."""
    serial = text.strip()
    if serial and not _SERIAL.fullmatch(serial):
        raise UserError(
            "Serial number {serial} is not valid: use letters and digits, with spaces, '-',"
            " '.', '/', ':' or '_' between them (at most 64 characters).",
            serial=serial,
        )
    return serial


def _check_identifiers(values: dict[str, Any]) -> None:
    """IMEI and serial number, when given, in their standard form (the item is found by them)."""
    if values.get("imei"):
        values["imei"] = normalise_imei(str(values["imei"]))
    if values.get("serial_number"):
        values["serial_number"] = check_serial(str(values["serial_number"]))


# How a refused seizure time is named (a flyer batch's seizure time is when it was collected).
SEIZED_AT_LABEL = msg("The time of seizure or collection")


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
        check_not_in_future(draft.seized_at, self._clock, SEIZED_AT_LABEL)
        refuse_nul({name: getattr(draft, name) for name in EDITABLE_FIELDS})
        check_lengths(EvidenceItem, {name: getattr(draft, name) for name in EDITABLE_FIELDS})
        identifiers = {"imei": draft.imei, "serial_number": draft.serial_number}
        _check_identifiers(identifiers)
        draft = replace(draft, imei=identifiers["imei"], serial_number=identifiers["serial_number"])
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
        digests, failed = _hash_all(sources, progress)
        skipped += failed
        if paths and not digests:
            raise UserError(
                "None of the files in {paths} could be read; nothing was catalogued. {first}",
                paths=", ".join(shown_path(p) for p in paths),
                first=failed[0].message if failed else "",
            )
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
                    {
                        "after": {k: _audit(v) for k, v in values.items() if v not in ("", None)},
                        **_not_catalogued(skipped),
                    },
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
        fresh = [s for s in sources if stored_path(str(s.path)) not in known]
        skipped += [
            PathNote(
                "already_in_item",
                msg("{path}: already catalogued in this item", path=shown_path(s.path)),
            )
            for s in sources
            if s not in fresh
        ]
        digests, failed = _hash_all(fresh, progress)
        skipped += failed
        now = self._clock.now()
        with self._db.write() as session:
            item = _get_item(session, item_id)
            _open_case(session, item.case_id)
            if item.status == ItemStatus.WITHDRAWN:
                raise UserError(
                    "Item {exhibit} is withdrawn: no files can be added to it.",
                    exhibit=item.exhibit_number,
                )
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
                source_path=stored_path(str(source.path)),
                relative_path=shown_path(source.relative_path),
                size=digest.size,
                sha256=digest.sha256,
                md5=digest.md5,
                hashed_at=now,
            )
            session.add(row)
            session.flush()
            audit.append(
                Action.HASH,
                Events.FILE_HASHED(exhibit=item.exhibit_number, path=row.relative_path),
                {
                    "path": row.source_path,
                    # The name's own bytes when they are not UTF-8 (the path shows U+FFFD).
                    **({"path_hex": raw} if (raw := raw_name_hex(str(source.path))) else {}),
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
        check_not_in_future(changes.get("seized_at"), self._clock, SEIZED_AT_LABEL)
        refuse_nul(changes)
        check_lengths(EvidenceItem, changes)
        _check_identifiers(changes)
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
        """A new status, audited. `withdrawn` (catalogued by mistake) needs the reason in
        `note`: the item is never deleted, its files and history stay."""
        if status == ItemStatus.WITHDRAWN and not note.strip():
            raise UserError("Say why the item is withdrawn: the reason is kept in the custody log.")
        refuse_nul({"note": note})
        with self._db.write() as session:
            item = _get_item(session, item_id)
            if item.status != status:
                before = item.status
                item.status = status
                item.updated_at = self._clock.now()
                event = (
                    Events.ITEM_WITHDRAWN(exhibit=item.exhibit_number, reason=note.strip())
                    if status == ItemStatus.WITHDRAWN
                    else Events.ITEM_STATUS(
                        exhibit=item.exhibit_number, before=before, after=status
                    )
                )
                CustodyWriter(session, by, self._clock).append(
                    Action.STATUS,
                    event,
                    {
                        "before": {"status": before.value},
                        "after": {"status": status.value},
                        "note": note,
                    },
                    case_id=item.case_id,
                    item_id=item.id,
                )
        return self.get_item(item_id)

    def withdraw(self, by: Actor, item_id: int, reason: str) -> ItemRecord:
        """Withdraw an item catalogued by mistake (a wrong case, a duplicate entry): audited
        with its reason, never deleted."""
        return self.set_status(by, item_id, ItemStatus.WITHDRAWN, reason)

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

    def is_catalogued(self, path: Path) -> bool:
        """Whether any item holds the file at `path` (an output must never overwrite one)."""
        where = stored_path(os.path.abspath(path))
        with self._db.read() as session:
            found = session.scalar(
                select(EvidenceFile.id).where(EvidenceFile.source_path == where).limit(1)
            )
        return found is not None

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
        Each file's result is committed as soon as it is known, so cancel keeps the work done.

        A file is compared with its catalogue row and with the hashes its custody entry
        recorded when it was catalogued: a file swapped together with its row is caught by
        the second (and the custody entry itself is covered by the chain and its signed
        checkpoints)."""
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
            recorded = _recorded_digests(session, [t[0].id for t in targets])
        report = VerifyReport()
        progress.begin(sum(t[0].size for t in targets), msg("verifying"), "B")
        with self._db.custody_batch():  # one signed checkpoint for the run, not one per file
            for record, exhibit, file_case_id in targets:
                if progress.is_cancelled():
                    report.cancelled = True
                    break
                try:
                    result, message, digest = self._verify_one(
                        record, recorded.get(record.id), progress
                    )
                except Cancelled:
                    report.cancelled = True
                    break
                self._record_verification(
                    by, record, exhibit, file_case_id, result, str(message), digest
                )
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
        record: FileRecord, recorded: FileDigest | None, progress: ProgressReporter
    ) -> tuple[VerificationResult, Message, FileDigest | None]:
        shown = shown_path(record.source_path)
        try:
            digest = hash_file(Path(real_path(record.source_path)), progress)
        except FileVanishedError as exc:
            return VerificationResult.MISSING, _error_message(exc), None
        except FileChangedWhileHashingError as exc:
            return VerificationResult.CHANGED_WHILE_READING, _error_message(exc), None
        except HashingError as exc:
            return VerificationResult.UNREADABLE, _error_message(exc), None
        row = FileDigest(record.size, record.sha256, record.md5)
        if recorded is None:
            return (
                VerificationResult.MISMATCH,
                msg(
                    "HASH MISMATCH: {path} — no custody entry recorded its hashes when it was "
                    "catalogued: the catalogue row was added outside the program",
                    path=shown,
                ),
                digest,
            )
        if row != recorded:
            return (
                VerificationResult.MISMATCH,
                msg(
                    "HASH MISMATCH: {path} — the catalogue row was rewritten: it says SHA-256 "
                    "{row}, the custody log recorded {recorded} when the file was catalogued; "
                    "the file now has {now}",
                    path=shown,
                    row=record.sha256,
                    recorded=recorded.sha256,
                    now=digest.sha256,
                ),
                digest,
            )
        if digest != row:
            return (
                VerificationResult.MISMATCH,
                msg(
                    "HASH MISMATCH: {path} — catalogued SHA-256 {catalogued}, now {now} (size "
                    "{size} → {now_size})",
                    path=shown,
                    catalogued=record.sha256,
                    now=digest.sha256,
                    size=record.size,
                    now_size=digest.size,
                ),
                digest,
            )
        return VerificationResult.OK, msg("hashes match"), digest

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
            value=CaseStatus(case_row.status),  # a word for a Korean reader
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
