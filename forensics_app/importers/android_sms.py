"""Android SMS and MMS: `mmssms.db` of the telephony provider.

sms: `date` and `date_sent` in milliseconds since 1970; `type` 1 inbox, 2 sent, 3 draft,
4 outbox, 5 failed, 6 queued. MMS: `pdu` (`date` in seconds, `msg_box` 1–5, `m_type` 128 sent,
132 received, 130 notification) → `part` (text parts and attachments; `_data` is the file on
the phone) and `addr` (type 0x89 from, 0x97 to, 0x82 cc, 0x81 bcc). Conversations: `threads`
with `recipient_ids` → `canonical_addresses`. Vendors (Samsung) add tables and columns: they
are ignored, never fatal, except Samsung's recycle bin: `bin_sms` (the sms columns) holds
messages the user deleted, read as deleted messages; MMS in `bin_pdu` are counted, not read.
Samsung keeps RCS chats (채팅+) in `im` (and its bin in `bin_im`): address, date in
milliseconds, type and body as in sms; their file transfers (`ft`) are counted, not read.
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
    salvaged_count,
)
from forensics_app.importers.bulk import (
    Body,
    BodyNote,
    Coalesce,
    Col,
    Const,
    Count,
    Flag,
    Lookup,
    OptionalText,
    RawTime,
    RowKey,
    TableRows,
    Text,
    UnixMilliseconds,
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
from forensics_app.importers.values import BLOB_BODY_REASONS, ENCRYPTED_NOTE

SMS_TYPES = {
    1: (Direction.INCOMING, MessageStatus.RECEIVED),
    2: (Direction.OUTGOING, MessageStatus.SENT),
    3: (Direction.OUTGOING, MessageStatus.DRAFT),
    4: (Direction.OUTGOING, MessageStatus.OUTBOX),
    5: (Direction.OUTGOING, MessageStatus.FAILED),
    6: (Direction.OUTGOING, MessageStatus.QUEUED),
}
MMS_BOXES = SMS_TYPES  # msg_box uses the same numbers
MMS_SENT, MMS_NOTIFICATION, MMS_RECEIVED = 128, 130, 132
ADDR_FROM, ADDR_TO, ADDR_CC, ADDR_BCC = 0x89, 0x97, 0x82, 0x81
OWN_ADDRESS = "insert-address-token"  # the phone itself in `addr`
TEXT_TYPES = ("text/plain",)
LAYOUT_TYPES = ("application/smil",)
# Some vendors write pdu.date in milliseconds; seconds would not reach this before 5138.
MS_THRESHOLD = 10**11

PDU_COLUMNS = ("_id", "thread_id", "date", "msg_box", "read", "sub", "m_type")
PART_COLUMNS = ("_id", "mid", "seq", "ct", "name", "cl", "fn", "_data", "text")
ADDR_COLUMNS = ("msg_id", "address", "type")


# The report's lines on bodies that are not plain text (values.body_note); those found
# only in a blob are rare enough to be said once for the sms and RCS tables together.
_BLOB_BODY_COUNTS = tuple(Count(reason, "note", note) for note, reason in BLOB_BODY_REASONS.items())
_SMS_COUNTS = (
    Count("sms rows without a usable time (kept, time left empty)", "sent_at", None),
    Count("sms bodies that look encrypted by an app (kept as found)", "note", ENCRYPTED_NOTE),
    *_BLOB_BODY_COUNTS,
)
_RCS_COUNTS = (
    Count("RCS rows without a usable time (kept, time left empty)", "sent_at", None),
    Count("RCS bodies that look encrypted by an app (kept as found)", "note", ENCRYPTED_NOTE),
    *_BLOB_BODY_COUNTS,
)


def _sms_rows(table: str, *, deleted: bool, rcs: bool = False) -> TableRows:
    """The sms table, or Samsung's recycle bin `bin_sms` (its columns and a bin_timestamp:
    messages the user deleted, kept until the bin is emptied); with `rcs`, Samsung's RCS
    chats (채팅+) in `im` and `bin_im` (the same address, date, type, read and body)."""
    return TableRows(
        MessageRecord,
        table,
        {
            "table": Const(table),
            # The provider's _id; a table without it (a tool's rebuilt copy) by its rowid, as
            # the call log's: it was refused whole ("no importer knows its tables").
            "row": RowKey(Coalesce((Col("_id"), Col("rowid")))),
            "sent_at": UnixMilliseconds(Col("date")),
            "sent_at_raw": RawTime(Col("date")),
            ("direction", "status"): Lookup(
                Col("type"), SMS_TYPES, (Direction.UNKNOWN, MessageStatus.UNKNOWN)
            ),
            "is_read": Flag(Col("read")),
            "service": Const(MessageService.RCS if rcs else MessageService.SMS),
            "conversation_key": OptionalText(Col("thread_id")),
            "address": Text(Col("address")),
            "participants": Const(()),
            "subject": Text(Col("subject")),
            "body": Body(Col("body")),
            "attachments": Const(()),
            "deleted": Const(deleted),
            "note": BodyNote(Col("body")),
        },
        counts=_RCS_COUNTS if rcs else _SMS_COUNTS,
    )


SMS = _sms_rows("sms", deleted=False)
BIN_SMS = _sms_rows("bin_sms", deleted=True)
RCS = _sms_rows("im", deleted=False, rcs=True)
BIN_RCS = _sms_rows("bin_im", deleted=True, rcs=True)
RCS_REQUIRED = ("_id", "address", "date", "type", "body")


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = f"telephony database, user_version {db.schema.user_version}"
    yield from _threads(ctx)
    yield from salvaged(ctx, "sms", SMS.read(ctx))
    if db.schema.has("bin_sms", *IMPORTER.required["sms"]):
        yield from salvaged(ctx, "bin_sms", BIN_SMS.read(ctx))
    for rcs in (RCS, BIN_RCS):
        if db.schema.has(rcs.table, *RCS_REQUIRED):
            yield from salvaged(ctx, rcs.table, rcs.read(ctx))
    if db.schema.has("pdu", "_id", "date") and db.schema.has("part", "mid"):
        yield from _mms(ctx)
    binned_mms = salvaged_count(ctx, "bin_pdu")
    if binned_mms:
        report.skip("MMS in Samsung's recycle bin (bin_pdu), not read", binned_mms)
    transfers = salvaged_count(ctx, "ft") + salvaged_count(ctx, "bin_ft")
    if transfers:
        report.skip("RCS file transfers (ft, bin_ft), not read", transfers)


def _threads(ctx: ParseContext) -> Iterator[ConversationRecord]:
    db = ctx.db
    if not db.schema.has("threads", "_id", "recipient_ids"):
        return
    addresses: dict[str, str] = {}
    if db.schema.has("canonical_addresses", "_id", "address"):
        found = db.rows(db.select("canonical_addresses", ("_id", "address")))
        for key, address in salvaged(ctx, "canonical_addresses", found):
            addresses[str(key)] = values.text(address, db.text)
    threads = db.rows(db.select("threads", ("_id", "recipient_ids"), "_id"))
    for thread_id, recipients in salvaged(ctx, "threads", threads):
        ids = values.text(recipients).split()
        parties = tuple(addresses.get(i, "") for i in ids if addresses.get(i))
        if len(parties) < len(ids):
            ctx.report.skip("thread recipients not in canonical_addresses", len(ids) - len(parties))
        yield ConversationRecord(
            key=str(thread_id),
            service=MessageService.SMS,
            title=", ".join(parties),
            participants=parties,
            is_group=len(parties) > 1,
        )


def _mms(ctx: ParseContext) -> Iterator[MessageRecord]:
    db, report = ctx.db, ctx.report
    parts: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for part in salvaged(
        ctx, "part", db.rows(db.select("part", PART_COLUMNS) + " ORDER BY 2, 3, 1")
    ):
        parts[part[1]].append(part)
    addrs: dict[int, list[tuple[str, int]]] = defaultdict(list)
    if db.schema.has("addr", "msg_id", "address", "type"):
        found = db.rows(db.select("addr", ADDR_COLUMNS, "_id"))
        for msg_id, address, kind in salvaged(ctx, "addr", found):
            addrs[msg_id].append((values.text(address, db.text), values.integer(kind) or 0))
    pdus = db.rows(db.select("pdu", PDU_COLUMNS, ("date", "_id")))
    for row_id, thread_id, date, box, read, subject, raw_type in salvaged(ctx, "pdu", pdus):
        m_type = values.integer(raw_type)
        if m_type not in (None, MMS_SENT, MMS_NOTIFICATION, MMS_RECEIVED):
            report.skip("MMS delivery and read reports (not messages)")
            continue
        number = values.integer(date)
        sent_at = (
            timeconv.unix_milliseconds(number)
            if number is not None and abs(number) > MS_THRESHOLD
            else timeconv.unix_seconds(number)
        )
        if sent_at is None:
            report.skip("MMS rows without a usable time (kept, time left empty)")
        direction, status = MMS_BOXES.get(
            values.integer(box) or 0, (Direction.UNKNOWN, MessageStatus.UNKNOWN)
        )
        if direction is Direction.UNKNOWN and m_type in (MMS_RECEIVED, MMS_NOTIFICATION):
            direction, status = Direction.INCOMING, MessageStatus.RECEIVED
        elif direction is Direction.UNKNOWN and m_type == MMS_SENT:
            direction, status = Direction.OUTGOING, MessageStatus.SENT
        texts: list[str] = []
        notes: list[str] = []
        attachments: list[Attachment] = []
        for part_id, _mid, _seq, ct, name, cl, fn, data, part_text in parts.get(row_id, ()):
            content_type = values.text(ct).lower()
            if content_type in LAYOUT_TYPES:
                continue
            if content_type in TEXT_TYPES and part_text is not None:
                part_body, part_note = values.read_body(part_text, db.text, report)
                texts.append(part_body)
                notes.append(part_note)
                continue
            attachments.append(
                Attachment(
                    name=values.text(cl) or values.text(name) or values.text(fn),
                    mime_type=content_type,
                    size=None,
                    path=values.text(data),
                    row=str(part_id),
                )
            )
        address, others = _mms_parties(addrs.get(row_id, []), direction)
        if m_type == MMS_NOTIFICATION:
            notes.insert(0, "not downloaded (notification only)")
        note = "; ".join(dict.fromkeys(n for n in notes if n))
        yield MessageRecord(
            "pdu",
            str(row_id),
            sent_at,
            "" if date is None else str(date),
            direction,
            status,
            values.flag(read),
            MessageService.MMS,
            None if thread_id is None else str(thread_id),
            address,
            others,
            values.text(subject, db.text),
            "\n".join(texts),
            tuple(attachments),
            False,
            note,
        )


def _mms_parties(rows: list[tuple[str, int]], direction: str) -> tuple[str, tuple[str, ...]]:
    senders = [a for a, kind in rows if kind == ADDR_FROM and a != OWN_ADDRESS]
    recipients = [
        a for a, kind in rows if kind in (ADDR_TO, ADDR_CC, ADDR_BCC) and a != OWN_ADDRESS
    ]
    if direction == Direction.INCOMING:
        main = senders[0] if senders else ""
        return main, tuple(dict.fromkeys(a for a in recipients if a != main))
    main = recipients[0] if recipients else ""
    return main, tuple(dict.fromkeys(a for a in recipients[1:] if a != main))


IMPORTER = SqliteImporter(
    name="android_mmssms",
    title="Android SMS/MMS (mmssms.db)",
    platform="android",
    yields=("message",),
    required={"sms": ("address", "date", "type", "body")},
    optional={
        "sms": ("_id", "thread_id", "read", "subject"),
        "pdu": PDU_COLUMNS,
        "part": PART_COLUMNS,
        "addr": ADDR_COLUMNS,
        "threads": ("_id", "recipient_ids"),
        "canonical_addresses": ("_id", "address"),
    },
    typical_paths=(
        "*/com.android.providers.telephony/databases/mmssms.db",
        "*mmssms.db",
    ),
    version_notes=(
        "Android 4–14 telephony provider. Samsung adds vendor tables and columns (ignored), "
        "a recycle bin (bin_sms: deleted messages, read as such) and RCS chats (im, bin_im). "
        "pdu.date is in seconds (milliseconds on some vendors: detected by size)."
    ),
    parse=parse,
)
