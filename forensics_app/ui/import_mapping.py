"""The column-mapping editor for CSV/XLSX exports of other tools: start from a preset or a
saved mapping, say which column holds which field, and see the first rows of the file with the
mapped columns named above them as you go; save it under a name to use it again
(`--mapping NAME` on the command line)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forensics_app import messages
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services import containers as container_service
from forensics_app.services.containers import FIELDS, KINDS, Mapping
from forensics_app.ui.widgets.paths import choose_file

PREVIEW_ROWS = 20
ENCODINGS = ("auto", "utf-8", "utf-8-sig", "cp949")  # codec names, shown as they are but "auto"
MAPPED = QColor("#e3f2fd")


class MappingEditor(QDialog):
    saved = Signal(str)  # the mapping's name

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Column mapping"))
        self.resize(980, 640)
        self.path = path
        self.columns: list[str] = []
        self.rows: list[list[str]] = []
        self._field_boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.file_label = QLabel(str(path) if path else self.tr("No file chosen"))
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self._choose_file)
        top.addWidget(QLabel(self.tr("Export file:")))
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout.addLayout(top)

        settings = QGroupBox(self.tr("Mapping"))
        form = QFormLayout(settings)
        self.preset = QComboBox()
        self.preset.addItem(self.tr("(new mapping)"), None)
        for mapping in container_service.mappings():
            title = mapping.shown_title(messages.language())
            label = (
                title if mapping.verified else self.tr("{title} (unverified)").format(title=title)
            )
            self.preset.addItem(label, mapping)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        form.addRow(self.tr("Start from:"), self.preset)
        self.kind = QComboBox()
        for kind, label in zip(
            KINDS, (self.tr("Messages"), self.tr("Calls"), self.tr("Contacts")), strict=True
        ):
            self.kind.addItem(label, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Rows are:"), self.kind)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        self.sheet.editingFinished.connect(self.reload)
        form.addRow(self.tr("Sheet (XLSX):"), self.sheet)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1000)
        self.header_row.valueChanged.connect(self.reload)
        form.addRow(self.tr("Column names in row:"), self.header_row)
        self.encoding = QComboBox()
        for encoding in ENCODINGS:
            shown = self.tr("automatic (UTF-8 or CP949)") if encoding == "auto" else encoding
            self.encoding.addItem(shown, encoding)
        self.encoding.currentIndexChanged.connect(self.reload)
        form.addRow(self.tr("Encoding (CSV):"), self.encoding)
        self.time_zone = QLineEdit("Asia/Seoul")
        form.addRow(self.tr("Times without an offset are in:"), self.time_zone)
        layout.addWidget(settings)

        self.fields_box = QGroupBox(self.tr("Which column holds which field"))
        self.fields_form = QFormLayout(self.fields_box)
        layout.addWidget(self.fields_box)

        layout.addWidget(QLabel(self.tr("First rows of the file (mapped columns shaded):")))
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)

        bottom = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("name, e.g. lab_sms"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("description"))
        bottom.addWidget(QLabel(self.tr("Save as:")))
        bottom.addWidget(self.name)
        bottom.addWidget(self.title, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._kind_changed()
        self.reload()

    # ---- building the mapping
    def mapping(self) -> Mapping:
        kind = str(self.kind.currentData())
        columns = {
            field: str(box.currentData())
            for field, box in self._field_boxes.items()
            if box.currentData()
        }
        base = self.preset.currentData()
        values: dict[str, dict[str, list[str]]] = dict(base.values) if base is not None else {}
        return Mapping(
            name=self.name.text().strip() or "unsaved",
            title=self.title.text().strip(),
            source=self.tr("saved in the mapping editor"),
            kind=kind,
            sheet=self.sheet.text().strip(),
            header_row=self.header_row.value(),
            encoding=str(self.encoding.currentData()),
            time_zone=self.time_zone.text().strip(),
            columns=columns,
            values={k: v for k, v in values.items() if k in FIELDS[kind]},
        )

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        chosen = {f: str(b.currentData() or "") for f, b in self._field_boxes.items()}
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self._field_boxes = {}
        labels = _field_labels(self)
        for field in FIELDS[kind]:
            box = QComboBox()
            box.addItem(self.tr("(not in this file)"), "")
            for column in self.columns:
                box.addItem(column, column)
            index = box.findData(chosen.get(field, ""))
            box.setCurrentIndex(max(index, 0))
            box.currentIndexChanged.connect(self._shade)
            self._field_boxes[field] = box
            self.fields_form.addRow(labels.get(field, field), box)
        self._shade()

    def _preset_chosen(self) -> None:
        mapping = self.preset.currentData()
        if mapping is None:
            return
        self.kind.setCurrentIndex(max(self.kind.findData(mapping.kind), 0))
        self.sheet.setText(mapping.sheet)
        self.header_row.setValue(mapping.header_row)
        self.encoding.setCurrentIndex(max(self.encoding.findData(mapping.encoding), 0))
        self.time_zone.setText(mapping.time_zone)
        if not mapping.shipped:
            self.name.setText(mapping.name)
            self.title.setText(mapping.title)
        self.reload()
        for field, box in self._field_boxes.items():
            index = box.findData(mapping.columns.get(field, ""))
            box.setCurrentIndex(max(index, 0))

    # ---- the file and its preview
    def _choose_file(self) -> None:
        chosen = choose_file(
            self,
            self.tr("Export file"),
            self.tr("Tables (*.csv *.tsv *.txt *.xlsx *.xlsm);;All files (*)"),
        )
        if chosen is not None:
            self.path = chosen
            self.file_label.setText(str(chosen))
            self.reload()

    def reload(self) -> None:
        self.problem.clear()
        if self.path is None:
            return
        probe = replace(self.mapping(), columns={}, name="preview")
        try:
            self.columns, self.rows = container_service.export_columns(
                self.path, probe, PREVIEW_ROWS
            )
        except UserError as exc:
            self.columns, self.rows = [], []
            self.problem.setText(describe(exc))
        self._kind_changed()
        self.preview.clear()
        self.preview.setColumnCount(len(self.columns))
        self.preview.setRowCount(len(self.rows))
        self.preview.setHorizontalHeaderLabels(self.columns)
        for r, row in enumerate(self.rows):
            for c, value in enumerate(row[: len(self.columns)]):
                # Shown as text, never evaluated: "=HYPERLINK(…)" stays what it is.
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self._shade()

    def _shade(self) -> None:
        used: dict[str, str] = {}
        labels = _field_labels(self)
        for field, box in self._field_boxes.items():
            column = str(box.currentData() or "")
            if column:
                used.setdefault(column, labels.get(field, field))
        for c, column in enumerate(self.columns):
            header = QTableWidgetItem(f"{column}\n→ {used[column]}" if column in used else column)
            self.preview.setHorizontalHeaderItem(c, header)
            for r in range(self.preview.rowCount()):
                item = self.preview.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(MAPPED) if column in used else QBrush())

    # ---- saving
    def save(self) -> None:
        try:
            container_service.save_mapping(self.mapping())
        except UserError as exc:
            self.problem.setText(describe(exc))
            return
        self.saved.emit(self.mapping().name)
        self.accept()


def _field_labels(widget: QWidget) -> dict[str, Any]:
    translate = QCoreApplication.translate
    return {
        "time": translate("MappingEditor", "Time"),
        "number": translate("MappingEditor", "Phone number"),
        "number2": translate("MappingEditor", "Second number"),
        "number3": translate("MappingEditor", "Third number"),
        "email": translate("MappingEditor", "E-mail"),
        "name": translate("MappingEditor", "Name"),
        "body": translate("MappingEditor", "Text"),
        "subject": translate("MappingEditor", "Subject"),
        "direction": translate("MappingEditor", "Direction (in/out)"),
        "status": translate("MappingEditor", "Status"),
        "service": translate("MappingEditor", "Service"),
        "conversation": translate("MappingEditor", "Conversation"),
        "call_type": translate("MappingEditor", "Call type"),
        "duration": translate("MappingEditor", "Duration"),
        "app": translate("MappingEditor", "App"),
        "organization": translate("MappingEditor", "Organization"),
        "notes": translate("MappingEditor", "Notes"),
        "deleted": translate("MappingEditor", "Deleted"),
        "id": translate("MappingEditor", "Row id"),
    }
