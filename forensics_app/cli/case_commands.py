"""`forensics-app case new|list|show|close|reopen|archive`."""

from __future__ import annotations

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, subcommands
from forensics_app.enums import CaseStatus

ORDER = 30
_VERBS = {CaseStatus.OPEN: "reopen", CaseStatus.CLOSED: "close", CaseStatus.ARCHIVED: "archive"}


def register(sub: Subparsers) -> None:
    case = subcommands(sub.add_parser("case", help="cases"), "case_command")
    new = case.add_parser("new", help="open a case; prints its id")
    new.add_argument("title", metavar="NAME")
    new.add_argument("--number", help="case number (default: YEAR-NNNN)")
    new.add_argument("--offence", default="", help="offence type")
    new.add_argument("--notes", default="")
    new.set_defaults(handler=new_case)
    listing = case.add_parser("list", help="list cases")
    listing.add_argument("--status", choices=[s.value for s in CaseStatus])
    listing.set_defaults(handler=list_cases)
    show = case.add_parser("show", help="show a case")
    show.add_argument("case", metavar="C", help="case number or id")
    show.set_defaults(handler=show_case)
    for status, verb in _VERBS.items():
        action = case.add_parser(verb, help=f"set a case {status.value}")
        action.add_argument("case", metavar="C")
        action.set_defaults(handler=set_status, new_status=status.value)


def list_cases(ctx: Context) -> int:
    status = CaseStatus(ctx.args.status) if ctx.args.status else None
    for c in ctx.workstation.cases.list(status):
        output.line(c.id, c.number, c.status.value, f"{c.item_count} items", c.title)
    return 0


def show_case(ctx: Context) -> int:
    c = ctx.workstation.cases.resolve(ctx.args.case)
    output.line(f"Case {c.number} (id {c.id}): {c.title}")
    output.line(
        f"  status: {c.status.value}   opened: {c.opened_on}   closed: {c.closed_on or '-'}"
    )
    output.line(f"  offence: {c.offence_type or '-'}   lead examiner: {c.lead_examiner or '-'}")
    output.line(f"  items: {c.item_count}")
    if c.notes:
        output.line(f"  notes: {c.notes}")
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
    output.line(f"Case {updated.number} is {updated.status.value}.")
    return 0
