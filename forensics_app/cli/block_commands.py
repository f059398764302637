"""`forensics-app numbers` and `forensics-app block …`: the block-request queue, headless."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from blocking.enums import AdCategory, SourceKind
from blocking.errors import Phrase, listing
from blocking.states import RequestState
from forensics_app.cli import output
from forensics_app.cli.runtime import (
    Context,
    Parser,
    Subparsers,
    at_least,
    not_in_future,
    whole_number,
)
from forensics_app.errors import UserError
from forensics_app.messages import Message, code_term, enum_term, language, msg, msg_n

if TYPE_CHECKING:
    from blocking import Actor as BlockingActor
    from blocking.records import NumberRecord, RequestRecord
    from blocking.requests import RequestQueue
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.clock import Clock
    from forensics_app.services.records import Actor
    from forensics_app.services.workstation import Workstation

ORDER = 70
_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
PROBLEMS_SHOWN = 20
CATEGORIES = [c.value for c in AdCategory]
STATES = [s.value for s in RequestState]
ONLY_CATEGORY = "only this category (repeatable)"
REQUEST_IDS = "request ids (from `block list`)"
# A submission happens only with its package (`block export`), which the history cites.
STEP_TARGETS = [s.value for s in RequestState if s is not RequestState.SUBMITTED]


def register(sub: Subparsers) -> None:
    numbers = sub.add_parser("numbers", help="phone numbers with their sightings")
    numbers.set_defaults(handler=numbers_command)
    numbers.add_argument("--case", metavar="C", help="numbers seen in this case")
    numbers.add_argument(
        "--min-sightings",
        type=whole_number,
        default=0,
        help="only numbers seen at least this many times",
    )
    numbers.add_argument("--csv", metavar="OUT", type=Path, help="write CSV here")
    actions = numbers.add_subparsers(dest="numbers_command", metavar="ACTION", parser_class=Parser)
    add = actions.add_parser("add", help="record a sighting by hand (number in any printed form)")
    add.add_argument("number", help="the number as printed (010-1234-5678, +82 10 …)")
    add.add_argument("--category", required=True, choices=CATEGORIES, help="the ad's category")
    add.add_argument("--place", default="", help="where the flyer was seen")
    add.add_argument("--seen-at", help="ISO date-time with zone (default: now)")
    add.add_argument("--case", dest="sighting_case", metavar="C", help="case number")
    add.add_argument("--collector", default="", help="who collected the flyer")
    show = actions.add_parser("show", help="one number: sightings, areas, requests")
    show.add_argument("number", help="the number, however written")

    block_group = sub.add_parser("block", help="use-suspension (이용중지) requests")
    block_group.set_defaults(handler=block_command)
    block = block_group.add_subparsers(
        dest="block_command", metavar="ACTION", required=True, parser_class=Parser
    )
    queue = block.add_parser(
        "queue", help="request every blockable number and send the drafts for approval"
    )
    queue.add_argument("--route", action="append", help="only this route (repeatable)")
    queue.add_argument("--category", action="append", choices=CATEGORIES, help=ONLY_CATEGORY)
    queue.add_argument("--agency", help="requesting agency (default: from the configuration)")
    queue.add_argument("--officer", help="officer in charge (default: you)")
    queue.add_argument("--drafts", action="store_true", help="leave them as drafts")

    listing = block.add_parser("list", help="requests")
    listing.add_argument(
        "--state", action="append", choices=STATES, help="only this state (repeatable)"
    )
    listing.add_argument("--route", action="append", help="only this route (repeatable)")
    listing.add_argument("--category", action="append", choices=CATEGORIES, help=ONLY_CATEGORY)
    listing.add_argument("--number", default="", help="digits the number contains")
    listing.add_argument(
        "--older-than", type=whole_number, metavar="DAYS", help="created at least DAYS ago"
    )
    listing.add_argument("--csv", metavar="OUT", type=Path, help="write CSV here")

    show_request = block.add_parser("show", help="one request with its evidence and history")
    show_request.add_argument("request", type=whole_number, help="the request's id")

    submit = block.add_parser("submit", help="send drafts for approval")
    submit.add_argument("requests", type=whole_number, nargs="*", help=REQUEST_IDS)
    submit.add_argument("--all-drafts", action="store_true", help="every draft")

    approve = block.add_parser("approve", help="approve requests (reviewer; not your own)")
    approve.add_argument("requests", type=whole_number, nargs="*", help=REQUEST_IDS)
    approve.add_argument(
        "--all",
        action="store_true",
        help="every request awaiting approval that someone else drafted",
    )

    _register_step(block)

    withdraw = block.add_parser("withdraw", help="withdraw open requests")
    withdraw.add_argument("requests", type=whole_number, nargs="+", help=REQUEST_IDS)
    withdraw.add_argument("--reason", required=True, help="why (kept in the request's history)")

    export = block.add_parser("export", help="submission package (zip) for approved requests")
    export.add_argument("requests", type=whole_number, nargs="*", help=REQUEST_IDS)
    export.add_argument("--all-approved", action="store_true", help="every approved request")
    export.add_argument("--route", action="append", help="with --all-approved: only this route")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FOLDER",
        help="where the package is written",
    )
    export.add_argument(
        "--allow-missing-photos",
        action="store_true",
        help="write the package even when a flyer photo is missing (the package lists it)",
    )

    responses = block.add_parser("responses", help="apply an answer file (CSV / XLSX)")
    responses.add_argument("file", type=Path, help="the answer file (CSV or XLSX)")
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


def _register_step(block: Subparsers) -> None:
    """`block step`: every step the GUI's request screen offers, headless."""
    step = block.add_parser(
        "step",
        help="record one step of requests: an answer, an objection and its decision, a lift",
    )
    step.add_argument("requests", type=whole_number, nargs="+", help=REQUEST_IDS)
    step.add_argument(
        "--to",
        dest="target",
        required=True,
        choices=STEP_TARGETS,
        help="the state they move to (see `block show ID` for what a request allows)",
    )
    step.add_argument(
        "--note", default="", help="what was said or decided (kept in the request's history)"
    )
    step.add_argument("--carrier", help="the carrier that answered (suspended)")
    step.add_argument("--reference", help="the answer's reference number")
    step.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day the answer took effect (suspended, rejected, restored, terminated; "
        "default: today)",
    )
    step.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help="the last day of the suspension (default: the route's length)",
    )


# ---- numbers ------------------------------------------------------------------------------
def numbers_command(ctx: Context) -> int:
    from blocking.records import NumberFilter, SightingInput
    from forensics_app.services.records import blocking_actor

    args, workstation = ctx.args, ctx.workstation
    registry = workstation.blocking.registry
    clock = workstation.clock
    if args.numbers_command == "add":
        actor = ctx.actor()
        if args.seen_at:
            seen_at = not_in_future(_aware(args.seen_at), clock, "--seen-at")
        else:
            seen_at = clock.now()
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
        output.line(
            number.e164,
            number.national,
            msg_n(number.sightings_count, "{count} sighting", "{count} sightings"),
        )
        return 0
    if args.numbers_command == "show":
        detail = registry.detail(args.number)
        n = detail.number
        output.line(
            msg_n(
                n.sightings_count,
                "{e164}  {national}  {type}  {count} sighting",
                "{e164}  {national}  {type}  {count} sightings",
                e164=n.e164,
                national=n.national,
                type=n.number_type,
            )
        )
        output.line(
            msg(
                "  first seen {first}, last seen {last}",
                first=output.when(n.first_seen, clock),
                last=output.when(n.last_seen, clock),
            )
        )
        for area in detail.areas:
            output.line(
                msg("  area: {place} ({count})", place=area.place or "-", count=area.sightings)
            )
        for category, count in detail.categories.items():
            output.line(msg("  category: {category} ({count})", category=category, count=count))
        for request_id in detail.request_ids:
            request = workstation.blocking.requests.get(request_id)
            output.line(
                msg(
                    "  request {id}: {route} {state}",
                    id=request.id,
                    route=request.route,
                    state=request.state,
                )
            )
        for sighting in registry.sightings(n.id, limit=50):
            # the kind is an enum: the reader's word (수동 입력), the code in English
            source = sighting.photo_name or sighting.source_id or sighting.source_kind
            output.line(
                msg(
                    "  seen {when}  {category:<13} {place}  {source}  {case}",
                    when=output.when(sighting.seen_at, clock),
                    category=sighting.category,
                    place=sighting.place or "-",
                    source=source,
                    case=sighting.case_number,
                )
            )
        return 0
    at_least(args.min_sightings, 0, "--min-sightings")
    case_number = workstation.cases.resolve(args.case).number if args.case else ""
    found = registry.search(NumberFilter(min_sightings=args.min_sightings, case_number=case_number))
    header = ["e164", "national", "type", "sightings", "first_seen", "last_seen"]
    words = args.csv is None  # as `block list`: words on the terminal, codes in the CSV
    rows = [_number_row(n, workstation.clock, words) for n in found]
    _emit(header, rows, args.csv)
    return 0


def _number_row(n: NumberRecord, clock: Clock, words: bool = False) -> list[str]:
    return [
        n.e164,
        n.national,
        enum_term(n.number_type) if words else n.number_type.value,
        str(n.sightings_count),
        output.when(n.first_seen, clock),
        output.when(n.last_seen, clock),
    ]


# ---- block --------------------------------------------------------------------------------
def block_command(ctx: Context) -> int:
    """`block ACTION`: reading actions need no sign-in; the others act as the examiner."""
    readers: dict[str, Callable[[Context], int]] = {
        "list": _list_requests,
        "show": lambda c: _show_request(c.workstation, c.args.request),
        "watch": _watch,
    }
    writers: dict[str, Callable[[_Acting], int]] = {
        "queue": _queue,
        "submit": _submit,
        "approve": _approve,
        "withdraw": _withdraw,
        "step": _step,
        "expire": _expire,
        "export": _export,
        "responses": lambda a: _responses(a.ctx, a.actor, a.progress),
    }
    command = ctx.args.block_command
    if command in readers:
        return readers[command](ctx)
    if command not in writers:
        raise UserError("Unknown block action {command!r}.", command=command)
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.services.records import blocking_actor

    actor = ctx.actor()
    return writers[command](_Acting(ctx, actor, blocking_actor(actor), TerminalProgress()))


@dataclass
class _Acting:
    """A writing action's context: the signed-in examiner, as the library sees them too."""

    ctx: Context
    actor: Actor
    who: BlockingActor
    progress: TerminalProgress

    @property
    def requests(self) -> RequestQueue:
        return self.ctx.workstation.blocking.requests


def _list_requests(ctx: Context) -> int:
    from blocking.records import RequestFilter

    args, workstation = ctx.args, ctx.workstation
    created_before = None
    at_least(args.older_than, 0, "--older-than")
    if args.older_than is not None:
        # beyond the calendar (year 1) nothing is that old: the earliest moment there is
        now = workstation.clock.now()
        created_before = now - timedelta(days=min(args.older_than, (now - _EARLIEST).days))
    found = workstation.blocking.requests.search(
        RequestFilter(
            states=frozenset(RequestState(s) for s in args.state or ()),
            routes=frozenset(args.route or ()),
            categories=frozenset(AdCategory(c) for c in args.category or ()),
            number_contains=args.number,
            created_before=created_before,
        )
    )
    if not found:
        # A mistyped route is refused, not shown as "no requests" (a route no longer in the
        # configuration still lists the requests that used it).
        for route in args.route or ():
            workstation.blocking.config.route(route)
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
    # On the terminal a Korean reader reads words; the CSV keeps the codes (its columns are
    # read by scripts and sorted in spreadsheets).
    words = args.csv is None
    _emit(header, [_request_row(r, workstation.clock, words) for r in found], args.csv)
    return 0


def _watch(ctx: Context) -> int:
    watch = ctx.workstation.blocking.watch
    clock = ctx.workstation.clock
    flagged = watch.flagged()
    overdue = watch.overdue()
    output.line(msg("seen again after closure: {count}", count=len(flagged)))
    for flag in flagged:
        output.line(
            f"  {flag.national}",
            flag.route,
            msg(
                "was {state} (request {id})",
                state=flag.previous_state,
                id=flag.previous_request_id,
            ),
            msg_n(
                flag.sightings_since,
                "{count} new sighting, last {when}",
                "{count} new sightings, last {when}",
                when=output.when(flag.last_seen, clock),
            ),
        )
    output.line(msg("overdue: {count}", count=len(overdue)))
    for late in overdue:
        output.line(
            msg("  request {id}", id=late.request_id),
            late.national,
            late.route,
            msg(
                "{state} since {since}, due {due}",
                state=late.state,
                since=output.when(late.waiting_since, clock),
                due=output.when(late.due_at, clock),
            ),
        )
    return 0


def _queue(acting: _Acting) -> int:
    args, requests = acting.ctx.args, acting.requests
    for category in args.category or ():
        # "other" flyers are never requested: say so instead of queueing nothing
        acting.ctx.workstation.blocking.config.route_for_category(AdCategory(category))
    result = requests.queue_for_approval(
        acting.who,
        agency=args.agency,
        officer=args.officer or acting.actor.name,
        routes=args.route,
        categories=[AdCategory(c) for c in args.category] if args.category else None,
        submit=not args.drafts,
        progress=acting.progress,
    )
    acting.progress.close()
    state = msg("drafts") if args.drafts else msg("awaiting approval")
    output.line(
        msg_n(
            len(result.created),
            "queued {count} request ({state}); {open} already had an open request",
            "queued {count} requests ({state}); {open} already had an open request",
            state=state,
            open=result.already_open,
        )
    )
    _print_review_gate(requests, result.created)
    for duplicate in requests.open_duplicates():
        output.line(
            msg(
                "request {id} ({national}, {route}, {state}) is an open duplicate of request "
                "{original}: withdraw or close one of them",
                id=duplicate.id,
                national=duplicate.national,
                route=duplicate.route,
                state=duplicate.state,
                original=duplicate.duplicate_of,
            )
        )
    return 0


def _submit(acting: _Acting) -> int:
    from blocking.records import RequestFilter

    requests = acting.requests
    ids = _ids(
        acting.ctx.args.requests,
        acting.ctx.args.all_drafts,
        lambda: requests.ids(RequestFilter(states=frozenset({RequestState.DRAFT}))),
    )
    requests.submit_for_approval(acting.who, ids)
    output.line(
        msg_n(len(ids), "{count} request sent for approval", "{count} requests sent for approval")
    )
    return 0


def _approve(acting: _Acting) -> int:
    from blocking.records import RequestFilter

    requests, who = acting.requests, acting.who

    def others_awaiting() -> list[int]:
        waiting = requests.search(RequestFilter(states=frozenset({RequestState.AWAITING_APPROVAL})))
        return [r.id for r in waiting if r.drafted_by_id != who.id]

    ids = _ids(
        acting.ctx.args.requests,
        acting.ctx.args.all,
        others_awaiting,
        msg("No requests await your approval (nobody approves their own drafts)."),
    )
    requests.approve(who, ids)
    output.line(
        msg_n(
            len(ids),
            "{count} request approved by {examiner}",
            "{count} requests approved by {examiner}",
            examiner=acting.actor.label,
        )
    )
    return 0


def _step(acting: _Acting) -> int:
    """Any step the state machine allows, with what an answer says; all requests or none."""
    from blocking.requests import Answer

    args = acting.ctx.args
    target = RequestState(args.target)
    before = {r.id: r.state for r in acting.requests.get_many(args.requests)}
    answer = Answer(
        carrier=args.carrier,
        reference=args.reference,
        effective_on=_day(args.date, "--date"),
        suspended_until=_day(args.until, "--until"),
    )
    records = acting.requests.transition(
        acting.who, args.requests, target, note=args.note, answer=answer
    )
    for record in records:
        output.line(
            msg("request {id}", id=record.id),
            record.national,
            msg("{start} → {end}", start=before[record.id], end=record.state),
        )
    output.line(
        msg_n(
            len(records),
            "{count} request moved to {state}",
            "{count} requests moved to {state}",
            state=target,
        )
    )
    return 0


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            "{name} {text!r} is not a date (write 2024-05-31).", name=option, text=text
        ) from None


def _withdraw(acting: _Acting) -> int:
    args = acting.ctx.args
    ids = list(dict.fromkeys(args.requests))
    acting.requests.withdraw(acting.who, ids, reason=args.reason)
    output.line(msg_n(len(ids), "{count} request withdrawn", "{count} requests withdrawn"))
    return 0


def _expire(acting: _Acting) -> int:
    expired = acting.requests.expire_due(acting.who)
    output.line(msg_n(len(expired), "{count} suspension expired", "{count} suspensions expired"))
    return 0


def _export(acting: _Acting) -> int:
    from blocking.records import RequestFilter

    args, requests = acting.ctx.args, acting.requests

    def approved() -> list[int]:
        return requests.ids(
            RequestFilter(
                states=frozenset({RequestState.APPROVED}), routes=frozenset(args.route or ())
            )
        )

    ids = _ids(args.requests, args.all_approved, approved)
    package = acting.ctx.workstation.submissions.export_package(
        acting.actor,
        ids,
        args.output,
        allow_missing_photos=args.allow_missing_photos,
        progress=acting.progress,
    )
    acting.progress.close()
    for partial in package.removed_partials:
        output.error(msg("removed {path}, left by an export that did not finish", path=partial))
    for missing in package.missing_photos:
        output.error(msg("photo not included: {path}", path=missing))
    output.line(
        package.path,
        f"sha256 {package.sha256}",
        msg_n(
            len(package.request_ids),
            "{count} request submitted",
            "{count} requests submitted",
        ),
        msg_n(len(package.files), "{count} file", "{count} files"),
    )
    return 0


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
        output.error(
            msg(
                "row {row}: {number}: {reason}",
                row=problem.row,
                number=problem.number or "-",
                reason=reason,
            )
        )
    total = report.total_problems
    if total > PROBLEMS_SHOWN:
        output.error(
            msg_n(
                total - PROBLEMS_SHOWN,
                "… and {count:,} more problem",
                "… and {count:,} more problems",
            )
        )
    if total:
        kinds = sorted(report.problem_kinds.items(), key=lambda kind: -kind[1])
        output.error(
            msg(
                "problems by kind: {kinds}",
                kinds=listing(
                    [Phrase("{kind} {count:,}", kind=_kind(k), count=n) for k, n in kinds]
                ),
            )
        )
        output.error(
            msg_n(
                total,
                "the {count:,} problem is listed in {path}",
                "all {count:,} problems are listed in {path}",
                path=report.problems_file,
            )
        )
    shown = report.applied if report.committed else report.planned if args.dry_run else []
    for applied in shown:
        output.line(
            msg("request {id}", id=applied.request_id),
            applied.e164,
            msg("{start} → {end}", start=applied.from_state, end=applied.to_state),
        )
    if report.committed:
        verdict = msg("{count:,} applied", count=len(report.applied))
    elif args.dry_run:
        verdict = msg(
            "{count:,} would be applied; dry run, nothing applied", count=len(report.planned)
        )
    elif report.planned:
        verdict = msg(
            "{count:,} could be applied; nothing applied (all or nothing)",
            count=len(report.planned),
        )
    else:
        verdict = msg("no row can be applied; nothing applied")
    output.line(
        msg(
            "{file} ({encoding}): {rows}, {problems}; {verdict}",
            file=args.file.name,
            encoding=report.encoding,
            rows=msg_n(report.rows, "{count:,} row", "{count:,} rows"),
            problems=msg_n(total, "{count:,} problem", "{count:,} problems"),
            verdict=verdict,
        )
    )
    if report.ok:
        return 0
    done = report.committed or (args.dry_run and report.planned)
    return EXIT_DONE_WITH_FAILURES if done else EXIT_BAD_INPUT


def _kind(code: str) -> str:
    """A kind of answer-file problem as a word for a Korean reader (English keeps the code)."""
    from forensics_app.messages import language, term

    return code if language() == "en" else term("response_problem", code)


def _default_problems_file(workstation: Workstation, answers: Path) -> Path:
    """data_dir()/reports/<answer file>-problems-<local time and UTC offset>.csv"""
    from blocking.errors import os_reason
    from forensics_app import config

    folder = config.data_dir() / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file named reports, a read-only data folder…
        raise UserError(
            "Cannot write the list of problems to {path}: {reason}",
            path=folder,
            reason=os_reason(exc),
        ) from exc
    stamp = workstation.clock.file_stamp(workstation.clock.now())
    return folder / f"{answers.stem}-problems-{stamp}.csv"


def _ids(
    given: Sequence[int],
    everything: bool,
    find_all: Callable[[], list[int]],
    none_found: Message | None = None,
) -> list[int]:
    if given and everything:
        raise UserError("Give request ids or the --all option, not both.")
    if not given and not everything:
        raise UserError("Give request ids, or the --all option.")
    ids = list(dict.fromkeys(given)) if given else find_all()  # "1 1" is one request
    if not ids:
        # a Message, so the scanner finds the template and a Korean reader gets Korean
        said = none_found or msg("No requests match.")
        raise UserError(said.template, **said.values)
    return ids


def _show_request(workstation: Workstation, request_id: int) -> int:
    requests = workstation.blocking.requests
    clock = workstation.clock
    r = requests.get(request_id)
    output.line(
        msg(
            "request {id}: {national} ({e164}, {type}) — {state}",
            id=r.id,
            national=r.national,
            e164=r.e164,
            type=r.number_type,
            state=r.state,
        )
    )
    # Route, basis and agency in the reader's language (routes.toml names them in English
    # too); the request keeps the Korean, which its submission cites.
    config, reader = workstation.blocking.config, language()
    route = config.routes.get(r.route)
    basis = r.legal_basis
    if route is not None and basis == route.legal_basis:
        basis = route.legal_basis_in(reader)
    output.line(
        msg(
            "  route {route} ({label}): {basis}",
            route=r.route,
            label=route.label_in(reader) if route is not None else r.route,
            basis=basis,
        )
    )
    output.line(
        msg(
            "  category {category}; agency {agency}; officer {officer}",
            category=r.category,
            agency=config.agency_in(r.requesting_agency, reader),
            officer=r.officer,
        )
    )
    output.line(
        msg(
            "  drafted by {drafter}; approved by {approver}",
            drafter=r.drafted_by_name,
            approver=r.approved_by_name or "-",
        )
    )
    if r.carrier or r.response_reference:
        output.line(
            msg(
                "  carrier {carrier}; reference {reference}",
                carrier=r.carrier or "-",
                reference=r.response_reference or "-",
            )
        )
    if r.suspended_from:
        output.line(
            msg("  suspended {start} – {end}", start=r.suspended_from, end=r.suspended_until)
        )
    _print_deadline(workstation, r)
    _print_review_gate(requests, [request_id])
    for evidence in requests.evidence(request_id):
        output.line(
            msg(
                "  evidence: {source}  {sha256}  {when}  {place}",
                source=evidence.photo_name or evidence.source_id,
                sha256=evidence.photo_sha256 or "",
                when=output.when(evidence.seen_at, clock),
                place=evidence.place,
            )
        )
    for entry in requests.history(request_id):
        start = entry.from_state if entry.from_state else msg("new")
        when = output.when(entry.at, clock)
        output.line(
            msg(
                "  {when}  {actor}: {start} → {end}",
                when=when,
                actor=entry.actor_name,
                start=start,
                end=entry.to_state,
            ),
            # a note the library wrote itself (drafted) is a word; what a person typed is kept
            *([code_term("history_note", entry.note)] if entry.note else []),
            sep="  ",
        )
    return 0


def _print_deadline(workstation: Workstation, r: RequestRecord) -> None:
    """What the request waits for and by when, with the zone the days are counted in."""
    clock = workstation.clock
    deadline = workstation.blocking.watch.deadline(r)
    if deadline is None:
        return
    late = [msg("overdue")] if deadline.overdue else []
    if deadline.due_at is not None:
        line = msg(
            "  answer expected by {due} ({zone}), {hours} hours after {start}",
            due=output.when(deadline.due_at, clock),
            zone=clock.zone_abbreviation(deadline.due_at),
            hours=deadline.days,
            start=output.when(r.state_changed_at, clock),
        )
    elif deadline.kind == "objection":
        line = msg(
            "  the subscriber may object until {day} ({days} days after the suspension began "
            "on {start}; days in {zone})",
            day=deadline.due_on,
            days=deadline.days,
            start=deadline.start,
            zone=clock.zone_name,
        )
    else:
        line = msg(
            "  the objection is to be decided by {day} ({days} days after it was filed on "
            "{start}; days in {zone})",
            day=deadline.due_on,
            days=deadline.days,
            start=deadline.start,
            zone=clock.zone_name,
        )
    output.line(line, *late, sep="  ")


def _print_review_gate(requests: RequestQueue, request_ids: list[int]) -> None:
    """Requests that rest on one machine-accepted read of one photo: nobody has looked."""
    records = requests.get_many(request_ids)
    gate = requests.machine_only(r.number_id for r in records)
    for r in records:
        if r.number_id in gate:
            g = gate[r.number_id]
            output.line(
                msg(
                    "  request {id} {national}: machine read only, unreviewed — one photo "
                    "{photo} ({sha256}…), confidence {confidence:.2f}",
                    id=r.id,
                    national=r.national,
                    photo=g.photo_name,
                    sha256=g.photo_sha256[:12],
                    confidence=g.confidence,
                )
            )


def _request_row(r: RequestRecord, clock: Clock, words: bool = False) -> list[str]:
    def shown(value: Enum) -> str:
        return enum_term(value) if words else str(value.value)

    return [
        str(r.id),
        r.e164,
        r.national,
        shown(r.number_type),
        r.route,
        shown(r.category),
        shown(r.state),
        output.when(r.created_at, clock),
        r.officer,
        r.carrier,
        r.response_reference,
    ]


# ---- output -------------------------------------------------------------------------------
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
    output.line(
        msg_n(
            count, "{count} row written to {path}", "{count} rows written to {path}", path=csv_path
        )
    )
