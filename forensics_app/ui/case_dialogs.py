"""New case / edit case. The dialog writes through CaseService itself and stays open on a
user error (duplicate number, empty title), so nothing typed is lost."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, CaseRecord
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.task_dialog import grow_with_contents
from forensics_app.ui.widgets.wrapped_label import WrappedLabel


class CaseDialog(QDialog):
    def showEvent(self, event: QShowEvent) -> None:
        grow_with_contents(self)  # an error under the fields makes it grow, never squeeze
        super().showEvent(event)

    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        case: CaseRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._actor = actor
        self._case = case
        self.record: CaseRecord | None = None
        self.setWindowTitle(
            self.tr("New case")
            if case is None
            else self.tr("Edit case {number}").format(number=case.number)
        )
        self.setMinimumWidth(480)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(
            self.tr("automatic ({example})").format(
                example=f"{workstation.clock.today().year}-0001"
            )
        )
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Illegal flyers, Gangnam station area"))
        self.offence_combo = QComboBox()
        self.offence_combo.setEditable(True)
        self.offence_combo.addItems(
            [
                "",
                self.tr("Illegal advertising (flyers)"),
                self.tr("Illegal prostitution advertising"),
                self.tr("Voice phishing"),
                self.tr("Fraud"),
                self.tr("Illegal gambling"),
                self.tr("Drugs"),
                self.tr("Digital sex crime"),
                self.tr("Theft"),
            ]
        )
        self.lead_combo = QComboBox()
        for examiner in workstation.examiners.list():
            if examiner.active or (case is not None and examiner.id == case.lead_examiner_id):
                self.lead_combo.addItem(f"{examiner.name} ({examiner.badge_number})", examiner.id)
        self.opened_edit = QDateEdit()
        self.opened_edit.setCalendarPopup(True)
        self.opened_edit.setDisplayFormat("yyyy-MM-dd")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(90)

        form.addRow(self.tr("Case number:"), self.number_edit)
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Offence:"), self.offence_combo)
        form.addRow(self.tr("Lead examiner:"), self.lead_combo)
        form.addRow(self.tr("Opened on:"), self.opened_edit)
        form.addRow(self.tr("Notes:"), self.notes_edit)

        self.error_label = WrappedLabel()
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create case") if case is None else self.tr("Save")
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._fill(case)
        self.title_edit.setFocus()

    def _fill(self, case: CaseRecord | None) -> None:
        lead_id = case.lead_examiner_id if case is not None else self._actor.id
        index = self.lead_combo.findData(lead_id)
        self.lead_combo.setCurrentIndex(max(index, 0))
        opened = case.opened_on if case is not None else self._workstation.clock.today()
        self.opened_edit.setDate(QDate(opened.year, opened.month, opened.day))
        if case is None:
            return
        self.number_edit.setText(case.number)
        self.title_edit.setText(case.title)
        self.offence_combo.setCurrentText(case.offence_type)
        self.notes_edit.setPlainText(case.notes)

    def values(self) -> dict[str, Any]:
        """What the form says, with the service's field names."""
        opened: QDate = self.opened_edit.date()
        lead = self.lead_combo.currentData()
        return {
            "number": self.number_edit.text().strip(),
            "title": self.title_edit.text().strip(),
            "offence_type": self.offence_combo.currentText().strip(),
            "lead_examiner_id": int(lead) if lead is not None else None,
            "opened_on": date(opened.year(), opened.month(), opened.day()),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    @Slot()
    def _submit(self) -> None:
        values = self.values()
        if not values["title"]:
            self._fail(self.tr("A case needs a title."))
            self.title_edit.setFocus()
            return
        try:
            if self._case is None:
                self.record = self._workstation.cases.create(
                    self._actor,
                    values["title"],
                    number=values["number"] or None,
                    offence_type=values["offence_type"],
                    lead_examiner_id=values["lead_examiner_id"],
                    opened_on=values["opened_on"],
                    notes=values["notes"],
                )
            else:
                if not values["number"]:
                    self._fail(self.tr("A case needs a number."))
                    self.number_edit.setFocus()
                    return
                current = {
                    "number": self._case.number,
                    "title": self._case.title,
                    "offence_type": self._case.offence_type,
                    "lead_examiner_id": self._case.lead_examiner_id,
                    "opened_on": self._case.opened_on,
                    "notes": self._case.notes,
                }
                changes = {k: v for k, v in values.items() if current[k] != v}
                self.record = (
                    self._workstation.cases.update(self._actor, self._case.id, **changes)
                    if changes
                    else self._case
                )
        except UserError as exc:
            self._fail(error_text(exc))
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
