"""One open request per number, whatever the route; sightings say how sure the machine was

Revision ID: b0002
Revises: b0001
Create Date: 2026-11-29

Until now a number could hold one open request per route, so a number seen on a lending flyer
and on an "other" flyer got two (one per route). From here on a number holds at most one open
request. Existing duplicates are not decided here: for each number the oldest open request
keeps the number, every younger open one is marked `duplicate_of` that request (its state and
history are untouched) and listed in the log, and `RequestQueue.open_duplicates()` lists them
for the analyst until they are withdrawn or closed.

`blk_sightings.machine_confidence`: for a flyer-photo sighting the OCR accepted without anyone
reviewing it, the OCR's confidence (NULL when a person entered, accepted or corrected it).
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b0002"
down_revision: str | None = "b0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("blocking.migrations")

# Literal on purpose: a migration freezes the open states as they were when it was written.
OPEN = (
    "'approved', 'awaiting_approval', 'draft', 'lift_requested', 'objection_denied', "
    "'objection_filed', 'objection_upheld', 'submitted', 'suspended'"
)
OLD_INDEX = "uq_blk_requests_open_number_route"
NEW_INDEX = "uq_blk_requests_open_number"


def upgrade() -> None:
    with op.batch_alter_table("blk_requests") as batch:
        batch.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
    with op.batch_alter_table("blk_sightings") as batch:
        batch.add_column(sa.Column("machine_confidence", sa.Float(), nullable=True))
    _mark_duplicates()
    op.drop_index(OLD_INDEX, table_name="blk_requests")
    predicate = sa.text(f"state IN ({OPEN}) AND duplicate_of IS NULL")
    op.create_index(
        NEW_INDEX,
        "blk_requests",
        ["number_id"],
        unique=True,
        sqlite_where=predicate,
        postgresql_where=predicate,
    )


def _mark_duplicates() -> None:
    """Numbers holding more than one open request: the oldest keeps the number, the younger
    ones point at it. Nothing else about them changes."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT r.id, r.number_id, r.route, r.state, n.national "
            "FROM blk_requests r JOIN blk_numbers n ON n.id = r.number_id "
            f"WHERE r.state IN ({OPEN}) ORDER BY r.number_id, r.created_at, r.id"
        )
    ).all()
    holder: dict[int, tuple[int, str, str]] = {}
    for request_id, number_id, route, state, national in rows:
        if number_id not in holder:
            holder[number_id] = (request_id, route, state)
            continue
        kept, kept_route, kept_state = holder[number_id]
        connection.execute(
            sa.text("UPDATE blk_requests SET duplicate_of = :kept WHERE id = :id"),
            {"kept": kept, "id": request_id},
        )
        log.warning(
            "%s had more than one open request: request %s (%s, %s) keeps the number; "
            "request %s (%s, %s) is marked as its duplicate and left as it is: withdraw or "
            "close it",
            national,
            kept,
            kept_route,
            kept_state,
            request_id,
            route,
            state,
        )


def downgrade() -> None:
    op.drop_index(NEW_INDEX, table_name="blk_requests")
    old = sa.text(f"state IN ({OPEN})")
    op.create_index(
        OLD_INDEX,
        "blk_requests",
        ["number_id", "route"],
        unique=True,
        sqlite_where=old,
        postgresql_where=old,
    )
    with op.batch_alter_table("blk_sightings") as batch:
        batch.drop_column("machine_confidence")
    with op.batch_alter_table("blk_requests") as batch:
        batch.drop_column("duplicate_of")
