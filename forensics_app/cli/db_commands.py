"""`forensics-app db status|upgrade`: the schema version of the database."""

from __future__ import annotations

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, subcommands
from forensics_app.messages import msg

ORDER = 10


def register(sub: Subparsers) -> None:
    db = subcommands(sub.add_parser("db", help="database schema"), "db_command")
    db.add_parser("upgrade", help="apply migrations (needed for a team database)").set_defaults(
        handler=upgrade
    )
    db.add_parser("status", help="show the schema version").set_defaults(handler=status)


def status(ctx: Context) -> int:
    """Exit 0 when current, 3 (the README's "database unavailable or outdated") otherwise.
    Looking creates nothing: a SQLite path with no file is reported, not made."""
    from forensics_app.cli import EXIT_DATABASE
    from forensics_app.storage.database import Database, require_existing

    require_existing(ctx.database_url)
    db = Database.connect(ctx.database_url)
    try:
        state = db.schema_state()
        url, schema = db.url.render_as_string(hide_password=True), state.describe()
        if state.up_to_date:
            output.line(msg("{url}: {schema}: up to date", url=url, schema=schema))
        else:
            output.line(msg("{url}: {schema}: needs `db upgrade`", url=url, schema=schema))
        return 0 if state.up_to_date else EXIT_DATABASE
    finally:
        db.dispose()


def upgrade(ctx: Context) -> int:
    from forensics_app.errors import UserError
    from forensics_app.storage.database import Database

    db = Database.connect(ctx.database_url)
    try:
        state = db.schema_state()
        if state.up_to_date:
            output.line(msg("Schema already up to date ({schema}).", schema=state.describe()))
            return 0
        if state.has_foreign_tables:
            raise UserError("That database holds tables but is not a forensics-app database.")
        if any(not tree.is_known for tree in state.trees):
            raise UserError("That database was written by a newer forensics-app.")
        if db.is_sqlite and not state.is_empty:
            backup = db.backup_sqlite(ctx.clock.now(), f"before-upgrade-{state.current or 'none'}")
            output.line(msg("Backed up to {path}", path=backup))
        db.upgrade()
        output.line(
            msg(
                "Upgraded: {before} → {after}.",
                before=state.describe(),
                after=db.schema_state().describe(),
            )
        )
        return 0
    finally:
        db.dispose()
