"""`forensics-app report` (a case report in HTML, PDF, XLSX and/or CSV) and
`forensics-app report verify PATH` (is this report intact, and does the case log know it?).

Exit codes of `report verify`: 0 every file intact and the report recorded in the custody
log; 1 a file changed, is missing or was added; 4 the files are intact but this database's
custody log does not know the report (another workstation's, or not one of ours).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Parser, Subparsers
from forensics_app.errors import IntegrityFailure, UserError
from forensics_app.messages import msg, msg_n

if TYPE_CHECKING:
    from forensics_app.services.workstation import Workstation

ORDER = 90
UNKNOWN_TO_LOG_EXIT = 4
# Kept here so that building the parser loads nothing of the report engine.
FORMATS = ("html", "pdf", "xlsx", "csv")
LANGUAGES = ("ko", "en")
PRESETS = ("full_case", "flyers_and_blocking", "device_summary")
DEFAULT_PRESET = "full_case"


def register(sub: Subparsers) -> None:
    report = sub.add_parser(
        "report",
        help="write a case report (HTML, PDF, XLSX, CSV), or check one: report verify PATH",
        description="Write a case report into a new folder PATH, recorded in the custody log. "
        "`report verify PATH` checks a report: exit 0 intact and recorded, 1 a file changed, "
        f"{UNKNOWN_TO_LOG_EXIT} intact but unknown to this database's custody log.",
    )
    report.add_argument("--case", metavar="C", help="case number or id")
    report.add_argument(
        "--format",
        default="html",
        metavar="FORMAT",
        help=f"{'|'.join(FORMATS)}, or several joined by commas (html,pdf); default html",
    )
    report.add_argument(
        "--sections",
        metavar="IDS",
        help="comma-separated section ids (see --list-sections); default: the preset's",
    )
    report.add_argument(
        "--preset",
        choices=PRESETS,
        default=DEFAULT_PRESET,
        help="full_case, flyers_and_blocking or device_summary",
    )
    report.add_argument("--from", dest="since", metavar="T", help="ISO date or time, with zone")
    report.add_argument("--to", dest="until", metavar="T", help="ISO date or time (exclusive)")
    report.add_argument("--lang", choices=LANGUAGES, default="ko", help="report language")
    report.add_argument("--agency", default="", help="agency on the cover (default: configured)")
    report.add_argument("-o", "--output", type=Path, metavar="PATH", help="new folder to create")
    report.add_argument("--list-sections", action="store_true", help="list sections and presets")
    report.set_defaults(handler=make_report)
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", parser_class=Parser)
    verify = actions.add_parser("verify", help="check a report against its manifest and the log")
    verify.add_argument("path", type=Path, metavar="PATH", help="the report folder")
    verify.set_defaults(handler=verify_report)


# What a user may type after -o thinking of one file; a report is a folder.
REPORT_FILE_SUFFIXES = (".pdf", ".html", ".htm", ".xlsx", ".xls", ".csv", ".zip")


def _parse_moment(text: str | None, workstation: Workstation, option: str) -> datetime | None:
    """ISO date (midnight in the workstation's zone) or date-time (with a zone)."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return workstation.clock.start_of_day(datetime.fromisoformat(text).date())
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            "{option}: not an ISO date or time: {text!r}", option=option, text=text
        ) from exc
    if moment.tzinfo is None:
        raise UserError("{option}: give the time zone, e.g. {text}+09:00", option=option, text=text)
    return moment


def make_report(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.reports.model import TimeRange
    from forensics_app.services.reports import ReportRequest

    args, workstation = ctx.args, ctx.workstation
    if args.list_sections:
        for section in workstation.reports.sections():
            print(f"{section.id}\t{section.title}\t{section.description}")
        for preset in workstation.reports.presets():
            print(
                f"preset {preset.id}\t{', '.join(workstation.reports.preset_sections(preset.id))}"
            )
        return 0
    if not args.case or not args.output:
        raise UserError("A report needs --case C and -o PATH (or: report verify PATH).")
    if args.output.suffix.lower() in REPORT_FILE_SUFFIXES:
        # A report is a folder (its files and the manifest that lists them); `-o case.pdf`
        # would otherwise make a folder named like a file.
        raise UserError(
            "-o names the new report folder (a report is a folder: its files and their "
            "manifest), not a file: give a folder name such as {folder}.",
            folder=str(args.output.with_suffix("")),
        )
    case = workstation.cases.resolve(args.case)
    since = _parse_moment(args.since, workstation, "--from")
    until = _parse_moment(args.until, workstation, "--to")
    if since is not None and until is not None and since >= until:
        # Said in the reader's language, with both moments (TimeRange's own check is English).
        raise UserError(
            "--to {until} is not after --from {since}: the report period would be empty "
            "(--to is exclusive). Nothing was written.",
            since=workstation.clock.local(since).isoformat(),
            until=workstation.clock.local(until).isoformat(),
        )
    try:
        time_range = TimeRange(since, until)
    except ValueError as exc:
        raise UserError("--from/--to: {exc}", exc=exc) from exc
    actor = ctx.actor()
    request = ReportRequest(
        case_id=case.id,
        output=args.output,
        formats=[f for f in args.format.split(",") if f.strip()],
        section_ids=[s.strip() for s in (args.sections or "").split(",") if s.strip()],
        preset=args.preset,
        time_range=time_range,
        language=args.lang,
        agency=args.agency,
    )
    progress = TerminalProgress()
    try:
        result = workstation.reports.generate(actor, request, progress)
    finally:
        progress.close()
    output.line(
        msg_n(
            result.files,
            "{path}: {formats} report of case {case} ({sections}); {count} file; "
            "manifest SHA-256 {sha256}; custody entry {seq}",
            "{path}: {formats} report of case {case} ({sections}); {count} files; "
            "manifest SHA-256 {sha256}; custody entry {seq}",
            path=result.path,
            formats=", ".join(result.formats),
            case=case.number,
            sections=", ".join(result.section_ids),
            sha256=result.manifest_sha256,
            seq=result.custody_seq,
        )
    )
    return 0


def verify_report(ctx: Context) -> int:
    result = ctx.workstation.reports.verify(ctx.args.path)
    clock = ctx.workstation.clock
    files = result.files
    for name in files.changed:
        output.error(msg("CHANGED: {name}", name=name))
    for name in files.missing:
        output.error(msg("MISSING: {name}", name=name))
    for name in files.added:
        output.error(msg("ADDED (not in the manifest): {name}", name=name))
    checked = (
        msg_n(files.checked, "{count} file checked: intact", "{count} files checked: intact")
        if files.intact
        else msg_n(
            files.checked, "{count} file checked: NOT INTACT", "{count} files checked: NOT INTACT"
        )
    )
    output.line(
        msg(
            "{path}: case {case}, generated {generated}; {checked}; manifest SHA-256 {sha256}",
            path=result.path,
            case=result.case_number or "?",
            generated=output.when(result.generated_at, clock),
            checked=checked,
            sha256=result.manifest_sha256,
        )
    )
    if result.recorded is not None:
        values = {
            "seq": result.recorded.seq,
            "at": output.when(result.recorded.recorded_at, clock),
            "actor": result.recorded.actor,
        }
        recorded = (
            msg("custody log: recorded as entry {seq} at {at} by {actor}", **values)
            if result.record_intact
            else msg(
                "custody log: recorded as entry {seq} at {at} by {actor} — BUT THAT LOG ENTRY "
                "WAS ALTERED",
                **values,
            )
        )
        output.line(recorded)
    else:
        output.line(
            msg(
                "custody log: this report is NOT known to this database's custody log (made "
                "elsewhere, or its manifest was rewritten)"
            )
        )
    if not files.intact:
        raise IntegrityFailure(
            "the report at {path} differs from its manifest ({changed_count} changed, "
            "{missing_count} missing, {added_count} added)",
            path=result.path,
            changed_count=len(files.changed),
            missing_count=len(files.missing),
            added_count=len(files.added),
        )
    if not result.known:
        return UNKNOWN_TO_LOG_EXIT
    return 0
