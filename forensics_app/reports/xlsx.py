"""The workbook: a summary sheet, one sheet per table, the charts.

XlsxWriter in constant_memory mode writes each row to disk as soon as the next one starts, so
memory does not grow with rows. Columns are typed: times are Excel date-times in the report's
zone (named in the header), numbers are numbers, and text is always written as text, so a
message that starts with "=" stays a message. The workbook is read by people, like the HTML
and the PDF: control characters and right-to-left overrides are shown as [U+202E]-style tags,
so nothing hidden re-orders what a cell shows (the CSV files keep the text as stored).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from forensics_app.reports import cells
from forensics_app.reports.builder import Prepared, RowCounter
from forensics_app.reports.model import (
    Facts,
    Figure,
    Gallery,
    Kind,
    Paragraph,
    ReportContext,
    Subheading,
    Table,
)
from forensics_app.tabular import EXCEL_MAX_CELL_CHARS, excel_text, visible_text

XLSX_NAME = "report.xlsx"
MAX_SHEET_ROWS = 1_048_576  # Excel's limit, header included
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cell_text(text: str) -> str:
    """Text for a cell a person reads: invisible and re-ordering characters shown as tags,
    XML-safe, within Excel's limit."""
    return excel_text(visible_text(text))


def sheet_title(title: str, suffix: str = "") -> str:
    """A valid sheet name: no []:*?/\\, at most 31 characters."""
    clean = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'") or "Sheet"
    return clean[: 31 - len(suffix)] + suffix


class _Names:
    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, title: str) -> str:
        name = sheet_title(title)
        number = 2
        while name.lower() in self._used:
            name = sheet_title(title, f" ({number})")
            number += 1
        self._used.add(name.lower())
        return name


def write(prepared: Prepared, root: Path) -> None:
    import xlsxwriter

    context = prepared.context
    scratch = root / ".xlsx-tmp"
    scratch.mkdir()
    workbook = xlsxwriter.Workbook(
        str(root / XLSX_NAME),
        {
            "constant_memory": True,
            "tmpdir": str(scratch),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "use_zip64": True,
        },
    )
    workbook.set_properties(
        {
            "title": f"{context.t('Case report')} {context.case.number}",
            "subject": context.case.title,
            "author": context.generated_by.label,
            "comments": "forensics-app",
            "created": context.local(context.generated_at).replace(tzinfo=None),
        }
    )
    styles = {
        "header": workbook.add_format({"bold": True, "bg_color": "#EEF1F5", "border": 1}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
    }
    names = _Names()
    try:
        _summary_sheet(workbook, names.take(context.t("Summary")), prepared, styles)
        for plan in prepared.sections:
            for block in plan.blocks:
                if isinstance(block, Table):
                    _table_sheets(workbook, names, block, context, styles)
        figures = [b for p in prepared.sections for b in p.blocks if isinstance(b, Figure)]
        if figures:
            sheet = workbook.add_worksheet(names.take(context.t("Charts")))
            row = 0
            for figure in figures:
                sheet.write_string(row, 0, _cell_text(figure.title), styles["bold"])
                sheet.insert_image(
                    row + 1,
                    0,
                    str(root / prepared.figures[figure.id].file),
                    {"x_scale": 0.6, "y_scale": 0.6},
                )
                row += 22
    finally:
        try:
            workbook.close()
        except xlsxwriter.exceptions.FileCreateError as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from exc
            raise
        for leftover in scratch.iterdir():
            leftover.unlink()
        scratch.rmdir()


def _summary_sheet(workbook: Any, name: str, prepared: Prepared, styles: dict[str, Any]) -> None:
    context = prepared.context
    sheet = workbook.add_worksheet(name)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 1, 90)
    row = 0
    sheet.write_string(
        row, 0, _cell_text(f"{context.t('Case report')} {context.case.number}"), styles["title"]
    )
    row += 2
    for plan in prepared.sections:
        sheet.write_string(row, 0, _cell_text(plan.title), styles["title"])
        row += 1
        for block in plan.blocks:
            if isinstance(block, Facts):
                sheet.write_string(row, 0, _cell_text(block.title), styles["bold"])
                row += 1
                for label, value in block.pairs:
                    sheet.write_string(row, 0, _cell_text(label))
                    _write_value(sheet, row, 1, value, _kind_of(value), context, styles)
                    row += 1
            elif isinstance(block, Paragraph | Subheading):
                sheet.write_string(row, 0, _cell_text(block.text), styles["wrap"])
                row += 1
            elif isinstance(block, Table):
                sheet.write_string(row, 0, _cell_text(block.title))
                sheet.write_string(row, 1, _cell_text(context.t("See the sheet of the same name.")))
                row += 1
            elif isinstance(block, Gallery):
                sheet.write_string(row, 0, _cell_text(block.title))
                sheet.write_string(
                    row, 1, _cell_text(context.t("Photos are in the HTML and PDF reports."))
                )
                row += 1
        row += 1


def _kind_of(value: Any) -> Kind:
    if isinstance(value, datetime):
        return Kind.DATETIME
    if isinstance(value, date):
        return Kind.DATE
    if isinstance(value, bool):
        return Kind.BOOL
    if isinstance(value, int):
        return Kind.INTEGER
    if isinstance(value, float):
        return Kind.DECIMAL
    return Kind.TEXT


def _write_value(
    sheet: Any,
    row: int,
    column: int,
    value: Any,
    kind: Kind,
    context: ReportContext,
    styles: dict[str, Any],
) -> None:
    if value is None or value == "":
        return
    if kind == Kind.DATETIME and isinstance(value, datetime):
        # Excel has no zones: the local wall-clock time, zone named in the header.
        sheet.write_datetime(
            row, column, context.local(value).replace(tzinfo=None), styles["datetime"]
        )
    elif kind == Kind.DATE and isinstance(value, date):
        sheet.write_datetime(
            row, column, datetime(value.year, value.month, value.day), styles["date"]
        )
    elif (
        kind in (Kind.INTEGER, Kind.DECIMAL)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        sheet.write_number(row, column, value)
    elif kind == Kind.BOOL and isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    else:
        # write_string, never write(): text that looks like a formula stays text.
        sheet.write_string(row, column, _cell_text(cells.text_of(value, context)))


def _cell_writers(
    sheet: Any, table: Table, context: ReportContext, styles: dict[str, Any]
) -> list[Callable[[int, int, Any], None]]:
    """One writer per column, chosen once (a million rows, no type dispatch per cell)."""
    zone = context.workstation.clock.zone
    as_datetime, as_date = styles["datetime"], styles["date"]

    def write_text(row: int, column: int, value: Any) -> None:
        if value is None or value == "":
            return
        text = value if isinstance(value, str) else cells.text_of(value, context)
        # write_string, never write(): text that looks like a formula stays text.
        if not (text.isprintable() and len(text) <= EXCEL_MAX_CELL_CHARS):
            text = _cell_text(text)
        sheet.write_string(row, column, text)

    def write_number(row: int, column: int, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(row, column, value)
        else:
            write_text(row, column, value)

    def write_datetime(row: int, column: int, value: Any) -> None:
        if isinstance(value, datetime):
            # Excel has no zones: the wall-clock time in the zone named in the header.
            sheet.write_datetime(
                row, column, value.astimezone(zone).replace(tzinfo=None), as_datetime
            )
        else:
            write_text(row, column, value)

    def write_date(row: int, column: int, value: Any) -> None:
        if isinstance(value, date) and not isinstance(value, datetime):
            sheet.write_datetime(row, column, datetime(value.year, value.month, value.day), as_date)
        else:
            write_text(row, column, value)

    def write_bool(row: int, column: int, value: Any) -> None:
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        else:
            write_text(row, column, value)

    chosen = {
        Kind.INTEGER: write_number,
        Kind.DECIMAL: write_number,
        Kind.DATETIME: write_datetime,
        Kind.DATE: write_date,
        Kind.BOOL: write_bool,
    }
    return [chosen.get(c.kind, write_text) for c in table.columns]


def _table_sheets(
    workbook: Any, names: _Names, table: Table, context: ReportContext, styles: dict[str, Any]
) -> None:
    headers = [cells.header(c, context) for c in table.columns]

    def new_sheet(title: str) -> tuple[Any, list[Callable[[int, int, Any], None]]]:
        sheet = workbook.add_worksheet(names.take(title))
        for index, column in enumerate(table.columns):
            sheet.set_column(index, index, column.width)
        for index, text in enumerate(headers):
            sheet.write_string(0, index, _cell_text(text), styles["header"])
        sheet.freeze_panes(1, 0)
        return sheet, _cell_writers(sheet, table, context, styles)

    def close_sheet(sheet: Any, rows: int) -> None:
        sheet.autofilter(0, 0, max(rows, 1), len(headers) - 1)

    part = 1
    sheet, writers = new_sheet(table.title)
    row = 0
    counter = RowCounter(context)
    context.progress.begin(table.count() if table.count else None, table.title, "rows")
    for values in counter.stream(table):
        if row == MAX_SHEET_ROWS - 1:
            close_sheet(sheet, row)
            part += 1
            sheet, writers = new_sheet(f"{table.title} ({part})")
            row = 0
        row += 1
        for column, (write, value) in enumerate(zip(writers, values, strict=True)):
            write(row, column, value)
    close_sheet(sheet, row)
