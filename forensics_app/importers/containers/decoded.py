"""Importers of decoded records: exports that already hold messages, calls and contacts
(a UFDR's report.xml, a tool's CSV/XLSX) rather than a database to query.

They stand beside the SQLite importers in the ingest path: the same `name` (stored with every
import, and part of the idempotency key), the same `parse(ParseContext)`, the same records, the
same ArtifactWriter. Where a SQLite importer's context holds the opened database, theirs holds
a `DecodedCopy` (their `open` makes it): the working copy's path and the progress to report.

The record builders here are the one place that knows how a record's provenance is spelled
(`where=Where(table, row)` today), so container readers never build records by position.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from forensics_app.importers.base import ParseContext
from forensics_app.importers.records import (
    Attachment,
    CallRecord,
    ContactPoint,
    ContactRecord,
    ConversationRecord,
    MessageRecord,
    Record,
    Where,
)
from forensics_app.importers.sqlite import (
    DatabaseUnreadable,
    Schema,
    SqliteDatabase,
    TextDecodeReport,
)
from forensics_app.progress import ProgressReporter


class SourceUnreadable(DatabaseUnreadable):
    """A decoded export that cannot be read (malformed XML, a sheet that is not there): the
    ingest path reports the source as failed, like a damaged database."""


class DecodedCopy(SqliteDatabase):
    """The working copy of a decoded export, in the place a SqliteDatabase takes in a
    ParseContext. Nothing is opened: the importer reads `path` itself."""

    def __init__(
        self, path: Path, progress: ProgressReporter
    ) -> None:  # no super().__init__: nothing to open
        self.path = path
        self.progress = progress
        self.text = TextDecodeReport()
        self.schema = Schema()

    def close(self) -> None:
        pass

    def close_quietly(self) -> None:
        pass


@runtime_checkable
class DecodedImporter(Protocol):
    name: str
    title: str
    platform: str
    yields: tuple[str, ...]

    def open(self, path: Path, progress: ProgressReporter) -> DecodedCopy: ...

    def parse(self, ctx: ParseContext) -> Iterator[Record]:
        """Records from the working copy (ctx.db, a DecodedCopy)."""
        ...


def _provenance(kind: type, table: str, row: str) -> dict[str, Any]:
    where = _SPELLED_AS_WHERE.get(kind)
    if where is None:
        where = _SPELLED_AS_WHERE[kind] = "where" in getattr(kind, "_fields", ())
    if where:
        return {"where": Where(table[:64], row[:64])}
    return {"table": table[:64], "row": row[:64]}


# Whether a record kind spells its provenance as one `where` field: read once per kind, not
# once per record (a big UFDR builds a million).
_SPELLED_AS_WHERE: dict[type, bool] = {}


def message(
    table: str,
    row: str,
    *,
    sent_at: datetime | None,
    sent_at_raw: str,
    direction: str,
    status: str,
    is_read: bool | None,
    service: str,
    conversation_key: str | None,
    address: str,
    participants: tuple[str, ...] = (),
    subject: str = "",
    body: str = "",
    attachments: tuple[Attachment, ...] = (),
    deleted: bool = False,
    note: str = "",
) -> MessageRecord:
    return MessageRecord(
        **_provenance(MessageRecord, table, row),
        sent_at=sent_at,
        sent_at_raw=sent_at_raw[:64],
        direction=direction,
        status=status,
        is_read=is_read,
        service=service,
        conversation_key=conversation_key,
        address=address,
        participants=participants,
        subject=subject,
        body=body,
        attachments=attachments,
        deleted=deleted,
        note=note,
    )


def call(
    table: str,
    row: str,
    *,
    started_at: datetime | None,
    started_at_raw: str,
    direction: str,
    call_type: str,
    answered: bool | None,
    duration_seconds: int | None,
    service: str,
    app: str,
    address: str,
    name: str = "",
    deleted: bool = False,
    note: str = "",
) -> CallRecord:
    return CallRecord(
        **_provenance(CallRecord, table, row),
        started_at=started_at,
        started_at_raw=started_at_raw[:64],
        direction=direction,
        call_type=call_type,
        answered=answered,
        duration_seconds=duration_seconds,
        service=service,
        app=app,
        address=address,
        name=name,
        deleted=deleted,
        note=note,
    )


def contact(
    table: str,
    row: str,
    *,
    display_name: str,
    given_name: str = "",
    family_name: str = "",
    organization: str = "",
    points: tuple[ContactPoint, ...] = (),
    notes: str = "",
    created_at: datetime | None = None,
    modified_at: datetime | None = None,
    times_raw: str = "",
    deleted: bool = False,
    note: str = "",
) -> ContactRecord:
    return ContactRecord(
        **_provenance(ContactRecord, table, row),
        display_name=display_name,
        given_name=given_name,
        family_name=family_name,
        organization=organization,
        points=points,
        notes=notes,
        created_at=created_at,
        modified_at=modified_at,
        times_raw=times_raw[:64],
        deleted=deleted,
        note=note,
    )


def conversation(
    key: str, service: str, title: str, participants: tuple[str, ...], is_group: bool
) -> ConversationRecord:
    return ConversationRecord(key[:500], service, title, participants, is_group)
