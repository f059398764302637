"""Alembic environment for the blocking tables: always run with a connection handed in."""

from typing import Any

from alembic import context

from blocking.migrations import VERSION_TABLE, is_blocking_table
from blocking.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run the blocking migrations through blocking.migrations.upgrade().")


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    # The database may hold another application's tables (the workstation's): ignore them.
    return type_ != "table" or is_blocking_table(name)


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
