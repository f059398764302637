"""`forensics-app numbers` and `forensics-app block …`: the block-request queue, headless."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from blocking.enums import AdCategory, SourceKind
from blocking.states import RequestState
from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Parser, Subparsers
from forensics_app.errors import UserError

if TYPE_CHECKING:
    from blocking.records import NumberRecord, RequestRecord
    from blocking.requests import RequestQueue
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.services.records import Actor
    from forensics_app.services.workstation import Workstation

ORDER = 70
PROBLEMS_SHOWN = 20
CATEGORIES = [c.value for c in AdCategory]
STATES = [s.value for s in RequestState]


def register(sub: Subparsers) -> None:
    numbers = sub.add_parser("numbers", help="phone numbers with their sightings")
    numbers.set_defaults(handler=numbers_command)
    numbers.add_argument("--case", metavar="C", help="numbers seen in this case")
    numbers.add_argument("--min-sightings", type=int, default=0)
    numbers.add_argument("--csv", metavar="OUT", type=Path, help="write CSV here")
    actions = numbers.add_subparsers(dest="numbers_command", metavar="ACTION", parser_class=Parser)
    add = actions.add_parser("add", help="record a sighting by hand (number in any printed form)")
    add.add_argument("number")
    add.add_argument("--category", required=True, choices=CATEGORIES)
    add.add_argument("--place", default="")
    add.add_argument("--seen-at", help="ISO date-time with zone (default: now)")
    add.add_argument("--case", dest="sighting_case", metavar="C", help="case number")
    add.add_argument("--collector", default="")
    show = actions.add_parser("show", help="one number: sightings, areas, requests")
    show.add_argument("number")

    block_group = sub.add_parser("block", help="use-suspension (이용중지) requests")
    block_group.set_defaults(handler=block_command)
    block = block_group.add_subparsers(
        dest="block_command", metavar="ACTION", required=True, parser_class=Parser
    )
    queue = block.add_parser(
        "queue", help="request every blockable number and send the drafts for approval"
    )
    queue.add_argument("--route", action="append", help="only this route (repeatable)")
    queue.add_argument("--category", action="append", choices=CATEGORIES)
    queue.add_argument("--agency", help="requesting agency (default: from the configuration)")
    queue.add_argument("--officer", help="officer in charge (default: you)")
    queue.add_argument("--drafts", action="store_true", help="leave them as drafts")

    listing = block.add_parser("list", help="requests")
    listing.add_argument("--state", action="append", choices=STATES)
    listing.add_argument("--route", action="append")
    listing.add_argument("--category", action="append", choices=CATEGORIES)
    listing.add_argument("--number", default="", help="digits the number contains")
    listing.add_argument("--older-than", type=int, metavar="DAYS", help="created at least DAYS ago")
    listing.add_argument("--csv", metavar="OUT", type=Path)

    show_request = block.add_parser("show", help="one request with its evidence and history")
    show_request.add_argument("request", type=int)

    submit = block.add_parser("submit", help="send drafts for approval")
    submit.add_argument("requests", type=int, nargs="*")
    submit.add_argument("--all-drafts", action="store_true")

    approve = block.add_parser("approve", help="approve requests (reviewer; not your own)")
    approve.add_argument("requests", type=int, nargs="*")
    approve.add_argument(
        "--all",
        action="store_true",
        help="every request awaiting approval that someone else drafted",
    )

    withdraw = block.add_parser("withdraw", help="withdraw open requests")
    withdraw.add_argument("requests", type=int, nargs="+")
    withdraw.add_argument("--reason", required=True)

    export = block.add_parser("export", help="submission package (zip) for approved requests")
    export.add_argument("requests", type=int, nargs="*")
    export.add_argument("--all-approved", action="store_true")
    export.add_argument("--route", action="append", help="with --all-approved: only this route")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER")
    export.add_argument("--allow-missing-photos", action="store_true")

    responses = block.add_parser("responses", help="apply an answer file (CSV / XLSX)")
    responses.add_argument("file", type=Path)
    responses.add_argument(
        "--dry-run", action="store_true", help="check only, change nothing; says what would apply"
    )
    responses.add_argument(
        "--problems-csv",
        type=Path,
        metavar="OUT",
        help="write every problem row here (default: a file in the data folder's reports/)",
    )
    responses.add_argument(
        "--all-or-nothing", action="store_true", help="apply nothing unless every row is good"
    )

    block.add_parser("watch", help="numbers seen again after closure, and overdue requests")
    block.add_parser("expire", help="close suspensions whose end date has passed")
    for action in block.choices.values():
        action.set_defaults(handler=block_command)
    for action in actions.choices.values():
        action.set_defaults(handler=numbers_command)


# ---- numbers ------------------------------------------------------------------------------
def numbers_command(ctx: Context) -> int:
    from blocking.records import NumberFilter, SightingInput
    from forensics_app.services.records import blocking_actor

    args, workstation = ctx.args, ctx.workstation
    registry = workstation.blocking.registry
    if args.numbers_command == "add":
        actor = ctx.actor()
        seen_at = _aware(args.seen_at) if args.seen_at else workstation.clock.now()
        case_number = ""
        if args.sighting_case:
            case_number = workstation.cases.resolve(args.sighting_case).number
        record = registry.record_sighting(
            blocking_actor(actor),
            SightingInput(
                args.number,
                seen_at,
                AdCategory(args.category),
                SourceKind.MANUAL,
                case_number=case_number,
                place=args.place,
                collector=args.collector or actor.name,
            ),
        )
        number = registry.get(record.number_id)
        output.line(number.e164, number.national, f"{number.sightings_count} sightings")
        return 0
    if args.numbers_command == "show":
        detail = registry.detail(args.number)
        n = detail.number
        output.line(f"{n.e164}  {n.national}  {n.number_type.value}  {n.sightings_count} sightings")
        output.line(f"  first seen {_when(n.first_seen)}, last seen {_when(n.last_seen)}")
        for area in detail.areas:
            output.line(f"  area: {area.place or '-'} ({area.sightings})")
        for category, count in detail.categories.items():
            output.line(f"  category: {category.value} ({count})")
        for request_id in detail.request_ids:
            request = workstation.blocking.requests.get(request_id)
            output.line(f"  request {request.id}: {request.route} {request.state.value}")
        for sighting in registry.sightings(n.id, limit=50):
            source = sighting.photo_name or sighting.source_id or sighting.source_kind.value
            output.line(
                f"  seen {_when(sighting.seen_at)}  {sighting.category.value:<13} "
                f"{sighting.place or '-'}  {source}  {sighting.case_number}"
            )
        return 0
    case_number = workstation.cases.resolve(args.case).number if args.case else ""
    found = registry.search(NumberFilter(min_sightings=args.min_sightings, case_number=case_number))
    header = ["e164", "national", "type", "sightings", "first_seen", "last_seen"]
    rows = [_number_row(n) for n in found]
    _emit(header, rows, args.csv)
    return 0


def _number_row(n: NumberRecord) -> list[str]:
    return [
        n.e164,
        n.national,
        n.number_type.value,
        str(n.sightings_count),
        _when(n.first_seen),
        _when(n.last_seen),
    ]


# ---- block --------------------------------------------------------------------------------
def block_command(ctx: Context) -> int:
    from blocking.records import RequestFilter
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.services.records import blocking_actor

    args, workstation = ctx.args, ctx.workstation
    blk = workstation.blocking
    requests = blk.requests
    command = args.block_command
    if command == "list":
        created_before = None
        if args.older_than is not None:
            created_before = workstation.clock.now() - timedelta(days=args.older_than)
        found = requests.search(
            RequestFilter(
                states=frozenset(RequestState(s) for s in args.state or ()),
                routes=frozenset(args.route or ()),
                categories=frozenset(AdCategory(c) for c in args.category or ()),
                number_contains=args.number,
                created_before=created_before,
            )
        )
        header = [
            "id",
            "e164",
            "national",
            "type",
            "route",
            "category",
            "state",
            "created",
            "officer",
            "carrier",
            "reference",
        ]
        _emit(header, [_request_row(r) for r in found], args.csv)
        return 0
    if command == "show":
        return _show_request(workstation, args.request)
    if command == "watch":
        flagged = blk.watch.flagged()
        overdue = blk.watch.overdue()
        output.line(f"seen again after closure: {len(flagged)}")
        for flag in flagged:
            output.line(
                f"  {flag.national}",
                flag.route,
                f"was {flag.previous_state.value} (request {flag.previous_request_id})",
                f"{flag.sightings_since} new sightings, last {_when(flag.last_seen)}",
            )
        output.line(f"overdue: {len(overdue)}")
        for late in overdue:
            output.line(
                f"  request {late.request_id}",
                late.national,
                late.route,
                f"{late.state.value} since {_when(late.waiting_since)}, due {_when(late.due_at)}",
            )
        return 0

    actor = ctx.actor()
    who = blocking_actor(actor)
    progress = TerminalProgress()
    if command == "queue":
        result = requests.queue_for_approval(
            who,
            agency=args.agency,
            officer=args.officer or actor.name,
            routes=args.route,
            categories=[AdCategory(c) for c in args.category] if args.category else None,
            submit=not args.drafts,
            progress=progress,
        )
        progress.close()
        state = "awaiting approval" if result.submitted else "drafts"
        output.line(
            f"queued {len(result.created)} requests ({state}); "
            f"{result.already_open} already had an open request"
        )
        _print_review_gate(requests, result.created)
        for duplicate in requests.open_duplicates():
            output.line(
                f"request {duplicate.id} ({duplicate.national}, {duplicate.route}, "
                f"{duplicate.state.value}) is an open duplicate of request "
                f"{duplicate.duplicate_of}: withdraw or close one of them"
            )
        return 0
    if command == "submit":
        ids = _ids(
            args.requests,
            args.all_drafts,
            lambda: requests.ids(RequestFilter(states=frozenset({RequestState.DRAFT}))),
        )
        requests.submit_for_approval(who, ids)
        output.line(f"{len(ids)} requests sent for approval")
        return 0
    if command == "approve":

        def others_awaiting() -> list[int]:
            waiting = requests.search(
                RequestFilter(states=frozenset({RequestState.AWAITING_APPROVAL}))
            )
            return [r.id for r in waiting if r.drafted_by_id != who.id]

        ids = _ids(
            args.requests,
            args.all,
            others_awaiting,
            "No requests await your approval (nobody approves their own drafts).",
        )
        requests.approve(who, ids)
        output.line(f"{len(ids)} requests approved by {actor.label}")
        return 0
    if command == "withdraw":
        requests.withdraw(who, args.requests, reason=args.reason)
        output.line(f"{len(args.requests)} requests withdrawn")
        return 0
    if command == "expire":
        expired = requests.expire_due(who)
        output.line(f"{len(expired)} suspensions expired")
        return 0
    if command == "export":

        def approved() -> list[int]:
            return requests.ids(
                RequestFilter(
                    states=frozenset({RequestState.APPROVED}), routes=frozenset(args.route or ())
                )
            )

        ids = _ids(args.requests, args.all_approved, approved)
        package = workstation.submissions.export_package(
            actor,
            ids,
            args.output,
            allow_missing_photos=args.allow_missing_photos,
            progress=progress,
        )
        progress.close()
        for partial in package.removed_partials:
            output.error(f"removed {partial}, left by an export that did not finish")
        for missing in package.missing_photos:
            output.error(f"photo not included: {missing}")
        output.line(
            package.path,
            f"sha256 {package.sha256}",
            f"{len(package.request_ids)} requests submitted",
            f"{len(package.files)} files",
        )
        return 0
    if command == "responses":
        return _responses(ctx, actor, progress)
    raise UserError("Unknown block action {command!r}.", command=command)


def _responses(ctx: Context, actor: Actor, progress: TerminalProgress) -> int:
    """Apply (or check) an answer file: the first problems in full, counts per kind, every
    problem in a CSV file; exit 4 when some rows failed and the others were applied."""
    from forensics_app.cli import EXIT_BAD_INPUT, EXIT_DONE_WITH_FAILURES
    from forensics_app.messages import Message

    args, workstation = ctx.args, ctx.workstation
    problems_file = args.problems_csv or _default_problems_file(workstation, args.file)
    report = workstation.submissions.import_responses(
        actor,
        args.file,
        dry_run=args.dry_run,
        all_or_nothing=args.all_or_nothing,
        problems_file=problems_file,
        progress=progress,
    )
    progress.close()
    for problem in report.problems[:PROBLEMS_SHOWN]:
        reason = Message(problem.template, problem.values) if problem.template else problem.message
        output.error(f"row {problem.row}: {problem.number or '-'}: ", reason, sep="")
    total = report.total_problems
    if total > PROBLEMS_SHOWN:
        output.error(f"… and {total - PROBLEMS_SHOWN:,} more problems")
    if total:
        kinds = sorted(report.problem_kinds.items(), key=lambda kind: -kind[1])
        output.error("problems by kind: " + ", ".join(f"{k} {n:,}" for k, n in kinds))
        output.error(f"all {total:,} problems are listed in {report.problems_file}")
    shown = report.applied if report.committed else report.planned if args.dry_run else []
    for applied in shown:
        output.line(
            f"request {applied.request_id}",
            applied.e164,
            f"{applied.from_state.value} → {applied.to_state.value}",
        )
    if report.committed:
        verdict = f"{len(report.applied):,} applied"
    elif args.dry_run:
        verdict = f"{len(report.planned):,} would be applied; dry run, nothing applied"
    else:
        verdict = f"{len(report.planned):,} could be applied; nothing applied (all or nothing)"
    output.line(
        f"{args.file.name} ({report.encoding}): {report.rows:,} rows, {total:,} problems; {verdict}"
    )
    if report.ok:
        return 0
    done = report.committed or (args.dry_run and report.planned)
    return EXIT_DONE_WITH_FAILURES if done else EXIT_BAD_INPUT


def _default_problems_file(workstation: Workstation, answers: Path) -> Path:
    """data_dir()/reports/<answer file>-problems-<local time>.csv"""
    from forensics_app import config

    folder = config.data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = workstation.clock.local(workstation.clock.now()).strftime("%Y%m%d-%H%M%S")
    return folder / f"{answers.stem}-problems-{stamp}.csv"


def _ids(
    given: Sequence[int],
    everything: bool,
    find_all: Callable[[], list[int]],
    none_found: str = "No requests match.",
) -> list[int]:
    if given and everything:
        raise UserError("Give request ids or the --all option, not both.")
    if not given and not everything:
        raise UserError("Give request ids, or the --all option.")
    ids = list(given) if given else find_all()
    if not ids:
        raise UserError(none_found)
    return ids


def _show_request(workstation: Workstation, request_id: int) -> int:
    requests = workstation.blocking.requests
    r = requests.get(request_id)
    output.line(f"request {r.id}: {r.national} ({r.e164}, {r.number_type.value}) — {r.state.value}")
    output.line(f"  route {r.route}: {r.legal_basis}")
    output.line(f"  category {r.category.value}; agency {r.requesting_agency}; officer {r.officer}")
    output.line(f"  drafted by {r.drafted_by_name}; approved by {r.approved_by_name or '-'}")
    if r.carrier or r.response_reference:
        output.line(f"  carrier {r.carrier or '-'}; reference {r.response_reference or '-'}")
    if r.suspended_from:
        output.line(f"  suspended {r.suspended_from} – {r.suspended_until}")
    _print_review_gate(requests, [request_id])
    for evidence in requests.evidence(request_id):
        output.line(
            f"  evidence: {evidence.photo_name or evidence.source_id}  "
            f"{evidence.photo_sha256 or ''}  {_when(evidence.seen_at)}  {evidence.place}"
        )
    for entry in requests.history(request_id):
        start = entry.from_state.value if entry.from_state else "new"
        output.line(
            f"  {_when(entry.at)}  {entry.actor_name}: {start} → {entry.to_state.value}"
            f"{'  ' + entry.note if entry.note else ''}"
        )
    return 0


def _print_review_gate(requests: RequestQueue, request_ids: list[int]) -> None:
    """Requests that rest on one machine-accepted read of one photo: nobody has looked."""
    records = requests.get_many(request_ids)
    gate = requests.machine_only(r.number_id for r in records)
    for r in records:
        if r.number_id in gate:
            g = gate[r.number_id]
            output.line(
                f"  request {r.id} {r.national}: machine read only, unreviewed — one photo "
                f"{g.photo_name} ({g.photo_sha256[:12]}…), confidence {g.confidence:.2f}"
            )


def _request_row(r: RequestRecord) -> list[str]:
    return [
        str(r.id),
        r.e164,
        r.national,
        r.number_type.value,
        r.route,
        r.category.value,
        r.state.value,
        _when(r.created_at),
        r.officer,
        r.carrier,
        r.response_reference,
    ]


# ---- output -------------------------------------------------------------------------------
def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _aware(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError("Not an ISO date-time: {text!r}", text=text) from exc
    if moment.tzinfo is None:
        raise UserError("Give the time zone: {text!r} (e.g. +09:00)", text=text)
    return moment


def _emit(header: list[str], rows: Iterable[list[str]], csv_path: Path | None) -> None:
    """Tab-separated on the terminal; a CSV file (UTF-8 with BOM, for Excel) with --csv, in
    which no cell can run as a formula (forensics_app.tabular)."""
    if csv_path is None:
        for row in rows:
            output.line(*row)
        return
    from forensics_app.tabular import write_rows

    count = write_rows(csv_path, header, rows)
    output.line(f"{count} rows written to {csv_path}")
