"""Table models for evidence: the lazy item table and the small file table of one item.

The item table works like Anki's browser: it holds only the ordered row ids (the filter and the
sort run in SQL, `EvidenceService.item_ids`) and fetches row data on demand, a page of ids
around the requested row at a time, into a bounded cache. A case with 100,000 items opens as
fast as its id list can be read.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

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
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services.evidence import SORTABLE_COLUMNS, EvidenceService, ItemQuery
from forensics_app.services.records import (
    FileRecord,
    ItemKind,
    ItemRecord,
    ItemStatus,
    VerificationResult,
)
from forensics_app.ui.paged_rows import PagedRows

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (same name as Qt's macro) and returns it untranslated."""
    return text


PAGE_SIZE = 200
CACHE_LIMIT = 4000  # item records kept; oldest used pages are dropped first

ItemIdRole = Qt.ItemDataRole.UserRole
RecordRole = Qt.ItemDataRole.UserRole + 1

_ModelIndex = QModelIndex | QPersistentModelIndex

# ---- display names ------------------------------------------------------------------------
_LABELS = "EvidenceLabels"
_KIND_LABELS = {
    ItemKind.PHONE: QT_TRANSLATE_NOOP("EvidenceLabels", "Mobile phone"),
    ItemKind.COMPUTER: QT_TRANSLATE_NOOP("EvidenceLabels", "Computer"),
    ItemKind.CCTV_RECORDER: QT_TRANSLATE_NOOP("EvidenceLabels", "CCTV recorder"),
    ItemKind.STORAGE_MEDIA: QT_TRANSLATE_NOOP("EvidenceLabels", "Storage media"),
    ItemKind.SIM_OR_MEMORY_CARD: QT_TRANSLATE_NOOP("EvidenceLabels", "SIM / memory card"),
    ItemKind.FLYER_PHOTO_BATCH: QT_TRANSLATE_NOOP("EvidenceLabels", "Flyer photos"),
    ItemKind.DOCUMENT: QT_TRANSLATE_NOOP("EvidenceLabels", "Document"),
    ItemKind.OTHER: QT_TRANSLATE_NOOP("EvidenceLabels", "Other"),
}
_STATUS_LABELS = {
    ItemStatus.IN_CUSTODY: QT_TRANSLATE_NOOP("EvidenceLabels", "In custody"),
    ItemStatus.IN_ANALYSIS: QT_TRANSLATE_NOOP("EvidenceLabels", "In analysis"),
    ItemStatus.RETURNED: QT_TRANSLATE_NOOP("EvidenceLabels", "Returned"),
    ItemStatus.DESTROYED: QT_TRANSLATE_NOOP("EvidenceLabels", "Destroyed"),
}
_VERIFICATION_LABELS = {
    VerificationResult.OK: QT_TRANSLATE_NOOP("EvidenceLabels", "OK"),
    VerificationResult.MISMATCH: QT_TRANSLATE_NOOP("EvidenceLabels", "HASH MISMATCH"),
    VerificationResult.MISSING: QT_TRANSLATE_NOOP("EvidenceLabels", "FILE MISSING"),
    VerificationResult.UNREADABLE: QT_TRANSLATE_NOOP("EvidenceLabels", "Unreadable"),
    VerificationResult.CHANGED_WHILE_READING: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "Changed while reading"
    ),
}
_VERIFICATION_TIPS = {
    VerificationResult.OK: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "All verified files matched their catalogued hashes."
    ),
    VerificationResult.MISMATCH: QT_TRANSLATE_NOOP(
        "EvidenceLabels",
        "A file no longer matches its catalogued SHA-256/MD5: the evidence copy may have been "
        "altered. Do not use it; report it and re-verify.",
    ),
    VerificationResult.MISSING: QT_TRANSLATE_NOOP(
        "EvidenceLabels",
        "A catalogued file was not found at its stored location during the last verification.",
    ),
    VerificationResult.UNREADABLE: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "A file could not be read during the last verification."
    ),
    VerificationResult.CHANGED_WHILE_READING: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "A file changed while it was being verified; verify it again."
    ),
}
BAD_RESULTS = frozenset({VerificationResult.MISMATCH, VerificationResult.MISSING})
WARNING_RESULTS = frozenset(
    {VerificationResult.UNREADABLE, VerificationResult.CHANGED_WHILE_READING}
)
ALARM_RED = QColor("#b00020")
ALARM_BACKGROUND = QColor("#fde4e4")
WARNING_AMBER = QColor("#8a5a00")
OK_GREEN = QColor("#1b6e20")
MUTED_GREY = QColor("#6b6b6b")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_LABELS, text)


def kind_label(kind: ItemKind) -> str:
    return _tr(_KIND_LABELS[kind])


def status_label(status: ItemStatus) -> str:
    return _tr(_STATUS_LABELS[status])


def verification_label(result: VerificationResult | None) -> str:
    if result is None:
        return _tr(QT_TRANSLATE_NOOP("EvidenceLabels", "Not verified"))
    return _tr(_VERIFICATION_LABELS[result])


def verification_tip(result: VerificationResult | None) -> str:
    if result is None:
        return _tr(
            QT_TRANSLATE_NOOP("EvidenceLabels", "The files have not been verified since hashing.")
        )
    return _tr(_VERIFICATION_TIPS[result])


def verification_color(result: VerificationResult | None) -> QColor:
    if result in BAD_RESULTS:
        return ALARM_RED
    if result in WARNING_RESULTS:
        return WARNING_AMBER
    if result == VerificationResult.OK:
        return OK_GREEN
    return MUTED_GREY


def verification_icon(result: VerificationResult | None) -> QIcon | None:
    if not isinstance(QApplication.instance(), QApplication):
        return None  # no widgets (a model used headless): no style to draw icons with
    style = QApplication.style()
    if result in BAD_RESULTS:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if result in WARNING_RESULTS:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return None


# ---- values -------------------------------------------------------------------------------
def as_utc(moment: datetime) -> datetime:
    """Datetimes from the services; SQLite hands them back naive, in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_time_text(moment: datetime | None, seconds: bool = False) -> str:
    if moment is None:
        return ""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return as_utc(moment).astimezone().strftime(pattern)


def utc_time_text(moment: datetime | None, seconds: bool = False) -> str:
    if moment is None:
        return ""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return as_utc(moment).strftime(pattern) + " UTC"


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


def bytes_text(size: int) -> str:
    return QCoreApplication.translate(_LABELS, "%1 bytes").replace("%1", QLocale().toString(size))


def _joined(first: str, second: str) -> str:
    return " / ".join(part for part in (first, second) if part)


# ---- the item table -------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemColumn:
    key: str
    title: str  # English source text, translated in headerData
    sort_key: str | None
    width: int
    numeric: bool = False


ITEM_COLUMNS: tuple[ItemColumn, ...] = (
    ItemColumn(
        "exhibit", QT_TRANSLATE_NOOP("EvidenceTableModel", "Exhibit no."), "exhibit_number", 110
    ),
    ItemColumn("kind", QT_TRANSLATE_NOOP("EvidenceTableModel", "Kind"), "kind", 120),
    ItemColumn(
        "description", QT_TRANSLATE_NOOP("EvidenceTableModel", "Description"), "description", 240
    ),
    ItemColumn("make_model", QT_TRANSLATE_NOOP("EvidenceTableModel", "Make / model"), "make", 170),
    ItemColumn(
        "serial_imei",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Serial / IMEI"),
        "serial_number",
        170,
    ),
    ItemColumn("status", QT_TRANSLATE_NOOP("EvidenceTableModel", "Status"), "status", 100),
    ItemColumn("custodian", QT_TRANSLATE_NOOP("EvidenceTableModel", "Custodian"), None, 110),
    ItemColumn("files", QT_TRANSLATE_NOOP("EvidenceTableModel", "Files"), None, 60, True),
    ItemColumn("size", QT_TRANSLATE_NOOP("EvidenceTableModel", "Size"), None, 90, True),
    ItemColumn("verification", QT_TRANSLATE_NOOP("EvidenceTableModel", "Verification"), None, 150),
    ItemColumn("seized_at", QT_TRANSLATE_NOOP("EvidenceTableModel", "Seized at"), "seized_at", 130),
)
assert all(c.sort_key is None or c.sort_key in SORTABLE_COLUMNS for c in ITEM_COLUMNS)
COLUMN_INDEX = {column.key: number for number, column in enumerate(ITEM_COLUMNS)}


class EvidenceTableModel(QAbstractTableModel):
    """Lazy table of the items matching an ItemQuery."""

    load_failed = Signal(str)  # a page could not be read (the database went away)

    def __init__(self, evidence: EvidenceService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._evidence = evidence
        self._query: ItemQuery | None = None
        self._rows: PagedRows[ItemRecord] = self._new_rows()
        self._failed = False

    # ---- query ----------------------------------------------------------------------------
    @property
    def query(self) -> ItemQuery | None:
        return self._query

    def set_query(self, query: ItemQuery | None) -> None:
        """Run the query (filter and sort in SQL) and show its rows; row data loads lazily.
        Raises UserError if the database cannot answer; the model is then empty."""
        self.beginResetModel()
        self._query = query
        self._rows = self._new_rows()
        self._failed = False
        try:
            if query is not None:
                self._rows.reset(self._evidence.item_ids(query))
        finally:
            self.endResetModel()

    def _new_rows(self) -> PagedRows[ItemRecord]:
        return PagedRows(self._evidence.items_by_id, PAGE_SIZE, CACHE_LIMIT)

    def refresh(self) -> None:
        """Re-read ids and rows after a write."""
        self.set_query(self._query)

    def invalidate_rows(self, item_ids: Sequence[int] = ()) -> None:
        """Forget cached data (of some items, or all) so it is read again when shown."""
        rows = self._rows.forget(item_ids)
        self._failed = False
        if rows:
            top, bottom = min(rows), max(rows)
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(ITEM_COLUMNS) - 1), [])

    # ---- rows ------------------------------------------------------------------------------
    @property
    def cached_count(self) -> int:
        return self._rows.cached_count

    @property
    def fetch_calls(self) -> int:
        return self._rows.fetch_calls

    def item_id(self, row: int) -> int | None:
        return self._rows.id_at(row)

    def row_of(self, item_id: int) -> int | None:
        return self._rows.row_of(item_id)

    def record(self, row: int) -> ItemRecord | None:
        if self._failed:
            return None
        try:
            return self._rows.get(row)
        except UserError as exc:
            # Not from a paint event again until the next refresh: one message, not thousands.
            self._failed = True
            log.error("Cannot read evidence rows: %s", exc)
            self.load_failed.emit(describe(exc))
            return None

    # ---- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ITEM_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ITEM_COLUMNS):
            return None
        column = ITEM_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("EvidenceTableModel", column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort_key is None:
            return QCoreApplication.translate("EvidenceTableModel", "Cannot sort by this column")
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == ItemIdRole:
            return self._rows.id_at(index.row())
        if role not in _ITEM_ROLES:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        return _item_cell(ITEM_COLUMNS[index.column()].key, record, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new SQL query; columns without a SQL sort key are ignored."""
        if not 0 <= column < len(ITEM_COLUMNS) or self._query is None:
            return
        key = ITEM_COLUMNS[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.sort, self._query.descending) == (key, descending):
            return
        query = replace(self._query, sort=key, descending=descending)
        ids = self._evidence.item_ids(query)
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        old_ids = [self._rows.id_at(i.row()) for i in old_indexes]
        self._query = query
        self._rows.reorder(ids)
        new_indexes = []
        for old, item_id in zip(old_indexes, old_ids, strict=True):
            row = self.row_of(item_id) if item_id is not None else None
            new_indexes.append(self.index(row, old.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


_ITEM_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordRole,
    }
)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _item_cell(key: str, record: ItemRecord, role: int) -> Any:
    worst = record.worst_verification
    alarm = worst in BAD_RESULTS
    if role == Qt.ItemDataRole.DisplayRole:
        return _item_text(key, record)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        if key in ("files", "size"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
    if key == "verification" and record.file_count:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(verification_color(worst))
        if role == Qt.ItemDataRole.BackgroundRole and alarm:
            return QBrush(ALARM_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole:
            return verification_icon(worst)
        if role == Qt.ItemDataRole.FontRole and (alarm or worst in WARNING_RESULTS):
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return verification_tip(worst)
        return None
    if key == "exhibit" and alarm:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ALARM_RED)
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return verification_tip(worst)
    if role == Qt.ItemDataRole.ToolTipRole:
        if key == "description" and record.description:
            return record.description
        if key == "size":
            return bytes_text(record.total_size)
        if key == "seized_at" and record.seized_at is not None:
            return utc_time_text(record.seized_at)
        if key == "serial_imei":
            return _joined(record.serial_number, record.imei) or None
    return None


def _item_text(key: str, record: ItemRecord) -> str:
    if key == "exhibit":
        return record.exhibit_number
    if key == "kind":
        return kind_label(record.kind)
    if key == "description":
        return record.description.replace("\n", " ")
    if key == "make_model":
        return _joined(record.make, record.model)
    if key == "serial_imei":
        return _joined(record.serial_number, record.imei)
    if key == "status":
        return status_label(record.status)
    if key == "custodian":
        return record.custodian
    if key == "files":
        return QLocale().toString(record.file_count)
    if key == "size":
        return size_text(record.total_size) if record.file_count else ""
    if key == "verification":
        return verification_label(record.worst_verification) if record.file_count else ""
    if key == "seized_at":
        return local_time_text(record.seized_at)
    raise KeyError(key)


# ---- the files of one item ------------------------------------------------------------------
FILE_COLUMNS = (
    QT_TRANSLATE_NOOP("FileTableModel", "File"),
    QT_TRANSLATE_NOOP("FileTableModel", "Size"),
    QT_TRANSLATE_NOOP("FileTableModel", "SHA-256"),
    QT_TRANSLATE_NOOP("FileTableModel", "MD5"),
    QT_TRANSLATE_NOOP("FileTableModel", "Last verification"),
    QT_TRANSLATE_NOOP("FileTableModel", "Verified at"),
)
FILE_SIZE_COLUMN, FILE_RESULT_COLUMN = 1, 4


class FileTableModel(QAbstractTableModel):
    """The files of one item (a small list, read at once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files: list[FileRecord] = []

    def set_files(self, files: Sequence[FileRecord]) -> None:
        self.beginResetModel()
        self._files = list(files)
        self.endResetModel()

    def file(self, row: int) -> FileRecord | None:
        return self._files[row] if 0 <= row < len(self._files) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FILE_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(FILE_COLUMNS)
        ):
            return QCoreApplication.translate("FileTableModel", FILE_COLUMNS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._files):
            return None
        record = self._files[index.row()]
        column = index.column()
        result = record.last_verification
        if role == Qt.ItemDataRole.DisplayRole:
            return _file_text(column, record)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return record.source_path
            if column == FILE_SIZE_COLUMN:
                return bytes_text(record.size)
            if column == FILE_RESULT_COLUMN:
                return verification_tip(result)
            if column == FILE_RESULT_COLUMN + 1 and record.last_verified_at is not None:
                return utc_time_text(record.last_verified_at, seconds=True)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == FILE_SIZE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column in (2, 3):
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if column == FILE_RESULT_COLUMN or (column == 0 and result in BAD_RESULTS):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(verification_color(result))
            if role == Qt.ItemDataRole.BackgroundRole and result in BAD_RESULTS:
                return QBrush(ALARM_BACKGROUND)
            if role == Qt.ItemDataRole.DecorationRole and column == FILE_RESULT_COLUMN:
                return verification_icon(result)
            if role == Qt.ItemDataRole.FontRole and result in BAD_RESULTS:
                return _bold()
        return None


def _file_text(column: int, record: FileRecord) -> str:
    if column == 0:
        return record.relative_path
    if column == FILE_SIZE_COLUMN:
        return size_text(record.size)
    if column == 2:
        return record.sha256
    if column == 3:
        return record.md5
    if column == FILE_RESULT_COLUMN:
        return verification_label(record.last_verification)
    return local_time_text(record.last_verified_at, seconds=True)
