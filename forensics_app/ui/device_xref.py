"""Where flyer numbers meet the seized phones, on screen: the cross-reference table of a case,
and the occurrences panel for a number's detail in the block area (every message, call and
contact on every seized phone that holds it), from which an occurrence becomes a sighting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from blocking.enums import AdCategory
from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.services.records import Actor
from forensics_app.services.xref import CrossReferenceService, Occurrence, XrefRow
from forensics_app.ui.device_labels import (
    DIRECTION_LABELS,
    KIND_LABELS,
    QT_TRANSLATE_NOOP,
    REQUEST_STATE_LABELS,
    label,
    local_text,
)
from forensics_app.ui.widgets.messages import error_text

_ModelIndex = QModelIndex | QPersistentModelIndex
CATEGORY_LABELS = {
    AdCategory.LENDING: QT_TRANSLATE_NOOP("DeviceXref", "Illegal lending"),
    AdCategory.OBSCENE_ADULT: QT_TRANSLATE_NOOP("DeviceXref", "Obscene / adult"),
    AdCategory.OTHER: QT_TRANSLATE_NOOP("DeviceXref", "Other"),
}
ROLE_LABELS = {
    "address": QT_TRANSLATE_NOOP("DeviceXref", "sender or recipient"),
    "body": QT_TRANSLATE_NOOP("DeviceXref", "written in the text"),
    "participant": QT_TRANSLATE_NOOP("DeviceXref", "group member"),
    "contact": QT_TRANSLATE_NOOP("DeviceXref", "contact's number"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeviceXref", text)


class CrossReferenceModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("DeviceXref", "Number"),
        QT_TRANSLATE_NOOP("DeviceXref", "Flyer sightings"),
        QT_TRANSLATE_NOOP("DeviceXref", "Block request"),
        QT_TRANSLATE_NOOP("DeviceXref", "Phones"),
        QT_TRANSLATE_NOOP("DeviceXref", "Messages"),
        QT_TRANSLATE_NOOP("DeviceXref", "Calls"),
        QT_TRANSLATE_NOOP("DeviceXref", "Contacts"),
    )

    def __init__(self, xref: CrossReferenceService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._xref = xref
        self.rows: list[XrefRow] = []

    def load(self, case_id: int | None) -> None:
        self.show(self._xref.cross_reference(case_id) if case_id else [])

    def show(self, rows: list[XrefRow]) -> None:
        """Rows read beforehand (the device area reads them off the GUI thread)."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return row.e164
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= index.column() < len(self.COLUMNS):
            return None
        request = ""
        if row.request_state:
            request = f"#{row.request_id} {label(REQUEST_STATE_LABELS, row.request_state)}"
        sightings = str(row.flyer_sightings)
        if row.device_sightings:
            sightings += " + " + _tr(QT_TRANSLATE_NOOP("DeviceXref", "%1 from phones")).replace(
                "%1", str(row.device_sightings)
            )
        values = (
            row.national,
            sightings,
            request,
            ", ".join(row.exhibits),
            str(row.messages),
            str(row.calls),
            str(row.contacts),
        )
        return values[index.column()]


class OccurrenceModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("DeviceXref", "Case"),
        QT_TRANSLATE_NOOP("DeviceXref", "Phone"),
        QT_TRANSLATE_NOOP("DeviceXref", "Kind"),
        QT_TRANSLATE_NOOP("DeviceXref", "Time"),
        QT_TRANSLATE_NOOP("DeviceXref", "Where"),
        QT_TRANSLATE_NOOP("DeviceXref", "Direction"),
        QT_TRANSLATE_NOOP("DeviceXref", "As written"),
        QT_TRANSLATE_NOOP("DeviceXref", "Text or name"),
    )

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.rows: list[Occurrence] = []

    def set_rows(self, rows: list[Occurrence]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= index.column() < len(self.COLUMNS):
            return None
        values = (
            row.case_number,
            row.exhibit,
            label(KIND_LABELS, row.kind),
            local_text(self._clock, row.at),
            _tr(ROLE_LABELS.get(row.role, row.role)),
            label(DIRECTION_LABELS, row.direction),
            row.written,
            " ".join(row.summary.split())[:120],
        )
        return values[index.column()]


def category_combo() -> QComboBox:
    combo = QComboBox()
    for category, text in CATEGORY_LABELS.items():
        combo.addItem(_tr(text), category.value)
    return combo


class NumberOccurrencesPanel(QWidget):
    """For a number's detail in the block area: every message, call and contact on every
    seized phone that holds it; the chosen one can be recorded as a device-artifact sighting
    (audited), which block requests can then cite as evidence."""

    sighting_added = Signal(int)  # the sighting's id
    failed = Signal(str)

    def __init__(
        self,
        xref: CrossReferenceService,
        actor: Actor,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._xref = xref
        self._actor = actor
        self._e164: str | None = None
        self.title = QLabel()
        self.model = OccurrenceModel(clock, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.category = category_combo()
        self.add_button = QPushButton(self.tr("Record as sighting"))
        self.add_button.setToolTip(
            self.tr(
                "Record the chosen message, call or contact as a sighting of this number; "
                "block requests can cite it as evidence."
            )
        )
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(lambda _checked=False: self.add_sighting())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.add_button.setEnabled(current.isValid())
        )
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Category:")))
        buttons.addWidget(self.category)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_number(self, e164: str | None) -> None:
        self._e164 = e164
        rows = self._xref.occurrences(e164) if e164 else []
        self.model.set_rows(rows)
        self.add_button.setEnabled(False)
        self.title.setText(
            self.tr("On seized phones: %1").replace("%1", str(len(rows)))
            if e164
            else self.tr("No number chosen.")
        )

    def add_sighting(self, row: int | None = None) -> int | None:
        if self._e164 is None:
            return None
        if row is None:
            row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows):
            return None
        occurrence = self.model.rows[row]
        try:
            sighting = self._xref.add_sighting(
                self._actor,
                occurrence.kind,
                occurrence.artifact_id,
                self._e164,
                AdCategory(self.category.currentData()),
            )
        except UserError as exc:
            self.failed.emit(error_text(exc))
            return None
        except Exception as exc:  # the block library's refusals (BlockingError) included
            if type(exc).__module__.startswith("blocking"):
                self.failed.emit(error_text(exc))
                return None
            raise
        self.sighting_added.emit(sighting.id)
        return sighting.id
