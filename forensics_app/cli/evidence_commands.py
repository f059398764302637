"""`forensics-app evidence add|add-files|list|show|status|handover`: evidence items."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, case_option, not_in_future, subcommands
from forensics_app.enums import ItemKind, ItemStatus, VerificationResult
from forensics_app.messages import enum_term, msg, msg_n

if TYPE_CHECKING:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.services.records import Actor, ItemRecord
    from forensics_app.services.workstation import Workstation

ORDER = 40
_TEXT_OPTIONS = {
    "description": "what the item is and what it looks like",
    "make": "maker",
    "model": "model",
    "serial": "serial number",
    "imei": "IMEI",
    "seized-from": "whom it was seized from",
    "seized-location": "where it was seized",
    "seized-by": "who seized it",
    "storage": "where it is stored",
}
EXHIBIT_HELP = "the item's exhibit number"
NOTE_HELP = "a note for the custody log"


def register(sub: Subparsers) -> None:
    evidence = subcommands(sub.add_parser("evidence", help="evidence items"), "evidence_command")
    add = evidence.add_parser(
        "add", help="catalog items and hash their files (one item per PATH unless --one-item)"
    )
    case_option(add)
    add.add_argument(
        "--kind", required=True, choices=[k.value for k in ItemKind], help="what the item is"
    )
    add.add_argument("--one-item", action="store_true", help="all PATHs form one item")
    add.add_argument("--exhibit", default="", help="exhibit number (default: EX-NNNN)")
    add.add_argument("--parent", default=None, help="exhibit number of the containing item")
    for name, text in _TEXT_OPTIONS.items():
        add.add_argument(f"--{name}", default="", help=text)
    add.add_argument("--seized-at", default=None, help="ISO date-time, e.g. 2026-05-01T14:30+09:00")
    add.add_argument("paths", nargs="*", metavar="PATH", help="the item's files (hashed)")
    add.set_defaults(handler=add_items)

    files = evidence.add_parser("add-files", help="add files to an existing item")
    case_option(files)
    files.add_argument("item", metavar="EXHIBIT", help=EXHIBIT_HELP)
    files.add_argument("paths", nargs="+", metavar="PATH", help="files to add (hashed)")
    files.set_defaults(handler=add_files)

    listing = evidence.add_parser("list", help="list a case's items")
    case_option(listing)
    listing.add_argument("--filter", default="", help="text to look for")
    listing.set_defaults(handler=list_items)
    show = evidence.add_parser("show", help="an item with its files")
    case_option(show)
    show.add_argument("item", metavar="EXHIBIT", help=EXHIBIT_HELP)
    show.set_defaults(handler=show_item)
    status = evidence.add_parser("status", help="change an item's status")
    case_option(status)
    status.add_argument("item", metavar="EXHIBIT", help=EXHIBIT_HELP)
    status.add_argument(
        "status", choices=[s.value for s in ItemStatus], help="the item's new status"
    )
    status.add_argument("--note", default="", help=NOTE_HELP)
    status.set_defaults(handler=set_status)
    handover = evidence.add_parser("handover", help="hand an item over to another examiner")
    case_option(handover)
    handover.add_argument("item", metavar="EXHIBIT", help=EXHIBIT_HELP)
    handover.add_argument(
        "--to", required=True, metavar="BADGE", help="badge number of the examiner taking it"
    )
    handover.add_argument("--note", default="", help=NOTE_HELP)
    handover.set_defaults(handler=hand_over)


def parse_time(text: str | None) -> datetime | None:
    """An ISO date-time with its zone (None for empty); UserError names the problem."""
    from forensics_app.errors import UserError

    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            "Not an ISO date-time: {text!r} (e.g. 2026-05-01T14:30+09:00)", text=text
        ) from exc
    if moment.tzinfo is None:
        raise UserError("Give the time zone with the time: {text!r} (e.g. +09:00)", text=text)
    return moment


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _check_word(result: VerificationResult | None) -> str:
    """The last check of an item or a file in the reader's words (the code in English)."""
    from forensics_app.messages import language, term

    if result:
        return enum_term(result)
    return "not verified" if language() == "en" else term("verification_result", "none")


def item_fields(item: ItemRecord) -> list[object]:
    """An item as a listing row: its kind, status and last check in the reader's words, as
    the block-request and CCTV listings show theirs (codes in English, for scripts)."""
    check = _check_word(item.worst_verification)
    return [
        item.exhibit_number,
        enum_term(item.kind),
        enum_term(item.status),
        msg_n(item.file_count, "{count} file", "{count} files"),
        human_size(item.total_size),
        check,
        item.description,
    ]


def list_items(ctx: Context) -> int:
    from forensics_app.services.evidence import ItemQuery

    evidence = ctx.workstation.evidence
    case = ctx.workstation.cases.resolve(ctx.args.case)
    ids = evidence.item_ids(ItemQuery(case_id=case.id, text=ctx.args.filter))
    rows = evidence.items_by_id(ids)
    for item_id in ids:
        output.line(*item_fields(rows[item_id]))
    return 0


def show_item(ctx: Context) -> int:
    evidence = ctx.workstation.evidence
    case = ctx.workstation.cases.resolve(ctx.args.case)
    item = evidence.resolve_item(case.id, ctx.args.item)
    output.line(*item_fields(item))
    for label, value in (
        (
            msg("  make/model: {value}", value=f"{item.make} {item.model}".strip()),
            item.make or item.model,
        ),
        (msg("  serial: {value}", value=item.serial_number), item.serial_number),
        (msg("  IMEI: {value}", value=item.imei), item.imei),
        (msg("  seized from: {value}", value=item.seized_from), item.seized_from),
        (
            msg(
                "  seized at: {value}",
                value=" ".join(
                    part
                    for part in (
                        item.seized_location,
                        output.when(item.seized_at, ctx.workstation.clock)
                        if item.seized_at
                        else "",
                    )
                    if part
                ),
            ),
            item.seized_location or item.seized_at,
        ),
        (msg("  seized by: {value}", value=item.seized_by), item.seized_by),
        (msg("  stored at: {value}", value=item.storage_location), item.storage_location),
        (msg("  custodian: {value}", value=item.custodian), item.custodian),
        (msg("  inside: {value}", value=item.parent_exhibit), item.parent_exhibit),
    ):
        if value:
            output.line(label)
    for f in evidence.files(item.id):
        check = _check_word(f.last_verification)
        output.line(f"  {f.sha256}  {f.md5}  {f.size:>12}  {check:<12} {f.relative_path}")
    return 0


def set_status(ctx: Context) -> int:
    actor = ctx.actor()
    evidence = ctx.workstation.evidence
    case = ctx.workstation.cases.resolve(ctx.args.case)
    item = evidence.resolve_item(case.id, ctx.args.item)
    item = evidence.set_status(actor, item.id, ItemStatus(ctx.args.status), ctx.args.note)
    output.line(*item_fields(item))
    return 0


def hand_over(ctx: Context) -> int:
    actor = ctx.actor()
    workstation = ctx.workstation
    case = workstation.cases.resolve(ctx.args.case)
    item = workstation.evidence.resolve_item(case.id, ctx.args.item)
    receiver = _examiner_by_badge(workstation, ctx.args.to)
    item = workstation.evidence.hand_over(actor, item.id, receiver.id, ctx.args.note)
    output.line(
        msg(
            "{exhibit} now held by {custodian}",
            exhibit=item.exhibit_number,
            custodian=item.custodian,
        )
    )
    return 0


def _examiner_by_badge(workstation: Workstation, badge: str) -> Actor:
    from forensics_app.errors import UserError
    from forensics_app.services.records import Actor

    for e in workstation.examiners.list():
        if e.badge_number == badge and e.active:
            return Actor(e.id, e.name, e.badge_number, e.role)
    raise UserError("No active examiner with badge number {badge}.", badge=badge)


def add_files(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress

    actor = ctx.actor()
    evidence = ctx.workstation.evidence
    case = ctx.workstation.cases.resolve(ctx.args.case)
    item = evidence.resolve_item(case.id, ctx.args.item)
    progress = TerminalProgress()
    result = evidence.add_files(actor, item.id, [Path(p) for p in ctx.args.paths], progress)
    progress.close()
    output.skipped(result.skipped)
    output.line(
        msg_n(
            result.files_added,
            "{exhibit}: {count} file added",
            "{exhibit}: {count} files added",
            exhibit=result.item.exhibit_number,
        )
    )
    from forensics_app.cli import EXIT_DONE_WITH_FAILURES

    return EXIT_DONE_WITH_FAILURES if result.failures else 0


def add_items(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.errors import UserError

    args, workstation = ctx.args, ctx.workstation
    actor = ctx.actor()
    case_id = workstation.cases.resolve(args.case).id
    paths = [Path(p) for p in args.paths]
    groups = [paths] if args.one_item or len(paths) <= 1 else [[p] for p in paths]
    if args.exhibit and len(groups) > 1:
        raise UserError("--exhibit names one item: give one PATH, or add --one-item.")
    parent_id = workstation.evidence.resolve_item(case_id, args.parent).id if args.parent else None
    seized_at = parse_time(args.seized_at)
    if seized_at is not None:
        not_in_future(seized_at, workstation.clock, "--seized-at")
    from forensics_app.cli import EXIT_BAD_INPUT, EXIT_DONE_WITH_FAILURES
    from forensics_app.messages import describe

    progress = TerminalProgress()
    failures = 0
    unreadable = 0
    for group in groups:
        try:
            unreadable += _add_one(ctx, actor, case_id, group, parent_id, seized_at, progress)
        except UserError as exc:
            progress.close()
            failures += 1
            output.error(
                msg(
                    "error: {paths}: {reason}",
                    paths=", ".join(map(str, group)),
                    reason=describe(exc),
                )
            )
    if failures and len(groups) > 1:
        output.error(
            msg(
                "{count} of {total} items failed; the others were catalogued.",
                count=failures,
                total=len(groups),
            )
        )
    if failures == len(groups):
        return EXIT_BAD_INPUT
    return EXIT_DONE_WITH_FAILURES if failures or unreadable else 0


def _add_one(
    ctx: Context,
    actor: Actor,
    case_id: int,
    group: list[Path],
    parent_id: int | None,
    seized_at: datetime | None,
    progress: TerminalProgress,
) -> int:
    """Catalog one item; returns how many of its files could not be read."""
    from forensics_app.services.evidence import ItemDraft

    args = ctx.args
    draft = ItemDraft(
        kind=ItemKind(args.kind),
        exhibit_number=args.exhibit,
        description=args.description,
        make=args.make,
        model=args.model,
        serial_number=args.serial,
        imei=args.imei,
        seized_from=args.seized_from,
        seized_location=args.seized_location,
        seized_at=seized_at,
        seized_by=args.seized_by,
        storage_location=args.storage,
        parent_id=parent_id,
    )
    result = ctx.workstation.evidence.add_item(actor, case_id, draft, group, progress)
    progress.close()
    output.skipped(result.skipped)
    item = result.item
    output.line(
        item.id,
        item.exhibit_number,
        msg_n(result.files_added, "{count} file", "{count} files"),
        human_size(item.total_size),
    )
    return len(result.failures)
