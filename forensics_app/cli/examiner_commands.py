"""`forensics-app examiner add|list|use`: examiner accounts."""

from __future__ import annotations

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, subcommands
from forensics_app.enums import Role
from forensics_app.messages import msg

ORDER = 20


def register(sub: Subparsers) -> None:
    examiner = subcommands(sub.add_parser("examiner", help="examiner accounts"), "examiner_command")
    add = examiner.add_parser("add", help="add an examiner (the first one is an admin)")
    add.add_argument("name", help="the examiner's name")
    add.add_argument("--badge", required=True, help="badge number")
    add.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.EXAMINER.value,
        help="what they may do (default: examiner)",
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the new password from standard input"
    )
    # the first examiner starts a new database (README, First start)
    add.set_defaults(handler=add_examiner, creates_database=True)
    examiner.add_parser("list", help="list examiners").set_defaults(handler=list_examiners)
    use = examiner.add_parser("use", help="remember the examiner for this local database")
    use.add_argument("badge", help="badge number")
    use.set_defaults(handler=use_examiner)


def list_examiners(ctx: Context) -> int:
    for e in ctx.workstation.examiners.list():
        flag = "" if e.active else "  (inactive)"  # a data row: the same in every language
        output.line(e.id, e.badge_number, e.role.value, f"{e.name}{flag}")
    return 0


def use_examiner(ctx: Context) -> int:
    from forensics_app import config
    from forensics_app.errors import UserError

    workstation = ctx.workstation
    if workstation.is_team_database:
        raise UserError("On a team database sign in with --examiner and your password.")
    actor = workstation.examiners.sign_in(ctx.args.badge)
    prefs = config.Preferences.load()
    prefs.examiner_by_db[workstation.location] = actor.badge_number
    prefs.save()
    output.line(msg("Acting as {examiner} on this database.", examiner=actor.label))
    return 0


def add_examiner(ctx: Context) -> int:
    from forensics_app.cli.signin import read_new_password

    args = ctx.args
    by = ctx.optional_actor()
    password = read_new_password(args.password_stdin)
    actor = ctx.workstation.examiners.create(
        by, args.name, args.badge, Role(args.role), password=password
    )
    output.line(actor.id, actor.badge_number, actor.role.value, actor.name)
    return 0
