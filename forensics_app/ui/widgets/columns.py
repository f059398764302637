"""One table model for every table: columns are declared as data, rows come from a list
(small tables, read at once) or from ids paged in on demand (big tables).

    ITEM_COLUMNS = (
        Column("exhibit", QT_TRANSLATE_NOOP("EvidenceTableModel", "Exhibit no."),
               lambda r: r.exhibit_number, width=110, sort_key="exhibit_number"),
        Column("files", QT_TRANSLATE_NOOP("EvidenceTableModel", "Files"),
               lambda r: count_text(r.file_count), width=60, align=RIGHT),
        …
    )

A column says its key, its title (English, translated in `context` when shown), the text of a
cell, and optionally its width, alignment, tooltip, colours, font, icon, how it sorts (a
service's sort key for lazy tables, a value for in-memory ones) and what an export writes.

The lazy model works like Anki's browser: it holds the ordered row ids (the filter and the sort
run in SQL) and fetches records a page at a time when a row is painted (PagedRows), so a table
of 100,000 rows opens as fast as its ids can be read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase

from forensics_app.errors import UserError
from forensics_app.ui.paged_rows import CACHE_LIMIT, PAGE_SIZE, PagedRows
from forensics_app.ui.widgets.messages import error_text

log = logging.getLogger(__name__)

R = TypeVar("R")
ModelIndex = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole
RecordRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter

_CELL_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordRole,
        SortRole,
    }
)


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str
    title: str  # English source text in the model's translation context
    text: Callable[[R], str]
    width: int = 100
    align: Qt.AlignmentFlag | None = None
    sort_key: str | None = None  # lazy tables: the service's sort name (None: not sortable)
    sort_value: Callable[[R], Any] | None = None  # in-memory tables: what the column sorts by
    tip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    bold: Callable[[R], bool] | None = None
    mono: bool = False
    decoration: Callable[[R], Any] | None = None
    export: Callable[[R], Any] | None = None  # the value a CSV/XLSX export writes (else text)
    # A column of labels: every label it can show, in the reader's language (its table makes
    # it as wide as the longest: a Korean label was cut, "대표번호(15xx/1…").
    words: Callable[[], Sequence[str]] | None = None


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Cells from column specs; subclasses say where the records come from."""

    load_failed = Signal(str)  # rows could not be read (the database went away)

    def __init__(
        self, context: str, columns: Sequence[Column[R]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._column_of = {column.key: number for number, column in enumerate(self.columns)}

    def declare_words(self, key: str, words: Callable[[], Sequence[str]]) -> None:
        """The labels column `key` can show, known only to the screen (the routes of its
        configuration): before its table is set up, which fits them."""
        self.columns = tuple(
            replace(column, words=words) if column.key == key else column for column in self.columns
        )

    # ---- for subclasses -------------------------------------------------------------------
    def record(self, row: int) -> R | None:
        raise NotImplementedError

    def record_id(self, row: int) -> int | None:
        raise NotImplementedError

    def row_count(self) -> int:
        raise NotImplementedError

    def row_foreground(self, record: R) -> QColor | None:
        """A colour for the whole row (a closed case, a withdrawn item)."""
        return None

    def row_font(self, record: R) -> QFont | None:
        return None

    def header_tip(self, column: Column[R]) -> str | None:
        return None

    # ---- columns --------------------------------------------------------------------------
    def column(self, key: str) -> int:
        return self._column_of[key]

    def title(self, number: int) -> str:
        return QCoreApplication.translate(self.context, self.columns[number].title)

    def all_records(self) -> Iterator[R]:
        """Every row's record in order (for export and print)."""
        for row in range(self.row_count()):
            record = self.record(row)
            if record is not None:
                yield record

    # ---- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(column)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.row_count():
            return None
        if role == IdRole:
            return self.record_id(index.row())
        if role not in _CELL_ROLES:
            return self.extra_data(index, None, role)
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        column = self.columns[index.column()]
        value = self.cell(column, record, role)
        if value is None:
            value = self.extra_data(index, record, role)
        return value

    def cell(self, column: Column[R], record: R, role: int) -> Any:  # noqa: PLR0911 - one return per role/column
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SortRole:
            return column.sort_value(record) if column.sort_value else column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align) if column.align is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(record) if column.tip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = column.foreground(record) if column.foreground else None
            colour = colour or self.row_foreground(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = column.background(record) if column.background else None
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole:
            return self._font(column, record)
        if role == Qt.ItemDataRole.DecorationRole:
            return column.decoration(record) if column.decoration is not None else None
        return None

    def _font(self, column: Column[R], record: R) -> QFont | None:
        font = self.row_font(record)
        bold = column.bold(record) if column.bold is not None else False
        if not column.mono and not bold:
            return font
        font = QFont(font) if font is not None else (_mono() if column.mono else QFont())
        if column.mono and font.family() != _mono().family():
            font.setFamily(_mono().family())
        if bold:
            font.setBold(True)
        return font

    def extra_data(self, index: ModelIndex, record: R | None, role: int) -> Any:
        """Roles a subclass adds (a thumbnail, a status badge)."""
        return None

    def export_value(self, column: Column[R], record: R) -> Any:
        return column.export(record) if column.export is not None else column.text(record)

    def changed_rows(self, rows: Sequence[int]) -> None:
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), 0), self.index(max(rows), len(self.columns) - 1), []
            )


class RecordTableModel(ColumnTableModel[R]):
    """A read-only table over a list of records read at once (hundreds, not millions)."""

    def __init__(
        self,
        context: str,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        id_of: Callable[[R], int] | None = None,
    ) -> None:
        super().__init__(context, columns, parent)
        self._records: list[R] = []
        self._id_of = id_of

    def set_records(self, records: Sequence[R]) -> None:
        """Show these records; the same rows again (a refresh) update in place, so the view
        keeps its selection and scroll position."""
        records = list(records)
        if self._id_of is not None and [self._id_of(r) for r in records] == [
            self._id_of(r) for r in self._records
        ]:
            changed = [row for row, r in enumerate(records) if r != self._records[row]]
            self._records = records
            self.changed_rows(changed)
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    @property
    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def record_id(self, row: int) -> int | None:
        record = self.record(row)
        return self._id_of(record) if record is not None and self._id_of is not None else None

    def row_of(self, record_id: int) -> int | None:
        if self._id_of is None:
            return None
        return next(
            (row for row, r in enumerate(self._records) if self._id_of(r) == record_id), None
        )

    def row_count(self) -> int:
        return len(self._records)

    def update_record(self, record: R) -> None:
        """Replace one row (found by id) without resetting the view."""
        if self._id_of is None:
            return
        row = self.row_of(self._id_of(record))
        if row is not None:
            self._records[row] = record
            self.changed_rows([row])


def loading_cell(
    value: Any, index: ModelIndex, role: int, loading: Callable[[int], bool], column: int = 0
) -> Any:
    """`value`; in a lazy table, the cell of a row whose page is being read says so in
    `column` (else the row is blank)."""
    if (
        value is None
        and role == Qt.ItemDataRole.DisplayRole
        and index.isValid()
        and index.column() == column
        and loading(index.row())
    ):
        return QCoreApplication.translate("ColumnTableModel", "Loading…")
    return value


@dataclass(frozen=True)
class IdPageRead:
    """Records a lazy table asked for, to read off the GUI thread; `shown` tells the rows
    they were asked for from rows read again since (another filter, a refresh)."""

    shown: int
    ids: tuple[int, ...]


class LazyTableModel(ColumnTableModel[R]):
    """Rows are ids; records are fetched a page at a time when first shown.

    `fetch(ids)` reads records by id; `sorter(sort_key, descending)` reads the ids again in
    another order (the sort runs where the data is); columns without a sort key do not sort.
    With a reader (`read_pages_with`) a page not read yet is asked for and read off the GUI
    thread, its rows saying they are loading meanwhile."""

    def __init__(
        self,
        context: str,
        columns: Sequence[Column[R]],
        fetch: Callable[[list[int]], Mapping[int, R]],
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
        cache_limit: int = CACHE_LIMIT,
    ) -> None:
        super().__init__(context, columns, parent)
        self._rows: PagedRows[R] = PagedRows(fetch, page_size, cache_limit)
        self.fetcher = fetch  # thread-safe (a service call): exports read with it off-thread
        self._failed = False
        self.sorter: Callable[[str, bool], list[int]] | None = None
        self.sort_state: tuple[str, bool] | None = None  # (sort key, descending)
        # `_shown` counts the times the rows were read again; `_asked`: the first rows of the
        # pages asked of the reader since (each asked once, even if refused).
        self._reader: Callable[[IdPageRead], None] | None = None
        self._shown = 0
        self._asked: set[int] = set()
        self.loading_column = 0  # where a row being read says so (a column wide enough)

    # ---- reading off the GUI thread -------------------------------------------------------
    def read_pages_with(self, reader: Callable[[IdPageRead], None]) -> None:
        """Pages not read yet are asked of `reader`, which reads them with `fetcher` off the
        GUI thread and hands them to `put_records` (or the refusal to `read_failed`)."""
        self._reader = reader

    def put_records(self, read: IdPageRead, found: Mapping[int, R]) -> None:
        """Show records read for `read`; dropped if the rows were read again since."""
        if read.shown == self._shown:
            self.changed_rows(self._rows.put(read.ids, found))

    def read_failed(self, read: IdPageRead, error: UserError) -> None:
        """A page refused (the database went away): said once, until the rows are read again."""
        if read.shown == self._shown and not self._failed:
            self._failed = True
            log.error("Cannot read the rows of %s: %s", self.context, error)
            self.load_failed.emit(error_text(error))

    def is_loading(self, row: int) -> bool:
        """The record of `row` is being read off the GUI thread."""
        return self._reader is not None and not self._failed and not self._rows.has(row)

    def _ask(self, row: int) -> None:
        start = row - row % self._rows.page_size
        if self._reader is not None and start not in self._asked:
            self._asked.add(start)
            self._reader(IdPageRead(self._shown, tuple(self._rows.missing(row))))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        return loading_cell(value, index, role, self.is_loading, self.loading_column)

    # ---- rows -----------------------------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._rows.reset(ids)
        self._failed = False
        self._shown += 1
        self._asked.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.set_ids([])

    @property
    def ids(self) -> list[int]:
        return list(self._rows.ids)

    def row_count(self) -> int:
        return len(self._rows)

    def record_id(self, row: int) -> int | None:
        return self._rows.id_at(row)

    def row_of(self, record_id: int) -> int | None:
        return self._rows.row_of(record_id)

    def record(self, row: int) -> R | None:
        if self._failed or not 0 <= row < len(self._rows):
            return None
        if self._reader is not None and not self._rows.has(row):
            self._ask(row)
            if not self._rows.has(row):  # a reader that runs at once (tests) has put it
                return None
        try:
            return self._rows.get(row)
        except UserError as exc:
            # Not from a paint event again until the next refresh: one message, not thousands.
            self._failed = True
            log.error("Cannot read the rows of %s: %s", self.context, exc)
            self.load_failed.emit(error_text(exc))
            return None

    @property
    def cached_count(self) -> int:
        return self._rows.cached_count

    @property
    def fetch_calls(self) -> int:
        return self._rows.fetch_calls

    def invalidate(self, record_ids: Sequence[int] = ()) -> None:
        """Forget cached records (some, or all) so they are read again when shown."""
        rows = self._rows.forget(record_ids)
        self._failed = False
        self._shown += 1  # a page read before this is older than what was written
        self._asked.clear()
        self.changed_rows(rows)

    def header_tip(self, column: Column[R]) -> str | None:
        if self.sorter is not None and column.sort_key is None:
            return QCoreApplication.translate("ColumnTableModel", "Cannot sort by this column")
        return None

    # ---- sorting --------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A new order from the sorter; columns without a sort key are ignored."""
        if self.sorter is None or not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self.sort_state == (key, descending):
            return
        ids = self.sorter(key, descending)
        self.sort_state = (key, descending)
        self.reorder(ids)

    def reorder(self, ids: list[int]) -> None:
        """The same rows in another order: selections and cached records stay."""
        self.layoutAboutToBeChanged.emit()
        self._asked.clear()  # pages are by position: the new ones are not asked yet
        old_indexes = self.persistentIndexList()
        old_ids = [self._rows.id_at(i.row()) for i in old_indexes]
        self._rows.reorder(ids)
        new_indexes = []
        for old, record_id in zip(old_indexes, old_ids, strict=True):
            row = self.row_of(record_id) if record_id is not None else None
            new_indexes.append(self.index(row, old.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


class StableSortProxy(QSortFilterProxyModel):
    """Sorts on SortRole and keeps rows with equal values in one fixed order (their ids), so a
    list does not reshuffle itself when a filter is typed and cleared."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        first, second = left.data(SortRole), right.data(SortRole)
        if first != second:
            try:
                return bool(first < second)
            except TypeError:
                return str(first) < str(second)
        # Equal values: by id, newest (highest) last in ascending order.
        return (left.data(IdRole) or 0) < (right.data(IdRole) or 0)
