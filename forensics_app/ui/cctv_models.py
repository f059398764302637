"""The clip table of a CCTV recorder: the three clocks side by side (file name, container,
on-screen), where they disagree, the corrected time and the source it came from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from forensics_app.clock import Clock
from forensics_app.ui.widgets.columns import Column, RecordRole, RecordTableModel, SortRole
from forensics_app.ui.widgets.formatting import QT_TRANSLATE_NOOP, time_text, zoned_time_text

if TYPE_CHECKING:
    from forensics_app.services.cctv import ClipRecord

ClipRole = RecordRole
__all__ = ["ClipRole", "ClipTableModel", "SortRole"]
DISAGREE = QColor("#fff1cc")
FAILED = QColor("#fbe3e3")
THUMB_HEIGHT = 36


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
    """A recorder's wall-clock time as it says it (no zone to convert); a time that names its
    zone (a container's creation_time, UTC) in the workstation's zone, like every other time
    on screen (it was shown in UTC)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        return time_text(moment, seconds=True)
    return moment.isoformat(sep=" ", timespec="seconds")


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def _corrected_text(clock: Clock, clip: ClipRecord) -> str:
    return zoned_time_text(clock, clip.corrected_start, seconds=True)


def _osd_cell(clip: ClipRecord) -> str:
    if clip.osd_start is None:
        return osd_text(clip.osd_status)
    flag = " ⚠" if clip.osd_status == "inconsistent" else ""
    return recorder_time(clip.osd_start) + flag


def _clock_tip(clip: ClipRecord, extra: list[str]) -> str | None:
    lines = []
    if clip.disagreements:
        lines.append(QCoreApplication.translate("ClipTableModel", "The clocks disagree:"))
        lines += [f"• {note.render()}" for note in clip.disagreements]
    lines += extra
    return "\n".join(lines) or None


def _problem_lines(clip: ClipRecord) -> list[str]:
    return [f"• {note.render()}" for note in clip.problems]


def camera_text(label: str) -> str:
    """A clip's camera as stored, the catalog's word for a channel nobody could tell in the
    examiner's language (it showed as "unknown…" on Korean screens)."""
    from forensics_app.services.cctv import UNKNOWN_CHANNEL

    if label == UNKNOWN_CHANNEL:
        return QCoreApplication.translate("ClipTableModel", "unknown channel")
    return label


class ClipTableModel(RecordTableModel["ClipRecord"]):
    """One row per file of the recorder, from column specs (the generic RecordTableModel);
    the clip record is under ClipRole. A refresh with the same clips updates rows in place."""

    CAMERA, FILE, FORMAT, DURATION, NAME, CONTAINER, OSD, CORRECTED, SOURCE, STATUS = range(10)
    TIME_COLUMNS = (NAME, CONTAINER, OSD)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        self._clock = clock
        self._thumbs: dict[int, QIcon] = {}

        def clocks(
            text: Callable[[ClipRecord], str], extra: Callable[[ClipRecord], list[str]]
        ) -> dict[str, Any]:
            return {
                "text": text,
                "tip": lambda c: _clock_tip(c, extra(c)),
                "background": self._clock_background,
            }

        columns: list[Column[ClipRecord]] = [
            Column(
                "camera",
                QT_TRANSLATE_NOOP("ClipTableModel", "Camera"),
                lambda c: camera_text(c.camera),
                width=70,
                background=self._background,
            ),
            Column(
                "file",
                QT_TRANSLATE_NOOP("ClipTableModel", "File"),
                lambda c: c.relative_path,
                width=300,
                tip=lambda c: "\n".join([f"{c.path}\nSHA-256 {c.sha256}", *_problem_lines(c)]),
                background=self._background,
                decoration=lambda c: self._thumbnail(c.id),
            ),
            Column(
                "format",
                QT_TRANSLATE_NOOP("ClipTableModel", "Format"),
                lambda c: c.format,
                width=90,
                tip=lambda c: "\n".join(_problem_lines(c)) or None,
                background=self._background,
            ),
            Column(
                "duration",
                QT_TRANSLATE_NOOP("ClipTableModel", "Duration"),
                lambda c: duration_text(c.duration_s),
                width=60,
                sort_value=lambda c: c.duration_s or 0.0,
                background=self._background,
            ),
            Column(
                "name",
                QT_TRANSLATE_NOOP("ClipTableModel", "Name says"),
                **clocks(lambda c: recorder_time(c.name_start), lambda c: []),
                width=140,
            ),
            Column(
                "container",
                QT_TRANSLATE_NOOP("ClipTableModel", "Container says"),
                **clocks(lambda c: recorder_time(c.container_start), lambda c: []),
                width=170,  # room for the zone's name
            ),
            Column(
                "osd",
                QT_TRANSLATE_NOOP("ClipTableModel", "On-screen clock"),
                **clocks(_osd_cell, lambda c: [n.render() for n in c.osd_notes]),
                width=150,
            ),
            Column(
                "corrected",
                QT_TRANSLATE_NOOP("ClipTableModel", "Corrected (local)"),
                lambda c: _corrected_text(self._clock, c),
                width=170,
                sort_value=lambda c: c.corrected_start.isoformat() if c.corrected_start else "",
                tip=lambda c: c.corrected_note.render() if c.corrected_note is not None else None,
                background=self._background,
            ),
            Column(
                "source",
                QT_TRANSLATE_NOOP("ClipTableModel", "Source"),
                lambda c: source_text(c.time_source),
                width=90,
                background=self._background,
            ),
            Column(
                "status",
                QT_TRANSLATE_NOOP("ClipTableModel", "Status"),
                lambda c: status_text(c.status),
                width=90,
                tip=lambda c: "\n".join(_problem_lines(c)) or None,
                background=self._background,
            ),
        ]
        super().__init__("ClipTableModel", columns, parent, id_of=lambda c: c.id)

    @staticmethod
    def _background(clip: ClipRecord) -> QColor | None:
        return FAILED if clip.status == "failed" else None

    @staticmethod
    def _clock_background(clip: ClipRecord) -> QColor | None:
        if clip.status == "failed":
            return FAILED
        return DISAGREE if clip.disagreements else None

    def set_clips(self, clips: Sequence[ClipRecord]) -> None:
        self._thumbs = {k: v for k, v in self._thumbs.items() if any(c.id == k for c in clips)}
        self.set_records(clips)

    def set_thumbnail(self, clip_id: int, image: QImage | None) -> None:
        """A thumbnail decoded off the GUI thread (`decode_thumbnail`): data() never reads a
        file, so painting a long list of clips does not stall the window."""
        if image is None or image.isNull():
            self._thumbs.pop(clip_id, None)
        else:
            self._thumbs[clip_id] = QIcon(QPixmap.fromImage(image))
        row = self.row_of(clip_id)
        if row is not None:
            index = self.index(row, self.FILE)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def clip(self, row: int) -> ClipRecord:
        found = self.record(row)
        if found is None:
            raise IndexError(row)
        return found

    def clips(self) -> list[ClipRecord]:
        return self.records

    def _thumbnail(self, clip_id: int) -> QIcon | None:
        return self._thumbs.get(clip_id)

    def has_thumbnail(self, clip_id: int) -> bool:
        return clip_id in self._thumbs


def decode_thumbnail(path: Path) -> QImage | None:
    """A clip's thumbnail file scaled for the table, or None when missing or unreadable.
    QImage (not QPixmap) so it can be made on a worker thread."""
    if not path.is_file():
        return None
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaledToHeight(THUMB_HEIGHT, Qt.TransformationMode.SmoothTransformation)
