"""iOS 7 and older call history, `call_history.db`: table `call` (ROWID, address, date in Unix
seconds, duration, flags: bit 0 outgoing, 16 and up FaceTime; 4 incoming, 5 outgoing, 8
blocked or cancelled on some versions)."""

from __future__ import annotations

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

FLAG_OUTGOING = 0x1
FLAG_FACETIME = 0x10
COLUMNS = ("ROWID", "address", "date", "duration", "flags", "name")


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = "call_history.db (iOS 7 and older)"
    calls = db.rows(db.select("call", COLUMNS, ("date", "ROWID")))
    for row_id, address, date, duration, flags, name in salvaged(ctx, "call", calls):
        started_at = timeconv.unix_seconds(date)
        if started_at is None:
            report.skip("calls without a usable time (kept, time left empty)")
        flag_value = values.integer(flags) or 0
        outgoing = bool(flag_value & FLAG_OUTGOING)
        seconds = values.integer(duration)
        if outgoing:
            kind, answered = CallType.OUTGOING, (None if seconds is None else seconds > 0)
        elif seconds:
            kind, answered = CallType.INCOMING, True
        else:
            kind, answered = CallType.MISSED, False
        yield CallRecord(
            "call",
            str(row_id),
            started_at,
            timeconv.raw_text(date),
            Direction.OUTGOING if outgoing else Direction.INCOMING,
            kind,
            answered,
            seconds,
            CallService.FACETIME_AUDIO if flag_value & FLAG_FACETIME else CallService.PHONE,
            "",
            values.text(address, db.text),
            values.text(name, db.text),
        )


IMPORTER = SqliteImporter(
    name="ios_call_history_legacy",
    title="iOS 7 and older call history (call_history.db)",
    platform="ios",
    yields=("call",),
    required={"call": ("ROWID", "address", "date", "duration", "flags")},
    optional={"call": ("name",)},
    typical_paths=("*/Library/CallHistory/call_history.db", "*call_history.db"),
    version_notes="iPhone OS 1 – iOS 7; replaced by CallHistory.storedata in iOS 8.",
    parse=parse,
)
