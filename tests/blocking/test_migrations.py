"""The blocking schema's own migrations, beside the workstation's schema in the same database."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from blocking import Blocking, SchemaNotCurrentError, make_engine, migrations
from blocking.config import BlockingConfig
from blocking.models import Base

BLOCKING_TABLES = {
    "blk_numbers",
    "blk_sightings",
    "blk_requests",
    "blk_request_evidence",
    "blk_request_history",
    "blk_packages",
}


@pytest.fixture
def catalog_only_url(db_url: str) -> str:
    """A workstation database as an older program left it: the catalog schema alone."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for table in sorted(BLOCKING_TABLES | {migrations.VERSION_TABLE}, reverse=True):
                conn.execute(
                    text(
                        f"DROP TABLE IF EXISTS {table} CASCADE"
                        if engine.dialect.name == "postgresql"
                        else f"DROP TABLE IF EXISTS {table}"
                    )
                )
    finally:
        engine.dispose()
    return db_url


def test_upgrade_creates_the_tables_beside_the_workstation_schema(
    catalog_only_url: str, config: BlockingConfig
) -> None:
    engine = make_engine(catalog_only_url)
    try:
        before = set(inspect(engine).get_table_names())
        assert "cases" in before  # the workstation's schema is there already
        with engine.connect() as conn:
            assert migrations.current_revision(conn) is None
        try:
            Blocking(engine, config)
            raise AssertionError("an un-migrated database must be refused")
        except SchemaNotCurrentError as exc:
            assert "no blocking tables" in str(exc)

        with engine.begin() as conn:
            migrations.upgrade(conn)
        with engine.begin() as conn:
            migrations.upgrade(conn)  # a second run changes nothing
        after = set(inspect(engine).get_table_names())
        assert after - before == BLOCKING_TABLES | {migrations.VERSION_TABLE}
        with engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
            # The workstation's own version table still says what it said.
            workstation = MigrationContext.configure(conn).get_current_revision()
            assert workstation is not None
            assert workstation != migrations.head_revision()
        Blocking(engine, config)  # accepted now
    finally:
        engine.dispose()


def test_migrations_match_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            migrations.upgrade(conn)
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "version_table": migrations.VERSION_TABLE,
                    "include_name": lambda name, type_, _parents: (
                        type_ != "table" or migrations.is_blocking_table(name)
                    ),
                },
            )
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_is_blocking_table_for_other_environments() -> None:
    assert migrations.is_blocking_table("blk_requests")
    assert migrations.is_blocking_table("blocking_alembic_version")
    assert not migrations.is_blocking_table("cases")
    assert not migrations.is_blocking_table(None)
