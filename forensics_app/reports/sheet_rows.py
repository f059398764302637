"""A table's rows as SpreadsheetML, written straight to a file, and their place in the
workbook XlsxWriter makes.

XlsxWriter costs about 6 µs a cell (each write is a checked method call that builds its XML
piece by piece): 2.4 million rows of a full-case report were four minutes of it. The rows
of the big tables are therefore written here, one string per row from per-column functions
chosen once, into a scratch file; XlsxWriter still makes the whole workbook (styles,
header rows, frozen panes, filters, the summary and chart sheets, the package), with each
data sheet holding only its header row, and `assemble` then copies its package, putting the
rows into each data sheet's <sheetData>.

The cells are what XlsxWriter writes in constant_memory mode: inline strings (escaped, a
literal "_x0041_" kept literal, surrounding spaces kept), numbers, booleans, and times as
Excel serial numbers with the workbook's date-time style. Text is never a formula (there is
no formula cell here at all), and unlike XlsxWriter's inline strings, text that looks like
a rich-text run ("<r>…</r>") is escaped like any other text instead of going into the XML
as it is.
"""

from __future__ import annotations

import math
import re
import shutil
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from operator import is_not, itemgetter
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from forensics_app.reports import cells
from forensics_app.reports.model import Column, Kind, ReportContext
from forensics_app.tabular import EXCEL_MAX_CELL_CHARS, excel_text, visible_text

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 0 of the 1900 date system, past its leap bug
FIRST_SERIAL_DAY = datetime(1900, 3, 1)  # earlier times are written as text
EXCEL_LAST_DAY = datetime(9999, 12, 31, 23, 59, 59)
ONE_DAY = timedelta(days=1)
LARGEST_EXACT_INTEGER = 10**15  # Excel keeps 15 significant digits
COPY_BLOCK = 1 << 20
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # Excel would decode it: keep it literal
_PRESERVE = ' xml:space="preserve"'
_SHEET_DATA_END = "</sheetData>"
_EMPTY_SHEET_DATA = "<sheetData/>"
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

CellWriter = Callable[[str, Any], str]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text_xml(text: str) -> str:
    """An inline-string cell's body for text a person reads (as the XLSX has always shown
    it: invisible and re-ordering characters as [U+202E]-style tags, within Excel's limit)."""
    if not (text.isprintable() and len(text) <= EXCEL_MAX_CELL_CHARS):
        text = excel_text(visible_text(text))
        if not text:
            return ""
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text.strip() != text:  # leading or trailing white space: kept
        return f' t="inlineStr"><is><t{_PRESERVE}>{text}</t></is></c>'
    return f' t="inlineStr"><is><t>{text}</t></is></c>'


def _number_xml(value: float) -> str:
    if value.__class__ is int and -LARGEST_EXACT_INTEGER < value < LARGEST_EXACT_INTEGER:
        return f"><v>{value}</v></c>"
    return f"><v>{value:.16G}</v></c>"


@dataclass(frozen=True)
class Styles:
    """The workbook's cell-style (xf) indices for typed cells."""

    datetime: int
    date: int


def cell_writers(
    columns: Sequence[Column], context: ReportContext, styles: Styles
) -> list[CellWriter]:
    """One function per column: (cell reference, value) → the cell's XML, "" for no cell."""
    zone = context.workstation.clock.zone
    as_datetime = f' s="{styles.datetime}"'
    as_date = f' s="{styles.date}"'

    def text(ref: str, value: Any) -> str:
        if value is None:
            return ""
        if value.__class__ is not str:
            value = cells.text_of(value, context)
        if not value:
            return ""
        body = _text_xml(value)
        return f'<c r="{ref}"{body}' if body else ""

    def number(ref: str, value: Any) -> str:
        if value is None:
            return ""
        if (value.__class__ is int or value.__class__ is float) and math.isfinite(value):
            return f'<c r="{ref}"{_number_xml(value)}'
        return text(ref, value)

    def serial(ref: str, moment: datetime, style: str, shown: str) -> str:
        if not FIRST_SERIAL_DAY <= moment <= EXCEL_LAST_DAY:
            return text(ref, moment.strftime(shown))  # before Excel's calendar: as text
        days = (moment - EXCEL_EPOCH) / ONE_DAY
        return f'<c r="{ref}"{style}><v>{days:.16G}</v></c>'

    def stamp(ref: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            # Excel has no zones: the wall-clock time in the zone named in the header.
            local = value.astimezone(zone).replace(tzinfo=None)
            return serial(ref, local, as_datetime, cells.DATETIME_FORMAT)
        return text(ref, value)

    def day(ref: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, date) and not isinstance(value, datetime):
            return serial(ref, datetime(value.year, value.month, value.day), as_date, "%Y-%m-%d")
        return text(ref, value)

    def boolean(ref: str, value: Any) -> str:
        if value is None:
            return ""
        if value.__class__ is bool:
            return f'<c r="{ref}" t="b"><v>{1 if value else 0}</v></c>'
        return text(ref, value)

    chosen: dict[Kind, CellWriter] = {
        Kind.INTEGER: number,
        Kind.DECIMAL: number,
        Kind.DATETIME: stamp,
        Kind.DATE: day,
        Kind.BOOL: boolean,
    }
    return [chosen.get(c.kind, text) for c in columns]


def is_text_column(column: Column) -> bool:
    return column.kind not in (Kind.INTEGER, Kind.DECIMAL, Kind.DATETIME, Kind.DATE, Kind.BOOL)


_NOT_NONE = partial(is_not, None)


class RowWriter:
    """Writes rows 2, 3, … of one sheet (row 1 is the header XlsxWriter writes) to a file.

    Most rows hold only plain text (printable, nothing to escape, within Excel's limit): that
    is checked once for the row's text cells together, and their cells are then written
    without a call each; any other row goes cell by cell through the column's writer."""

    def __init__(
        self, handle: IO[str], columns: Sequence[Column], writers: Sequence[CellWriter]
    ) -> None:
        self._handle = handle
        letters = [column_letter(i) for i in range(len(columns))]
        self._columns = list(zip(letters, writers, strict=True))
        self._fast = [
            (letter, None if is_text_column(column) else write)
            for letter, column, write in zip(letters, columns, writers, strict=True)
        ]
        texts = [i for i, column in enumerate(columns) if is_text_column(column)]
        self._texts: Callable[[Sequence[Any]], Sequence[Any]] = (
            itemgetter(*texts) if len(texts) > 1 else lambda values: [values[i] for i in texts]
        )
        self.rows = 0
        self._pending: list[str] = []

    def _plain(self, values: Sequence[Any]) -> bool:
        """Whether every text cell of the row is a str (or None) that needs no escaping."""
        try:
            joined = "".join(filter(_NOT_NONE, self._texts(values)))
        except TypeError:
            return False  # a value that is not text yet
        return (
            joined.isprintable()
            and len(joined) <= EXCEL_MAX_CELL_CHARS
            and "&" not in joined
            and "<" not in joined
            and ">" not in joined
            and "_x" not in joined
        )

    def write(self, values: Sequence[Any]) -> None:
        self.rows += 1
        number = str(self.rows + 1)
        if self._plain(values):
            cells_xml = "".join(
                [
                    (
                        (
                            f'<c r="{letter}{number}" t="inlineStr"><is><t'
                            f"{_PRESERVE if value.strip() != value else ''}>{value}</t></is></c>"
                            if value
                            else ""
                        )
                        if write is None
                        else write(letter + number, value)
                    )
                    for (letter, write), value in zip(self._fast, values, strict=True)
                ]
            )
        else:
            cells_xml = "".join(
                [
                    write(letter + number, value)
                    for (letter, write), value in zip(self._columns, values, strict=True)
                ]
            )
        self._pending.append(f'<row r="{number}">{cells_xml}</row>')
        if len(self._pending) >= 1000:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._handle.write("".join(self._pending))
            self._pending = []


# ---- putting the rows into XlsxWriter's package -------------------------------------------------
def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {
        r.get("Id"): r.get("Target", "") for r in relations.iter(f"{_PKG_REL_NS}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else (f"xl/{target}")
        )
    return parts


def assemble(skeleton: Path, target: Path, rows: dict[str, tuple[Path, str]]) -> None:
    """Copy the workbook at `skeleton` to `target`, each sheet named in `rows` getting the
    rows written to its file (sheet name → (rows file, the range its dimension covers))."""
    with (
        zipfile.ZipFile(skeleton) as source,
        zipfile.ZipFile(
            target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1, allowZip64=True
        ) as package,
    ):
        parts = sheet_parts(source)
        filled = {parts[name]: value for name, value in rows.items()}
        for info in source.infolist():
            if info.filename not in filled:
                package.writestr(info, source.read(info))
                continue
            rows_file, dimension = filled[info.filename]
            xml = source.read(info).decode("utf-8")
            xml = _DIMENSION.sub(f'<dimension ref="{dimension}"/>', xml, count=1)
            if _SHEET_DATA_END in xml:
                head, tail = xml.split(_SHEET_DATA_END, 1)
                tail = _SHEET_DATA_END + tail
            else:
                head, tail = xml.split(_EMPTY_SHEET_DATA, 1)
                head, tail = head + "<sheetData>", _SHEET_DATA_END + tail
            # By name: the package's fast compression level applies (a ZipInfo has its own).
            with package.open(info.filename, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                with rows_file.open("rb") as data:
                    shutil.copyfileobj(data, out, COPY_BLOCK)
                out.write(tail.encode("utf-8"))
