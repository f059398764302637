"""iOS call history, `CallHistory.storedata` (Core Data, iOS 8+): ZCALLRECORD with ZADDRESS
(text, or on some versions a blob holding the text), ZDATE (Mac absolute seconds, REAL),
ZDURATION (seconds), ZORIGINATED (1 = outgoing), ZANSWERED, ZCALLTYPE (1 phone, 8 FaceTime
video, 16 FaceTime audio, 0 third-party app through CallKit) and ZSERVICE_PROVIDER.
"""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.base import ParseContext, SqliteImporter, note_missing_optional
from forensics_app.importers.records import (
    CallRecord,
    CallService,
    CallType,
    Direction,
    Record,
)

CALL_TYPES = {
    1: CallService.PHONE,
    8: CallService.FACETIME_VIDEO,
    16: CallService.FACETIME_AUDIO,
}
APPLE_PROVIDERS = ("com.apple.telephony", "com.apple.facetime")
COLUMNS = (
    "Z_PK", "ZADDRESS", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE",
    "ZSERVICE_PROVIDER", "ZNAME",
)  # fmt: skip


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = "CallHistory.storedata (Core Data)"
    for row in db.rows(db.select("ZCALLRECORD", COLUMNS, ("ZDATE", "Z_PK"))):
        row_id, address, date, duration, originated, answered, call_type, provider, name = row
        started_at = timeconv.mac_absolute(date)
        if started_at is None:
            report.skip("calls without a usable time (kept, time left empty)")
        if isinstance(address, bytes):
            report.skip("ZADDRESS values stored as blobs (read as text)")
        outgoing = bool(values.flag(originated))
        picked_up = values.flag(answered)
        if outgoing:
            kind = CallType.OUTGOING
        elif picked_up:
            kind = CallType.INCOMING
        else:
            kind = CallType.MISSED
        provider_text = values.text(provider)
        service = CALL_TYPES.get(values.integer(call_type) or -1)
        app = ""
        if service is None:
            if provider_text and not provider_text.lower().startswith(APPLE_PROVIDERS):
                service, app = CallService.APP, provider_text
            else:
                service = CallService.UNKNOWN
        seconds = values.integer(duration)
        yield CallRecord(
            "ZCALLRECORD",
            str(row_id),
            started_at,
            timeconv.raw_text(date),
            Direction.OUTGOING if outgoing else Direction.INCOMING,
            kind,
            picked_up,
            seconds,
            service,
            app,
            values.text(address, db.text).strip("\x00"),
            values.text(name, db.text),
        )


IMPORTER = SqliteImporter(
    name="ios_callhistory",
    title="iOS call history (CallHistory.storedata)",
    platform="ios",
    yields=("call",),
    required={"ZCALLRECORD": ("ZADDRESS", "ZDATE", "ZDURATION", "ZORIGINATED")},
    optional={"ZCALLRECORD": ("Z_PK", "ZANSWERED", "ZCALLTYPE", "ZSERVICE_PROVIDER", "ZNAME")},
    typical_paths=(
        "*/Library/CallHistoryDB/CallHistory.storedata",
        "*/5a/5a4935c78a5255723f707230a451d79c540d2741",
        "*CallHistory.storedata",
    ),
    version_notes=(
        "iOS 8+. ZADDRESS is a blob on some versions; ZSERVICE_PROVIDER names the app for "
        "CallKit calls (WhatsApp, Telegram, ...). Older: see ios_call_history_legacy."
    ),
    parse=parse,
)
