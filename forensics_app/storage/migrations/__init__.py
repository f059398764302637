"""Alembic migrations shipped inside the package and run from here (no alembic.ini needed).

One database holds two schemas, each with its own migration tree and version table: the
catalog's (here) and the block-request library's (`blocking.migrations`, which cannot know
about the workstation). Opening, checking and upgrading always treat them together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

import blocking.migrations

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

VERSION_TABLE = "alembic_version"

# The newest revision shipped (see blocking.migrations.HEAD for why it is a constant; a test
# holds it equal to Alembic's head).
HEAD = "0010"


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


def current_revision(connection: Connection) -> str | None:
    return blocking.migrations.stored_revision(connection, VERSION_TABLE)


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic.command import upgrade as alembic_upgrade

    config = _config()
    config.attributes["connection"] = connection
    alembic_upgrade(config, target)


# Full-text search structures differ per dialect (an FTS5 table with its shadow tables on
# SQLite, a trigram index on PostgreSQL): the migrations maintain them by hand, and model
# comparison leaves every name with this prefix alone.
SEARCH_PREFIX = "search_"


def is_catalog_table(name: str | None) -> bool:
    return not blocking.migrations.is_blocking_table(name)


def include_name(name: str | None, type_: str, _parent_names: object = None) -> bool:
    """The include_name filter for Alembic comparisons of the catalog schema: not the blocking
    library's tables, not the hand-made search structures."""
    if name and str(name).startswith(SEARCH_PREFIX):
        return False
    return type_ != "table" or is_catalog_table(name)


@dataclass(frozen=True)
class MigrationTree:
    name: str
    head: Callable[[], str]
    current: Callable[[Connection], str | None]
    is_known: Callable[[str], bool]
    upgrade: Callable[[Connection], None]


TREES = (
    MigrationTree("catalog", head_revision, current_revision, is_known_revision, upgrade),
    MigrationTree(
        "blocking",
        blocking.migrations.head_revision,
        blocking.migrations.current_revision,
        blocking.migrations.is_known_revision,
        blocking.migrations.upgrade,
    ),
)
