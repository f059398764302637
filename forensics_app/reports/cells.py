"""Cell values as each format shows them. Sections hand over plain values (text, numbers,
aware datetimes, dates); the column's kind says how they are written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from forensics_app.reports.model import Column, Kind, ReportContext
from forensics_app.tabular import visible_text

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


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
    return visible_text(text_of(value, context))


def header(column: Column, context: ReportContext) -> str:
    """Column titles of times name the zone they are in."""
    if column.kind == Kind.DATETIME:
        return (
            f"{column.title} ({context.workstation.clock.zone_abbreviation(context.generated_at)})"
        )
    return column.title


def sortable(value: Any, kind: Kind, context: ReportContext) -> Any:
    """What the HTML page sorts and searches by: numbers stay numbers, the rest is text."""
    if value is None:
        return None
    if (
        kind in (Kind.INTEGER, Kind.DECIMAL)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        return value
    return visible_text(text_of(value, context))
