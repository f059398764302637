"""The pieces of the evidence pane: the item table (which takes files and folders dropped from
the file manager) and the detail panel of the selected item."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
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
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forensics_app.services.records import FileRecord, ItemRecord, ItemStatus
from forensics_app.ui.evidence_model import FileTableModel
from forensics_app.ui.widgets.field_panel import field_panel
from forensics_app.ui.widgets.formatting import both_times_text, size_text
from forensics_app.ui.widgets.labels import (
    BAD_RESULTS,
    kind_label,
    status_label,
    verification_label,
    verification_tip,
)
from forensics_app.ui.widgets.paths import local_paths
from forensics_app.ui.widgets.tables import make_table, paint_placeholder, setup_table
from forensics_app.ui.widgets.task_strip import TaskStrip

NO_ITEM = -1
ALARM_STYLE = (
    "background: #b00020; color: white; font-weight: bold; padding: 6px; border-radius: 3px;"
)
WITHDRAWN_STYLE = (
    "background: #ececec; color: #4d4d4d; font-weight: bold; padding: 6px; border-radius: 3px;"
)


class EvidenceTableView(QTableView):
    """The item table; accepts files and folders dragged from the file manager."""

    files_dropped = Signal(int, list)  # item id (-1: empty space), paths

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_table(self, model)
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
        if not self._dragging:
            if empty and self.placeholder:
                paint_placeholder(self, self.placeholder)
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self.palette().highlight().color(), 2))
        if self._drop_row is not None:
            first = self.visualRect(model.index(self._drop_row, 0))
            rect = QRect(0, first.top(), self.viewport().width(), first.height())
        else:
            rect = self.viewport().rect()
        painter.drawRect(rect.adjusted(1, 1, -2, -2))
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
        self.withdraw_button = QPushButton(self.tr("Withdraw…"))
        self.withdraw_button.setToolTip(
            self.tr("The item was catalogued by mistake: withdraw it (kept, never deleted)")
        )
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
        self.files_view = make_table(self.files_model, alternate=False)
        # AddressBook.sqlitedb, -wal and -shm differ only at the end: keep the end visible.
        self.files_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
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
            self.withdraw_button,
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
        self._empty_text = self.tr("Select an item to see its details and files.")
        self.is_loading = False
        self.empty_label = QLabel(self._empty_text)
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

    def show_loading(self) -> None:
        """An item is chosen, its files are on their way: no actions on it meanwhile."""
        self.show_item(None)
        self.is_loading = True
        self.empty_label.setText(self.tr("Loading the item…"))

    def show_item(
        self,
        item: ItemRecord | None,
        children: Sequence[ItemRecord] = (),
        files: Sequence[FileRecord] = (),
    ) -> None:
        self.item = item
        self.is_loading = False
        self.empty_label.setText(self._empty_text)
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
        values["seized_at"].setText(both_times_text(item.seized_at))
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
        withdrawn = item.status == ItemStatus.WITHDRAWN
        self.withdraw_button.setEnabled(not withdrawn)
        if withdrawn:
            self.alarm.setText(
                self.tr("WITHDRAWN — catalogued by mistake; kept for the record, not for use.")
            )
            self.alarm.setStyleSheet(WITHDRAWN_STYLE)
            self.alarm.show()
        elif worst in BAD_RESULTS:
            self.alarm.setStyleSheet(ALARM_STYLE)
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
