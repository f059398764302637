"""The `forensics-app` command line: the same services as the GUI, headless.

Errors a user can cause print one line and exit non-zero; they never print a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from blocking import BlockingError
from blocking import Cancelled as BlockingCancelled
from forensics_app import __version__
from forensics_app.cli import block_commands, cctv_commands, commands, ocr_commands
from forensics_app.errors import IntegrityFailure, UserError
from forensics_app.logging_setup import configure_logging
from forensics_app.progress import Cancelled
from forensics_app.storage.models import CaseStatus, ItemKind, ItemStatus, Role

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits 2 with usage; keep that, but without a traceback under any caller.
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="forensics-app",
        description="Analyst workstation for digital forensics and illegal-ad phone blocking.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (sqlite:///PATH or postgresql://…); env FORENSICS_APP_DB; "
        "default: a SQLite file in the user data folder",
    )
    parser.add_argument(
        "--examiner",
        metavar="BADGE",
        help="act as this examiner (env FORENSICS_APP_EXAMINER); on a team database the "
        "password comes from FORENSICS_APP_PASSWORD or a prompt",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("gui", help="start the workstation (the default)")

    db = sub.add_parser("db", help="database schema").add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    db.add_parser("upgrade", help="apply migrations (needed for a team database)")
    db.add_parser("status", help="show the schema version")

    examiner = sub.add_parser("examiner", help="examiner accounts").add_subparsers(
        dest="examiner_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = examiner.add_parser("add", help="add an examiner (the first one is an admin)")
    add.add_argument("name")
    add.add_argument("--badge", required=True, help="badge number")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.EXAMINER.value)
    add.add_argument(
        "--password-stdin", action="store_true", help="read the new password from standard input"
    )
    examiner.add_parser("list", help="list examiners")
    use = examiner.add_parser("use", help="remember the examiner for this local database")
    use.add_argument("badge")

    case = sub.add_parser("case", help="cases").add_subparsers(
        dest="case_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    new = case.add_parser("new", help="open a case; prints its id")
    new.add_argument("title", metavar="NAME")
    new.add_argument("--number", help="case number (default: YEAR-NNNN)")
    new.add_argument("--offence", default="", help="offence type")
    new.add_argument("--notes", default="")
    listing = case.add_parser("list", help="list cases")
    listing.add_argument("--status", choices=[s.value for s in CaseStatus])
    show = case.add_parser("show", help="show a case")
    show.add_argument("case", metavar="C", help="case number or id")
    for status in CaseStatus:
        verb = {"open": "reopen", "closed": "close", "archived": "archive"}[status.value]
        action = case.add_parser(verb, help=f"set a case {status.value}")
        action.add_argument("case", metavar="C")
        action.set_defaults(new_status=status.value)

    evidence = sub.add_parser("evidence", help="evidence items").add_subparsers(
        dest="evidence_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    ev_add = evidence.add_parser(
        "add", help="catalog items and hash their files (one item per PATH unless --one-item)"
    )
    ev_add.add_argument("--case", required=True, metavar="C")
    ev_add.add_argument("--kind", required=True, choices=[k.value for k in ItemKind])
    ev_add.add_argument("--one-item", action="store_true", help="all PATHs form one item")
    ev_add.add_argument("--exhibit", default="", help="exhibit number (default: EX-NNNN)")
    ev_add.add_argument("--parent", default=None, help="exhibit number of the containing item")
    for name in (
        "description",
        "make",
        "model",
        "serial",
        "imei",
        "seized-from",
        "seized-location",
        "seized-by",
        "storage",
    ):
        ev_add.add_argument(f"--{name}", default="")
    ev_add.add_argument(
        "--seized-at", default=None, help="ISO date-time, e.g. 2026-05-01T14:30+09:00"
    )
    ev_add.add_argument("paths", nargs="*", metavar="PATH")

    ev_files = evidence.add_parser("add-files", help="add files to an existing item")
    ev_files.add_argument("--case", required=True, metavar="C")
    ev_files.add_argument("item", metavar="EXHIBIT")
    ev_files.add_argument("paths", nargs="+", metavar="PATH")

    ev_list = evidence.add_parser("list", help="list a case's items")
    ev_list.add_argument("--case", required=True, metavar="C")
    ev_list.add_argument("--filter", default="", help="text to look for")
    ev_show = evidence.add_parser("show", help="an item with its files")
    ev_show.add_argument("--case", required=True, metavar="C")
    ev_show.add_argument("item", metavar="EXHIBIT")
    ev_status = evidence.add_parser("status", help="change an item's status")
    ev_status.add_argument("--case", required=True, metavar="C")
    ev_status.add_argument("item", metavar="EXHIBIT")
    ev_status.add_argument("status", choices=[s.value for s in ItemStatus])
    ev_status.add_argument("--note", default="")
    ev_hand = evidence.add_parser("handover", help="hand an item over to another examiner")
    ev_hand.add_argument("--case", required=True, metavar="C")
    ev_hand.add_argument("item", metavar="EXHIBIT")
    ev_hand.add_argument("--to", required=True, metavar="BADGE")
    ev_hand.add_argument("--note", default="")

    verify = sub.add_parser(
        "verify", help="re-hash evidence and check the custody chain; non-zero exit on mismatch"
    )
    verify.add_argument("--case", metavar="C", help="only this case's files (default: all)")
    verify.add_argument("--chain-only", action="store_true", help="only check the custody chain")

    block_commands.add_parsers(sub, _Parser)
    ocr_commands.add_parsers(sub)
    cctv_commands.add_parsers(sub)

    custody = sub.add_parser("log", help="print the custody log")
    custody.add_argument("--case", metavar="C")
    custody.add_argument("--limit", type=int, default=100)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = configure_logging()
    try:
        return commands.dispatch(args)
    except IntegrityFailure as exc:
        print(f"INTEGRITY FAILURE: {exc}", file=sys.stderr)
        return IntegrityFailure.exit_code
    except UserError as exc:
        log.warning("%s", exc)
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BlockingError as exc:
        log.warning("%s", exc)
        print(f"error: {exc}", file=sys.stderr)
        return UserError.exit_code
    except (Cancelled, BlockingCancelled, KeyboardInterrupt):
        print("cancelled; work already committed is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # A bug, not a user error: the traceback goes to the log file, not the terminal.
        log.exception("Unexpected error in %s", args.command)
        print(f"internal error: {exc!r}; details in {log_file}", file=sys.stderr)
        return 70
