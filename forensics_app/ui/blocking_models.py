"""Table models of the block-request screens.

The request queue and the number registry can hold 100,000 rows: like the evidence table they
hold only what identifies a row (request ids from `requests.ids`, or the count of matching
numbers) and read row data a page at a time when a row is painted. The other tables (history,
evidence, sightings, watch lists, counts, import problems) are small lists read at once.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPixmap

from blocking import Blocking, NumberFilter, RequestFilter, RequestState
from blocking.records import (
    AppliedRow,
    EvidenceItem,
    HistoryEntry,
    NumberRecord,
    OverdueRequest,
    RequestRecord,
    RowProblem,
    SightingRecord,
    WatchFlag,
    WeekCount,
)
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.ui.blocking_labels import (
    MUTED,
    OVERDUE_RED,
    age_days,
    category_label,
    date_text,
    refusals,
    role_label,
    route_label,
    short_route_label,
    source_label,
    state_background,
    state_label,
    state_text_colour,
    time_text,
    type_label,
)
from forensics_app.ui.blocking_thumbnails import MISSING, OK, ThumbnailLoader
from forensics_app.ui.evidence_model import QT_TRANSLATE_NOOP, utc_time_text
from forensics_app.ui.paged_rows import PagedRows

log = logging.getLogger(__name__)

PAGE_SIZE = 200
CACHE_LIMIT = 4000  # request records kept; the oldest used are dropped first
NUMBER_PAGES_KEPT = 20

IdRole = Qt.ItemDataRole.UserRole
RecordRole = Qt.ItemDataRole.UserRole + 1

_ModelIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _number(value: int) -> str:
    return QLocale().toString(value)


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source text, translated in headerData
    width: int
    numeric: bool = False
    sortable: bool = False


# ---- the request queue --------------------------------------------------------------------
_RQ = "RequestTableModel"
REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("RequestTableModel", "ID"), 70, numeric=True, sortable=True),
    Column("number", QT_TRANSLATE_NOOP("RequestTableModel", "Number"), 135),
    Column("type", QT_TRANSLATE_NOOP("RequestTableModel", "Type"), 110),
    Column("route", QT_TRANSLATE_NOOP("RequestTableModel", "Route"), 150),
    Column("category", QT_TRANSLATE_NOOP("RequestTableModel", "Category"), 110),
    Column("state", QT_TRANSLATE_NOOP("RequestTableModel", "State"), 140),
    Column("created", QT_TRANSLATE_NOOP("RequestTableModel", "Created"), 130),
    Column("age", QT_TRANSLATE_NOOP("RequestTableModel", "Age (days)"), 75, numeric=True),
    Column("officer", QT_TRANSLATE_NOOP("RequestTableModel", "Officer"), 140),
    Column("carrier", QT_TRANSLATE_NOOP("RequestTableModel", "Carrier"), 90),
    Column("overdue", QT_TRANSLATE_NOOP("RequestTableModel", "Overdue"), 90),
)
REQUEST_COLUMN = {column.key: number for number, column in enumerate(REQUEST_COLUMNS)}

_DATA_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordRole,
    }
)


class RequestTableModel(QAbstractTableModel):
    """Lazy table of the requests matching a RequestFilter, newest first."""

    load_failed = Signal(str)

    def __init__(self, blk: Blocking, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._blk = blk
        self._filter: RequestFilter | None = None
        self._rows: PagedRows[RequestRecord] = PagedRows(self._fetch, PAGE_SIZE, CACHE_LIMIT)
        self._overdue: frozenset[int] = frozenset()
        self._now = blk.store.now()
        self._ascending = False
        self._failed = False

    # ---- filter -------------------------------------------------------------------------
    @property
    def request_filter(self) -> RequestFilter | None:
        return self._filter

    def set_filter(self, request_filter: RequestFilter | None) -> None:
        """Read the matching ids (the filter runs in SQL); rows load when shown."""
        self.beginResetModel()
        self._filter = request_filter
        self._rows.reset([])
        self._failed = False
        try:
            if request_filter is not None:
                with refusals():
                    ids = self._blk.requests.ids(request_filter)
                    # One small query: the overdue flag of every row, the library's own rule.
                    self._overdue = frozenset(o.request_id for o in self._blk.watch.overdue())
                    self._now = self._blk.store.now()
                self._rows.reset(ids[::-1] if self._ascending else ids)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def invalidate(self, request_ids: Sequence[int] = ()) -> None:
        """Forget cached rows (some, or all) so they are read again when shown."""
        rows = self._rows.forget(request_ids)
        self._failed = False
        if rows:
            last = len(REQUEST_COLUMNS) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last), [])

    # ---- rows ---------------------------------------------------------------------------
    @property
    def cached_count(self) -> int:
        return self._rows.cached_count

    @property
    def fetch_calls(self) -> int:  # get_many calls, for tests and diagnostics
        return self._rows.fetch_calls

    @property
    def ids(self) -> list[int]:
        return list(self._rows.ids)

    def request_id(self, row: int) -> int | None:
        return self._rows.id_at(row)

    def row_of(self, request_id: int) -> int | None:
        return self._rows.row_of(request_id)

    def is_overdue(self, request_id: int) -> bool:
        return request_id in self._overdue

    def _fetch(self, ids: list[int]) -> dict[int, RequestRecord]:
        with refusals():
            return {r.id: r for r in self._blk.requests.get_many(ids)}

    def record(self, row: int) -> RequestRecord | None:
        if self._failed:
            return None
        try:
            return self._rows.get(row)
        except UserError as exc:
            self._failed = True  # one message, not one per painted cell
            log.error("Cannot read requests: %s", exc)
            self.load_failed.emit(describe(exc))
            return None

    # ---- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(REQUEST_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(REQUEST_COLUMNS):
            return None
        column = REQUEST_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_RQ, column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and not column.sortable:
            return QCoreApplication.translate("RequestTableModel", "Cannot sort by this column")
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == IdRole:
            return self._rows.id_at(index.row())
        if role not in _DATA_ROLES:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        return self._cell(REQUEST_COLUMNS[index.column()].key, record, role)

    def _cell(self, key: str, record: RequestRecord, role: int) -> Any:
        overdue = record.id in self._overdue
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("id", "age"):
                return _RIGHT
            return _CENTRE if key == "overdue" else None
        if key == "state":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(state_text_colour(record.state))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(state_background(record.state))
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
        if key == "overdue" and overdue:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_RED)
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "RequestTableModel", "No answer within the route's expected answer time"
                )
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "number":
                return record.e164
            if key == "route":
                return f"{route_label(self._blk.config, record.route)}\n{record.legal_basis}"
            if key == "created":
                return utc_time_text(record.created_at)
            if key == "state":
                return QCoreApplication.translate("RequestTableModel", "Since %1").replace(
                    "%1", time_text(record.state_changed_at)
                )
        return None

    def _text(self, key: str, record: RequestRecord) -> str:
        if key == "id":
            return str(record.id)
        if key == "number":
            return record.national
        if key == "type":
            return type_label(record.number_type)
        if key == "route":
            return short_route_label(self._blk.config, record.route)
        if key == "category":
            return category_label(record.category)
        if key == "state":
            return state_label(record.state)
        if key == "created":
            return time_text(record.created_at)
        if key == "age":
            return str(age_days(record.created_at, self._now))
        if key == "officer":
            return record.officer
        if key == "carrier":
            return record.carrier
        if key == "overdue":
            return (
                QCoreApplication.translate("RequestTableModel", "OVERDUE")
                if record.id in self._overdue
                else ""
            )
        raise KeyError(key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The library lists newest first; only the id order can be turned round (in memory).
        Other columns would need every row read, which a lazy table must not do."""
        if not 0 <= column < len(REQUEST_COLUMNS) or not REQUEST_COLUMNS[column].sortable:
            return
        ascending = order == Qt.SortOrder.AscendingOrder
        if ascending == self._ascending:
            return
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        old_ids = [self.request_id(i.row()) for i in old_indexes]
        self._ascending = ascending
        self._rows.reorder(self._rows.ids[::-1])
        new_indexes = []
        for old, request_id in zip(old_indexes, old_ids, strict=True):
            row = self.row_of(request_id) if request_id is not None else None
            new_indexes.append(self.index(row, old.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


# ---- the number registry ------------------------------------------------------------------
_NM = "NumberTableModel"
NUMBER_COLUMNS: tuple[Column, ...] = (
    Column("national", QT_TRANSLATE_NOOP("NumberTableModel", "Number"), 140),
    Column("e164", QT_TRANSLATE_NOOP("NumberTableModel", "E.164"), 140),
    Column("type", QT_TRANSLATE_NOOP("NumberTableModel", "Type"), 150),
    Column("sightings", QT_TRANSLATE_NOOP("NumberTableModel", "Sightings"), 80, numeric=True),
    Column("first_seen", QT_TRANSLATE_NOOP("NumberTableModel", "First seen"), 130),
    Column("last_seen", QT_TRANSLATE_NOOP("NumberTableModel", "Last seen"), 130),
)


class NumberTableModel(QAbstractTableModel):
    """Lazy table of the numbers matching a NumberFilter, most recently seen first.

    The registry pages by offset (`search(limit=, offset=)`), so the model holds the count and
    a few pages; a row seen again while the table is open moves only at the next refresh."""

    load_failed = Signal(str)

    def __init__(self, blk: Blocking, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._blk = blk
        self._filter: NumberFilter | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[NumberRecord]] = OrderedDict()
        self._failed = False
        self.fetch_calls = 0

    @property
    def number_filter(self) -> NumberFilter | None:
        return self._filter

    def set_filter(self, number_filter: NumberFilter | None) -> None:
        self.beginResetModel()
        self._filter = number_filter
        self._count = 0
        self._pages.clear()
        self._failed = False
        try:
            if number_filter is not None:
                with refusals():
                    self._count = self._blk.registry.count(number_filter)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def record(self, row: int) -> NumberRecord | None:
        if not 0 <= row < self._count or self._filter is None:
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            if self._failed:
                return None
            query = replace(self._filter, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
            try:
                with refusals():
                    self._pages[page] = self._blk.registry.search(query)
            except UserError as exc:
                self._failed = True
                log.error("Cannot read numbers: %s", exc)
                self.load_failed.emit(describe(exc))
                return None
            self.fetch_calls += 1
            while len(self._pages) > NUMBER_PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        records = self._pages[page]
        offset = row - page * PAGE_SIZE
        return records[offset] if offset < len(records) else None

    def row_of(self, number_id: int) -> int | None:
        """Only among the pages already read, or the first (the top of the table is painted
        anyway): enough to keep a selection after a refresh without reading every page."""
        if not self._pages and self._count:
            self.record(0)
        for page, records in self._pages.items():
            for offset, record in enumerate(records):
                if record.id == number_id:
                    return page * PAGE_SIZE + offset
        return None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(NUMBER_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(NUMBER_COLUMNS):
            return None
        column = NUMBER_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_NM, column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        if role not in _DATA_ROLES and role != IdRole:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == IdRole:
            return record.id
        if role == RecordRole:
            return record
        key = NUMBER_COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return _number_text(key, record)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "sightings":
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and key in ("first_seen", "last_seen"):
            moment = record.first_seen if key == "first_seen" else record.last_seen
            return utc_time_text(moment) if moment else None
        return None


def _number_text(key: str, record: NumberRecord) -> str:
    if key == "national":
        return record.national
    if key == "e164":
        return record.e164
    if key == "type":
        return type_label(record.number_type)
    if key == "sightings":
        return _number(record.sightings_count)
    if key == "first_seen":
        return time_text(record.first_seen)
    if key == "last_seen":
        return time_text(record.last_seen)
    raise KeyError(key)


# ---- small lists read at once ---------------------------------------------------------------
@dataclass(frozen=True)
class ListColumn:
    title: str  # English source text in the model's CONTEXT
    text: Callable[[Any], str]
    numeric: bool = False
    mono: bool = False
    tip: Callable[[Any], str | None] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    background: Callable[[Any], QColor | None] | None = None


class RecordListModel(QAbstractTableModel):
    """A read-only table over a list of frozen records; subclasses name the columns."""

    CONTEXT: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[ListColumn, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    @property
    def records(self) -> list[Any]:
        return list(self._records)

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        if role == RecordRole:
            return record
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and column.mono:
            return _mono()
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(record)
            return QBrush(colour) if colour is not None else None
        return self.extra_data(index, record, role)

    def extra_data(self, index: _ModelIndex, record: Any, role: int) -> Any:
        return None


def _state_or_none(state: RequestState | None) -> str:
    if state is None:
        return QCoreApplication.translate("HistoryModel", "(created)")
    return state_label(state)


class HistoryModel(RecordListModel):
    """A request's history, oldest first."""

    CONTEXT = "HistoryModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("HistoryModel", "When"),
            lambda h: time_text(h.at),
            tip=lambda h: utc_time_text(h.at, seconds=True),
        ),
        ListColumn(QT_TRANSLATE_NOOP("HistoryModel", "Who"), lambda h: h.actor_name),
        ListColumn(QT_TRANSLATE_NOOP("HistoryModel", "Role"), lambda h: role_label(h.actor_role)),
        ListColumn(
            QT_TRANSLATE_NOOP("HistoryModel", "From"), lambda h: _state_or_none(h.from_state)
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("HistoryModel", "To"),
            lambda h: state_label(h.to_state),
            colour=lambda h: state_text_colour(h.to_state),
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("HistoryModel", "Note"),
            lambda h: h.note.replace("\n", " "),
            tip=lambda h: h.note or None,
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("HistoryModel", "Package SHA-256"),
            lambda h: h.package_sha256 or "",
            mono=True,
        ),
    )

    def entry(self, row: int) -> HistoryEntry | None:
        record: HistoryEntry | None = self.record(row)
        return record


def _photo_text(item: EvidenceItem) -> str:
    if item.photo_name:
        return item.photo_name
    return f"{source_label(item.source_kind)} {item.source_id}".strip()


class EvidenceModel(RecordListModel):
    """The evidence of one request, with thumbnails decoded in the background."""

    CONTEXT = "EvidenceModel"
    COLUMNS = (
        ListColumn(QT_TRANSLATE_NOOP("EvidenceModel", "Photo / source"), _photo_text),
        ListColumn(
            QT_TRANSLATE_NOOP("EvidenceModel", "SHA-256"),
            lambda e: e.photo_sha256 or "",
            mono=True,
            tip=lambda e: e.photo_sha256 or None,
        ),
        ListColumn(QT_TRANSLATE_NOOP("EvidenceModel", "Seen"), lambda e: time_text(e.seen_at)),
        ListColumn(QT_TRANSLATE_NOOP("EvidenceModel", "Place"), lambda e: e.place),
        ListColumn(QT_TRANSLATE_NOOP("EvidenceModel", "Case"), lambda e: e.case_number),
        ListColumn(QT_TRANSLATE_NOOP("EvidenceModel", "Collector"), lambda e: e.collector),
    )
    SHA_COLUMN = 1

    def __init__(self, loader: ThumbnailLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._pixmaps: dict[str, QPixmap] = {}
        self._status: dict[str, str] = {}
        loader.ready.connect(self._thumbnail_ready)

    def set_records(self, records: Sequence[Any]) -> None:
        self._loader.forget_pending()
        self._pixmaps.clear()
        self._status.clear()
        super().set_records(records)
        for item in self._records:
            path = item.photo_path
            if not path:
                continue
            cached = self._loader.cached(path)
            if cached is not None:
                self._store(path, *cached)
            else:
                self._loader.request(path)

    def item(self, row: int) -> EvidenceItem | None:
        record: EvidenceItem | None = self.record(row)
        return record

    def thumbnail_status(self, row: int) -> str | None:
        """OK, MISSING, UNREADABLE, or None while loading (or without a photo)."""
        item = self.item(row)
        return self._status.get(item.photo_path) if item and item.photo_path else None

    def has_thumbnail(self, row: int) -> bool:
        item = self.item(row)
        return bool(item and item.photo_path and item.photo_path in self._pixmaps)

    def _store(self, path: str, image: QImage, status: str) -> None:
        self._status[path] = status
        if status == OK and not image.isNull():
            self._pixmaps[path] = QPixmap.fromImage(image)

    def _thumbnail_ready(self, path: str, image: QImage, status: str) -> None:
        rows = [r for r, item in enumerate(self._records) if item.photo_path == path]
        if not rows:
            return  # another request is shown by now
        self._store(path, image, status)
        for row in rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [])

    def extra_data(self, index: _ModelIndex, record: Any, role: int) -> Any:
        if index.column() != 0 or not record.photo_path:
            return None
        status = self._status.get(record.photo_path)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(record.photo_path)
        if role == Qt.ItemDataRole.ForegroundRole and status not in (None, OK):
            return QBrush(OVERDUE_RED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if status == MISSING:
                return QCoreApplication.translate("EvidenceModel", "Photo not found at %1").replace(
                    "%1", record.photo_path
                )
            if status not in (None, OK):
                return QCoreApplication.translate(
                    "EvidenceModel", "Photo cannot be read: %1"
                ).replace("%1", record.photo_path)
            return record.photo_path
        return None


class SightingModel(RecordListModel):
    CONTEXT = "SightingModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("SightingModel", "Seen"),
            lambda s: time_text(s.seen_at),
            tip=lambda s: utc_time_text(s.seen_at),
        ),
        ListColumn(QT_TRANSLATE_NOOP("SightingModel", "Printed as"), lambda s: s.printed_as),
        ListColumn(
            QT_TRANSLATE_NOOP("SightingModel", "Category"), lambda s: category_label(s.category)
        ),
        ListColumn(QT_TRANSLATE_NOOP("SightingModel", "Place"), lambda s: s.place),
        ListColumn(
            QT_TRANSLATE_NOOP("SightingModel", "Source"),
            lambda s: source_label(s.source_kind) + (f": {s.photo_name}" if s.photo_name else ""),
            tip=lambda s: s.photo_path or s.source_id or None,
        ),
        ListColumn(QT_TRANSLATE_NOOP("SightingModel", "Case"), lambda s: s.case_number),
        ListColumn(QT_TRANSLATE_NOOP("SightingModel", "Collector"), lambda s: s.collector),
        ListColumn(QT_TRANSLATE_NOOP("SightingModel", "Recorded by"), lambda s: s.recorded_by),
    )

    RECORDED_BY = 7

    def __init__(self, people: Callable[[str], str] = str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people = people  # the library stores who recorded a sighting by actor id

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == self.RECORDED_BY
            and index.row() < len(self._records)
        ):
            return self._people(self._records[index.row()].recorded_by)
        return super().data(index, role)

    def sighting(self, row: int) -> SightingRecord | None:
        record: SightingRecord | None = self.record(row)
        return record


class WatchFlagModel(RecordListModel):
    """Numbers seen again after their request closed: due for a new request."""

    CONTEXT = "WatchFlagModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("WatchFlagModel", "Number"),
            lambda f: f.national,
            tip=lambda f: f.e164,
        ),
        ListColumn(QT_TRANSLATE_NOOP("WatchFlagModel", "Route"), lambda f: f.route),
        ListColumn(
            QT_TRANSLATE_NOOP("WatchFlagModel", "Previous request"),
            lambda f: str(f.previous_request_id),
            numeric=True,
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WatchFlagModel", "Closed as"),
            lambda f: state_label(f.previous_state),
            colour=lambda f: state_text_colour(f.previous_state),
        ),
        ListColumn(QT_TRANSLATE_NOOP("WatchFlagModel", "Closed"), lambda f: time_text(f.closed_at)),
        ListColumn(
            QT_TRANSLATE_NOOP("WatchFlagModel", "Last seen"), lambda f: time_text(f.last_seen)
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WatchFlagModel", "Sightings since"),
            lambda f: _number(f.sightings_since),
            numeric=True,
        ),
    )

    def __init__(self, route_text: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._route_text = route_text

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 1 and index.row() < len(self._records):
            flag = self._records[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._route_text(flag.route)
        return super().data(index, role)

    def flag(self, row: int) -> WatchFlag | None:
        record: WatchFlag | None = self.record(row)
        return record


class OverdueModel(RecordListModel):
    CONTEXT = "OverdueModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("OverdueModel", "Request"), lambda o: str(o.request_id), numeric=True
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("OverdueModel", "Number"), lambda o: o.national, tip=lambda o: o.e164
        ),
        ListColumn(QT_TRANSLATE_NOOP("OverdueModel", "Route"), lambda o: o.route),
        ListColumn(
            QT_TRANSLATE_NOOP("OverdueModel", "Waiting for"),
            lambda o: state_label(o.state),
            colour=lambda o: state_text_colour(o.state),
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("OverdueModel", "Waiting since"),
            lambda o: time_text(o.waiting_since),
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("OverdueModel", "Answer due"),
            lambda o: time_text(o.due_at),
            colour=lambda _o: OVERDUE_RED,
        ),
    )

    def __init__(self, route_text: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._route_text = route_text

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == 2
            and index.row() < len(self._records)
        ):
            return self._route_text(self._records[index.row()].route)
        return super().data(index, role)

    def overdue(self, row: int) -> OverdueRequest | None:
        record: OverdueRequest | None = self.record(row)
        return record


@dataclass(frozen=True)
class StateCount:
    state: RequestState
    count: int


class StateCountModel(RecordListModel):
    CONTEXT = "StateCountModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("StateCountModel", "State"),
            lambda c: state_label(c.state),
            colour=lambda c: state_text_colour(c.state),
            background=lambda c: state_background(c.state),
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("StateCountModel", "Requests"),
            lambda c: _number(c.count),
            numeric=True,
            colour=lambda c: MUTED if c.count == 0 else None,
        ),
    )

    def set_counts(self, counts: dict[RequestState, int]) -> None:
        self.set_records([StateCount(state, counts.get(state, 0)) for state in RequestState])

    def counts(self) -> dict[RequestState, int]:
        return {c.state: c.count for c in self._records}


class WeekCountModel(RecordListModel):
    CONTEXT = "WeekCountModel"
    COLUMNS = (
        ListColumn(
            QT_TRANSLATE_NOOP("WeekCountModel", "Week of"), lambda w: date_text(w.week_start)
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WeekCountModel", "Created"), lambda w: _number(w.created), True
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WeekCountModel", "Submitted"), lambda w: _number(w.submitted), True
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WeekCountModel", "Suspended"), lambda w: _number(w.suspended), True
        ),
        ListColumn(
            QT_TRANSLATE_NOOP("WeekCountModel", "Closed"), lambda w: _number(w.closed), True
        ),
    )

    def week(self, row: int) -> WeekCount | None:
        record: WeekCount | None = self.record(row)
        return record


class ProblemModel(RecordListModel):
    """Rows of a response file that cannot be applied, with the reason."""

    CONTEXT = "ProblemModel"
    COLUMNS = (
        ListColumn(QT_TRANSLATE_NOOP("ProblemModel", "Row"), lambda p: str(p.row), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("ProblemModel", "Number"), lambda p: p.number),
        ListColumn(
            QT_TRANSLATE_NOOP("ProblemModel", "Problem"),
            lambda p: p.message,
            tip=lambda p: p.message,
            colour=lambda _p: OVERDUE_RED,
        ),
    )

    def problem(self, row: int) -> RowProblem | None:
        record: RowProblem | None = self.record(row)
        return record


class AppliedModel(RecordListModel):
    CONTEXT = "AppliedModel"
    COLUMNS = (
        ListColumn(QT_TRANSLATE_NOOP("AppliedModel", "Row"), lambda a: str(a.row), numeric=True),
        ListColumn(
            QT_TRANSLATE_NOOP("AppliedModel", "Request"), lambda a: str(a.request_id), numeric=True
        ),
        ListColumn(QT_TRANSLATE_NOOP("AppliedModel", "Number"), lambda a: a.e164),
        ListColumn(QT_TRANSLATE_NOOP("AppliedModel", "From"), lambda a: state_label(a.from_state)),
        ListColumn(
            QT_TRANSLATE_NOOP("AppliedModel", "To"),
            lambda a: state_label(a.to_state),
            colour=lambda a: state_text_colour(a.to_state),
        ),
    )

    def applied(self, row: int) -> AppliedRow | None:
        record: AppliedRow | None = self.record(row)
        return record
