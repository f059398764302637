"""Bulk tables: an importer's one-row-per-artifact table (SMS, a call log), declared once and
read two ways.

A `TableRows` says, for every field of the record it yields, which conversion of which source
columns gives it: `UnixMilliseconds(Col("date"))`, `Lookup(Col("type"), SMS_TYPES, ...)`,
`Derived(classify, ...)` for logic over a few low-cardinality inputs. From that one
declaration come
  - the Python path: rows read with `SqliteDatabase.rows`, each expression evaluated in
    Python (the reference, and what parsers fall back on), and
  - the SQL path: the same expressions as SQL over the working copy, run inside SQLite (the
    ingest service attaches the copy and inserts with INSERT … SELECT, or streams COPY lines
    to PostgreSQL), so a million rows never become Python objects.
Every SQL expression is exact for the values it handles itself (integers in range, text,
NULL) and hands anything else to the very Python function of the Python path, registered as
an SQL function: odd values cost a call each, but give the same result. Logic over a few
inputs (`Derived`) is evaluated once per distinct combination of inputs and joined back.

Rows are read in rowid order (the order a device wrote them): it costs no sort, and both
paths then give the artifacts the same ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol

from forensics_app.importers import timeconv, values
from forensics_app.importers.sqlite import SqliteDatabase, TextDecodeReport
from forensics_app.messages import Message

if TYPE_CHECKING:
    from forensics_app.importers.base import ParseContext

Row = Sequence[object]
Getter = Callable[[Row], Any]


class Kind:
    """What an expression's values are, in Python and in SQL."""

    TEXT = "text"  # str; SQL text
    INT = "int"  # int or None; SQL integer
    BOOL = "bool"  # bool or None; SQL 1, 0 or NULL
    # aware UTC datetime or None; SQL text "YYYY-MM-DD HH:MM:SS.ffffff" (UTC), or integer
    # microseconds since 1970 (UTC) where the SqlEnv says micro_times
    TIME = "time"
    ANY = "any"


def sql_time(value: datetime | None) -> str | None:
    """The SQL form of a converted time: naive UTC, microseconds always written (the form
    the store's UtcDateTime column keeps on SQLite)."""
    return None if value is None else value.isoformat(" ", "microseconds")[:26]


def sql_microseconds(value: datetime | None) -> int | None:
    """A converted time as microseconds since 1970 (UTC): the SQLite store's time keys."""
    return None if value is None else (value - timeconv.UNIX_EPOCH) // _ONE_MICROSECOND


_ONE_MICROSECOND = timedelta(microseconds=1)


def to_sql(value: object) -> object:
    if isinstance(value, datetime):
        return sql_time(value)
    if isinstance(value, bool):
        return int(value)
    return value


def from_sql(kind: str, value: object) -> object:
    if value is None:
        return None
    if kind == Kind.BOOL:
        return bool(value)
    if kind == Kind.TIME:
        return datetime.fromisoformat(str(value) + "+00:00")
    return value


def sql_literal(value: object) -> str:
    value = to_sql(value)
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {value!r}")


# ---- the environments expressions are compiled in ------------------------------------------
@dataclass
class PyEnv:
    """Compiling for the Python path: where each source column sits in a row."""

    positions: dict[str, int]
    decoder: TextDecodeReport | None


class LookupTable(NamedTuple):
    """Distinct input combinations of a `Derived`, to be computed in Python and joined."""

    name: str
    inputs: tuple[str, ...]  # SQL expressions
    input_kinds: tuple[str, ...]
    function: Callable[..., Any]
    outputs: int


@dataclass
class SqlEnv:
    """Compiling for the SQL path: the source table as `alias`, the SQL functions that carry
    odd values back to Python, and the lookup tables of derived values."""

    db: SqliteDatabase
    table: str
    alias: str = "s"
    prefix: str = "fa"  # names of functions and temporary tables: unique per run
    # Storage classes each column holds (typeof), when known: a column that holds only
    # integers (or only text) and NULL needs no per-row test of its type.
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    # Decodes blobs for the SQL functions. SQL may call a function more than once per value,
    # so this one's counts are not the report's: see `decoded_blobs` for those.
    decoder: TextDecodeReport = field(default_factory=TextDecodeReport)
    functions: dict[str, tuple[Callable[..., Any], int]] = field(default_factory=dict)
    lookups: list[LookupTable] = field(default_factory=list)
    joins: list[str] = field(default_factory=list)
    # Times as integer microseconds since 1970 (UTC), the SQLite store's form of its time
    # keys (storage.models.UtcTimeKey), instead of the text form Kind.TIME names.
    micro_times: bool = False
    _derived: dict[int, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        if name.lower() == "rowid":
            return f"{self.alias}.rowid"
        if not self.db.schema.has(self.table, name):
            return "NULL"
        return f"{self.alias}.{self.db.quote(self.table, name)}"

    def holds_only(self, expr: Expr, *classes: str) -> bool:
        """Whether `expr` is a source column known to hold only these storage classes."""
        if not isinstance(expr, Col):
            return False
        found = self.classes.get(expr.name.lower())
        return found is not None and found <= {*classes, "null"}

    def function(self, key: str, function: Callable[..., Any], arguments: int = 1) -> str:
        name = f"{self.prefix}_{key}"
        self.functions.setdefault(name, (function, arguments))
        return name

    def derived(self, expr: Derived) -> str:
        """The alias of the lookup table joined for `expr` (added once)."""
        found = self._derived.get(id(expr))
        if found is not None:
            return found
        alias = f"d{len(self._derived)}"
        name = f"temp.{self.prefix}_lookup_{len(self._derived)}"
        inputs = tuple(e.sql(self) for e in expr.inputs)
        self.lookups.append(
            LookupTable(
                name, inputs, tuple(e.kind for e in expr.inputs), expr.function, expr.outputs
            )
        )
        # Unary + takes the source column's affinity away: compared with a lookup column of
        # no affinity it would make the comparison numeric, which the lookup's index cannot
        # serve (SQLite then built an index on the other inputs per statement and scanned
        # its matches: a call log's 500,000 lookups cost 0.2 s more). The lookup holds the
        # very values the rows hold (SELECT DISTINCT of the same SQL), so they match alike.
        on = " AND ".join(f"{alias}.i{n} IS +({sql})" for n, sql in enumerate(inputs))
        self.joins.append(f"LEFT JOIN {name} {alias} ON {on}")
        self._derived[id(expr)] = alias
        return alias


# ---- expressions ----------------------------------------------------------------------------
class Expr(Protocol):
    @property
    def kind(self) -> str: ...

    def columns(self) -> Iterator[str]: ...

    def python(self, env: PyEnv) -> Getter: ...

    def sql(self, env: SqlEnv) -> str: ...


@dataclass(frozen=True)
class Const:
    value: object
    kind: str = Kind.ANY

    def columns(self) -> Iterator[str]:
        return iter(())

    def python(self, env: PyEnv) -> Getter:
        value = self.value
        return lambda row: value

    def sql(self, env: SqlEnv) -> str:
        return sql_literal(self.value)


@dataclass(frozen=True)
class Col:
    """A source column as stored (NULL when the table lacks it)."""

    name: str
    kind: str = Kind.ANY

    def columns(self) -> Iterator[str]:
        yield self.name

    def python(self, env: PyEnv) -> Getter:
        position = env.positions[self.name.lower()]
        return lambda row: row[position]

    def sql(self, env: SqlEnv) -> str:
        return env.column(self.name)


@dataclass(frozen=True)
class Coalesce:
    """The first of the values that is not NULL (`_id`, else the rowid)."""

    options: tuple[Expr, ...]
    kind: str = Kind.ANY

    def columns(self) -> Iterator[str]:
        return itertools.chain.from_iterable(e.columns() for e in self.options)

    def python(self, env: PyEnv) -> Getter:
        options = [e.python(env) for e in self.options]

        def get(row: Row) -> Any:
            for option in options:
                value = option(row)
                if value is not None:
                    return value
            return None

        return get

    def sql(self, env: SqlEnv) -> str:
        return f"coalesce({', '.join(e.sql(env) for e in self.options)})"


@dataclass(frozen=True)
class Empty:
    """Whether a text is empty (an input for `Derived`)."""

    inner: Expr
    kind: str = Kind.BOOL

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner = self.inner.python(env)
        return lambda row: not inner(row)

    def sql(self, env: SqlEnv) -> str:
        return f"({self.inner.sql(env)} = '')"


@dataclass(frozen=True)
class Positive:
    """None for NULL, else whether the number is above 0 (an input for `Derived`)."""

    inner: Expr
    kind: str = Kind.BOOL

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner = self.inner.python(env)

        def get(row: Row) -> bool | None:
            value = inner(row)
            return None if value is None else value > 0

        return get

    def sql(self, env: SqlEnv) -> str:
        inner = self.inner.sql(env)
        return f"CASE WHEN {inner} IS NULL THEN NULL ELSE {inner} > 0 END"


def _by_type(sql: str, handled: Mapping[str, str], fallback: str) -> str:
    """CASE on the value's storage class: SQL for the classes handled, the Python function
    `fallback` for the others."""
    arms = " ".join(f"WHEN '{t}' THEN {result}" for t, result in handled.items())
    return f"CASE typeof({sql}) {arms} ELSE {fallback}({sql}) END"


@dataclass(frozen=True)
class Text:
    """values.text: text as stored, '' for NULL, blobs decoded (UTF-8, else CP949)."""

    inner: Expr
    kind: str = Kind.TEXT

    # Its decoding, and the name of the SQL function that calls it.
    convert: ClassVar[Callable[..., str]] = staticmethod(values.text)
    key: ClassVar[str] = "text"

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, decoder, convert = self.inner.python(env), env.decoder, self.convert

        def get(row: Row) -> str:
            value = inner(row)
            return value if type(value) is str else convert(value, decoder)

        return get

    def sql(self, env: SqlEnv) -> str:
        decoder, convert = env.decoder, self.convert
        name = env.function(self.key, lambda v: convert(v, decoder))
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "text"):
            return f"coalesce({inner}, '')"
        return _by_type(inner, {"text": inner, "null": "''"}, name)


@dataclass(frozen=True)
class OptionalText:
    """str(value), None for NULL (keys such as a thread id)."""

    inner: Expr
    kind: str = Kind.TEXT

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner = self.inner.python(env)

        def get(row: Row) -> str | None:
            value = inner(row)
            return None if value is None else str(value)

        return get

    def sql(self, env: SqlEnv) -> str:
        name = env.function("str", lambda v: None if v is None else str(v))
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "integer"):
            return f"CAST({inner} AS TEXT)"
        if env.holds_only(self.inner, "text"):
            return inner
        handled = {"text": inner, "integer": f"CAST({inner} AS TEXT)", "null": "NULL"}
        return _by_type(inner, handled, name)


@dataclass(frozen=True)
class RowKey:
    """values.row_id: the row's own id as text (at most 64 characters), '' for NULL."""

    inner: Expr
    kind: str = Kind.TEXT

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, convert = self.inner.python(env), values.row_id
        return lambda row: convert(inner(row))

    def sql(self, env: SqlEnv) -> str:
        name = env.function("row_id", values.row_id)
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "integer") or self._integer_options(env):
            return f"coalesce(CAST({inner} AS TEXT), '')"
        handled = {
            "integer": f"CAST({inner} AS TEXT)",
            "text": f"substr({inner}, 1, 64)",
            "null": "''",
        }
        return _by_type(inner, handled, name)

    def _integer_options(self, env: SqlEnv) -> bool:
        """Whether the key is the first of columns holding only integers (`_id`, else the
        rowid): its type need not be asked per row (a call log's 500,000 rows: 0.1 s)."""
        options = getattr(self.inner, "options", None) if isinstance(self.inner, Coalesce) else None
        return bool(options) and all(
            isinstance(o, Col) and (o.name.lower() == "rowid" or env.holds_only(o, "integer"))
            for o in options or ()
        )


@dataclass(frozen=True)
class RawTime:
    """timeconv.raw_text: the raw time kept next to the converted one."""

    inner: Expr
    kind: str = Kind.TEXT

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, convert = self.inner.python(env), timeconv.raw_text
        return lambda row: convert(inner(row))

    def sql(self, env: SqlEnv) -> str:
        name = env.function("raw_time", timeconv.raw_text)
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "integer"):
            return f"coalesce(CAST({inner} AS TEXT), '')"
        handled = {
            "integer": f"CAST({inner} AS TEXT)",
            "text": f"substr({inner}, 1, 64)",
            "null": "''",
        }
        return _by_type(inner, handled, name)


@dataclass(frozen=True)
class Integer:
    """values.integer: integers as stored, numbers in text or REAL truncated, else None."""

    inner: Expr
    kind: str = Kind.INT

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, convert = self.inner.python(env), values.integer
        return lambda row: convert(inner(row))

    def sql(self, env: SqlEnv) -> str:
        name = env.function("integer", values.integer)
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "integer"):
            return inner
        return _by_type(inner, {"integer": inner, "null": "NULL"}, name)


@dataclass(frozen=True)
class Flag:
    """values.flag (None for NULL and ''), or `default` in place of None."""

    inner: Expr
    default: bool | None = None
    kind: str = Kind.BOOL

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, convert, default = self.inner.python(env), values.flag, self.default
        if default is None:
            return lambda row: convert(inner(row))

        def get(row: Row) -> bool:
            found = convert(inner(row))
            return default if found is None else found

        return get

    def sql(self, env: SqlEnv) -> str:
        name = env.function("flag", values.flag)
        inner = self.inner.sql(env)
        if env.holds_only(self.inner, "integer"):
            found = f"({inner} <> 0)"
        else:
            found = _by_type(inner, {"integer": f"({inner} <> 0)", "null": "NULL"}, name)
        if self.default is None:
            return found
        return f"coalesce({found}, {int(self.default)})"


class _Time:
    """A device time → aware UTC datetime (SQL: the store's text form) or None. Integers in
    the sane range are converted by SQL; everything else by the timeconv function."""

    kind = Kind.TIME
    convert: Callable[[object], datetime | None]
    key: str
    low: int
    high: int
    zero_is_a_time = True  # False: 0 means "not set" even inside the range

    inner: Expr

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, convert = self.inner.python(env), type(self).convert
        return lambda row: convert(inner(row))

    def sql(self, env: SqlEnv) -> str:
        convert = type(self).convert
        if env.micro_times:
            name = env.function(f"{self.key}_us", lambda v: sql_microseconds(convert(v)))
        else:
            name = env.function(self.key, lambda v: sql_time(convert(v)))
        inner = self.inner.sql(env)
        fast = self._fast_microseconds(inner) if env.micro_times else self._fast(inner)
        nonzero = "" if self.zero_is_a_time else f" AND {inner} <> 0"
        integer = (
            "" if env.holds_only(self.inner, "integer") else f"typeof({inner}) = 'integer' AND "
        )
        return (
            f"CASE WHEN {integer}{inner} >= {self.low} "
            f"AND {inner} < {self.high}{nonzero} THEN {fast} WHEN {inner} IS NULL THEN NULL "
            f"ELSE {name}({inner}) END"
        )

    def _fast(self, inner: str) -> str:
        raise NotImplementedError

    def _fast_microseconds(self, inner: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class UnixMilliseconds(_Time):
    inner: Expr
    convert = staticmethod(timeconv.unix_milliseconds)
    key = "unix_ms"
    low, high = timeconv.UNIX_MS_RANGE

    def _fast(self, inner: str) -> str:
        # Positive in the range: integer division and remainder are exact. The fraction
        # ".mmm000" is cut from a blob of all thousand (a blob's substr counts bytes, and
        # concatenation reads it as text): a quarter of building it from the remainder
        # (three concatenations; a million rows 0.12 s).
        return (
            f"datetime({inner} / 1000, 'unixepoch') || "
            f"substr({_MILLISECOND_FRACTIONS}, {inner} % 1000 * 7 + 1, 7)"
        )

    def _fast_microseconds(self, inner: str) -> str:
        return f"{inner} * 1000"


_MILLISECOND_FRACTIONS = "X'" + "".join(f".{n:03d}000".encode().hex() for n in range(1000)) + "'"


@dataclass(frozen=True)
class UnixSeconds(_Time):
    inner: Expr
    convert = staticmethod(timeconv.unix_seconds)
    key = "unix_s"
    low, high = timeconv.UNIX_SECONDS_RANGE

    def _fast(self, inner: str) -> str:
        return f"datetime({inner}, 'unixepoch') || '.000000'"

    def _fast_microseconds(self, inner: str) -> str:
        return f"{inner} * 1000000"


@dataclass(frozen=True)
class MacAbsolute(_Time):
    inner: Expr
    convert = staticmethod(timeconv.mac_absolute)
    key = "mac"
    low, high = timeconv.MAC_SECONDS_RANGE
    zero_is_a_time = False

    def _fast(self, inner: str) -> str:
        offset = timeconv.MAC_EPOCH_UNIX_SECONDS
        return f"datetime({inner} + {offset}, 'unixepoch') || '.000000'"

    def _fast_microseconds(self, inner: str) -> str:
        return f"({inner} + {timeconv.MAC_EPOCH_UNIX_SECONDS}) * 1000000"


@dataclass(frozen=True)
class Lookup:
    """mapping.get(value, default) for numbers; any other value gets the default. The
    values may be tuples: the expression then gives several fields."""

    inner: Expr
    mapping: Mapping[int, Any]
    default: Any
    kind: str = Kind.ANY

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, mapping, default = self.inner.python(env), dict(self.mapping), self.default

        def get(row: Row) -> Any:
            value = inner(row)
            try:
                return mapping.get(value, default)
            except TypeError:  # unhashable: cannot be a key
                return default

        return get

    @property
    def outputs(self) -> int:
        return len(self.default) if isinstance(self.default, tuple) else 1

    def sql(self, env: SqlEnv) -> str:
        return self.sql_output(env, None)

    def sql_output(self, env: SqlEnv, index: int | None) -> str:
        def pick(value: Any) -> str:
            return sql_literal(value if index is None else value[index])

        inner = self.inner.sql(env)
        arms = " ".join(f"WHEN {key} THEN {pick(v)}" for key, v in self.mapping.items())
        default = pick(self.default)
        if env.holds_only(self.inner, "integer"):
            return f"CASE {inner} {arms} ELSE {default} END"
        return (
            f"CASE WHEN typeof({inner}) IN ('integer', 'real') THEN CASE {inner} {arms} "
            f"ELSE {default} END ELSE {default} END"
        )


@dataclass(frozen=True, eq=False)
class Derived:
    """`function(*inputs)`, for logic over a few inputs of low cardinality (a call's type,
    whether it lasted, the app that placed it). The SQL path calls it once per distinct
    combination of inputs and joins the results back. With `outputs` > 1 the function
    returns a tuple: one value per field."""

    function: Callable[..., Any]
    inputs: tuple[Expr, ...]
    outputs: int = 1
    kind: str = Kind.ANY

    def columns(self) -> Iterator[str]:
        return itertools.chain.from_iterable(e.columns() for e in self.inputs)

    def python(self, env: PyEnv) -> Getter:
        inputs = [e.python(env) for e in self.inputs]
        function = self.function
        cache: dict[tuple[object, ...], Any] = {}

        def get(row: Row) -> Any:
            key = tuple(get_input(row) for get_input in inputs)
            try:
                return cache[key]
            except KeyError:
                found = cache[key] = function(*key)
                return found
            except TypeError:  # unhashable input (a blob): no caching
                return function(*key)

        return get

    def sql(self, env: SqlEnv) -> str:
        return self.sql_output(env, None)

    def sql_output(self, env: SqlEnv, index: int | None) -> str:
        alias = env.derived(self)
        return f"{alias}.o{0 if index is None else index}"


@dataclass(frozen=True)
class Body(Text):
    """values.body: a message body, as `Text` gives it except for a blob (values.blob_body:
    kept as hex unless it is text in an encoding the note names)."""

    convert: ClassVar[Callable[..., str]] = staticmethod(values.body)
    key: ClassVar[str] = "body"


@dataclass(frozen=True)
class BodyNote:
    """values.body_note: why a body is not plain text (a blob's encoding, or binary), or
    `ENCRYPTED_NOTE` when it looks like an app's ciphertext; '' otherwise. It decodes
    nothing the report counts: `Body` beside it does, once per row.
    SQL asks Python only about blobs and long texts without a space: the space first (most
    texts have one early), then the length in bytes (a ciphertext is ASCII: its bytes are
    its characters, and counting the characters of every text cost a million messages
    0.1 s)."""

    inner: Expr
    kind: str = Kind.TEXT

    def columns(self) -> Iterator[str]:
        return self.inner.columns()

    def python(self, env: PyEnv) -> Getter:
        inner, note = self.inner.python(env), values.body_note
        return lambda row: note(inner(row))

    def sql(self, env: SqlEnv) -> str:
        name = env.function("body_note", values.body_note)
        inner = self.inner.sql(env)
        only_text = env.holds_only(self.inner, "text")
        text = inner if only_text else f"CAST({inner} AS TEXT)"
        check = (
            f"CASE WHEN instr({text}, ' ') = 0 AND length(CAST({inner} AS BLOB)) >= 32 "
            f"AND {name}({inner}) != '' THEN {sql_literal(values.ENCRYPTED_NOTE)} ELSE '' END"
        )
        if only_text:
            return check
        return f"CASE WHEN typeof({inner}) = 'blob' THEN {name}({inner}) ELSE {check} END"


# ---- a table ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """A line of the parse report: `reason`, counted over the rows whose `field` is `value`
    (or, with `negate`, is not)."""

    reason: str | Message
    field: str
    value: object = None
    negate: bool = False

    def matches(self, found: object) -> bool:
        return (found != self.value) if self.negate else (found == self.value)


@dataclass(frozen=True)
class ContactTables:
    """A source's contacts as two SELECTs over its tables, for the SQL path to store whole
    (the importer offers them only where they give exactly what its Python path gives).
    `{src}` in them names the schema the working copy is attached as.

    contacts: row (integer, the contact's own id), display, given, family, organization,
        notes, deleted (1/0), in the order the records would come;
    points: contact_row, point_row (integer), row (text), kind, label, value, for the
        contacts' rows only, in the order the points would come (contact_row, point_row)."""

    table: str  # the contacts' source table (provenance)
    contacts: str
    points: str


class BulkSink(Protocol):
    """Takes a whole table in bulk (the ingest service's SQL path). Returns False when it
    cannot, and the rows are then read the Python way."""

    def take(self, rows: TableRows, ctx: ParseContext) -> bool: ...

    @property
    def takes_contacts(self) -> bool:
        """Whether `take_contacts` may take them (the importer checks its tables first)."""

    def take_contacts(self, tables: ContactTables, ctx: ParseContext) -> bool: ...


FieldKey = str | tuple[str, ...]


@dataclass(frozen=True, eq=False)
class TableRows:
    """The records of one source table, one per row, declared field by field."""

    record: Any  # MessageRecord or CallRecord: a NamedTuple class
    table: str
    fields: Mapping[FieldKey, Expr]
    counts: tuple[Count, ...] = ()

    def __post_init__(self) -> None:
        declared = [name for key in self.fields for name in _names(key)]
        expected = list(self.record._fields)
        if sorted(declared) != sorted(expected):
            missing = sorted(set(expected) - set(declared))
            extra = sorted(set(declared) - set(expected))
            raise ValueError(f"{self.table}: fields missing {missing}, unknown {extra}")

    # ---- reading
    def read(self, ctx: ParseContext) -> Iterator[Any]:
        """The records: handed to the context's bulk sink when it takes them, else read
        here, the Python way."""
        sink = getattr(ctx, "bulk", None)
        if sink is not None and sink.take(self, ctx):
            return
        yield from self.records(ctx)

    def columns(self) -> list[str]:
        """Source columns read, in a stable order (rowid last)."""
        seen = dict.fromkeys(c.lower() for e in self.fields.values() for c in e.columns())
        return [c for c in seen if c != "rowid"] + ["rowid"]

    def has_rowid(self, db: SqliteDatabase) -> bool:
        return self.table.lower() not in db.schema.without_rowid

    def records(self, ctx: ParseContext) -> Iterator[Any]:
        db, report = ctx.db, ctx.report
        columns = self.columns()
        rowid = self.has_rowid(db)
        wanted = columns if rowid else columns[:-1]
        sql = db.select(self.table, wanted, "rowid" if rowid else None)
        env = PyEnv({name: n for n, name in enumerate(wanted)}, db.text)
        getters = [(key, expr.python(env)) for key, expr in self.fields.items()]
        order = {name: n for n, name in enumerate(self.record._fields)}
        layout: list[tuple[int, int | None]] = [(0, None)] * len(order)
        for position, (key, _) in enumerate(getters):
            if isinstance(key, tuple):
                for index, name in enumerate(key):
                    layout[order[name]] = (position, index)
            else:
                layout[order[key]] = (position, None)
        watched = [(n, order[c.field], c) for n, c in enumerate(self.counts)]
        counted = [0] * len(self.counts)
        make = self.record._make
        functions = [get for _, get in getters]
        for row in db.rows(sql):
            found = [get(row) for get in functions]
            record = make([found[p] if i is None else found[p][i] for p, i in layout])
            for n, field_index, count in watched:
                if count.matches(record[field_index]):
                    counted[n] += 1
            yield record
        for count, number in zip(self.counts, counted, strict=True):
            if number:
                report.skip(count.reason, number)

    # ---- SQL
    def constant_or_none(self, name: str) -> object:
        """The value of a field declared constant; None for the others."""
        expr = self.fields.get(name)
        return expr.value if isinstance(expr, Const) else None

    def compile(self, env: SqlEnv) -> dict[str, str]:
        """SQL expressions of every field over `env.alias`, the source table (fields that
        are constant tuples, such as no attachments, are left to `constant`)."""
        compiled: dict[str, str] = {}
        for key, expr in self.fields.items():
            if isinstance(expr, Const) and isinstance(expr.value, tuple):
                continue
            if isinstance(key, tuple):
                multi = expr
                if not isinstance(multi, Lookup | Derived):
                    raise TypeError(f"{key}: only Lookup and Derived give several fields")
                for index, name in enumerate(key):
                    compiled[name] = multi.sql_output(env, index)
            else:
                compiled[key] = expr.sql(env)
        return compiled

    def kinds(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for key, expr in self.fields.items():
            for name in _names(key):
                found[name] = expr.kind
        return found


def expected_classes(exprs: Iterator[Expr]) -> dict[str, str]:
    """The storage class each source column is expected to hold (text for text, integer
    for numbers, flags, times and keys), for the columns read directly and one way only."""
    found: dict[str, set[str]] = {}

    def visit(expr: Expr) -> None:
        inner = getattr(expr, "inner", None)
        if isinstance(inner, Col):
            wanted = "text" if isinstance(expr, Text | BodyNote) else "integer"
            found.setdefault(inner.name.lower(), set()).add(wanted)
        if isinstance(expr, RowKey) and isinstance(inner, Coalesce):  # `_id`, else the rowid
            for option in inner.options:
                if isinstance(option, Col):
                    found.setdefault(option.name.lower(), set()).add("integer")
        for child in (inner, *getattr(expr, "inputs", ()), *getattr(expr, "options", ())):
            if child is not None and not isinstance(child, Col):
                visit(child)

    for expr in exprs:
        visit(expr)
    return {c: next(iter(k)) for c, k in found.items() if len(k) == 1 and c != "rowid"}


def decoded_texts(exprs: Iterator[Expr]) -> list[tuple[Expr, Callable[[bytes, Any], object]]]:
    """The inputs of every `Text` (and `Body`) in the expressions, once per place it appears
    (the Python path decodes a blob once for each of them, per row, and counts each
    decoding), each with the function that decodes it."""
    found: list[tuple[Expr, Callable[[bytes, Any], object]]] = []

    def visit(expr: Expr) -> None:
        if isinstance(expr, Text):
            found.append((expr.inner, expr.convert))
        inner = getattr(expr, "inner", None)
        for child in (inner, *getattr(expr, "inputs", ()), *getattr(expr, "options", ())):
            if child is not None:
                visit(child)

    for expr in exprs:
        visit(expr)
    return found


def copied_text(expr: Expr) -> set[str]:
    """Source columns whose text an expression's SQL copies as it is (to be checked for
    valid UTF-8: SQLite copies bytes, the Python path decodes them)."""
    if isinstance(expr, Text | RowKey | RawTime | OptionalText):
        return set(expr.inner.columns())
    if isinstance(expr, Col):
        return {expr.name}
    if isinstance(expr, Coalesce):
        return set().union(*(copied_text(e) for e in expr.options))
    return set()


def _names(key: FieldKey) -> tuple[str, ...]:
    return key if isinstance(key, tuple) else (key,)
