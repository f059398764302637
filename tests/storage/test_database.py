"""Opening, upgrading and refusing databases, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from forensics_app.errors import DatabaseUnavailableError, SchemaOutdatedError
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage import database as database_module
from forensics_app.storage import migrations
from forensics_app.storage.database import Database, plain_rows
from forensics_app.storage.models import ArtifactMessage, Base
from tests.conftest import PASSWORD, fresh_postgres_database
from tests.importers import samples
from tests.pg_server import PostgresServer


def test_models_and_migrations_agree(db_url: str) -> None:
    db = Database.open(db_url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": migrations.include_name,
            },
        )
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    for _ in range(2):  # every connection, not just the first
        with db.read() as session:
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1000
    db.dispose()


def test_old_sqlite_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database.connect(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        migrations.upgrade(conn, "0001")
    db.dispose()
    ws = Workstation(Database.connect(f"sqlite:///{path}"))
    actor = ws.examiners.create(None, "Park", "9", password=None)
    ws.cases.create(actor, "Before upgrade", number="OLD-1")
    ws.close()

    reopened = Workstation.open(f"sqlite:///{path}")
    state = reopened.db.schema_state()
    assert state.up_to_date
    assert [tree.name for tree in state.trees] == ["catalog", "blocking"]  # both created
    assert reopened.cases.resolve("OLD-1").title == "Before upgrade"
    assert reopened.custody.verify_chain().ok
    reopened.close()
    backups = list(tmp_path.glob("old.sqlite3.*.before-upgrade-0001.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert raw.execute("SELECT number FROM cases").fetchall() == [("OLD-1",)]


def test_postgres_with_old_schema_is_refused_until_db_upgrade(postgres: PostgresServer) -> None:
    with psycopg.connect(postgres.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE old_team_db")
    url = postgres.url("old_team_db")
    old = Database.connect(url)
    with old.engine.begin() as conn:
        migrations.upgrade(conn, "0001")  # as an older program left it
    old.dispose()
    with pytest.raises(SchemaOutdatedError, match="db upgrade"):
        Database.open(url)
    db = Database.connect(url)
    db.upgrade()
    db.dispose()
    Database.open(url).dispose()


def test_empty_postgres_database_is_refused(postgres: PostgresServer) -> None:
    with psycopg.connect(postgres.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE empty_one")
    with pytest.raises(SchemaOutdatedError, match="db upgrade"):
        Database.open(postgres.url("empty_one"))


def test_unreachable_postgres_gets_a_clear_error_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailableError, match="does not answer") as info:
        Database.open("postgresql://someone:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b""])
def test_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    if content:
        with pytest.raises(DatabaseUnavailableError, match="not a SQLite database"):
            Database.open(f"sqlite:///{path}")
        assert path.read_bytes() == content
    else:  # an empty file is a new, empty SQLite database
        Database.open(f"sqlite:///{path}").dispose()


def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Database.open(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'fffffffff'")
    with pytest.raises(SchemaOutdatedError, match="newer"):
        Database.open(f"sqlite:///{path}")


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE sms (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(SchemaOutdatedError, match="not a forensics-app database"):
        Database.open(f"sqlite:///{path}")
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT name FROM sqlite_master").fetchall() == [("sms",)]


def test_locked_sqlite_database_gives_a_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.sqlite3"
    ws = Workstation.open(f"sqlite:///{path}")
    actor = ws.examiners.create(None, "Choi", "7", password=None)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseUnavailableError, match="locked"):
            ws.cases.create(actor, "Blocked", number="L-1")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert ws.cases.list() == []
    assert ws.custody.verify_chain().ok
    ws.close()


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(DatabaseUnavailableError, match="Not a database URL"):
        Database.open("not a url")
    with pytest.raises(DatabaseUnavailableError, match="Unsupported"):
        Database.open("mysql://x@localhost/db")


def test_team_database_keeps_passwords_out_of_the_location(postgres: PostgresServer) -> None:
    url = fresh_postgres_database(postgres).replace("postgres@", f"postgres:{PASSWORD}@")
    ws = Workstation.open(url)
    assert PASSWORD not in ws.location
    assert ws.is_team_database
    ws.close()


def test_shipped_head_constants_are_the_heads_alembic_computes() -> None:
    """Start-up trusts these constants instead of loading Alembic: they must never drift."""
    import blocking.migrations

    assert migrations.scripts_head() == migrations.HEAD
    assert blocking.migrations.scripts_head() == blocking.migrations.HEAD


def test_stored_revision_reads_what_alembic_reads(db_url: str) -> None:
    import blocking.migrations

    db = Database.open(db_url)
    with db.engine.connect() as conn:
        ours = (
            migrations.current_revision(conn),
            blocking.migrations.current_revision(conn),
        )
        theirs = (
            MigrationContext.configure(conn).get_current_revision(),
            MigrationContext.configure(
                conn, opts={"version_table": blocking.migrations.VERSION_TABLE}
            ).get_current_revision(),
        )
    db.dispose()
    assert ours == theirs == (migrations.HEAD, blocking.migrations.HEAD)


def test_plain_rows_are_the_values_sqlalchemy_gives(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """The bulk reads' rows (on SQLite straight from the DBAPI cursor) hold the same values of
    the same types as SQLAlchemy's rows: aware UTC times, booleans, None, text, numbers."""
    case = workstation.cases.create(actor, "평문 행", number="PLAIN-1")
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    db = workstation.db
    m = ArtifactMessage
    statement = select(
        m.id, m.sent_at, m.is_read, m.deleted, m.number_e164, m.body, m.attachment_count
    ).order_by(m.id)
    if db.is_sqlite:
        # Stored text SQLAlchemy did not write: without microseconds, and naming an offset.
        with db.write() as session:
            first, second = session.scalars(select(m.id).order_by(m.id).limit(2)).all()
            session.execute(
                text("UPDATE artifact_messages SET sent_at = :at WHERE id = :id"),
                [
                    {"at": "2024-03-01 12:34:56", "id": first},
                    {"at": "2024-03-01 21:34:56.250000+09:00", "id": second},
                ],
            )
    with db.read() as session:
        expected = [tuple(row) for row in session.connection().execute(statement).all()]
        plain = [tuple(row) for row in plain_rows(session.connection(), statement)]
    assert len(plain) == samples.ANDROID_SMS_COUNT
    assert plain == expected
    types = [[type(value) for value in row] for row in plain]
    assert types == [[type(value) for value in row] for row in expected]
    times = [row[1] for row in plain if row[1] is not None]
    assert len(times) == len(plain) - 2  # the sample's two undated messages
    assert all(t.tzinfo is UTC for t in times)
    assert {type(row[2]) for row in plain} <= {bool, type(None)}
    if db.is_sqlite:
        assert plain[0][1] == datetime(2024, 3, 1, 12, 34, 56, tzinfo=UTC)
        assert plain[1][1] == datetime(2024, 3, 1, 12, 34, 56, 250000, tzinfo=UTC)
