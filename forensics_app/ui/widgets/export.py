"""Export and print of what a table shows: CSV or Excel (XLSX) through pandas, or the printer.

The file holds the rows and columns as the screen shows them (the filter and the order of the
view), with the column titles in the reader's language. Cells that a spreadsheet would take
for a formula (=, +, -, @, a tab, a carriage return, or their full-width forms) stay text: in
a CSV with a leading apostrophe (OWASP's rule), in an XLSX as a text cell. A bare E.164 number
(+821012345678) is data, not a formula, and is written as it is so exported numbers stay
matchable. The rule is the reports' (forensics_app.tabular).

Writing runs as an op (a 100,000-row evidence list reads its records page by page off the GUI
thread); printing renders the rows as an HTML table into Qt's print preview.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSortFilterProxyModel
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from blocking.errors import os_reason
from forensics_app.errors import UserError
from forensics_app.progress import check_cancelled
from forensics_app.tabular import (
    XLSX_CREATOR,
    neutralise_csv_cell,
    replaced_whole,
    safe_cell,
    written_whole,
)
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.columns import ColumnTableModel, LazyTableModel
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.formatting import html_escape
from forensics_app.ui.widgets.messages import show_info
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.paths import choose_save_file

FETCH_PAGE = 500
_NOT_IN_SHEET_NAMES = frozenset("[]:*?/" + chr(92))  # Excel refuses these (and a backslash)


def looks_like_formula(value: Any) -> bool:
    """The reports' rule (forensics_app.tabular), so every export of the program agrees."""
    return isinstance(value, str) and neutralise_csv_cell(value) != value


def csv_cell(value: Any) -> Any:
    return safe_cell(value)


@dataclass(frozen=True)
class TableSnapshot:
    """What a table shows, taken on the GUI thread, read out (maybe off it) later."""

    title: str
    headers: list[str]
    rows: Callable[[TaskProgress | None], Iterator[list[Any]]]
    count: int


def snapshot(model: QAbstractItemModel, title: str) -> TableSnapshot:
    """The rows of `model` (a column model, or a proxy over one) in the order shown."""
    proxies: list[QSortFilterProxyModel] = []
    source: QAbstractItemModel | None = model
    while isinstance(source, QSortFilterProxyModel):
        proxies.append(source)
        source = source.sourceModel()
    if not isinstance(source, ColumnTableModel):
        raise TypeError(f"{type(model).__name__} is not a column model")
    columns = source.columns
    headers = [source.title(number) for number in range(len(columns))]
    shown = model.rowCount()
    if proxies:
        rows_in_order = []
        for row in range(shown):
            index = model.index(row, 0)
            for proxy in proxies:
                index = proxy.mapToSource(index)
            rows_in_order.append(index.row())
    else:
        rows_in_order = list(range(shown))

    if isinstance(source, LazyTableModel):
        ids = [source.record_id(row) for row in rows_in_order]
        found = [i for i in ids if i is not None]
        return TableSnapshot(title, headers, _PagedReader(source, found), len(found))
    records = [source.record(row) for row in rows_in_order]
    values = [[source.export_value(c, r) for c in columns] for r in records if r is not None]
    return TableSnapshot(title, headers, _ListReader(values), len(values))


@dataclass(frozen=True)
class _ListReader:
    values: list[list[Any]]

    def __call__(self, _progress: TaskProgress | None) -> Iterator[list[Any]]:
        yield from self.values


@dataclass(frozen=True)
class _PagedReader:
    """Reads a lazy table's records by id, a page at a time, with the service's own (thread-
    safe) fetch: the model's cache belongs to the GUI thread."""

    source: LazyTableModel[Any]
    ids: list[int]

    def __call__(self, progress: TaskProgress | None) -> Iterator[list[Any]]:
        columns = self.source.columns
        if progress is not None:
            progress.begin(len(self.ids), "reading rows", "rows")
        for start in range(0, len(self.ids), FETCH_PAGE):
            page = self.ids[start : start + FETCH_PAGE]
            found = self.source.fetcher(page)
            for record_id in page:
                record = found.get(record_id)
                if record is not None:
                    yield [self.source.export_value(c, record) for c in columns]
            if progress is not None:
                progress.advance(len(page))
                check_cancelled(progress)


def write_table(table: TableSnapshot, path: Path, progress: TaskProgress | None = None) -> int:
    """CSV (UTF-8 with a BOM, which Excel needs for Hangul) or XLSX, by the file's suffix;
    returns the rows written. UserError when the file cannot be written."""
    import pandas as pd

    rows = list(table.rows(progress))
    xlsx = path.suffix.lower() == ".xlsx"
    frame = pd.DataFrame.from_records(
        rows if xlsx else [[csv_cell(v) for v in row] for row in rows],
        columns=table.headers,
    )
    try:
        if xlsx:
            # Only an Excel file this program wrote is replaced (not the database, a photo or
            # a carrier's answer file), and only once written whole.
            with written_whole(path, "xlsx") as target:
                _write_xlsx(frame, target, table.title)
        else:
            # Opened here, not by pandas (its refusal of a missing folder has no errno), and
            # renamed into place once whole (a full disk leaves no cut-short file).
            with replaced_whole(path) as handle:
                frame.to_csv(handle, index=False)
    except OSError as exc:
        raise UserError(
            QCoreApplication.translate("Export", "Cannot write {path}: {reason}"),
            path=str(path),
            reason=os_reason(exc),
        ) from exc
    return len(rows)


def _write_xlsx(frame: Any, path: Path, title: str) -> None:
    import pandas as pd

    sheet = ("".join(" " if ch in _NOT_IN_SHEET_NAMES else ch for ch in title).strip())[:31]
    sheet = sheet or "Sheet1"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        writer.book.properties.creator = XLSX_CREATOR  # the mark that lets it be replaced
        worksheet = writer.sheets[sheet]
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                # openpyxl stores text starting with "=" as a formula: keep it the text it is.
                if cell.data_type == "f" or looks_like_formula(cell.value):
                    cell.data_type = "s"
        for number, header in enumerate(frame.columns, start=1):
            width = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:200, number - 1])])
            letter = worksheet.cell(row=1, column=number).column_letter
            worksheet.column_dimensions[letter].width = min(60, max(8, width + 2))


def table_html(table: TableSnapshot, subtitle: str = "") -> str:
    head = "".join(f"<th align='left'>{html_escape(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html_escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.rows(None)
    )
    return (
        f"<h3>{html_escape(table.title)}</h3>"
        + (f"<p>{html_escape(subtitle)}</p>" if subtitle else "")
        + "<table border='1' cellspacing='0' cellpadding='3' style='border-collapse:collapse;"
        f" font-size:8pt'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class ExportButton(QToolButton):
    """A button with a menu: CSV, Excel and Print of the table `model()` returns."""

    def __init__(
        self,
        ctx: UiContext,
        model: Callable[[], QAbstractItemModel],
        title: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model = model
        self._title = title
        self.last_path: Path | None = None
        self.last_message: QMessageBox | None = None  # a refusal shown (Op keeps it here)
        self.setText(self.tr("Export…"))
        self.setToolTip(self.tr("Save the rows shown as CSV or Excel, or print them"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.csv_action = QAction(self.tr("Save as CSV…"), menu)
        self.xlsx_action = QAction(self.tr("Save as Excel (XLSX)…"), menu)
        self.print_action = QAction(self.tr("Print…"), menu)
        self.csv_action.triggered.connect(lambda _checked=False: self.export("csv"))
        self.xlsx_action.triggered.connect(lambda _checked=False: self.export("xlsx"))
        self.print_action.triggered.connect(lambda _checked=False: self.print_rows())
        for action in (self.csv_action, self.xlsx_action, self.print_action):
            menu.addAction(action)
        self.setMenu(menu)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Ask for a file (unless given) and write the rows shown to it."""
        title = self._title()
        if path is None:
            name_filter = (
                self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("Excel files (*.xlsx)")
            )
            chosen = choose_save_file(
                self, self.tr("Export %1").replace("%1", title), f"{_file_stem(title)}.{kind}",
                name_filter,
            )  # fmt: skip
            if chosen is None:
                return
            path = chosen[0]
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        table = snapshot(self._model(), title)

        def work(progress: TaskProgress) -> int:
            return write_table(table, path, progress)

        def done(rows: int) -> None:
            self.last_path = path
            show_info(
                self.window(),
                self.tr("%1 row(s) written to %2")
                .replace("%1", f"{rows:,}")
                .replace("%2", str(path)),
                self.tr("Export"),
            )

        Op(self._ctx, self, self.tr("Exporting %1…").replace("%1", title), work).success(done).run()

    def print_rows(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        table = snapshot(self._model(), self._title())
        document = QTextDocument()
        document.setHtml(table_html(table))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self.window())
        dialog.paintRequested.connect(document.print_)
        dialog.exec()


def _file_stem(title: str) -> str:
    return re.sub(r"[^\w\-]+", "_", title).strip("_") or "export"
