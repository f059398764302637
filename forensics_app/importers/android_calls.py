"""Android call log: table `calls` in `calllog.db` (Android 7+) or, on older phones, inside
`contacts2.db`. `date` in milliseconds, `duration` in seconds, `type` 1 incoming, 2 outgoing,
3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere. Samsung keeps it under
com.samsung.android.providers.contacts. A third-party calling app shows up through
`subscription_component_name` (its package instead of the telephony service).
"""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
)
from forensics_app.importers.bulk import (
    Coalesce,
    Col,
    Const,
    Count,
    Derived,
    Empty,
    Flag,
    Integer,
    Positive,
    RawTime,
    RowKey,
    TableRows,
    Text,
    UnixMilliseconds,
)
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


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = (
        "calllog.db (Android 7+)"
        if not db.schema.has("raw_contacts") and not db.schema.has("data")
        else "contacts2.db with its calls table (Android 6 and older)"
    )
    yield from salvaged(ctx, "calls", CALLS.read(ctx))


def call_facts(
    kind: int | None,
    lasted: bool | None,
    no_number: bool,
    presentation: int | None,
    component: str,
    features: int | None,
) -> tuple[str, str, bool | None, str, str, str]:
    """(direction, call type, answered, service, app, note) of a call from its type, whether
    it lasted, and how it was placed."""
    direction, call_type = CALL_TYPES.get(kind or 0, (Direction.UNKNOWN, CallType.UNKNOWN))
    answered: bool | None
    if call_type == CallType.INCOMING:
        answered = True
    elif call_type == CallType.OUTGOING:
        answered = lasted
    elif call_type in (CallType.ANSWERED_ELSEWHERE, CallType.UNKNOWN):
        answered = None
    else:
        answered = False
    note = "caller id withheld" if no_number and presentation == PRESENTATION_RESTRICTED else ""
    service, app = _service_of(component)
    if service == CallService.PHONE and (features or 0) & FEATURES_VIDEO:
        note = (note + "; " if note else "") + "video call"
    return direction, call_type, answered, service, app, note


_NUMBER = Text(Col("number"))
_SECONDS = Integer(Col("duration"))
CALLS = TableRows(
    CallRecord,
    "calls",
    {
        "table": Const("calls"),
        "row": RowKey(Coalesce((Col("_id"), Col("rowid")))),
        "started_at": UnixMilliseconds(Col("date")),
        "started_at_raw": RawTime(Col("date")),
        ("direction", "call_type", "answered", "service", "app", "note"): Derived(
            call_facts,
            (
                Integer(Col("type")),
                Positive(_SECONDS),
                Empty(_NUMBER),
                Integer(Col("presentation")),
                Text(Col("subscription_component_name")),
                Integer(Col("features")),
            ),
            outputs=6,
        ),
        "duration_seconds": _SECONDS,
        "address": _NUMBER,
        "name": Text(Col("name")),
        "deleted": Flag(Col("deleted"), default=False),
    },
    counts=(
        Count("calls without a usable time (kept, time left empty)", "started_at", None),
        Count(
            "calls of a type this parser does not know (kept as unknown)",
            "call_type",
            CallType.UNKNOWN,
        ),
    ),
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
