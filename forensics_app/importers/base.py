"""The shape of an importer, and the report a parse fills in.

An importer is data first (plaso's sqlite plugins, ALEAPP's `__artifacts_v2__`): the tables
and columns it requires, those it reads when present, the paths it is typically found at,
what it yields and which versions it knows; then one `parse` function. Detection is by
content: the file's signature, then the required structure, then an optional `confirm` check
of the rows. A typical path only orders candidates and explains misses; it never decides.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from forensics_app.importers.bulk import BulkSink
from forensics_app.importers.records import Record
from forensics_app.importers.sqlite import DatabaseUnreadable, SqliteDatabase
from forensics_app.messages import Message, msg

T = TypeVar("T")


class ParseReport:
    """What a parse read, skipped and noticed. Skips are counted per reason, so a million
    rows with the same problem make one line, not a million. Reasons are message templates
    (a constant English sentence is its own template), shown in the reader's language."""

    def __init__(self) -> None:
        self.version = ""
        self._skipped: Counter[tuple[str, str]] = Counter()  # by template and values
        self._reasons: dict[tuple[str, str], Message] = {}
        self.warnings: list[Message] = []

    def skip(self, reason: str | Message, count: int = 1) -> None:
        note = reason if isinstance(reason, Message) else Message(reason)
        key = (note.template, repr(sorted(note.values.items())))
        self._reasons.setdefault(key, note)
        self._skipped[key] += count

    def warn(self, text: str | Message) -> None:
        note = text if isinstance(text, Message) else Message(text)
        if note not in self.warnings:
            self.warnings.append(note)

    def merge(self, other: ParseReport) -> None:
        """Another report's skips (in the order it met them) and warnings added to this one:
        a parse split over processes, put back together in document order."""
        for key, count in other._skipped.items():
            self._reasons.setdefault(key, other._reasons[key])
            self._skipped[key] += count
        for note in other.warnings:
            self.warn(note)

    @property
    def skipped(self) -> list[Message]:
        """One line per reason, in the order first met, with its count (a missing table or
        column is said once, without one)."""
        shown = []
        for key, count in self._skipped.items():
            reason = self._reasons[key]
            once = count == 1 and reason.template.startswith(("table", "column"))
            shown.append(reason if once else msg("{reason}: {count}", reason=reason, count=count))
        return shown


@dataclass
class ParseContext:
    """Handed to `parse`: the opened working copy and the report to fill in. `bulk`, when
    set, takes declared tables (bulk.TableRows) in bulk instead of record by record."""

    db: SqliteDatabase
    report: ParseReport = field(default_factory=ParseReport)
    logical_path: str = ""
    bulk: BulkSink | None = None


ParseFunction = Callable[[ParseContext], Iterator[Record]]


@functools.cache
def _typical_paths(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for an importer's typical paths (fnmatch patterns, matched
    lower-cased): an archive of a file system asks it for each of tens of thousands of
    files, once per importer."""
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(fnmatch.translate(p.lower()) for p in patterns))


@dataclass(frozen=True)
class SqliteImporter:
    name: str  # stable: stored with every import and used for idempotency
    title: str
    platform: str
    yields: tuple[str, ...]  # artifact kinds: "message", "call", "contact"
    required: Mapping[str, tuple[str, ...]]  # plaso's REQUIRED_STRUCTURE
    parse: ParseFunction
    optional: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    typical_paths: tuple[str, ...] = ()
    version_notes: str = ""
    # Beyond structure: look at rows (e.g. attachment paths tell macOS from iOS).
    confirm: Callable[[SqliteDatabase], bool] | None = None
    # Among importers yielding the same kinds from one file, the most specific one reads it.
    specificity: int = 0

    def matches(self, db: SqliteDatabase) -> bool:
        for table, columns in self.required.items():
            if not db.schema.has(table, *columns):
                return False
        if self.confirm is not None:
            try:
                return bool(self.confirm(db))
            except Exception:  # a confirm that cannot read the rows says no
                return False
        return True

    def at_typical_path(self, logical_path: str) -> bool:
        return _typical_paths(self.typical_paths).match(logical_path.lower()) is not None

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "platform": self.platform,
            "yields": list(self.yields),
            "required": {t: list(c) for t, c in self.required.items()},
            "optional": {t: list(c) for t, c in self.optional.items()},
            "typical_paths": list(self.typical_paths),
            "version_notes": self.version_notes,
        }


def salvaged(ctx: ParseContext, table: str, rows: Iterable[T]) -> Iterator[T]:
    """The rows of one table up to the first damage in it (a page SQLite finds malformed):
    the rest of that table is said skipped and the parse goes on with the other tables,
    instead of one damaged table losing the whole database."""
    try:
        yield from rows
    except DatabaseUnreadable as exc:
        _damaged(ctx, table, exc)


def salvaged_count(ctx: ParseContext, table: str) -> int:
    """db.count, 0 (and said skipped) when the table is damaged."""
    try:
        return ctx.db.count(table)
    except DatabaseUnreadable as exc:
        _damaged(ctx, table, exc)
        return 0


def _damaged(ctx: ParseContext, table: str, exc: DatabaseUnreadable) -> None:
    ctx.report.skip(
        msg(
            "table {table} is damaged: its rows from the damage on were not read ({error})",
            table=table,
            error=exc.message,
        )
    )


def note_missing_optional(ctx: ParseContext, importer: SqliteImporter) -> None:
    """Say which optional tables and columns this database lacks (what will not be read)."""
    for table, columns in importer.optional.items():
        missing = ctx.db.schema.missing(table, columns)
        if missing == [table]:
            ctx.report.skip(msg("table {table} missing", table=table))
        elif missing:
            ctx.report.skip(
                msg(
                    "columns missing in {table}: {columns}", table=table, columns=", ".join(missing)
                )
            )
