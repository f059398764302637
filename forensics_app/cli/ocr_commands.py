"""`forensics-app ocr` (import a folder of flyer photos and read their numbers) and
`forensics-app ocr-review` (the analyst's verdicts, headless)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from blocking.enums import AdCategory
from forensics_app.cli import output
from forensics_app.cli.runtime import (
    Context,
    Subparsers,
    case_option,
    not_in_future,
    whole_number,
    worker_count,
)
from forensics_app.enums import ReviewStatus
from forensics_app.errors import UserError
from forensics_app.messages import code_term, enum_term, msg, msg_n

if TYPE_CHECKING:
    from forensics_app.clock import Clock
    from forensics_app.services.flyers import NumberHit

ORDER = 60
MAX_FAILURES_SHOWN = 20
CSV_COLUMNS = [
    "file", "e164", "national", "type", "confidence", "category", "box", "printed",
    "review", "exhibit", "taken_at", "latitude", "longitude",
]  # fmt: skip


def register(sub: Subparsers) -> None:
    ocr = sub.add_parser(
        "ocr", help="catalog a folder of flyer photos and read the phone numbers on them"
    )
    case_option(ocr)
    ocr.add_argument("folder", type=Path, metavar="DIR", help="photos (searched recursively)")
    ocr.add_argument("--jobs", type=whole_number, help="worker processes (default: every core)")
    ocr.add_argument("--csv", type=Path, metavar="OUT", help="write every number found here")
    ocr.add_argument("--collected-by", default="", help="who collected the flyers")
    ocr.add_argument("--collected-place", default="", help="where they were collected")
    ocr.add_argument(
        "--collected-at",
        default=None,
        metavar="TIME",
        help="when they were collected, e.g. 2026-05-13T09:30 (the workstation's zone) or "
        "2026-05-13T09:30+09:00: the sighting time of photos without a camera time (without "
        "it, their numbers wait for one)",
    )
    ocr.set_defaults(handler=run_ocr)

    review = sub.add_parser(
        "ocr-review", help="list unsure reads, or accept / reject / correct one"
    )
    case_option(review)
    review.add_argument(
        "number_id", nargs="?", type=whole_number, metavar="ID", help="a read's id (from the list)"
    )
    review.add_argument(
        "verdict",
        nargs="?",
        choices=["accept", "reject", "correct"],
        help="what to do with the read (correct needs --to)",
    )
    review.add_argument("--to", metavar="NUMBER", help="the right number, for correct")
    review.add_argument("--all", action="store_true", help="list every read, not just unsure")
    review.add_argument(
        "--groups",
        action="store_true",
        help='list the flyer groups classified "other" (never requested until their category '
        "is set); with --all, every group",
    )
    review.add_argument(
        "--group", type=whole_number, metavar="G", help="a flyer group (from --groups)"
    )
    review.add_argument(
        "--category",
        choices=[c.value for c in AdCategory],
        help="set the ad category of the flyer group --group (audited)",
    )
    review.set_defaults(handler=run_review)


def _collection_time(text: str | None, clock: Clock) -> datetime | None:
    """--collected-at: ISO date-time; without an offset, in the workstation's zone."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            "--collected-at {text!r} is not a date and time, e.g. 2026-05-13T09:30.", text=text
        ) from exc
    moment = moment if moment.tzinfo else moment.replace(tzinfo=clock.zone)
    return not_in_future(moment, clock, "--collected-at")


def run_ocr(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress

    args, workstation = ctx.args, ctx.workstation
    jobs = worker_count(args.jobs)
    if not args.folder.is_dir():
        raise UserError("Not a folder: {folder}", folder=args.folder)
    if args.csv is not None:
        _check_csv_destination(args.csv, args.folder)
        if workstation.evidence.is_catalogued(args.csv):
            raise UserError("{out} is catalogued evidence: choose another file.", out=args.csv)
    case = workstation.cases.resolve(args.case)
    actor = ctx.actor()
    flyers = workstation.flyers
    progress = TerminalProgress()
    imported = flyers.import_photos(
        actor,
        case.id,
        [args.folder],
        collected_by=args.collected_by,
        collected_place=args.collected_place,
        collected_at=_collection_time(args.collected_at, workstation.clock),
        progress=progress,
    )
    progress.close()
    output.skipped(imported.skipped)
    for warning in imported.warnings:
        output.error(msg("warning: {note}", note=warning))
    if imported.moved:
        output.line(
            msg_n(
                len(imported.moved),
                "{count} catalogued photo was not at its catalogued path and was found in "
                "{folder} with the same SHA-256: its path is updated (custody log), and it is "
                "read from there",
                "{count} catalogued photos were not at their catalogued paths and were found in "
                "{folder} with the same SHA-256: their paths are updated (custody log), and "
                "they are read from there",
                folder=args.folder,
            )
        )
    # Photos imported by an earlier, interrupted run are in the case already: resume them too.
    items = flyers.items_holding(case.id, [args.folder])
    if not items and not imported.duplicates:
        # an empty folder (or the wrong one) said so, not "-: 0 photos catalogued", exit 0
        raise UserError(
            "No photos in {folder} (JPEG, PNG, WebP, HEIC or AVIF, in it or its subfolders); "
            "nothing was catalogued.",
            folder=args.folder,
        )
    _give_collection_time(ctx, items)
    report = flyers.run_ocr(actor, items, jobs=jobs or os.cpu_count(), progress=progress)
    progress.close()
    for failure in report.failures[:MAX_FAILURES_SHOWN]:
        output.error(msg("failed: {reason}", reason=failure))
    if len(report.failures) > MAX_FAILURES_SHOWN:
        output.error(
            msg_n(
                len(report.failures) - MAX_FAILURES_SHOWN,
                "… and {count} more failed photo",
                "… and {count} more failed photos",
            )
        )
    for read_note in report.notes[:MAX_FAILURES_SHOWN]:
        output.error(msg("note: {note}", note=read_note))
    hits = flyers.hits(item_ids=items)
    if args.csv:
        _write_csv(args.csv, hits)
    exhibits = ", ".join(sorted({h.exhibit_number for h in hits})) or (
        imported.item.exhibit_number if imported.item else "-"
    )
    # No speed when nothing was read (a resumed or repeated run): "at 0.00/s" said nothing.
    speed = (
        msg(" at {rate:.2f}/s", rate=report.photos / report.seconds)
        if report.photos and report.seconds
        else ""
    )
    summary = msg(
        "{exhibits}: {catalogued} ({duplicates} already in the case); OCR {read} ({failed} "
        "unreadable, {done} done before){speed}; {numbers}, {pending} to review",
        exhibits=exhibits,
        catalogued=msg_n(imported.added, "{count} photo catalogued", "{count} photos catalogued"),
        duplicates=len(imported.duplicates),
        read=msg_n(report.photos, "{count} photo", "{count} photos"),
        failed=report.failed,
        done=report.already_done,
        speed=speed,
        numbers=msg_n(len(hits), "{count} number", "{count} numbers"),
        pending=sum(h.review_status == ReviewStatus.PENDING for h in hits),
    )
    cancelled = msg("; cancelled — run again to resume") if report.cancelled else ""
    output.line(summary, cancelled, sep="")
    _say_what_waits_for_a_time(hits, case.number, args.folder)
    waiting = flyers.flyer_groups(case.id, only_other=True)
    waiting = [g for g in waiting if g.numbers]
    if waiting:
        output.line(
            msg_n(
                len(waiting),
                '{count} flyer group with numbers is classified "other" and waits for its '
                "category (never requested until then): forensics-app ocr-review --case "
                "{case} --groups",
                '{count} flyer groups with numbers are classified "other" and wait for their '
                "category (never requested until then): forensics-app ocr-review --case "
                "{case} --groups",
                case=case.number,
            )
        )
    from forensics_app.cli import EXIT_CANCELLED, EXIT_DONE_WITH_FAILURES

    if report.cancelled:
        return EXIT_CANCELLED
    unreadable = [note for note in imported.skipped if note.is_failure]
    return EXIT_DONE_WITH_FAILURES if report.failed or unreadable else 0


def _check_csv_destination(path: Path, folder: Path) -> None:
    """Checked before the batch: exit 2 must mean nothing was catalogued or read. The photo
    folder is evidence: `--csv DIR/IMG_0001.jpg` overwrote a photo with the CSV."""
    if path.is_dir():
        raise UserError("Cannot write {path}: {reason}", path=path, reason=msg("it is a folder"))
    target, photos = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    if photos == target or photos in target.parents:
        raise UserError(
            "Cannot write {path}: {reason}",
            path=path,
            reason=msg("it is inside the photo folder, which is evidence: write it elsewhere"),
        )
    if not path.parent.is_dir():
        raise UserError(
            "Cannot write {path}: {reason}", path=path, reason=msg("its folder does not exist")
        )


def _give_collection_time(ctx: Context, items: list[int]) -> None:
    """Run again with --collected-at (forgotten the first time, or corrected): the batches
    already holding these photos take it, audited, as "When collected…" does in the GUI."""
    workstation = ctx.workstation
    collected_at = _collection_time(ctx.args.collected_at, workstation.clock)
    if collected_at is None:
        return
    for item_id in items:
        item = workstation.evidence.get_item(item_id)
        if item.seized_at != collected_at:
            workstation.flyers.set_collected_at(ctx.actor(), item_id, collected_at)
            output.line(
                msg(
                    "{exhibit}: collected {when}",
                    exhibit=item.exhibit_number,
                    when=output.when(collected_at, workstation.clock),
                )
            )


def _say_what_waits_for_a_time(hits: list[NumberHit], case_number: str, folder: Path) -> None:
    untimed = len(
        {
            (h.item_id, h.photo)
            for h in hits
            if h.seen_at is None and h.review_status != ReviewStatus.REJECTED
        }
    )
    if untimed:
        output.line(
            msg_n(
                untimed,
                "{count} photo with numbers has no camera time: its numbers wait until you "
                "give when the flyers were collected: forensics-app ocr --case {case} "
                "--collected-at TIME {folder}",
                "{count} photos with numbers have no camera time: their numbers wait until you "
                "give when the flyers were collected: forensics-app ocr --case {case} "
                "--collected-at TIME {folder}",
                case=case_number,
                folder=folder,
            )
        )


def _write_csv(path: Path, hits: list[NumberHit]) -> None:
    from forensics_app.tabular import write_rows

    write_rows(path, CSV_COLUMNS, (_csv_row(h) for h in hits))


def _csv_row(h: NumberHit) -> list[str]:
    return [
        h.source_path, h.final_e164, h.national, h.number_type,
        f"{h.confidence:.3f}", h.category, " ".join(map(str, h.box)), h.printed,
        h.review_status.value, h.exhibit_number,
        h.taken_at.isoformat() if h.taken_at else "",
        "" if h.latitude is None else f"{h.latitude:.6f}",
        "" if h.longitude is None else f"{h.longitude:.6f}",
    ]  # fmt: skip


def run_review(ctx: Context) -> int:
    args, workstation = ctx.args, ctx.workstation
    case = workstation.cases.resolve(args.case)
    flyers = workstation.flyers
    if args.groups or args.group is not None or args.category is not None:
        return _groups(ctx, case.id)
    if args.number_id is None:
        for h in flyers.hits(case_id=case.id, unsure_first=True, include_rejected=args.all):
            if args.all or h.review_status == ReviewStatus.PENDING:
                output.line(h.id, enum_term(h.review_status), f"{h.confidence:.3f}", h.national,
                            h.printed, f"{h.exhibit_number}/{h.photo}")  # fmt: skip
        return 0
    if args.verdict is None:
        raise UserError("Say accept, reject or correct.")
    actor = ctx.actor()
    decision = {
        "accept": ReviewStatus.ACCEPTED,
        "reject": ReviewStatus.REJECTED,
        "correct": ReviewStatus.CORRECTED,
    }[args.verdict]
    hit = flyers.review(actor, args.number_id, decision, args.to)
    output.line(hit.id, enum_term(hit.review_status), hit.final_e164)
    return 0


def _groups(ctx: Context, case_id: int) -> int:
    """Flyer groups and their ad category: list them, or set one group's category."""
    args, flyers = ctx.args, ctx.workstation.flyers
    if args.group is None and args.category is None:
        for group in flyers.flyer_groups(case_id, only_other=not args.all):
            seen = "; ".join(
                f"{code_term('keyword_kind', c)}: {', '.join(w)}"
                for c, w in sorted(group.keywords.items())
            )
            output.line(
                group.group_file_id,
                code_term("ad_category", group.category),
                msg_n(len(group.photos), "{count} photo", "{count} photos"),
                ", ".join(group.numbers) or "-",
                group.photos[0],
                *([msg("(keywords {keywords})", keywords=seen)] if seen else []),
            )
        return 0
    if args.group is None or args.category is None:
        raise UserError("Give both --group G and --category CATEGORY to set a flyer's category.")
    actor = ctx.actor()
    group = flyers.set_group_category(actor, case_id, args.group, args.category)
    output.line(
        group.group_file_id,
        code_term("ad_category", group.category),
        msg_n(len(group.photos), "{count} photo", "{count} photos"),
        ", ".join(group.numbers) or "-",
    )
    return 0
