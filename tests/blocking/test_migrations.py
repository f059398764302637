"""The blocking schema's own migrations, beside the workstation's schema in the same database."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

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


def test_b0002_keeps_the_oldest_open_request_and_lists_the_others(
    catalog_only_url: str, config: BlockingConfig, caplog: pytest.LogCaptureFixture
) -> None:
    """A database from before one-request-per-number: a number with open requests on two
    routes (and a closed one). The upgrade keeps the oldest open request as the number's,
    marks the younger one as its duplicate, logs it, and changes nothing else."""
    engine = make_engine(catalog_only_url)
    try:
        with engine.begin() as conn:
            migrations.upgrade(conn, "b0001")
            conn.execute(
                text(
                    "INSERT INTO blk_numbers (id, e164, national, number_type, sightings_count, "
                    "created_at) VALUES (1, '+821012345678', '010-1234-5678', 'mobile', 2, "
                    "'2025-03-01 00:00:00'), (2, '+821099998888', '010-9999-8888', 'mobile', 1, "
                    "'2025-03-01 00:00:00')"
                )
            )
            for request_id, number_id, route, state, created in (
                (1, 1, "agreement", "withdrawn", "2025-03-01 01:00:00"),
                (2, 1, "lending_act", "approved", "2025-03-02 01:00:00"),
                (3, 1, "agreement", "draft", "2025-03-03 01:00:00"),
                (4, 2, "lending_act", "draft", "2025-03-03 01:00:00"),
            ):
                conn.execute(
                    text(
                        "INSERT INTO blk_requests (id, number_id, route, legal_basis, category, "
                        "state, requesting_agency, officer, drafted_by_id, drafted_by_name, "
                        "carrier, response_reference, notes, created_at, state_changed_at) "
                        "VALUES (:id, :number, :route, 'law', 'lending', :state, '', '', 'e1', "
                        "'Park', '', '', '', :created, :created)"
                    ),
                    {
                        "id": request_id,
                        "number": number_id,
                        "route": route,
                        "state": state,
                        "created": created,
                    },
                )
            before = conn.execute(
                text("SELECT id, route, state, notes FROM blk_requests ORDER BY id")
            ).all()
        with caplog.at_level("WARNING", logger="blocking.migrations"), engine.begin() as conn:
            migrations.upgrade(conn)
        with engine.connect() as conn:
            after = conn.execute(
                text("SELECT id, route, state, notes FROM blk_requests ORDER BY id")
            ).all()
            marks = conn.execute(
                text("SELECT id, duplicate_of FROM blk_requests ORDER BY id")
            ).all()
        assert after == before  # states, routes and notes untouched
        assert [tuple(m) for m in marks] == [(1, None), (2, None), (3, 2), (4, None)]
        (warning,) = [r.getMessage() for r in caplog.records]
        assert "010-1234-5678" in warning
        assert "request 2 (lending_act, approved) keeps the number" in warning
        assert "request 3 (agreement, draft) is marked as its duplicate" in warning

        blk = Blocking(engine, config)
        assert [r.id for r in blk.requests.open_duplicates()] == [3]
        assert blk.requests.get(3).duplicate_of == 2
        # From now on the number holds one open request: a third one is refused.
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO blk_requests (number_id, route, legal_basis, category, state, "
                    "requesting_agency, officer, drafted_by_id, drafted_by_name, carrier, "
                    "response_reference, notes, created_at, state_changed_at) VALUES (1, "
                    "'outdoor_ad_act', 'law', 'lending', 'draft', '', '', 'e1', 'Park', '', '', "
                    "'', '2025-03-04 00:00:00', '2025-03-04 00:00:00')"
                )
            )
    finally:
        engine.dispose()
