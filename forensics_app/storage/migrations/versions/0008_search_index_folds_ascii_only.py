"""search index folds ASCII case only, as LIKE does

SQLite's message search index (FTS5 trigram, migration 0004) folded the case of every
alphabet itself; it now holds the texts as SQLite's lower() gives them (ASCII letters folded,
everything else as written) and compares trigrams as they are. Folding in the tokenizer cost
a sixth of building the index over a million messages, and the index now agrees with the LIKE
that rechecks its candidates: a query finds the same rows whatever its length (Hangul, digits
and punctuation have no case and are found as before). The index is rebuilt from the stored
messages. PostgreSQL is not concerned (its pg_trgm index is unchanged).

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

SEARCH_TABLE = "search_messages_fts"
SEARCH_VOCABULARY = "search_messages_vocab"
SENTINEL = "char(1, 1)"  # services.ingest.SEARCH_SENTINEL

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild(tokenizer: str, text: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP TABLE IF EXISTS {SEARCH_VOCABULARY}")
    op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    op.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(text, content='', "
        f"tokenize='{tokenizer}', detail=none, columnsize=0)"
    )
    op.execute(f"INSERT INTO {SEARCH_TABLE}(rowid, text) SELECT id, {text} FROM artifact_messages")
    op.execute(f"CREATE VIRTUAL TABLE {SEARCH_VOCABULARY} USING fts5vocab({SEARCH_TABLE}, 'row')")


def upgrade() -> None:
    _rebuild("trigram case_sensitive 1", f"lower(subject || char(10) || body || {SENTINEL})")


def downgrade() -> None:
    _rebuild("trigram", f"subject || char(10) || body || {SENTINEL}")
