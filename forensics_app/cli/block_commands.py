"""`forensics-app numbers` and `forensics-app block …`: the block-request queue, headless."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from blocking.enums import AdCategory, SourceKind
from blocking.states import RequestState
from forensics_app.cli.runtime import Context, Parser, Subparsers
from forensics_app.errors import UserError

if TYPE_CHECKING:
    from blocking.records import NumberRecord, RequestRecord
    from blocking.requests import RequestQueue
    from forensics_app.services.workstation import Workstation

ORDER = 70
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
    responses.add_argument("--dry-run", action="store_true", help="check only, change nothing")
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
        print(f"{number.e164}\t{number.national}\t{number.sightings_count} sightings")
        return 0
    if args.numbers_command == "show":
        detail = registry.detail(args.number)
        n = detail.number
        print(f"{n.e164}  {n.national}  {n.number_type.value}  {n.sightings_count} sightings")
        print(f"  first seen {_when(n.first_seen)}, last seen {_when(n.last_seen)}")
        for area in detail.areas:
            print(f"  area: {area.place or '-'} ({area.sightings})")
        for category, count in detail.categories.items():
            print(f"  category: {category.value} ({count})")
        for request_id in detail.request_ids:
            request = workstation.blocking.requests.get(request_id)
            print(f"  request {request.id}: {request.route} {request.state.value}")
        for sighting in registry.sightings(n.id, limit=50):
            source = sighting.photo_name or sighting.source_id or sighting.source_kind.value
            print(
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
    from forensics_app.services.block_requests import (
        record_package_export,
        record_response_import,
    )
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
        print(f"seen again after closure: {len(flagged)}")
        for flag in flagged:
            print(
                f"  {flag.national}\t{flag.route}\twas {flag.previous_state.value} "
                f"(request {flag.previous_request_id})\t{flag.sightings_since} new sightings, "
                f"last {_when(flag.last_seen)}"
            )
        print(f"overdue: {len(overdue)}")
        for late in overdue:
            print(
                f"  request {late.request_id}\t{late.national}\t{late.route}\t"
                f"{late.state.value} since {_when(late.waiting_since)}, due {_when(late.due_at)}"
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
        print(
            f"queued {len(result.created)} requests ({state}); "
            f"{result.already_open} already had an open request"
        )
        _print_review_gate(requests, result.created)
        for duplicate in requests.open_duplicates():
            print(
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
        print(f"{len(ids)} requests sent for approval")
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
        print(f"{len(ids)} requests approved by {actor.label}")
        return 0
    if command == "withdraw":
        requests.withdraw(who, args.requests, reason=args.reason)
        print(f"{len(args.requests)} requests withdrawn")
        return 0
    if command == "expire":
        expired = requests.expire_due(who)
        print(f"{len(expired)} suspensions expired")
        return 0
    if command == "export":

        def approved() -> list[int]:
            return requests.ids(
                RequestFilter(
                    states=frozenset({RequestState.APPROVED}), routes=frozenset(args.route or ())
                )
            )

        ids = _ids(args.requests, args.all_approved, approved)
        package = blk.packages.export(
            who,
            ids,
            args.output,
            allow_missing_photos=args.allow_missing_photos,
            progress=progress,
        )
        progress.close()
        record_package_export(workstation, actor, package)
        for missing in package.missing_photos:
            print(f"photo not included: {missing}", file=sys.stderr)
        print(
            f"{package.path}\tsha256 {package.sha256}\t{len(package.request_ids)} requests "
            f"submitted\t{len(package.files)} files"
        )
        return 0
    if command == "responses":
        report = blk.responses.import_file(
            who, args.file, dry_run=args.dry_run, all_or_nothing=args.all_or_nothing
        )
        for problem in report.problems:
            print(f"row {problem.row}: {problem.number or '-'}: {problem.message}", file=sys.stderr)
        if report.committed:
            record_response_import(workstation, actor, args.file, report)
            for applied in report.applied:
                print(
                    f"request {applied.request_id}\t{applied.e164}\t"
                    f"{applied.from_state.value} → {applied.to_state.value}"
                )
        verdict = "applied" if report.committed else "nothing applied"
        print(
            f"{args.file.name} ({report.encoding}): {report.rows} rows, {len(report.applied)} "
            f"applied, {len(report.problems)} problems; {verdict}"
        )
        return 0 if report.ok else 2
    raise UserError("Unknown block action {command!r}.", command=command)


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
    print(f"request {r.id}: {r.national} ({r.e164}, {r.number_type.value}) — {r.state.value}")
    print(f"  route {r.route}: {r.legal_basis}")
    print(f"  category {r.category.value}; agency {r.requesting_agency}; officer {r.officer}")
    print(f"  drafted by {r.drafted_by_name}; approved by {r.approved_by_name or '-'}")
    if r.carrier or r.response_reference:
        print(f"  carrier {r.carrier or '-'}; reference {r.response_reference or '-'}")
    if r.suspended_from:
        print(f"  suspended {r.suspended_from} – {r.suspended_until}")
    _print_review_gate(requests, [request_id])
    for evidence in requests.evidence(request_id):
        print(
            f"  evidence: {evidence.photo_name or evidence.source_id}  "
            f"{evidence.photo_sha256 or ''}  {_when(evidence.seen_at)}  {evidence.place}"
        )
    for entry in requests.history(request_id):
        start = entry.from_state.value if entry.from_state else "new"
        print(
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
            print(
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
    """Tab-separated on the terminal; a CSV file (UTF-8 with BOM, for Excel) with --csv."""
    rows = list(rows)
    if csv_path is None:
        for row in rows:
            print("\t".join(row))
        return
    try:
        with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(handle, header, rows)
    except OSError as exc:
        raise UserError(
            "Cannot write {path}: {reason}", path=csv_path, reason=exc.strerror or exc
        ) from exc
    print(f"{len(rows)} rows written to {csv_path}")


def _write_csv(handle: TextIO, header: list[str], rows: list[list[str]]) -> None:
    writer = csv.writer(handle)
    writer.writerow(header)
    writer.writerows(rows)
