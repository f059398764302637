"""Storage: SQLAlchemy models, the engine with its per-connection settings, and migrations."""

from forensics_app.storage.database import Database, SchemaState

__all__ = ["Database", "SchemaState"]
