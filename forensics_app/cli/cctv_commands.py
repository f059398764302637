"""`forensics-app cctv ...`: catalog a recorder export, record the recorder's clock offset,
choose the time source, list clips, export stills and contact sheets.

`forensics-app import` sends a folder that holds a recorder export here too (`import_export`),
so an examiner need not know which command reads which evidence."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forensics_app.cli import output
from forensics_app.cli.runtime import (
    Context,
    Subparsers,
    case_option,
    not_in_future,
    subcommands,
    whole_number,
    worker_count,
)
from forensics_app.errors import UserError
from forensics_app.messages import joined, msg, msg_n

if TYPE_CHECKING:
    from forensics_app.clock import Clock
    from forensics_app.services.cctv import CatalogReport, ClipRecord, RecorderRecord

ORDER = 66
# The clocks a recorder's clips carry (forensics_app.cctv.timing.TimeSource), here so that
# building the parser loads nothing.
TIME_SOURCES = ("name", "container", "osd")


CLIP_ID = "the clip's id (from `cctv clips`)"


def register(sub: Subparsers) -> None:
    cctv = sub.add_parser("cctv", help="CCTV recorder exports: clips, clocks, stills")
    actions = subcommands(cctv, "cctv_command")

    imp = actions.add_parser(
        "import", help="catalog a recorder export folder: hashes, metadata, times, thumbnails"
    )
    case_option(imp)
    imp.add_argument("--item", metavar="EX", help="the recorder's evidence item (default: new)")
    imp.add_argument("--description", default="", help="description of a new item")
    imp.add_argument("--jobs", type=whole_number, help="worker processes (default: every core)")
    imp.add_argument("--no-osd", action="store_true", help="do not read the on-screen clock")
    imp.add_argument("--json", action="store_true", help="print the clips as JSON")
    imp.add_argument(
        "folder", type=Path, metavar="FOLDER", nargs="+", help="the export's folders or files"
    )
    imp.set_defaults(handler=run_import)

    clips = actions.add_parser("clips", help="list a case's (or recorder's) clips")
    case_option(clips)
    clips.add_argument("--item", metavar="EX", help="only this recorder (exhibit number or id)")
    clips.add_argument("--json", action="store_true", help="print the clips as JSON")
    clips.set_defaults(handler=run_clips)

    offset = actions.add_parser(
        "offset", help="record the recorder's shown time against a reference clock"
    )
    _recorder_options(offset)
    offset.add_argument(
        "--shown",
        required=True,
        metavar="T",
        help="what the recorder showed, e.g. 2026-05-01T14:31:05",
    )
    offset.add_argument(
        "--reference",
        required=True,
        metavar="T",
        help="the true time at that moment, with its zone, e.g. 2026-05-01T14:30:00+09:00",
    )
    offset.add_argument("--zone", help="the zone the recorder is set to (default: workstation's)")
    offset.add_argument("--note", default="", help="how the reference was taken")
    offset.set_defaults(handler=run_offset)

    source = actions.add_parser("source", help="choose which clock the timeline uses")
    _recorder_options(source)
    source.add_argument(
        "source",
        choices=TIME_SOURCES,
        help="the file name's, the container's or the on-screen clock's time",
    )
    source.add_argument("--reason", default="", help="why (kept in the custody log)")
    source.set_defaults(handler=run_source)

    still = actions.add_parser("still", help="export a frame as PNG with its times and hash")
    still.add_argument("--clip", required=True, type=whole_number, metavar="ID", help=CLIP_ID)
    where = still.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", type=float, metavar="SECONDS", help="seconds from the clip start")
    where.add_argument("--frame", type=whole_number, metavar="N", help="frame number (0 = first)")
    still.add_argument(
        "-o", "--output", required=True, type=Path, metavar="PNG", help="the PNG to write"
    )
    still.set_defaults(handler=run_still)

    sheet = actions.add_parser("sheet", help="contact sheet of a clip as PNG")
    sheet.add_argument("--clip", required=True, type=whole_number, metavar="ID", help=CLIP_ID)
    sheet.add_argument(
        "--count", type=whole_number, default=12, help="how many frames (default: 12)"
    )
    sheet.add_argument(
        "-o", "--output", required=True, type=Path, metavar="PNG", help="the PNG to write"
    )
    sheet.set_defaults(handler=run_sheet)


def _recorder_options(parser: argparse.ArgumentParser) -> None:
    """The recorder a command is about: its exhibit (and the case, where one is not enough)."""
    parser.add_argument("--item", required=True, metavar="EX", help="exhibit number or id")
    parser.add_argument("--case", metavar="C", help="needed when the exhibit number is not unique")


# ---- import -------------------------------------------------------------------------------
def run_import(ctx: Context) -> int:
    args = ctx.args
    jobs = worker_count(args.jobs)
    return import_export(
        ctx,
        args.folder,
        item=args.item,
        description=args.description,
        jobs=jobs,
        read_osd=not args.no_osd,
        as_json=args.json,
    )


def import_export(
    ctx: Context,
    folders: Sequence[Path],
    *,
    item: str | None,
    description: str = "",
    jobs: int | None = None,
    read_osd: bool = True,
    as_json: bool = False,
) -> int:
    """Catalog and analyse a recorder export (`cctv import`, and `import` of such a folder)."""
    from forensics_app.cli import EXIT_CANCELLED, EXIT_DONE_WITH_FAILURES
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.errors import IntegrityFailure

    for folder in folders:
        if not folder.exists():
            raise UserError("Not found: {path}", path=folder)
    workstation = ctx.workstation
    case = workstation.cases.resolve(ctx.args.case)
    item_id = workstation.evidence.resolve_item(case.id, item).id if item else None
    actor = ctx.actor()
    progress = TerminalProgress()
    try:
        report = workstation.cctv.catalog(
            actor,
            case.id,
            list(folders),
            item_id=item_id,
            description=description,
            jobs=jobs,
            read_osd=read_osd,
            progress=progress,
        )
    finally:
        progress.close()
    print_import(report, as_json=as_json)
    if report.changed:
        raise IntegrityFailure(
            "{count} catalogued files have changed: {files}",
            count=len(report.changed),
            files="; ".join(note.render() for note in report.changed[:5]),
        )
    if report.cancelled:
        return EXIT_CANCELLED
    unreadable = [note for note in report.skipped if getattr(note, "is_failure", False)]
    # A clip that failed on an earlier run is listed as failed again (it is "done before"):
    # the exit code says so too, or a script running the import again would read success.
    failed_before = any(clip.status == "failed" for clip in report.clips)
    return EXIT_DONE_WITH_FAILURES if report.failed or unreadable or failed_before else 0


def print_import(report: CatalogReport, *, as_json: bool) -> None:
    """What `cctv import` prints (and `import`, for a recorder export)."""
    output.skipped(report.skipped)
    if as_json:
        payload = {
            "kind": "cctv",
            "item": report.item.exhibit_number if report.item else None,
            "added": report.added,
            "analysed": report.analysed,
            "failed": report.failed,
            "cancelled": report.cancelled,
            "clips": [clip.to_json() for clip in report.clips],
        }
        output.line(json.dumps(payload, ensure_ascii=False), sep="")
        return
    for clip in report.clips:
        if clip.status != "ok":
            output.error(
                msg(
                    "{status}: {path}: {problems}",
                    status=_status(clip.status),
                    path=clip.relative_path,
                    problems=joined(clip.problems),
                )
            )
    exhibit = report.item.exhibit_number if report.item else "-"
    summary = msg(
        "{exhibit}: {catalogued}; {analysed} ({failed} failed, {done} done before) in "
        "{seconds:.1f} s; {ok} of {total} without problems",
        exhibit=exhibit,
        catalogued=msg_n(report.added, "{count} file catalogued", "{count} files catalogued"),
        analysed=msg_n(report.analysed, "{count} clip analysed", "{count} clips analysed"),
        failed=report.failed,
        done=report.already_done,
        seconds=report.seconds,
        ok=sum(c.status == "ok" for c in report.clips),
        total=len(report.clips),
    )
    cancelled = msg("; cancelled — run again to resume") if report.cancelled else ""
    output.line(summary, cancelled, sep="")


# ---- listing --------------------------------------------------------------------------------
def run_clips(ctx: Context) -> int:
    args, workstation = ctx.args, ctx.workstation
    case = workstation.cases.resolve(args.case)
    item_id = workstation.evidence.resolve_item(case.id, args.item).id if args.item else None
    clips = workstation.cctv.clips(case_id=case.id, item_id=item_id)
    if args.json:
        text = json.dumps({"clips": [c.to_json() for c in clips]}, ensure_ascii=False)
        output.line(text, sep="")
        return 0
    zone_name = workstation.clock.zone_name
    for clip in clips:
        output.line(*_clip_fields(clip, workstation.clock, zone_name))
    if not clips:
        output.error(msg("no CCTV clips"))
    return 0


def _clip_fields(clip: ClipRecord, clock: Clock, zone_name: str) -> list[str]:
    """One clip: the recorder's three clocks as they read (no zone), and the corrected time in
    the workstation's zone, named."""

    def recorder(moment: datetime | None) -> str:
        return moment.isoformat(sep=" ") if moment else "-"

    corrected = (
        f"{clock.local(clip.corrected_start).isoformat(sep=' ')} {zone_name}"
        if clip.corrected_start
        else "-"
    )
    duration = f"{clip.duration_s:.1f}s" if clip.duration_s is not None else "-"
    return [
        str(clip.id), clip.exhibit_number, _camera(clip.camera), clip.format, duration,
        msg("name {time}", time=recorder(clip.name_start)).render(),
        msg("container {time}", time=recorder(clip.container_start)).render(),
        msg("osd {time}", time=recorder(clip.osd_start)).render(),
        msg("corrected {time}", time=corrected).render(),
        _status(clip.status), clip.relative_path,
    ]  # fmt: skip


def _camera(label: str) -> str:
    # The label the catalog stores for a clip whose channel nobody could tell.
    from forensics_app.services.cctv import UNKNOWN_CHANNEL

    return msg("unknown channel").render() if label == UNKNOWN_CHANNEL else label


def _status(code: str) -> str:
    """A clip's state as a word for a Korean reader (English keeps the code scripts read)."""
    from forensics_app.messages import language, term

    return code if language() == "en" else term("clip_status", code)


# ---- the recorder's clock ---------------------------------------------------------------------
def run_offset(ctx: Context) -> int:
    args = ctx.args
    recorder = _recorder(ctx)
    shown = _time(args.shown, "--shown")
    if shown.tzinfo is not None:
        raise UserError(
            "--shown is the recorder's own clock, which has no zone: give it as shown, "
            "e.g. 2026-05-01T14:31:05."
        )
    reference = _time(args.reference, "--reference")
    if reference.tzinfo is None:
        raise UserError("--reference needs its time zone, e.g. 2026-05-01T14:30:00+09:00.")
    not_in_future(reference, ctx.workstation.clock, "--reference")
    actor = ctx.actor()
    record = ctx.workstation.cctv.record_offset(
        actor,
        recorder.item_id,
        shown,
        reference,
        zone=args.zone,
        note=args.note,
        shown_raw=args.shown,
        reference_raw=args.reference,
    )
    output.line(
        msg(
            "{exhibit}: offset {offset:+.3f} s ({description}, zone {zone}); "
            "corrected = recorder time - offset",
            exhibit=recorder.exhibit_number,
            offset=record.offset_s,
            description=_clock_verdict(record.offset_s),
            zone=record.zone,
        )
    )
    return 0


def run_source(ctx: Context) -> int:
    from forensics_app.cctv.timing import TimeSource

    args = ctx.args
    recorder = _recorder(ctx)
    actor = ctx.actor()
    updated = ctx.workstation.cctv.choose_time_source(
        actor, recorder.item_id, TimeSource(args.source), args.reason
    )
    output.line(
        msg(
            "{exhibit}: the timeline uses the {source} time",
            exhibit=updated.exhibit_number,
            source=args.source,
        )
    )
    return 0


def _clock_verdict(offset_s: float) -> object:
    """The service's OffsetRecord.describe(), in the reader's language."""
    if offset_s == 0:
        return msg("the recorder's clock was right")
    if offset_s > 0:
        return msg("the recorder's clock was {seconds:.0f} s fast", seconds=abs(offset_s))
    return msg("the recorder's clock was {seconds:.0f} s slow", seconds=abs(offset_s))


# ---- pictures -----------------------------------------------------------------------------------
def run_still(ctx: Context) -> int:
    args, workstation = ctx.args, ctx.workstation
    workstation.cctv.clip(args.clip)  # a wrong id fails before signing in
    actor = ctx.actor()
    still = workstation.cctv.export_still(
        actor, args.clip, args.output, at_s=args.at, frame=args.frame
    )
    output.line(
        still.path, f"frame {still.frame}", f"{still.time_s:.3f} s", f"SHA-256 {still.sha256}"
    )
    return 0


def run_sheet(ctx: Context) -> int:
    args = ctx.args
    if not 1 <= args.count <= 100:
        raise UserError("--count takes 1 to 100 frames.")
    if args.output.exists():
        raise UserError("{path} exists: choose a new file name.", path=args.output)
    ctx.workstation.cctv.contact_sheet(args.clip, args.output, args.count)
    output.line(args.output)
    return 0


# ---- helpers ----------------------------------------------------------------------------------
def _recorder(ctx: Context) -> RecorderRecord:
    args, workstation = ctx.args, ctx.workstation
    case_id = workstation.cases.resolve(args.case).id if args.case else None
    return workstation.cctv.resolve_recorder(args.item, case_id)


def _time(text: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            "{option}: not a date and time: {text!r} (e.g. 2026-05-01T14:30:00)",
            option=option,
            text=text,
        ) from exc
