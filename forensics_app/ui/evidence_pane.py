"""The evidence pane: filter bar, the lazy item table, and the detail panel of the selected item.

Everything long (hashing on add, verifying) runs as an op; writes tell the change bus what they
changed, and the pane refreshes itself when items change elsewhere (an import of flyer photos,
another pane's write). Files and folders dropped on a row are added to that item, dropped on
empty space they start a new item.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services.evidence import ItemQuery, VerifyReport
from forensics_app.services.records import (
    CaseStatus,
    FileRecord,
    ItemKind,
    ItemRecord,
    ItemStatus,
)
from forensics_app.ui.display import rich
from forensics_app.ui.evidence_model import ITEM_COLUMNS, EvidenceTableModel
from forensics_app.ui.evidence_views import NO_ITEM, EvidenceTableView, ItemDetailPanel
from forensics_app.ui.item_dialog import AddFilesDialog, ItemDialog
from forensics_app.ui.item_status_dialogs import HandOverDialog, StatusDialog, WithdrawDialog
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.export import ExportButton
from forensics_app.ui.widgets.formatting import counted
from forensics_app.ui.widgets.labels import kind_label, status_label
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.ops import Op

log = logging.getLogger(__name__)
D = TypeVar("D", bound=QDialog)

FILTER_DELAY_MS = 250


@dataclass(frozen=True)
class _ItemShown:
    item: ItemRecord
    children: list[ItemRecord]
    files: list[FileRecord]


class EvidencePane(QWidget):
    """The evidence of one case."""

    item_selected = Signal(int)  # item id, -1 for none

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ws = ctx.workstation
        self._actor = ctx.actor
        self._case_id: int | None = None
        self._case_open = False
        self._selected: int | None = None
        self._announced: int | None = None  # the last id item_selected told
        self._selecting = False
        self._reading = 0  # counts the items chosen; a read answers only the newest
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
        self.export_button = ExportButton(ctx, lambda: self.model, self._export_title)

        self.model = EvidenceTableModel(self._ws.evidence, self)
        self.model.load_failed.connect(self._load_failed)
        self.table = EvidenceTableView(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
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
        self.detail.withdraw_button.clicked.connect(self.withdraw)
        self.detail.verify_button.clicked.connect(self.verify_selected)
        self.detail.child_activated.connect(self.select_item)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.status_combo, 1)
        filters.addWidget(self.count_label)
        filters.addStretch(0)
        filters.addWidget(self.export_button)
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
        ctx.bus.subscribe(self._on_changes)
        self.set_case(None)

    def _on_changes(self, changed: Changed, initiator: object) -> None:
        """Items changed elsewhere (a flyer import, a dialog of another screen): read again.
        Writes started here have refreshed already."""
        if changed & Changed.ITEMS and not initiated_inside(self, initiator):
            self.refresh()

    def _export_title(self) -> str:
        title = self.tr("Evidence items")
        try:
            if self._case_id is not None:
                title += " " + self._ws.cases.get(self._case_id).number
        except UserError:
            pass
        return title

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
                self._error(error_text(exc))
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
            self._error(error_text(exc))
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
            self.count_label.setText(counted(shown, self.tr("%1 item"), self.tr("%1 items")))

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
        """The chosen item's fields, items inside and files (thousands in a phone extraction
        or a flyer batch) are read off the GUI thread; the panel says it is loading, and a
        read that returns after another item was chosen is dropped."""
        item_id = self._selected
        self._reading += 1
        reading = self._reading
        if item_id is None:
            self.detail.show_item(None)
            return
        self.detail.show_loading()
        self._sync_actions()
        evidence = self._ws.evidence

        def work(_progress: TaskProgress) -> _ItemShown:
            return _ItemShown(
                evidence.get_item(item_id), evidence.children(item_id), evidence.files(item_id)
            )

        def loaded(shown: _ItemShown) -> None:
            if reading == self._reading:
                self.detail.show_item(shown.item, shown.children, shown.files)
                self._sync_actions()

        def refused(error: UserError) -> None:
            if reading == self._reading:
                self.detail.show_item(None)
                self._error(error_text(error))

        Op(self.ctx, self, self.tr("Reading the item's files"), work).success(loaded).failure(
            refused
        ).run()

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
            self._error(error_text(exc))
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
            dialog = ItemDialog(self.ctx, self._case_id, paths=paths, parent=self)
        except UserError as exc:
            self._error(error_text(exc))
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
        if item.status == ItemStatus.WITHDRAWN:
            self._error(self.tr("The item is withdrawn: no files can be added to it."))
            return None
        dialog = AddFilesDialog(self.ctx, item, paths, parent=self)
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def edit_selected(self) -> ItemDialog | None:
        item = self._selected_record()
        if item is None or self._case_id is None:
            return None
        try:
            dialog = ItemDialog(self.ctx, self._case_id, item=item, parent=self)
        except UserError as exc:
            self._error(error_text(exc))
            return None
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def change_status(self) -> StatusDialog | None:
        item = self._selected_record()
        if item is None:
            return None
        dialog = StatusDialog(self.ctx, item, parent=self)
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def hand_over(self) -> HandOverDialog | None:
        item = self._selected_record()
        if item is None:
            return None
        try:
            dialog = HandOverDialog(self.ctx, item, parent=self)
        except UserError as exc:
            self._error(error_text(exc))
            return None
        dialog.saved.connect(self._written)
        return self._open(dialog)

    def withdraw(self) -> WithdrawDialog | None:
        """Withdraw the selected item (catalogued by mistake): kept and marked, never deleted."""
        item = self._selected_record()
        if item is None or item.status == ItemStatus.WITHDRAWN:
            return None
        dialog = WithdrawDialog(self.ctx, item, parent=self)
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
        self._sync_actions()
        Op(self.ctx, self, label, work).progress(self.detail.strip).changes(
            Changed.ITEMS | Changed.CUSTODY
        ).ended(self._verify_ended).success(lambda report: self._verified(item, report)).run()

    def _verify_ended(self) -> None:
        self._verifying = False
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
                (self.tr("Withdraw…"), self.withdraw, self._selected_withdrawable()),
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

    def _selected_withdrawable(self) -> bool:
        item = self.detail.item
        return item is not None and item.status != ItemStatus.WITHDRAWN

    def _load_failed(self, message: str) -> None:
        self._error(message)

    def _error(self, text: str) -> None:
        self.last_message = show_message(self, QMessageBox.Icon.Warning, self.tr("Evidence"), text)

    def _inform(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.tr("Evidence"), text
        )
