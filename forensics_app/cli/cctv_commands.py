"""`forensics-app cctv ...`: catalog a recorder export, record the recorder's clock offset,
choose the time source, list clips, export stills and contact sheets."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from forensics_app.cctv.timing import TimeSource
from forensics_app.cli.progress import TerminalProgress
from forensics_app.errors import IntegrityFailure, UserError
from forensics_app.services import Workstation
from forensics_app.services.cctv import CatalogReport, ClipRecord
from forensics_app.services.records import Actor

SignIn = Callable[[argparse.Namespace, Workstation], Actor]


def add_parsers(sub: Any) -> None:
    cctv = sub.add_parser("cctv", help="CCTV recorder exports: clips, clocks, stills")
    actions = cctv.add_subparsers(dest="cctv_command", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import", help="catalog a recorder export folder: hashes, metadata, times, thumbnails"
    )
    imp.add_argument("--case", required=True, metavar="C")
    imp.add_argument("--item", metavar="EX", help="the recorder's evidence item (default: new)")
    imp.add_argument("--description", default="", help="description of a new item")
    imp.add_argument("--jobs", type=int, help="worker processes (default: every core)")
    imp.add_argument("--no-osd", action="store_true", help="do not read the on-screen clock")
    imp.add_argument("--json", action="store_true", help="print the clips as JSON")
    imp.add_argument("folder", type=Path, metavar="FOLDER", nargs="+")

    clips = actions.add_parser("clips", help="list a case's (or recorder's) clips")
    clips.add_argument("--case", required=True, metavar="C")
    clips.add_argument("--item", metavar="EX")
    clips.add_argument("--json", action="store_true")

    offset = actions.add_parser(
        "offset", help="record the recorder's shown time against a reference clock"
    )
    offset.add_argument("--item", required=True, metavar="EX", help="exhibit number or id")
    offset.add_argument("--case", metavar="C", help="needed when the exhibit number is not unique")
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

    source = actions.add_parser("source", help="choose which clock the timeline uses")
    source.add_argument("--item", required=True, metavar="EX")
    source.add_argument("--case", metavar="C")
    source.add_argument("source", choices=[s.value for s in TimeSource])
    source.add_argument("--reason", default="")

    still = actions.add_parser("still", help="export a frame as PNG with its times and hash")
    still.add_argument("--clip", required=True, type=int, metavar="ID")
    where = still.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", type=float, metavar="SECONDS", help="seconds from the clip start")
    where.add_argument("--frame", type=int, metavar="N", help="frame number (0 = first)")
    still.add_argument("-o", "--output", required=True, type=Path, metavar="PNG")

    sheet = actions.add_parser("sheet", help="contact sheet of a clip as PNG")
    sheet.add_argument("--clip", required=True, type=int, metavar="ID")
    sheet.add_argument("--count", type=int, default=12)
    sheet.add_argument("-o", "--output", required=True, type=Path, metavar="PNG")


def cctv(args: argparse.Namespace, workstation: Workstation, sign_in: SignIn) -> int:
    handler = {
        "import": _import,
        "clips": _clips,
        "offset": _offset,
        "source": _source,
        "still": _still,
        "sheet": _sheet,
    }[args.cctv_command]
    return handler(args, workstation, sign_in)


def _import(args: argparse.Namespace, workstation: Workstation, sign_in: SignIn) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs needs at least 1.")
    for folder in args.folder:
        if not folder.exists():
            raise UserError(f"Not found: {folder}")
    case = workstation.cases.resolve(args.case)
    item_id = workstation.evidence.resolve_item(case.id, args.item).id if args.item else None
    actor = sign_in(args, workstation)
    progress = TerminalProgress()
    try:
        report = workstation.cctv.catalog(
            actor,
            case.id,
            args.folder,
            item_id=item_id,
            description=args.description,
            jobs=args.jobs,
            read_osd=not args.no_osd,
            progress=progress,
        )
    finally:
        progress.close()
    print_import(report, as_json=args.json)
    if report.changed:
        raise IntegrityFailure(
            f"{len(report.changed)} files changed while they were analysed: "
            + "; ".join(report.changed[:5])
        )
    return 130 if report.cancelled else 0


def print_import(report: CatalogReport, *, as_json: bool) -> None:
    """What `cctv import` prints (and `import` will, for a CCTV folder)."""
    for note in report.skipped:
        print(f"skipped: {note}", file=sys.stderr)
    if as_json:
        payload = {
            "item": report.item.exhibit_number if report.item else None,
            "added": report.added,
            "analysed": report.analysed,
            "failed": report.failed,
            "cancelled": report.cancelled,
            "clips": [clip.to_json() for clip in report.clips],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for clip in report.clips:
        if clip.status not in ("ok",):
            print(
                f"{clip.status}: {clip.relative_path}: {'; '.join(clip.problems)}", file=sys.stderr
            )
    exhibit = report.item.exhibit_number if report.item else "-"
    print(
        f"{exhibit}: {report.added} files catalogued; {report.analysed} clips analysed "
        f"({report.failed} failed, {report.already_done} done before) in {report.seconds:.1f} s; "
        f"{sum(c.status == 'ok' for c in report.clips)} of {len(report.clips)} without problems"
        + ("; cancelled — run again to resume" if report.cancelled else "")
    )


def _clips(args: argparse.Namespace, workstation: Workstation, _sign_in: SignIn) -> int:
    case = workstation.cases.resolve(args.case)
    item_id = workstation.evidence.resolve_item(case.id, args.item).id if args.item else None
    clips = workstation.cctv.clips(case_id=case.id, item_id=item_id)
    if args.json:
        print(json.dumps({"clips": [c.to_json() for c in clips]}, ensure_ascii=False, indent=1))
        return 0
    for clip in clips:
        print(_clip_line(clip))
    return 0


def _clip_line(clip: ClipRecord) -> str:
    def show(moment: datetime | None) -> str:
        return moment.isoformat(sep=" ") if moment else "-"

    duration = f"{clip.duration_s:.1f}s" if clip.duration_s is not None else "-"
    return "\t".join(
        [
            str(clip.id), clip.exhibit_number, clip.camera, clip.format, duration,
            f"name {show(clip.name_start)}", f"container {show(clip.container_start)}",
            f"osd {show(clip.osd_start)}", f"corrected {show(clip.corrected_start)}",
            clip.status, clip.relative_path,
        ]
    )  # fmt: skip


def _offset(args: argparse.Namespace, workstation: Workstation, sign_in: SignIn) -> int:
    recorder = _recorder(args, workstation)
    shown = _time(args.shown, "--shown")
    if shown.tzinfo is not None:
        raise UserError(
            "--shown is the recorder's own clock, which has no zone: give it as shown, "
            "e.g. 2026-05-01T14:31:05."
        )
    reference = _time(args.reference, "--reference")
    if reference.tzinfo is None:
        raise UserError("--reference needs its time zone, e.g. 2026-05-01T14:30:00+09:00.")
    actor = sign_in(args, workstation)
    record = workstation.cctv.record_offset(
        actor,
        recorder.item_id,
        shown,
        reference,
        zone=args.zone,
        note=args.note,
        shown_raw=args.shown,
        reference_raw=args.reference,
    )
    print(
        f"{recorder.exhibit_number}: offset {record.offset_s:+.3f} s ({record.describe()}, "
        f"zone {record.zone}); corrected = recorder time - offset"
    )
    return 0


def _source(args: argparse.Namespace, workstation: Workstation, sign_in: SignIn) -> int:
    recorder = _recorder(args, workstation)
    actor = sign_in(args, workstation)
    updated = workstation.cctv.choose_time_source(
        actor, recorder.item_id, TimeSource(args.source), args.reason
    )
    print(f"{updated.exhibit_number}: the timeline uses the {args.source} time")
    return 0


def _still(args: argparse.Namespace, workstation: Workstation, sign_in: SignIn) -> int:
    workstation.cctv.clip(args.clip)  # a wrong id fails before signing in
    actor = sign_in(args, workstation)
    still = workstation.cctv.export_still(
        actor, args.clip, args.output, at_s=args.at, frame=args.frame
    )
    print(f"{still.path}\tframe {still.frame}\t{still.time_s:.3f} s\tSHA-256 {still.sha256}")
    return 0


def _sheet(args: argparse.Namespace, workstation: Workstation, _sign_in: SignIn) -> int:
    if not 1 <= args.count <= 100:
        raise UserError("--count takes 1 to 100 frames.")
    if args.output.exists():
        raise UserError(f"{args.output} exists: choose a new file name.")
    workstation.cctv.contact_sheet(args.clip, args.output, args.count)
    print(args.output)
    return 0


def _recorder(args: argparse.Namespace, workstation: Workstation) -> Any:
    case_id = workstation.cases.resolve(args.case).id if args.case else None
    return workstation.cctv.resolve_recorder(args.item, case_id)


def _time(text: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            f"{option}: not a date and time: {text!r} (e.g. 2026-05-01T14:30:00)"
        ) from exc
