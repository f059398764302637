"""Alembic environment: always run with a connection handed in by forensics_app.storage."""

from alembic import context

from forensics_app.storage.migrations import include_name
from forensics_app.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `forensics-app db upgrade`.")


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
