"""The `forensics-app` command line: the same services as the GUI, headless.

Each command group is a module `forensics_app/cli/<group>_commands.py` with `ORDER` (its place
in --help) and `register(sub)`, which adds its parsers and sets `handler` on each; the handler
gets a `Context` (arguments, workstation opened on first use, sign-in). Group modules import
only what building the parser needs; handlers import the services when they run, so
`forensics-app --help` loads no database, OCR or spreadsheet code.

Errors a user can cause print one line and exit non-zero; they never print a traceback.
Every line goes through `forensics_app.cli.output`, which shows control characters and
right-to-left overrides in values as visible escapes.

Exit codes (scripts rely on them; README lists them too):

    0    done
    1    integrity failure: evidence or the custody chain failed verification
    2    bad input or refused; nothing was changed (or nothing of the item that failed)
    3    database unavailable or outdated
    4    done, with failures: a batch finished, but some of its items failed (each is
         listed, and the rest was done and kept)
    70   internal error (details in the log file)
    130  cancelled; the work already committed is kept
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import select
import signal
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from forensics_app import __version__
from forensics_app.cli.runtime import INTERRUPTED, Context, Parser, interrupts

if TYPE_CHECKING:
    from forensics_app.clock import Clock

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INTEGRITY_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_DATABASE = 3
EXIT_DONE_WITH_FAILURES = 4
EXIT_INTERNAL_ERROR = 70
EXIT_CANCELLED = 130


def command_groups() -> list[ModuleType]:
    """Every `*_commands` module of this package, in their ORDER."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.endswith("_commands")
    ]
    return sorted(modules, key=lambda module: (getattr(module, "ORDER", 100), module.__name__))


def build_parser() -> Parser:
    parser = Parser(
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in command_groups():
        group.register(sub)
    from forensics_app.cli.localise import localise

    localise(parser)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no command at all: the workstation
        from forensics_app.cli.gui_commands import run_gui

        args.handler = run_gui
    elif getattr(args, "handler", None) is None:  # a group without its action
        from forensics_app.messages import msg

        parser.error(
            msg(
                "{command}: say what to do (see forensics-app {command} --help)",
                command=args.command,
            ).render()
        )
    from forensics_app.logging_setup import configure_logging

    log_file = configure_logging()
    context = Context(args, clock)
    # The GUI keeps the default: a Python handler only runs when Qt's loop hands back control.
    restore = _cancel_on_sigterm() if args.command not in (None, "gui") else None
    restore_interrupts = interrupts() if args.command not in (None, "gui") else None
    try:
        return int(args.handler(context))
    except BaseException as exc:
        code = _exit_code(exc, args, log_file)
        if code == EXIT_CANCELLED and argv is None:  # the program, not a caller in Python
            # Cancelled: the workers are stopped already and the program is ending (pools are
            # joined at exit, in a moment). A second Ctrl-C there printed the interpreter's
            # "Exception ignored … KeyboardInterrupt" traceback, or killed the program before
            # multiprocessing cleaned up (its "leaked semaphore" warning): it is ignored.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return code
    finally:
        context.close()
        if restore is not None:
            restore()
        if restore_interrupts is not None:
            restore_interrupts()


def _cancel_on_sigterm() -> Callable[[], None] | None:
    """`kill PID` (a service stop, `timeout`) ends a command as Ctrl-C does: what was committed
    stays, the rest is rolled back, worker pools are shut down, one line says so, exit 130.
    It killed the process outright (-15): no word, and multiprocessing's warning about leaked
    semaphores. Returns what puts the previous handler back (None: not on the main thread,
    nothing was changed)."""

    def interrupt(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not break the cleanup
        INTERRUPTED.set()  # should it land where it cannot be raised (see interrupts())
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # main() called from another thread: signals stay as they are
        return None

    def put_back() -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)

    return put_back


def _exit_code(exc: BaseException, args: object, log_file: object) -> int:
    from blocking.errors import BlockingError
    from blocking.progress import Cancelled as BlockingCancelled
    from forensics_app.cli import output
    from forensics_app.errors import IntegrityFailure, UserError
    from forensics_app.messages import describe, msg
    from forensics_app.progress import Cancelled

    if isinstance(exc, IntegrityFailure):
        _error_lines(msg("INTEGRITY FAILURE: ").render(), describe(exc))
        return IntegrityFailure.exit_code
    if isinstance(exc, UserError):
        log.warning("%s", exc)
        _error_lines(msg("error: ").render(), describe(exc))
        return exc.exit_code
    if isinstance(exc, BlockingError):
        log.warning("%s", exc)
        _error_lines(msg("error: ").render(), describe(exc))
        return UserError.exit_code
    if isinstance(exc, Cancelled | BlockingCancelled | KeyboardInterrupt):
        output.error(msg("cancelled; work already committed is kept"))
        return EXIT_CANCELLED
    if isinstance(exc, BrokenPipeError) and _reader_gone():
        return 0  # `forensics-app … | head`: the reader has what it wanted
    if isinstance(exc, SystemExit):
        raise exc
    # A bug, not a user error: the traceback goes to the log file, not the terminal.
    log.error("Unexpected error in %s", getattr(args, "command", None), exc_info=exc)
    output.error(
        msg("internal error: {error}; details in {log_file}", error=repr(exc), log_file=log_file)
    )
    return EXIT_INTERNAL_ERROR


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has closed it (it polls as an error).

    Any broken pipe ended the command with exit 0 and no word: one between the OCR batch and
    its worker processes (a pool that could not start) passed for a finished batch."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):  # not a file (captured), or no poll here
        return False
    return any(event & (select.POLLERR | select.POLLHUP) for _, event in events)


def _error_lines(prefix: str, text: str) -> None:
    """A message of several lines (a refused batch lists its causes), each made visible."""
    from forensics_app.cli import output

    for number, part in enumerate(text.splitlines() or [""]):
        output.error((prefix if number == 0 else "  ") + part)
