"""The case navigator's model: one row per case, from CaseService.list().

Cases number in the hundreds or thousands, not millions, and list() is one grouped query, so
the model holds the records themselves (unlike the evidence table, which holds only ids).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from forensics_app.services import Workstation
from forensics_app.services.records import CaseRecord, CaseStatus

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NUMBER, COL_TITLE, COL_OFFENCE, COL_STATUS, COL_ITEMS, COL_LEAD, COL_OPENED = range(7)
_Index = QModelIndex | QPersistentModelIndex


def status_text(status: CaseStatus) -> str:
    labels = {
        CaseStatus.OPEN: QCoreApplication.translate("CaseStatus", "Open"),
        CaseStatus.CLOSED: QCoreApplication.translate("CaseStatus", "Closed"),
        CaseStatus.ARCHIVED: QCoreApplication.translate("CaseStatus", "Archived"),
    }
    return labels[status]


class CaseListModel(QAbstractTableModel):
    def __init__(self, workstation: Workstation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._rows: list[CaseRecord] = []
        self._status: CaseStatus | None = CaseStatus.OPEN
        self._headers = [
            self.tr("Number"),
            self.tr("Title"),
            self.tr("Offence"),
            self.tr("Status"),
            self.tr("Items"),
            self.tr("Lead examiner"),
            self.tr("Opened"),
        ]

    # ---- loading -------------------------------------------------------------------------
    @property
    def status_filter(self) -> CaseStatus | None:
        return self._status

    def set_status_filter(self, status: CaseStatus | None) -> None:
        self._status = status
        self.reload()

    def reload(self) -> None:
        rows = self._workstation.cases.list(self._status)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def update_case(self, record: CaseRecord) -> None:
        """Refresh one row after an edit without resetting the view (keeps selection)."""
        row = self.row_of(record.id)
        if row is None:
            return
        if self._status is not None and record.status != self._status:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            return
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def case_at(self, row: int) -> CaseRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == case_id:
                return row
        return None

    # ---- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == SORT_ROLE:
            return self._sort_key(record, column)
        if role == CASE_ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{record.number} — {record.title}"]
            if record.offence_type:
                lines.append(record.offence_type)
            if record.notes:
                lines.append(record.notes[:300])
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and record.status != CaseStatus.OPEN:
            return QBrush(QColor(120, 120, 120))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(record: CaseRecord, column: int) -> str | None:
        if column == COL_NUMBER:
            return record.number
        if column == COL_TITLE:
            return record.title
        if column == COL_OFFENCE:
            return record.offence_type
        if column == COL_STATUS:
            return status_text(record.status)
        if column == COL_ITEMS:
            return str(record.item_count)
        if column == COL_LEAD:
            return record.lead_examiner
        if column == COL_OPENED:
            return _iso(record.opened_on)
        return None

    @staticmethod
    def _sort_key(record: CaseRecord, column: int) -> Any:
        if column == COL_ITEMS:
            return record.item_count
        if column == COL_OPENED:
            return record.opened_on.toordinal()
        return CaseListModel._display(record, column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
