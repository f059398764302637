"""message search covers the first 65,536 characters of a message, on both databases

A hostile 24 MB message body made the search index hold every trigram of it (SQLite: 1.5 GB
written, 150 s). Bodies are now stored whole but searched, and scanned for numbers, only in
their first 65,536 characters (services.ingest_sql.BODY_SCAN_LIMIT; real message bodies are
far shorter). SQLite's index follows that rule from the import on; here the rows already
indexed whole are indexed again, bounded. PostgreSQL's pg_trgm index is an expression index,
so its expression becomes the bounded text (services.artifacts.PG_SEARCHED must equal it, or
the planner does not use it).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

SEARCH_TABLE = "search_messages_fts"
SEARCH_INDEX = "search_messages_trgm"
SENTINEL = "char(1, 1)"  # services.ingest.SEARCH_SENTINEL
LIMIT = 65_536  # services.ingest_sql.BODY_SCAN_LIMIT at the time of this revision

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WHOLE = f"lower(subject || char(10) || body || {SENTINEL})"
_BOUNDED = f"lower(substr(subject || char(10) || body, 1, {LIMIT}) || {SENTINEL})"
_LONG = f"length(subject || char(10) || body) > {LIMIT}"


def _reindex_long_rows(old: str, new: str) -> None:
    # A contentless FTS5 table forgets a row only when given the text it was indexed with.
    op.execute(
        f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, text) "
        f"SELECT 'delete', id, {old} FROM artifact_messages WHERE {_LONG}"
    )
    op.execute(
        f"INSERT INTO {SEARCH_TABLE}(rowid, text) "
        f"SELECT id, {new} FROM artifact_messages WHERE {_LONG}"
    )


def _pg_index(expression: str) -> None:
    bind = op.get_bind()
    present = bind.execute(
        sa.text("SELECT 1 FROM pg_indexes WHERE indexname = :name"), {"name": SEARCH_INDEX}
    ).first()
    if present is None:  # pg_trgm was not available: search scans, no index to follow
        return
    op.execute(f"DROP INDEX {SEARCH_INDEX}")
    op.execute(
        f"CREATE INDEX {SEARCH_INDEX} ON artifact_messages USING gin (({expression}) gin_trgm_ops)"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _reindex_long_rows(_WHOLE, _BOUNDED)
    else:
        _pg_index(f"left(subject || E'\\n' || body, {LIMIT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _reindex_long_rows(_BOUNDED, _WHOLE)
    else:
        _pg_index("subject || E'\\n' || body")
