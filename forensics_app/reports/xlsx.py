"""The workbook: a summary sheet, one sheet per table, the charts.

XlsxWriter makes the workbook; the tables' rows are streamed to scratch files as SpreadsheetML
by `sheet_rows` (XlsxWriter's per-cell calls were most of the time of a big report) and put
into their sheets when the package is assembled, so memory does not grow with rows. Columns
are typed: times are Excel date-times in the report's zone (named in the header), numbers
are numbers, and text is always written as text, so a message that starts with "=" stays a
message. The workbook is read by people, like the HTML and the PDF: control characters and
right-to-left overrides are shown as [U+202E]-style tags, so nothing hidden re-orders what a
cell shows (the CSV files keep the text as stored).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from forensics_app.reports import cells, sheet_rows
from forensics_app.reports.builder import Prepared, RowCounter, write_tables
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
from forensics_app.tabular import excel_text, visible_text

XLSX_NAME = "report.xlsx"
MAX_SHEET_ROWS = 1_048_576  # Excel's limit, header included
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

log = logging.getLogger(__name__)


def _cell_text(text: str) -> str:
    """Text for a cell a person reads: invisible and re-ordering characters shown as tags,
    XML-safe, within Excel's limit."""
    return excel_text(visible_text(text))


def sheet_title(title: str, suffix: str = "") -> str:
    """A valid sheet name: no []:*?/\\ and no control characters, at most 31 characters;
    what would re-order or hide text (an exhibit number with U+202E) shown as its code.
    A tab or line break in a name (an exhibit number typed so) was stored in the workbook,
    read back as a space (XML attribute normalisation), and the sheet was not found."""
    shown = _SHEET_CONTROL.sub(" ", visible_text(title))
    clean = _SHEET_FORBIDDEN.sub(" ", shown).strip().strip("'") or "Sheet"
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
    skeleton = scratch / "skeleton.xlsx"
    workbook = xlsxwriter.Workbook(
        str(skeleton),
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
    # The streamed rows refer to the typed cells' styles by index (XlsxWriter numbers a
    # style when it is first used; asking for it registers it in the workbook).
    indices = sheet_rows.Styles(
        datetime=styles["datetime"]._get_xf_index(), date=styles["date"]._get_xf_index()
    )
    names = _Names()
    closed = False
    try:
        summary = names.take(context.t("Summary"))
        tables = [b for p in prepared.sections for b in p.blocks if isinstance(b, Table)]
        streamed = write_tables(
            context,
            tables,
            lambda table: _stream_rows(
                table, context, indices, scratch / f"rows-{tables.index(table):04d}"
            ),
        )
        parts = [
            RowsPart(table, number, path, rows)
            for table, files in zip(tables, streamed, strict=True)
            for number, (path, rows) in enumerate(files, start=1)
        ]
        _summary_sheet(workbook, summary, prepared, styles)
        filled: dict[str, tuple[Path, str]] = {}
        for part in parts:
            name = _table_sheet(workbook, names, part, context, styles)
            last = sheet_rows.column_letter(len(part.table.columns) - 1)
            filled[name] = (part.path, f"A1:{last}{part.rows + 1}")
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
        closed = True
        _close(workbook)
        context.progress.begin(None, context.t("Compressing the workbook"))
        sheet_rows.assemble(skeleton, root / XLSX_NAME, filled)
    finally:
        if not closed:
            try:
                workbook.close()  # an interrupted build: let XlsxWriter let go of its files
            except Exception:  # the first error is the one to report
                log.debug("closing an unfinished workbook", exc_info=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _close(workbook: Any) -> None:
    import xlsxwriter

    try:
        workbook.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from exc
        raise


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


@dataclass(frozen=True)
class RowsPart:
    """Up to a sheet's worth of a table's rows, streamed into a scratch file."""

    table: Table
    number: int  # 1 for the table's first sheet
    path: Path
    rows: int


def _stream_rows(
    table: Table, context: ReportContext, indices: sheet_rows.Styles, stem: Path
) -> list[tuple[Path, int]]:
    """The table's rows as SpreadsheetML in scratch files named after `stem`, a new one each
    time a sheet is full (Excel's limit): (file, rows) per sheet."""
    writers = sheet_rows.cell_writers(table.columns, context, indices)
    parts: list[tuple[Path, int]] = []
    counter = RowCounter(context)
    context.progress.begin(table.count() if table.count else None, table.title, "rows")
    handle = None
    rows: sheet_rows.RowWriter | None = None
    try:
        for values in counter.stream(table):
            if rows is None or rows.rows == MAX_SHEET_ROWS - 1:
                if rows is not None and handle is not None:
                    rows.flush()
                    handle.close()
                    parts[-1] = (parts[-1][0], rows.rows)
                path = stem.with_name(f"{stem.name}-{len(parts) + 1}.xml")
                handle = path.open("w", encoding="utf-8", newline="")
                rows = sheet_rows.RowWriter(handle, table.columns, writers)
                parts.append((path, 0))
            rows.write(values)
        if rows is None:
            path = stem.with_name(f"{stem.name}-1.xml")
            path.touch()
            parts.append((path, 0))
        elif handle is not None:
            rows.flush()
            parts[-1] = (parts[-1][0], rows.rows)
    finally:
        if handle is not None:
            handle.close()
    return parts


def _table_sheet(
    workbook: Any, names: _Names, part: RowsPart, context: ReportContext, styles: dict[str, Any]
) -> str:
    """A table's sheet with its header row, column widths, frozen header and filter; the
    rows go in when the workbook is assembled. Returns the sheet's name."""
    table = part.table
    title = table.title if part.number == 1 else f"{table.title} ({part.number})"
    name = names.take(title)
    sheet = workbook.add_worksheet(name)
    for index, column in enumerate(table.columns):
        sheet.set_column(index, index, column.width)
    for index, column in enumerate(table.columns):
        sheet.write_string(0, index, _cell_text(cells.header(column, context)), styles["header"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(part.rows, 1), len(table.columns) - 1)
    return name
