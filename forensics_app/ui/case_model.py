"""The case navigator's model: one row per case, from CaseService.list().

Cases number in the hundreds or thousands, not millions, and list() is one grouped query, so
the model holds the records themselves (unlike the evidence table, which holds only ids).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from forensics_app.services import Workstation
from forensics_app.services.records import CaseRecord, CaseStatus
from forensics_app.ui.widgets.columns import RIGHT, Column, IdRole, RecordTableModel, SortRole
from forensics_app.ui.widgets.formatting import QT_TRANSLATE_NOOP, count_text, date_text

CASE_ID_ROLE = IdRole
SORT_ROLE = SortRole
CLOSED_GREY = QColor(120, 120, 120)


def status_text(status: CaseStatus) -> str:
    labels = {
        CaseStatus.OPEN: QCoreApplication.translate("CaseStatus", "Open"),
        CaseStatus.CLOSED: QCoreApplication.translate("CaseStatus", "Closed"),
        CaseStatus.ARCHIVED: QCoreApplication.translate("CaseStatus", "Archived"),
    }
    return labels[status]


def _tooltip(record: CaseRecord) -> str:
    lines = [f"{record.number} — {record.title}"]
    if record.offence_type:
        lines.append(record.offence_type)
    if record.notes:
        lines.append(record.notes[:300])
    return "\n".join(lines)


CASE_COLUMNS: tuple[Column[CaseRecord], ...] = (
    Column(
        "number", QT_TRANSLATE_NOOP("CaseListModel", "Number"), lambda r: r.number, tip=_tooltip
    ),
    Column("title", QT_TRANSLATE_NOOP("CaseListModel", "Title"), lambda r: r.title, tip=_tooltip),
    Column("offence", QT_TRANSLATE_NOOP("CaseListModel", "Offence"), lambda r: r.offence_type),
    Column("status", QT_TRANSLATE_NOOP("CaseListModel", "Status"), lambda r: status_text(r.status)),
    Column(
        "items",
        QT_TRANSLATE_NOOP("CaseListModel", "Items"),
        lambda r: count_text(r.item_count),
        align=RIGHT,
        sort_value=lambda r: r.item_count,
        export=lambda r: r.item_count,
    ),
    Column("lead", QT_TRANSLATE_NOOP("CaseListModel", "Lead examiner"), lambda r: r.lead_examiner),
    Column(
        "opened",
        QT_TRANSLATE_NOOP("CaseListModel", "Opened"),
        lambda r: date_text(r.opened_on),
        sort_value=lambda r: r.opened_on.toordinal(),
    ),
)
COL_NUMBER, COL_TITLE, COL_OFFENCE, COL_STATUS, COL_ITEMS, COL_LEAD, COL_OPENED = range(
    len(CASE_COLUMNS)
)


class CaseListModel(RecordTableModel[CaseRecord]):
    def __init__(self, workstation: Workstation, parent: QObject | None = None) -> None:
        super().__init__("CaseListModel", CASE_COLUMNS, parent, id_of=lambda r: r.id)
        self._workstation = workstation
        self._status: CaseStatus | None = CaseStatus.OPEN

    @property
    def status_filter(self) -> CaseStatus | None:
        return self._status

    def set_status_filter(self, status: CaseStatus | None) -> None:
        self._status = status
        self.reload()

    def reload(self) -> None:
        self.set_records(self._workstation.cases.list(self._status))

    def update_case(self, record: CaseRecord) -> None:
        """Refresh one row after an edit without resetting the view (keeps selection)."""
        row = self.row_of(record.id)
        if row is None:
            return
        if self._status is not None and record.status != self._status:
            self.beginRemoveRows(self.index(row, 0).parent(), row, row)
            del self._records[row]
            self.endRemoveRows()
            return
        self.update_record(record)

    def case_at(self, row: int) -> CaseRecord | None:
        return self.record(row)

    def row_foreground(self, record: CaseRecord) -> QColor | None:
        return CLOSED_GREY if record.status != CaseStatus.OPEN else None
