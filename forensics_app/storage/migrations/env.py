"""Alembic environment: always run with a connection handed in by forensics_app.storage."""

from typing import Any

from alembic import context

from forensics_app.storage.migrations import is_catalog_table
from forensics_app.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `forensics-app db upgrade`.")


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    # The same database holds the blocking library's tables: they have their own migrations.
    return type_ != "table" or is_catalog_table(name)


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
