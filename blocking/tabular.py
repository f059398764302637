"""Cells of the spreadsheets and CSV files the library writes: text stays text.

The library's own twin of the workstation's table rules (it cannot import the workstation):

* CSV: a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe
  (OWASP's CSV-injection rule), except plain numbers such as +821012345678.
* XLSX: every string is written as a string cell, never as a formula, whatever it starts with;
  control characters, which the XLSX format cannot hold, are written as visible escapes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def safe_csv_cell(value: Any) -> str:
    text = "" if value is None else _no_surrogates(str(value))
    if text.startswith(FORMULA_STARTS) and text != "-" and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv_rows(handle: TextIO, rows: Iterable[Sequence[Any]]) -> int:
    writer = csv.writer(handle)
    count = 0
    for row in rows:
        writer.writerow([safe_csv_cell(cell) for cell in row])
        count += 1
    return count


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold: control characters shown as \\x07."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", _no_surrogates(value))


def xlsx_row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet in which every string is a string cell (openpyxl would
    otherwise store text starting with "=" as a formula)."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=xlsx_text(value))
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


def _no_surrogates(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")
