"""The case list on the left of the evidence area (with its text and status filters), and what
a first start shows instead: no cases yet, one obvious thing to do."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensics_app.services.records import CaseRecord, CaseStatus
from forensics_app.ui.case_model import (
    CASE_ID_ROLE,
    COL_ITEMS,
    COL_LEAD,
    COL_NUMBER,
    COL_OFFENCE,
    COL_OPENED,
    COL_STATUS,
    COL_TITLE,
    CaseListModel,
    status_text,
)
from forensics_app.ui.widgets.columns import StableSortProxy
from forensics_app.ui.widgets.formatting import counted
from forensics_app.ui.widgets.tables import make_table

STATUS_FILTERS = ("open", "closed", "archived", "all")


class EmptyState(QWidget):
    """What a first start shows: no cases yet, one obvious thing to do."""

    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(self.tr("No cases yet"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Every seized item, file hash and custody entry belongs to a case.\n"
                "Create the first case to start cataloguing evidence."
            )
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.create_button = QPushButton(self.tr("Create a new case"))
        self.create_button.setMinimumSize(260, 56)
        button_font = QFont(self.create_button.font())
        button_font.setPointSizeF(button_font.pointSizeF() * 1.3)
        button_font.setBold(True)
        self.create_button.setFont(button_font)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.create_button)
        row.addStretch()
        layout.addSpacing(16)
        layout.addLayout(row)
        hint = QLabel(self.tr("Shortcut: Ctrl+N"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addStretch(3)


class CaseFilterProxy(StableSortProxy):
    """Text filter over number, title, offence and lead examiner; sorts on raw values, cases
    opened the same day in one fixed order (newest case first when sorted newest first), so
    the list does not reorder itself when a search is cleared."""


class CaseNavigator(QWidget):
    """The list of cases with its text and status filters."""

    case_selected = Signal(int)  # case id, -1 for none
    new_case_requested = Signal()

    def __init__(self, model: CaseListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Cases"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch()
        self.new_button = QPushButton(self.tr("New case"))
        self.new_button.clicked.connect(self.new_case_requested)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search cases (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.addItem(status_text(CaseStatus.OPEN), "open")
        self.status_combo.addItem(status_text(CaseStatus.CLOSED), "closed")
        self.status_combo.addItem(status_text(CaseStatus.ARCHIVED), "archived")
        self.status_combo.addItem(self.tr("All"), "all")
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_combo)
        layout.addLayout(filters)

        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.table = make_table(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_OPENED, Qt.SortOrder.DescendingOrder)
        header_view = self.table.horizontalHeader()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_OFFENCE, COL_LEAD, COL_STATUS):
            # In the tooltip instead: the navigator is narrow and the title matters most.
            self.table.setColumnHidden(column, True)
        for column in (COL_NUMBER, COL_STATUS, COL_ITEMS, COL_OPENED):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        layout.addWidget(self.count_label)

        self.filter_edit.textChanged.connect(self._on_text_filter)
        self.status_combo.currentIndexChanged.connect(self._on_status_filter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)

    # ---- filters -------------------------------------------------------------------------
    def set_status_filter(self, value: str) -> None:
        index = self.status_combo.findData(value if value in STATUS_FILTERS else "open")
        if index == self.status_combo.currentIndex():
            self._on_status_filter()
        else:
            self.status_combo.setCurrentIndex(index)  # reloads through the signal

    def status_filter(self) -> str:
        return str(self.status_combo.currentData())

    @Slot(str)
    def _on_text_filter(self, text: str) -> None:
        selected = self.current_case_id()
        self.proxy.setFilterFixedString(text)
        self._restore(selected)

    @Slot()
    def _on_status_filter(self) -> None:
        value = self.status_filter()
        # The status column only tells something when the list mixes statuses.
        self.table.setColumnHidden(COL_STATUS, value != "all")
        self.model_reload(None if value == "all" else CaseStatus(value))

    def model_reload(self, status: CaseStatus | str | None = "keep") -> None:
        selected = self.current_case_id()
        if isinstance(status, str):
            self.model.reload()
        else:
            self.model.set_status_filter(status)
        self._restore(selected)

    # ---- selection -----------------------------------------------------------------------
    def current_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(CASE_ID_ROLE)
        return int(value) if value is not None else None

    def current_case(self) -> CaseRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.case_at(self.proxy.mapToSource(rows[0]).row())

    def select_case(self, case_id: int | None) -> bool:
        row = self.model.row_of(case_id) if case_id is not None else None
        if row is None:
            if self.current_case_id() is not None:
                self.table.clearSelection()
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _restore(self, case_id: int | None) -> None:
        if not self.select_case(case_id):
            self.case_selected.emit(-1)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        case_id = self.current_case_id()
        self.case_selected.emit(case_id if case_id is not None else -1)

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(counted(total, self.tr("%1 case"), self.tr("%1 cases")))
        else:
            text = counted(total, self.tr("%2 of %1 case"), self.tr("%2 of %1 cases"))
            self.count_label.setText(text.replace("%2", f"{shown:,}"))
