"""Dialogs that change where an item stands: its status, who holds it, and its withdrawal
(an item catalogued by mistake is withdrawn with its reason, never deleted).

Each is one short audited transaction, run inline on OK; a refusal keeps the dialog open with
the note typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services.records import ItemRecord, ItemStatus
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.labels import status_label
from forensics_app.ui.widgets.messages import show_error
from forensics_app.ui.widgets.task_dialog import grow_with_contents
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

WRITTEN = Changed.ITEMS | Changed.CUSTODY


class NoteDialog(QDialog):
    """A choice plus a note for the custody log; the write runs on OK, errors keep it open."""

    saved = Signal(int)

    def __init__(self, ctx: UiContext, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._item = item
        self.result_item: ItemRecord | None = None
        self.last_message: QMessageBox | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Reason, receipt number, who was present…"))
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.note_label = QLabel(self.tr("Note (kept in the custody log)"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.note_label)
        self.layout_.addWidget(self.note_edit)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def showEvent(self, event: QShowEvent) -> None:
        grow_with_contents(self)
        super().showEvent(event)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def accept(self) -> None:
        try:
            self.result_item = self._write()
        except UserError as exc:
            self.last_message = show_error(self, exc)
            return
        self.saved.emit(self._item.id)
        self.ctx.bus.notify(WRITTEN, self)
        super().accept()

    def _write(self) -> ItemRecord:
        raise NotImplementedError


class StatusDialog(NoteDialog):
    def __init__(self, ctx: UiContext, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, item, parent)
        self.setWindowTitle(self.tr("Change status of %1").replace("%1", item.exhibit_number))
        self.status_combo = QComboBox()
        for status in ItemStatus:
            if status != ItemStatus.WITHDRAWN:  # a withdrawal has its own dialog and reason
                self.status_combo.addItem(status_label(status), status)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(item.status)))
        self.status_combo.currentIndexChanged.connect(self._sync_ok)
        self.form.addRow(self.tr("Current status"), QLabel(status_label(item.status)))
        self.form.addRow(self.tr("New status"), self.status_combo)
        self._sync_ok()

    def _sync_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.status_combo.currentData() != self._item.status
        )

    def _write(self) -> ItemRecord:
        status = ItemStatus(self.status_combo.currentData())
        return self.ctx.workstation.evidence.set_status(
            self.ctx.actor, self._item.id, status, self.note()
        )


class HandOverDialog(NoteDialog):
    def __init__(self, ctx: UiContext, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, item, parent)
        self.setWindowTitle(self.tr("Hand over %1").replace("%1", item.exhibit_number))
        self.examiner_combo = QComboBox()
        for examiner in ctx.workstation.examiners.list():
            if examiner.active and examiner.id != item.custodian_id:
                self.examiner_combo.addItem(
                    f"{examiner.name} ({examiner.badge_number})", examiner.id
                )
        self.examiner_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.form.addRow(self.tr("Held by"), QLabel(item.custodian or self.tr("nobody")))
        self.form.addRow(self.tr("Hand over to"), self.examiner_combo)
        if self.examiner_combo.count() == 0:
            self.examiner_combo.setPlaceholderText(self.tr("No other active examiner"))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _write(self) -> ItemRecord:
        examiner_id = self.examiner_combo.currentData()
        if examiner_id is None:
            raise UserError(self.tr("Choose the examiner who receives the item."))
        return self.ctx.workstation.evidence.hand_over(
            self.ctx.actor, self._item.id, int(examiner_id), self.note()
        )


class WithdrawDialog(NoteDialog):
    """Withdraw an item catalogued by mistake: it stays, marked, with the reason logged."""

    def __init__(self, ctx: UiContext, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, item, parent)
        self.setWindowTitle(self.tr("Withdraw %1").replace("%1", item.exhibit_number))
        explanation = WrappedLabel(
            self.tr(
                "Withdraw an item that was catalogued by mistake (the wrong case, entered twice). "
                "Nothing is deleted: the item, its files and hashes stay in the catalogue and "
                "the custody log, marked as withdrawn, so the record stays complete."
            )
        )
        self.form.addRow(explanation)
        self.form.addRow(self.tr("Item"), QLabel(f"{item.exhibit_number} · {item.description}"))
        self.note_label.setText(self.tr("Reason (required, kept in the custody log)"))
        self.note_edit.setPlaceholderText(self.tr("e.g. entered twice, see EX-0004"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Withdraw"))
        self.note_edit.textChanged.connect(self._sync_ok)
        self._sync_ok()

    def _sync_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note()))

    def _write(self) -> ItemRecord:
        return self.ctx.workstation.evidence.withdraw(self.ctx.actor, self._item.id, self.note())
