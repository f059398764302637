"""What every command handler gets: its arguments, the workstation opened on first use, and
the signed-in examiner. Kept free of heavy imports: `--help` loads none of the services."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from forensics_app.clock import Clock
    from forensics_app.services.records import Actor
    from forensics_app.services.workstation import Workstation


class Parser(argparse.ArgumentParser):
    """argparse, speaking the reader's language (see forensics_app.cli.localise)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        from forensics_app.cli.localise import argparse_phrases

        with argparse_phrases():
            return super().parse_known_args(args, namespace)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        # parse_args words 'unrecognized arguments' itself, after parse_known_args returned
        from forensics_app.cli.localise import argparse_phrases

        with argparse_phrases():
            return super().parse_args(args, namespace)

    def format_help(self) -> str:
        from forensics_app.cli.localise import argparse_phrases

        with argparse_phrases():
            return super().format_help()

    def format_usage(self) -> str:
        from forensics_app.cli.localise import argparse_phrases

        with argparse_phrases():
            return super().format_usage()

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits 2 with usage; keep that, but without a traceback under any caller.
        from forensics_app.messages import msg

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {msg('error: ').render()}{message}\n")


# The object argparse's add_subparsers returns (its class is private to argparse).
Subparsers = Any
Handler = Callable[["Context"], int]


class Context:
    """One command's run: `args`, `workstation` (opened when first asked for), `actor()`.

    Only a command that sets `creates_database` (the first `examiner add`, `case new`) may
    open a SQLite file that does not exist yet; every other one refuses it (exit 3)."""

    def __init__(self, args: argparse.Namespace, clock: Clock | None = None) -> None:
        self.args = args
        self._clock = clock
        self._workstation: Workstation | None = None
        self._actor: Actor | None = None

    @property
    def database_url(self) -> str:
        from forensics_app import config

        return config.database_url(self.args.db)

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from forensics_app.clock import system_clock

            self._clock = system_clock()
        return self._clock

    @property
    def workstation(self) -> Workstation:
        if self._workstation is None:
            from forensics_app.services.workstation import Workstation
            from forensics_app.storage.database import require_existing

            if not getattr(self.args, "creates_database", False):
                require_existing(self.database_url)
            self._workstation = Workstation.open(self.database_url, self.clock)
            if (
                getattr(self.args, "examiner", None)
                and self._workstation.is_team_database
                and self._workstation.examiners.count()
            ):
                # Whoever names themselves on a team database proves it, even to read: a
                # wrong password must not pass unnoticed because the command only reads.
                self.actor()
        return self._workstation

    def actor(self) -> Actor:
        """The examiner this command acts as (signs in once; raises AuthenticationError)."""
        if self._actor is None:
            from forensics_app.cli.signin import sign_in

            self._actor = sign_in(self.args, self.workstation)
        return self._actor

    def optional_actor(self) -> Actor | None:
        """None while the database has no examiner yet (the first one creates itself)."""
        if self.workstation.examiners.count() == 0:
            return None
        return self.actor()

    def close(self) -> None:
        if self._workstation is not None:
            self._workstation.close()
            self._workstation = None


CASE_HELP = "case number or id"


def case_option(parser: argparse.ArgumentParser) -> None:
    """The --case option most commands require, said the same way everywhere."""
    parser.add_argument("--case", required=True, metavar="C", help=CASE_HELP)


def subcommands(parser: argparse.ArgumentParser, dest: str, *, required: bool = True) -> Any:
    """An ACTION level under a command group, with the same error handling."""
    return parser.add_subparsers(
        dest=dest, metavar="ACTION", required=required, parser_class=Parser
    )


# The widest integer every id and count column holds on both databases (PostgreSQL's INTEGER;
# SQLite's is wider): an id beyond it was an OverflowError or a DataError deep in the driver
# (exit 70) instead of a refused argument.
LARGEST_INTEGER = 2**31 - 1


def whole_number(text: str) -> int:
    """argparse `type=` for every integer argument: a whole number a database can compare."""
    from forensics_app.messages import msg

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            msg("{text!r} is not a whole number", text=text).render()
        ) from None
    if abs(value) > LARGEST_INTEGER:
        raise argparse.ArgumentTypeError(
            msg(
                "{text} is out of range (at most {limit})", text=text, limit=LARGEST_INTEGER
            ).render()
        )
    return value


def at_least(value: int | None, minimum: int, option: str) -> None:
    """A number option below its least sensible value is refused (exit 2) before any work:
    `log --limit -5` was every entry on SQLite and a database error on PostgreSQL."""
    from forensics_app.errors import UserError

    if value is not None and value < minimum:
        raise UserError("{option} needs at least {minimum}.", option=option, minimum=minimum)


def worker_count(value: int | None, option: str = "--jobs") -> int | None:
    """Worker processes: at least one (fewer is refused), at most one per core (more are
    brought down to that, with a note: a script written for a bigger workstation still runs).
    Each OCR or CCTV worker holds its own models (about half a gigabyte), so `--jobs 64` on a
    two-core workstation started 64 of them, for no speed, until memory ran out."""
    from forensics_app.cli import output
    from forensics_app.messages import msg

    at_least(value, 1, option)
    cores = os.cpu_count() or 1
    if value is not None and value > cores:
        output.error(
            msg(
                "note: {option} {value}: this workstation has {cores} cores; {cores} workers.",
                option=option,
                value=value,
                cores=cores,
            )
        )
        return cores
    return value


def not_in_future(moment: datetime, clock: Clock, option: str) -> datetime:
    """A user-given moment (when evidence was seized, flyers collected, a number seen…), or a
    UserError naming the option when it lies after now (checked before any long work; the
    services check again for every front-end)."""
    from forensics_app.services.validation import check_not_in_future

    check_not_in_future(moment, clock, option)
    return moment


# Set by Ctrl-C (and `kill PID`) while a command runs: see interrupts().
INTERRUPTED = threading.Event()


def interrupts() -> Callable[[], None] | None:
    """Ctrl-C still raises KeyboardInterrupt where it lands, and is also remembered: when it
    lands inside a finaliser or a weakref callback (SQLAlchemy's, while a clip's result is
    stored), Python cannot raise it there; it printed "Exception ignored in ... KeyboardInterrupt"
    and the import ran to its end, exit 0. Remembered, it stops the command at its next check
    of is_cancelled(), and that lost interrupt is not printed. An inherited SIG_IGN (a
    background job) is honoured. Returns what puts things back (None: nothing was changed)."""
    INTERRUPTED.clear()
    try:
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return None
        previous_hook = sys.unraisablehook

        def interrupt(_signum: int, _frame: object) -> None:
            INTERRUPTED.set()
            raise KeyboardInterrupt

        def unraisable(info: Any) -> None:
            if issubclass(info.exc_type, KeyboardInterrupt) and INTERRUPTED.is_set():
                return  # the Ctrl-C that could not be raised there: the flag holds it
            previous_hook(info)

        signal.signal(signal.SIGINT, interrupt)
    except ValueError:  # not on the main thread: signals stay as they are
        return None
    sys.unraisablehook = unraisable

    def put_back() -> None:
        if signal.getsignal(signal.SIGINT) is interrupt:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = previous_hook

    return put_back
