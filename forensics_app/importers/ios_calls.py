"""iOS call history, `CallHistory.storedata` (Core Data, iOS 8+): ZCALLRECORD with ZADDRESS
(text, or on some versions a blob holding the text), ZDATE (Mac absolute seconds, REAL),
ZDURATION (seconds), ZORIGINATED (1 = outgoing), ZANSWERED, ZCALLTYPE (1 phone, 8 FaceTime
video, 16 FaceTime audio, 0 third-party app through CallKit) and ZSERVICE_PROVIDER. Group
FaceTime calls (iOS 13+) list their remote parties as ZHANDLE rows, ZADDRESS then empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
)
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
    participants = _participants(ctx)
    calls = db.rows(db.select("ZCALLRECORD", COLUMNS, ("ZDATE", "Z_PK")))
    for row in salvaged(ctx, "ZCALLRECORD", calls):
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
        # A call an app placed through CallKit is the app's whatever ZCALLTYPE says (iOS
        # writes 1, as for a phone call, on some versions).
        if provider_text and not provider_text.lower().startswith(APPLE_PROVIDERS):
            service, app = CallService.APP, provider_text
        elif service is None:
            service = CallService.UNKNOWN
        number = values.text(address, db.text).strip("\x00")
        note = ""
        others = participants.get(row_id, ())
        if others:
            # Group FaceTime: no ZADDRESS, the remote parties are handles.
            note = "group call with " + ", ".join(others)
            if not number:
                number = others[0]
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
            number,
            values.text(name, db.text),
            note=note,
        )


def _participants(ctx: ParseContext) -> dict[object, tuple[str, ...]]:
    """Remote parties of group calls (iOS 13+): ZHANDLE rows joined to their calls by a
    Core Data many-to-many table whose name carries the entities' numbers, such as
    Z_2REMOTEPARTICIPANTHANDLES (Z_2REMOTEPARTICIPANTCALLS, Z_4REMOTEPARTICIPANTHANDLES)."""
    db = ctx.db
    if not db.schema.has("ZHANDLE", "Z_PK"):
        return {}
    join = next((t for t in db.schema.tables if _JOIN.fullmatch(t)), None)
    if join is None:
        return {}
    columns = db.schema.columns(join)
    call = next((c for c in columns if c.endswith("remoteparticipantcalls")), None)
    handle = next((c for c in columns if c.endswith("remoteparticipanthandles")), None)
    if call is None or handle is None:
        return {}
    value = next((c for c in ("ZVALUE", "ZNORMALIZEDVALUE") if db.schema.has("ZHANDLE", c)), None)
    if value is None:
        return {}
    j, h = db.quote(join), db.quote("ZHANDLE")
    sql = (
        f"SELECT {j}.{db.quote(join, call)}, {h}.{db.quote('ZHANDLE', value)} FROM {j} "
        f"JOIN {h} ON {h}.{db.quote('ZHANDLE', 'Z_PK')} = {j}.{db.quote(join, handle)} "
        "ORDER BY 1, 2"
    )
    found: dict[object, list[str]] = {}
    for call_id, handle_value in salvaged(ctx, "ZHANDLE", db.rows(sql)):
        text = values.text(handle_value, db.text)
        if text:
            found.setdefault(call_id, []).append(text)
    return {key: tuple(dict.fromkeys(items)) for key, items in found.items()}


_JOIN = re.compile(r"z_\d+remoteparticipanthandles")


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
