"""The evidence pane: filter bar, the lazy item table, and the detail panel of the selected item.

Everything long (hashing on add, verifying) goes through the TaskRunner; the pane refreshes
and emits `changed` when a write has landed. Files and folders dropped on a row are added to
that item, dropped on empty space they start a new item.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services.evidence import ItemQuery, VerifyReport
from forensics_app.services.records import (
    Actor,
    CaseStatus,
    FileRecord,
    ItemKind,
    ItemRecord,
    ItemStatus,
)
from forensics_app.services.workstation import Workstation
from forensics_app.ui.display import rich
from forensics_app.ui.evidence_model import (
    BAD_RESULTS,
    ITEM_COLUMNS,
    EvidenceTableModel,
    FileTableModel,
    kind_label,
    local_time_text,
    size_text,
    status_label,
    utc_time_text,
    verification_label,
    verification_tip,
)
from forensics_app.ui.field_panel import field_panel
from forensics_app.ui.item_dialog import (
    AddFilesDialog,
    HandOverDialog,
    ItemDialog,
    StatusDialog,
    TaskStrip,
    local_paths,
    run_task,
    show_message,
)
from forensics_app.ui.tasks import TaskProgress, TaskRunner

log = logging.getLogger(__name__)
D = TypeVar("D", bound=QDialog)

FILTER_DELAY_MS = 250
NO_ITEM = -1
ALARM_STYLE = (
    "background: #b00020; color: white; font-weight: bold; padding: 6px; border-radius: 3px;"
)


class EvidenceTableView(QTableView):
    """The item table; accepts files and folders dragged from the file manager."""

    files_dropped = Signal(int, list)  # item id (-1: empty space), paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)  # drawn by paintEvent: the row, or the whole table
        self._drop_row: int | None = None
        self._dragging = False
        self.placeholder = ""

    def _drop_target(self, position: QPoint) -> int | None:
        index = self.indexAt(position)
        return index.row() if index.isValid() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()) and self.model() is not None:
            self._dragging = True
            self._drop_row = self._drop_target(event.position().toPoint())
            event.acceptProposedAction()
            self.viewport().update()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not local_paths(event.mimeData()):
            event.ignore()
            return
        row = self._drop_target(event.position().toPoint())
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._end_drag()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        row = self._drop_target(event.position().toPoint())
        self._end_drag()
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        item_id = NO_ITEM
        if row is not None:
            value = self.model().index(row, 0).data(Qt.ItemDataRole.UserRole)
            item_id = int(value) if value is not None else NO_ITEM
        self.files_dropped.emit(item_id, paths)

    def _end_drag(self) -> None:
        self._dragging = False
        self._drop_row = None
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        empty = model is None or model.rowCount() == 0
        if not self._dragging and not (empty and self.placeholder):
            return
        painter = QPainter(self.viewport())
        highlight = self.palette().highlight().color()
        if self._dragging:
            pen = QPen(highlight, 2)
            painter.setPen(pen)
            if self._drop_row is not None:
                first = self.visualRect(model.index(self._drop_row, 0))
                rect = QRect(0, first.top(), self.viewport().width(), first.height())
            else:
                rect = self.viewport().rect()
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        elif empty:
            painter.setPen(QColor("#7a7a7a"))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.placeholder,
            )
        painter.end()


class ItemDetailPanel(QWidget):
    """Fields, items inside, and files of one item, with the item's actions."""

    child_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ItemRecord | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alarm = QLabel()
        self.alarm.setWordWrap(True)
        self.alarm.setStyleSheet(ALARM_STYLE)
        self.alarm.hide()
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.status_button = QPushButton(self.tr("Change status…"))
        self.hand_over_button = QPushButton(self.tr("Hand over…"))
        self.verify_button = QPushButton(self.tr("Verify this item"))
        self.verify_button.setToolTip(
            self.tr("Re-hash every file of this item and compare with the catalogued hashes")
        )
        self.strip = TaskStrip(self)

        scroll, self._values = field_panel(
            (
                ("description", self.tr("Description")),
                ("make_model", self.tr("Make / model")),
                ("serial", self.tr("Serial no.")),
                ("imei", self.tr("IMEI")),
                ("status", self.tr("Status")),
                ("custodian", self.tr("Custodian")),
                ("parent", self.tr("Inside item")),
                ("seized_from", self.tr("Seized from")),
                ("seized_location", self.tr("Seized at (place)")),
                ("seized_at", self.tr("Seized on")),
                ("seized_by", self.tr("Seized by")),
                ("storage", self.tr("Stored at")),
                ("files", self.tr("Files")),
                ("verification", self.tr("Verification")),
            ),
            min_width=300,
        )

        self.files_model = FileTableModel(self)
        self.files_view = QTableView()
        self.files_view.setModel(self.files_model)
        self.files_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files_view.setWordWrap(False)
        self.files_view.verticalHeader().hide()
        self.files_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.files_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((220, 80, 250, 150, 160, 140)):
            self.files_view.setColumnWidth(column, width)
        self.children_list = QListWidget()
        self.children_list.itemActivated.connect(self._child_activated)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.files_view, self.tr("Files"))
        self.tabs.addTab(self.children_list, self.tr("Items inside"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for button in (
            self.edit_button,
            self.add_files_button,
            self.status_button,
            self.hand_over_button,
            self.verify_button,
        ):
            buttons.addWidget(button)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(scroll)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([380, 700])
        body.setChildrenCollapsible(False)
        self.empty_label = QLabel(self.tr("Select an item to see its details and files."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #7a7a7a")
        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(buttons)
        content_layout.addWidget(self.alarm)
        content_layout.addWidget(self.strip)
        content_layout.addWidget(body, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.empty_label, 1)
        self.show_item(None)

    def show_item(
        self,
        item: ItemRecord | None,
        children: Sequence[ItemRecord] = (),
        files: Sequence[FileRecord] = (),
    ) -> None:
        self.item = item
        self.content.setVisible(item is not None)
        self.empty_label.setVisible(item is None)
        if item is None:
            self.files_model.set_files([])
            self.children_list.clear()
            self.alarm.hide()
            return
        self.title.setText(f"{item.exhibit_number} · {kind_label(item.kind)}")
        values = self._values
        values["description"].setText(item.description)
        values["make_model"].setText(" ".join(p for p in (item.make, item.model) if p))
        values["serial"].setText(item.serial_number)
        values["imei"].setText(item.imei)
        values["status"].setText(status_label(item.status))
        values["custodian"].setText(item.custodian or self.tr("nobody"))
        values["parent"].setText(item.parent_exhibit)
        values["seized_from"].setText(item.seized_from)
        values["seized_location"].setText(item.seized_location)
        values["seized_at"].setText(
            f"{local_time_text(item.seized_at)}  ({utc_time_text(item.seized_at)})"
            if item.seized_at
            else ""
        )
        values["seized_by"].setText(item.seized_by)
        values["storage"].setText(item.storage_location)
        values["files"].setText(
            self.tr("%1 file(s), %2")
            .replace("%1", str(item.file_count))
            .replace("%2", size_text(item.total_size))
        )
        worst = item.worst_verification
        verification = values["verification"]
        verification.setText(verification_label(worst) if item.file_count else "")
        verification.setToolTip(verification_tip(worst) if item.file_count else "")
        verification.setStyleSheet(
            "color: #b00020; font-weight: bold;" if worst in BAD_RESULTS else ""
        )
        if worst in BAD_RESULTS:
            self.alarm.setText(
                self.tr("INTEGRITY ALERT — %1: %2")
                .replace("%1", verification_label(worst))
                .replace("%2", verification_tip(worst))
            )
            self.alarm.show()
        else:
            self.alarm.hide()
        self.files_model.set_files(files)
        self.children_list.clear()
        for child in children:
            entry = QListWidgetItem(
                f"{child.exhibit_number} — {kind_label(child.kind)}"
                + (f", {child.make} {child.model}".rstrip() if child.make or child.model else "")
            )
            entry.setData(Qt.ItemDataRole.UserRole, child.id)
            self.children_list.addItem(entry)
        self.tabs.setTabText(0, self.tr("Files (%1)").replace("%1", str(len(files))))
        self.tabs.setTabText(1, self.tr("Items inside (%1)").replace("%1", str(len(children))))

    def _child_activated(self, entry: QListWidgetItem) -> None:
        self.child_activated.emit(int(entry.data(Qt.ItemDataRole.UserRole)))


class EvidencePane(QWidget):
    """The evidence of one case."""

    item_selected = Signal(int)  # item id, -1 for none
    changed = Signal()  # after any write

    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = workstation
        self._actor = actor
        self._runner = runner
        self._case_id: int | None = None
        self._case_open = False
        self._selected: int | None = None
        self._announced: int | None = None  # the last id item_selected told
        self._selecting = False
        self._verifying = False
        self.last_message: QMessageBox | None = None
        self.last_dialog: QDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search exhibit no., description, make, serial, IMEI, seized from, storage…")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in ItemKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in ItemStatus:
            self.status_combo.addItem(status_label(status), status)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555")
        self.new_button = QPushButton(self.tr("New item…"))
        self.new_button.setToolTip(self.tr("Catalogue a new item and hash its files"))
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._filter_timer.start)
        self.kind_combo.currentIndexChanged.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(self.apply_filter)
        self.new_button.clicked.connect(lambda _checked=False: self.add_item())

        self.model = EvidenceTableModel(workstation.evidence, self)
        self.model.load_failed.connect(self._load_failed)
        self.table = EvidenceTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for number, column in enumerate(ITEM_COLUMNS):
            self.table.setColumnWidth(number, column.width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._sort_indicator = (0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.files_dropped.connect(self._files_dropped)

        self.detail = ItemDetailPanel()
        self.detail.edit_button.clicked.connect(self.edit_selected)
        self.detail.add_files_button.clicked.connect(lambda _checked=False: self.add_files())
        self.detail.status_button.clicked.connect(self.change_status)
        self.detail.hand_over_button.clicked.connect(self.hand_over)
        self.detail.verify_button.clicked.connect(self.verify_selected)
        self.detail.child_activated.connect(self.select_item)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.status_combo, 1)
        filters.addWidget(self.count_label)
        filters.addStretch(0)
        filters.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.set_case(None)

    # ---- case and filter ---------------------------------------------------------------
    @property
    def case_id(self) -> int | None:
        return self._case_id

    def set_case(self, case_id: int | None) -> None:
        """Show a case's evidence. The same case again (after a case edit, close or reopen)
        keeps the filter, sort and selection."""
        same = case_id is not None and case_id == self._case_id
        self._case_id = case_id
        self._case_open = False
        if case_id is not None:
            try:
                self._case_open = self._ws.cases.get(case_id).status == CaseStatus.OPEN
            except UserError as exc:
                self._error(describe(exc))
                self._case_id = case_id = None
                same = False
        if not same:
            self._reset_filters()
        has_case = case_id is not None
        for widget in (self.search_edit, self.kind_combo, self.status_combo):
            widget.setEnabled(has_case)
        self.new_button.setEnabled(self._case_open)
        self.new_button.setToolTip(
            self.tr("Catalogue a new item and hash its files")
            if self._case_open or not has_case
            else self.tr("The case is not open: reopen it to add evidence")
        )
        self.table.placeholder = (
            self.tr("No case is open.")
            if not has_case
            else self.tr("No evidence yet. Click “New item…” or drop files and folders here.")
        )
        self._run_query(keep_selection=same)

    def _reset_filters(self) -> None:
        widgets = (self.search_edit, self.kind_combo, self.status_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)
        self._filter_timer.stop()

    def current_query(self) -> ItemQuery | None:
        """The filter bar's query, in the table's current sort order."""
        if self._case_id is None:
            return None
        previous = self.model.query
        same_case = previous is not None and previous.case_id == self._case_id
        return ItemQuery(
            case_id=self._case_id,
            text=self.search_edit.text().strip(),
            kind=self.kind_combo.currentData(),
            status=self.status_combo.currentData(),
            sort=previous.sort if previous and same_case else "exhibit_number",
            descending=previous.descending if previous and same_case else False,
        )

    def apply_filter(self) -> None:
        """Run the filter now (the search box waits for a pause in typing first)."""
        self._filter_timer.stop()
        self._run_query(keep_selection=True)

    def refresh(self) -> None:
        """Read everything again (after a write, or another workstation's)."""
        self._run_query(keep_selection=True)

    def _run_query(self, keep_selection: bool) -> None:
        wanted = self._selected if keep_selection else None
        query = self.current_query()
        try:
            self.model.set_query(query)
        except UserError as exc:
            self._error(describe(exc))
        if query is None or (query.sort == "exhibit_number" and not query.descending):
            self._show_sort(0, Qt.SortOrder.AscendingOrder)
        self._update_count()
        if wanted is None or not self.select_item(wanted):
            self._show_selected(None)

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        self._sort_indicator = (column, order)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if ITEM_COLUMNS[column].sort_key is None:
            # No SQL sort for this column (see EvidenceService.SORTABLE_COLUMNS): keep the old one.
            self._show_sort(*self._sort_indicator)
            return
        self._sort_indicator = (column, order)
        if self._selected is not None:
            self._scroll_to(self._selected)

    def _update_count(self) -> None:
        if self._case_id is None:
            self.count_label.setText("")
            return
        shown = self.model.rowCount()
        query = self.model.query
        filtered = query is not None and (query.text or query.kind or query.status)
        if filtered:
            try:
                total = self._ws.evidence.count_items(ItemQuery(self._case_id))
            except UserError:
                total = shown
            self.count_label.setText(
                self.tr("%1 of %2 items").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
            )
        else:
            self.count_label.setText(self.tr("%1 items").replace("%1", f"{shown:,}"))

    # ---- selection ---------------------------------------------------------------------
    def selected_item_id(self) -> int | None:
        return self._selected

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self._scroll_to(item_id)
        self._show_selected(item_id)  # reloads the detail even when the row did not move
        return True

    def _scroll_to(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting:
            self._show_selected(self.model.item_id(current.row()) if current.isValid() else None)

    def _show_selected(self, item_id: int | None) -> None:
        """Show an item (or none) in the detail panel; item_selected only when it changed."""
        self._selected = item_id
        self._load_detail()
        if item_id != self._announced:
            self._announced = item_id
            self.item_selected.emit(item_id if item_id is not None else NO_ITEM)

    def _load_detail(self) -> None:
        item_id = self._selected
        if item_id is None:
            self.detail.show_item(None)
            return
        try:
            item = self._ws.evidence.get_item(item_id)
            children = self._ws.evidence.children(item_id)
            files = self._ws.evidence.files(item_id)
        except UserError as exc:
            self.detail.show_item(None)
            self._error(describe(exc))
            return
        self.detail.show_item(item, children, files)
        self._sync_actions()

    def _sync_actions(self) -> None:
        item = self.detail.item
        self.detail.add_files_button.setEnabled(self._case_open)
        self.detail.verify_button.setEnabled(
            item is not None and item.file_count > 0 and not self._verifying
        )

    def _selected_record(self) -> ItemRecord | None:
        if self._selected is None:
            return None
        try:
            return self._ws.evidence.get_item(self._selected)
        except UserError as exc:
            self._error(describe(exc))
            return None

    # ---- actions -------------------------------------------------------------------------
    def add_item(self, paths: Sequence[Path] = ()) -> ItemDialog | None:
        """The new-item dialog (optionally with files already listed); hashing runs in the
        runner with progress and cancel shown in the dialog."""
        if self._case_id is None:
            return None
        if not self._case_open:
            self._error(self.tr("The case is not open: reopen it to add evidence."))
            return None
        try:
            dialog = ItemDialog(
                self._ws, self._actor, self._runner, self._case_id, paths=paths, parent=self
            )
        except UserError as exc:
            self._error(describe(exc))
            return None
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def add_files(self, paths: Sequence[Path] = ()) -> AddFilesDialog | None:
        """Add files and folders (file and folder choosers in the dialog) to the selected item."""
        item = self._selected_record()
        if item is None:
            return None
        if not self._case_open:
            self._error(self.tr("The case is not open: reopen it to add evidence."))
            return None
        dialog = AddFilesDialog(self._ws, self._actor, self._runner, item, paths, parent=self)
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def edit_selected(self) -> ItemDialog | None:
        item = self._selected_record()
        if item is None or self._case_id is None:
            return None
        try:
            dialog = ItemDialog(
                self._ws, self._actor, self._runner, self._case_id, item=item, parent=self
            )
        except UserError as exc:
            self._error(describe(exc))
            return None
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def change_status(self) -> StatusDialog | None:
        item = self._selected_record()
        if item is None:
            return None
        dialog = StatusDialog(self._ws, self._actor, item, parent=self)
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def hand_over(self) -> HandOverDialog | None:
        item = self._selected_record()
        if item is None:
            return None
        try:
            dialog = HandOverDialog(self._ws, self._actor, item, parent=self)
        except UserError as exc:
            self._error(describe(exc))
            return None
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def verify_selected(self) -> None:
        """Re-hash the selected item's files in the runner; a mismatch is a loud message."""
        item = self._selected_record()
        if item is None or self._verifying:
            return
        evidence, actor, item_id = self._ws.evidence, self._actor, item.id

        def work(progress: TaskProgress) -> VerifyReport:
            return evidence.verify(actor, item_id=item_id, progress=progress)

        label = self.tr("Verifying %1…").replace("%1", item.exhibit_number)
        self._verifying = True
        self.detail.strip.start(label)
        self._sync_actions()
        task = run_task(
            self._runner,
            label,
            work,
            done=lambda report: self._verified(item, report),
            refused=lambda error: self._error(describe(error)),
            ended=self._verify_ended,
            alive=lambda: shiboken6.isValid(self),
        )
        if self._verifying:
            self.detail.strip.watch(task)

    def _verify_ended(self) -> None:
        self._verifying = False
        self.detail.strip.stop()
        self._written(self._selected or NO_ITEM)

    def _verified(self, item: ItemRecord, report: VerifyReport) -> None:
        if report.problems:
            lines = [f"{p.exhibit_number}  {p.result.value}: {p.message}" for p in report.problems]
            text = (
                "<p style='color:#b00020; font-size:large'><b>"
                + self.tr("INTEGRITY FAILURE: %1 of %2 file(s) of %3 do not match.")
                .replace("%1", str(len(report.problems)))
                .replace("%2", str(report.files_checked))
                .replace("%3", rich(item.exhibit_number))
                + "</b></p>"
            )
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                self.tr("Evidence integrity failure"),
                text,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setInformativeText(
                self.tr(
                    "The evidence copy may have been altered or lost. Do not use it for analysis "
                    "before the cause is found. The result is recorded in the custody log."
                )
            )
            box.setDetailedText("\n".join(lines))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.last_message = box
        elif report.cancelled:
            self._inform(
                self.tr(
                    "Verification cancelled after %1 file(s); those results are recorded."
                ).replace("%1", str(report.files_checked))
            )
        else:
            self._inform(
                self.tr("All %1 file(s) of %2 match their catalogued hashes.")
                .replace("%1", str(report.files_checked))
                .replace("%2", item.exhibit_number)
            )

    # ---- drops and menu -------------------------------------------------------------------
    def _files_dropped(self, item_id: int, paths: list[Path]) -> None:
        if self._case_id is None:
            return
        if item_id == NO_ITEM:
            self.add_item(paths)
            return
        self.select_item(item_id)
        self.add_files(paths)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        menu = QMenu(self)
        if index.isValid():
            item_id = self.model.item_id(index.row())
            if item_id is not None:
                self.select_item(item_id)
            entries = [
                (self.tr("Edit…"), self.edit_selected, True),
                (self.tr("Add files…"), self.add_files, self._case_open),
                (self.tr("Change status…"), self.change_status, True),
                (self.tr("Hand over…"), self.hand_over, True),
                (self.tr("Verify this item"), self.verify_selected, True),
            ]
        else:
            entries = [(self.tr("New item…"), self.add_item, self._case_open)]
        for text, slot, enabled in entries:
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- plumbing ----------------------------------------------------------------------
    def _open(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _written(self, item_id: int) -> None:
        self.model.refresh()
        self._update_count()
        wanted = item_id if item_id != NO_ITEM else self._selected
        if wanted is None or not self.select_item(wanted):
            self._show_selected(None)
        self.changed.emit()

    def _load_failed(self, message: str) -> None:
        self._error(message)

    def _error(self, text: str) -> None:
        self.last_message = show_message(self, QMessageBox.Icon.Warning, self.tr("Evidence"), text)

    def _inform(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.tr("Evidence"), text
        )
