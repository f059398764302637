"""messages and calls keep their times as integer microseconds on SQLite

A message's sent_at and a call's started_at were SQLite text "YYYY-MM-DD HH:MM:SS.ffffff"
(UTC, 26 characters in the row and again in each time index). They are now integer
microseconds since 1970 (UTC) — the column type storage.models.UtcTimeKey — a third of the
bytes, cheaper to sort when an import builds the (case, time) and (conversation, time)
indexes, and computed from a phone's epoch times by one multiplication. The columns keep
their DATETIME declaration (NUMERIC affinity holds the integers as integers): only the
values change, converted exactly (no floating point) with the time indexes dropped and
rebuilt around the update. PostgreSQL is not concerned (timestamptz is already an integer).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, time column, the indexes holding it: name → columns)
TIME_KEYS = (
    (
        "artifact_messages",
        "sent_at",
        {
            "ix_artifact_messages_case_time": "case_id, sent_at",
            "ix_artifact_messages_conversation_time": "conversation_id, sent_at",
        },
    ),
    ("artifact_calls", "started_at", {"ix_artifact_calls_case_time": "case_id, started_at"}),
)


def _convert(to_integer: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column, indexes in TIME_KEYS:
        for name in indexes:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        if to_integer:
            # "YYYY-MM-DD HH:MM:SS[.ffffff]": whole seconds by strftime, the fraction's digits
            # as they are (SQLAlchemy always writes six).
            value = (
                f"CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER) * 1000000 "
                f"+ CAST(substr({column} || '.000000', 21, 6) AS INTEGER)"
            )
            op.execute(f"UPDATE {table} SET {column} = {value} WHERE typeof({column}) = 'text'")
        else:
            # Rounded down before 1970 too; parenthesised whole: || binds before %.
            fraction = f"((({column} % 1000000) + 1000000) % 1000000)"
            seconds = f"(({column} - {fraction}) / 1000000)"
            value = (
                f"datetime({seconds}, 'unixepoch') || '.' || substr('000000' || {fraction}, -6, 6)"
            )
            op.execute(f"UPDATE {table} SET {column} = {value} WHERE typeof({column}) = 'integer'")
        for name, columns in indexes.items():
            op.execute(f"CREATE INDEX {name} ON {table} ({columns})")


def upgrade() -> None:
    _convert(to_integer=True)


def downgrade() -> None:
    _convert(to_integer=False)
