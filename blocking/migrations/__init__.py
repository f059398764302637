"""The blocking tables' own Alembic migrations, shipped in the package and run from here.

They keep their own version table (`blocking_alembic_version`), so they live beside any other
schema in the same database (the workstation's) without either one touching the other:

    with engine.begin() as connection:
        if current_revision(connection) != head_revision():
            upgrade(connection)
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from alembic.command import upgrade as alembic_upgrade
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

VERSION_TABLE = "blocking_alembic_version"
TABLE_PREFIX = "blk_"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files(__name__)))
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def is_known_revision(revision: str) -> bool:
    return any(script.revision == revision for script in _scripts().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The blocking schema version in this database, or None if it has no blocking tables."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the blocking tables to `target` inside the caller's transaction."""
    config = _config()
    config.attributes["connection"] = connection
    alembic_upgrade(config, target)


def is_blocking_table(name: str | None) -> bool:
    """For another Alembic environment's include_name/include_object filter: tables it must
    leave alone because they belong to blocking."""
    return bool(name) and (str(name).startswith(TABLE_PREFIX) or name == VERSION_TABLE)
