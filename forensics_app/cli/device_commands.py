"""`forensics-app import` (device databases into a phone item), `artifacts` (search messages,
calls and contacts), `timeline` (the case's events in time order) and `xref` (flyer numbers
that also sit in the seized phones)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, case_option
from forensics_app.display import visible
from forensics_app.errors import UserError
from forensics_app.messages import Message, code_term, language, msg, msg_n

if TYPE_CHECKING:
    from forensics_app.services.artifacts import ArtifactRow
    from forensics_app.services.workstation import Workstation

ORDER = 65
# The artifact kinds (services.artifacts.KINDS), here so the parser loads no services.
KINDS = ("message", "call", "contact")

ARTIFACT_COLUMNS = [
    "type", "id", "exhibit", "time", "time_raw", "direction", "kind", "status", "number",
    "e164", "number_kind", "name", "text", "service", "duration_seconds", "answered", "read",
    "deleted", "attachments", "participants", "source_file", "source_sha256", "parser",
    "source_table", "source_row", "note",
]  # fmt: skip
TIMELINE_COLUMNS = [
    "time",
    "end",
    "type",
    "id",
    "exhibit",
    "number",
    "e164",
    "direction",
    "summary",
]
XREF_COLUMNS = [
    "e164", "national", "number_type", "flyer_sightings", "device_sightings", "request_id",
    "request_state", "exhibits", "messages", "calls", "contacts",
]  # fmt: skip
PAGE = 5000


def register(sub: Subparsers) -> None:
    imp = sub.add_parser(
        "import",
        help="import device databases (files, or a folder with a file-system extraction), "
        "or a CCTV recorder export (catalogued as by `cctv import`)",
    )
    case_option(imp)
    imp.add_argument("--item", metavar="EXHIBIT", help="the phone item (default: a new phone item)")
    imp.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="databases, backups or folders"
    )
    imp.add_argument("--json", action="store_true", help="print the result as one JSON object")
    imp.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password of an encrypted backup from standard input (never stored)",
    )
    imp.add_argument(
        "--mapping",
        metavar="NAME",
        help="column mapping of a CSV/XLSX tool export (a preset or saved name, or a .toml)",
    )
    imp.set_defaults(handler=import_)

    art = sub.add_parser("artifacts", help="search the messages, calls and contacts of a case")
    case_option(art)
    art.add_argument("--type", choices=KINDS, help="only this kind (default: all three)")
    art.add_argument("--item", metavar="EXHIBIT", help="only this phone")
    art.add_argument("--search", default="", metavar="TEXT", help="text to find (substring)")
    art.add_argument("--number", default="", metavar="N", help="a number, however written")
    art.add_argument("--from", dest="start", metavar="T", help="from this date or time")
    art.add_argument("--to", dest="end", metavar="T", help="up to this date (inclusive) or time")
    art.add_argument("--csv", type=Path, metavar="OUT", help="write the rows to a CSV file")
    art.set_defaults(handler=artifacts)

    tl = sub.add_parser(
        "timeline", help="the case's messages, calls, sightings and CCTV clips in time order"
    )
    case_option(tl)
    tl.add_argument("--from", dest="start", metavar="T", help="from this date or time")
    tl.add_argument("--to", dest="end", metavar="T", help="up to this date (inclusive) or time")
    tl.add_argument("--csv", type=Path, metavar="OUT", help="write the rows to a CSV file")
    tl.set_defaults(handler=timeline)

    xr = sub.add_parser("xref", help="flyer numbers that also appear in the case's phones")
    case_option(xr)
    xr.add_argument("--csv", type=Path, metavar="OUT", help="write the rows to a CSV file")
    xr.set_defaults(handler=xref)


# ---- import -------------------------------------------------------------------------------
def import_(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.importers.registry import shown_title
    from forensics_app.services.ingest import ARTIFACT_KINDS, NothingRecognisedError

    args, workstation = ctx.args, ctx.workstation
    if _recorder_export(args):
        from forensics_app.cli.cctv_commands import import_export

        return import_export(ctx, args.paths, item=args.item, as_json=args.json)
    case = workstation.cases.resolve(args.case)
    item_id = workstation.evidence.resolve_item(case.id, args.item).id if args.item else None
    options = _container_options(args)
    actor = ctx.actor()
    progress = TerminalProgress()
    try:
        report = workstation.ingest.import_paths(
            actor, case.id, args.paths, item_id=item_id, progress=progress, options=options
        )
    except NothingRecognisedError as exc:
        progress.close()
        if args.json:
            print(
                json.dumps(
                    {
                        "item": None,
                        "counts": dict.fromkeys(ARTIFACT_KINDS, 0),
                        "sources": [],
                        "warnings": [],
                        "error": str(exc),
                    },
                    ensure_ascii=False,
                )
            )
        raise
    progress.close()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        exhibit = report.item.exhibit_number if report.item else "-"
        for source in report.sources:
            # English keeps the codes (scripts read them); Korean names them.
            status = code_term("source_status", source.status)
            parser = source.parser if language() == "en" else shown_title(source.parser)
            output.line(status, parser, _artifact_counts(source.counts), source.path)
            for skipped in source.skipped:
                output.line("", msg("skipped: {reason}", reason=skipped))
        output.line(
            msg(
                "{exhibit}: {counts} imported",
                exhibit=exhibit,
                counts=_artifact_counts(report.counts),
            )
        )
    for warning in report.warnings:
        output.error(msg("warning: {note}", note=warning))
    return 0


def _artifact_counts(counts: Mapping[str, int]) -> Message:
    """How many messages, calls and contacts: the same words in a source's row and the total."""
    return msg(
        "{messages}, {calls}, {contacts}",
        messages=msg_n(counts.get("message", 0), "{count} message", "{count} messages"),
        calls=msg_n(counts.get("call", 0), "{count} call", "{count} calls"),
        contacts=msg_n(counts.get("contact", 0), "{count} contact", "{count} contacts"),
    )


def _recorder_export(args: argparse.Namespace) -> bool:
    """A CCTV recorder's export (recognised by its files' bytes) goes to the CCTV catalog:
    one `import` for every kind of evidence."""
    from forensics_app.cctv.detect import looks_like_cctv_export

    if not looks_like_cctv_export(list(args.paths)):
        return False
    if args.password_stdin or args.mapping:
        raise UserError(
            "{paths} holds a CCTV recorder export: --password-stdin and --mapping do not apply.",
            paths=", ".join(str(p) for p in args.paths),
        )
    return True


def _container_options(args: argparse.Namespace) -> Any:
    """Backup password (read once from standard input, kept only in memory) and mapping."""
    from forensics_app.importers.containers import ImportOptions

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError("No password on standard input.")
    return ImportOptions(password=password, mapping=args.mapping)


# ---- artifacts ------------------------------------------------------------------------------
def artifacts(ctx: Context) -> int:
    from forensics_app.services.artifacts import ArtifactQuery
    from forensics_app.tabular import write_csv

    args, workstation = ctx.args, ctx.workstation
    case = workstation.cases.resolve(args.case)
    zone = workstation.clock.zone
    start = parse_bound(args.start, zone, end=False)
    end = parse_bound(args.end, zone, end=True)
    item_id = workstation.evidence.resolve_item(case.id, args.item).id if args.item else None
    kinds = [args.type] if args.type else list(KINDS)
    rows: list[dict[str, Any]] = []
    total = 0
    words = _row_words()
    for kind in kinds:
        query = ArtifactQuery(
            case_id=case.id,
            kind=kind,
            item_id=item_id,
            text=args.search,
            number=args.number,
            start=start,
            end=end,
        )
        for row in workstation.artifacts.iterate(query, PAGE):
            total += 1
            record = _artifact_record(row, workstation)
            if args.csv:
                rows.append(record)
            else:
                print(
                    "\t".join(
                        _plain(words(c, record[c]))
                        for c in ("type", "id", "exhibit", "time", "direction", "kind",
                                  "number", "e164", "name", "text")
                    )
                )  # fmt: skip
    if args.csv:
        written = write_csv(args.csv, rows, ARTIFACT_COLUMNS)
        output.line(
            msg_n(
                written,
                "{count} row written to {path}",
                "{count} rows written to {path}",
                path=args.csv,
            )
        )
    elif total == 0:
        output.error(msg("no matching artifacts"))
    return 0


def _artifact_record(row: ArtifactRow, workstation: Workstation) -> dict[str, Any]:
    return {
        "type": row.kind,
        "id": row.id,
        "exhibit": row.exhibit,
        "time": _local(row.time, workstation),
        "time_raw": row.time_raw,
        "direction": row.direction,
        "kind": row.type,
        "status": row.status,
        "number": row.number,
        "e164": row.e164 or "",
        "number_kind": row.number_kind,
        "name": row.name,
        "text": row.text,
        "service": row.service,
        "duration_seconds": "" if row.duration_seconds is None else row.duration_seconds,
        "answered": _flag(row.answered),
        "read": _flag(row.is_read),
        "deleted": _flag(row.deleted),
        "attachments": row.attachment_count,
        "participants": row.participants
        or "; ".join(f"{p.label or p.kind}: {p.value}" for p in row.points),
        "source_file": row.provenance.path,
        "source_sha256": row.provenance.sha256,
        "parser": row.provenance.parser,
        "source_table": row.provenance.table,
        "source_row": row.provenance.row,
        "note": row.note,
    }


# ---- timeline --------------------------------------------------------------------------------
def timeline(ctx: Context) -> int:
    from forensics_app.tabular import write_csv

    args, workstation = ctx.args, ctx.workstation
    case = workstation.cases.resolve(args.case)
    zone = workstation.clock.zone
    start = parse_bound(args.start, zone, end=False)
    end = parse_bound(args.end, zone, end=True)
    service = workstation.timeline
    words = _row_words()
    rows: list[dict[str, Any]] = []
    offset = 0
    total = service.count(case.id, start, end)
    while offset < total:
        page = service.entries(case.id, start, end, offset=offset, limit=PAGE)
        if not page:
            break
        offset += len(page)
        for entry in page:
            record = {
                "time": _local(entry.at, workstation),
                "end": _local(entry.end, workstation),  # spans: CCTV clips
                "type": entry.kind,
                "id": entry.id,
                "exhibit": entry.exhibit,
                "number": entry.number,
                "e164": entry.e164 or "",
                "direction": entry.direction,
                "summary": entry.summary,
            }
            if args.csv:
                rows.append(record)
            else:
                print("\t".join(_plain(words(c, record[c])) for c in TIMELINE_COLUMNS))
    if args.csv:
        written = write_csv(args.csv, rows, TIMELINE_COLUMNS)
        output.line(
            msg_n(
                written,
                "{count} event written to {path}",
                "{count} events written to {path}",
                path=args.csv,
            )
        )
    elif total == 0:
        output.error(msg("no events in this range"))
    return 0


# ---- xref ------------------------------------------------------------------------------------
def xref(ctx: Context) -> int:
    from forensics_app.tabular import write_csv

    args, workstation = ctx.args, ctx.workstation
    case = workstation.cases.resolve(args.case)
    found = workstation.xref.cross_reference(case.id)
    rows = [
        {
            "e164": r.e164,
            "national": r.national,
            "number_type": r.number_type,
            "flyer_sightings": r.flyer_sightings,
            "device_sightings": r.device_sightings,
            "request_id": "" if r.request_id is None else r.request_id,
            "request_state": r.request_state or "",
            "exhibits": ", ".join(r.exhibits),
            "messages": r.messages,
            "calls": r.calls,
            "contacts": r.contacts,
        }
        for r in found
    ]
    if args.csv:
        written = write_csv(args.csv, rows, XREF_COLUMNS)
        output.line(
            msg_n(
                written,
                "{count} number written to {path}",
                "{count} numbers written to {path}",
                path=args.csv,
            )
        )
        return 0
    for record in rows:
        print("\t".join(_plain(record[c]) for c in XREF_COLUMNS))
    if not rows:
        output.error(msg("no flyer number appears in this case's device data"))
    return 0


# ---- helpers ---------------------------------------------------------------------------------
def parse_bound(text: str | None, zone: Any, *, end: bool) -> datetime | None:
    """A date (whole days in the workstation's zone; --to includes its day) or a date-time
    (without an offset: in the workstation's zone)."""
    if not text:
        return None
    value = text.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime.combine(day, time(0), tzinfo=zone)
            return (moment + timedelta(days=1) if end else moment).astimezone(UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UserError(
            "Not a date or time: {text!r} (use 2024-05-01 or 2024-05-01T14:30 or "
            "2024-05-01T14:30+09:00)",
            text=text,
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(UTC)


def _local(moment: datetime | None, workstation: Workstation) -> str:
    if moment is None:
        return ""
    return workstation.clock.local(moment).isoformat(timespec="seconds")


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _row_words() -> Callable[[str, Any], Any]:
    """On a Korean terminal, the vocabulary columns of artifact and timeline rows (type,
    direction, kind) as the reports word them (통화, 수신, 부재중); English and every CSV keep
    the stored codes, which scripts read. A value no table names is shown as stored."""
    if language() == "en":
        return lambda _column, value: value
    from forensics_app.reports import labels
    from forensics_app.reports.i18n import Translator

    translate = Translator(language())
    tables: dict[str, Mapping[Any, str]] = {
        "type": {**labels.ARTIFACT_KINDS, **labels.TIMELINE_KINDS},
        "direction": labels.DIRECTIONS,
        "kind": {**labels.MESSAGE_SERVICES, **labels.CALL_TYPES},
    }
    named = {
        column: {str(code): translate(name) for code, name in table.items() if name}
        for column, table in tables.items()
    }

    def words(column: str, value: Any) -> Any:
        return named.get(column, {}).get(str(value), value) if value else value

    return words


def _plain(value: Any) -> str:
    """A field of a data row: one line, and nothing a seized phone's sender wrote (ESC
    sequences, U+202E) acts on the reader's terminal (see forensics_app.display)."""
    flat = str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ⏎ ")
    return visible(flat)
