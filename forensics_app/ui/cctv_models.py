"""The clip table of a CCTV recorder: the three clocks side by side (file name, container,
on-screen), where they disagree, the corrected time and the source it came from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap

from forensics_app.clock import Clock

if TYPE_CHECKING:
    from forensics_app.services.cctv import ClipRecord

ClipRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
DISAGREE = QColor("#fff1cc")
FAILED = QColor("#fbe3e3")
THUMB_HEIGHT = 36

_Index = QModelIndex | Any  # QPersistentModelIndex too


def status_text(status: str) -> str:
    return {
        "ok": QCoreApplication.translate("CctvLabels", "OK"),
        "problems": QCoreApplication.translate("CctvLabels", "Problems"),
        "failed": QCoreApplication.translate("CctvLabels", "Failed"),
        "needs_player": QCoreApplication.translate("CctvLabels", "Needs the maker's player"),
        "not_video": QCoreApplication.translate("CctvLabels", "Not a video"),
    }.get(status, status)


def source_text(source: str) -> str:
    return {
        "name": QCoreApplication.translate("CctvLabels", "File name"),
        "container": QCoreApplication.translate("CctvLabels", "Container"),
        "osd": QCoreApplication.translate("CctvLabels", "On-screen clock"),
    }.get(source, source)


def offset_meaning(offset_s: float) -> str:
    """What a recorded offset (recorder - reference) says about the recorder's clock."""
    seconds = f"{abs(offset_s):.0f}"
    if offset_s > 0:
        text = QCoreApplication.translate("CctvLabels", "the recorder's clock was %1 s fast")
    elif offset_s < 0:
        text = QCoreApplication.translate("CctvLabels", "the recorder's clock was %1 s slow")
    else:
        return QCoreApplication.translate("CctvLabels", "the recorder's clock was right")
    return text.replace("%1", seconds)


def osd_text(status: str) -> str:
    return {
        "ok": QCoreApplication.translate("CctvLabels", "read"),
        "inconsistent": QCoreApplication.translate("CctvLabels", "jumps"),
        "unreadable": QCoreApplication.translate("CctvLabels", "unreadable"),
        "not_read": QCoreApplication.translate("CctvLabels", "not read"),
    }.get(status, status)


def recorder_time(moment: datetime | None) -> str:
    """A recorder's wall-clock time as it says it (no zone to convert)."""
    if moment is None:
        return ""
    text = moment.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    return f"{text} UTC" if moment.tzinfo is not None else text


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


class ClipTableModel(QAbstractTableModel):
    """One row per file of the recorder; the clip record is under ClipRole."""

    CAMERA, FILE, FORMAT, DURATION, NAME, CONTAINER, OSD, CORRECTED, SOURCE, STATUS = range(10)
    TIME_COLUMNS = (NAME, CONTAINER, OSD)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._clips: list[ClipRecord] = []
        self._thumbs: dict[int, QIcon] = {}
        self._thumb_paths: dict[int, Path | None] = {}

    def set_clips(self, clips: Sequence[ClipRecord]) -> None:
        self.beginResetModel()
        self._clips = list(clips)
        self._thumbs = {k: v for k, v in self._thumbs.items() if any(c.id == k for c in clips)}
        self.endResetModel()

    def set_thumbnail(self, clip_id: int, path: Path | None) -> None:
        self._thumb_paths[clip_id] = path
        self._thumbs.pop(clip_id, None)
        for row, clip in enumerate(self._clips):
            if clip.id == clip_id:
                index = self.index(row, self.FILE)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def clip(self, row: int) -> ClipRecord:
        return self._clips[row]

    def clips(self) -> list[ClipRecord]:
        return list(self._clips)

    def row_of(self, clip_id: int) -> int:
        return next((row for row, c in enumerate(self._clips) if c.id == clip_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clips)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 10

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Camera"),
            self.tr("File"),
            self.tr("Format"),
            self.tr("Duration"),
            self.tr("Name says"),
            self.tr("Container says"),
            self.tr("On-screen clock"),
            self.tr("Corrected (local)"),
            self.tr("Source"),
            self.tr("Status"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911 - one return per role/column
        if not index.isValid() or not 0 <= index.row() < len(self._clips):
            return None
        clip = self._clips[index.row()]
        column = index.column()
        if role == ClipRole:
            return clip
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(clip, column)
        if role == SortRole:
            return self._sort_key(clip, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(clip, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if clip.status == "failed":
                return QBrush(FAILED)
            if column in self.TIME_COLUMNS and clip.disagreements:
                return QBrush(DISAGREE)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == self.FILE:
            return self._thumbnail(clip.id)
        return None

    def _text(self, clip: ClipRecord, column: int) -> str:  # noqa: PLR0911 - one return per role/column
        if column == self.CAMERA:
            return clip.camera
        if column == self.FILE:
            return clip.relative_path
        if column == self.FORMAT:
            return clip.format
        if column == self.DURATION:
            return duration_text(clip.duration_s)
        if column == self.NAME:
            return recorder_time(clip.name_start)
        if column == self.CONTAINER:
            return recorder_time(clip.container_start)
        if column == self.OSD:
            if clip.osd_start is None:
                return osd_text(clip.osd_status)
            flag = " ⚠" if clip.osd_status == "inconsistent" else ""
            return recorder_time(clip.osd_start) + flag
        if column == self.CORRECTED:
            if clip.corrected_start is None:
                return ""
            local = self._clock.local(clip.corrected_start)
            return f"{local.strftime('%Y-%m-%d %H:%M:%S')} {local.tzname() or ''}".strip()
        if column == self.SOURCE:
            return source_text(clip.time_source)
        if column == self.STATUS:
            return status_text(clip.status)
        return ""

    def _sort_key(self, clip: ClipRecord, column: int) -> Any:
        if column == self.DURATION:
            return clip.duration_s or 0.0
        if column == self.CORRECTED:
            return clip.corrected_start.isoformat() if clip.corrected_start else ""
        return self._text(clip, column)

    def _tooltip(self, clip: ClipRecord, column: int) -> str:
        lines = []
        if column in self.TIME_COLUMNS and clip.disagreements:
            lines.append(self.tr("The clocks disagree:"))
            lines += [f"• {note.render()}" for note in clip.disagreements]
        if column == self.OSD and clip.osd_notes:
            lines += [note.render() for note in clip.osd_notes]
        if column == self.CORRECTED and clip.corrected_note is not None:
            lines.append(clip.corrected_note.render())
        if column in (self.STATUS, self.FILE, self.FORMAT) and clip.problems:
            lines += [f"• {note.render()}" for note in clip.problems]
        if column == self.FILE:
            lines.insert(0, f"{clip.path}\nSHA-256 {clip.sha256}")
        return "\n".join(lines)

    def _thumbnail(self, clip_id: int) -> QIcon | None:
        if clip_id in self._thumbs:
            return self._thumbs[clip_id]
        path = self._thumb_paths.get(clip_id)
        if path is None or not path.is_file():
            return None
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            return None
        icon = QIcon(
            pixmap.scaledToHeight(THUMB_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        )
        self._thumbs[clip_id] = icon
        return icon
