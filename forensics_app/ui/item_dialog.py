"""Dialogs that catalogue evidence: a new item (with its files hashed) or an edit of one, and
files added to an existing item.

Hashing runs as an op with progress and cancel shown in the dialog; the dialog stays open (with
everything the user typed) when the service refuses the input, and closes once the write has
landed. An edit is one small transaction and runs inline. The IMEI and serial number are checked
as they are typed, by the same rules the service applies.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services.evidence import (
    AddResult,
    ItemDraft,
    ItemQuery,
    check_serial,
    normalise_imei,
)
from forensics_app.services.records import ItemKind, ItemRecord
from forensics_app.ui.display import rich
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import as_utc
from forensics_app.ui.widgets.labels import kind_label
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.paths import PathListWidget
from forensics_app.ui.widgets.task_dialog import TaskDialog
from forensics_app.ui.widgets.time_edit import ZonedDateTimeEdit
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

log = logging.getLogger(__name__)

PARENT_CHOICES_LIMIT = 2000  # larger cases: type the exhibit number (with completion)
MAX_LISTED_SKIPS = 20
ERROR_STYLE = "color: #b00020;"
CATALOGUED = Changed.ITEMS | Changed.CUSTODY | Changed.CASES  # the case's item count moves


def item_choice_text(record: ItemRecord) -> str:
    what = " ".join(p for p in (record.make, record.model) if p) or record.description
    text = f"{record.exhibit_number} — {kind_label(record.kind)}"
    return f"{text}, {what[:40]}" if what else text


def report_skipped(parent: QWidget, result: AddResult) -> QMessageBox:
    listed = "\n".join(result.skipped[:MAX_LISTED_SKIPS])
    if len(result.skipped) > MAX_LISTED_SKIPS:
        listed += "\n…"
    return show_message(
        parent,
        QMessageBox.Icon.Information,
        # A fixed context: parent.tr() would look the text up under the caller's class name,
        # which lupdate cannot know, and the Korean text would never be found.
        QCoreApplication.translate("ItemDialogs", "Some paths were not catalogued"),
        QCoreApplication.translate(
            "ItemDialogs", "%1 file(s) were added to %2; %3 path(s) were skipped."
        )
        .replace("%1", str(result.files_added))
        .replace("%2", result.item.exhibit_number)
        .replace("%3", str(len(result.skipped))),
        details=listed,
    )


class ItemDialog(TaskDialog):
    """New item (with files to hash) or edit of an existing one."""

    saved = Signal(int)  # item id

    def __init__(
        self,
        ctx: UiContext,
        case_id: int,
        item: ItemRecord | None = None,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._ws = ctx.workstation
        self._case_id = case_id
        self._item = item
        self._seized_touched = False
        self.result_item: ItemRecord | None = None
        self.cancelled_text = self.tr("Cancelled. Nothing was stored.")
        self.setWindowTitle(
            self.tr("New evidence item")
            if item is None
            else self.tr("Edit item %1").replace("%1", item.exhibit_number)
        )

        self.kind_combo = QComboBox()
        for kind in ItemKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.exhibit_edit = QLineEdit()
        self.exhibit_edit.setMaxLength(64)
        if item is None:
            self.exhibit_edit.setPlaceholderText(self.tr("Automatic (next EX-number)"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.make_edit = QLineEdit()
        self.model_edit = QLineEdit()
        self.serial_edit = QLineEdit()
        self.serial_edit.setMaxLength(64)
        self.imei_edit = QLineEdit()
        self.imei_edit.setMaxLength(64)
        self.imei_edit.setPlaceholderText(self.tr("15 digits, e.g. 35 693803 564380 9"))
        self.identifier_check = WrappedLabel()
        self.identifier_check.setStyleSheet(ERROR_STYLE)
        self.identifier_check.hide()
        self.parent_combo = QComboBox()
        self.parent_combo.setEditable(True)
        self.parent_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.parent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_combo.setMinimumContentsLength(24)
        self.seized_from_edit = QLineEdit()
        self.seized_location_edit = QLineEdit()
        self.seized_at_edit = ZonedDateTimeEdit(self._ws.clock)
        self.seized_by_edit = QLineEdit()
        self.storage_edit = QLineEdit()
        self.make_edit.setPlaceholderText(self.tr("e.g. Samsung"))
        self.model_edit.setPlaceholderText(self.tr("e.g. Galaxy S23"))
        self.seized_from_edit.setPlaceholderText(self.tr("Person or place it was taken from"))
        self.storage_edit.setPlaceholderText(self.tr("Evidence room, shelf, bag number"))

        item_box = QGroupBox(self.tr("Item"))
        item_form = QFormLayout(item_box)
        item_form.addRow(self.tr("Kind"), self.kind_combo)
        item_form.addRow(self.tr("Exhibit no."), self.exhibit_edit)
        item_form.addRow(self.tr("Description"), self.description_edit)
        item_form.addRow(self.tr("Make"), self.make_edit)
        item_form.addRow(self.tr("Model"), self.model_edit)
        item_form.addRow(self.tr("Serial no."), self.serial_edit)
        item_form.addRow(self.tr("IMEI"), self.imei_edit)
        item_form.addRow(self.tr("Inside item"), self.parent_combo)
        seizure_box = QGroupBox(self.tr("Seizure and storage"))
        seizure_form = QFormLayout(seizure_box)
        seizure_form.addRow(self.tr("Seized from"), self.seized_from_edit)
        seizure_form.addRow(self.tr("Seized at (place)"), self.seized_location_edit)
        seizure_form.addRow(self.tr("Seized on"), self.seized_at_edit)
        seizure_form.addRow(self.tr("Seized by"), self.seized_by_edit)
        seizure_form.addRow(self.tr("Stored at"), self.storage_edit)
        for form in (item_form, seizure_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(item_box, 1)
        columns.addWidget(seizure_box, 1)
        inputs_layout = QVBoxLayout(self.inputs)
        inputs_layout.setContentsMargins(0, 0, 0, 0)
        inputs_layout.addLayout(columns)
        # Under both columns, not inside the form: a wrapped label in a form row makes Qt
        # squeeze the rows above it (the form then reports too small a height).
        inputs_layout.addWidget(self.identifier_check)
        self.path_list: PathListWidget | None = None
        if item is None:
            files_box = QGroupBox(self.tr("Files and folders to catalogue"))
            files_layout = QVBoxLayout(files_box)
            self.path_list = PathListWidget()
            self.path_list.add_paths(paths)
            files_layout.addWidget(self.path_list)
            inputs_layout.addWidget(files_box, 1)

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Catalogue and hash") if item is None else self.tr("Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)

        self._fill_parent_choices()
        if item is not None:
            self._load(item)
        self.seized_at_edit.edited.connect(self._mark_seized_touched)
        self.imei_edit.textChanged.connect(self._check_identifiers)
        self.serial_edit.textChanged.connect(self._check_identifiers)

    def sizeHint(self) -> QSize:
        return QSize(900, 620 if self._item is None else 440)

    def _mark_seized_touched(self) -> None:
        self._seized_touched = True

    def _check_identifiers(self) -> None:
        """The service's own rules, while typing: the reason shows under the field."""
        problems = []
        for check, edit in ((normalise_imei, self.imei_edit), (check_serial, self.serial_edit)):
            try:
                check(edit.text())
            except UserError as exc:
                problems.append(error_text(exc))
        self.identifier_check.setText("\n".join(problems))
        self.identifier_check.setVisible(bool(problems))

    # ---- parent choices ----------------------------------------------------------------
    def _fill_parent_choices(self) -> None:
        combo = self.parent_combo
        combo.addItem(self.tr("(none)"), None)
        own_id = self._item.id if self._item else None
        ids = self._ws.evidence.item_ids(ItemQuery(self._case_id, sort="exhibit_number"))
        ids = [i for i in ids if i != own_id]
        shown = ids[:PARENT_CHOICES_LIMIT]
        current_parent = self._item.parent_id if self._item else None
        if current_parent is not None and current_parent not in shown:
            shown.append(current_parent)
        records = self._ws.evidence.items_by_id(shown)
        for item_id in shown:
            record = records.get(item_id)
            if record is not None:
                combo.addItem(item_choice_text(record), item_id)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        if len(ids) > PARENT_CHOICES_LIMIT:
            combo.setToolTip(
                self.tr("The first %1 items are listed; type any exhibit number.").replace(
                    "%1", str(PARENT_CHOICES_LIMIT)
                )
            )
        combo.setCurrentIndex(0)

    def _chosen_parent(self) -> int | None:
        combo = self.parent_combo
        text = combo.currentText().strip()
        if not text or text == combo.itemText(0):
            return None
        found = combo.findText(text, Qt.MatchFlag.MatchExactly)
        if found > 0:
            data = combo.itemData(found)
            return int(data) if data is not None else None
        reference = text.split(" — ", 1)[0].strip()
        return self._ws.evidence.resolve_item(self._case_id, reference).id

    # ---- values ------------------------------------------------------------------------
    def _text_widgets(self) -> dict[str, QLineEdit]:
        return {
            "exhibit_number": self.exhibit_edit,
            "make": self.make_edit,
            "model": self.model_edit,
            "serial_number": self.serial_edit,
            "imei": self.imei_edit,
            "seized_from": self.seized_from_edit,
            "seized_location": self.seized_location_edit,
            "seized_by": self.seized_by_edit,
            "storage_location": self.storage_edit,
        }

    def _load(self, item: ItemRecord) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(item.kind))
        for name, widget in self._text_widgets().items():
            widget.setText(getattr(item, name))
        self.description_edit.setPlainText(item.description)
        self.seized_at_edit.set_value(item.seized_at)
        if item.parent_id is not None:
            found = self.parent_combo.findData(item.parent_id)
            if found >= 0:
                self.parent_combo.setCurrentIndex(found)

    def draft(self) -> ItemDraft:
        kind = self.kind_combo.currentData()
        values: dict[str, Any] = {
            name: widget.text().strip() for name, widget in self._text_widgets().items()
        }
        return ItemDraft(
            kind=ItemKind(kind),
            description=self.description_edit.toPlainText().strip(),
            seized_at=self.seized_at_edit.value(),
            parent_id=self._chosen_parent(),
            **values,
        )

    def changes(self) -> dict[str, Any]:
        """Edit mode: only the fields the user changed."""
        item = self._item
        assert item is not None
        changed: dict[str, Any] = {}
        kind = ItemKind(self.kind_combo.currentData())
        if kind != item.kind:
            changed["kind"] = kind
        for name, widget in self._text_widgets().items():
            if widget.text() != getattr(item, name):
                changed[name] = widget.text().strip()
        description = self.description_edit.toPlainText()
        if description != item.description:
            changed["description"] = description.strip()
        if self._seized_touched:
            seized = self.seized_at_edit.value()
            before = as_utc(item.seized_at) if item.seized_at is not None else None
            if seized != before:
                changed["seized_at"] = seized
        parent_id = self._chosen_parent()
        if parent_id != item.parent_id:
            changed["parent_id"] = parent_id
        return changed

    # ---- OK ----------------------------------------------------------------------------
    def accept(self) -> None:
        if self.running:
            return
        try:
            if self._item is None:
                self._create()
            else:
                self._save_changes(self._item)
        except UserError as exc:
            self.warn(error_text(exc))

    def _create(self) -> None:
        draft = self.draft()
        paths = self.path_list.paths() if self.path_list else []
        evidence, actor, case_id = self._ws.evidence, self.ctx.actor, self._case_id

        def work(progress: TaskProgress) -> AddResult:
            return evidence.add_item(actor, case_id, draft, paths, progress)

        label = (
            self.tr("Hashing %1 file(s) or folder(s)…").replace("%1", str(len(paths)))
            if paths
            else self.tr("Cataloguing…")
        )
        self.run_op(label, work, self._created, changes=CATALOGUED)

    def _created(self, result: AddResult) -> None:
        self.result_item = result.item
        self.saved.emit(result.item.id)
        if result.skipped:
            report_skipped(self.parentWidget() or self, result)
        super().accept()

    def _save_changes(self, item: ItemRecord) -> None:
        changes = self.changes()
        if changes:
            self.result_item = self._ws.evidence.update_item(self.ctx.actor, item.id, **changes)
            self.saved.emit(item.id)
            self.ctx.bus.notify(Changed.ITEMS | Changed.CUSTODY, self)
        super().accept()


class AddFilesDialog(TaskDialog):
    """Files and folders hashed and added to an existing item."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        item: ItemRecord,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._item = item
        self.add_result: AddResult | None = None
        self.cancelled_text = self.tr("Cancelled. Nothing was stored.")
        self.setWindowTitle(self.tr("Add files to %1").replace("%1", item.exhibit_number))
        what = " ".join(p for p in (item.make, item.model) if p) or item.description
        heading = WrappedLabel(
            self.tr("Files are hashed (SHA-256 and MD5) and added to <b>%1</b> (%2).")
            .replace("%1", rich(item.exhibit_number))
            .replace("%2", rich(kind_label(item.kind) + (f", {what}" if what else "")))
        )
        self.path_list = PathListWidget()
        self.path_list.add_paths(paths)
        self.path_list.changed.connect(self._sync_ok)
        inputs_layout = QVBoxLayout(self.inputs)
        inputs_layout.setContentsMargins(0, 0, 0, 0)
        inputs_layout.addWidget(heading)
        inputs_layout.addWidget(self.path_list, 1)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hash and add"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)
        self._sync_ok()

    def sizeHint(self) -> QSize:
        return QSize(680, 380)

    def _sync_ok(self) -> None:
        if not self.running:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(self.path_list.paths())
            )

    def _set_running(self, running: bool) -> None:
        super()._set_running(running)
        if not running:
            self._sync_ok()

    def accept(self) -> None:
        paths = self.path_list.paths()
        if self.running or not paths:
            return
        evidence, actor, item_id = self.ctx.workstation.evidence, self.ctx.actor, self._item.id

        def work(progress: TaskProgress) -> AddResult:
            return evidence.add_files(actor, item_id, paths, progress)

        self.run_op(
            self.tr("Hashing files for %1…").replace("%1", self._item.exhibit_number),
            work,
            self._added,
            changes=Changed.ITEMS | Changed.CUSTODY,
        )

    def _added(self, result: AddResult) -> None:
        self.add_result = result
        self.saved.emit(result.item.id)
        if result.skipped:
            report_skipped(self.parentWidget() or self, result)
        super().accept()
