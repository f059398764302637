"""CCTV dialogs: import an export folder, record the recorder's clock offset, choose the time
source, and draw where a camera's on-screen clock is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDateTime,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimeZone,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRubberBand,
    QVBoxLayout,
    QWidget,
)

from forensics_app.cctv.timing import TimeSource
from forensics_app.services.workstation import Workstation
from forensics_app.ui.cctv_models import offset_meaning, source_text
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import now_in_zone
from forensics_app.ui.widgets.messages import show_message
from forensics_app.ui.widgets.paths import PathListWidget
from forensics_app.ui.widgets.task_dialog import TaskDialog

if TYPE_CHECKING:
    from forensics_app.cctv.osd import Region
    from forensics_app.services.cctv import CatalogReport, RecorderRecord

NEW_RECORDER = -1
SECONDS_FORMAT = "yyyy-MM-dd HH:mm:ss"


class CctvImportDialog(TaskDialog):
    """A recorder export (folders are searched recursively) into a new or existing recorder
    item: every file is hashed, each clip analysed, in the task runner."""

    imported = QtSignal(object)  # CatalogReport

    def __init__(
        self,
        ctx: UiContext,
        case_id: int,
        recorders: Sequence[RecorderRecord],
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._case_id = case_id
        self.setWindowTitle(self.tr("Import a CCTV export"))
        self.path_list = PathListWidget()
        self.path_list.add_folder_button.setText(self.tr("Add folder…"))
        self.path_list.add_files_button.setText(self.tr("Add clips…"))
        self.path_list.add_paths(paths)
        self.recorder_combo = QComboBox()
        self.recorder_combo.addItem(self.tr("New recorder item"), NEW_RECORDER)
        for recorder in recorders:
            text = recorder.exhibit_number
            if recorder.description:
                text += f" — {recorder.description}"
            self.recorder_combo.addItem(text[:80], recorder.item_id)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(self.tr("e.g. NVR at the shop entrance, 8 ch"))
        self.osd_check = QCheckBox(self.tr("Read the on-screen clock (OCR)"))
        self.osd_check.setChecked(True)
        self.recorder_combo.currentIndexChanged.connect(
            lambda _index: self.description_edit.setEnabled(
                self.recorder_combo.currentData() == NEW_RECORDER
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Recorder"), self.recorder_combo)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow("", self.osd_check)
        box = QGroupBox(self.tr("Export folders and files (any format: read by content)"))
        QVBoxLayout(box).addWidget(self.path_list)
        inputs = QVBoxLayout(self.inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.addLayout(form)
        inputs.addWidget(box, 1)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import, hash and analyse"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)

    def sizeHint(self) -> QSize:
        return QSize(720, 480)

    def accept(self) -> None:
        if self.running:
            return
        paths = self.path_list.paths()
        if not paths:
            self.warn(self.tr("Add the export folder (or clips) first."))
            return
        cctv, actor, case_id = self.ctx.workstation.cctv, self.ctx.actor, self._case_id
        target = self.recorder_combo.currentData()
        item_id = None if target == NEW_RECORDER else int(target)
        description = self.description_edit.text().strip()
        read_osd = self.osd_check.isChecked()

        def work(progress: TaskProgress) -> CatalogReport:
            return cctv.catalog(
                actor,
                case_id,
                paths,
                item_id=item_id,
                description=description,
                read_osd=read_osd,
                progress=progress,
            )

        self.cancelled_text = self.tr(
            "Cancelled. The files hashed and the clips analysed so far are kept: import the "
            "folder again to go on."
        )
        self.run_op(
            self.tr("Importing the CCTV export…"),
            work,
            self._imported,
            changes=Changed.ITEMS | Changed.CUSTODY,
        )

    def _imported(self, report: CatalogReport) -> None:
        self.imported.emit(report)
        super().accept()


def _seconds_edit(value: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(SECONDS_FORMAT)
    edit.setDateTime(QDateTime(value.date(), value.time()))
    return edit


def _zone_combo(workstation: Workstation, combo: QComboBox) -> None:
    combo.addItem(
        QCoreApplication.translate("OffsetDialog", "Workstation (%1)").replace(
            "%1", workstation.clock.zone_name
        ),
        workstation.clock.zone_name,
    )
    for zone_id, title in (
        ("Asia/Seoul", QCoreApplication.translate("OffsetDialog", "Korea (KST)")),
        ("UTC", "UTC"),
    ):
        if zone_id != workstation.clock.zone_name:
            combo.addItem(title, zone_id)


class OffsetDialog(QDialog):
    """At seizure: what the recorder's screen showed, and the true time at that moment."""

    def __init__(
        self, workstation: Workstation, recorder: RecorderRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workstation
        self.setWindowTitle(
            self.tr("Recorder clock offset — %1").replace("%1", recorder.exhibit_number)
        )
        now = now_in_zone(workstation.clock)
        self.shown_edit = _seconds_edit(now)
        self.shown_edit.setToolTip(self.tr("The date and time on the recorder's screen, as shown"))
        self.recorder_zone = QComboBox()
        _zone_combo(workstation, self.recorder_zone)
        self.reference_edit = _seconds_edit(now)
        self.reference_edit.setToolTip(
            self.tr(
                "The true time at the same moment (a reference clock, e.g. a phone's network time)"
            )
        )
        self.reference_zone = QComboBox()
        _zone_combo(workstation, self.reference_zone)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(
            self.tr("How the reference was taken, e.g. photo of both clocks")
        )
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        if recorder.offset is not None:
            self.result_label.setText(
                self.tr("Recorded before: %1 (offset %2 s) by %3")
                .replace("%1", offset_meaning(recorder.offset.offset_s))
                .replace("%2", f"{recorder.offset.offset_s:+.3f}")
                .replace("%3", recorder.offset.recorded_by)
            )
        form = QFormLayout()
        form.addRow(self.tr("Recorder showed"), self.shown_edit)
        form.addRow(self.tr("Recorder's zone"), self.recorder_zone)
        form.addRow(self.tr("Reference time"), self.reference_edit)
        form.addRow(self.tr("Reference zone"), self.reference_zone)
        form.addRow(self.tr("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record offset"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        explain = QLabel(
            self.tr(
                "offset = recorder − reference; every clip's corrected time = recorder time − "
                "offset. The offset is kept with who recorded it and when."
            )
        )
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

    def shown(self) -> datetime:
        value = self.shown_edit.dateTime()
        return datetime(
            value.date().year(), value.date().month(), value.date().day(),
            value.time().hour(), value.time().minute(), value.time().second(),
        )  # fmt: skip

    def reference(self) -> datetime:
        value = self.reference_edit.dateTime()
        zone = QTimeZone(QByteArray(str(self.reference_zone.currentData()).encode()))
        moment = QDateTime(value.date(), value.time(), zone if zone.isValid() else QTimeZone.utc())
        return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)

    def zone(self) -> str:
        return str(self.recorder_zone.currentData())

    def note(self) -> str:
        return self.note_edit.text().strip()


class TimeSourceDialog(QDialog):
    """Which of the recorder's clocks the timeline uses, and why (audited)."""

    def __init__(self, recorder: RecorderRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Time source — %1").replace("%1", recorder.exhibit_number))
        self.source_combo = QComboBox()
        for source in TimeSource:
            self.source_combo.addItem(source_text(source.value), source.value)
        if recorder.choice is not None:
            self.source_combo.setCurrentIndex(
                self.source_combo.findData(recorder.choice.source.value)
            )
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("Why this clock, e.g. the on-screen clock matches the seizure photo")
        )
        form = QFormLayout()
        form.addRow(self.tr("Use the"), self.source_combo)
        form.addRow(self.tr("Reason"), self.reason_edit)
        explain = QLabel(
            self.tr(
                "The three clocks are kept side by side and never merged; this choice only says "
                "which one places the recorder's clips on the case timeline. A clip without it "
                "uses the next one it has, and says so."
            )
        )
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def source(self) -> TimeSource:
        return TimeSource(self.source_combo.currentData())

    def reason(self) -> str:
        return self.reason_edit.text().strip()


class RegionPicker(QLabel):
    """A frame on which the examiner drags a rectangle; the region comes back as fractions
    of the frame."""

    picked = QtSignal(object)  # Region

    def __init__(self, image: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888)
        pixmap = QPixmap.fromImage(qimage.copy())
        if pixmap.width() > 960:
            pixmap = pixmap.scaledToWidth(960, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)
        self.setFixedSize(pixmap.size())
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin = QPoint()
        self.region: Region | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._origin = event.position().toPoint()
        self._band.setGeometry(QRect(self._origin, QSize()))
        self._band.show()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._band.setGeometry(QRect(self._origin, event.position().toPoint()).normalized())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        rect = QRect(self._origin, event.position().toPoint()).normalized()
        self.select(rect)

    def select(self, rect: QRect) -> None:
        """Take `rect` (widget pixels) as the region."""
        rect = rect.intersected(self.rect())
        if rect.width() < 8 or rect.height() < 6:
            return
        self._band.setGeometry(rect)
        self._band.show()
        width, height = self.width(), self.height()
        from forensics_app.cctv.osd import Region

        self.region = Region(
            rect.x() / width, rect.y() / height, rect.width() / width, rect.height() / height
        )
        self.picked.emit(self.region)


class OsdRegionDialog(QDialog):
    """Where the camera's clock is: drag a rectangle round the date and time."""

    def __init__(self, camera_label: str, image: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("On-screen clock of %1").replace("%1", camera_label))
        self.picker = RegionPicker(image)
        self.picker.picked.connect(lambda _region: self._sync())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Reset
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Read it here"))
        reset = self.buttons.button(QDialogButtonBox.StandardButton.Reset)
        reset.setText(self.tr("Find it by itself"))
        reset.setToolTip(self.tr("Forget the drawn region: the clock is searched for again"))
        reset.clicked.connect(self._reset)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.automatic = False
        hint = QLabel(self.tr("Drag a rectangle round the date and time on the picture."))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self._sync()

    def _reset(self) -> None:
        self.automatic = True
        self.accept()

    def _sync(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.picker.region is not None
        )

    def region(self) -> Region | None:
        return None if self.automatic else self.picker.region


def warn(parent: QWidget, title: str, text: str) -> QMessageBox:
    return show_message(parent, QMessageBox.Icon.Warning, title, text)
