"""A clip player: QtMultimedia plays (the evidence file itself when Qt can, else a remuxed
working copy), and when paused the exact frame is decoded from the evidence with each of its
clocks (name, container, on-screen, corrected), so stepping frame by frame and exporting a
still always show the frame the catalog numbers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.ui.cctv_models import recorder_time, source_text
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import time_text, zoned_time_text
from forensics_app.ui.widgets.messages import show_error, show_message
from forensics_app.ui.widgets.ops import Op

if TYPE_CHECKING:
    from forensics_app.services.cctv import ClipRecord, ClipView, FrameTimes, StillRecord

log = logging.getLogger(__name__)

_MULTIMEDIA: dict[str, Any] = {}


def multimedia() -> dict[str, Any]:
    """QtMultimedia, loaded when the first clip is opened (not when the window starts: it
    costs start-up time and logs about the sound system). Empty when it is not installed:
    then the player only steps frames. GUI thread only."""
    if "loaded" not in _MULTIMEDIA:
        _MULTIMEDIA["loaded"] = True
        try:  # QtMultimedia ships in PySide6-Addons
            from PySide6.QtMultimedia import QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError:  # pragma: no cover - the Addons wheel is a dependency
            return {}
        _MULTIMEDIA.update(player=QMediaPlayer, widget=QVideoWidget)
    return {k: v for k, v in _MULTIMEDIA.items() if k != "loaded"}


class FrameView(QLabel):
    """The decoded frame, scaled to fit, aspect kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("background: black; color: #ddd")
        self._pixmap: QPixmap | None = None

    def show_image(self, image: Any) -> None:
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888)
        self._pixmap = QPixmap.fromImage(qimage.copy())
        self._rescale()

    def clear_image(self, text: str = "") -> None:
        self._pixmap = None
        self.clear()
        self.setText(text)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap is not None:
            self.setPixmap(
                self._pixmap.scaled(
                    self.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


class ClipPlayer(QWidget):
    """Play, pause, step, seek and export a still of one clip."""

    still_exported = QtSignal(object)  # StillRecord

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clip: ClipRecord | None = None
        self._view: ClipView | None = None
        self._frame = 0
        self._playing = False
        self.last_message: QMessageBox | None = None

        self.frame_view = FrameView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.frame_view)
        self.video: Any = None
        self.media: Any = None  # made when a clip is first opened (see `multimedia`)

        self.play_button = QPushButton(self.tr("Play"))
        self.back_button = QPushButton(self.tr("◀ Frame"))
        self.forward_button = QPushButton(self.tr("Frame ▶"))
        self.back_button.setToolTip(self.tr("Previous frame (Left arrow)"))
        self.forward_button.setToolTip(self.tr("Next frame (Right arrow)"))
        self.still_button = QPushButton(self.tr("Export still…"))
        self.still_button.setToolTip(
            self.tr("Save this frame as PNG with its times, frame number and the clip's hash")
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.sliderReleased.connect(lambda: self.show_frame(self.slider.value()))
        self.slider.valueChanged.connect(self._slider_moved)
        self.play_button.clicked.connect(lambda _checked=False: self.toggle_play())
        self.back_button.clicked.connect(lambda _checked=False: self.step(-1))
        self.forward_button.clicked.connect(lambda _checked=False: self.step(1))
        self.still_button.clicked.connect(lambda _checked=False: self.export_still())
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.step(1))

        self.position_label = QLabel()
        self.name_label = QLabel()
        self.container_label = QLabel()
        self.osd_label = QLabel()
        self.corrected_label = QLabel()
        for label in (self.name_label, self.container_label, self.osd_label, self.corrected_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        times = QFormLayout()
        times.addRow(self.tr("Frame"), self.position_label)
        times.addRow(self.tr("Name says"), self.name_label)
        times.addRow(self.tr("Container says"), self.container_label)
        times.addRow(self.tr("On-screen clock"), self.osd_label)
        times.addRow(self.tr("Corrected"), self.corrected_label)
        controls = QHBoxLayout()
        for button in (self.back_button, self.play_button, self.forward_button):
            controls.addWidget(button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.still_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(controls)
        layout.addLayout(times)
        self._sync()

    def sizeHint(self) -> QSize:
        return QSize(640, 520)

    # ---- opening -------------------------------------------------------------------------
    @property
    def clip(self) -> ClipRecord | None:
        return self._clip

    @property
    def frame_number(self) -> int:
        return self._frame

    def open_clip(self, clip: ClipRecord | None) -> None:
        """Show `clip` (None: nothing). Opening reads the clip once (its frame index) and
        makes the working copy when one is needed, in the task runner."""
        self.close_clip()
        self._clip = clip
        if clip is None:
            self.frame_view.clear_image(self.tr("Choose a clip."))
            self._sync()
            return
        if clip.status in ("needs_player", "not_video") or clip.frame_count == 0:
            self.frame_view.clear_image(
                self.tr("This file cannot be shown here.")
                + "\n"
                + "; ".join(p.render() for p in clip.problems)
            )
            self._sync()
            return
        self.frame_view.clear_image(self.tr("Opening…"))
        cctv, clip_id = self.ctx.workstation.cctv, clip.id
        can_play = self._make_media()

        def work(progress: TaskProgress) -> tuple[ClipView, Path | None]:
            view = cctv.open_clip(clip_id)
            playable: Path | None = None
            if can_play:
                try:
                    playable = cctv.working_copy(clip_id, progress)
                except UserError as exc:
                    log.warning("No working copy of clip %s: %s", clip_id, exc)
            return view, playable

        (
            Op(self.ctx, self, self.tr("Opening the clip…"), work)
            .success(lambda result: self._opened(clip_id, *result))
            .failure(self._refused)
            .run()
        )

    def _make_media(self) -> bool:
        """The media player and its video widget, on first use; False without QtMultimedia."""
        if self.media is not None:
            return True
        found = multimedia()
        if not found:
            return False
        self.video = found["widget"]()
        self.media = found["player"](self)
        self.media.setVideoOutput(self.video)
        self.media.positionChanged.connect(self._position_changed)
        self.media.playbackStateChanged.connect(self._state_changed)
        self.media.errorOccurred.connect(self._media_error)
        self.stack.addWidget(self.video)
        return True

    def _opened(self, clip_id: int, view: ClipView, playable: Path | None) -> None:
        if self._clip is None or self._clip.id != clip_id:
            view.close()  # another clip was chosen meanwhile
            return
        self._view = view
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, view.frame_count - 1))
        self.slider.blockSignals(False)
        if self.media is not None and playable is not None:
            self.media.setSource(QUrl.fromLocalFile(str(playable)))
        self.show_frame(0)

    def close_clip(self) -> None:
        if self.media is not None:
            self.media.stop()
            self.media.setSource(QUrl())
        if self._view is not None:
            self._view.close()
        self._view = None
        self._clip = None
        self._frame = 0
        self._playing = False
        self.stack.setCurrentWidget(self.frame_view)

    # ---- frames --------------------------------------------------------------------------
    def show_frame(self, number: int) -> FrameTimes | None:
        """Decode frame `number` from the evidence and show it with its times."""
        if self._view is None:
            return None
        self.pause()
        number = max(0, min(number, self._view.frame_count - 1))
        try:
            frame, times = self._view.frame(number)
        except UserError as exc:
            self._refused(exc)
            return None
        except Exception as exc:  # a decoder error on one frame: say it, keep the player
            self._refused(self.tr("Frame %1 cannot be decoded: %2").replace("%1", str(number))
                          .replace("%2", str(exc)))  # fmt: skip
            return None
        self._frame = frame.index
        self.frame_view.show_image(frame.image)
        self.stack.setCurrentWidget(self.frame_view)
        self._show_times(times)
        self.slider.blockSignals(True)
        self.slider.setValue(frame.index)
        self.slider.blockSignals(False)
        if self.media is not None and self.media.source().isValid():
            self.media.setPosition(round(times.time_s * 1000))
        self._sync()
        return times

    def step(self, frames: int) -> None:
        if self._view is not None:
            self.show_frame(self._frame + frames)

    def _show_times(self, times: FrameTimes) -> None:
        assert self._view is not None
        self.position_label.setText(
            self.tr("%1 of %2 · %3 s")
            .replace("%1", f"{times.index:,}")
            .replace("%2", f"{self._view.frame_count:,}")
            .replace("%3", f"{times.time_s:.3f}")
        )
        self.name_label.setText(_precise(times.name))
        self.container_label.setText(_precise(times.container))
        osd = recorder_time(times.osd)
        self.osd_label.setText(self.tr("≈ %1 (fitted to the frames read)").replace("%1", osd)
                               if osd else self.tr("not read"))  # fmt: skip
        if times.corrected is None:
            self.corrected_label.setText(self.tr("no recorder clock offset recorded"))
        else:
            moment = zoned_time_text(self.ctx.workstation.clock, times.corrected, milliseconds=True)
            self.corrected_label.setText(
                f"{moment} " + self.tr("(by the %1)").replace("%1", source_text(times.source))
            )

    # ---- playing -------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self._playing:
            self.pause()
            self.show_frame(self._frame_at_position())
        else:
            self.play()

    def play(self) -> None:
        if self.media is None or self._view is None or not self.media.source().isValid():
            return
        self.stack.setCurrentWidget(self.video)
        self.media.play()
        self._playing = True
        self._sync()

    def pause(self) -> None:
        if self.media is not None and self._playing:
            self.media.pause()
        self._playing = False
        self._sync()

    def _frame_at_position(self) -> int:
        if self.media is None or self._view is None:
            return self._frame
        return self._view.info.index_at(self.media.position() / 1000)

    def _position_changed(self, position: int) -> None:
        if not self._playing or self._view is None:
            return
        number = self._view.info.index_at(position / 1000)
        self._frame = number
        self.slider.blockSignals(True)
        self.slider.setValue(number)
        self.slider.blockSignals(False)
        self._show_times(self._view.times(number))

    def _state_changed(self, state: Any) -> None:
        stopped = multimedia()["player"].PlaybackState.StoppedState
        if state == stopped and self._playing:
            self._playing = False
            self.show_frame(self._frame)

    def _media_error(self, _error: Any, text: str) -> None:
        log.warning("Player: %s", text)
        self._playing = False
        self._sync()

    def _slider_moved(self, value: int) -> None:
        if not self.slider.isSliderDown():
            self.show_frame(value)

    # ---- still ---------------------------------------------------------------------------
    def export_still(self, path: Path | None = None) -> None:
        """Save the frame on screen as PNG (asks where unless `path` is given)."""
        if self._view is None or self._clip is None:
            return
        self.pause()
        if path is None:
            suggested = f"{Path(self._clip.relative_path).stem}_frame{self._frame}.png"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export still"), suggested, self.tr("PNG images (*.png)")
            )
            if not chosen:
                return
            path = Path(chosen)
        cctv, actor = self.ctx.workstation.cctv, self.ctx.actor
        clip_id, frame = self._clip.id, self._frame
        (
            Op(
                self.ctx,
                self,
                self.tr("Exporting the still…"),
                lambda _progress: cctv.export_still(actor, clip_id, path, frame=frame),
            )
            .changes(Changed.CUSTODY)
            .success(self._exported)
            .failure(self._refused)
            .run()
        )

    def _exported(self, still: StillRecord) -> None:
        self.still_exported.emit(still)
        self.last_message = show_message(
            self,
            QMessageBox.Icon.Information,
            self.tr("Export still"),
            self.tr("Frame %1 saved to %2 and recorded in the custody log.")
            .replace("%1", str(still.frame))
            .replace("%2", str(still.path)),
            informative=f"SHA-256 {still.sha256}",
        )

    # ---- state ---------------------------------------------------------------------------
    def _refused(self, error: UserError | str) -> None:
        self.last_message = show_error(self, error, self.tr("Clip player"))

    def _sync(self) -> None:
        loaded = self._view is not None
        playable = loaded and self.media is not None and self.media.source().isValid()
        self.play_button.setEnabled(bool(playable))
        self.play_button.setText(self.tr("Pause") if self._playing else self.tr("Play"))
        for widget in (self.back_button, self.forward_button, self.slider, self.still_button):
            widget.setEnabled(loaded)
        if not loaded:
            for label in (
                self.position_label,
                self.name_label,
                self.container_label,
                self.osd_label,
                self.corrected_label,
            ):
                label.clear()


def _precise(moment: Any) -> str:
    if moment is None:
        return "—"
    if moment.tzinfo is not None:  # a container's UTC creation_time: the workstation's zone
        return time_text(moment, milliseconds=True)
    return str(moment.isoformat(sep=" ", timespec="milliseconds"))
