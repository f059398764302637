"""blocking schema: numbers, sightings, requests with history and evidence, packages

Revision ID: b0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# "Never twice": one open request per number and route. Literal on purpose: a migration
# freezes the schema as it was, whatever later code says the open states are.
OPEN_STATES = sa.text(
    "state IN ('approved', 'awaiting_approval', 'draft', 'lift_requested', 'objection_denied', "
    "'objection_filed', 'objection_upheld', 'submitted', 'suspended')"
)


def upgrade() -> None:
    op.create_table(
        "blk_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.Column("national", sa.String(length=32), nullable=False),
        sa.Column(
            "number_type",
            sa.Enum(
                "mobile",
                "voip",
                "personal",
                "uan",
                "fixed_line",
                "toll_free",
                "premium_rate",
                "other",
                name="number_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("sightings_count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blk_numbers")),
        sa.UniqueConstraint("e164", name=op.f("uq_blk_numbers_e164")),
    )
    op.create_index(op.f("ix_blk_numbers_last_seen"), "blk_numbers", ["last_seen"], unique=False)

    op.create_table(
        "blk_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("routes", sa.String(length=400), nullable=False),
        sa.Column("request_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.String(length=64), nullable=False),
        sa.Column("created_by_name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blk_packages")),
    )
    op.create_index(op.f("ix_blk_packages_sha256"), "blk_packages", ["sha256"], unique=False)

    op.create_table(
        "blk_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number_id", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(length=40), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "lending",
                "obscene_adult",
                "other",
                name="ad_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "awaiting_approval",
                "approved",
                "submitted",
                "suspended",
                "rejected",
                "objection_filed",
                "objection_upheld",
                "objection_denied",
                "lift_requested",
                "restored",
                "expired",
                "terminated",
                "withdrawn",
                name="request_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("requesting_agency", sa.String(length=200), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("drafted_by_id", sa.String(length=64), nullable=False),
        sa.Column("drafted_by_name", sa.String(length=200), nullable=False),
        sa.Column("approved_by_id", sa.String(length=64), nullable=True),
        sa.Column("approved_by_name", sa.String(length=200), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("carrier", sa.String(length=100), nullable=False),
        sa.Column("response_reference", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("package_id", sa.Integer(), nullable=True),
        sa.Column("suspended_from", sa.Date(), nullable=True),
        sa.Column("suspended_until", sa.Date(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "approved_by_id IS NULL OR approved_by_id <> drafted_by_id",
            name=op.f("ck_blk_requests_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["number_id"], ["blk_numbers.id"], name=op.f("fk_blk_requests_number_id_blk_numbers")
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["blk_packages.id"],
            name=op.f("fk_blk_requests_package_id_blk_packages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blk_requests")),
    )
    op.create_index(
        "ix_blk_requests_number_route_closed",
        "blk_requests",
        ["number_id", "route", "closed_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_blk_requests_package_id"), "blk_requests", ["package_id"], unique=False
    )
    op.create_index(
        "ix_blk_requests_state_route",
        "blk_requests",
        ["state", "route", "state_changed_at"],
        unique=False,
    )
    op.create_index(
        "uq_blk_requests_open_number_route",
        "blk_requests",
        ["number_id", "route"],
        unique=True,
        sqlite_where=OPEN_STATES,
        postgresql_where=OPEN_STATES,
    )

    op.create_table(
        "blk_sightings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number_id", sa.Integer(), nullable=False),
        sa.Column("printed_as", sa.String(length=200), nullable=False),
        sa.Column(
            "source_kind",
            sa.Enum(
                "flyer_photo",
                "device_artifact",
                "manual",
                name="source_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("case_number", sa.String(length=64), nullable=False),
        sa.Column("photo_name", sa.String(length=255), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=True),
        sa.Column("photo_path", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("collector", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "lending",
                "obscene_adult",
                "other",
                name="ad_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "latitude IS NULL OR (latitude BETWEEN -90 AND 90)",
            name=op.f("ck_blk_sightings_latitude_range"),
        ),
        sa.CheckConstraint(
            "longitude IS NULL OR (longitude BETWEEN -180 AND 180)",
            name=op.f("ck_blk_sightings_longitude_range"),
        ),
        sa.ForeignKeyConstraint(
            ["number_id"], ["blk_numbers.id"], name=op.f("fk_blk_sightings_number_id_blk_numbers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blk_sightings")),
        sa.UniqueConstraint("number_id", "dedupe_key", name="uq_blk_sightings_number_dedupe"),
    )
    op.create_index(
        "ix_blk_sightings_number_category_seen",
        "blk_sightings",
        ["number_id", "category", "seen_at"],
        unique=False,
    )
    op.create_index(
        "ix_blk_sightings_photo_sha256", "blk_sightings", ["photo_sha256"], unique=False
    )

    op.create_table(
        "blk_request_evidence",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("sighting_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["blk_requests.id"],
            name=op.f("fk_blk_request_evidence_request_id_blk_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["sighting_id"],
            ["blk_sightings.id"],
            name=op.f("fk_blk_request_evidence_sighting_id_blk_sightings"),
        ),
        sa.PrimaryKeyConstraint("request_id", "sighting_id", name=op.f("pk_blk_request_evidence")),
    )
    op.create_index(
        op.f("ix_blk_request_evidence_sighting_id"),
        "blk_request_evidence",
        ["sighting_id"],
        unique=False,
    )

    op.create_table(
        "blk_request_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column(
            "from_state",
            sa.Enum(
                "draft",
                "awaiting_approval",
                "approved",
                "submitted",
                "suspended",
                "rejected",
                "objection_filed",
                "objection_upheld",
                "objection_denied",
                "lift_requested",
                "restored",
                "expired",
                "terminated",
                "withdrawn",
                name="history_from_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_state",
            sa.Enum(
                "draft",
                "awaiting_approval",
                "approved",
                "submitted",
                "suspended",
                "rejected",
                "objection_filed",
                "objection_upheld",
                "objection_denied",
                "lift_requested",
                "restored",
                "expired",
                "terminated",
                "withdrawn",
                name="history_to_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["blk_requests.id"],
            name=op.f("fk_blk_request_history_request_id_blk_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blk_request_history")),
    )
    op.create_index(
        op.f("ix_blk_request_history_request_id"),
        "blk_request_history",
        ["request_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_blk_request_history_request_id"), table_name="blk_request_history")

    op.drop_table("blk_request_history")
    op.drop_index(op.f("ix_blk_request_evidence_sighting_id"), table_name="blk_request_evidence")

    op.drop_table("blk_request_evidence")
    op.drop_index("ix_blk_sightings_photo_sha256", table_name="blk_sightings")
    op.drop_index("ix_blk_sightings_number_category_seen", table_name="blk_sightings")

    op.drop_table("blk_sightings")
    op.drop_index("uq_blk_requests_open_number_route", table_name="blk_requests")
    op.drop_index("ix_blk_requests_state_route", table_name="blk_requests")
    op.drop_index(op.f("ix_blk_requests_package_id"), table_name="blk_requests")
    op.drop_index("ix_blk_requests_number_route_closed", table_name="blk_requests")

    op.drop_table("blk_requests")
    op.drop_index(op.f("ix_blk_packages_sha256"), table_name="blk_packages")

    op.drop_table("blk_packages")
    op.drop_index(op.f("ix_blk_numbers_last_seen"), table_name="blk_numbers")

    op.drop_table("blk_numbers")
