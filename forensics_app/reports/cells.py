"""Cell values as each format shows them. Sections hand over plain values (text, numbers,
aware datetimes, dates); the column's kind says how they are written.

Per-column converters are built once per table: a million rows of six columns is six
million conversions, so each one is a single small function with no type dispatch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

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
            return value.astimezone(zone).replace(tzinfo=None).isoformat(" ", "seconds")
        return text_of(value, context)

    return convert


def _number_converter(context: ReportContext) -> Converter:
    def convert(value: Any) -> Any:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        return fast_visible(text_of(value, context))

    return convert


def _bool_converter(context: ReportContext) -> Converter:
    yes, no = context.t("Yes"), context.t("No")

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            return yes if value else no
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
