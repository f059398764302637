"""`forensics-app case new|list|show|close|reopen|archive`."""

from __future__ import annotations

from forensics_app.cli import output
from forensics_app.cli.runtime import CASE_HELP, Context, Subparsers, subcommands
from forensics_app.enums import CaseStatus
from forensics_app.messages import enum_term, msg, msg_n

ORDER = 30
_VERBS = {CaseStatus.OPEN: "reopen", CaseStatus.CLOSED: "close", CaseStatus.ARCHIVED: "archive"}


def register(sub: Subparsers) -> None:
    case = subcommands(sub.add_parser("case", help="cases"), "case_command")
    new = case.add_parser("new", help="open a case; prints its id")
    new.add_argument("title", metavar="NAME", help="the case's title")
    new.add_argument("--number", help="case number (default: YEAR-NNNN)")
    new.add_argument("--offence", default="", help="offence type")
    new.add_argument("--notes", default="", help="notes on the case")
    new.set_defaults(handler=new_case, creates_database=True)
    listing = case.add_parser("list", help="list cases")
    listing.add_argument(
        "--status", choices=[s.value for s in CaseStatus], help="only cases in this status"
    )
    listing.set_defaults(handler=list_cases)
    show = case.add_parser("show", help="show a case")
    show.add_argument("case", metavar="C", help=CASE_HELP)
    show.set_defaults(handler=show_case)
    for status, verb in _VERBS.items():
        action = case.add_parser(verb, help=f"set a case {status.value}")
        action.add_argument("case", metavar="C", help=CASE_HELP)
        action.set_defaults(handler=set_status, new_status=status.value)


def list_cases(ctx: Context) -> int:
    status = CaseStatus(ctx.args.status) if ctx.args.status else None
    for c in ctx.workstation.cases.list(status):
        items = msg_n(c.item_count, "{count} item", "{count} items")
        output.line(c.id, c.number, enum_term(c.status), items, c.title)
    return 0


def show_case(ctx: Context) -> int:
    c = ctx.workstation.cases.resolve(ctx.args.case)
    output.line(msg("Case {number} (id {id}): {title}", number=c.number, id=c.id, title=c.title))
    output.line(
        msg(
            "  status: {status}   opened: {opened}   closed: {closed}",
            status=c.status,
            opened=c.opened_on,
            closed=c.closed_on or "-",
        )
    )
    output.line(
        msg(
            "  offence: {offence}   lead examiner: {examiner}",
            offence=c.offence_type or "-",
            examiner=c.lead_examiner or "-",
        )
    )
    output.line(msg("  items: {count}", count=c.item_count))
    if c.notes:
        output.line(msg("  notes: {notes}", notes=c.notes))
    return 0


def new_case(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    created = ctx.workstation.cases.create(
        actor, args.title, number=args.number, offence_type=args.offence, notes=args.notes
    )
    output.line(created.id)
    return 0


def set_status(ctx: Context) -> int:
    actor = ctx.actor()
    cases = ctx.workstation.cases
    target = cases.resolve(ctx.args.case)
    updated = cases.set_status(actor, target.id, CaseStatus(ctx.args.new_status))
    output.line(msg("Case {number} is {status}.", number=updated.number, status=updated.status))
    return 0
