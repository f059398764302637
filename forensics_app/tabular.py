"""CSV files the workstation writes for people and their spreadsheets.

A cell whose text starts with =, +, -, @, a tab or a carriage return is one a spreadsheet may run
as a formula (`=cmd|' /C calc'!A0`, `=HYPERLINK(…)`). Following OWASP's CSV-injection rule such
a cell is written with a leading apostrophe, which spreadsheets read as "this is text"; plain
numbers (+821012345678, -3.5) are left alone, since a spreadsheet reads them as numbers anyway.
Fields are quoted as needed, so a comma or quote in a value never starts another cell.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from forensics_app.display import without_surrogates
from forensics_app.errors import UserError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def safe_cell(value: Any) -> str:
    """`value` as CSV cell text that no spreadsheet runs as a formula."""
    text = "" if value is None else without_surrogates(str(value))
    if text.startswith(FORMULA_STARTS) and text != "-" and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write UTF-8 with a BOM (Excel then opens Hangul right); returns the rows written."""
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([safe_cell(h) for h in header])
            for row in rows:
                writer.writerow([safe_cell(cell) for cell in row])
                count += 1
    except OSError as exc:
        raise UserError(
            "Cannot write {path}: {reason}", path=path, reason=exc.strerror or exc
        ) from exc
    return count
