"""One engine and one sessionmaker per database; every unit of work opens its own session.

SQLite gets WAL, foreign keys and a busy timeout on every connection, and write transactions
start with BEGIN IMMEDIATE so two writers queue on the lock instead of failing half-way; on
PostgreSQL write transactions take one advisory lock for the same effect.
A SQLite database is backed up and upgraded at open; a PostgreSQL database is only upgraded
by the explicit `db upgrade` command and refused while its schema is old.

A large import into SQLite (`write(bulk=True)`) runs with a rollback journal when no other
connection has the store open: in WAL mode every page it writes goes to the WAL and is
copied again into the store by the checkpoint; with a rollback journal a page appended past
the old end of the file is written once and not journaled at all. SQLite refuses to leave
WAL while any other connection has the file open, and that refusal is the test: the import
then runs in WAL mode as before. A program whose screens read while it imports (the GUI)
keeps one idle connection open (`keep_readers_in`), so neither its own imports nor another
program's leave WAL while it runs.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

import blocking.migrations
from blocking.errors import os_reason
from forensics_app.clock import Clock
from forensics_app.errors import DatabaseUnavailableError, SchemaOutdatedError
from forensics_app.storage import migrations
from forensics_app.storage.models import EPOCH, UtcDateTime, UtcTimeKey

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A bulk write outside WAL: the journal, and `synchronous` as durable as WAL's FULL (EXTRA
# also syncs the folder once the journal is deleted: the deletion is the commit).
SQLITE_BULK_JOURNAL_MODE = "DELETE"
SQLITE_BULK_SYNCHRONOUS = "EXTRA"
CATALOG_WRITE_LOCK = 0x466F72656E736963  # "Forensic": any constant; one lock for all writers
# Where a session notes the custody chain head it wrote, (seq, entry hash), and every entry it
# appended, [(seq, entry hash), …].
CUSTODY_HEAD_INFO = "custody_head"
CUSTODY_ENTRIES_INFO = "custody_entries"

# Called with the chain head and the entries after a transaction that appended custody
# entries committed (the workstation signs a checkpoint of them outside the database).
CustodyCommitHook = Callable[[int, str, Sequence[tuple[int, str]]], None]


@dataclass(frozen=True)
class TreeState:
    name: str
    current: str | None
    head: str
    is_known: bool  # False: written by a newer program

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


@dataclass(frozen=True)
class SchemaState:
    trees: tuple[TreeState, ...]
    has_foreign_tables: bool

    @property
    def up_to_date(self) -> bool:
        return all(tree.up_to_date for tree in self.trees)

    @property
    def is_empty(self) -> bool:
        return all(tree.current is None for tree in self.trees)

    @property
    def current(self) -> str | None:
        """The catalog schema's revision (the one people talk about)."""
        return self.trees[0].current

    @property
    def head(self) -> str:
        return self.trees[0].head

    def describe(self) -> str:
        """`catalog 0009/0010, blocking -/b0002`: revision codes, the same in every language
        (a Korean upgrade line read "catalog empty/0010"); "-" is a tree not created yet."""
        return ", ".join(f"{t.name} {t.current or '-'}/{t.head}" for t in self.trees)


def _tree_state(tree: migrations.MigrationTree, current: str | None) -> TreeState:
    known = current is None or tree.is_known(current)
    return TreeState(tree.name, current, tree.head(), known)


def describe_url(url: URL) -> str:
    """The URL for messages: never the password."""
    return url.render_as_string(hide_password=True)


def translate_operational_error(exc: DBAPIError, url: URL) -> DatabaseUnavailableError:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = text.lower()
    where = describe_url(url)
    if "locked" in lowered or "busy" in lowered:
        return DatabaseUnavailableError(
            "The database {where} is locked by another program; close it and try again.",
            where=where,
        )
    if "not a database" in lowered or "file is encrypted" in lowered:
        return DatabaseUnavailableError("{where} is not a SQLite database.", where=where)
    if "unable to open" in lowered:
        return DatabaseUnavailableError("Cannot open the database file {where}.", where=where)
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseUnavailableError("The database {where} is read-only.", where=where)
    first_line = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return DatabaseUnavailableError(
        "The database {where} does not answer: {first_line}", where=where, first_line=first_line
    )


class Database:
    """An opened, schema-checked database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self.on_custody_commit: CustodyCommitHook | None = None
        self._checkpoint_lock = threading.Lock()
        self._batches = 0
        self._pending_head: tuple[int, str] | None = None
        self._pending_entries: list[tuple[int, str]] = []
        self._readers_in: sqlite3.Connection | None = None

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def connect(cls, url: str) -> Database:
        """Create the engine without touching the schema (used by `db upgrade`)."""
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise DatabaseUnavailableError("Not a database URL: {url!r}", url=url) from exc
        if parsed.drivername == "sqlite":
            parsed = parsed.set(drivername="sqlite+pysqlite")
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            if parsed.get_backend_name() == "sqlite":
                engine = _sqlite_engine(parsed)
            elif parsed.get_backend_name() == "postgresql":
                engine = create_engine(
                    parsed,
                    pool_pre_ping=True,
                    connect_args={"connect_timeout": 5, "application_name": "forensics-app"},
                )
            else:
                raise DatabaseUnavailableError(
                    "Unsupported database {backend!r}: use sqlite:/// or postgresql://",
                    backend=parsed.get_backend_name(),
                )
        except ImportError as exc:
            raise DatabaseUnavailableError(
                "No driver for {where}: {reason}", where=describe_url(parsed), reason=exc
            ) from exc
        db = cls(engine)
        db.ping()
        return db

    @classmethod
    def open(
        cls, url: str, clock: Clock | None = None, *, auto_upgrade_sqlite: bool = True
    ) -> Database:
        """Open for use: SQLite is backed up and upgraded if old; PostgreSQL must be current."""
        db = cls.connect(url)
        state = db.schema_state()
        if state.up_to_date:
            return db
        where = describe_url(db.url)
        if state.current is None and state.has_foreign_tables:
            db.dispose()
            raise SchemaOutdatedError(
                "{where} holds tables but is not a forensics-app database.", where=where
            )
        unknown = [t for t in state.trees if t.current is not None and not t.is_known]
        if unknown:
            db.dispose()
            raise SchemaOutdatedError(
                "{where} was written by a newer forensics-app ({name} schema {current}); upgrade "
                "the program.",
                where=where,
                name=unknown[0].name,
                current=unknown[0].current,
            )
        if db.is_sqlite and auto_upgrade_sqlite:
            if not state.is_empty:
                stale = next(t for t in state.trees if not t.up_to_date)
                backup = db.backup_sqlite(
                    (clock or Clock()).now(), f"before-upgrade-{stale.current or 'none'}"
                )
                log.info("Backed up %s to %s before upgrading", where, backup)
            db.upgrade()
            return db
        db.dispose()
        if state.is_empty:
            raise SchemaOutdatedError(
                "{where} is empty: create its schema with `forensics-app --db URL db upgrade`.",
                where=where,
            )
        raise SchemaOutdatedError(
            "The schema of {where} is old ({version}): run `forensics-app --db URL db upgrade`.",
            where=where,
            version=state.describe(),
        )

    def ping(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                if self.is_sqlite:
                    # Reading the schema fails on a file that is not SQLite.
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
        except DBAPIError as exc:
            self.dispose()
            raise translate_operational_error(exc, self.url) from exc

    def dispose(self) -> None:
        if self._readers_in is not None:
            self._readers_in.close()
            self._readers_in = None
        self.engine.dispose()

    def keep_readers_in(self) -> None:
        """For a program that reads the store while it (or another program) imports: keep
        one idle connection open until `dispose`. A connection to a WAL database that has
        read once holds a shared lock on the file, so every large import (this program's own
        included) keeps WAL and this program's reads are never shut out by it (see
        `write(bulk=True)`). Nothing happens on PostgreSQL, or when the store cannot be read
        now (an import outside WAL is running: the next one finds this connection)."""
        if not self.is_sqlite or self._readers_in is not None:
            return
        database = str(self.url.database or "")
        if not database or database == ":memory:":
            return
        try:
            reader = sqlite3.connect(
                database,
                timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error:
            return
        try:
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            log.info("Could not keep a reader in %s: %s", describe_url(self.url), exc)
            reader.close()
            return
        self._readers_in = reader

    # ---- schema --------------------------------------------------------------------------
    def schema_state(self) -> SchemaState:
        try:
            with self.engine.connect() as conn:
                trees = tuple(_tree_state(tree, tree.current(conn)) for tree in migrations.TREES)
                version_tables = {migrations.VERSION_TABLE, blocking.migrations.VERSION_TABLE}
                foreign = [
                    name
                    for name in inspect(conn).get_table_names()
                    if name not in version_tables and migrations.is_catalog_table(name)
                ]
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.url) from exc
        return SchemaState(
            trees=trees, has_foreign_tables=bool(foreign) and trees[0].current is None
        )

    def upgrade(self) -> None:
        """Bring every schema in this database to the program's version, in one transaction."""
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    # SQLite changes a constraint by copying the table; dropping the old copy
                    # of a parent table would trip its children's foreign keys. SQLite's own
                    # procedure: keys off outside the transaction, checked before the commit.
                    # (NullPool: this connection, keys off, is closed afterwards, not reused.)
                    raw = conn.connection.dbapi_connection
                    assert raw is not None
                    raw.execute("PRAGMA foreign_keys = OFF")
                with conn.begin():
                    for tree in migrations.TREES:
                        tree.upgrade(conn)
                    if self.is_sqlite:
                        _check_foreign_keys(conn)
        except OperationalError as exc:
            raise translate_operational_error(exc, self.url) from exc

    def backup_sqlite(self, when: datetime, reason: str) -> Path:
        """Copy the live SQLite database (WAL included) with SQLite's online backup API."""
        source = Path(str(self.url.database))
        stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = source.with_name(f"{source.name}.{stamp}.{reason}.bak")
        raw_source = sqlite3.connect(source)
        try:
            raw_target = sqlite3.connect(target)
            try:
                raw_source.backup(raw_target)
            finally:
                raw_target.close()
        finally:
            raw_source.close()
        return target

    # ---- units of work -------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translated(), self._sessions() as session:
            yield session

    @contextmanager
    def write(self, *, bulk: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception.
        If it appended custody entries, the new chain head is handed to `on_custody_commit`
        once the commit is done. `bulk`: a large import, run outside WAL on SQLite when no
        other connection has the store open (see the module's docstring)."""
        with self._translated(), self.engine.connect() as plain:
            journal = bulk and self.is_sqlite and _leave_wal(plain, self.url)
            try:
                conn = (
                    plain.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else plain
                )
                with Session(bind=conn, expire_on_commit=False) as session:
                    with session.begin():
                        self.take_write_turn(session)
                        yield session
                    head = session.info.pop(CUSTODY_HEAD_INFO, None)
                    entries = session.info.pop(CUSTODY_ENTRIES_INFO, [])
            finally:
                if journal:
                    _back_to_wal(plain, self.url)
        if head is not None:
            seq, entry_hash = head
            self.custody_committed(seq, entry_hash, entries)

    def take_write_turn(self, session: Session) -> None:
        """The PostgreSQL twin of BEGIN IMMEDIATE: catalog writers take turns, so "next
        number" reads and the custody chain never race between workstations."""
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CATALOG_WRITE_LOCK})

    @contextmanager
    def joined(self, connection: Connection) -> Iterator[Session]:
        """A session inside a transaction someone else opened on `connection` (the blocking
        library's, say) and commits: what it writes lands or vanishes with theirs. After
        their commit, hand `custody_written(session)` to `custody_committed`."""
        with Session(bind=connection, expire_on_commit=False) as session:
            self.take_write_turn(session)
            yield session
            session.flush()

    @staticmethod
    def custody_written(session: Session) -> tuple[int, str, list[tuple[int, str]]] | None:
        """(head seq, head hash, entries) a session appended, or None."""
        head = session.info.get(CUSTODY_HEAD_INFO)
        if head is None:
            return None
        return head[0], head[1], list(session.info.get(CUSTODY_ENTRIES_INFO, []))

    def custody_committed(
        self, seq: int, entry_hash: str, entries: Sequence[tuple[int, str]] = ()
    ) -> None:
        """The chain head (and the entries) after a committed write: checkpointed now, or at
        the end of the batch that is running (`custody_batch`). A failing checkpoint is
        logged, never raised: the action itself is done and recorded in the database."""
        with self._checkpoint_lock:
            if self._batches:
                if self._pending_head is None or seq > self._pending_head[0]:
                    self._pending_head = (seq, entry_hash)
                self._pending_entries.extend(entries)
                return
        self._checkpoint(seq, entry_hash, entries)

    @contextmanager
    def custody_batch(self) -> Iterator[None]:
        """Many small writes that make one examiner action (verifying a thousand files): one
        checkpoint at the end instead of one per write."""
        with self._checkpoint_lock:
            self._batches += 1
        try:
            yield
        finally:
            with self._checkpoint_lock:
                self._batches -= 1
                head = self._pending_head if self._batches == 0 else None
                entries = self._pending_entries
                if self._batches == 0:
                    self._pending_head, self._pending_entries = None, []
            if head is not None:
                self._checkpoint(*head, sorted(entries))

    def _checkpoint(self, seq: int, entry_hash: str, entries: Sequence[tuple[int, str]]) -> None:
        hook = self.on_custody_commit
        if hook is None:
            return
        try:
            hook(seq, entry_hash, entries)
        except Exception:
            log.exception("Could not sign a checkpoint of custody entry %s", seq)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            raise translate_operational_error(exc, self.url) from exc


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"The upgrade would break foreign keys: {broken[:5]}")


def _leave_wal(conn: Connection, url: URL) -> bool:
    """Switch the store to a rollback journal for one bulk write; False (WAL kept) when SQLite
    refuses because another connection has the file open, or the folder cannot hold the
    journal. Asked without waiting: a busy store is the answer, not something to wait for."""
    name = str(url.database or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return False
    if not os.access(Path(name).parent, os.W_OK | os.X_OK):
        return False
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        mode = raw.execute(f"PRAGMA journal_mode = {SQLITE_BULK_JOURNAL_MODE}").fetchone()
    except sqlite3.Error as exc:
        log.debug("%s stays in WAL mode for this import: %s", describe_url(url), exc)
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    if not mode or str(mode[0]).upper() != SQLITE_BULK_JOURNAL_MODE:
        _back_to_wal(conn, url)
        return False
    raw.execute(f"PRAGMA synchronous = {SQLITE_BULK_SYNCHRONOUS}")
    log.debug("%s: this import writes with a rollback journal", describe_url(url))
    return True


def _back_to_wal(conn: Connection, url: URL) -> None:
    """After the bulk write (committed or rolled back). Should that fail, the next connection
    to open switches the store back (every connection asks for WAL)."""
    raw = conn.connection.dbapi_connection
    try:
        assert raw is not None
        mode = raw.execute("PRAGMA journal_mode = WAL").fetchone()
        raw.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        log.warning("Could not switch %s back to WAL now: %s", describe_url(url), exc)
        return
    if not mode or str(mode[0]).lower() != "wal":
        log.warning("%s is in %s mode after an import, not WAL", describe_url(url), mode)


def _sqlite_file(url: URL) -> Path | None:
    """The file a SQLite URL names; None for other databases, memory and `file:` URIs."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def require_existing(url: str) -> None:
    """Refuse (DatabaseUnavailableError, exit 3) a SQLite URL whose file does not exist, before
    anything is created: a mistyped --db given to a command that only reads (or that needs a
    case or an examiner) made the folders and an empty database, and answered as if the
    database were merely empty. Other URLs are left for `Database.connect` to judge."""
    try:
        path = _sqlite_file(make_url(url))
    except ArgumentError:
        return  # Database.connect says what is wrong with it
    if path is not None and not path.exists():
        raise DatabaseUnavailableError(
            "There is no database at {path}; nothing was created (the first `examiner add` "
            "starts a new one, `db upgrade` makes an empty one).",
            path=str(path),
        )


def _sqlite_engine(url: URL) -> Engine:
    path = _sqlite_file(url)
    if path is not None:
        parent = path.parent
        if not parent.exists():
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailableError(
                    "Cannot create folder {parent}: {exc}", parent=parent, exc=os_reason(exc)
                ) from exc
    # NullPool: a connection per unit of work; SQLite connections are cheap and this keeps
    # threads from sharing one.
    engine = create_engine(
        url,
        poolclass=NullPool,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event decide how transactions start (see _on_begin).
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
        mode = conn.get_execution_options().get("sqlite_begin")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine


# ---- bulk reads (exports, reports) ----------------------------------------------------------
def plain_rows(connection: Connection, statement: Any) -> Sequence[Sequence[Any]]:
    """Every row of `statement`, each value as SQLAlchemy would give it (aware UTC times,
    booleans), for streams of millions of rows.

    On SQLite the rows are fetched from the DBAPI cursor and only the columns whose type
    converts a value are converted, UtcDateTime from its stored text in one call: building a
    Row and running the type's two layers of processors for each value was a third of a big
    report's reading. SQLAlchemy still compiles the statement and binds its parameters.
    Other databases: the rows as SQLAlchemy gives them."""
    result = connection.execute(statement)
    if connection.dialect.name != "sqlite":
        return result.all()
    try:
        raw = result.cursor.fetchall()
    finally:
        result.close()
    dialect = connection.dialect
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(statement.selected_columns):
        # The processor SQLAlchemy itself runs: the type's, composed with its dialect's.
        processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if isinstance(column.type, UtcDateTime):
            converters.append((index, _utc_from_sqlite(processor)))
        elif isinstance(column.type, UtcTimeKey):
            converters.append((index, _utc_from_microseconds(processor)))
        elif processor is not None:
            converters.append((index, processor))
    if not converters:
        return raw
    rows: list[list[Any]] = []
    for row in raw:
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        rows.append(values)
    return rows


def _utc_from_microseconds(general: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """UtcTimeKey's value from SQLite's integer microseconds, without the type's layers of
    processors; anything else through them. (0.47 s per million values, where parsing
    UtcDateTime's text takes 0.2 s: a bulk read of a million messages pays 0.3 s for the
    import's cheaper keys.)"""
    epoch, delta = EPOCH, timedelta

    def convert(value: Any) -> Any:
        if value.__class__ is int:
            return epoch + delta(0, 0, value)  # positional: a third faster than keywords
        if value is None:
            return None
        return general(value) if general is not None else value

    return convert


def _utc_from_sqlite(general: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """UtcDateTime's value from SQLite's text "YYYY-MM-DD HH:MM:SS[.ffffff]" (naive UTC):
    parsed with its zone in one C call (the same aware datetime, tzinfo `UTC`). Text that
    already names an offset cannot take a second one: it, and anything else, goes through
    the type's own processor."""
    parse = datetime.fromisoformat

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if value.__class__ is str:
            try:
                return parse(value + "+00:00")
            except ValueError:
                pass
        return general(value) if general is not None else value

    return convert
