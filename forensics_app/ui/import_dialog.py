"""Importing device data into a case: files, folders, archives, iTunes/Finder backups, UFDRs
and tool exports, chosen in the dialog or dropped on it (or on the case, see import_drop).

First "Check" says what was recognised, without writing anything: which parser reads which
source, about how many rows, what is already imported, what will be skipped and why, and what
the container says about the device. Then "Import" writes it, with progress and cancel. An
encrypted backup asks for its password (used for this import only); a tool export asks for
its column mapping (the editor is one click away).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forensics_app import messages
from forensics_app.errors import UserError
from forensics_app.importers.registry import shown_title
from forensics_app.services import containers as container_service
from forensics_app.services.containers import (
    ImportOptions,
    ImportPreview,
    PasswordRequiredError,
    WrongPasswordError,
)
from forensics_app.services.evidence import ItemQuery
from forensics_app.services.records import ItemKind, ItemStatus
from forensics_app.ui.import_drop import ImportDropFilter
from forensics_app.ui.import_mapping import MappingEditor
from forensics_app.ui.import_password import ask_backup_password
from forensics_app.ui.item_dialog import item_choice_text
from forensics_app.ui.tasks import Task
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import counted, time_text
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.paths import choose_files, choose_folder
from forensics_app.ui.widgets.tables import elide_middle

# Items that can hold phone data (the service refuses recorders and flyer batches).
DEVICE_DATA_KINDS = frozenset(
    {
        ItemKind.PHONE,
        ItemKind.COMPUTER,
        ItemKind.STORAGE_MEDIA,
        ItemKind.SIM_OR_MEMORY_CARD,
        ItemKind.OTHER,
    }
)
TARGET_LIMIT = 500  # items offered in the "Import into" list
# The start of the tool-export importer's "choose a mapping" refusal (a message template).
NEEDS_MAPPING = "{file} is a table exported by another tool: choose a column mapping"


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport

    def __init__(
        self,
        ctx: UiContext,
        case_id: int,
        paths: Sequence[Path] = (),
        *,
        item_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import device data"))
        self.resize(900, 620)
        self.ctx = ctx
        self._workstation = ctx.workstation
        self._actor = ctx.actor
        self._case_id = case_id
        self._password: str | None = None
        self._task: Task[Any] | None = None
        self.preview: ImportPreview | None = None
        self.report: Any = None

        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Add database files, extraction folders, zip/tar archives, iTunes/Finder "
                "backups, Cellebrite UFDRs or CSV/XLSX exports, or drop them here."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.paths = QListWidget()
        row.addWidget(self.paths, 1)
        column = QVBoxLayout()
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self._add_files)
        add_folder = QPushButton(self.tr("Add folder…"))
        add_folder.clicked.connect(self._add_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_selected)
        for button in (add_files, add_folder, remove):
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        layout.addLayout(row)

        # Which item the data goes into: a phone catalogued first (the usual way) or a new
        # phone item; the CLI's --item.
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Import into:")))
        self.target_combo = QComboBox()
        self._fill_targets(item_id)
        target_row.addWidget(self.target_combo, 1)
        layout.addLayout(target_row)

        mapping_row = QHBoxLayout()
        mapping_row.addWidget(QLabel(self.tr("Column mapping for CSV/XLSX exports:")))
        self.mapping = QComboBox()
        self._fill_mappings()
        mapping_row.addWidget(self.mapping, 1)
        edit = QPushButton(self.tr("Edit mapping…"))
        edit.clicked.connect(self._edit_mapping)
        mapping_row.addWidget(edit)
        layout.addLayout(mapping_row)

        self.device = QLabel()
        self.device.setWordWrap(True)
        layout.addWidget(self.device)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Source"), self.tr("Read by"), self.tr("Rows"), self.tr("Status")]
        )
        # The parser's name whole, on one line; the path cut in its middle, so its start (the
        # folder added) and its end (the file) both show (the names were cut to "Android
        # SMS/ MMS …" beside paths shown whole).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        elide_middle(self.table)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("Skipped and noticed:")))
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        layout.addWidget(self.notes, 1)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (self.check_button, self.import_button, self.cancel_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self._drops = ImportDropFilter(self)
        self._drops.paths_dropped.connect(self.add_paths)
        self.add_paths(list(paths))

    # ---- choosing what to import
    def add_paths(self, paths: list[Path]) -> None:
        present = {self.paths.item(i).text() for i in range(self.paths.count())}
        for path in paths:
            if str(path) not in present:
                self.paths.addItem(str(path))
        self._invalidate()

    def chosen_paths(self) -> list[Path]:
        return [Path(self.paths.item(i).text()) for i in range(self.paths.count())]

    def _add_files(self) -> None:
        self.add_paths(choose_files(self, self.tr("Files to import")))

    def _add_folder(self) -> None:
        folder = choose_folder(self, self.tr("Folder to import"))
        if folder is not None:
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
        self._invalidate()

    def _fill_targets(self, item_id: int | None) -> None:
        combo = self.target_combo
        combo.addItem(self.tr("A new phone item"), None)
        evidence = self._workstation.evidence
        ids = evidence.item_ids(ItemQuery(self._case_id, sort="exhibit_number"))[:TARGET_LIMIT]
        if item_id is not None and item_id not in ids:
            ids.append(item_id)
        records = evidence.items_by_id(ids)
        for record_id in ids:
            record = records.get(record_id)
            if (
                record is not None
                and record.kind in DEVICE_DATA_KINDS
                and record.status != ItemStatus.WITHDRAWN
            ):
                combo.addItem(item_choice_text(record), record.id)
        combo.setCurrentIndex(max(combo.findData(item_id), 0) if item_id is not None else 0)

    def target_item(self) -> int | None:
        data = self.target_combo.currentData()
        return int(data) if data is not None else None

    def _fill_mappings(self, select: str = "") -> None:
        self.mapping.clear()
        self.mapping.addItem(self.tr("(none)"), "")
        for mapping in container_service.mappings():
            title = mapping.shown_title(messages.language())
            self.mapping.addItem(f"{title} [{mapping.name}]", mapping.name)
        index = self.mapping.findData(select)
        self.mapping.setCurrentIndex(max(index, 0))
        self.mapping.currentIndexChanged.connect(self._invalidate)

    def _edit_mapping(self) -> None:
        suffixes = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
        exports = [p for p in self.chosen_paths() if p.suffix.lower() in suffixes]
        editor = MappingEditor(exports[0] if exports else None, self)
        editor.saved.connect(self._fill_mappings)
        editor.exec()
        editor.deleteLater()

    def _options(self) -> ImportOptions:
        return ImportOptions(password=self._password, mapping=self.mapping.currentData() or None)

    def _invalidate(self) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        # Import stays off until a check: say why, or a first user waits for it to light up.
        if self.chosen_paths() and self._task is None:
            self.status.setText(
                self.tr("Press Check: it shows what would be read, without writing anything.")
            )

    # ---- check: what would be read
    def check(self) -> None:
        paths = self.chosen_paths()
        if not paths:
            self.status.setText(self.tr("Add something to import first."))
            return
        options = self._options()
        self._busy(True, self.tr("Checking…"))
        ingest, case_id = self._workstation.ingest, self._case_id
        self._task = (
            Op(
                self.ctx,
                self,
                self.tr("Checking what to import"),
                lambda progress: container_service.preview_import(
                    ingest, case_id, paths, options, progress
                ),
            )
            .failure(self._refused)
            .ended(lambda: self._busy(False))
            .cancelled(lambda: self.status.setText(self.tr("Cancelled.")))
            .success(self._checked)
            .run()
        )
        self._follow(self._task)

    def _checked(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.table.setRowCount(len(preview.sources))
        for row, source in enumerate(preview.sources):
            status = self.tr("already imported") if source.already_imported else self.tr("new")
            rows = "" if source.rows is None else f"{source.rows:,}"
            title = shown_title(source.parser)  # in Korean on Korean screens, exports too
            for column, text in enumerate((source.path, title, rows, status)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # long paths and parser names are cut in the cell
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.notes.setPlainText("\n".join(note.render() for note in preview.notes))
        self.device.setText("\n".join(_describe_container(self, c) for c in preview.containers))
        if preview.importable:
            self.status.setText(self.tr("Nothing has been written yet. Import to add these."))
        else:
            self.status.setText(self.tr("Nothing new to import."))
        self.import_button.setEnabled(preview.importable)

    def _refused(self, error: UserError) -> None:
        if isinstance(error, PasswordRequiredError | WrongPasswordError):
            backup = str(error.values.get("backup", "")) if hasattr(error, "values") else ""
            password = ask_backup_password(
                backup, wrong=isinstance(error, WrongPasswordError), parent=self
            )
            if password is not None:
                self._password = password
                self.check()
                return
        if getattr(error, "template", "").startswith(NEEDS_MAPPING):
            # The service's wording names the CLI's --mapping; here the list is on screen.
            self.status.setText(
                self.tr(
                    "{file} is a table exported by another tool: choose its column mapping in "
                    "the list above (or make one with “Edit mapping…”), then Check again. Its "
                    "columns are: {columns}. Nothing was imported."
                ).format(file=error.values.get("file", ""), columns=error.values.get("columns", ""))
            )
            self.mapping.setFocus()
            return
        self.status.setText(error_text(error))

    # ---- import
    def start_import(self) -> None:
        paths = self.chosen_paths()
        options = self._options()
        self._busy(True, self.tr("Importing…"))
        ingest, actor, case_id, item_id = (
            self._workstation.ingest,
            self._actor,
            self._case_id,
            self.target_item(),
        )
        self._task = (
            Op(
                self.ctx,
                self,
                self.tr("Importing device data"),
                lambda progress: ingest.import_paths(
                    actor, case_id, paths, item_id=item_id, progress=progress, options=options
                ),
            )
            .changes(Changed.ITEMS | Changed.CUSTODY | Changed.CASES)
            .failure(self._refused)
            .ended(lambda: self._busy(False))
            .cancelled(
                lambda: self.status.setText(
                    self.tr("Cancelled: nothing of this import was written.")
                )
            )
            .success(self._imported)
            .run()
        )
        self._follow(self._task)

    def _imported(self, report: Any) -> None:
        self.report = report
        self._password = None
        counts = report.counts
        self.status.setText(
            self.tr("{item}: {messages}, {calls}, {contacts} imported.").format(
                item=report.item.exhibit_number if report.item else "-",
                messages=counted(counts["message"], self.tr("%1 message"), self.tr("%1 messages")),
                calls=counted(counts["call"], self.tr("%1 call"), self.tr("%1 calls")),
                contacts=counted(counts["contact"], self.tr("%1 contact"), self.tr("%1 contacts")),
            )
        )
        self.notes.setPlainText("\n".join(note.render() for note in report.warnings))
        self.import_button.setEnabled(False)
        self.imported.emit(report)

    # ---- progress and cancel
    def _busy(self, busy: bool, text: str = "") -> None:
        self.check_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.status.setText(text)
        else:
            self._task = None

    def _follow(self, task: Task[Any] | None) -> None:
        if task is not None and task in self.ctx.runner.active_tasks:
            task.signals.progress.connect(self._progressed)

    def _progressed(self, label: str, done: int, total: int, detail: str) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        else:
            self.progress.setRange(0, 0)
        self.status.setText(label)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def reject(self) -> None:
        self.cancel()
        self._password = None
        super().reject()


def _describe_container(widget: QWidget, container: dict[str, Any]) -> str:
    kinds = {
        "zip": QCoreApplication.translate("ImportDialog", "zip archive"),
        "tar": QCoreApplication.translate("ImportDialog", "tar archive"),
        "itunes_backup": QCoreApplication.translate("ImportDialog", "iTunes/Finder backup"),
        "ufdr": QCoreApplication.translate("ImportDialog", "Cellebrite UFDR"),
        "tool_export": QCoreApplication.translate("ImportDialog", "tool export"),
    }
    facts = [
        container.get(k, "")
        for k in ("make", "model", "device_name", "os_version", "serial_number", "imei")
    ]
    shown = ", ".join(f for f in facts if f)
    when = container.get("extracted_at", "")
    text = f"{kinds.get(container['kind'], container['kind'])}: {container['path']}"
    if shown:
        text += f" — {shown}"
    if when:
        text += " — " + QCoreApplication.translate("ImportDialog", "extracted {when}").format(
            when=_extraction_time(when)
        )
    return text


def _extraction_time(value: str) -> str:
    """The container's extraction time in the workstation's zone, the zone named, like every
    other time on screen; a time without a zone is shown as the container wrote it."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return value if moment.tzinfo is None else time_text(moment, seconds=True)
