"""A store made at an older revision, on each database, for the migration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.pg_server import PostgresServer


@pytest.fixture(params=["sqlite", "postgresql"])
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for the test to migrate to its older revision: a SQLite file, or a
    PostgreSQL database named after the test module."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = "before_" + request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_migration_")
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
