"""Safe cells for anything tabular that leaves the workstation: CSV, spreadsheets, reports.

Evidence text is hostile until shown otherwise. A message body that starts with `=` becomes a
formula when a CSV is opened in Excel (CSV injection); control characters are illegal in the
XML inside an XLSX and invisible on paper; right-to-left overrides re-order what a reader sees
("txt.exe" shown as "exe.txt"). These helpers are the one place that handles that, so every
export behaves the same (reports, the OCR CSV, block-request lists, artifact searches).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from blocking.errors import os_reason
from forensics_app.display import without_surrogates
from forensics_app.errors import UserError

if TYPE_CHECKING:
    import pandas as pd

# OWASP "CSV Injection": a cell starting with one of these is taken as a formula by Excel,
# LibreOffice or Google Sheets. The rule: prefix such cells with a single quote.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Full-width forms that spreadsheets normalise to the triggers above.
_WIDE_TRIGGERS = ("＝", "＋", "－", "＠")
EXCEL_MAX_CELL_CHARS = 32_767
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a BOM: Korean Excel reads it as UTF-8, not CP949

# Explicit directional formatting (embeddings, overrides, isolates): invisible, and able to
# re-order the text around them. Marks (LRM, RLM, ALM) only nudge neutral characters and
# belong to real Arabic or Hebrew text, so they stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A plain number (+821012345678, -3.5, 1,000) is read as a number by every spreadsheet, never
# as a formula; it stays as it is, so exported phone numbers remain matchable.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula (or a formula's sign)."""
    return text.startswith(FORMULA_TRIGGERS) or text.startswith(_WIDE_TRIGGERS)


def neutralise_csv_cell(text: str) -> str:
    """OWASP's rule for CSV: a cell that could start a formula gets a leading `'`, except a
    plain number (an E.164 phone number such as +821012345678) or a lone "-"."""
    text = without_surrogates(text)
    if looks_like_formula(text) and text != "-" and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet must receive it (only text is ever changed)."""
    return neutralise_csv_cell(value) if isinstance(value, str) else value


XLSX_CREATOR = "forensics-app"  # docProps/core.xml's creator: the mark of our own workbooks
_OUR_XLSX_CREATOR = re.compile(
    rb"<dc:creator(?:\s[^>]*)?>\s*" + re.escape(XLSX_CREATOR.encode()) + rb"\s*</dc:creator>"
)
_CORE_PROPERTIES_READ = 64 * 1024  # core.xml is a few hundred bytes; never inflate more


@contextlib.contextmanager
def replaced_whole(path: Path) -> Iterator[TextIO]:
    """A text file (UTF-8 with a BOM) that appears at `path` only when written whole: it is
    written beside it and renamed over it at the end, so a full disk or a cancelled export
    leaves neither a cut-short file that looks complete nor a previous export destroyed.
    Anything but a regular file (a terminal, /dev/stdout, a pipe) is written in place. An
    existing file is replaced only if it is a CSV such as this program writes (UserError)."""
    with (
        written_whole(path, "csv") as target,
        target.open("w", encoding=CSV_ENCODING, newline="") as handle,
    ):
        yield handle


@contextlib.contextmanager
def written_whole(path: Path, kind: str) -> Iterator[Path]:
    """The file to write a `kind` ("csv" or "xlsx") export of `path` to: beside it, renamed
    over it once the block ends without an error (`path` itself when it is not a regular
    file). An existing file is replaced only when empty or an export of that kind as this
    program writes them; anything else is a UserError and stays as it is."""
    if path.exists() and not path.is_file():
        yield path
        return
    if not _replaceable(path, kind):
        # `--csv` naming the database or a photo replaced it (`block list --csv db.sqlite3`);
        # the screens' Excel export did the same with any file chosen.
        raise _not_ours(path, kind)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _replaceable(path: Path, kind: str) -> bool:
    """Whether an export may replace `path`: nothing there, an empty file, a CSV as this
    program writes them (UTF-8 with a BOM) or a workbook it wrote (its creator mark)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(codecs.BOM_UTF8))
    except FileNotFoundError:
        return True
    except OSError:
        return True  # unreadable: the write itself says why it fails
    if head == b"":
        return True
    if kind == "xlsx":
        return _our_workbook(path)
    return head == codecs.BOM_UTF8


def _not_ours(path: Path, kind: str) -> UserError:
    if kind == "xlsx":
        return UserError(
            "{path} already exists and is not an Excel file written by this program (it may "
            "be evidence or the database): it is left as it is; choose another file name.",
            path=path,
        )
    return UserError(
        "{path} already exists and is not a CSV file written by this program (it may be "
        "evidence or the database): it is left as it is; choose another file name.",
        path=path,
    )


def _our_workbook(path: Path) -> bool:
    """An XLSX this program wrote: a zip whose core properties name it as the creator (an
    answer file, a tool export or a report from elsewhere has another creator, or none)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as core:
            return bool(_OUR_XLSX_CREATOR.search(core.read(_CORE_PROPERTIES_READ)))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError):
        return False


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header and rows of cells (UTF-8 with a BOM); returns the rows written."""
    count = 0
    try:
        with replaced_whole(path) as handle:
            writer = SafeCsvWriter(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
    except OSError as exc:
        raise UserError("Cannot write {path}: {reason}", path=path, reason=os_reason(exc)) from exc
    return count


def frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a pandas table whose text cells are safe for a spreadsheet."""
    import pandas as pd

    table = pd.DataFrame.from_records(list(rows), columns=list(columns))
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(safe_cell).astype(object)
    return table


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> int:
    """Write the rows (UTF-8 with a BOM, which Excel needs for Hangul); returns how many."""
    table = frame(rows, columns)
    try:
        # Opened here, not by pandas: pandas refuses a missing folder with an OSError of its
        # own words and no error number, which no reader's language can name.
        with replaced_whole(path) as handle:
            table.to_csv(handle, index=False)
    except OSError as exc:
        raise UserError("Cannot write {path}: {reason}", path=path, reason=os_reason(exc)) from exc
    return len(table)


def _picture(char: str) -> str:
    # Plain ASCII, so it prints in any font (control pictures such as ␇ are missing from
    # the Korean fonts and came out as empty boxes in the PDF).
    return f"[U+{ord(char):04X}]"


def visible_text(text: str) -> str:
    """Text for a reader (HTML, PDF): control characters and directional overrides shown as
    [U+0007]-style tags, so nothing hides or re-orders what is shown. Tabs and line breaks
    stay."""
    return _CONTROL.sub(lambda m: _picture(m.group()), text)


def xml_safe_text(text: str) -> str:
    """Text an XLSX (XML 1.0) can hold: the characters XML forbids become visible tags;
    everything else, directional marks included, is kept as it was."""
    return _XML_ILLEGAL.sub(lambda m: _picture(m.group()), text)


def excel_text(text: str, note: str = " …[truncated]") -> str:
    """Text for one spreadsheet cell: XML-safe and within Excel's 32,767 characters."""
    text = xml_safe_text(text)
    if len(text) > EXCEL_MAX_CELL_CHARS:
        text = text[: EXCEL_MAX_CELL_CHARS - len(note)] + note
    return text


def normalised_for_search(text: str) -> str:
    """Case- and width-folded text (full-width digits match ASCII ones)."""
    return unicodedata.normalize("NFKC", text).casefold()


class SafeCsvWriter:
    """csv.writer that neutralises text cells (numbers are written as numbers).

    Open the file with `open_csv`, which adds the BOM Korean Excel needs.
    """

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")

    def writerow(self, values: Sequence[Any]) -> None:
        self._writer.writerow([csv_cell(v) for v in values])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutralise_csv_cell(str(value))


def open_csv(path: Path) -> IO[str]:
    """A new CSV file in UTF-8 with BOM; refuses to overwrite."""
    return path.open("x", encoding=CSV_ENCODING, newline="")
