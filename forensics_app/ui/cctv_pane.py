"""The CCTV work of one case: recorder exports imported and analysed, their clips with the
three clocks side by side and where they disagree, the recorder's clock offset and the time
source the timeline uses, a player with frame stepping and still export, contact sheets.

`CctvPane(ctx)` is a tab of the case (MainWindow.add_case_tab calls `set_case`). Work runs as
ops; what they write is told to the change bus, and the pane reloads when evidence items change
elsewhere (an export given to the import dialog, say).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services.records import CaseStatus
from forensics_app.ui.cctv_dialogs import (
    CctvImportDialog,
    OffsetDialog,
    OsdRegionDialog,
    TimeSourceDialog,
)
from forensics_app.ui.cctv_models import (
    ClipRole,
    ClipTableModel,
    SortRole,
    camera_text,
    decode_thumbnail,
    offset_meaning,
    source_text,
)
from forensics_app.ui.cctv_player import ClipPlayer
from forensics_app.ui.tasks import Task, TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.formatting import counted
from forensics_app.ui.widgets.messages import show_error, show_message
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.paths import local_paths
from forensics_app.ui.widgets.tables import under_a_line
from forensics_app.ui.widgets.task_strip import TaskStrip
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from forensics_app.services.cctv import CatalogReport, ClipRecord, RecorderRecord

log = logging.getLogger(__name__)


class CctvPane(QWidget):
    """CCTV recorders of one case, their clips, clocks and a player."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ws = ctx.workstation
        self._case_id: int | None = None
        self._case_open = False
        self._recorders: dict[int, RecorderRecord] = {}
        self._item_id: int | None = None
        self._task: Task[Any] | None = None
        self._clip_reads = 0  # counts the clip lists asked for; a read answers only the newest
        self._clips_of: int | None = None  # the recorder whose clips the table holds
        self._wanted_clip: int | None = None  # asked for while the clips were being read
        self._thumbnail_reads = 0  # counts the clip lists shown; a read answers only the newest
        self.last_message: QMessageBox | None = None
        self.last_dialog: QDialog | None = None

        self.recorder_combo = QComboBox()
        self.recorder_combo.setMinimumContentsLength(24)
        self.recorder_combo.setToolTip(self.tr("The case's CCTV recorders (evidence items)"))
        self.import_button = QPushButton(self.tr("Import CCTV export…"))
        self.offset_button = QPushButton(self.tr("Record clock offset…"))
        self.offset_button.setToolTip(
            self.tr("The recorder's shown time against a reference clock, noted at seizure")
        )
        self.source_button = QPushButton(self.tr("Time source…"))
        self.source_button.setToolTip(self.tr("Which clock places the clips on the timeline"))
        self.region_button = QPushButton(self.tr("Clock region…"))
        self.region_button.setToolTip(
            self.tr("Draw where the selected clip's camera shows its clock")
        )
        self.sheet_button = QPushButton(self.tr("Contact sheet"))
        self.import_button.clicked.connect(lambda _checked=False: self.import_export())
        self.offset_button.clicked.connect(lambda _checked=False: self.record_offset())
        self.source_button.clicked.connect(lambda _checked=False: self.choose_source())
        self.region_button.clicked.connect(lambda _checked=False: self.draw_region())
        self.sheet_button.clicked.connect(lambda _checked=False: self.show_contact_sheet())
        self.recorder_combo.currentIndexChanged.connect(self._recorder_chosen)
        self.clock_label = WrappedLabel()
        self.clock_label.setStyleSheet(
            "background: #eef3f8; border: 1px solid #c9d6e3; border-radius: 3px; padding: 4px;"
        )
        self.strip = TaskStrip(self)

        self.model = ClipTableModel(self._ws.clock, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((70, 260, 90, 64, 140, 170, 150, 170, 110, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setAcceptDrops(True)

        self.player = ClipPlayer(ctx)
        self.sheet_label = QLabel()
        self.sheet_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        sheet_scroll = QScrollArea()
        sheet_scroll.setWidget(self.sheet_label)
        sheet_scroll.setWidgetResizable(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.player, self.tr("Player"))
        self.tabs.addTab(sheet_scroll, self.tr("Contact sheet"))
        self.tabs.addTab(self.detail_label, self.tr("Details"))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Recorder")))
        bar.addWidget(self.recorder_combo, 1)
        for button in (
            self.import_button,
            self.offset_button,
            self.source_button,
            self.region_button,
            self.sheet_button,
        ):
            bar.addWidget(button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.clips_status = QLabel()
        self.clips_status.setVisible(False)
        self.splitter.addWidget(under_a_line(self.clips_status, self.table))
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([300, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.strip)
        layout.addWidget(self.splitter, 1)
        self.setAcceptDrops(True)
        ctx.bus.subscribe(self._on_changes)
        self.set_case(None)

    def _on_changes(self, what: Changed, initiator: object) -> None:
        """Another screen changed evidence items (or cases): read the recorders again."""
        if what & (Changed.ITEMS | Changed.CASES) and not initiated_inside(self, initiator):
            if self._case_id is not None and what & Changed.CASES:
                self.set_case(self._case_id)
            else:
                self.refresh()

    # ---- case and recorders --------------------------------------------------------------
    @property
    def case_id(self) -> int | None:
        return self._case_id

    def selected_recorder_id(self) -> int | None:
        return self._item_id

    def set_case(self, case_id: int | None) -> None:
        same = case_id is not None and case_id == self._case_id
        self._case_id = case_id
        self._case_open = False
        if case_id is not None:
            try:
                self._case_open = self._ws.cases.get(case_id).status == CaseStatus.OPEN
            except UserError as exc:
                self._error(exc)
                self._case_id = None
        if not same:
            self._item_id = None
            self.player.open_clip(None)
            self.sheet_label.clear()
        self.refresh()

    def refresh(self) -> None:
        """Read recorders and clips again (after a write, or another workstation's)."""
        self._recorders = {}
        if self._case_id is not None:
            try:
                self._recorders = {r.item_id: r for r in self._ws.cctv.recorders(self._case_id)}
            except UserError as exc:
                self._error(exc)
        wanted = self._item_id if self._item_id in self._recorders else None
        if wanted is None and self._recorders:
            wanted = max(self._recorders)  # the newest recorder
        self.recorder_combo.blockSignals(True)
        self.recorder_combo.clear()
        for recorder in self._recorders.values():
            text = recorder.exhibit_number
            if recorder.description:
                text += f" — {recorder.description}"
            clips = counted(recorder.clip_count, self.tr("%1 file"), self.tr("%1 files"))
            self.recorder_combo.addItem(f"{text[:70]}  ({clips})", recorder.item_id)
        if wanted is not None:
            self.recorder_combo.setCurrentIndex(self.recorder_combo.findData(wanted))
        self.recorder_combo.blockSignals(False)
        self._item_id = wanted
        self._load_clips()

    def select_recorder(self, item_id: int) -> bool:
        index = self.recorder_combo.findData(item_id)
        if index < 0:
            return False
        self.recorder_combo.setCurrentIndex(index)
        return True

    def _recorder_chosen(self) -> None:
        data = self.recorder_combo.currentData()
        item_id = int(data) if data is not None else None
        if item_id != self._item_id:
            self._item_id = item_id
            self.player.open_clip(None)
            self._load_clips()

    def _load_clips(self) -> None:
        """The recorder's clips are read off the GUI thread (an export of thousands of files
        took a moment); the table says it is loading, and the list of a recorder chosen before
        the newest, arriving last, is dropped."""
        self._clip_reads += 1
        reading = self._clip_reads
        item_id = self._item_id
        current = self.current_clip()
        if item_id is None:
            self._show_clips(None, [], current)
            return
        if item_id != self._clips_of:  # another recorder's clips must not stand under its name
            self._show_clips(None, [], None)
        self.clips_status.setText(self.tr("Loading the recorder's clips…"))
        self.clips_status.setVisible(True)
        cctv = self._ws.cctv

        def work(_progress: TaskProgress) -> list[ClipRecord]:
            return cctv.clips(item_id=item_id)

        def loaded(clips: list[ClipRecord]) -> None:
            if reading == self._clip_reads:
                self._show_clips(item_id, clips, current)

        def refused(error: UserError) -> None:
            if reading == self._clip_reads:
                self._show_clips(item_id, [], current)
                self._error(error)

        Op(self.ctx, self, self.tr("Reading the recorder's clips"), work).success(loaded).failure(
            refused
        ).run()

    @property
    def is_loading(self) -> bool:
        return self.clips_status.isVisibleTo(self)

    def _show_clips(
        self, item_id: int | None, clips: list[ClipRecord], current: ClipRecord | None
    ) -> None:
        self.clips_status.setVisible(False)
        self._clips_of = item_id
        self.model.set_clips(clips)
        self._load_thumbnails(clips)
        self._show_clock()
        wanted, self._wanted_clip = self._wanted_clip, None
        if wanted is None and current is not None:
            wanted = current.id
        if wanted is not None:
            self.select_clip(wanted)
        self._sync()

    def _load_thumbnails(self, clips: Sequence[ClipRecord]) -> None:
        """The clips' thumbnails are decoded off the GUI thread (the model decoded each in
        data(), while painting); thumbnails for an earlier list of clips are dropped."""
        self._thumbnail_reads += 1
        reading = self._thumbnail_reads
        if not clips:
            return
        files = {clip.id: self._ws.cctv.thumbnail_file(clip.sha256) for clip in clips}
        label = self.tr("Reading thumbnails")

        def work(progress: TaskProgress) -> dict[int, QImage | None]:
            progress.begin(len(files), label)
            images: dict[int, QImage | None] = {}
            for clip_id, path in files.items():
                images[clip_id] = decode_thumbnail(path)
                progress.advance()
            return images

        def decoded(images: dict[int, QImage | None]) -> None:
            if reading == self._thumbnail_reads:
                for clip_id, image in images.items():
                    self.model.set_thumbnail(clip_id, image)

        Op(self.ctx, self, label, work).success(decoded).run()

    def _show_clock(self) -> None:
        recorder = self._recorders.get(self._item_id) if self._item_id is not None else None
        if recorder is None:
            self.clock_label.setText(
                self.tr("No case is open.")
                if self._case_id is None
                else self.tr("No CCTV recorder yet. Import an export folder, or drop it here.")
            )
            return
        if recorder.offset is None:
            offset = self.tr("Recorder clock offset: not recorded — no corrected times yet.")
        else:
            offset = (
                self.tr("Recorder clock offset: %1 s (%2), recorded by %3")
                .replace("%1", f"{recorder.offset.offset_s:+.3f}")
                .replace("%2", offset_meaning(recorder.offset.offset_s))
                .replace("%3", recorder.offset.recorded_by)
            )
        if recorder.choice is None:
            source = self.tr("Time source: not chosen (each clip uses its best clock, named).")
        else:
            source = (
                self.tr("Time source: %1, chosen by %2")
                .replace("%1", source_text(recorder.choice.source.value))
                .replace("%2", recorder.choice.chosen_by)
            )
        disagreeing = sum(bool(c.disagreements) for c in self.model.clips())
        lines = [offset, source]
        if disagreeing:
            lines.append(
                self.tr("%1 clips whose clocks disagree (highlighted).").replace(
                    "%1", str(disagreeing)
                )
            )
        self.clock_label.setText("\n".join(lines))

    # ---- clips ---------------------------------------------------------------------------
    def current_clip(self) -> ClipRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        clip = index.data(ClipRole)
        from forensics_app.services.cctv import ClipRecord

        return clip if isinstance(clip, ClipRecord) else None

    def select_clip(self, clip_id: int) -> bool:
        """Select a clip of the recorder shown; while its clips are read, once they are."""
        row = self.model.row_of(clip_id)
        if row is None and self.is_loading:
            self._wanted_clip = clip_id
            return True
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        clip = current.data(ClipRole) if current.isValid() else None
        from forensics_app.services.cctv import ClipRecord

        if not isinstance(clip, ClipRecord):
            clip = None
        if clip is None or self.player.clip is None or self.player.clip.id != clip.id:
            self.player.open_clip(clip)
            self.sheet_label.clear()
        self.detail_label.setText(_details(clip) if clip is not None else "")
        self._sync()

    # ---- actions -------------------------------------------------------------------------
    def import_export(self, paths: Sequence[Path] = ()) -> CctvImportDialog | None:
        if self._case_id is None or not self._case_open:
            self._error(self.tr("Open a case that is not closed first."))
            return None
        dialog = CctvImportDialog(
            self.ctx, self._case_id, list(self._recorders.values()), paths, self
        )
        if self._item_id is not None:
            dialog.recorder_combo.setCurrentIndex(dialog.recorder_combo.findData(self._item_id))
        dialog.imported.connect(self._imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, report: CatalogReport) -> None:
        if report.item is not None:
            self._item_id = report.item.id
        self.refresh()
        problems = sum(c.status != "ok" for c in report.clips)
        text = (
            self.tr("%1 files catalogued, %2 clips analysed; %3 with problems (see Status).")
            .replace("%1", str(report.added))
            .replace("%2", str(report.analysed))
            .replace("%3", str(problems))
        )
        if report.cancelled:
            text += " " + self.tr("Cancelled: import the folder again to go on.")
        if report.changed:
            # Evidence that changed must not hide in the details under a plain summary.
            text += " " + self.tr(
                "%1 catalogued files have changed on disk (see the details): verify the item."
            ).replace("%1", str(len(report.changed)))
        icon = QMessageBox.Icon.Warning if report.changed else QMessageBox.Icon.Information
        details = "\n".join(
            [note.render() for note in report.changed]
            + [note.message.render() for note in report.skipped]
        )
        self.last_message = show_message(self, icon, self.tr("CCTV import"), text, details=details)

    def record_offset(self) -> OffsetDialog | None:
        recorder = self._recorder()
        if recorder is None:
            return None
        dialog = OffsetDialog(self._ws, recorder, self)
        dialog.accepted.connect(lambda: self._save_offset(recorder.item_id, dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _save_offset(self, item_id: int, dialog: OffsetDialog) -> None:
        shown, reference = dialog.shown(), dialog.reference()
        zone, note = dialog.zone(), dialog.note()
        self._write(
            self.tr("Recording the clock offset…"),
            lambda: self._ws.cctv.record_offset(
                self.ctx.actor, item_id, shown, reference, zone=zone, note=note
            ),
        )

    def choose_source(self) -> TimeSourceDialog | None:
        recorder = self._recorder()
        if recorder is None:
            return None
        dialog = TimeSourceDialog(recorder, self)
        dialog.accepted.connect(
            lambda: self._write(
                self.tr("Choosing the time source…"),
                lambda: self._ws.cctv.choose_time_source(
                    self.ctx.actor, recorder.item_id, dialog.source(), dialog.reason()
                ),
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def draw_region(self) -> OsdRegionDialog | None:
        clip = self.current_clip()
        if clip is None or clip.camera_id is None:
            self._error(self.tr("Choose a clip of the camera first."))
            return None
        try:
            with self._ws.cctv.open_clip(clip.id) as view:
                frame = view.reader.frame(0)
        except UserError as exc:
            self._error(exc)
            return None
        dialog = OsdRegionDialog(camera_text(clip.camera), frame.image, self)
        camera_id = clip.camera_id
        dialog.accepted.connect(
            lambda: self._write(
                self.tr("Reading the camera's clock again…"),
                lambda: self._ws.cctv.set_osd_region(self.ctx.actor, camera_id, dialog.region()),
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def show_contact_sheet(self) -> None:
        clip = self.current_clip()
        if clip is None:
            return
        cctv, clip_id = self._ws.cctv, clip.id
        (
            Op(
                self.ctx,
                self,
                self.tr("Making the contact sheet…"),
                lambda _progress: cctv.contact_sheet(clip_id),
            )
            .progress(self.strip)
            .success(self._sheet_ready)
            .failure(self._error)
            .run()
        )

    def _sheet_ready(self, sheet: Any) -> None:
        from PIL.ImageQt import ImageQt

        self.sheet_label.setPixmap(QPixmap.fromImage(ImageQt(sheet)))
        self.tabs.setCurrentIndex(1)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    # ---- plumbing ------------------------------------------------------------------------
    def _recorder(self) -> RecorderRecord | None:
        if self._item_id is None or self._item_id not in self._recorders:
            self._error(self.tr("Import a recorder's export first."))
            return None
        return self._recorders[self._item_id]

    def _write(self, label: str, work: Any) -> None:
        """An audited write (offset, time source, clock region) as an op: the clips' corrected
        times change with it, and the custody log has a new entry."""
        self._task = (
            Op(self.ctx, self, label, lambda _progress: work())
            .changes(Changed.ITEMS | Changed.CUSTODY)
            .progress(self.strip)
            .success(lambda _result: self.refresh())
            .failure(self._error)
            .run()
        )

    def _error(self, error: UserError | str) -> None:
        self.last_message = show_error(self, error, self.tr("CCTV"))

    def _sync(self) -> None:
        has_case = self._case_id is not None and self._case_open
        has_recorder = has_case and self._item_id is not None
        clip = self.current_clip()
        self.import_button.setEnabled(has_case)
        self.offset_button.setEnabled(has_recorder)
        self.source_button.setEnabled(has_recorder)
        self.region_button.setEnabled(has_recorder and clip is not None and clip.frame_count > 0)
        self.sheet_button.setEnabled(clip is not None and clip.frame_count > 0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()) and self._case_open:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_export(paths)


def _details(clip: ClipRecord) -> str:
    facts = [
        f"{clip.relative_path}",
        f"SHA-256 {clip.sha256}",
        f"{clip.format} ({clip.format_reason.render()})",
    ]
    if clip.frame_count:
        size = f"{clip.width}×{clip.height}" if clip.width else ""
        fps = f"{clip.fps:.3g}/s" if clip.fps else ""
        facts.append(
            QCoreApplication.translate("CctvPane", "%1 %2, %3 frames at %4")
            .replace("%1", clip.video_codec)
            .replace("%2", size)
            .replace("%3", f"{clip.frame_count:,}")
            .replace("%4", fps)
        )
    if clip.name_convention:
        facts.append(
            QCoreApplication.translate("CctvPane", "Name convention: %1").replace(
                "%1", clip.name_convention
            )
        )
    if clip.disagreements:
        facts.append(QCoreApplication.translate("CctvPane", "The clocks disagree:"))
        facts += [f"  • {note.render()}" for note in clip.disagreements]
    if clip.osd_notes:
        facts.append(
            QCoreApplication.translate("CctvPane", "On-screen clock: %1").replace(
                "%1", "; ".join(note.render() for note in clip.osd_notes)
            )
        )
    if clip.corrected_note is not None:
        facts.append(
            QCoreApplication.translate("CctvPane", "Corrected time: %1").replace(
                "%1", clip.corrected_note.render()
            )
        )
    if clip.problems:
        facts.append(QCoreApplication.translate("CctvPane", "Problems:"))
        facts += [f"  • {note.render()}" for note in clip.problems]
    return "\n".join(facts)
