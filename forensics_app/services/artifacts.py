"""Reading the artifact store: messages, calls and contacts of a case or a phone, filtered and
sorted in SQL, one page at a time; conversations; and the analyst's tags and notes.

Text search finds substrings, Korean included (대출 in 무직자대출): on SQLite the FTS5 trigram
index proposes candidates and LIKE confirms them, both ignoring the case of ASCII letters
only (other letters are found as written; PostgreSQL's ILIKE folds every alphabet); a one-
or two-character query is expanded to the indexed trigrams that start with it (every indexed
text ends with two sentinel characters, so each short substring starts some trigram). On
PostgreSQL a pg_trgm index serves ILIKE, and LIKE for queries without case. A number is
found however it was written: its E.164 form against the normalised addresses, the numbers
written in message bodies and the contacts' numbers.
"""

from __future__ import annotations

import json
import re
import string
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, select, text, union
from sqlalchemy.orm import Session

from forensics_app.clock import Clock
from forensics_app.errors import NotFoundError, UserError
from forensics_app.importers.addresses import query_number
from forensics_app.messages import Message, message_from_json
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor
from forensics_app.storage.database import Database, plain_rows
from forensics_app.storage.models import (
    SEARCHED_TEXT_LIMIT,
    ArtifactAnnotation,
    ArtifactAttachment,
    ArtifactCall,
    ArtifactContact,
    ArtifactContactPoint,
    ArtifactConversation,
    ArtifactKind,
    ArtifactMention,
    ArtifactMessage,
    EvidenceItem,
    Examiner,
    ImportSource,
)

KINDS = tuple(k.value for k in ArtifactKind)
SEARCH_TABLE = "search_messages_fts"
SEARCH_VOCABULARY = "search_messages_vocab"
# The very expression of PostgreSQL's trigram index (migration 0010), or the index is not used.
PG_SEARCHED = (
    f"left(artifact_messages.subject || E'\\n' || artifact_messages.body, {SEARCHED_TEXT_LIMIT})"
)
PG_TRIGRAM = 3  # pg_trgm takes no trigram from a shorter query
SHORT_QUERY_TERMS_LIMIT = 4000  # beyond this many trigrams a 1-character query scans instead
MAX_TAG = 100
_LIKE_SPECIALS = re.compile(r"([\\%_])")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


# ---- records ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Provenance:
    source_id: int
    path: str
    sha256: str
    parser: str
    table: str
    row: str


@dataclass(frozen=True)
class ArtifactRow:
    """One message, call or contact as lists and exports show it. `time` is UTC; `number` is
    the address as written and `e164` its normalised form (None for e-mails, short codes,
    sender names and numbers that are not valid)."""

    kind: str
    id: int
    case_id: int
    item_id: int
    exhibit: str
    time: datetime | None
    time_raw: str
    direction: str
    type: str  # message: its service (sms, mms, imessage, rcs); call: what became of it
    status: str
    number: str
    e164: str | None
    number_kind: str
    name: str  # call: the cached name; contact: the display name; message: conversation title
    text: str  # message: subject and body; contact: organisation and notes
    duration_seconds: int | None
    is_read: bool | None
    answered: bool | None
    deleted: bool
    attachment_count: int
    conversation_id: int | None
    participants: str
    service: str
    note: str
    provenance: Provenance
    points: tuple[ContactPointRow, ...] = ()

    @property
    def reference(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class ContactPointRow:
    kind: str
    label: str
    value: str
    e164: str | None


@dataclass(frozen=True)
class AttachmentRow:
    name: str
    mime_type: str
    size: int | None
    path: str


@dataclass(frozen=True)
class NumberInArtifact:
    e164: str
    written: str
    role: str  # address, body, participant, contact


# The conversation id of a phone's messages that belong to no conversation (a source without
# thread ids, an iOS message missing from chat_message_join): listed like a conversation so
# no message is out of the conversation view's reach. Real ids start at 1.
NO_CONVERSATION = 0


@dataclass(frozen=True)
class ConversationRow:
    id: int  # NO_CONVERSATION for a phone's messages outside any conversation
    item_id: int
    exhibit: str
    title: str
    participants: str
    service: str
    is_group: bool
    messages: int
    last_time: datetime | None


@dataclass(frozen=True)
class PhoneSummary:
    item_id: int
    exhibit: str
    description: str
    messages: int
    calls: int
    contacts: int


@dataclass(frozen=True)
class Annotation:
    id: int
    kind: str
    artifact_id: int
    tag: str
    note: str
    created_at: datetime
    created_by: int


@dataclass(frozen=True)
class ArtifactQuery:
    """What to list. Empty fields do not filter. `end` is exclusive."""

    case_id: int
    kind: str = ArtifactKind.MESSAGE.value
    item_id: int | None = None
    text: str = ""
    number: str = ""
    start: datetime | None = None
    end: datetime | None = None
    direction: str = ""
    type: str = ""
    conversation_id: int | None = None
    tag: str = ""
    sort: str = "time"
    descending: bool = False


def filters_messages(query: ArtifactQuery) -> bool:
    """Whether the query narrows a case's messages (beyond the case, phone and conversation)."""
    return bool(
        query.text.strip()
        or query.number.strip()
        or query.start is not None
        or query.end is not None
        or query.direction
        or query.type
        or query.tag
    )


@dataclass
class _Shape:
    """How one kind of artifact is stored."""

    model: Any
    time: Any
    sortable: dict[str, Any] = field(default_factory=dict)
    type_column: Any = None


_SHAPES = {
    "message": _Shape(
        ArtifactMessage,
        ArtifactMessage.sent_at,
        {
            "time": ArtifactMessage.sent_at,
            "number": ArtifactMessage.number_raw,
            "direction": ArtifactMessage.direction,
            "type": ArtifactMessage.service,
            "status": ArtifactMessage.status,
            "item": ArtifactMessage.item_id,
            "text": ArtifactMessage.body,
        },
        ArtifactMessage.service,
    ),
    "call": _Shape(
        ArtifactCall,
        ArtifactCall.started_at,
        {
            "time": ArtifactCall.started_at,
            "number": ArtifactCall.number_raw,
            "direction": ArtifactCall.direction,
            "type": ArtifactCall.call_type,
            "duration": ArtifactCall.duration_seconds,
            "name": ArtifactCall.name,
            "item": ArtifactCall.item_id,
        },
        ArtifactCall.call_type,
    ),
    "contact": _Shape(
        ArtifactContact,
        ArtifactContact.created_at,
        {
            "name": ArtifactContact.display_name,
            "time": ArtifactContact.created_at,
            "text": ArtifactContact.organization,
            "item": ArtifactContact.item_id,
        },
        None,
    ),
}


def like_pattern(value: str) -> str:
    return "%" + _LIKE_SPECIALS.sub(r"\\\1", value) + "%"


def fold_ascii(value: str) -> str:
    """ASCII letters in lower case, every other character as it is: what SQLite's lower()
    and LIKE fold, and so what the search index holds (migration 0008)."""
    return value.translate(_ASCII_LOWER)


def has_case(value: str) -> bool:
    """Whether any character of `value` has an upper or lower case form (Hangul, digits and
    punctuation have none): without one, ILIKE finds exactly what LIKE finds."""
    return value.lower() != value or value.upper() != value


def _shape(kind: str) -> _Shape:
    try:
        return _SHAPES[kind]
    except KeyError:
        raise UserError(
            "Unknown artifact type {kind!r}: use message, call or contact.", kind=kind
        ) from None


class MessageLine(NamedTuple):
    """One message as an export streams it (`ArtifactService.message_lines`): the stored
    columns, no objects built around them (a million of these are written per report)."""

    id: int
    item_id: int
    time: datetime | None  # UTC
    time_raw: str
    direction: str
    status: str
    service: str
    is_read: bool | None
    deleted: bool
    number: str  # as written on the device
    e164: str | None
    participants: str
    conversation_id: int | None
    subject: str
    body: str
    attachments: int
    source_id: int
    table: str
    row: str
    note: str


class CallLine(NamedTuple):
    id: int
    item_id: int
    time: datetime | None  # UTC
    time_raw: str
    direction: str
    type: str
    answered: bool | None
    duration_seconds: int | None
    service: str
    app: str
    number: str  # as written on the device
    e164: str | None
    name: str
    deleted: bool
    source_id: int
    table: str
    row: str
    note: str


class ContactLine(NamedTuple):
    id: int
    item_id: int
    name: str
    organization: str
    notes: str
    created_at: datetime | None
    modified_at: datetime | None
    times_raw: str
    deleted: bool
    source_id: int
    table: str
    row: str
    note: str
    points: tuple[ContactPointRow, ...]


@dataclass(frozen=True)
class SourceRow:
    """One imported source file with what was read from it (provenance for reports)."""

    id: int
    item_id: int
    exhibit: str
    parser: str
    path: str  # as the examiner gave it
    logical_path: str  # inside the device (or the file's name)
    size: int
    sha256: str
    md5: str
    schema_version: str
    counts: dict[str, int]
    skipped: list[Message]
    imported_at: datetime
    imported_by: str


_M, _C, _K = ArtifactMessage, ArtifactCall, ArtifactContact
_LINE_COLUMNS: dict[str, tuple[Any, ...]] = {
    "message": (
        _M.id, _M.item_id, _M.sent_at, _M.sent_at_raw, _M.direction, _M.status, _M.service,
        _M.is_read, _M.deleted, _M.number_raw, _M.number_e164, _M.participants,
        _M.conversation_id, _M.subject, _M.body, _M.attachment_count, _M.source_id,
        _M.source_table, _M.source_row, _M.parse_note,
    ),
    "call": (
        _C.id, _C.item_id, _C.started_at, _C.started_at_raw, _C.direction, _C.call_type,
        _C.answered, _C.duration_seconds, _C.service, _C.app, _C.number_raw, _C.number_e164,
        _C.name, _C.deleted, _C.source_id, _C.source_table, _C.source_row, _C.parse_note,
    ),
    "contact": (
        _K.id, _K.item_id, _K.display_name, _K.organization, _K.notes, _K.created_at,
        _K.modified_at, _K.times_raw, _K.deleted, _K.source_id, _K.source_table,
        _K.source_row, _K.parse_note,
    ),
}  # fmt: skip
EXPORT_BATCH = 5000


# ---- the service -----------------------------------------------------------------------------
class ArtifactService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # ---- listing
    def count(self, query: ArtifactQuery, limit: int | None = None) -> int:
        """The matching rows; with `limit`, counted only up to it (min(count, limit)).

        A count stops early only when capped: a short text search (`대출`: PostgreSQL's
        trigram index gets no trigram from two characters) otherwise reads every row, while
        the first `limit` matches are found within a fraction of them."""
        shape = _shape(query.kind)
        with self._db.read() as session:
            conditions = self._conditions(session, query)
            if limit is None:
                statement = select(func.count()).select_from(shape.model).where(*conditions)
            else:
                matching = select(shape.model.id).where(*conditions).limit(max(limit, 0))
                statement = select(func.count()).select_from(matching.subquery())
            return int(session.execute(statement).scalar_one())

    def page(self, query: ArtifactQuery, offset: int = 0, limit: int = 200) -> list[ArtifactRow]:
        """Rows `offset` .. `offset + limit` in the query's order."""
        shape = _shape(query.kind)
        column = shape.sortable.get(query.sort)
        if column is None:
            raise UserError("Cannot sort {kind}s by {sort!r}.", kind=query.kind, sort=query.sort)
        with self._db.read() as session:
            conditions = self._conditions(session, query)
            order = (
                (column.desc(), shape.model.id.desc())
                if query.descending
                else (column.asc(), shape.model.id.asc())
            )
            ids = list(
                session.scalars(
                    select(shape.model.id)
                    .where(*conditions)
                    .order_by(*order)
                    .offset(max(offset, 0))
                    .limit(max(limit, 0))
                )
            )
            rows = self._rows(session, query.kind, ids)
        return [rows[i] for i in ids if i in rows]

    def iterate(self, query: ArtifactQuery, batch: int = 5000) -> Iterator[ArtifactRow]:
        """Every matching row in order, a batch at a time (for exports)."""
        offset = 0
        while True:
            rows = self.page(query, offset, batch)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch

    def rows_by_id(self, kind: str, ids: Sequence[int]) -> dict[int, ArtifactRow]:
        _shape(kind)
        with self._db.read() as session:
            return self._rows(session, kind, list(ids))

    def get(self, kind: str, artifact_id: int) -> ArtifactRow:
        row = self.rows_by_id(kind, [artifact_id]).get(artifact_id)
        if row is None:
            raise NotFoundError(
                "No {kind} with id {artifact_id}.", kind=kind, artifact_id=artifact_id
            )
        return row

    def attachments(self, message_id: int) -> list[AttachmentRow]:
        with self._db.read() as session:
            return [
                AttachmentRow(a.name, a.mime_type, a.size, a.path)
                for a in session.scalars(
                    select(ArtifactAttachment)
                    .where(ArtifactAttachment.message_id == message_id)
                    .order_by(ArtifactAttachment.id)
                )
            ]

    def numbers_in(self, kind: str, artifact_id: int) -> list[NumberInArtifact]:
        """Every valid number an artifact holds: its address, the numbers written in it, its
        group's members, a contact's numbers."""
        found: list[NumberInArtifact] = []
        with self._db.read() as session:
            if kind in ("message", "call"):
                model = ArtifactMessage if kind == "message" else ArtifactCall
                row = session.execute(
                    select(model.number_e164, model.number_raw).where(model.id == artifact_id)
                ).first()
                if row is not None and row[0]:
                    found.append(NumberInArtifact(row[0], row[1], "address"))
                for e164, raw, role in session.execute(
                    select(ArtifactMention.e164, ArtifactMention.raw, ArtifactMention.role)
                    .where(
                        ArtifactMention.artifact_kind == kind,
                        ArtifactMention.artifact_id == artifact_id,
                    )
                    .order_by(ArtifactMention.id)
                ):
                    found.append(NumberInArtifact(e164, raw, role))
            elif kind == "contact":
                for point_e164, value in session.execute(
                    select(ArtifactContactPoint.e164, ArtifactContactPoint.value)
                    .where(
                        ArtifactContactPoint.contact_id == artifact_id,
                        ArtifactContactPoint.e164.is_not(None),
                    )
                    .order_by(ArtifactContactPoint.id)
                ):
                    found.append(NumberInArtifact(point_e164 or "", value, "contact"))
        unique: dict[str, NumberInArtifact] = {}
        for number in found:
            unique.setdefault(number.e164, number)
        return list(unique.values())

    def phones(self, case_id: int) -> list[PhoneSummary]:
        """The items of a case that hold imported device data, with their counts."""
        with self._db.read() as session:
            items = session.execute(
                select(EvidenceItem.id, EvidenceItem.exhibit_number, EvidenceItem.description)
                .where(
                    EvidenceItem.id.in_(
                        select(ImportSource.item_id).where(ImportSource.case_id == case_id)
                    )
                )
                .order_by(EvidenceItem.exhibit_number)
            ).all()
            counts: dict[int, dict[str, int]] = defaultdict(dict)
            for kind, model in (
                ("message", ArtifactMessage),
                ("call", ArtifactCall),
                ("contact", ArtifactContact),
            ):
                if len(items) == 1:
                    # Every artifact of the case comes from an import of its one phone: the
                    # case's count, from the (case, time) index, without reading each row
                    # for its item.
                    total = session.execute(
                        select(func.count()).select_from(model).where(model.case_id == case_id)
                    ).scalar_one()
                    counts[items[0].id][kind] = int(total)
                    continue
                for item_id, n in session.execute(
                    select(model.item_id, func.count())
                    .where(model.case_id == case_id)
                    .group_by(model.item_id)
                ):
                    counts[item_id][kind] = n
        return [
            PhoneSummary(
                item_id,
                exhibit,
                description,
                counts[item_id].get("message", 0),
                counts[item_id].get("call", 0),
                counts[item_id].get("contact", 0),
            )
            for item_id, exhibit, description in items
        ]

    def conversations(
        self, case_id: int, item_id: int | None = None, within: ArtifactQuery | None = None
    ) -> list[ConversationRow]:
        """Conversations with their message counts, the most recent first. With `within` (a
        message query that filters: text, number, time, direction, type, tag), only the
        conversations holding a matching message, each with the count and time of its matches."""
        c, m = ArtifactConversation, ArtifactMessage
        if within is not None and filters_messages(within):
            query = replace(within, case_id=case_id, item_id=item_id, kind="message")
            with self._db.read() as session:
                matches = (
                    select(
                        m.conversation_id.label("conversation_id"),
                        func.count().label("matches"),
                        func.max(m.sent_at).label("latest"),
                    )
                    .where(*self._conditions(session, replace(query, conversation_id=None)))
                    .where(m.conversation_id.is_not(None))
                    .group_by(m.conversation_id)
                    .subquery()
                )
                return _conversation_rows(
                    session,
                    select(c, EvidenceItem.exhibit_number, matches.c.matches, matches.c.latest)
                    .join(matches, matches.c.conversation_id == c.id)
                    .join(EvidenceItem, EvidenceItem.id == c.item_id),
                    self._unthreaded(session, replace(query, conversation_id=None)),
                )
        # Per conversation, from the (conversation_id, sent_at) index alone: a conversation's
        # messages are all of its case. (Grouping the case's messages read every one of them
        # from the table: 5 s for a million on SQLite, on every change of the filters.)
        messages = select(func.count()).where(m.conversation_id == c.id).scalar_subquery()
        latest = select(func.max(m.sent_at)).where(m.conversation_id == c.id).scalar_subquery()
        statement = (
            select(c, EvidenceItem.exhibit_number, messages, latest)
            .join(EvidenceItem, EvidenceItem.id == c.item_id)
            .where(c.case_id == case_id)
        )
        if item_id is not None:
            statement = statement.where(c.item_id == item_id)
        unthreaded = ArtifactQuery(case_id, item_id=item_id, kind="message")
        with self._db.read() as session:
            return _conversation_rows(session, statement, self._unthreaded(session, unthreaded))

    def _unthreaded(self, session: Session, query: ArtifactQuery) -> list[ConversationRow]:
        """Per phone, its messages (those the query matches) that belong to no conversation."""
        m = ArtifactMessage
        statement = (
            select(m.item_id, EvidenceItem.exhibit_number, func.count(), func.max(m.sent_at))
            .join(EvidenceItem, EvidenceItem.id == m.item_id)
            .where(*self._conditions(session, query))
            .where(m.conversation_id.is_(None))
            .group_by(m.item_id, EvidenceItem.exhibit_number)
        )
        return [
            ConversationRow(NO_CONVERSATION, item_id, exhibit, "", "", "", False, int(n), last)
            for item_id, exhibit, n, last in session.execute(statement)
            if n
        ]

    def conversation_titles(self, case_id: int, item_id: int | None = None) -> dict[int, str]:
        """Conversation id → its title (its participants when it has none), without the
        message counts `conversations` groups a million messages for (reports name each
        message's conversation)."""
        c = ArtifactConversation
        statement = select(c.id, c.title, c.participants).where(c.case_id == case_id)
        if item_id is not None:
            statement = statement.where(c.item_id == item_id)
        with self._db.read() as session:
            return {
                int(cid): title or participants
                for cid, title, participants in session.execute(statement)
            }

    # ---- streaming (exports, reports)
    def message_lines(
        self, query: ArtifactQuery, batch: int = EXPORT_BATCH
    ) -> Iterator[MessageLine]:
        """Every message the query matches, oldest first (undated ones last); see `_keyset`."""
        query = replace(query, kind="message")
        for row in self._keyset(query, ArtifactMessage.sent_at, batch):
            yield MessageLine._make(row)

    def call_lines(self, query: ArtifactQuery, batch: int = EXPORT_BATCH) -> Iterator[CallLine]:
        """Every call the query matches, oldest first (undated ones last)."""
        query = replace(query, kind="call")
        for row in self._keyset(query, ArtifactCall.started_at, batch):
            yield CallLine._make(row)

    def contact_lines(
        self, query: ArtifactQuery, batch: int = EXPORT_BATCH
    ) -> Iterator[ContactLine]:
        """Every contact the query matches, in the order they were imported, each with its
        numbers and addresses."""
        query = replace(query, kind="contact")
        pending: list[Any] = []

        def flush() -> Iterator[ContactLine]:
            points: dict[int, list[ContactPointRow]] = defaultdict(list)
            with self._db.read() as session:
                for p in session.execute(
                    select(
                        ArtifactContactPoint.contact_id,
                        ArtifactContactPoint.kind,
                        ArtifactContactPoint.label,
                        ArtifactContactPoint.value,
                        ArtifactContactPoint.e164,
                    )
                    .where(ArtifactContactPoint.contact_id.in_([r[0] for r in pending]))
                    .order_by(ArtifactContactPoint.id)
                ):
                    points[p[0]].append(ContactPointRow(p[1], p[2], p[3], p[4]))
            for row in pending:
                yield ContactLine._make((*row, tuple(points.get(row[0], ()))))

        for row in self._keyset(query, None, batch):
            pending.append(row)
            if len(pending) == batch:
                yield from flush()
                pending = []
        if pending:
            yield from flush()

    def _keyset(self, query: ArtifactQuery, time: Any, batch: int) -> Iterator[Any]:
        """The query's rows in (time, id) order, dated rows first, then the undated in id
        order (by id alone when `time` is None), `batch` rows per read.

        Keyset paging, not OFFSET: the millionth row costs what the first does. No cursor
        stays open between batches, so a reader may stop anywhere (the PDF reads forty rows
        of a million) and a long export holds no transaction. Plain columns are read on the
        session's connection (Core), without the ORM's per-row loading, as plain rows
        (`plain_rows`: on SQLite without a Row object per row)."""
        model = _shape(query.kind).model
        with self._db.read() as session:
            conditions = self._conditions(session, query)
        base = select(*_LINE_COLUMNS[query.kind]).where(*conditions)
        if time is not None:
            after: tuple[datetime, int] | None = None
            while True:
                statement = base.where(time.is_not(None))
                if after is not None:
                    statement = statement.where(
                        time >= after[0], or_(time > after[0], model.id > after[1])
                    )
                with self._db.read() as session:
                    ordered = statement.order_by(time, model.id).limit(batch)
                    rows = plain_rows(session.connection(), ordered)
                yield from rows
                if len(rows) < batch:
                    break
                after = (rows[-1][2], rows[-1][0])
            base = base.where(time.is_(None))
        last_id: int | None = None
        while True:
            statement = base if last_id is None else base.where(model.id > last_id)
            with self._db.read() as session:
                ordered = statement.order_by(model.id).limit(batch)
                rows = plain_rows(session.connection(), ordered)
            yield from rows
            if len(rows) < batch:
                return
            last_id = rows[-1][0]

    def time_span(self, query: ArtifactQuery) -> tuple[datetime | None, datetime | None]:
        """The first and last time among the rows the query matches (None, None: no dated
        row)."""
        shape = _shape(query.kind)
        with self._db.read() as session:
            conditions = self._conditions(session, query)
            first, last = session.execute(
                select(func.min(shape.time), func.max(shape.time)).where(*conditions)
            ).one()
        return first, last

    def sources(self, case_id: int) -> list[SourceRow]:
        """The source files imported into the case, by exhibit, in import order."""
        statement = (
            select(ImportSource, EvidenceItem.exhibit_number, Examiner.name, Examiner.badge_number)
            .join(EvidenceItem, EvidenceItem.id == ImportSource.item_id)
            .join(Examiner, Examiner.id == ImportSource.imported_by)
            .where(ImportSource.case_id == case_id)
            .order_by(EvidenceItem.exhibit_number, ImportSource.id)
        )
        with self._db.read() as session:
            return [
                SourceRow(
                    id=s.id,
                    item_id=s.item_id,
                    exhibit=exhibit,
                    parser=s.parser,
                    path=s.path,
                    logical_path=s.logical_path,
                    size=s.size,
                    sha256=s.sha256,
                    md5=s.md5,
                    schema_version=s.schema_version,
                    counts={str(k): int(v) for k, v in json.loads(s.counts or "{}").items()},
                    skipped=[message_from_json(x) for x in json.loads(s.skipped or "[]")],
                    imported_at=s.imported_at,
                    imported_by=f"{name} ({badge})",
                )
                for s, exhibit, name, badge in session.execute(statement)
            ]

    def case_annotations(self, case_id: int) -> list[Annotation]:
        """Every tag and note in the case, by artifact kind and id, oldest first."""
        with self._db.read() as session:
            return [
                Annotation(
                    a.id, a.artifact_kind, a.artifact_id, a.tag, a.note, a.created_at, a.created_by
                )
                for a in session.scalars(
                    select(ArtifactAnnotation)
                    .where(ArtifactAnnotation.case_id == case_id)
                    .order_by(
                        ArtifactAnnotation.artifact_kind,
                        ArtifactAnnotation.artifact_id,
                        ArtifactAnnotation.id,
                    )
                )
            ]

    # ---- conditions
    def _conditions(self, session: Session, query: ArtifactQuery) -> list[ColumnElement[bool]]:
        shape = _shape(query.kind)
        model = shape.model
        conditions: list[ColumnElement[bool]] = [model.case_id == query.case_id]
        if query.item_id is not None:
            conditions.append(model.item_id == query.item_id)
        if query.start is not None:
            conditions.append(shape.time >= _aware(query.start))
        if query.end is not None:
            conditions.append(shape.time < _aware(query.end))
        if query.direction and hasattr(model, "direction"):
            conditions.append(model.direction == query.direction)
        if query.type and shape.type_column is not None:
            conditions.append(shape.type_column == query.type)
        if query.conversation_id == NO_CONVERSATION and query.kind == "message":
            conditions.append(ArtifactMessage.conversation_id.is_(None))
        elif query.conversation_id is not None and query.kind == "message":
            conditions.append(ArtifactMessage.conversation_id == query.conversation_id)
        if query.tag:
            conditions.append(
                model.id.in_(
                    select(ArtifactAnnotation.artifact_id).where(
                        ArtifactAnnotation.artifact_kind == query.kind,
                        ArtifactAnnotation.tag == query.tag,
                    )
                )
            )
        if query.number.strip():
            conditions.append(self._number_condition(query.kind, query.number))
        if query.text.strip():
            conditions.append(self._text_condition(session, query.kind, query.text.strip()))
        return conditions

    def _like(self, column: Any, pattern: str) -> ColumnElement[bool]:
        # PostgreSQL's ILIKE lower-cases every text it reads (several times the cost of LIKE
        # over UTF-8): a pattern without cased characters needs no folding.
        if self._db.is_sqlite or not has_case(pattern):
            return column.like(pattern, escape="\\")
        return column.ilike(pattern, escape="\\")

    def _number_condition(self, kind: str, number: str) -> ColumnElement[bool]:
        address = query_number(number)
        if address.e164:
            e164 = address.e164
            if kind == "message":
                # Two indexed lookups joined, not an OR the planner would answer by scanning.
                return ArtifactMessage.id.in_(
                    union(
                        select(ArtifactMessage.id).where(ArtifactMessage.number_e164 == e164),
                        select(ArtifactMention.artifact_id).where(
                            ArtifactMention.e164 == e164, ArtifactMention.artifact_kind == kind
                        ),
                    )
                )
            if kind == "call":
                return ArtifactCall.number_e164 == e164
            return ArtifactContact.id.in_(
                select(ArtifactContactPoint.contact_id).where(ArtifactContactPoint.e164 == e164)
            )
        # Not a valid number: match the digits as written, or the address itself (an e-mail,
        # a sender name, a short code).
        digits = address.digits
        raw = number.strip()
        if kind in ("message", "call"):
            model = ArtifactMessage if kind == "message" else ArtifactCall
            options = [self._like(model.number_raw, like_pattern(raw))]
            if len(digits) >= 3:
                options.append(model.number_digits.like(like_pattern(digits), escape="\\"))
            return or_(*options)
        point_options = [self._like(ArtifactContactPoint.value, like_pattern(raw))]
        if len(digits) >= 3:
            point_options.append(
                ArtifactContactPoint.digits.like(like_pattern(digits), escape="\\")
            )
        return ArtifactContact.id.in_(
            select(ArtifactContactPoint.contact_id).where(or_(*point_options))
        )

    def _text_condition(self, session: Session, kind: str, query: str) -> ColumnElement[bool]:
        pattern = like_pattern(query)
        if kind == "call":
            return or_(
                self._like(ArtifactCall.name, pattern),
                self._like(ArtifactCall.number_raw, pattern),
                self._like(ArtifactCall.app, pattern),
            )
        if kind == "contact":
            return or_(
                self._like(ArtifactContact.display_name, pattern),
                self._like(ArtifactContact.organization, pattern),
                self._like(ArtifactContact.notes, pattern),
                ArtifactContact.id.in_(
                    select(ArtifactContactPoint.contact_id).where(
                        self._like(ArtifactContactPoint.value, pattern)
                    )
                ),
            )
        if not self._db.is_sqlite:
            # The very expression of the trigram index (migration 0004), or it is not used;
            # the index serves LIKE as well as ILIKE.
            operator = "ILIKE" if has_case(query) else "LIKE"
            condition = f"{PG_SEARCHED} {operator} :p ESCAPE '\\'"
            if len(query) < PG_TRIGRAM and "\n" not in query:
                # No trigram, so no index: every row is read. The raw columns are tested
                # first, and the bounded text is built only for the rows holding the query
                # (a query without the newline joining them never spans subject and body);
                # the bounded text still decides what is found.
                condition = (
                    f"(artifact_messages.subject {operator} :p ESCAPE '\\' "
                    f"OR artifact_messages.body {operator} :p ESCAPE '\\') AND {condition}"
                )
            return text(condition).bindparams(p=pattern)  # type: ignore[return-value]
        # What the index holds: the first SEARCHED_TEXT_LIMIT characters (storage.models).
        searched = func.substr(
            ArtifactMessage.subject + literal("\n") + ArtifactMessage.body, 1, SEARCHED_TEXT_LIMIT
        )
        recheck = searched.like(pattern, escape="\\")
        if len(query) < 2:
            return recheck  # one character: too common for the index to help
        match = self._match_expression(session, query)
        if match is None:
            return recheck
        if match == "":
            return false()
        candidates = ArtifactMessage.id.in_(
            text(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match").bindparams(
                match=match
            )
        )
        # Two or three characters: the index's answer is exact (a trigram starting with the
        # query, or the query's one trigram). Longer: all its trigrams, in any order, so the
        # text itself is checked.
        return candidates if len(query) <= 3 else and_(candidates, recheck)

    @staticmethod
    def _match_expression(session: Session, query: str) -> str | None:
        """An FTS5 query for the trigram index: all trigrams of the query (AND), or for one
        or two characters the indexed trigrams starting with them (OR). "" means none can
        match; None means the index cannot help."""
        folded = fold_ascii(query)
        if len(folded) >= 3:
            trigrams = sorted({folded[i : i + 3] for i in range(len(folded) - 2)})
            return " AND ".join(_quote_term(t) for t in trigrams)
        terms = list(
            session.scalars(
                text(
                    f"SELECT term FROM {SEARCH_VOCABULARY} WHERE term >= :low AND term < :high "
                    f"LIMIT {SHORT_QUERY_TERMS_LIMIT + 1}"
                ),
                {"low": folded, "high": folded + "\U0010ffff"},
            )
        )
        if len(terms) > SHORT_QUERY_TERMS_LIMIT:
            return None
        return " OR ".join(_quote_term(t) for t in terms)

    # ---- rows
    def _rows(self, session: Session, kind: str, ids: list[int]) -> dict[int, ArtifactRow]:
        if not ids:
            return {}
        model = _shape(kind).model
        statement = (
            select(
                model,
                ImportSource.path,
                ImportSource.sha256,
                ImportSource.parser,
                EvidenceItem.exhibit_number,
            )
            .join(ImportSource, ImportSource.id == model.source_id)
            .join(EvidenceItem, EvidenceItem.id == model.item_id)
            .where(model.id.in_(ids))
        )
        found: dict[int, ArtifactRow] = {}
        titles: dict[int, str] = {}
        results = session.execute(statement).all()
        if kind == "message":
            conversation_ids = {r[0].conversation_id for r in results if r[0].conversation_id}
            if conversation_ids:
                titles = dict(
                    session.execute(
                        select(ArtifactConversation.id, ArtifactConversation.title).where(
                            ArtifactConversation.id.in_(conversation_ids)
                        )
                    ).all()
                )
        points: dict[int, list[ContactPointRow]] = defaultdict(list)
        if kind == "contact":
            for p in session.scalars(
                select(ArtifactContactPoint)
                .where(ArtifactContactPoint.contact_id.in_(ids))
                .order_by(ArtifactContactPoint.id)
            ):
                points[p.contact_id].append(ContactPointRow(p.kind, p.label, p.value, p.e164))
        for row, path, sha256, parser, exhibit in results:
            provenance = Provenance(
                row.source_id, path, sha256, parser, row.source_table, row.source_row
            )
            found[row.id] = _to_row(
                kind, row, exhibit, provenance, titles, tuple(points.get(row.id, ()))
            )
        return found

    # ---- tags and notes
    def annotations(self, kind: str, ids: Sequence[int]) -> dict[int, list[Annotation]]:
        if not ids:
            return {}
        with self._db.read() as session:
            found: dict[int, list[Annotation]] = defaultdict(list)
            for a in session.scalars(
                select(ArtifactAnnotation)
                .where(
                    ArtifactAnnotation.artifact_kind == kind,
                    ArtifactAnnotation.artifact_id.in_(list(ids)),
                )
                .order_by(ArtifactAnnotation.id)
            ):
                found[a.artifact_id].append(
                    Annotation(
                        a.id,
                        a.artifact_kind,
                        a.artifact_id,
                        a.tag,
                        a.note,
                        a.created_at,
                        a.created_by,
                    )
                )
            return dict(found)

    def tags_in_case(self, case_id: int) -> list[str]:
        with self._db.read() as session:
            return list(
                session.scalars(
                    select(ArtifactAnnotation.tag)
                    .where(ArtifactAnnotation.case_id == case_id, ArtifactAnnotation.tag != "")
                    .distinct()
                    .order_by(ArtifactAnnotation.tag)
                )
            )

    def add_tag(self, by: Actor, kind: str, artifact_id: int, tag: str) -> bool:
        """Tag an artifact (audited). False when it already carries the tag."""
        tag = " ".join(tag.split())
        if not tag:
            raise UserError("A tag needs some text.")
        if len(tag) > MAX_TAG:
            raise UserError("A tag can have at most {MAX_TAG} characters.", MAX_TAG=MAX_TAG)
        with self._db.write() as session:
            case_id, exhibit = self._owner(session, kind, artifact_id)
            exists = session.scalar(
                select(ArtifactAnnotation.id).where(
                    ArtifactAnnotation.artifact_kind == kind,
                    ArtifactAnnotation.artifact_id == artifact_id,
                    ArtifactAnnotation.tag == tag,
                )
            )
            if exists is not None:
                return False
            session.add(
                ArtifactAnnotation(
                    case_id=case_id, artifact_kind=kind, artifact_id=artifact_id, tag=tag,
                    note="", created_at=self._clock.now(), created_by=by.id,
                )
            )  # fmt: skip
            CustodyWriter(session, by, self._clock).append(
                Action.ANALYSE,
                Events.ARTIFACT_TAGGED(exhibit=exhibit, kind=kind, artifact=artifact_id, tag=tag),
                {"artifact": f"{kind}:{artifact_id}", "tag": tag},
                case_id=case_id,
            )
        return True

    def remove_tag(self, by: Actor, kind: str, artifact_id: int, tag: str) -> bool:
        with self._db.write() as session:
            case_id, exhibit = self._owner(session, kind, artifact_id)
            row = session.scalars(
                select(ArtifactAnnotation).where(
                    ArtifactAnnotation.artifact_kind == kind,
                    ArtifactAnnotation.artifact_id == artifact_id,
                    ArtifactAnnotation.tag == tag,
                )
            ).first()
            if row is None:
                return False
            session.delete(row)
            CustodyWriter(session, by, self._clock).append(
                Action.ANALYSE,
                Events.ARTIFACT_UNTAGGED(exhibit=exhibit, kind=kind, artifact=artifact_id, tag=tag),
                {"artifact": f"{kind}:{artifact_id}", "removed_tag": tag},
                case_id=case_id,
            )
        return True

    def add_note(self, by: Actor, kind: str, artifact_id: int, note: str) -> int:
        """A note on an artifact (audited, kept: notes are added, never edited away)."""
        note = note.strip()
        if not note:
            raise UserError("A note needs some text.")
        with self._db.write() as session:
            case_id, exhibit = self._owner(session, kind, artifact_id)
            row = ArtifactAnnotation(
                case_id=case_id, artifact_kind=kind, artifact_id=artifact_id, tag="",
                note=note, created_at=self._clock.now(), created_by=by.id,
            )  # fmt: skip
            session.add(row)
            session.flush()
            CustodyWriter(session, by, self._clock).append(
                Action.ANALYSE,
                Events.ARTIFACT_NOTE(exhibit=exhibit, kind=kind, artifact=artifact_id),
                {"artifact": f"{kind}:{artifact_id}", "note": note},
                case_id=case_id,
            )
            return row.id

    @staticmethod
    def _owner(session: Session, kind: str, artifact_id: int) -> tuple[int, str]:
        model = _shape(kind).model
        found = session.execute(
            select(model.case_id, EvidenceItem.exhibit_number)
            .join(EvidenceItem, EvidenceItem.id == model.item_id)
            .where(model.id == artifact_id)
        ).first()
        if found is None:
            raise NotFoundError(
                "No {kind} with id {artifact_id}.", kind=kind, artifact_id=artifact_id
            )
        return int(found[0]), str(found[1])


def _quote_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _conversation_rows(
    session: Session, statement: Any, unthreaded: list[ConversationRow]
) -> list[ConversationRow]:
    """(conversation, exhibit, message count, latest time) rows, most recent first, then each
    phone's messages outside any conversation; a conversation without messages is not listed."""
    found = [
        ConversationRow(
            conv.id,
            conv.item_id,
            exhibit,
            conv.title,
            conv.participants,
            conv.service,
            conv.is_group,
            int(n),
            last,
        )
        for conv, exhibit, n, last in session.execute(statement)
        if n
    ]
    found.sort(
        key=lambda r: (
            r.last_time is None,
            -(r.last_time.timestamp() if r.last_time else 0),
            r.id,
        )
    )
    return found + sorted(unthreaded, key=lambda r: r.exhibit)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise UserError("The time {moment} needs a time zone.", moment=moment.isoformat())
    return moment


def _to_row(
    kind: str,
    row: Any,
    exhibit: str,
    provenance: Provenance,
    titles: dict[int, str],
    points: tuple[ContactPointRow, ...],
) -> ArtifactRow:
    common = {
        "kind": kind,
        "id": row.id,
        "case_id": row.case_id,
        "item_id": row.item_id,
        "exhibit": exhibit,
        "deleted": row.deleted,
        "note": row.parse_note,
        "provenance": provenance,
    }
    if kind == "message":
        subject = row.subject
        return ArtifactRow(
            **common,
            time=row.sent_at,
            time_raw=row.sent_at_raw,
            direction=row.direction,
            type=row.service,
            status=row.status,
            number=row.number_raw,
            e164=row.number_e164,
            number_kind=row.number_kind,
            name=titles.get(row.conversation_id, "") if row.conversation_id else "",
            text=f"{subject}\n{row.body}" if subject else row.body,
            duration_seconds=None,
            is_read=row.is_read,
            answered=None,
            attachment_count=row.attachment_count,
            conversation_id=row.conversation_id,
            participants=row.participants,
            service=row.service,
        )
    if kind == "call":
        return ArtifactRow(
            **common,
            time=row.started_at,
            time_raw=row.started_at_raw,
            direction=row.direction,
            type=row.call_type,
            status="",
            number=row.number_raw,
            e164=row.number_e164,
            number_kind=row.number_kind,
            name=row.name,
            text=row.app,
            duration_seconds=row.duration_seconds,
            is_read=None,
            answered=row.answered,
            attachment_count=0,
            conversation_id=None,
            participants="",
            service=row.service,
        )
    first_phone = next((p for p in points if p.kind == "phone"), None)
    return replace(
        ArtifactRow(
            **common,
            time=row.created_at,
            time_raw=row.times_raw,
            direction="",
            type="",
            status="",
            number=first_phone.value if first_phone else "",
            e164=first_phone.e164 if first_phone else None,
            number_kind="phone" if first_phone else "",
            name=row.display_name,
            text="\n".join(t for t in (row.organization, row.notes) if t),
            duration_seconds=None,
            is_read=None,
            answered=None,
            attachment_count=0,
            conversation_id=None,
            participants="",
            service="",
        ),
        points=points,
    )
