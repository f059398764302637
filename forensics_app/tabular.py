"""Tables out to files (pandas), safe to open in a spreadsheet.

OWASP's CSV-injection rule: a cell that starts with =, +, -, @, a tab or a carriage return is
read as a formula by Excel and LibreOffice, so it is written as text (a leading apostrophe).
A cell that is exactly an E.164 phone number (+821012345678) is data a spreadsheet reads as a
number, never as a formula; it is left as it is, so exported numbers stay matchable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from forensics_app.errors import UserError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_E164 = re.compile(r"^\+[1-9]\d{5,14}$")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet must receive it (only text is ever changed)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _E164.match(value):
        return "'" + value
    return value


def frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    table = pd.DataFrame.from_records(list(rows), columns=list(columns))
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(safe_cell).astype(object)
    return table


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> int:
    """Write the rows (UTF-8 with a BOM, which Excel needs for Hangul); returns how many."""
    table = frame(rows, columns)
    try:
        table.to_csv(path, index=False, encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return len(table)
