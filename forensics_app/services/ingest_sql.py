"""The ingest's SQL path: a declared table (`importers.bulk.TableRows`) converted and stored
without its rows ever becoming Python objects.

The importer's declaration gives every record field as an SQL expression over the source
table (see importers.bulk); this module maps the fields onto the store's columns the way
`ArtifactWriter` does for records — numbers classified (once per distinct address, joined
back), conversations linked, text cleaned of NUL — and then
  - on SQLite attaches the working copy to the store's own connection and writes with one
    INSERT … SELECT;
  - on PostgreSQL reads the same SELECT from an in-memory SQLite connection that attaches
    the working copy, a chunk of rows at a time, and sends them with psycopg's COPY.
A pass over the new rows, a chunk at a time, then reads the message texts back: they are
checked to be valid UTF-8 (SQLite copies bytes as they are; the Python path reads text that
is not UTF-8 as CP949 and says so), the numbers written in them are found, and the hourly
counts and the report's counters are gathered.

Anything the SQL path cannot do as the Python path would — text that is not UTF-8, a
database in UTF-16, a table without rowid, a tenth attached database — makes it step back:
what it wrote is rolled back to a savepoint and the importer reads the table the Python way.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import signal
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from forensics_app.importers.addresses import (
    SEVEN_DIGITS,
    Address,
    AddressKind,
    classify,
    has_wide_digits,
    numbers_in_joined,
)
from forensics_app.importers.base import ParseContext
from forensics_app.importers.bulk import (
    Col,
    ContactTables,
    Kind,
    SqlEnv,
    TableRows,
    copied_text,
    decoded_texts,
    expected_classes,
    from_sql,
    sql_literal,
    to_sql,
)
from forensics_app.importers.records import CallRecord, MessageRecord, PointKind
from forensics_app.importers.sqlite import add_device_collations
from forensics_app.progress import Cancelled, ProgressReporter
from forensics_app.storage.models import SEARCHED_TEXT_LIMIT

log = logging.getLogger(__name__)
# The addresses of a table come here distinct: classify's cache would only be churned (filling
# and evicting it cost as much as classifying 182,000 distinct numbers of a call log).
classify_distinct = classify.__wrapped__

CHUNK_ROWS = 20_000
HOUR_MICROSECONDS = 3_600_000_000
# Between texts read back in one piece: a number never spans four characters that are not
# digits (addresses.SEVEN_DIGITS allows three), and stored text holds no NUL.
TEXT_SEPARATOR = "\x00" * 4
# Scanned for numbers as far as it is searched (storage.models.SEARCHED_TEXT_LIMIT: why).
BODY_SCAN_LIMIT = SEARCHED_TEXT_LIMIT
PROGRESS_EVERY_OPS = 200_000
# A column whose first rows are more than this share distinct is made distinct by sorting
# (GROUP BY), otherwise by a lookup tree (DISTINCT): see _Distinct.query.
DISTINCT_SAMPLE_ROWS = 10_000
MANY_DISTINCT = 0.1
# artifact_calls.duration_seconds is a 32-bit INTEGER on PostgreSQL (68 years): a duration
# beyond it is no duration, and is stored as unknown on both databases alike.
DURATION_MIN, DURATION_MAX = -(2**31), 2**31 - 1


class StepBack(Exception):
    """The SQL path cannot read this table as the Python path would: read it that way."""


# ---- how a record's fields become store columns ---------------------------------------------
@dataclass(frozen=True)
class StoreColumn:
    name: str
    kind: str  # Kind.TEXT, INT, BOOL or TIME
    sql: str  # over the source alias `s` and the joined lookups


@dataclass
class StoreShape:
    """One kind of record in the store: its table, its columns as SQL, the columns holding
    text read from the source (checked to be UTF-8), and which field lands in which column
    as it is (for the report's counters)."""

    table: str
    columns: list[StoreColumn]
    checked_text: list[str]
    body: str | None  # the column whose numbers become mentions
    time: str  # the column counted per hour
    as_stored: dict[str, str]  # field → column holding it unchanged
    # SQLite: the function removing NUL from the body, written as found and cleaned where
    # the read back finds NUL (see _Joins.clean_body_on_read); None: cleaned as written.
    strip_body: str | None = None


def _clean(sql: str, joins: _Joins) -> str:
    """The text without NUL, as the Python path stores it (PostgreSQL text cannot hold NUL).
    SQLite's replace() cannot remove NUL (it reads its pattern as C text: empty), so texts
    holding one go to Python; instr() finds it, comparing bytes."""
    return (
        f"CASE WHEN instr({sql}, CAST(X'00' AS TEXT)) > 0 "
        f"THEN {joins.prefix}_strip_nul({sql}) ELSE {sql} END"
    )


def strip_nul(text: object) -> object:
    return text.replace("\x00", "") if isinstance(text, str) else text


def _message_shape(f: dict[str, str], ids: tuple[int, int, int], joins: _Joins) -> StoreShape:
    case_id, item_id, source_id = ids
    address = f["address"]
    conversation = joins.conversation_id(f["conversation_key"])
    number = joins.address(address)
    columns = [
        StoreColumn("case_id", Kind.INT, str(case_id)),
        StoreColumn("item_id", Kind.INT, str(item_id)),
        StoreColumn("source_id", Kind.INT, str(source_id)),
        StoreColumn("source_table", Kind.TEXT, f["table"]),
        StoreColumn("source_row", Kind.TEXT, f["row"]),
        StoreColumn("conversation_id", Kind.INT, conversation),
        StoreColumn("sent_at", Kind.TIME, f["sent_at"]),
        StoreColumn("sent_at_raw", Kind.TEXT, f["sent_at_raw"]),
        StoreColumn("direction", Kind.TEXT, f["direction"]),
        StoreColumn("status", Kind.TEXT, f["status"]),
        StoreColumn("is_read", Kind.BOOL, f["is_read"]),
        StoreColumn("deleted", Kind.BOOL, f"coalesce({f['deleted']}, 0)"),
        StoreColumn("service", Kind.TEXT, f["service"]),
        StoreColumn("number_raw", Kind.TEXT, joins.number_raw(address)),
        *_number_columns(address, number, joins),
        StoreColumn("participants", Kind.TEXT, "''"),
        StoreColumn("subject", Kind.TEXT, _clean(f["subject"], joins)),
        StoreColumn("body", Kind.TEXT, joins.body(f["body"])),
        StoreColumn("attachment_count", Kind.INT, "0"),
        StoreColumn("parse_note", Kind.TEXT, f["note"]),
    ]
    return StoreShape(
        "artifact_messages",
        columns,
        checked_text=["source_table", "source_row", "sent_at_raw", "subject", "parse_note"],
        body="body",
        time="sent_at",
        as_stored={
            "sent_at": "sent_at", "direction": "direction", "status": "status",
            "service": "service", "note": "parse_note", "is_read": "is_read",
        },
        strip_body=f"{joins.prefix}_strip_nul" if joins.clean_body_on_read else None,
    )  # fmt: skip


def _call_shape(f: dict[str, str], ids: tuple[int, int, int], joins: _Joins) -> StoreShape:
    case_id, item_id, source_id = ids
    address = f["address"]
    number = joins.address(address)
    columns = [
        StoreColumn("case_id", Kind.INT, str(case_id)),
        StoreColumn("item_id", Kind.INT, str(item_id)),
        StoreColumn("source_id", Kind.INT, str(source_id)),
        StoreColumn("source_table", Kind.TEXT, f["table"]),
        StoreColumn("source_row", Kind.TEXT, f["row"]),
        StoreColumn("started_at", Kind.TIME, f["started_at"]),
        StoreColumn("started_at_raw", Kind.TEXT, f["started_at_raw"]),
        StoreColumn("direction", Kind.TEXT, f["direction"]),
        StoreColumn("call_type", Kind.TEXT, f["call_type"]),
        StoreColumn("answered", Kind.BOOL, f["answered"]),
        StoreColumn(
            "duration_seconds",
            Kind.INT,
            f"CASE WHEN {f['duration_seconds']} BETWEEN {DURATION_MIN} AND {DURATION_MAX} "
            f"THEN {f['duration_seconds']} END",
        ),
        StoreColumn("service", Kind.TEXT, f["service"]),
        StoreColumn("app", Kind.TEXT, _clean(f["app"], joins)),
        StoreColumn("number_raw", Kind.TEXT, _clean(address, joins)),
        *_number_columns(address, number, joins),
        StoreColumn("name", Kind.TEXT, _clean(f["name"], joins)),
        StoreColumn("deleted", Kind.BOOL, f"coalesce({f['deleted']}, 0)"),
        StoreColumn("parse_note", Kind.TEXT, f["note"]),
    ]
    return StoreShape(
        "artifact_calls",
        columns,
        checked_text=[
            "source_table", "source_row", "started_at_raw", "direction", "call_type", "service",
            "app", "name", "parse_note",
        ],
        body=None,
        time="started_at",
        as_stored={
            "started_at": "started_at", "direction": "direction", "call_type": "call_type",
            "service": "service", "note": "parse_note", "answered": "answered",
            "duration_seconds": "duration_seconds",
        },
    )  # fmt: skip


def _number_columns(address: str, number: str, joins: _Joins) -> list[StoreColumn]:
    """E.164, digits and kind of the address, from the table of classified addresses joined
    as `number` (see TableLoader._fill_addresses). Where the addresses are mostly distinct
    (a call log; an SMS table with a sender per message) Korean mobile numbers written the
    usual ways (MOBILE_SHAPES) are classified in SQL instead and left out of that table:
    sorting, classifying, storing and looking up a million distinct numbers costs 6 µs each,
    the tests a fraction of a µs per row (which is all they would cost where a few thousand
    numbers repeat)."""
    if not joins.mobile_in_sql:
        return [
            StoreColumn("number_e164", Kind.TEXT, f"{number}.e164"),
            StoreColumn("number_digits", Kind.TEXT, f"coalesce({number}.digits, '')"),
            StoreColumn("number_kind", Kind.TEXT, f"coalesce({number}.kind, '')"),
        ]
    return _sql_mobile_columns(
        address, f"{number}.e164", f"coalesce({number}.digits, '')", f"coalesce({number}.kind, '')"
    )


def _sql_mobile_columns(address: str, e164: str, digits: str, kind: str) -> list[StoreColumn]:
    """E.164, digits and kind of the address as SQL: the Korean mobile shapes' own, else
    the SQL given."""
    e164_cases = " ".join(
        f"WHEN {address} GLOB '{shape.glob}' THEN {shape.e164.format(a=address)}"
        for shape in SQL_MOBILE_SHAPES
    )
    digits_cases = " ".join(
        f"WHEN {address} GLOB '{shape.glob}' THEN {shape.digits.format(a=address)}"
        for shape in SQL_MOBILE_SHAPES
    )
    return [
        StoreColumn("number_e164", Kind.TEXT, f"CASE {e164_cases} ELSE {e164} END"),
        StoreColumn("number_digits", Kind.TEXT, f"CASE {digits_cases} ELSE {digits} END"),
        StoreColumn(
            "number_kind",
            Kind.TEXT,
            f"CASE WHEN {korean_mobile_test(address)} THEN '{AddressKind.PHONE}' ELSE {kind} END",
        ),
    ]


def korean_mobile_test(sql: str) -> str:
    """SQL: whether the text is a Korean mobile number written in one of SQL_MOBILE_SHAPES
    (classify gives each such number E.164 +8210…)."""
    return "(" + " OR ".join(f"{sql} GLOB '{s.glob}'" for s in SQL_MOBILE_SHAPES) + ")"


@dataclass(frozen=True)
class MobileShape:
    """A way a Korean mobile number is written that SQL classifies as classify does: a GLOB
    pattern, and the E.164 and digits as SQL over the text `{a}`; `example` writes the
    national number 10XXXXXXXXX that way (to check the shape against classify)."""

    glob: str
    e164: str
    digits: str
    example: Callable[[str], str]


# 010, then 0-4 or 6-9, then seven digits: phonenumbers' Korean mobile pattern accepts every
# such national number (1 0[0-46-9] \d{6,7}); 0105… depends on the next digits, so Python
# classifies it. A shape may separate the groups by a space or a hyphen (classify removes
# both: digits as written, E.164 from them); checked against the installed library at import
# (SQL_MOBILE_SHAPES).
_THIRD, _DIGIT, _GAP = "[0-46-9]", "[0-9]", "[- ]"
KOREAN_MOBILE_GLOB = "010" + _THIRD + _DIGIT * 7
MOBILE_SHAPES = (
    MobileShape(  # 01012345678
        KOREAN_MOBILE_GLOB, "'+82' || substr({a}, 2)", "{a}", lambda n: "0" + n
    ),
    MobileShape(  # 010-1234-5678, 010 1234 5678
        "010" + _GAP + _THIRD + _DIGIT * 3 + _GAP + _DIGIT * 4,
        "'+8210' || substr({a}, 5, 4) || substr({a}, 10, 4)",
        "'010' || substr({a}, 5, 4) || substr({a}, 10, 4)",
        lambda n: f"0{n[:2]}-{n[2:6]}-{n[6:]}",
    ),
    MobileShape(  # +821012345678
        "+8210" + _THIRD + _DIGIT * 7, "{a}", "substr({a}, 2)", lambda n: "+82" + n
    ),
    MobileShape(  # +82 10-1234-5678, +82-10-1234-5678, +82 10 1234 5678
        "+82" + _GAP + "10" + _GAP + _THIRD + _DIGIT * 3 + _GAP + _DIGIT * 4,
        "'+8210' || substr({a}, 8, 4) || substr({a}, 13, 4)",
        "'8210' || substr({a}, 8, 4) || substr({a}, 13, 4)",
        lambda n: f"+82 {n[:2]}-{n[2:6]}-{n[6:]}",
    ),
)


def _shape_agrees(shape: MobileShape) -> bool:
    """Whether classify gives every number written in the shape (each third digit, spaces
    or hyphens) the E.164 and digits the shape's SQL gives, as a phone."""
    conn = sqlite3.connect(":memory:")
    try:
        statement = (
            f"SELECT ?1 GLOB '{shape.glob}', {shape.e164.format(a='?1')}, "
            f"{shape.digits.format(a='?1')}"
        )
        for third in "012346789":
            for rest in ("0000000", "9999999", "1234567", "5050505", "9696969"):
                written = shape.example(f"10{third}{rest}")
                for text in {written, written.replace("-", " "), written.replace(" ", "-")}:
                    accepted, e164, digits = conn.execute(statement, (text,)).fetchone()
                    if not accepted or classify_distinct(text) != Address(
                        text, AddressKind.PHONE, e164, digits
                    ):
                        return False
    finally:
        conn.close()
    return True


SQL_MOBILE_SHAPES = tuple(shape for shape in MOBILE_SHAPES if _shape_agrees(shape))
SQL_MOBILE_PATH = bool(SQL_MOBILE_SHAPES)


SHAPES: dict[type, Callable[[dict[str, str], tuple[int, int, int], _Joins], StoreShape]] = {
    MessageRecord: _message_shape,
    CallRecord: _call_shape,
}


class _Joins:
    """The lookup tables the store columns join: classified addresses, conversation ids."""

    def __init__(
        self,
        prefix: str,
        mobile_in_sql: bool = False,
        pairs: bool = False,
        clean_body_on_read: bool = False,
    ) -> None:
        self.prefix = prefix
        # SQLite: bodies are read back whole after the insert, where Python finds NUL in a
        # chunk of them at once; instr() over every body as it is written cost a million
        # messages 0.13 s. (PostgreSQL's COPY cannot take NUL: cleaned as written.)
        self.clean_body_on_read = clean_body_on_read
        self.mobile_in_sql = mobile_in_sql  # see _number_columns
        # Conversation and address found by one lookup of the pair (TableLoader._fill_pairs).
        self.pairs = pairs
        self.address_sql: str | None = None
        self.conversation_sql: str | None = None

    def address(self, sql: str) -> str:
        self.address_sql = sql
        return "a"

    def conversation_id(self, sql: str) -> str:
        if sql == "NULL":
            return "NULL"
        self.conversation_sql = sql
        return "a.conversation_id" if self.pairs else "cv.id"

    def body(self, sql: str) -> str:
        return sql if self.clean_body_on_read else _clean(sql, self)

    def number_raw(self, address: str) -> str:
        """The address as stored (without NUL): the pair's, cleaned once per pair."""
        if self.pairs:
            return f"coalesce(a.number_raw, {_clean(address, self)})"
        return _clean(address, self)

    def clauses(self) -> list[str]:
        if self.pairs:
            return [
                f"LEFT JOIN temp.{self.prefix}_pairs a ON a.key IS {self.conversation_sql} "
                f"AND a.raw IS {self.address_sql}"
            ]
        found = []
        if self.address_sql is not None:
            found.append(f"LEFT JOIN temp.{self.prefix}_addresses a ON a.raw = {self.address_sql}")
        if self.conversation_sql is not None:
            found.append(
                f"LEFT JOIN temp.{self.prefix}_conversations cv ON cv.key = {self.conversation_sql}"
            )
        return found


# ---- results -------------------------------------------------------------------------------
@dataclass
class Loaded:
    """What the SQL path wrote: ids first .. first + count - 1, and what the writer records
    next to them."""

    first: int
    count: int
    # UTC hour → rows: on SQLite hours since 1970 as text ("473040"), on PostgreSQL
    # "YYYY-MM-DD HH"
    hours: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (id, E.164, written)
    counted: list[int] = field(default_factory=list)  # per counter of the declaration
    # Ids of the bodies longer than BODY_SCAN_LIMIT (searched and scanned only that far),
    # found by the read back: no second pass over a million bodies to look for the few.
    long_bodies: list[int] = field(default_factory=list)


class ConversationMaker(Protocol):
    """The writer's conversations: those it knows (key → id), and `make`, which adds those
    missing from (key, service, address of its first message) and returns their ids."""

    @property
    def known(self) -> dict[str, int]: ...

    def make(self, firsts: list[tuple[str, str, str]]) -> dict[str, int]: ...


class BulkTarget(Protocol):
    """What the loader needs of the ingest's BulkWriter."""

    sqlite: bool

    @property
    def raw(self) -> Any: ...

    def attach(self, path: Path) -> str | None: ...

    def reserve(self, table: str, count: int) -> int: ...

    def next_id(self, table: str) -> int: ...

    def taken(self, table: str, count: int) -> None: ...

    def forget(self, table: str, first: int | None = None) -> None: ...


class TableLoader:
    """Runs declared tables through SQL for one source (see the module's docstring)."""

    _runs = itertools.count(1)

    def __init__(
        self, bulk: BulkTarget, ids: tuple[int, int, int], progress: ProgressReporter
    ) -> None:
        self._bulk = bulk
        self._ids = ids
        self._progress = progress

    def load(
        self, rows: TableRows, ctx: ParseContext, conversations: ConversationMaker
    ) -> Loaded | None:
        """Write the table; None (nothing written) when the Python path has to read it."""
        shape_of = SHAPES.get(rows.record)
        if shape_of is None or not rows.has_rowid(ctx.db):
            return None
        for name in ("participants", "attachments"):
            if name in rows.record._fields and rows.constant_or_none(name) != ():
                return None
        prefix = f"fa_bulk{next(self._runs)}"
        if self._bulk.sqlite:
            schema = self._bulk.attach(ctx.db.path)
            if schema is None:
                return None
            return self._run(rows, ctx, conversations, self._bulk.raw, schema, prefix)
        reader = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            add_device_collations(reader)
            try:
                reader.execute("ATTACH DATABASE ? AS src", (str(ctx.db.path),))
            except sqlite3.Error:
                return None
            return self._run(rows, ctx, conversations, reader, "src", prefix)
        finally:
            reader.close()

    # ---- the run
    def _run(
        self,
        rows: TableRows,
        ctx: ParseContext,
        conversations: ConversationMaker,
        conn: Any,
        schema: str,
        prefix: str,
    ) -> Loaded | None:
        table = f"{schema}.{ctx.db.quote(rows.table)}"
        try:
            with timed(f"{rows.table}: storage classes"):
                classes = _storage_classes(conn, table, ctx.db, rows)
        except sqlite3.Error:
            return None
        env = SqlEnv(
            ctx.db,
            rows.table,
            alias="s",
            prefix=prefix,
            classes=classes,
            micro_times=self._bulk.sqlite,
        )
        fields = rows.compile(env)
        finder = _Distinct(table, env, rows, conn)
        distinct: _Distinct | _PairsDistinct = finder
        mostly_distinct = SQL_MOBILE_PATH and finder.mostly_distinct("address")
        # A million messages between a phone and a few thousand correspondents, in a few
        # thousand conversations: each row looks its (conversation, address) pair up once
        # instead of each of them (a million lookups 0.3 s less), and the distinct values
        # of both are read from the pairs, gathered in one scan.
        pairs = (
            not mostly_distinct
            and fields.get("conversation_key", "NULL") != "NULL"
            and "address" in fields
            and finder.few_distinct("address", "conversation_key")
        )
        joins = _Joins(
            prefix, mobile_in_sql=mostly_distinct, pairs=pairs, clean_body_on_read=self._bulk.sqlite
        )
        shape = SHAPES[rows.record](fields, self._ids, joins)
        if pairs and (joins.address_sql is None or joins.conversation_sql is None):
            return None
        counters = [(c, shape.as_stored.get(c.field)) for c in rows.counts]
        if any(column is None for _, column in counters):
            return None
        source = f"{table} s"
        env.functions[f"{prefix}_strip_nul"] = (strip_nul, 1)
        with _functions(conn, env.functions), _temporary(conn, prefix, len(env.lookups)):
            try:
                with timed(f"{rows.table}: derived values"):
                    for n, lookup in enumerate(env.lookups):
                        self._fill_lookup(conn, source, env.joins[:n], lookup)
                if pairs:
                    with timed(f"{rows.table}: pairs"):
                        distinct = self._gather_pairs(conn, prefix, source, env.joins, joins)
                with timed(f"{rows.table}: addresses"):
                    self._fill_addresses(conn, prefix, distinct, joins)
                with timed(f"{rows.table}: conversations"):
                    self._fill_conversations(
                        conn, prefix, source, env.joins, distinct, fields, joins, conversations
                    )
                if pairs:
                    self._fill_pairs(conn, prefix)
                if self._bulk.sqlite:
                    with timed(f"{rows.table}: text checked"):
                        self._check_copied_text(conn, source, rows, env)
                count = int(conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0])
            except (StepBack, sqlite3.Error) as exc:
                # Its text only: a record that kept the exception (a handler that holds
                # records) kept its traceback, and the failed read's cursor, open.
                log.info("%s: read the Python way (%s)", rows.table, str(exc))
                return None
            from_clause = " ".join([source, *env.joins, *joins.clauses()])
            if self._bulk.sqlite:
                loaded = self._insert_sqlite(conn, shape, from_clause, count, counters)
            else:
                loaded = self._copy_postgres(conn, shape, from_clause, count, counters)
        if loaded is None:
            return None
        for (counter, _), number in zip(counters, loaded.counted, strict=True):
            if number:
                ctx.report.skip(counter.reason, number)
        with timed(f"{rows.table}: blobs decoded"):
            self._count_decoded_blobs(conn, source, rows, env, ctx)
        return loaded

    @staticmethod
    def _count_decoded_blobs(
        conn: Any, source: str, rows: TableRows, env: SqlEnv, ctx: ParseContext
    ) -> None:
        """The report's count of texts that were not UTF-8, as the Python path gives it: each
        blob decoded once per row and per place its column is read as text. (Text that is
        not UTF-8 and not a blob made the SQL path step back.)"""
        report = ctx.db.text
        for inner, decode in decoded_texts(iter(rows.fields.values())):
            if env.holds_only(inner, "text", "integer", "real"):
                continue
            sql = inner.sql(env)
            found = conn.execute(
                f"SELECT {sql}, count(*) FROM {source} WHERE typeof({sql}) = 'blob' GROUP BY 1"
            )
            for raw, number in found:
                cp949, replaced = report.as_cp949, report.replaced
                decode(bytes(raw), report)
                report.as_cp949 += (report.as_cp949 - cp949) * (number - 1)
                report.replaced += (report.replaced - replaced) * (number - 1)

    def _fill_lookup(self, conn: Any, source: str, joins: Sequence[str], lookup: Any) -> None:
        inputs = ", ".join(f"{sql} AS i{n}" for n, sql in enumerate(lookup.inputs))
        found = conn.execute(f"SELECT DISTINCT {inputs} FROM {' '.join([source, *joins])}")
        rows = []
        for values in found.fetchall():
            arguments = [from_sql(k, v) for k, v in zip(lookup.input_kinds, values, strict=True)]
            result = lookup.function(*arguments)
            outputs = result if lookup.outputs > 1 else (result,)
            rows.append((*values, *(to_sql(v) for v in outputs)))
        names = [f"i{n}" for n in range(len(lookup.inputs))]
        names += [f"o{n}" for n in range(lookup.outputs)]
        table = lookup.name.removeprefix("temp.")
        conn.execute(f"CREATE TEMP TABLE {table} ({', '.join(names)})")
        # Covering: the join finds its row and reads the outputs in one search.
        conn.execute(f"CREATE INDEX temp.{table}_key ON {table} ({', '.join(names)})")
        marks = ", ".join("?" * len(names))
        conn.executemany(f"INSERT INTO {lookup.name} VALUES ({marks})", rows)

    @staticmethod
    def _gather_pairs(
        conn: Any, prefix: str, source: str, lookup_joins: Sequence[str], joins: _Joins
    ) -> _PairsDistinct:
        """The distinct (conversation key, address) pairs, as the rows give them (values
        kept as they are: the lookups below compare them as they compare the rows')."""
        conn.execute(
            f"CREATE TEMP TABLE {prefix}_pairs_raw AS "
            f"SELECT DISTINCT {joins.conversation_sql} COLLATE BINARY AS k, "
            f"{joins.address_sql} COLLATE BINARY AS r "
            f"FROM {' '.join([source, *lookup_joins])}"
        )
        return _PairsDistinct(f"temp.{prefix}_pairs_raw")

    @staticmethod
    def _fill_pairs(conn: Any, prefix: str) -> None:
        """Each pair's conversation and classified address, looked up as each row would
        (the same comparisons with the same tables), for the rows to find in one search."""
        conn.execute(
            f"CREATE TEMP TABLE {prefix}_pairs (key TEXT, raw TEXT, conversation_id INTEGER, "
            "e164 TEXT, digits TEXT, kind TEXT, number_raw TEXT)"
        )
        conn.execute(
            f"INSERT INTO temp.{prefix}_pairs "
            f"SELECT p.k, p.r, cv.id, a.e164, a.digits, a.kind, "
            f"{_clean('p.r', _Joins(prefix))} "
            f"FROM temp.{prefix}_pairs_raw p "
            f"LEFT JOIN temp.{prefix}_conversations cv ON cv.key = p.k "
            f"LEFT JOIN temp.{prefix}_addresses a ON a.raw = p.r"
        )
        # Covering; a pair appears once (DISTINCT above), so a row finds one at most.
        conn.execute(
            f"CREATE INDEX temp.{prefix}_pairs_key "
            f"ON {prefix}_pairs (key, raw, conversation_id, e164, digits, kind, number_raw)"
        )

    def _fill_addresses(
        self, conn: Any, prefix: str, distinct: _Distinct | _PairsDistinct, joins: _Joins
    ) -> None:
        if joins.address_sql is None:
            return
        conn.execute(
            f"CREATE TEMP TABLE {prefix}_addresses (raw TEXT, e164 TEXT, digits TEXT, kind TEXT)"
        )
        if joins.mobile_in_sql:
            # Korean mobile numbers written the usual ways are classified in SQL per row
            # (_number_columns): left out here, a call log's 180,000 distinct numbers are not
            # sorted, classified, stored and looked up again.
            mobile = korean_mobile_test(joins.address_sql)
            found = conn.execute(
                distinct.query("address", joins.address_sql, outer=False, exclude=mobile)
            )
        elif SQL_MOBILE_PATH:
            # Few distinct addresses, each repeated: every one is classified once here and
            # a row only looks its address up (the mobile shapes' GLOBs per row cost a
            # million messages 1.2 s). The mobile numbers among them are classified in SQL.
            raw = f"temp.{prefix}_raw"
            conn.execute(
                f"CREATE TEMP TABLE {prefix}_raw AS WITH q(r) AS "
                f"({distinct.query('address', joins.address_sql, outer=False)}) SELECT r FROM q"
            )
            e164, digits, _ = (c.sql for c in _sql_mobile_columns("r", "NULL", "NULL", "NULL"))
            conn.execute(
                f"INSERT INTO temp.{prefix}_addresses "
                f"SELECT r, {e164}, {digits}, '{AddressKind.PHONE}' "
                f"FROM (SELECT DISTINCT r COLLATE BINARY AS r FROM {raw} "
                f"WHERE {korean_mobile_test('r')})"
            )
            found = conn.execute(f"SELECT r FROM {raw} WHERE NOT {korean_mobile_test('r')}")
        else:
            found = conn.execute(distinct.query("address", joins.address_sql, outer=False))
        # Made distinct here, not by a second DISTINCT in SQL (a third of the query's time):
        # a Python set compares as BINARY does, and tells 1 from '1' as DISTINCT does.
        seen = set()

        def rows() -> Iterator[tuple[str, str | None, str, str]]:
            # Streamed into the table: a million distinct numbers are no list in memory.
            for (raw,) in found:
                if raw and raw not in seen:  # "" is no address: no row, the join gives NULL
                    seen.add(raw)
                    address = classify_distinct(raw)
                    yield raw, address.e164, address.digits, address.kind

        conn.executemany(f"INSERT INTO temp.{prefix}_addresses VALUES (?, ?, ?, ?)", rows())
        seen.clear()
        # Built after the rows (a third of the cost of a key kept in order row by row);
        # covering: the join finds its row and reads the outputs in one search. The raw
        # values are distinct (above), so the join finds one row at most.
        conn.execute(
            f"CREATE INDEX temp.{prefix}_addresses_raw "
            f"ON {prefix}_addresses (raw, e164, digits, kind)"
        )

    def _fill_conversations(
        self,
        conn: Any,
        prefix: str,
        source: str,
        lookup_joins: Sequence[str],
        distinct: _Distinct | _PairsDistinct,
        fields: dict[str, str],
        joins: _Joins,
        conversations: ConversationMaker,
    ) -> None:
        if joins.conversation_sql is None:
            return
        tables = " ".join([source, *lookup_joins])
        keys = [
            k
            for (k,) in conn.execute(distinct.query("conversation_key", joins.conversation_sql))
            if k is not None
        ]
        firsts: list[tuple[str, str, str]] = []
        if any(k not in conversations.known for k in keys):
            # Keys the source's conversation list lacks get one made up from their first
            # message, in the order of first appearance (as the Python path does).
            # SQLite gives the bare columns of the row where min() is found.
            firsts = [
                (k, service, address)
                for k, service, address, _ in conn.execute(
                    f"SELECT {joins.conversation_sql} COLLATE BINARY AS k, {fields['service']}, "
                    f"{fields['address']}, min(s.rowid) AS first FROM {tables} "
                    "WHERE k IS NOT NULL GROUP BY k ORDER BY first"
                )
            ]
        if firsts:
            conversations.make([f for f in firsts if f[0] not in conversations.known])
        ids = conversations.known
        conn.execute(
            f"CREATE TEMP TABLE {prefix}_conversations (key TEXT PRIMARY KEY, id INTEGER) "
            "WITHOUT ROWID"
        )
        conn.executemany(
            f"INSERT INTO temp.{prefix}_conversations VALUES (?, ?)", [(k, ids[k]) for k in keys]
        )

    @staticmethod
    def _check_copied_text(conn: Any, source: str, rows: TableRows, env: SqlEnv) -> None:
        """Text SQLite will copy as it is must be UTF-8 (reading it decodes it). The body is
        read back after the insert, addresses were read already."""
        skipped = {"body", "address", "conversation_key", "note"}
        columns = set()
        for key, expr in rows.fields.items():
            names = key if isinstance(key, tuple) else (key,)
            if not set(names) <= skipped:
                columns |= copied_text(expr)
        for column in sorted(columns):
            sql = env.column(column)
            if sql == "NULL" or column.lower() == "rowid":
                continue
            if env.holds_only(Col(column), "integer", "real"):
                continue  # no text in it (the storage classes were read): nothing to decode
            conn.execute(
                f"SELECT DISTINCT {sql} FROM {source} WHERE typeof({sql}) = 'text'"
            ).fetchall()

    # ---- SQLite: INSERT … SELECT, then the texts read back
    def _insert_sqlite(
        self,
        conn: Any,
        shape: StoreShape,
        from_clause: str,
        count: int,
        counters: list[tuple[Any, str | None]],
    ) -> Loaded | None:
        names = ", ".join(["id", *(c.name for c in shape.columns)])
        selected = ", ".join(["NULL", *(c.sql for c in shape.columns)])
        first = self._bulk.next_id(shape.table)
        statement = (
            f"INSERT INTO {shape.table} ({names}) SELECT {selected} FROM {from_clause} "
            "ORDER BY s.rowid"
        )
        log.debug("%s: %s", shape.table, statement)
        conn.execute("SAVEPOINT fa_bulk_table")
        try:
            with _cancellable(conn, self._progress), timed(f"{shape.table}: INSERT … SELECT"):
                written = conn.execute(statement).rowcount
            if written != count:
                raise StepBack(f"{written} rows written, {count} expected")
            # SQLite numbers new rows from max(id) + 1, in the order of the SELECT.
            last = conn.execute(f"SELECT max(id) FROM {shape.table}").fetchone()[0]
            if count and last != first + count - 1:
                raise StepBack("ids not where they were expected")
            loaded = Loaded(first, count, counted=[0] * len(counters))
            with timed(f"{shape.table}: read back"):
                self._read_back_sqlite(conn, shape, loaded, counters)
        except (StepBack, sqlite3.Error) as exc:
            log.info("%s: rolled back, read the Python way (%s)", shape.table, exc)
            rolled_back = _back_to_savepoint(conn)
            self._bulk.forget(shape.table)
            if isinstance(exc, sqlite3.OperationalError) and self._progress.is_cancelled():
                raise Cancelled from exc
            if not rolled_back:  # SQLite ended the whole transaction: nothing to go on with
                raise
            return None
        except BaseException:
            _back_to_savepoint(conn)
            self._bulk.forget(shape.table)
            raise
        conn.execute("RELEASE fa_bulk_table")
        self._bulk.taken(shape.table, count)
        self._progress.advance(count)
        return loaded

    def _read_back_sqlite(
        self, conn: Any, shape: StoreShape, loaded: Loaded, counters: list[tuple[Any, str | None]]
    ) -> None:
        """The new rows, a chunk at a time: their texts (numbers in them; reading them checks
        they are UTF-8), their hours and the report's counters."""
        gathered = _gathered(shape, counters, "", sqlite=True)
        statement = f"SELECT count(*), {gathered} FROM {shape.table} WHERE id >= ? AND id < ?"
        end = loaded.first + loaded.count
        for start in range(loaded.first, end, CHUNK_ROWS):
            stop = min(start + CHUNK_ROWS, end)
            try:
                rows, *found = conn.execute(statement, (TEXT_SEPARATOR, start, stop)).fetchone()
                if shape.strip_body and _holds_nul(found[0], rows):
                    body = shape.body
                    conn.execute(
                        f"UPDATE {shape.table} SET {body} = {shape.strip_body}({body}) "
                        f"WHERE id >= ? AND id < ? AND instr({body}, CAST(X'00' AS TEXT)) > 0",
                        (start, stop),
                    )
                    rows, *found = conn.execute(statement, (TEXT_SEPARATOR, start, stop)).fetchone()
            except sqlite3.OperationalError as exc:  # not UTF-8: the Python path reads it
                raise StepBack(str(exc)) from exc
            if rows != stop - start:
                raise StepBack("a gap in the new ids")
            _gather(loaded, start, rows, found, shape)
            if self._progress.is_cancelled():
                raise Cancelled

    # ---- PostgreSQL: CSV lines built by SQLite, sent with COPY
    def _copy_postgres(
        self,
        conn: Any,
        shape: StoreShape,
        from_clause: str,
        count: int,
        counters: list[tuple[Any, str | None]],
    ) -> Loaded | None:
        """The rows as SQLite converts them, a chunk at a time, sent with psycopg's COPY
        (3 times less work for this process than having SQLite build CSV lines); the texts,
        hours and counters gathered from the same rows."""
        first = self._bulk.reserve(shape.table, count)
        loaded = Loaded(first, count, counted=[0] * len(counters))
        statement = (
            f"SELECT s.rowid, {', '.join(_copied(c) for c in shape.columns)} "
            f"FROM {from_clause} WHERE s.rowid > ? ORDER BY s.rowid LIMIT ?"
        )
        position = {c.name: n + 1 for n, c in enumerate(shape.columns)}
        body = position[shape.body] if shape.body else None
        when = position[shape.time]
        counted = [
            (n, counter, position[str(column)]) for n, (counter, column) in enumerate(counters)
        ]
        names = ", ".join(["id", *(c.name for c in shape.columns)])
        with self._bulk.raw.cursor() as cursor:
            cursor.execute("SAVEPOINT fa_bulk_table")
            try:
                with (
                    timed(f"{shape.table}: COPY"),
                    cursor.copy(f"COPY {shape.table} ({names}) FROM STDIN") as copy,
                ):
                    after, done = -(2**63), 0
                    while done < count:
                        found = conn.execute(statement, (after, CHUNK_ROWS)).fetchall()
                        if not found:
                            break
                        start = first + done
                        for number, row in enumerate(found, start):
                            copy.write_row((number, *row[1:]))
                        after = found[-1][0]
                        _gather_rows(loaded, start, found, body, when, counted)
                        done += len(found)
                        self._progress.advance(len(found))
                        if self._progress.is_cancelled():
                            raise Cancelled
                    if done != count:
                        raise StepBack(f"{done} rows read, {count} expected")
            except (StepBack, sqlite3.Error) as exc:
                log.info("%s: rolled back, read the Python way (%s)", shape.table, exc)
                cursor.execute("ROLLBACK TO SAVEPOINT fa_bulk_table")
                cursor.execute("RELEASE SAVEPOINT fa_bulk_table")
                self._bulk.forget(shape.table, first)
                return None
            except BaseException:
                cursor.execute("ROLLBACK TO SAVEPOINT fa_bulk_table")
                cursor.execute("RELEASE SAVEPOINT fa_bulk_table")
                raise
            cursor.execute("RELEASE SAVEPOINT fa_bulk_table")
        return loaded


# ---- contacts (SQLite): two INSERT … SELECT ------------------------------------------------------
CONTACT_STORE_COLUMNS = (
    "case_id", "item_id", "source_id", "source_table", "source_row", "display_name",
    "given_name", "family_name", "organization", "notes", "created_at", "modified_at",
    "times_raw", "deleted", "parse_note",
)  # fmt: skip
POINT_STORE_COLUMNS = (
    "contact_id", "case_id", "source_row", "kind", "label", "value", "e164", "digits",
)  # fmt: skip
_contact_runs = itertools.count(1)


def load_contacts(
    bulk: BulkTarget, ids: tuple[int, int, int], tables: ContactTables, ctx: ParseContext
) -> tuple[int, int] | None:
    """Store a source's contacts and their points as ArtifactWriter would store its
    ContactRecords (phone numbers classified: Korean mobile shapes in SQL, the other distinct
    numbers by classify): (contacts, points) written, or None (nothing written) where the
    Python path has to do it (PostgreSQL, text that is not UTF-8, any SQLite error)."""
    if not bulk.sqlite:
        return None
    schema = bulk.attach(ctx.db.path)
    if schema is None:
        return None
    conn, prefix = bulk.raw, f"fa_contacts{next(_contact_runs)}"
    contacts = tables.contacts.replace("{src}", schema)
    points = tables.points.replace("{src}", schema)
    case_id, item_id, source_id = ids
    first = bulk.next_id("artifact_contacts")
    first_point = bulk.next_id("artifact_contact_points")
    phone = f"'{PointKind.PHONE}'"
    e164, digits, _ = (
        (c.sql for c in _sql_mobile_columns("p.value", "a.e164", "a.digits", "NULL"))
        if SQL_MOBILE_PATH
        else ("a.e164", "a.digits", "")
    )
    mobile = korean_mobile_test("value") if SQL_MOBILE_PATH else "0"
    conn.execute("SAVEPOINT fa_bulk_table")
    try:
        with timed("contacts: INSERT … SELECT"):
            written = conn.execute(
                f"INSERT INTO artifact_contacts (id, {', '.join(CONTACT_STORE_COLUMNS)}) "
                f"SELECT NULL, {case_id}, {item_id}, {source_id}, {sql_literal(tables.table)}, "
                "CAST(c.row AS TEXT), c.display, c.given, c.family, c.organization, c.notes, "
                f"NULL, NULL, '', c.deleted, '' FROM ({contacts}) c ORDER BY c.row"
            ).rowcount
            last = conn.execute("SELECT max(id) FROM artifact_contacts").fetchone()[0]
            if written and last != first + written - 1:
                raise StepBack("contact ids not where they were expected")
            conn.execute(
                f"CREATE TEMP TABLE {prefix}_ids (row INTEGER PRIMARY KEY, id INTEGER NOT NULL)"
            )
            conn.execute(
                f"INSERT INTO temp.{prefix}_ids SELECT CAST(source_row AS INTEGER), id "
                "FROM artifact_contacts WHERE id >= ?",
                (first,),
            )
            conn.execute(f"CREATE TEMP TABLE {prefix}_addresses (raw TEXT, e164 TEXT, digits TEXT)")
            found = conn.execute(
                f"SELECT DISTINCT value COLLATE BINARY FROM ({points}) "
                f"WHERE kind = {phone} AND NOT {mobile}"
            ).fetchall()
            conn.executemany(
                f"INSERT INTO temp.{prefix}_addresses VALUES (?, ?, ?)",
                [(raw, a.e164, a.digits) for (raw,) in found for a in (classify_distinct(raw),)],
            )
            conn.execute(
                f"CREATE INDEX temp.{prefix}_addresses_raw "
                f"ON {prefix}_addresses (raw, e164, digits)"
            )
            stored = conn.execute(
                f"INSERT INTO artifact_contact_points (id, {', '.join(POINT_STORE_COLUMNS)}) "
                f"SELECT NULL, k.id, {case_id}, p.row, p.kind, p.label, p.value, "
                f"CASE WHEN p.kind = {phone} THEN {e164} END, "
                f"CASE WHEN p.kind = {phone} THEN {digits} ELSE '' END "
                f"FROM ({points}) p JOIN temp.{prefix}_ids k ON k.row = p.contact_row "
                f"LEFT JOIN temp.{prefix}_addresses a ON p.kind = {phone} "
                "AND a.raw = p.value COLLATE BINARY "
                "ORDER BY p.contact_row, p.point_row"
            ).rowcount
            last = conn.execute("SELECT max(id) FROM artifact_contact_points").fetchone()[0]
            if stored and last != first_point + stored - 1:
                raise StepBack("point ids not where they were expected")
            # Reading the texts back checks they are UTF-8 (SQLite copied their bytes).
            conn.execute(
                "SELECT group_concat(display_name || given_name || family_name || organization "
                "|| notes, char(1)) FROM artifact_contacts WHERE id >= ?",
                (first,),
            ).fetchone()
            conn.execute(
                "SELECT group_concat(label || char(1) || value, char(1)) "
                "FROM artifact_contact_points WHERE id >= ?",
                (first_point,),
            ).fetchone()
    except (StepBack, sqlite3.Error) as exc:
        log.info("contacts: rolled back, read the Python way (%s)", exc)
        rolled_back = _back_to_savepoint(conn)
        bulk.forget("artifact_contacts")
        bulk.forget("artifact_contact_points")
        for name in (f"{prefix}_ids", f"{prefix}_addresses"):
            with suppress(sqlite3.Error):
                conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        if not rolled_back:
            raise
        return None
    except BaseException:
        _back_to_savepoint(conn)
        bulk.forget("artifact_contacts")
        bulk.forget("artifact_contact_points")
        raise
    conn.execute("RELEASE fa_bulk_table")
    for name in (f"{prefix}_ids", f"{prefix}_addresses"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    bulk.taken("artifact_contacts", written)
    bulk.taken("artifact_contact_points", stored)
    return written, stored


def _copied(column: StoreColumn) -> str:
    """A store column as COPY receives it from Python: times marked UTC, flags 1/0 (other
    values unknown), text as text (a blob read as its UTF-8 bytes, as concatenation does)."""
    sql = column.sql
    if column.kind == Kind.TIME:
        return f"({sql}) || '+00'"
    if column.kind == Kind.BOOL:
        return f"CASE {sql} WHEN 1 THEN 1 WHEN 0 THEN 0 END"
    if column.kind == Kind.TEXT:
        return f"CAST({sql} AS TEXT)"
    return sql


def _gather_rows(
    loaded: Loaded,
    first_id: int,
    rows: list[tuple[Any, ...]],
    body: int | None,
    when: int,
    counted: list[tuple[int, Any, int]],
) -> None:
    """_gather over rows read whole (the PostgreSQL path)."""
    loaded.hours.update(row[when][:13] for row in rows if row[when] is not None)
    for index, counter, column in counted:
        loaded.counted[index] += sum(1 for row in rows if _counts(counter, row[column]))
    if body is not None:
        texts = TEXT_SEPARATOR.join((row[body] or "")[:BODY_SCAN_LIMIT] for row in rows)
        _find_numbers(loaded, first_id, len(rows), texts)
        loaded.long_bodies.extend(
            first_id + n for n, row in enumerate(rows) if len(row[body] or "") > BODY_SCAN_LIMIT
        )


def _counts(counter: Any, value: object) -> bool:
    """The counter's SQL predicate (`column IS value`, or NOT) in Python."""
    wanted = counter.value
    same = value is None if wanted is None else value is not None and value == wanted
    return not same if counter.negate else same


class _Distinct:
    """SELECT DISTINCT of a field's SQL: over the distinct raw values of the columns it reads
    (far fewer to convert, and to compare, than rows) when it reads only source columns."""

    def __init__(self, table: str, env: SqlEnv, rows: TableRows, conn: Any) -> None:
        self._table = table
        self._env = env
        self._rows = rows
        self._conn = conn

    def query(
        self, field_name: str, sql: str, outer: bool = True, exclude: str | None = None
    ) -> str:
        """The query; with `outer=False` the field's values may repeat (when two raw values
        give one), for a caller that makes them distinct itself. `exclude`: SQL over the
        source row (alias s) for rows left out."""
        expr = next(e for k, e in self._rows.fields.items() if field_name in _key_names(k))
        columns = sorted({c.lower() for c in expr.columns()})
        tables = " ".join([f"{self._table} s", *self._env.joins])
        where = f" WHERE NOT {exclude}" if exclude else ""
        plain = f"SELECT DISTINCT {sql} COLLATE BINARY FROM {tables}{where}"
        if not columns or "rowid" in columns or re.search(r"\bd\d+\.", sql):
            return plain
        # BINARY: a column declared NOCASE would make 'KBBANK' and 'kbbank' one value here,
        # where the Python path sees two.
        # typeof: DISTINCT takes 1 and 1.0 for one value, where str() gives '1' and '1.0'.
        raw = ", ".join(
            f"{quoted} COLLATE BINARY AS {quoted}, typeof({quoted})"
            for quoted in (self._env.db.quote(self._rows.table, c) for c in columns)
        )
        distinct = "DISTINCT " if outer else ""
        if exclude is not None or self._many_distinct(columns, where):
            # Mostly distinct (a call log's numbers): sorting them all costs half of keeping
            # every value in a lookup tree; few distinct values (an SMS table's addresses)
            # are the other way round. Rows left out by `exclude` (the mobile numbers SQL
            # classifies) belong to a table found mostly distinct, and are often all of it:
            # sampling what is left would scan the whole table twice for nothing.
            count = len(columns) * 2
            grouped = ", ".join(str(n) for n in range(1, count + 1))
            inner = f"SELECT {raw} FROM {self._table} s{where} GROUP BY {grouped}"
        else:
            inner = f"SELECT DISTINCT {raw} FROM {self._table} s{where}"
        return f"SELECT {distinct}{sql} FROM ({inner}) s"

    def mostly_distinct(self, field_name: str) -> bool:
        """Whether the raw values of the columns the field reads are mostly distinct."""
        expr = next(e for k, e in self._rows.fields.items() if field_name in _key_names(k))
        columns = sorted({c.lower() for c in expr.columns()})
        if not columns or "rowid" in columns:
            return False
        return self._many_distinct(columns, "")

    def few_distinct(self, *field_names: str) -> bool:
        """Whether the raw values of the columns the fields read (together) are few: each
        repeated in more than 1 / MANY_DISTINCT rows, as estimated from the first rows."""
        columns = sorted(
            {
                c.lower()
                for name in field_names
                for e in (e for k, e in self._rows.fields.items() if name in _key_names(k))
                for c in e.columns()
            }
        )
        if not columns or "rowid" in columns:
            return False
        return not self._many_distinct(columns, "")

    def _many_distinct(self, columns: list[str], where: str) -> bool:
        """Whether the table's rows hold more than MANY_DISTINCT of distinct values, as
        estimated from its first rows. (The share distinct among the first rows alone says
        a million messages from 12,800 correspondents are mostly distinct: 10,000 rows hold
        7,000 of them.)"""
        quoted = ", ".join(self._env.db.quote(self._rows.table, c) for c in columns)
        sample = f"SELECT {quoted} FROM {self._table} s{where} LIMIT {DISTINCT_SAMPLE_ROWS}"
        try:
            sampled, distinct = self._conn.execute(
                f"SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT * FROM ({sample}))) "
                f"FROM ({sample})"
            ).fetchone()
            rows = sampled
            if sampled >= DISTINCT_SAMPLE_ROWS:
                rows = self._conn.execute(
                    f"SELECT count(*) FROM {self._table} s{where}"
                ).fetchone()[0]
        except sqlite3.Error:
            return False
        estimated = estimated_distinct(int(sampled), int(distinct), int(rows))
        return bool(rows) and estimated > int(rows) * MANY_DISTINCT


class _PairsDistinct:
    """_Distinct.query for the address and the conversation key, over their pairs gathered
    by TableLoader._gather_pairs."""

    def __init__(self, table: str) -> None:
        self._table = table

    def query(
        self, field_name: str, sql: str, outer: bool = True, exclude: str | None = None
    ) -> str:
        if exclude is not None:
            raise StepBack("no mobile numbers are left out of pairs")
        column = {"address": "r", "conversation_key": "k"}[field_name]
        return f"SELECT {'DISTINCT ' if outer else ''}{column} FROM {self._table}"


def estimated_distinct(sampled: int, distinct: int, rows: int) -> float:
    """The distinct values of a table of `rows` rows whose first `sampled` rows hold
    `distinct`, taking those as drawn at random: D solving D * (1 - exp(-sampled / D)) =
    distinct (the values expected among `sampled` draws from D equally likely ones), at
    most `rows`."""
    if sampled >= rows or distinct <= 0:
        return float(distinct)

    def expected(values: float) -> float:
        return values * -math.expm1(-sampled / values)

    if distinct >= sampled or expected(rows) <= distinct:
        return float(rows)
    low, high = float(distinct), float(rows)  # expected() grows with D, from below distinct
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if expected(middle) < distinct else (low, middle)
    return high


def _key_names(key: str | tuple[str, ...]) -> tuple[str, ...]:
    return key if isinstance(key, tuple) else (key,)


def _storage_classes(conn: Any, table: str, db: Any, rows: TableRows) -> dict[str, frozenset[str]]:
    """Columns that hold only the storage class their expressions expect (and NULL): their
    SQL then skips the per-row test of the type. One scan gathering the distinct tuples of
    storage classes (a handful): a third cheaper than testing each column against its
    classes, and odd values in several columns need no further scan."""
    expected = {
        c: k for c, k in expected_classes(iter(rows.fields.values())).items()
        if db.schema.has(rows.table, c)
    }  # fmt: skip
    if not expected:
        return {}
    columns = list(expected)
    classes = ", ".join(f"typeof({db.quote(rows.table, c)})" for c in columns)
    odd = {
        column
        for found in conn.execute(f"SELECT DISTINCT {classes} FROM {table}")
        for column, held in zip(columns, found, strict=True)
        if held not in (expected[column], "null")
    }
    return {c: frozenset({k}) for c, k in expected.items() if c not in odd}


def _gathered(
    shape: StoreShape, counters: list[tuple[Any, str | None]], prefix: str, sqlite: bool
) -> str:
    """Aggregates of a chunk of rows: texts joined by TEXT_SEPARATOR (a parameter), hours
    (hours since 1970 of the integer time keys, rounded down, comma-separated), then one sum
    per counter."""
    # Bounded only where too long: SQLite's substr() garbles a text holding NUL (cleaned
    # later), and length() stops at the first NUL, so a short body is left exactly as is.
    # The size in bytes is tested first: SQLite has it without counting characters.
    column = f"{prefix}{shape.body}"
    body = (
        f"CASE WHEN length(CAST({column} AS BLOB)) > {BODY_SCAN_LIMIT} "
        f"AND length({column}) > {BODY_SCAN_LIMIT} "
        f"THEN substr({column}, 1, {BODY_SCAN_LIMIT}) ELSE {column} END"
        if shape.body
        else "''"
    )
    when = f"{prefix}{shape.time}"
    parts = [
        f"group_concat({body}, ?)",
        f"group_concat(CASE WHEN {when} >= 0 THEN {when} / {HOUR_MICROSECONDS} "
        f"ELSE ({when} + 1) / {HOUR_MICROSECONDS} - 1 END, ',')",
        *(f"sum({_predicate(c, prefix + str(column), sqlite)})" for c, column in counters),
    ]
    if shape.body:
        parts.append(
            f"group_concat(CASE WHEN length(CAST({column} AS BLOB)) > {BODY_SCAN_LIMIT} "
            f"AND length({column}) > {BODY_SCAN_LIMIT} THEN {prefix}id END, ',')"
        )
    return ", ".join(parts)


def _holds_nul(texts: str | None, rows: int) -> bool:
    """Whether texts joined by TEXT_SEPARATOR hold NUL of their own."""
    return texts is not None and texts.count("\x00") != len(TEXT_SEPARATOR) * (rows - 1)


def _gather(
    loaded: Loaded, first_id: int, rows: int, found: Sequence[Any], shape: StoreShape
) -> None:
    texts, hours, *sums = found
    if shape.body is not None:
        long_bodies = sums.pop()
        if long_bodies:
            loaded.long_bodies.extend(int(i) for i in str(long_bodies).split(","))
    for index, number in enumerate(sums):
        loaded.counted[index] += int(number or 0)
    if hours:
        loaded.hours.update(hours.split(","))
    if shape.body is not None:
        _find_numbers(loaded, first_id, rows, texts)


def _find_numbers(loaded: Loaded, first_id: int, rows: int, texts: str | None) -> None:
    """Numbers written in the texts of rows first_id … (the texts joined by
    TEXT_SEPARATOR), as addresses.numbers_in_text finds them in each text."""
    # Texts with full-width digits are normalised by numbers_in_text before its pre-check.
    if not texts or not (SEVEN_DIGITS.search(texts) or has_wide_digits(texts)):
        return
    if texts.count(TEXT_SEPARATOR) != rows - 1:
        raise StepBack("texts and rows do not line up")
    loaded.mentions.extend(
        (first_id + index, e164, written)
        for index, e164, written in numbers_in_joined(texts, TEXT_SEPARATOR)
    )


def _predicate(counter: Any, column: str | None, sqlite: bool) -> str:
    value = counter.value
    if sqlite:
        test = f"{column} IS {sql_literal(value)}"
    else:
        literal = ("TRUE" if value else "FALSE") if isinstance(value, bool) else sql_literal(value)
        test = f"{column} IS NOT DISTINCT FROM {literal}"
    return f"CASE WHEN {'NOT ' if counter.negate else ''}({test}) THEN 1 ELSE 0 END"


@contextmanager
def timed(label: str) -> Iterator[None]:
    """Logs (at DEBUG) the CPU and wall time of a step: the machine is shared, and CPU time
    is what a step costs."""
    if not log.isEnabledFor(logging.DEBUG):
        yield
        return
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        yield
    finally:
        log.debug(
            "%s: %.2f s CPU, %.2f s wall",
            label,
            time.process_time() - cpu,
            time.perf_counter() - wall,
        )


@contextmanager
def _functions(conn: Any, functions: dict[str, tuple[Callable[..., Any], int]]) -> Iterator[None]:
    for name, (function, arguments) in functions.items():
        conn.create_function(name, arguments, function, deterministic=True)
    try:
        yield
    finally:
        for name, (_, arguments) in functions.items():
            # SQLite refuses while a statement is still active (a read that failed mid-row,
            # its cursor not yet freed): "Error creating function" then replaced the step
            # back to the Python path with a failed import. Left registered, the function
            # is harmless: the connection is the working copy's, closed after the import.
            with suppress(sqlite3.OperationalError):
                conn.create_function(name, arguments, None)


@contextmanager
def _temporary(conn: Any, prefix: str, lookups: int) -> Iterator[None]:
    try:
        yield
    finally:
        names = [f"{prefix}_addresses", f"{prefix}_raw", f"{prefix}_conversations"]
        names += [f"{prefix}_pairs_raw", f"{prefix}_pairs"]
        names += [f"{prefix}_lookup_{n}" for n in range(lookups)]
        for name in names:
            with suppress(sqlite3.Error):
                conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


@contextmanager
def _cancellable(conn: Any, progress: ProgressReporter) -> Iterator[None]:
    """Long statements stop when the user cancels (SQLite interrupts them).

    Ctrl-C: Python raises KeyboardInterrupt wherever the main thread runs Python code, which
    during a statement is this handler, and sqlite3 swallows an exception raised there (the
    statement fails as "interrupted"). So while a statement runs, SIGINT is only noted, the
    statement is stopped, and KeyboardInterrupt is raised once it has."""
    ctrl_c: list[bool] = []

    def stop() -> int:
        try:
            return 1 if ctrl_c or progress.is_cancelled() else 0
        except KeyboardInterrupt:
            ctrl_c.append(True)
            return 1

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGINT)
        if previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, lambda _signal, _frame: ctrl_c.append(True))
        else:
            previous = None
    conn.set_progress_handler(stop, PROGRESS_EVERY_OPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if ctrl_c:
            raise KeyboardInterrupt from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if ctrl_c:  # pressed after SQLite last asked
        raise KeyboardInterrupt


def _back_to_savepoint(conn: Any) -> bool:
    """Undo the bulk copy of one table. False when there is nothing to undo it to: SQLite
    rolls back the whole transaction by itself when a write inside it is interrupted
    (cancel, Ctrl-C) or runs out of disk, and the savepoint went with it."""
    if not conn.in_transaction:
        return False
    conn.execute("ROLLBACK TO fa_bulk_table")
    conn.execute("RELEASE fa_bulk_table")
    return True
