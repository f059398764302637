"""The thumbnails grid of a flyer-photo batch: an icon-mode list whose delegate draws each
photo with its status badge (grey pending, green numbers, orange to review, red failed) and a
tag for photos of the same flyer. Accepts files and folders dropped from the file manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from forensics_app.services.flyers import PhotoStatus
from forensics_app.ui.flyer_images import THUMB_SIZE
from forensics_app.ui.flyer_models import (
    PHOTO_COLOURS,
    GroupRole,
    PhotoGroup,
    PhotoRole,
    WaitingRole,
    photo_state,
    thumbnail_of,
)
from forensics_app.ui.widgets.paths import local_paths

PAD = 6
BORDER = 3
BADGE = 22
WAITING_COLOUR = QColor("#f9a825")
_ModelIndex = QModelIndex | QPersistentModelIndex


class PhotoDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        text = option.fontMetrics.height()
        return QSize(THUMB_SIZE + 2 * PAD, THUMB_SIZE + 2 * PAD + text + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        photo = index.data(PhotoRole)
        if not isinstance(photo, PhotoStatus):
            return
        rect: QRect = option.rect
        state = option.state
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, palette.highlight())
        colour = PHOTO_COLOURS[photo_state(photo)]
        frame = QRect(rect.left() + PAD, rect.top() + PAD, THUMB_SIZE, THUMB_SIZE)
        painter.fillRect(frame, QColor("#2b2b2b"))
        decoded = thumbnail_of(index)
        if decoded is not None and decoded.image is not None:
            image = decoded.image
            target = QRect(0, 0, image.width(), image.height())
            target.moveCenter(frame.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(QColor("#bdbdbd"))
            broken = decoded is not None  # decoded, but no picture: not a readable photo
            painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, "✕" if broken else "…")
        painter.setPen(QPen(colour, BORDER))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = BORDER / 2
        painter.drawRect(QRectF(frame).adjusted(half, half, -half, -half))
        self._badge(painter, frame, photo, colour)
        group = index.data(GroupRole)
        if isinstance(group, PhotoGroup):
            self._group_tag(painter, frame, group)
        if index.data(WaitingRole):
            self._waiting_tag(painter, frame)
        text_rect = QRect(rect.left() + 2, frame.bottom() + 3, rect.width() - 4, rect.height())
        painter.setPen(
            palette.highlightedText().color()
            if state & QStyle.StateFlag.State_Selected
            else palette.text().color()
        )
        name = option.fontMetrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideMiddle,
            text_rect.width(),
        )
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignHCenter), name)
        painter.restore()

    @staticmethod
    def _badge(painter: QPainter, frame: QRect, photo: PhotoStatus, colour: QColor) -> None:
        """Top right: how many numbers (the unsure ones when any), ! for failed."""
        state = photo_state(photo)
        if state == "pending":
            return
        text = {"failed": "!", "none": "0", "unsure": str(photo.unsure)}.get(
            state, str(photo.numbers)
        )
        badge = QRectF(frame.right() - BADGE - 2, frame.top() + 3, BADGE, BADGE)
        painter.save()
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(badge)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    @staticmethod
    def _waiting_tag(painter: QPainter, frame: QRect) -> None:
        """Bottom left: "?" on amber, the flyer waits for the analyst's ad category."""
        tag = QRectF(frame.left() + 4, frame.bottom() - BADGE - 3, BADGE, BADGE)
        painter.save()
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(WAITING_COLOUR)
        painter.drawRoundedRect(tag, 4, 4)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, "?")
        painter.restore()

    @staticmethod
    def _group_tag(painter: QPainter, frame: QRect, group: PhotoGroup) -> None:
        """Top left: two stacked sheets and the group's number, in the group's colour (drawn:
        fonts rarely have a glyph for it)."""
        text = str(group.number)
        width = painter.fontMetrics().horizontalAdvance(text) + 26
        tag = QRectF(frame.left() + 4, frame.top() + 4, width, BADGE - 2)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(group.colour)
        painter.drawRoundedRect(tag, 4, 4)
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(group.colour)
        sheet = QRectF(tag.left() + 5, tag.top() + 4, 8, 9)
        painter.drawRect(sheet)
        painter.drawRect(sheet.translated(3, 3))
        painter.drawText(tag.adjusted(19, 0, -3, 0), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class PhotoGridView(QListView):
    """Icon-mode list of photos; files and folders dropped on it are imported."""

    files_dropped = Signal(list)  # paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setSpacing(2)
        # Thousands of photos: every cell the same size, laid out in batches, so the view
        # never measures all rows and scrolling stays smooth.
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(PhotoDelegate(self))
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)
        self._dragging = False
        self.placeholder = ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            self._dragging = True
            event.acceptProposedAction()
            self.viewport().update()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._dragging = False
        self.viewport().update()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        paths: list[Path] = local_paths(event.mimeData())
        self._dragging = False
        self.viewport().update()
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        empty = model is None or model.rowCount() == 0
        if not self._dragging and not (empty and self.placeholder):
            return
        painter = QPainter(self.viewport())
        if self._dragging:
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -2, -2))
        else:
            painter.setPen(QColor("#7a7a7a"))
            painter.drawText(
                self.viewport().rect().adjusted(16, 16, -16, -16),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.placeholder,
            )
        painter.end()
