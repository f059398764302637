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
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

VERSION_TABLE = "blocking_alembic_version"
TABLE_PREFIX = "blk_"

# The newest revision this package ships. Opening an up-to-date database compares the stored
# revision with this constant, so start-up never loads Alembic (and Mako, Pygments) for
# nothing; a test holds it equal to the head Alembic computes from the scripts.
HEAD = "b0002"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files(__name__)))
    return config


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def scripts_head() -> str:
    """The head as Alembic computes it from the shipped scripts (what HEAD must equal)."""
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def head_revision() -> str:
    return HEAD


def is_known_revision(revision: str) -> bool:
    if revision == HEAD:
        return True
    return any(script.revision == revision for script in _scripts().walk_revisions())


def stored_revision(connection: Connection, version_table: str) -> str | None:
    """The revision recorded in an Alembic version table, or None when there is none. Read
    with plain SQL: Alembic's own reader costs a fifth of a second of imports at start-up."""
    if not inspect(connection).has_table(version_table):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {version_table}")).all()
    if len(rows) > 1:
        raise RuntimeError(f"{version_table} holds more than one revision (branched history)")
    return str(rows[0][0]) if rows else None


def current_revision(connection: Connection) -> str | None:
    """The blocking schema version in this database, or None if it has no blocking tables."""
    return stored_revision(connection, VERSION_TABLE)


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the blocking tables to `target` inside the caller's transaction."""
    from alembic.command import upgrade as alembic_upgrade

    config = _config()
    config.attributes["connection"] = connection
    alembic_upgrade(config, target)


def is_blocking_table(name: str | None) -> bool:
    """For another Alembic environment's include_name/include_object filter: tables it must
    leave alone because they belong to blocking."""
    return bool(name) and (str(name).startswith(TABLE_PREFIX) or name == VERSION_TABLE)
