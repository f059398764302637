"""Dialogs for one evidence item: new/edit, add files, change status, hand over.

Hashing runs through the TaskRunner with progress and cancel shown in the dialog; the dialog
stays open (with everything the user typed) when the service refuses the input, and closes
once the write has landed. Short writes (edit, status, hand-over) run inline: they are one
small transaction each.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QMimeData,
    QSize,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.progress import Cancelled
from forensics_app.services.evidence import AddResult, ItemDraft, ItemQuery
from forensics_app.services.records import (
    Actor,
    ItemKind,
    ItemRecord,
    ItemStatus,
)
from forensics_app.services.workstation import Workstation
from forensics_app.ui.display import rich
from forensics_app.ui.evidence_model import (
    as_utc,
    kind_label,
    size_text,
    status_label,
)
from forensics_app.ui.formatting import now_in_zone, workstation_zone
from forensics_app.ui.tasks import Task, TaskProgress, TaskRunner

log = logging.getLogger(__name__)
T = TypeVar("T")

PARENT_CHOICES_LIMIT = 2000  # larger cases: type the exhibit number (with completion)
MAX_LISTED_SKIPS = 20


# ---- small shared pieces ----------------------------------------------------------------------
def show_message(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str = "",
) -> QMessageBox:
    """A window-modal message that does not block the caller (tests and the event loop go on).
    It deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.open()
    return box


def local_paths(mime: QMimeData) -> list[Path]:
    """Local files and folders in a drag; anything else (web links, text) is not evidence."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _duration_text(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("TaskStrip", "%1 s").replace(
            "%1", str(max(1, round(seconds)))
        )
    if seconds < 3600:
        return QCoreApplication.translate("TaskStrip", "%1 min").replace(
            "%1", str(round(seconds / 60))
        )
    return (
        QCoreApplication.translate("TaskStrip", "%1 h %2 min")
        .replace("%1", str(int(seconds // 3600)))
        .replace("%2", str(round(seconds % 3600 / 60)))
    )


@dataclass(frozen=True)
class _Refused:
    error: UserError


@dataclass(frozen=True)
class _Crashed:
    error: Exception


def run_task(
    runner: TaskRunner,
    label: str,
    work: Callable[[TaskProgress], T],
    *,
    done: Callable[[T], None],
    refused: Callable[[UserError], None],
    ended: Callable[[], None],
    cancelled: Callable[[], None] | None = None,
    alive: Callable[[], bool] = lambda: True,
) -> Task[Any]:
    """runner.run with the outcome split three ways for a widget that must unlock itself:
    `ended` runs first whatever happened; a UserError goes to `refused` (shown in place, the
    input kept); a bug is re-raised from the success callback, which hands it to the runner's
    central error handler. `alive` says whether the widget still exists (callbacks arrive
    later with the threaded runner)."""

    def guarded(progress: TaskProgress) -> T | _Refused | _Crashed:
        try:
            return work(progress)
        except Cancelled:
            raise
        except UserError as exc:
            return _Refused(exc)
        except Exception as exc:
            return _Crashed(exc)

    def success(result: T | _Refused | _Crashed) -> None:
        if isinstance(result, _Crashed):
            if alive():
                ended()
            raise result.error
        if not alive():
            return
        ended()
        if isinstance(result, _Refused):
            refused(result.error)
        else:
            done(result)

    def on_cancelled() -> None:
        if alive():
            ended()
            if cancelled is not None:
                cancelled()

    def failure(exc: BaseException) -> None:  # only BaseExceptions that are not Exceptions
        if alive():
            ended()
        raise exc

    return runner.run(label, guarded, success, failure, on_cancelled)


class TaskStrip(QWidget):
    """Progress of one running task, with ETA and a Cancel button. Hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task[Any] | None = None
        self._text = ""
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setFixedWidth(200)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str) -> None:
        self._task = None
        self._text = text
        self.label.setText(text)
        self.bar.setFormat("%p%")
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.show()

    def watch(self, task: Task[Any]) -> None:
        self._task = task
        task.signals.progress.connect(self._progress)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def stop(self) -> None:
        if self._task is not None and shiboken6.isValid(self._task.signals):
            self._task.signals.progress.disconnect(self._progress)
        self._task = None
        self.hide()

    def _progress(self, _label: str, done: int, total: int, detail: str) -> None:
        task = self._task
        if task is None:
            return
        if total <= 0:
            self.bar.setRange(0, 0)
            self.bar.setToolTip(detail)
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(min(1000, done * 1000 // total))
        if task.progress.unit == "B":
            amount = (
                self.tr("%1 of %2").replace("%1", size_text(done)).replace("%2", size_text(total))
            )
        else:
            amount = f"{done:,} / {total:,}"
        eta = task.progress.eta_seconds()
        if eta is not None:
            amount += " — " + self.tr("about %1 left").replace("%1", _duration_text(eta))
        self.label.setText(f"{self._text}  {amount}")
        self.bar.setToolTip(detail)


class _TaskDialog(QDialog):
    """A dialog whose OK starts a runner task; inputs are locked while it runs, Cancel (or
    closing the dialog) cancels it, and a refused input leaves the dialog open."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._running = False
        self.strip = TaskStrip(self)
        self.inputs = QWidget(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.last_message: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self._running

    def _run_task(
        self, label: str, work: Callable[[TaskProgress], T], done: Callable[[T], None]
    ) -> None:
        self._set_running(True, label)
        task = run_task(
            self._runner,
            label,
            work,
            done=done,
            refused=lambda error: self.warn(describe(error)),
            ended=lambda: self._set_running(False),
            cancelled=lambda: self.inform(self.tr("Cancelled. Nothing was stored.")),
            alive=lambda: shiboken6.isValid(self),
        )
        if self._running:
            self.strip.watch(task)

    def _set_running(self, running: bool, label: str = "") -> None:
        self._running = running
        self.inputs.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not running)
        if running:
            self.strip.start(label)
        else:
            self.strip.stop()

    def reject(self) -> None:
        if self._running:
            self.strip.cancel()  # the dialog stays until the work has stopped
            return
        super().reject()

    def warn(self, text: str) -> None:
        self.last_message = show_message(self, QMessageBox.Icon.Warning, self.windowTitle(), text)

    def inform(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.windowTitle(), text
        )


# ---- the path list (files and folders to hash) ---------------------------------------------------
class PathListWidget(QWidget):
    """Files and folders chosen with the file dialogs or dropped on the list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _DropList(self)
        self.list.dropped.connect(self.add_paths)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(110)
        self.list.setToolTip(self.tr("Drop files or folders here"))
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid)")
        buttons = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self._update_summary()

    def paths(self) -> list[Path]:
        return [
            Path(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def add_paths(self, paths: Iterable[Path]) -> None:
        known = set(self.paths())
        style = self.style()
        for path in paths:
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            if path.is_dir():
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirIcon))
                item.setToolTip(self.tr("Folder: every file inside is hashed"))
            else:
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
                try:
                    item.setToolTip(size_text(path.stat().st_size))
                except OSError:
                    item.setToolTip(self.tr("Cannot read this file"))
            self.list.addItem(item)
        self._update_summary()
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_summary()
        self.changed.emit()

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Choose evidence files"))
        self.add_paths(Path(name) for name in names)

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose an evidence folder"))
        if name:
            self.add_paths([Path(name)])

    def _update_summary(self) -> None:
        paths = self.paths()
        self.remove_button.setEnabled(bool(paths))
        if not paths:
            self.summary.setText(
                self.tr("No files yet. Add files or folders, or drop them on the list.")
            )
            return
        folders = sum(1 for p in paths if p.is_dir())
        files = [p for p in paths if not p.is_dir()]
        size = 0
        for path in files:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        text = (
            self.tr("%1 file(s), %2").replace("%1", str(len(files))).replace("%2", size_text(size))
        )
        if folders:
            text += self.tr(" and %1 folder(s)").replace("%1", str(folders))
        self.summary.setText(text + self.tr(" — hashed with SHA-256 and MD5."))


class _DropList(QListWidget):
    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(paths)


# ---- seizure time with its zone ----------------------------------------------------------
class SeizureTimeEdit(QWidget):
    """Optional date and time with the zone it was read in; the services get UTC."""

    edited = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(self.tr("Known"))
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.zone = QComboBox()
        # The workstation's zone first: times are entered and shown in it unless told.
        local = workstation_zone(clock)
        zones: list[tuple[str, QTimeZone]] = [
            (self.tr("Workstation (%1)").replace("%1", clock.zone_name), local)
        ]
        for zone_id, title in ((b"Asia/Seoul", self.tr("Korea (KST)")), (b"UTC", "UTC")):
            zone = QTimeZone(zone_id)
            if zone.isValid() and zone.id() != local.id():
                zones.append((title, zone))
        for title, zone in zones:
            self.zone.addItem(title, zone)
        now = now_in_zone(clock)
        self.edit.setDateTime(QDateTime(now.date(), now.time()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.zone)
        self.known.toggled.connect(self._sync_enabled)
        self.known.toggled.connect(self.edited)
        self.edit.dateTimeChanged.connect(self.edited)
        self.zone.currentIndexChanged.connect(self.edited)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        self.edit.setEnabled(self.known.isChecked())
        self.zone.setEnabled(self.known.isChecked())

    def _current_zone(self) -> QTimeZone:
        zone = self.zone.currentData()
        return zone if isinstance(zone, QTimeZone) else QTimeZone.utc()

    def value(self) -> datetime | None:
        if not self.known.isChecked():
            return None
        shown = self.edit.dateTime()
        moment = QDateTime(shown.date(), shown.time(), self._current_zone())
        return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)

    def set_value(self, moment: datetime | None) -> None:
        self.known.setChecked(moment is not None)
        if moment is not None:
            seconds = int(as_utc(moment).timestamp())
            shown = QDateTime.fromSecsSinceEpoch(seconds, self._current_zone())
            self.edit.setDateTime(QDateTime(shown.date(), shown.time()))

    def set_local(self, date: QDate, time: QTime) -> None:
        """For tests and scripts: the wall time in the chosen zone."""
        self.known.setChecked(True)
        self.edit.setDateTime(QDateTime(date, time))


# ---- new / edit item --------------------------------------------------------------------------
_TEXT_FIELDS = (
    "exhibit_number",
    "make",
    "model",
    "serial_number",
    "imei",
    "seized_from",
    "seized_location",
    "seized_by",
    "storage_location",
)


class ItemDialog(_TaskDialog):
    """New item (with files to hash) or edit of an existing one."""

    saved = Signal(int)  # item id

    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        runner: TaskRunner,
        case_id: int,
        item: ItemRecord | None = None,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._ws = workstation
        self._actor = actor
        self._case_id = case_id
        self._item = item
        self._seized_touched = False
        self.result_item: ItemRecord | None = None
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
        self.imei_edit = QLineEdit()
        self.imei_edit.setMaxLength(64)
        self.parent_combo = QComboBox()
        self.parent_combo.setEditable(True)
        self.parent_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.parent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_combo.setMinimumContentsLength(24)
        self.seized_from_edit = QLineEdit()
        self.seized_location_edit = QLineEdit()
        self.seized_at_edit = SeizureTimeEdit(workstation.clock)
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

    def sizeHint(self) -> QSize:
        return QSize(860, 600 if self._item is None else 420)

    def _mark_seized_touched(self) -> None:
        self._seized_touched = True

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
                combo.addItem(_item_choice_text(record), item_id)
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
            self.warn(describe(exc))

    def _create(self) -> None:
        draft = self.draft()
        paths = self.path_list.paths() if self.path_list else []
        evidence, actor, case_id = self._ws.evidence, self._actor, self._case_id

        def work(progress: TaskProgress) -> AddResult:
            return evidence.add_item(actor, case_id, draft, paths, progress)

        label = (
            self.tr("Hashing %1 file(s) or folder(s)…").replace("%1", str(len(paths)))
            if paths
            else self.tr("Cataloguing…")
        )
        self._run_task(label, work, self._created)

    def _created(self, result: AddResult) -> None:
        self.result_item = result.item
        self.saved.emit(result.item.id)
        if result.skipped:
            _report_skipped(self.parentWidget() or self, result)
        super().accept()

    def _save_changes(self, item: ItemRecord) -> None:
        changes = self.changes()
        if changes:
            self.result_item = self._ws.evidence.update_item(self._actor, item.id, **changes)
            self.saved.emit(item.id)
        super().accept()


def _item_choice_text(record: ItemRecord) -> str:
    what = " ".join(p for p in (record.make, record.model) if p) or record.description
    text = f"{record.exhibit_number} — {kind_label(record.kind)}"
    return f"{text}, {what[:40]}" if what else text


def _report_skipped(parent: QWidget, result: AddResult) -> None:
    listed = "\n".join(result.skipped[:MAX_LISTED_SKIPS])
    if len(result.skipped) > MAX_LISTED_SKIPS:
        listed += "\n…"
    show_message(
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


# ---- add files to an existing item -------------------------------------------------------------
class AddFilesDialog(_TaskDialog):
    saved = Signal(int)

    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        runner: TaskRunner,
        item: ItemRecord,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._ws = workstation
        self._actor = actor
        self._item = item
        self.add_result: AddResult | None = None
        self.setWindowTitle(self.tr("Add files to %1").replace("%1", item.exhibit_number))
        what = " ".join(p for p in (item.make, item.model) if p) or item.description
        heading = QLabel(
            self.tr("Files are hashed (SHA-256 and MD5) and added to <b>%1</b> (%2).")
            .replace("%1", rich(item.exhibit_number))
            .replace("%2", rich(kind_label(item.kind) + (f", {what}" if what else "")))
        )
        heading.setWordWrap(True)
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
        return QSize(640, 360)

    def _sync_ok(self) -> None:
        if not self.running:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(self.path_list.paths())
            )

    def _set_running(self, running: bool, label: str = "") -> None:
        super()._set_running(running, label)
        if not running:
            self._sync_ok()

    def accept(self) -> None:
        paths = self.path_list.paths()
        if self.running or not paths:
            return
        evidence, actor, item_id = self._ws.evidence, self._actor, self._item.id

        def work(progress: TaskProgress) -> AddResult:
            return evidence.add_files(actor, item_id, paths, progress)

        self._run_task(
            self.tr("Hashing files for %1…").replace("%1", self._item.exhibit_number),
            work,
            self._added,
        )

    def _added(self, result: AddResult) -> None:
        self.add_result = result
        self.saved.emit(result.item.id)
        if result.skipped:
            _report_skipped(self.parentWidget() or self, result)
        super().accept()


# ---- status and hand-over ----------------------------------------------------------------------
class _NoteDialog(QDialog):
    """A choice plus a note for the custody log; the write runs on OK, errors keep it open."""

    saved = Signal(int)

    def __init__(self, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item = item
        self.result_item: ItemRecord | None = None
        self.last_message: QMessageBox | None = None
        self.form = QFormLayout()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Reason, receipt number, who was present…"))
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(QLabel(self.tr("Note (kept in the custody log)")))
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def accept(self) -> None:
        try:
            self.result_item = self._write()
        except UserError as exc:
            self.last_message = show_message(
                self, QMessageBox.Icon.Warning, self.windowTitle(), describe(exc)
            )
            return
        self.saved.emit(self._item.id)
        super().accept()

    def _write(self) -> ItemRecord:
        raise NotImplementedError


class StatusDialog(_NoteDialog):
    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        item: ItemRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, parent)
        self._ws, self._actor = workstation, actor
        self.setWindowTitle(self.tr("Change status of %1").replace("%1", item.exhibit_number))
        self.status_combo = QComboBox()
        for status in ItemStatus:
            self.status_combo.addItem(status_label(status), status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(item.status))
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
        return self._ws.evidence.set_status(self._actor, self._item.id, status, self.note())


class HandOverDialog(_NoteDialog):
    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        item: ItemRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, parent)
        self._ws, self._actor = workstation, actor
        self.setWindowTitle(self.tr("Hand over %1").replace("%1", item.exhibit_number))
        self.examiner_combo = QComboBox()
        for examiner in workstation.examiners.list():
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
        return self._ws.evidence.hand_over(
            self._actor, self._item.id, int(examiner_id), self.note()
        )
