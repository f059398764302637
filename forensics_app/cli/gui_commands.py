"""`forensics-app gui` (also what runs with no command at all)."""

from __future__ import annotations

from forensics_app.cli.runtime import Context, Subparsers

ORDER = 0


def register(sub: Subparsers) -> None:
    sub.add_parser("gui", help="start the workstation (the default)").set_defaults(handler=run_gui)


def run_gui(ctx: Context) -> int:
    # The one sanctioned door into Qt, imported only when it runs.
    from forensics_app.ui.app import run

    return run(ctx.database_url)
