"""custody view indexes: entries of an item or a case in chain order

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The custody view lists one item's or one case's entries newest first; with a million
    # entries the single-column indexes would still sort every match.
    with op.batch_alter_table("custody_log") as batch:
        batch.drop_index("ix_custody_log_case_id")
        batch.drop_index("ix_custody_log_item_id")
        batch.create_index("ix_custody_log_case_seq", ["case_id", "seq"])
        batch.create_index("ix_custody_log_item_seq", ["item_id", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("custody_log") as batch:
        batch.drop_index("ix_custody_log_item_seq")
        batch.drop_index("ix_custody_log_case_seq")
        batch.create_index("ix_custody_log_case_id", ["case_id"])
        batch.create_index("ix_custody_log_item_id", ["item_id"])
