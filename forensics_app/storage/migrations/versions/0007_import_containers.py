"""import containers

The containers imports read their sources from (archives, iTunes/Finder backups, Cellebrite
UFDRs, tool exports) with their hash and what they say about the device, and which import
source is which member of which container.

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_containers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("md5", sa.String(length=32), nullable=False),
        sa.Column("device_name", sa.Text(), nullable=False),
        sa.Column("os_version", sa.String(length=100), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("info", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_import_containers_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["imported_by"],
            ["examiners.id"],
            name=op.f("fk_import_containers_imported_by_examiners"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_import_containers_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_containers")),
    )
    with op.batch_alter_table("import_containers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_containers_item_id"), ["item_id"], unique=False)

    op.create_table(
        "import_container_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("container_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("member_path", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["container_id"],
            ["import_containers.id"],
            name=op.f("fk_import_container_members_container_id_import_containers"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["import_sources.id"],
            name=op.f("fk_import_container_members_source_id_import_sources"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_container_members")),
        sa.UniqueConstraint("source_id", name=op.f("uq_import_container_members_source_id")),
    )
    with op.batch_alter_table("import_container_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_container_members_container_id"), ["container_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("import_container_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_container_members_container_id"))
    op.drop_table("import_container_members")
    with op.batch_alter_table("import_containers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_containers_item_id"))
    op.drop_table("import_containers")
