"""Apple Messages databases from iOS 6 on (`sms.db`) and macOS (`chat.db`): one schema family.

message (ROWID, text, attributedBody, handle_id, date, is_from_me, service, ...) → handle (id is
a phone number or an e-mail), chat + chat_message_join + chat_handle_join (conversations and
their participants), attachment + message_attachment_join. Dates are Mac absolute time:
seconds until iOS 10, nanoseconds from iOS 11 / macOS 10.13 (values above 1e15). When `text`
is NULL the text is in `attributedBody`. Tables missing from a trimmed database (a backup's
sms.db with only message and handle) are noted and skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.attributed_body import AttributedBodyError, text_from_attributed_body
from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
    salvaged_count,
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
from forensics_app.importers.sqlite import SqliteDatabase
from forensics_app.messages import msg

GROUP_STYLE, SINGLE_STYLE = 43, 45
SERVICES = {
    "imessage": MessageService.IMESSAGE,
    "sms": MessageService.SMS,
    "mms": MessageService.MMS,
    "rcs": MessageService.RCS,
}
MESSAGE_COLUMNS = (
    "ROWID", "text", "attributedBody", "handle_id", "date", "is_from_me", "service",
    "subject", "is_read", "is_sent", "is_delivered", "error", "cache_has_attachments",
)  # fmt: skip
OPTIONAL = {
    "message": MESSAGE_COLUMNS[1:],
    "handle": ("ROWID", "id"),
    "chat": ("ROWID", "chat_identifier", "service_name", "display_name", "style"),
    "chat_message_join": ("chat_id", "message_id"),
    "chat_handle_join": ("chat_id", "handle_id"),
    "attachment": ("ROWID", "filename", "mime_type", "transfer_name", "total_bytes"),
    "message_attachment_join": ("message_id", "attachment_id"),
}
REQUIRED = {"message": ("ROWID", "handle_id", "date", "is_from_me")}
# Rows that are no message (iOS 6+): item_type 1 a member added (group_action_type 0) or
# removed (1), other_handle the member; 2 the group renamed to group_title; 3 someone left
# (0), the group photo changed (1) or removed (2). Read when present, never required.
EVENT_COLUMNS = ("item_type", "group_title", "group_action_type", "other_handle")
EVENT_MEMBERS, EVENT_RENAMED, EVENT_LEFT_OR_PHOTO = 1, 2, 3


def macos_attachment_paths(db: SqliteDatabase) -> bool:
    """macOS keeps attachments under ~/Library/Messages, iOS under ~/Library/SMS."""
    if not db.schema.has("attachment", "filename"):
        return False
    found = db.scalar(
        f"SELECT 1 FROM {db.quote('attachment')} WHERE {db.quote('attachment', 'filename')} "
        "LIKE '%/Library/Messages/%' LIMIT 1"
    )
    return found is not None


def parse(ctx: ParseContext, importer: SqliteImporter) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, importer)
    handles = _handles(ctx)
    participants = _chat_participants(ctx, handles)
    chat_of: dict[object, object] = {}
    if db.schema.has("chat_message_join", "chat_id", "message_id"):
        joins = db.rows(db.select("chat_message_join", ("chat_id", "message_id")) + " ORDER BY 1")
        for chat_id, message_id in salvaged(ctx, "chat_message_join", joins):
            chat_of.setdefault(message_id, chat_id)
    chats: dict[object, ConversationRecord] = {}
    if db.schema.has("chat", "ROWID"):
        found = db.rows(db.select("chat", OPTIONAL["chat"], "ROWID"))
        for chat_id, identifier, service, display, style in salvaged(ctx, "chat", found):
            parties = participants.get(chat_id, ())
            if not parties and values.integer(style) == SINGLE_STYLE and identifier:
                # No chat_handle_join row: a one-to-one chat is named after its other party.
                parties = (values.text(identifier, db.text),)
            chat = ConversationRecord(
                key=str(chat_id),
                service=SERVICES.get(values.text(service).lower(), MessageService.OTHER),
                title=values.text(display, db.text) or values.text(identifier, db.text),
                participants=parties,
                is_group=values.integer(style) == GROUP_STYLE or len(parties) > 1,
            )
            chats[chat_id] = chat
            yield chat
    attachments = _attachments(ctx)
    deleted = _recoverable(ctx)
    largest = next(
        salvaged(
            ctx,
            "message",
            db.rows(f"SELECT max(abs({db.quote('message', 'date')})) FROM {db.quote('message')}"),
        ),
        (None,),
    )[0]
    unit = (
        "nanosecond" if (values.integer(largest) or 0) > timeconv.NANOSECOND_THRESHOLD else "second"
    )
    report.version = f"Messages database, Mac absolute {unit} dates"
    wanted = MESSAGE_COLUMNS + EVENT_COLUMNS
    for row in salvaged(ctx, "message", db.rows(db.select("message", wanted, ("date", "ROWID")))):
        (row_id, text, body_blob, handle_id, date, from_me, service, subject, is_read,
         is_sent, is_delivered, error, has_attachments, *event) = row  # fmt: skip
        sent_at = timeconv.mac_absolute(date)
        if sent_at is None:
            report.skip("messages without a usable time (kept, time left empty)")
        note = _event_note(*event, handles=handles)
        if note:
            report.skip("conversation events (members, name, photo): kept, with a note")
        body, blob_note = values.read_body(text, db.text, report)  # a blob kept whole
        note = "; ".join(n for n in (note, blob_note) if n)
        if not body and body_blob is not None:
            try:
                body = text_from_attributed_body(body_blob)
                note = "text recovered from attributedBody"
                report.skip("texts recovered from attributedBody (text column empty)")
            except AttributedBodyError as exc:
                note = f"attributedBody unreadable: {exc}"
                report.skip("attributedBody blobs that could not be read (text left empty)")
        outgoing = bool(values.flag(from_me))
        direction = Direction.OUTGOING if outgoing else Direction.INCOMING
        status = _status(outgoing, error, is_sent, is_delivered)
        listed = attachments.get(row_id, ())
        kind = SERVICES.get(values.text(service).lower(), MessageService.OTHER)
        if kind is MessageService.SMS and (listed or values.flag(has_attachments)):
            kind = MessageService.MMS
        chat_id = chat_of.get(row_id)
        address = handles.get(handle_id, "") if values.integer(handle_id) else ""
        address, others = _parties(chats.get(chat_id), address, outgoing)
        yield MessageRecord(
            "message",
            str(row_id),
            sent_at,
            timeconv.raw_text(date),
            direction,
            status,
            None if outgoing else values.flag(is_read),
            kind,
            None if chat_id is None else str(chat_id),
            address,
            others,
            values.text(subject, db.text),
            body,
            listed,
            row_id in deleted,
            note,
        )
    if db.schema.has("deleted_messages"):
        count = salvaged_count(ctx, "deleted_messages")
        if count:
            report.warn(
                msg(
                    "{count} deleted messages are listed in deleted_messages by GUID only "
                    "(their content is not in the database)",
                    count=count,
                )
            )


def _status(outgoing: bool, error: object, is_sent: object, is_delivered: object) -> str:
    if not outgoing:
        return MessageStatus.RECEIVED
    if values.integer(error):
        return MessageStatus.FAILED
    if values.flag(is_sent) or values.flag(is_delivered):
        return MessageStatus.SENT
    return MessageStatus.OUTBOX


def _event_note(
    item_type: object,
    group_title: object,
    action: object,
    other_handle: object,
    *,
    handles: dict[object, str],
) -> str:
    """What a row that is no message says (item_type other than 0: someone added to or
    removed from a group, the group renamed, left, its photo changed), '' for a message."""
    kind = values.integer(item_type) or 0
    if kind == 0:
        return ""
    if kind == EVENT_MEMBERS:
        who = handles.get(other_handle, "") if values.integer(other_handle) else ""
        change = "removed" if values.integer(action) == 1 else "added"
        return f"conversation event: {who or 'someone'} {change}"
    if kind == EVENT_RENAMED:
        return f"conversation event: renamed to {values.text(group_title)!r}"
    if kind == EVENT_LEFT_OR_PHOTO:
        return {
            0: "conversation event: left the conversation",
            1: "conversation event: the group photo changed",
            2: "conversation event: the group photo removed",
        }.get(values.integer(action) or 0, f"conversation event (item_type {kind})")
    return f"conversation event (item_type {kind})"


def _parties(
    conversation: ConversationRecord | None, address: str, outgoing: bool
) -> tuple[str, tuple[str, ...]]:
    """The message's number and the others it went to, from its handle and its chat."""
    if conversation is None:
        return address, ()
    if conversation.is_group:
        others = tuple(p for p in conversation.participants if p != address)
        if not address and outgoing:
            return (others[0], others[1:]) if others else ("", ())
        return address, others
    if not address and conversation.participants:
        # handle_id 0 (a message sent from another of the owner's devices, or a trimmed
        # handle table): a one-to-one chat has one other party.
        return conversation.participants[0], ()
    return address, ()


def _handles(ctx: ParseContext) -> dict[object, str]:
    db = ctx.db
    if not db.schema.has("handle", "ROWID", "id"):
        return {}
    found = db.rows(db.select("handle", ("ROWID", "id")))
    return {key: values.text(address, db.text) for key, address in salvaged(ctx, "handle", found)}


def _chat_participants(
    ctx: ParseContext, handles: dict[object, str]
) -> dict[object, tuple[str, ...]]:
    db = ctx.db
    found: dict[object, list[str]] = defaultdict(list)
    if db.schema.has("chat_handle_join", "chat_id", "handle_id"):
        joins = db.rows(db.select("chat_handle_join", ("chat_id", "handle_id")) + " ORDER BY 1, 2")
        for chat_id, handle_id in salvaged(ctx, "chat_handle_join", joins):
            address = handles.get(handle_id)
            if address:
                found[chat_id].append(address)
    return {key: tuple(dict.fromkeys(parties)) for key, parties in found.items()}


def _attachments(ctx: ParseContext) -> dict[object, tuple[Attachment, ...]]:
    db = ctx.db
    if not (
        db.schema.has("attachment", "ROWID")
        and db.schema.has("message_attachment_join", "message_id", "attachment_id")
    ):
        return {}
    a = db.quote("attachment")
    j = db.quote("message_attachment_join")
    columns = ", ".join(
        f"{a}.{db.quote('attachment', c)}" if db.schema.has("attachment", c) else "NULL"
        for c in ("ROWID", "filename", "mime_type", "transfer_name", "total_bytes")
    )
    sql = (
        f"SELECT {j}.{db.quote('message_attachment_join', 'message_id')}, {columns} FROM {j} "
        f"JOIN {a} ON {a}.{db.quote('attachment', 'ROWID')} = "
        f"{j}.{db.quote('message_attachment_join', 'attachment_id')} ORDER BY 1, 2"
    )
    found: dict[object, list[Attachment]] = defaultdict(list)
    for message_id, row_id, filename, mime, transfer, size in salvaged(
        ctx, "attachment", db.rows(sql)
    ):
        path = values.text(filename, db.text)
        found[message_id].append(
            Attachment(
                name=values.text(transfer, db.text) or path.rsplit("/", 1)[-1],
                mime_type=values.text(mime),
                size=values.integer(size),
                path=path,
                row=str(row_id),
            )
        )
    return {key: tuple(items) for key, items in found.items()}


def _recoverable(ctx: ParseContext) -> set[object]:
    """iOS 16+: messages in "Recently Deleted" are joined here until purged."""
    db, table = ctx.db, "chat_recoverable_message_join"
    if not db.schema.has(table, "message_id"):
        return set()
    return {row[0] for row in salvaged(ctx, table, db.rows(db.select(table, ("message_id",))))}
