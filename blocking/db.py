"""Engine and units of work for the blocking tables.

`make_engine(url)` builds an engine the way the workstation builds its own: on SQLite, WAL,
foreign keys and a busy timeout on every connection, and write transactions opened with
BEGIN IMMEDIATE (requested with the execution option `sqlite_begin="IMMEDIATE"`) so two
writers queue on the lock instead of failing half-way. An engine made elsewhere works too
if it honours that same option — the workstation's does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, Table, create_engine, event, insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.pool import NullPool

from blocking import migrations
from blocking.clock import Clock
from blocking.errors import SchemaNotCurrentError

log = logging.getLogger(__name__)

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Keeps IN (...) lists well below SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 5_000


def make_engine(url: str | URL) -> Engine:
    """An engine for a sqlite:/// or postgresql:// URL (psycopg 3 is used for PostgreSQL)."""
    parsed = make_url(url)
    if parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(
        parsed,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5, "application_name": "blocking"},
    )


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    # A connection per unit of work: cheap on SQLite, and threads never share one.
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let the begin event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode and str(mode[0]).lower() not in ("wal", "memory"):
                log.warning("SQLite journal mode is %s, not WAL", mode[0])
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE"
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """One engine plus the clock; every unit of work opens its own connection."""

    def __init__(self, engine: Engine, clock: Clock | None = None) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.is_postgresql = engine.dialect.name == "postgresql"
        self.clock = clock or Clock()

    def now(self) -> datetime:
        now = self.clock.now()
        if now.tzinfo is None:
            raise ValueError("the clock must return aware datetimes")
        return now.astimezone(UTC)

    def today(self) -> date:
        """Today in the agencies' calendar (the clock's zone)."""
        return self.clock.date_of(self.now())

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self.engine.connect() as plain:
            conn = plain.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else plain
            with conn.begin():
                yield conn

    def insert(self, table: Table) -> Any:
        """INSERT with ON CONFLICT support (both dialects spell it the same way)."""
        if self.is_sqlite:
            return sqlite_insert(table)
        return postgresql_insert(table)

    def check_schema(self) -> None:
        """Raise `SchemaNotCurrentError` unless the blocking tables are at this version."""
        with self.engine.connect() as conn:
            current = migrations.current_revision(conn)
        head = migrations.head_revision()
        if current == head:
            return
        if current is None:
            raise SchemaNotCurrentError(
                "The database has no blocking tables yet: run the blocking migrations "
                "(blocking.migrations.upgrade)."
            )
        if not migrations.is_known_revision(current):
            raise SchemaNotCurrentError(
                "The blocking tables are newer ({current}) than this program ({head}); upgrade "
                "the program.",
                current=current,
                head=head,
            )
        raise SchemaNotCurrentError(
            "The blocking tables are at {current}, this program needs {head}: run the blocking "
            "migrations.",
            current=current,
            head=head,
        )


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    skip_conflicts_on: Sequence[str] | None = None,
) -> None:
    """Bulk INSERT through the driver's executemany: each value still goes through its
    column type (so times are stored exactly as SQLAlchemy stores them), but without
    SQLAlchemy's per-row statement work. Several times faster for hundreds of thousands of
    rows; returns nothing, so use it where no generated ids are needed."""
    if not rows:
        return
    columns = list(rows[0])
    dialect = conn.dialect
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    placeholder = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if placeholder is None:  # a driver we did not plan for: let SQLAlchemy do the work
        statement = insert(table)
        conn.execute(statement, list(rows))
        return
    preparer = dialect.identifier_preparer
    sql = (
        f"INSERT INTO {preparer.format_table(table)} "
        f"({', '.join(preparer.quote(name) for name in columns)}) "
        f"VALUES ({', '.join([placeholder] * len(columns))})"
    )
    if skip_conflicts_on:
        sql += (
            f" ON CONFLICT ({', '.join(preparer.quote(n) for n in skip_conflicts_on)}) DO NOTHING"
        )
    # Column by column: one comprehension per column is much cheaper than a call per value.
    values = [
        [process(row[name]) for row in rows] if process else [row[name] for row in rows]
        for name, process in zip(columns, processors, strict=True)
    ]
    conn.exec_driver_sql(sql, list(zip(*values, strict=True)))


def chunked(items: list[T], size: int = CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
