"""What importers yield: plain, immutable records, one per artifact, with their provenance.

Parsers fill in what the source says, as the source says it (raw time, raw number); the ingest
service normalises numbers and writes. NamedTuples, not dataclasses: a phone holds a million
messages, and these are built once per row.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import NamedTuple


class Direction(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    UNKNOWN = "unknown"


class MessageStatus(enum.StrEnum):
    RECEIVED = "received"
    SENT = "sent"
    DRAFT = "draft"
    OUTBOX = "outbox"
    FAILED = "failed"
    QUEUED = "queued"
    UNKNOWN = ""


class MessageService(enum.StrEnum):
    SMS = "sms"
    MMS = "mms"
    IMESSAGE = "imessage"
    RCS = "rcs"
    OTHER = "other"


class CallType(enum.StrEnum):
    """What became of the call (Android's `calls.type` vocabulary, used for every source)."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    MISSED = "missed"
    VOICEMAIL = "voicemail"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    UNKNOWN = "unknown"


class CallService(enum.StrEnum):
    PHONE = "phone"
    FACETIME_AUDIO = "facetime_audio"
    FACETIME_VIDEO = "facetime_video"
    APP = "app"  # third-party VoIP app through CallKit
    UNKNOWN = "unknown"


class PointKind(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    OTHER = "other"


class Where(NamedTuple):
    """Provenance inside the source: the table and the row's own id there."""

    table: str
    row: str


class Attachment(NamedTuple):
    name: str
    mime_type: str
    size: int | None
    path: str  # as the device recorded it (not a path on this workstation)
    row: str = ""


class ConversationRecord(NamedTuple):
    key: str  # the source's own id for it (thread id, chat ROWID)
    service: str
    title: str
    participants: tuple[str, ...]  # raw addresses
    is_group: bool


class MessageRecord(NamedTuple):
    table: str  # provenance: the source table
    row: str  # and the row's own id there
    sent_at: datetime | None
    sent_at_raw: str
    direction: str
    status: str
    is_read: bool | None
    service: str
    conversation_key: str | None
    address: str  # the other party as written: sender of incoming, recipient of outgoing
    participants: tuple[str, ...]  # further parties of a group message, raw
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    deleted: bool = False
    note: str = ""

    @property
    def where(self) -> Where:
        return Where(self.table, self.row)


class CallRecord(NamedTuple):
    table: str  # provenance: the source table
    row: str  # and the row's own id there
    started_at: datetime | None
    started_at_raw: str
    direction: str
    call_type: str
    answered: bool | None
    duration_seconds: int | None
    service: str
    app: str
    address: str
    name: str
    deleted: bool = False
    note: str = ""

    @property
    def where(self) -> Where:
        return Where(self.table, self.row)


class ContactPoint(NamedTuple):
    kind: str
    label: str
    value: str
    row: str = ""


class ContactRecord(NamedTuple):
    table: str  # provenance: the source table
    row: str  # and the row's own id there
    display_name: str
    given_name: str
    family_name: str
    organization: str
    points: tuple[ContactPoint, ...]
    notes: str = ""
    created_at: datetime | None = None
    modified_at: datetime | None = None
    times_raw: str = ""
    deleted: bool = False
    note: str = ""

    @property
    def where(self) -> Where:
        return Where(self.table, self.row)


Record = ConversationRecord | MessageRecord | CallRecord | ContactRecord

KIND_OF_RECORD: dict[type, str] = {
    MessageRecord: "message",
    CallRecord: "call",
    ContactRecord: "contact",
}
