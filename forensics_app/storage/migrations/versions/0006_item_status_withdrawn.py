"""item status withdrawn: an item catalogued by mistake is withdrawn, never deleted

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_evidence_items_item_status"
BEFORE = ("in_custody", "in_analysis", "returned", "destroyed")
AFTER = (*BEFORE, "withdrawn")


def _allow(values: Sequence[str]) -> None:
    listed = ", ".join(f"'{value}'" for value in values)
    # Batch mode: SQLite cannot alter a CHECK constraint in place, so the table is copied.
    with op.batch_alter_table("evidence_items") as batch:
        batch.drop_constraint(op.f(CONSTRAINT), type_="check")
        batch.create_check_constraint(op.f(CONSTRAINT), f"status IN ({listed})")


def upgrade() -> None:
    _allow(AFTER)


def downgrade() -> None:
    # Withdrawn items go back to "in custody": the downgraded schema has no other word for
    # an item that is kept but not used, and the custody log still says it was withdrawn.
    op.execute("UPDATE evidence_items SET status = 'in_custody' WHERE status = 'withdrawn'")
    _allow(BEFORE)
