"""Cell values as each format shows them. Sections hand over plain values (text, numbers,
aware datetimes, dates); the column's kind says how they are written.

Per-column converters are built once per table: a million rows of six columns is six
million conversions, so each one is a single small function with no type dispatch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from operator import is_not, itemgetter
from typing import Any

import orjson

from forensics_app.reports.model import Column, Kind, ReportContext
from forensics_app.tabular import visible_text

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
Converter = Callable[[Any], Any]


def text_of(value: Any, context: ReportContext) -> str:
    """The plain text of a value (times in the report's zone), before any escaping."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return context.local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return context.t("Yes") if value else context.t("No")
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def shown(value: Any, context: ReportContext) -> str:
    """Text for a reader (HTML, PDF): invisible and re-ordering characters made visible."""
    return fast_visible(text_of(value, context))


def fast_visible(text: str) -> str:
    # Nearly all text is printable (Hangul included): skip the regular expression then.
    return text if text.isprintable() else visible_text(text)


def header(column: Column, context: ReportContext) -> str:
    """Column titles of times name the zone they are in."""
    if column.kind == Kind.DATETIME:
        abbreviation = context.workstation.clock.zone_abbreviation(context.generated_at)
        return f"{column.title} ({abbreviation})"
    return column.title


def _text_converter(context: ReportContext, visible: bool) -> Converter:
    def convert(value: Any) -> Any:
        if value is None:
            return None
        text = value if isinstance(value, str) else text_of(value, context)
        return fast_visible(text) if visible else text

    return convert


def _datetime_converter(context: ReportContext) -> Converter:
    zone = context.workstation.clock.zone

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, datetime):
            # "YYYY-MM-DD HH:MM:SS" and the offset after it, cut: one call fewer per cell
            # than dropping the zone first.
            return value.astimezone(zone).isoformat(" ", "seconds")[:19]
        return text_of(value, context)

    return convert


def _number_converter(context: ReportContext) -> Converter:
    def convert(value: Any) -> Any:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        return fast_visible(text_of(value, context))

    return convert


def _bool_converter(context: ReportContext) -> Converter:
    words = {True: context.t("Yes"), False: context.t("No")}

    def convert(value: Any) -> Any:
        if value.__class__ is bool:
            return words[value]
        if value is None:
            return None
        return fast_visible(text_of(value, context))

    return convert


def converters(
    columns: Sequence[Column], context: ReportContext, *, visible: bool
) -> list[Converter]:
    """One function per column turning a value into what the HTML data (numbers stay
    numbers, the rest text) or a CSV holds. `visible`: make control characters visible
    (for a reader), or keep the text as it is (CSV, for another program)."""
    made: list[Converter] = []
    for column in columns:
        if column.kind == Kind.DATETIME:
            made.append(_datetime_converter(context))
        elif column.kind in (Kind.INTEGER, Kind.DECIMAL):
            made.append(_number_converter(context) if visible else _text_or_number(context))
        elif column.kind == Kind.BOOL:
            made.append(_bool_converter(context))
        else:
            made.append(_text_converter(context, visible))
    return made


def _text_or_number(context: ReportContext) -> Converter:
    def convert(value: Any) -> Any:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        return text_of(value, context)

    return convert


_NOT_NONE = partial(is_not, None)
_NUMBERS = frozenset((int, float, type(None)))
_SPECIAL_KINDS = (Kind.DATETIME, Kind.DATE, Kind.BOOL)
RowEncoder = Callable[[Sequence[Any]], bytes]


def _picker(indexes: Sequence[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    if len(indexes) > 1:
        return itemgetter(*indexes)
    return lambda row: [row[i] for i in indexes]


def json_rows(columns: Sequence[Column], context: ReportContext) -> RowEncoder:
    """A function turning a row into the JSON array the HTML data holds (UTF-8), the same
    values `converters(..., visible=True)` make.

    Most rows need nothing done to their text (printable, already str) or numbers: that is
    checked once per row with C-level calls, and only the typed cells (times, dates, yes/no)
    are converted; other rows go cell by cell. orjson encodes (the standard library's
    encoder was a fifth of the HTML's time)."""
    convert = converters(columns, context, visible=True)
    special = [(i, convert[i]) for i, c in enumerate(columns) if c.kind in _SPECIAL_KINDS]
    texts = _picker([i for i, c in enumerate(columns) if c.kind in (Kind.TEXT, Kind.CODE)])
    numbers = _picker([i for i, c in enumerate(columns) if c.kind in (Kind.INTEGER, Kind.DECIMAL)])
    dumps = orjson.dumps
    fallback = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def cell_by_cell(row: Sequence[Any]) -> bytes:
        values = [f(v) for f, v in zip(convert, row, strict=True)]
        try:
            return dumps(values)
        except orjson.JSONEncodeError:  # an integer beyond 64 bits
            return fallback(values).encode("utf-8")

    def encode(row: Sequence[Any]) -> bytes:
        try:
            joined = "".join(filter(_NOT_NONE, texts(row)))
        except TypeError:
            return cell_by_cell(row)  # a text column holding something else
        if not joined.isprintable() or not _NUMBERS.issuperset(map(type, numbers(row))):
            return cell_by_cell(row)
        values = list(row)
        if len(values) != len(convert):
            raise ValueError(f"a row of {len(values)} values for {len(convert)} columns")
        for index, typed in special:
            values[index] = typed(values[index])
        try:
            return dumps(values)
        except orjson.JSONEncodeError:
            return fallback(values).encode("utf-8")

    return encode
