"""The tamper-evident custody and audit log.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
reordering any entry breaks the chain at that point. The head (last seq and hash) is stored
apart, so cutting entries off the end is caught too. Services only append.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import re
import string
from collections import defaultdict
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forensics_app import messages
from forensics_app.clock import Clock
from forensics_app.messages import Message, msg, msg_n
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.records import Actor, CustodyRecord
from forensics_app.storage.database import CUSTODY_ENTRIES_INFO, CUSTODY_HEAD_INFO, Database
from forensics_app.storage.models import CustodyChainHead, CustodyEntry

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# Where an entry's details keep its event (code and values).
EVENT_KEY = "event"
VALUES_KEY = "event_values"
MAX_PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class EventType:
    """One kind of custody entry: a stable code and its English summary template.

    The entry stores the code and the values (inside its hashed details), so the summary can be
    shown in any language later without touching the chain. `terms` names the values that are
    vocabulary words (a status, a kind), translated when shown.
    """

    code: str
    template: str
    terms: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, **values: Any) -> Event:
        return Event(self, {k: _event_value(v) for k, v in values.items()})


@dataclass(frozen=True)
class Event:
    type: EventType
    values: Mapping[str, Any]

    @property
    def summary(self) -> str:
        """The English summary, as stored (and hashed) with the entry."""
        return english_counts(self.type.template, self.values).format(**self.values)


# A count followed by the plural of what it counts, in the English templates: "1 photos"
# reads "1 photo" (Korean templates have one form and are left alone).
_COUNTED = re.compile(
    r"\{(\w+)\} (photos|numbers|requests|rows|messages|calls|contacts|files|bytes|entries)\b"
)


def english_counts(template: str, values: Mapping[str, Any]) -> str:
    """`template` with each counted noun in the singular where its count is one."""

    def fitted(found: re.Match[str]) -> str:
        name, noun = found.group(1), found.group(2)
        if values.get(name) not in (1, "1"):
            return found.group(0)
        return "{" + name + "} " + ("entry" if noun == "entries" else noun[:-1])

    return _COUNTED.sub(fitted, template)


def _event_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


class Events:
    """Every kind of custody entry. Add new ones here (and their Korean in
    resources/messages/ko.toml, table [custody]); never change a code once entries use it."""

    CASE_OPENED = EventType("case.opened", "Case {number} opened: {title}")
    CASE_EDITED = EventType("case.edited", "Case {number} edited: {fields}", {"fields": "field"})
    CASE_STATUS = EventType(
        "case.status",
        "Case {number}: {before} → {after}",
        {"before": "case_status", "after": "case_status"},
    )
    ITEM_CATALOGUED = EventType(
        "item.catalogued",
        "Item {exhibit} ({kind}) catalogued in case {case}",
        {"kind": "item_kind"},
    )
    FILE_HASHED = EventType("file.hashed", "{exhibit}: {path} hashed")
    FILE_MOVED = EventType(
        "file.moved", "{exhibit}: {path} found moved to {after} (from {before}; same SHA-256)"
    )
    ITEM_EDITED = EventType("item.edited", "Item {exhibit} edited: {fields}", {"fields": "field"})
    ITEM_STATUS = EventType(
        "item.status",
        "Item {exhibit}: {before} → {after}",
        {"before": "item_status", "after": "item_status"},
    )
    ITEM_WITHDRAWN = EventType(
        "item.withdrawn", "Item {exhibit} withdrawn (catalogued by mistake): {reason}"
    )
    ITEM_HANDED_OVER = EventType(
        "item.handover", "Item {exhibit} handed over: {giver} → {receiver}"
    )
    FILE_VERIFIED = EventType(
        "file.verified",
        "{exhibit}: {path} verified: {result}",
        {"result": "verification_result"},
    )
    EXAMINER_ADDED = EventType(
        "examiner.added", "Examiner {examiner} added as {role}", {"role": "role"}
    )
    SIGNED_IN = EventType("examiner.signed_in", "{examiner} signed in at {where}")
    OCR_RUN = EventType(
        "flyers.ocr",
        "{exhibit}: OCR of {photos} photos ({failed} unreadable), {numbers} numbers",
    )
    OCR_CANCELLED = EventType(
        "flyers.ocr_cancelled",
        "{exhibit}: OCR of {photos} photos ({failed} unreadable), {numbers} numbers"
        " — cancelled, resumable",
    )
    FLYER_CATEGORY_SET = EventType(
        "flyers.category",
        "Flyer group {group} ({photos} photos): ad category set to {category} (was {before})",
        {"category": "ad_category", "before": "ad_category"},
    )
    REVIEWED = EventType(
        "flyers.review", "{exhibit}: {path}: {number} {decision}", {"decision": "review_status"}
    )
    REVIEWED_AS = EventType(
        "flyers.review_corrected",
        "{exhibit}: {path}: {number} {decision} as {corrected}",
        {"decision": "review_status"},
    )
    PACKAGE_EXPORTED = EventType(
        "block.package", "Submission package {name}: {count} requests ({routes})"
    )
    RESPONSES_IMPORTED = EventType(
        "block.responses", "Response file {name}: {applied} of {rows} rows applied"
    )

    ARTIFACT_SIGHTING = EventType(
        "device.sighting",
        "{exhibit}: number {number} in {kind} #{artifact} recorded as a device-artifact "
        "sighting (#{sighting})",
        {"kind": "artifact_kind"},
    )
    ARTIFACT_TAGGED = EventType(
        "device.tagged", "{exhibit}: {kind} #{artifact} tagged {tag!r}", {"kind": "artifact_kind"}
    )
    ARTIFACT_UNTAGGED = EventType(
        "device.untagged",
        "{exhibit}: tag {tag!r} removed from {kind} #{artifact}",
        {"kind": "artifact_kind"},
    )
    ARTIFACT_NOTE = EventType(
        "device.note", "{exhibit}: note on {kind} #{artifact}", {"kind": "artifact_kind"}
    )
    ITEM_CATALOGUED_FOR_IMPORT = EventType(
        "item.catalogued_for_import",
        "Item {exhibit} ({kind}) catalogued in case {case} for an import",
        {"kind": "item_kind"},
    )
    DEVICE_IMPORTED = EventType(
        "device.imported",
        "{exhibit}: imported {messages} messages, {calls} calls, {contacts} contacts from "
        "{sources} source(s)",
    )
    CCTV_CATALOGUED = EventType(
        "cctv.catalogued",
        "{exhibit}: CCTV export {folder}: {files} files hashed ({bytes} bytes), manifest "
        "SHA-256 {manifest}",
    )
    CCTV_OFFSET_RECORDED = EventType(
        "cctv.offset_recorded",
        "{exhibit}: recorder clock offset recorded: it showed {shown} when the reference clock "
        "said {reference} (offset {offset} s, recorder - reference, zone {zone})",
    )
    CCTV_TIME_SOURCE_CHOSEN = EventType(
        "cctv.time_source_chosen",
        "{exhibit}: the timeline uses the {source} time of its clips",
        {"source": "cctv_time_source"},
    )
    CCTV_OSD_DRAWN = EventType(
        "cctv.osd_drawn", "{exhibit}: on-screen clock of {camera} drawn by the examiner"
    )
    CCTV_OSD_AUTOMATIC = EventType(
        "cctv.osd_automatic", "{exhibit}: on-screen clock of {camera} to be found automatically"
    )
    CCTV_STILL_EXPORTED = EventType(
        "cctv.still_exported", "{exhibit}: still of frame {frame} of {path} exported to {output}"
    )
    REPORT_MADE = EventType("report.made", "Case report {folder} ({formats}): {sections}")

    @classmethod
    def all(cls) -> list[EventType]:
        return [value for value in vars(cls).values() if isinstance(value, EventType)]

    @classmethod
    def by_code(cls, code: str) -> EventType | None:
        return _EVENTS_BY_CODE.get(code)


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


_EVENTS_BY_CODE = {event.code: event for event in Events.all()}


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
        event: Event,
        details: dict[str, Any] | None = None,
        *,
        case_id: int | None = None,
        item_id: int | None = None,
        file_id: int | None = None,
    ) -> CustodyEntry:
        """One entry: `event` is what happened (its code and values are hashed with the
        entry, so it can be shown in any language); `details` what a reader may want to check."""
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
            summary=event.summary,
            details=canonical_json(
                {**(details or {}), EVENT_KEY: event.type.code, VALUES_KEY: dict(event.values)}
            ),
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
        # Database.write signs a checkpoint of these once the transaction is committed.
        self._session.info[CUSTODY_HEAD_INFO] = (head.seq, head.entry_hash)
        self._session.info.setdefault(CUSTODY_ENTRIES_INFO, []).append(
            (entry.seq, entry.entry_hash)
        )
        return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    # edited | missing | out_of_place | truncated | head_mismatch (the chain itself);
    # parted | cut_back (against signed checkpoints or heads); checkpoint_file | signature
    kind: str
    text: Message

    @property
    def message(self) -> str:
        """In the reader's language."""
        return self.text.render()


@dataclass(frozen=True)
class SignedPoint:
    """A head someone signed: entry `seq` had hash `head` (or a hash starting with it) at `at`
    (a checkpoint, an entry a checkpoint lists, or a signed head from a package or report)."""

    seq: int
    head: str
    at: str
    source: str  # "checkpoint" or the file the head came from


@dataclass
class ChainReport:
    entries_checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[ChainProblem] = field(default_factory=list)
    problem_count: int = 0
    signed_points: int = 0  # checkpoints and signed heads compared
    signed_points_failed: int = 0
    anchored_seq: int = 0  # the last entry a signature vouches for (0: none)
    notes: list[Message] = field(default_factory=list)  # worth knowing, not failures

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: ChainProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(problem)

    def signatures_summary(self) -> Message:
        """One line on the signed hashes compared, for every front-end that reports a check."""
        return msg_n(
            self.signed_points,
            "signatures: {count} signed hash compared, {failed} disagree; "
            "they vouch for entries up to {seq}",
            "signatures: {count} signed hashes compared, {failed} disagree; "
            "they vouch for entries up to {seq}",
            failed=self.signed_points_failed,
            seq=self.anchored_seq,
        )


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

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the chain head as the database holds it."""
        with self._db.read() as session:
            row = session.get(CustodyChainHead, 1)
            return (row.seq, row.entry_hash) if row is not None else (0, GENESIS_HASH)

    def extends(self, seq: int, entry_hash: str) -> Message | None:
        """None if entry `seq` still has `entry_hash` and every later entry links up to the
        head; else what is wrong. Reads only the entries from `seq` on."""
        head_seq, head_hash = self.head()
        if head_seq < seq:
            return msg("the chain ends at entry {last}", last=head_seq)
        expected_prev, expected_seq = None, seq
        # closing(): an early return must close the server-side cursor before the session ends.
        with self._db.read() as session, closing(self._chain_rows(session, since=seq)) as rows:
            for row in rows:
                if row[0] != expected_seq:
                    return msg("entry {seq} is missing", seq=expected_seq)
                if row[0] == seq and row[11] != entry_hash:
                    return msg("entry {seq} is not the one signed", seq=seq)
                if entry_digest(*row[1:11]) != row[11] or (
                    expected_prev is not None and row[10] != expected_prev
                ):
                    return msg("entry {seq} was altered after it was written", seq=row[0])
                expected_prev, expected_seq = row[11], row[0] + 1
        if expected_seq - 1 != head_seq or expected_prev != head_hash:
            return msg("the chain head does not match the last entry")
        return None

    def verify_chain(
        self,
        progress: ProgressReporter | None = None,
        signed: Sequence[SignedPoint] = (),
    ) -> ChainReport:
        """Walk the whole chain in order and say where it breaks, if anywhere; compare it with
        the `signed` heads (checkpoints, a head from a package) and say where it parts from
        them."""
        progress = progress or NullProgress()
        report = ChainReport()
        by_seq: dict[int, list[SignedPoint]] = defaultdict(list)
        for point in signed:
            by_seq[point.seq].append(point)
        agreeing: list[int] = []
        disagreeing: list[tuple[SignedPoint, str]] = []
        with self._db.read() as session:
            head = session.get(CustodyChainHead, 1)
            total = session.execute(select(func.count()).select_from(CustodyEntry)).scalar_one()
            progress.begin(total, msg("checking the custody chain"), "entries")
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
                    report.add(
                        ChainProblem(
                            first,
                            "missing",
                            msg("entry {first} deleted from the log", first=first)
                            if first == last
                            else msg(
                                "entries {first}–{last} deleted from the log",
                                first=first,
                                last=last,
                            ),
                        )
                    )
                if recomputed != stored_hash:
                    report.add(
                        ChainProblem(
                            seq,
                            "edited",
                            msg("entry {seq} was altered after it was written", seq=seq),
                        )
                    )
                elif row[10] != expected_prev and not gap:
                    report.add(
                        ChainProblem(
                            seq,
                            "out_of_place",
                            msg(
                                "entry {seq} does not link to entry {previous}: entries were "
                                "reordered, or the one before it was deleted or rewritten",
                                seq=seq,
                                previous=seq - 1,
                            ),
                        )
                    )
                for point in by_seq.get(seq, ()):
                    if stored_hash.startswith(point.head):  # a whole hash, or its first 16
                        agreeing.append(seq)
                    else:
                        disagreeing.append((point, stored_hash))
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
                report.add(
                    ChainProblem(last_seq, "head_mismatch", msg("the chain head record is gone"))
                )
            elif head.seq > last_seq:
                report.add(
                    ChainProblem(
                        last_seq + 1,
                        "truncated",
                        msg(
                            "entries {first}–{last} deleted from the end of the log",
                            first=last_seq + 1,
                            last=head.seq,
                        ),
                    )
                )
            elif head.seq != last_seq or head.entry_hash != expected_prev:
                report.add(
                    ChainProblem(
                        head.seq,
                        "head_mismatch",
                        msg(
                            "the chain head (entry {seq}) does not match the last entry ({last})",
                            seq=head.seq,
                            last=last_seq,
                        ),
                    )
                )
        _compare_signed(report, signed, agreeing, disagreeing)
        for problem in report.problems:
            log.error("Custody chain: %s", problem.message)
        return report

    @staticmethod
    def _chain_rows(session: Session, since: int = 1) -> Generator[tuple[Any, ...], None, None]:
        """Every entry (from `since` on) in seq order through a plain DB-API cursor: a million
        rows through the ORM would take longer than the hashing itself. PostgreSQL streams
        from the server."""
        connection = session.connection()
        columns = ", ".join(column.key for column in _CHAIN_COLUMNS)
        where = f" WHERE seq >= {int(since)}" if since > 1 else ""
        sql = f"SELECT {columns} FROM custody_log{where} ORDER BY seq"
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
        """Oldest first, in pages by seq: no cursor stays open between pages, so a caller that
        stops early (next(), break) leaves nothing behind."""
        after = 0
        while True:
            query = (
                select(CustodyEntry)
                .where(CustodyEntry.seq > after)
                .order_by(CustodyEntry.seq)
                .limit(5000)
            )
            if case_id is not None:
                query = query.where(CustodyEntry.case_id == case_id)
            with self._db.read() as session:
                page = [_record(entry) for entry in session.scalars(query)]
            if not page:
                return
            yield from page
            after = page[-1].seq


def _compare_signed(
    report: ChainReport,
    signed: Sequence[SignedPoint],
    agreeing: list[int],
    disagreeing: list[tuple[SignedPoint, str]],
) -> None:
    """Where the chain parts from what was signed: the first entry after the last signed head
    it still agrees with. Each checkpoint vouches, through the hash links, for every entry up
    to its own; so with a checkpoint after every action the first differing entry is named
    exactly, and otherwise the stretch it lies in."""
    last = report.head_seq
    beyond = [point for point in signed if point.seq > last]
    report.signed_points = len(signed)
    report.signed_points_failed = len(disagreeing) + len(beyond)
    report.anchored_seq = max(agreeing, default=0)
    failures = sorted(
        [(point.seq, point, stored) for point, stored in disagreeing]
        + [(point.seq, point, None) for point in beyond],
        key=lambda failure: failure[0],
    )
    if not failures:
        return
    seq, point, stored = failures[0]
    good = max((s for s in agreeing if s < seq), default=0)
    first = good + 1
    if stored is None:
        text = msg(
            "the chain parts from what was signed at entry {first}: {source} signed at {at} "
            "vouches for {seq} entries, the log now ends at entry {last} ({count} signed "
            "hashes disagree)",
            first=min(first, last + 1),
            source=point.source,
            at=point.at,
            seq=seq,
            last=last,
            count=report.signed_points_failed,
        )
        report.add(ChainProblem(min(first, last + 1), "cut_back", text))
        return
    if first == seq:
        text = msg(
            "the chain parts from what was signed at entry {first}: {source} signed at {at} "
            "vouches for hash {signed}, the log now has {now} ({count} signed hashes disagree)",
            first=first,
            source=point.source,
            at=point.at,
            signed=point.head[:16],
            now=stored[:16],
            count=report.signed_points_failed,
        )
    else:
        text = msg(
            "the chain parts from what was signed between entries {first} and {seq}: entry "
            "{good} still matches, but {source} signed at {at} vouches for hash {signed} at "
            "entry {seq}, the log now has {now} ({count} signed hashes disagree)",
            first=first,
            seq=seq,
            good=good,
            source=point.source,
            at=point.at,
            signed=point.head[:16],
            now=stored[:16],
            count=report.signed_points_failed,
        )
    report.add(ChainProblem(first, "parted", text))


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


# ---- reading entries in the reader's language ---------------------------------------------
def entry_event(record: CustodyRecord) -> tuple[EventType, dict[str, Any]] | None:
    """What the entry says happened: its stored event, or, for entries written before events
    were stored, the event whose English template its summary matches."""
    details = parse_details(record.details)
    code = details.get(EVENT_KEY)
    if isinstance(code, str):
        event = Events.by_code(code)
        values = details.get(VALUES_KEY)
        if event is not None and isinstance(values, dict):
            return event, values
    for event, pattern in _SUMMARY_PATTERNS:
        found = pattern.fullmatch(record.summary)
        if found:
            return event, found.groupdict()
    return None


def describe_entry(record: CustodyRecord, language: str | None = None) -> str:
    """The entry's summary in `language`: the stored English one when nothing else fits."""
    found = entry_event(record)
    if found is None:
        return record.summary
    event, values = found
    shown = {
        name: messages.term(event.terms[name], str(value), language)
        if name in event.terms and value is not None
        else value
        for name, value in values.items()
    }
    if "fields" in event.terms and isinstance(values.get("fields"), str):
        shown["fields"] = ", ".join(
            messages.term("field", name.strip(), language) for name in values["fields"].split(",")
        )
    template = messages.translate_template(event.code, language, table="custody")
    if template == event.code:  # no translation (English, or a catalog without this event)
        template = english_counts(event.template, values)
    return messages.format_template(template, shown)


def parse_details(details: str) -> dict[str, Any]:
    try:
        value = json.loads(details) if details else {}
    except ValueError:
        return {"": details}
    return value if isinstance(value, dict) else {"": value}


def _summary_pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>.*?)")
    return re.compile("".join(parts), re.DOTALL)


# Longest templates first: "… {decision} as {corrected}" before "… {decision}".
_SUMMARY_PATTERNS = [
    (event, _summary_pattern(event.template))
    for event in sorted(Events.all(), key=lambda e: -len(e.template))
]
