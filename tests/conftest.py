"""Shared fixtures. Every test that asks for `db_url` (or anything built on it) runs twice:
once on SQLite and once on a real PostgreSQL server the suite starts itself."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.database import Database
from tests.clocks import pinned_clock
from tests.pg_server import PostgresServer, running_server

REAL_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "real"
PG_TEMPLATE = "forensics_template"
PASSWORD = "correct horse battery"
_database_numbers = itertools.count()


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Preferences, logs and the default database go to a fresh folder, never the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("FORENSICS_APP_DATA_DIR", str(folder))
    for name in ("FORENSICS_APP_DB", "FORENSICS_APP_EXAMINER", "FORENSICS_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    # The suite reads English whatever the machine's locale (a test that wants Korean says so).
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    return folder


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with running_server() as server:
        with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {PG_TEMPLATE}")
        template = Database.connect(server.url(PG_TEMPLATE))
        template.upgrade()
        template.dispose()
        yield server


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    Database.open(f"sqlite:///{path}").dispose()
    return path


def fresh_postgres_database(server: PostgresServer, template: str = PG_TEMPLATE) -> str:
    name = f"test_{next(_database_numbers)}"
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server.url(name)


def drop_postgres_database(server: PostgresServer, url: str) -> None:
    """Each test's database goes with the test: hundreds left behind made the server's
    shutdown and clean-up take most of two minutes."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def database_copy(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str, source: str | None = None
) -> Iterator[str]:
    """A private database for one test on `backend`, copied from `source` (a SQLite file, or
    a PostgreSQL template database's name) or, by default, from the empty migrated template."""
    if backend == "sqlite":
        path = tmp_path / "catalog.sqlite3"
        shutil.copyfile(source or request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server = request.getfixturevalue("postgres")
    url = fresh_postgres_database(server, source or PG_TEMPLATE)
    yield url
    drop_postgres_database(server, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_copy(request, tmp_path, request.param) as url:
        yield url


@pytest.fixture
def clock() -> ManualClock:
    """The workstation's clock, pinned (tests move it instead of waiting)."""
    return pinned_clock()


@pytest.fixture
def workstation(db_url: str, clock: ManualClock) -> Iterator[Workstation]:
    ws = Workstation.open(db_url, clock)
    yield ws
    ws.close()


@pytest.fixture
def actor(workstation: Workstation) -> Actor:
    """The first examiner (an admin), with a password so it works on both databases."""
    return workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def real_fixtures(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the real evidence files; the originals must stay byte-identical."""
    before = {p: sha256_of(p) for p in REAL_FIXTURES.rglob("*") if p.is_file()}
    copy = tmp_path / "real"
    shutil.copytree(REAL_FIXTURES, copy)
    yield copy
    after = {p: sha256_of(p) for p in REAL_FIXTURES.rglob("*") if p.is_file()}
    assert after == before, "a test modified the shared real evidence files"


@pytest.fixture
def ctrl_c_delivered() -> Iterator[None]:
    """Ctrl-C as an interactive terminal delivers it, to this process and to the programs it
    starts. A suite started in the background by a shell without job control (`make test &`,
    `nohup … &`) inherits SIGINT ignored, and so did every program it started: the Ctrl-C
    tests then tested nothing and failed (the batch ran to its end, exit 0)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
