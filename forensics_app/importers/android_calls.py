"""Android call log: table `calls` in `calllog.db` (Android 7+) or, on older phones, inside
`contacts2.db`. `date` in milliseconds, `duration` in seconds, `type` 1 incoming, 2 outgoing,
3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere. Samsung keeps it under
com.samsung.android.providers.contacts. A third-party calling app shows up through
`subscription_component_name` (its package instead of the telephony service).
"""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.base import ParseContext, SqliteImporter, note_missing_optional
from forensics_app.importers.records import CallRecord, CallService, CallType, Direction, Record

CALL_TYPES = {
    1: (Direction.INCOMING, CallType.INCOMING),
    2: (Direction.OUTGOING, CallType.OUTGOING),
    3: (Direction.INCOMING, CallType.MISSED),
    4: (Direction.INCOMING, CallType.VOICEMAIL),
    5: (Direction.INCOMING, CallType.REJECTED),
    6: (Direction.INCOMING, CallType.BLOCKED),
    7: (Direction.INCOMING, CallType.ANSWERED_ELSEWHERE),
}
PRESENTATION_RESTRICTED = 2
TELEPHONY_COMPONENTS = ("com.android.phone", "com.android.server.telecom", "telephony")
FEATURES_VIDEO = 0x1
COLUMNS = (
    "_id", "number", "date", "duration", "type", "name", "presentation", "deleted",
    "subscription_component_name", "features",
)  # fmt: skip


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    has_id = db.schema.has("calls", "_id")
    report.version = (
        "calllog.db (Android 7+)"
        if not db.schema.has("raw_contacts") and not db.schema.has("data")
        else "contacts2.db with its calls table (Android 6 and older)"
    )
    unknown = (Direction.UNKNOWN, CallType.UNKNOWN)
    unix_ms = timeconv.unix_milliseconds
    make = CallRecord._make
    services: dict[object, tuple[str, str]] = {}
    sql = db.select("calls", COLUMNS, ("date", "_id"))
    for index, row in enumerate(db.rows(sql)):
        row_id, number, date, duration, kind, name, presentation, deleted, component, features = row
        started_at = unix_ms(date)
        if started_at is None:
            report.skip("calls without a usable time (kept, time left empty)")
        kind_number = values.integer(kind)
        direction, call_type = CALL_TYPES.get(kind_number or 0, unknown)
        if kind_number not in CALL_TYPES:
            report.skip("calls of a type this parser does not know (kept as unknown)")
        seconds = values.integer(duration)
        if call_type == CallType.INCOMING:
            answered: bool | None = True
        elif call_type == CallType.OUTGOING:
            answered = None if seconds is None else seconds > 0
        elif call_type == CallType.ANSWERED_ELSEWHERE:
            answered = None
        else:
            answered = False if call_type != CallType.UNKNOWN else None
        address = values.text(number, db.text)
        note = ""
        if not address and values.integer(presentation) == PRESENTATION_RESTRICTED:
            note = "caller id withheld"
        found = services.get(component)
        if found is None:
            found = services[component] = _service_of(values.text(component))
        service, app = found
        if service == CallService.PHONE and (values.integer(features) or 0) & FEATURES_VIDEO:
            note = (note + "; " if note else "") + "video call"
        yield make(
            (
                "calls",
                str(row_id) if has_id else f"#{index + 1}",
                started_at,
                timeconv.raw_text(date),
                direction,
                call_type,
                answered,
                seconds,
                service,
                app,
                address,
                values.text(name, db.text),
                bool(values.flag(deleted)),
                note,
            )
        )


def _service_of(component: str) -> tuple[str, str]:
    """(service, app) from subscription_component_name: the telephony service, or the
    package of the calling app that placed the call."""
    app = component.split("/", maxsplit=1)[0]
    if component and not any(t in component for t in TELEPHONY_COMPONENTS):
        return CallService.APP, app
    return CallService.PHONE, app


IMPORTER = SqliteImporter(
    name="android_calllog",
    title="Android call log (calllog.db, or the calls table of an older contacts2.db)",
    platform="android",
    yields=("call",),
    required={"calls": ("number", "date", "duration", "type")},
    optional={"calls": ("_id", "name", "presentation", "subscription_component_name")},
    typical_paths=(
        "*/com.android.providers.contacts/databases/calllog.db",
        "*/com.android.providers.contacts/databases/contacts2.db",
        "*/com.samsung.android.providers.contacts/databases/calllog.db",
        "*/com.samsung.android.providers.contacts/databases/contacts2.db",
        "*calllog.db",
        "*contacts2.db",
    ),
    version_notes=(
        "calls moved from contacts2.db to calllog.db in Android 7. Newer versions add "
        "deleted, last_modified and voicemail columns; Samsung adds vendor columns (ignored)."
    ),
    parse=parse,
)
