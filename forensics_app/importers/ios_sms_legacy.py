"""iOS 5 and older `sms.db`: message (ROWID, address, date, text, flags, group_id) with dates
in Unix seconds. iOS 5 iMessages sit in the same table (is_madrid = 1, address in
madrid_handle) with dates in Mac absolute seconds. flags: 2 received, 3 sent, 33 and 35 not
sent; madrid_flags bit 0x4 marks an iMessage sent from the phone. MMS pieces in msg_pieces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
)
from forensics_app.importers.records import (
    Attachment,
    ConversationRecord,
    Direction,
    MessageRecord,
    MessageService,
    MessageStatus,
    Record,
)

FLAG_RECEIVED, FLAG_SENT = 2, 3
FAILED_FLAGS = (33, 35)
MADRID_FROM_ME = 0x4
COLUMNS = (
    "ROWID", "address", "date", "text", "flags", "group_id", "read", "subject",
    "is_madrid", "madrid_handle", "madrid_flags",
)  # fmt: skip


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = "iOS 5 or older sms.db (Unix dates; iMessage rows in Mac absolute time)"
    members: dict[object, list[str]] = defaultdict(list)
    if db.schema.has("group_member", "group_id", "address"):
        found = db.rows(db.select("group_member", ("group_id", "address")) + " ORDER BY 1")
        for group_id, address in salvaged(ctx, "group_member", found):
            members[group_id].append(values.text(address, db.text))
    if db.schema.has("msg_group", "ROWID"):
        groups = db.rows(db.select("msg_group", ("ROWID",), "ROWID"))
        for (group_id,) in salvaged(ctx, "msg_group", groups):
            parties = tuple(dict.fromkeys(p for p in members.get(group_id, []) if p))
            yield ConversationRecord(
                str(group_id), MessageService.SMS, ", ".join(parties), parties, len(parties) > 1
            )
    pieces = _pieces(ctx)
    for row in salvaged(ctx, "message", db.rows(db.select("message", COLUMNS, ("date", "ROWID")))):
        (row_id, address, date, text, flags, group_id, read, subject,
         is_madrid, madrid_handle, madrid_flags) = row  # fmt: skip
        madrid = bool(values.flag(is_madrid))
        sent_at = timeconv.mac_absolute(date) if madrid else timeconv.unix_seconds(date)
        if sent_at is None:
            report.skip("messages without a usable time (kept, time left empty)")
        flag_value = values.integer(flags) or 0
        if madrid:
            outgoing = bool((values.integer(madrid_flags) or 0) & MADRID_FROM_ME)
            service = MessageService.IMESSAGE
            who = values.text(madrid_handle, db.text) or values.text(address, db.text)
        else:
            outgoing = flag_value & 1 == 1
            service = MessageService.SMS
            who = values.text(address, db.text)
        if flag_value in FAILED_FLAGS:
            status = MessageStatus.FAILED
        else:
            status = MessageStatus.SENT if outgoing else MessageStatus.RECEIVED
        texts, attachments = pieces.get(row_id, ([], []))
        body, note = values.read_body(text, db.text, report)
        if not body:
            body, note = "\n".join(texts), ""
        if attachments:
            service = MessageService.MMS if service is MessageService.SMS else service
        parties = tuple(p for p in members.get(group_id, []) if p and p != who)
        yield MessageRecord(
            "message",
            str(row_id),
            sent_at,
            timeconv.raw_text(date),
            Direction.OUTGOING if outgoing else Direction.INCOMING,
            status,
            None if outgoing else values.flag(read),
            service,
            None if group_id is None else str(group_id),
            who,
            parties,
            values.text(subject, db.text),
            body,
            tuple(attachments),
            False,
            note,
        )


def _pieces(ctx: ParseContext) -> dict[object, tuple[list[str], list[Attachment]]]:
    db = ctx.db
    found: dict[object, tuple[list[str], list[Attachment]]] = {}
    if not db.schema.has("msg_pieces", "message_id", "content_type"):
        return found
    columns = ("ROWID", "message_id", "content_type", "content_loc", "data")
    pieces = db.rows(db.select("msg_pieces", columns) + " ORDER BY 2, 1")
    for row_id, message_id, content_type, location, data in salvaged(ctx, "msg_pieces", pieces):
        texts, attachments = found.setdefault(message_id, ([], []))
        kind = values.text(content_type).lower()
        if kind == "text/plain":
            texts.append(values.read_body(data, db.text, ctx.report)[0])
        elif kind != "application/smil":
            name = values.text(location, db.text)
            size = len(data) if isinstance(data, bytes) else None
            attachments.append(Attachment(name, kind, size, name, str(row_id)))
    return found


IMPORTER = SqliteImporter(
    name="ios_sms_legacy",
    title="iOS 5 and older Messages (sms.db)",
    platform="ios",
    yields=("message",),
    required={"message": ("ROWID", "address", "date", "text", "flags")},
    optional={
        "message": ("group_id", "read", "is_madrid", "madrid_handle", "madrid_flags"),
        "msg_group": ("ROWID",),
        "group_member": ("group_id", "address"),
    },
    typical_paths=("*/Library/SMS/sms.db", "*sms.db"),
    version_notes="iPhone OS 1 – iOS 5. iOS 5 adds iMessage (madrid_*) columns.",
    parse=parse,
)
