"""Importing flyer photos: folders (searched recursively) and photos into a new or an existing
batch, with where, when and by whom the flyers were collected.

What the chosen folders hold is counted before anything runs ("20 photo(s), 35 MB, in 1
folder"). The collection time is batch-wide: it becomes the sighting time of every photo without
a camera time; left out, those photos' numbers wait for it (nothing is dated by the import).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forensics_app.services.flyers import PHOTO_SUFFIXES, PhotoImportResult
from forensics_app.services.records import ItemRecord
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import size_text
from forensics_app.ui.widgets.paths import PathListWidget
from forensics_app.ui.widgets.task_dialog import TaskDialog
from forensics_app.ui.widgets.time_edit import ZonedDateTimeEdit
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

NO_BATCH = -1
HINT_STYLE = "color: #6b6b6b"


def is_photo(path: Path) -> bool:
    return path.suffix.lower() in PHOTO_SUFFIXES


def batch_text(batch: ItemRecord) -> str:
    text = (
        f"{batch.exhibit_number} — {batch.description}"
        if batch.description
        else batch.exhibit_number
    )
    return text if len(text) <= 80 else text[:79] + "…"


class PhotoPathList(PathListWidget):
    """The path list, counting photos (the other files are skipped by the import)."""

    def summary_text(self) -> str:
        count = self.count
        photos = str(count.files) if count.complete else f"{count.files:,}+"
        text = self.tr("%1 photo(s), %2").replace("%1", photos)
        text = text.replace("%2", size_text(count.size))
        if count.folders:
            text += self.tr(", in %1 folder(s)").replace("%1", str(count.folders))
        if count.others:
            text += self.tr("; %1 other file(s) are not photos and will be skipped").replace(
                "%1", str(count.others)
            )
        return text


class ImportDialog(TaskDialog):
    """Photos into a new batch (with its description, place, time and collector) or into an
    existing one (which keeps its own). Hashing runs as an op."""

    imported = Signal(object)  # PhotoImportResult

    def __init__(
        self,
        ctx: UiContext,
        case_id: int,
        batches: Sequence[ItemRecord],
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._case_id = case_id
        self.cancelled_text = self.tr("Cancelled. Nothing was stored.")
        self.setWindowTitle(self.tr("Import flyer photos"))
        self.path_list = PhotoPathList(wanted=is_photo)
        self.path_list.add_folder_button.setText(self.tr("Add folder…"))
        self.path_list.add_files_button.setText(self.tr("Add photos…"))
        # The patterns are the service's own list: a format it reads is one the dialog offers.
        patterns = " ".join(f"*{suffix}" for suffix in sorted(PHOTO_SUFFIXES))
        self.path_list.file_filter = self.tr("Photos ({patterns})").format(patterns=patterns)
        self.path_list.add_paths(paths)
        self.batch_combo = QComboBox()
        self.batch_combo.addItem(self.tr("New batch"), NO_BATCH)
        for batch in batches:
            self.batch_combo.addItem(batch_text(batch), batch.id)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(
            self.tr("e.g. Flyers collected around Suwon station")
        )
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("Where the flyers were collected"))
        self.collected_edit = ZonedDateTimeEdit(ctx.workstation.clock, self.tr("Known"))
        self.collected_hint = WrappedLabel(
            self.tr(
                "For photos without a camera time. Without it, their numbers get no sighting "
                "time until you give one."
            )
        )
        self.collected_hint.setStyleSheet(HINT_STYLE)
        self.collector_edit = QLineEdit()
        self.collector_edit.setPlaceholderText(self.tr("Who collected and photographed them"))
        self.batch_combo.currentIndexChanged.connect(self._batch_changed)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Add to"), self.batch_combo)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Collected at (place)"), self.place_edit)
        form.addRow(self.tr("Collected on"), self.collected_edit)
        form.addRow("", self.collected_hint)
        form.addRow(self.tr("Collected by"), self.collector_edit)
        box = QGroupBox(self.tr("Photos and folders (JPEG, PNG, WebP, HEIC, AVIF)"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.path_list)
        inputs = QVBoxLayout(self.inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.addLayout(form)
        inputs.addWidget(box, 1)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import and hash"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)

    def sizeHint(self) -> QSize:
        return QSize(760, 600)

    def _batch_changed(self) -> None:
        new = self.batch_combo.currentData() == NO_BATCH
        for edit in (self.description_edit, self.place_edit, self.collector_edit):
            edit.setEnabled(new)  # an existing batch keeps its own description
        self.collected_edit.setEnabled(new)

    def accept(self) -> None:
        if self.running:
            return
        paths = self.path_list.paths()
        if not paths:
            self.warn(self.tr("Add the photos or folders to import first."))
            return
        flyers, actor, case_id = self.ctx.workstation.flyers, self.ctx.actor, self._case_id
        target = self.batch_combo.currentData()
        item_id = None if target == NO_BATCH else int(target)
        description = self.description_edit.text().strip()
        place = self.place_edit.text().strip()
        collector = self.collector_edit.text().strip()
        collected_at = self.collected_edit.value() if item_id is None else None

        def work(progress: TaskProgress) -> PhotoImportResult:
            return flyers.import_photos(
                actor,
                case_id,
                paths,
                item_id=item_id,
                description=description,
                collected_by=collector,
                collected_place=place,
                collected_at=collected_at,
                progress=progress,
            )

        self.run_op(
            self.tr("Importing flyer photos…"),
            work,
            self._imported,
            changes=lambda result: (
                Changed.ITEMS | Changed.FLYERS | Changed.CUSTODY | Changed.CASES
                if result.added
                else Changed.NOTHING
            ),
        )

    def _imported(self, result: PhotoImportResult) -> None:
        self.imported.emit(result)
        super().accept()


class CollectedAtDialog(TaskDialog):
    """When a batch's flyers were collected, given (or corrected) after the import."""

    saved = Signal(int)  # item id

    def __init__(self, ctx: UiContext, batch: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._batch = batch
        self.setWindowTitle(
            self.tr("When were the flyers of %1 collected?").replace("%1", batch.exhibit_number)
        )
        self.collected_edit = ZonedDateTimeEdit(ctx.workstation.clock, self.tr("Known"))
        self.collected_edit.set_value(batch.seized_at)
        self.collected_edit.known.setChecked(True)
        hint = WrappedLabel(
            self.tr(
                "Photos of this batch without a camera time are dated with it; their numbers "
                "are then recorded as sightings. The change is kept in the custody log."
            )
        )
        hint.setStyleSheet(HINT_STYLE)
        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Batch"), QLabel(batch_text(batch)))
        form.addRow(self.tr("Collected on"), self.collected_edit)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def accept(self) -> None:
        when = self.collected_edit.value()
        if self.running or when is None:
            return
        flyers, actor, item_id = self.ctx.workstation.flyers, self.ctx.actor, self._batch.id

        def work(_progress: TaskProgress) -> ItemRecord:
            return flyers.set_collected_at(actor, item_id, when)

        self.run_op(
            self.tr("Dating the photos…"),
            work,
            self._stored,
            changes=Changed.ITEMS | Changed.FLYERS | Changed.NUMBERS | Changed.CUSTODY,
        )

    def _stored(self, item: ItemRecord) -> None:
        self.saved.emit(item.id)
        super().accept()
