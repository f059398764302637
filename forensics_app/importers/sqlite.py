"""SQLite evidence: recognise it by its bytes, open only the working copy, read its schema
without touching what needs a foreign extension, and read rows whatever their text encoding.

Never query a whole database generically: Apple's AddressBook has a full-text table whose
tokenizer exists only on the phone, and merely preparing a statement on it fails. The schema
is read from sqlite_master and PRAGMA table_info of ordinary tables only.
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocking.errors import sqlite_reason
from forensics_app.messages import Message, msg

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class SignatureKind:
    SQLITE = "sqlite"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"
    OTHER = "other"


@dataclass(frozen=True)
class Signature:
    kind: str
    problem: Message | None = None  # for SQLite files: truncated, or header damaged


def sniff(head: bytes, size: int) -> Signature:
    """What the first bytes of a file say it is. `head` should hold at least 4096 bytes."""
    if size == 0:
        return Signature(SignatureKind.EMPTY, msg("the file is empty"))
    if head.startswith(SQLITE_MAGIC):
        return Signature(SignatureKind.SQLITE, _header_problem(head, size))
    if _looks_encrypted(head, size):
        return Signature(SignatureKind.ENCRYPTED)
    return Signature(SignatureKind.OTHER)


def _header_problem(head: bytes, size: int) -> Message | None:
    if len(head) < HEADER_SIZE:
        return msg("truncated: only {size} bytes, less than a SQLite header", size=size)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return msg("damaged header: page size {page_size} is impossible", page_size=page_size)
    pages = int.from_bytes(head[28:32], "big")
    change_counter = int.from_bytes(head[24:28], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    # The in-header size is trustworthy only when written by SQLite 3.7.0+ (valid_for matches).
    if pages and change_counter == valid_for and size < pages * page_size:
        return msg(
            "truncated: the header announces {pages} pages of {page_size} bytes "
            "({announced} bytes), the file holds {size}",
            pages=pages,
            page_size=page_size,
            announced=pages * page_size,
            size=size,
        )
    if size % page_size and size > page_size:
        return msg(
            "truncated: {size} bytes is not a whole number of {page_size}-byte pages",
            size=size,
            page_size=page_size,
        )
    return None


def _looks_encrypted(head: bytes, size: int) -> bool:
    """SQLCipher and similar: whole pages of bytes that look random from the first byte on
    (SQLCipher starts with a random salt where SQLite has its magic string)."""
    if size < 1024 or size % 512 or len(head) < 1024:
        return False
    sample = head[:4096]
    counts = Counter(sample)
    entropy = -sum(c / len(sample) * math.log2(c / len(sample)) for c in counts.values())
    return entropy > 7.5


class DatabaseUnreadable(Exception):
    """The working copy cannot be read as SQLite (damaged, truncated, encrypted). `message`
    says why, in the reader's language when rendered; str() is its English."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class Schema:
    tables: dict[str, dict[str, str]] = field(default_factory=dict)  # lower → {lower: actual}
    names: dict[str, str] = field(default_factory=dict)  # lower table name → actual
    virtual: set[str] = field(default_factory=set)
    without_rowid: set[str] = field(default_factory=set)  # lower table names
    user_version: int = 0

    def has(self, table: str, *columns: str) -> bool:
        found = self.tables.get(table.lower())
        return found is not None and all(
            c.lower() in found or c.lower() == "rowid" for c in columns
        )

    def columns(self, table: str) -> set[str]:
        return set(self.tables.get(table.lower(), {}))

    def missing(self, table: str, columns: Sequence[str]) -> list[str]:
        found = self.tables.get(table.lower())
        if found is None:
            return [table]
        return [c for c in columns if c.lower() not in found]


class TextDecodeReport:
    """Counts text values that were not UTF-8 and how they were read."""

    def __init__(self) -> None:
        self.as_cp949 = 0
        self.replaced = 0

    def decode(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = raw.decode("cp949")
        except UnicodeDecodeError:
            self.replaced += 1
            return raw.decode("utf-8", "replace")
        self.as_cp949 += 1
        return text


class SqliteDatabase:
    """A working copy opened for reading, with its schema."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = TextDecodeReport()
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            add_device_collations(self._conn)
            self._conn.execute("PRAGMA query_only = 1")
            self.schema = _read_schema(self._conn)
        except sqlite3.DatabaseError as exc:
            self.close_quietly()
            raise DatabaseUnreadable(_explain(exc)) from exc
        except UnicodeDecodeError as exc:
            # SQLite's own message quotes the damaged schema's bytes ("malformed database
            # schema (\xffaa)"), which Python cannot turn into the error's text: it raised
            # this instead of a DatabaseError (an internal error, exit 70).
            self.close_quietly()
            text = exc.object.decode("utf-8", "replace") if isinstance(exc.object, bytes) else ""
            raise DatabaseUnreadable(
                msg("damaged or truncated SQLite database ({error})", error=text or str(exc))
            ) from exc

    def close_quietly(self) -> None:
        conn = getattr(self, "_conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    def close(self) -> None:
        self.close_quietly()

    def quote(self, table: str, column: str | None = None) -> str:
        """The actual name, quoted, of a table (or a column in it)."""
        actual_table = self.schema.names.get(table.lower(), table)
        if column is None:
            return _quote(actual_table)
        actual = self.schema.tables.get(table.lower(), {}).get(column.lower(), column)
        return _quote(actual)

    def select(
        self, table: str, wanted: Sequence[str], order: str | Sequence[str] | None = None
    ) -> str:
        """SELECT of `wanted` columns; those the table lacks come back as NULL. `order`
        names the columns to sort by (those the table lacks are left out)."""
        present = self.schema.tables.get(table.lower(), {})

        def column(name: str) -> str | None:
            if name.lower() in present:
                return self.quote(table, name)
            return "rowid" if name.lower() == "rowid" else None

        parts = [column(c) or "NULL" for c in wanted]
        sql = f"SELECT {', '.join(parts)} FROM {self.quote(table)}"
        keys = [order] if isinstance(order, str) else list(order or ())
        ordering = [c for c in map(column, keys) if c is not None]
        if ordering:
            sql += " ORDER BY " + ", ".join(ordering)
        return sql

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a query. Text that is not UTF-8 would stop sqlite3 mid-way; the query then
        runs again with a tolerant decoder and goes on after the rows already given."""
        given = 0
        try:
            for row in self._conn.execute(sql, parameters):
                given += 1
                yield row
            return
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc).lower():
                raise DatabaseUnreadable(_explain(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnreadable(_explain(exc)) from exc
        tolerant = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        add_device_collations(tolerant)
        tolerant.text_factory = self.text.decode
        try:
            cursor = tolerant.execute(sql, parameters)
            for index, row in enumerate(cursor):
                if index >= given:
                    yield row
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnreadable(_explain(exc)) from exc
        finally:
            tolerant.close()

    def scalar(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        for row in self.rows(sql, parameters):
            return row[0]
        return None

    def count(self, table: str) -> int:
        if not self.schema.has(table):
            return 0
        return int(self.scalar(f"SELECT count(*) FROM {self.quote(table)}") or 0)


# Collations Android's providers declare on their columns (contacts2.db: PHONEBOOK, LOCALIZED;
# others: UNICODE). A query that needs one would otherwise fail with "no such collation".
DEVICE_COLLATIONS = ("LOCALIZED", "UNICODE", "PHONEBOOK", "PHONE_NUMBERS")


def _compare(first: str, second: str) -> int:
    return (first > second) - (first < second)


def add_device_collations(conn: sqlite3.Connection) -> None:
    for name in DEVICE_COLLATIONS:
        conn.create_collation(name, _compare)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_WITHOUT_ROWID = re.compile(r"\bWITHOUT\s+ROWID\b", re.IGNORECASE)


def _read_schema(conn: sqlite3.Connection) -> Schema:
    schema = Schema()
    schema.user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    # A name or a definition that is not UTF-8 (a damaged or forged schema) is read with the
    # bad bytes replaced, not as an error: it refused the whole database. Such a table's
    # columns cannot be read by name; the others are.
    entries = [
        (_replaced(name), _replaced(sql))
        for name, sql in conn.execute(
            "SELECT CAST(name AS BLOB), CAST(coalesce(sql, '') AS BLOB) FROM sqlite_master "
            "WHERE type = 'table'"
        ).fetchall()
    ]
    for name, sql in entries:
        if not name:
            continue
        if sql.lstrip().upper().startswith("CREATE VIRTUAL"):
            # Never instantiate a virtual table: its module may not exist here.
            schema.virtual.add(name.lower())
            continue
        try:
            conn.text_factory = _replaced  # a column name that is not UTF-8, likewise
            info = conn.execute(f"PRAGMA table_info({_quote(name)})").fetchall()
        except sqlite3.DatabaseError:
            continue
        finally:
            conn.text_factory = str
        schema.names[name.lower()] = name
        schema.tables[name.lower()] = {str(col[1]).lower(): str(col[1]) for col in info}
        if _WITHOUT_ROWID.search(sql[sql.rfind(")") + 1 :]):  # the table options
            schema.without_rowid.add(name.lower())
    return schema


def _replaced(raw: object) -> str:
    return bytes(raw).decode("utf-8", "replace") if isinstance(raw, bytes) else ""


def _explain(exc: sqlite3.Error) -> Message:
    text = str(exc)
    lowered = text.lower()
    if "not a database" in lowered or "file is encrypted" in lowered:
        return msg("not a readable SQLite database (encrypted, or not SQLite at all)")
    if "malformed" in lowered or "disk i/o" in lowered or "database corrupt" in lowered:
        return msg("damaged or truncated SQLite database ({error})", error=sqlite_reason(exc))
    return msg("SQLite cannot read it: {error}", error=sqlite_reason(exc))
