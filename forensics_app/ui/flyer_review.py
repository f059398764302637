"""The review screen's pieces: the photo with every number boxed (zoom, fit, 100 %), the
table of the numbers read on it, the bar of the photo's flyer group (its ad category, the
words the OCR saw, the analyst's choice) and the correction dialog.

Boxes are in the original photo's upright pixels (the OCR's frame); the picture shown may be
decoded smaller (a thumbnail while the full photo loads, a drafted JPEG), so the picture is
scaled into that frame and the boxes are drawn as they are.

A number's tag (its reading and confidence) sits outside its box, above it (below when there is
no room), so it never covers the digits it names; the other numbers' tags are faded, and hidden
while they would cover the number under review, at whatever zoom.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from blocking import AdCategory, InvalidNumberError, normalize_number
from forensics_app.services.flyers import FlyerGroup, NumberHit, ReviewStatus
from forensics_app.ui.flyer_images import Decoded
from forensics_app.ui.flyer_models import (
    REVIEW_COLOURS,
    NumberTableModel,
    category_label,
    national_of,
    type_label,
)
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.task_dialog import grow_with_contents
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

ZOOM_STEP = 1.25
FADED_TAG = 0.55  # the other numbers' tags: readable, but the one under review stands out
TAG_GAP = 3  # screen pixels between a tag and its box's outline
MAX_ZOOM = 8.0  # screen pixels per photo pixel
ERROR_STYLE = "color: #b00020;"
WAITING_STYLE = "color: #a04a00; font-weight: bold;"


class PhotoView(QGraphicsView):
    """One photo, its numbers boxed in their review colours; wheel zooms under the mouse."""

    box_clicked = Signal(int)  # number id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setBackgroundBrush(QColor("#303030"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAcceptDrops(False)  # drops go to the pane (an import), not to the scene
        self.viewport().setAcceptDrops(False)
        self._picture: QGraphicsPixmapItem | None = None
        self._frame = QRectF()  # the photo in original pixels
        self._boxes: dict[int, QGraphicsRectItem] = {}
        self._tags: dict[int, QGraphicsRectItem] = {}
        self._digits: dict[int, QRectF] = {}  # where each number is printed, in photo pixels
        self._current: int | None = None
        self._message = self._scene.addSimpleText("")
        self._message.setBrush(QColor("#dddddd"))
        # A hint is read at the screen's size, never scaled with a photo that was shown before.
        self._message.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.fitted = True  # follow the window size until the user zooms

    # ---- content ---------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self._clear_picture()
        self._frame = QRectF()  # nothing to fit: the last photo's frame would shrink the text
        self._message.setText(text)
        self._message.setVisible(True)
        self._scene.setSceneRect(self._message.boundingRect().adjusted(-20, -20, 20, 20))
        self.resetTransform()

    def set_picture(self, decoded: Decoded, original_size: QSize | None = None) -> None:
        """Show a decoded photo (thumbnail or full). The frame is the original photo's size,
        so boxes drawn before a better picture arrives stay where they are."""
        if decoded.image is None:
            self.show_message(self.tr("This photo cannot be shown.") + "\n" + decoded.error)
            return
        self._message.setVisible(False)
        pixmap = QPixmap.fromImage(decoded.image)
        scale = decoded.scale if decoded.scale > 0 else 1.0
        if self._picture is None:
            self._picture = self._scene.addPixmap(pixmap)
            self._picture.setZValue(-1)
            self._picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        else:
            self._picture.setPixmap(pixmap)
        self._picture.setScale(1.0 / scale)
        self._frame = QRectF(0, 0, pixmap.width() / scale, pixmap.height() / scale)
        if original_size is not None and original_size.isValid():
            self._frame = QRectF(0, 0, original_size.width(), original_size.height())
        self._scene.setSceneRect(self._frame)
        if self.fitted:
            self.fit()

    def message_height_on_screen(self) -> float:
        """How high the hint is drawn (0 when none is shown)."""
        if not self._message.isVisible():
            return 0.0
        return (
            self._message.deviceTransform(self.viewportTransform())
            .mapRect(self._message.boundingRect())
            .height()
        )

    def has_picture(self) -> bool:
        return self._picture is not None

    def picture_scale(self) -> float:
        return 1.0 / self._picture.scale() if self._picture is not None else 0.0

    def _clear_picture(self) -> None:
        if self._picture is not None:
            self._scene.removeItem(self._picture)
            self._picture = None
        for box in self._boxes.values():
            self._scene.removeItem(box)
        self._boxes.clear()
        self._tags.clear()

    def set_hits(self, hits: Sequence[NumberHit], current: int | None) -> None:
        for box in self._boxes.values():
            self._scene.removeItem(box)
        self._boxes.clear()
        self._tags.clear()
        self._current = current
        self._digits = {hit.id: QRectF(*hit.box) for hit in hits}
        for hit in hits:
            self._boxes[hit.id] = self._box(hit, hit.id == current)
        self.arrange_tags()

    def _box(self, hit: NumberHit, current: bool) -> QGraphicsRectItem:
        left, top, width, height = hit.box
        colour = REVIEW_COLOURS[hit.review_status]
        margin = min(max(4.0, height * 0.1), 16.0)  # the pen must not hide the digits
        box = self._scene.addRect(
            QRectF(left, top, width, height).adjusted(-margin, -margin, margin, margin)
        )
        pen = QPen(colour, 5 if current else 3)
        pen.setCosmetic(True)  # the same width at every zoom
        if hit.review_status == ReviewStatus.REJECTED:
            pen.setStyle(Qt.PenStyle.DashLine)
        box.setPen(pen)
        if current:
            fill = QColor(colour)
            fill.setAlpha(40)
            box.setBrush(QBrush(fill))
        box.setData(0, hit.id)
        box.setToolTip(f"{hit.printed}\n{national_of(hit.final_e164)}")
        if current:
            box.setZValue(2)
        # The tag keeps its size on screen whatever the zoom (arrange_tags places it).
        tag = QGraphicsRectItem(box)
        tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        tag.setPos(box.rect().topLeft())
        if not current:
            tag.setOpacity(FADED_TAG)
        self._tags[hit.id] = tag
        text = QGraphicsSimpleTextItem(
            national_of(hit.final_e164) + f"  {hit.confidence * 100:.0f}%", tag
        )
        font = QFont(self.font())
        font.setBold(True)
        text.setFont(font)
        text.setBrush(QColor("white"))
        bounds = text.boundingRect()
        tag.setRect(0, -bounds.height() - 4, bounds.width() + 8, bounds.height() + 4)
        text.setPos(4, -bounds.height() - 2)
        tag.setBrush(colour)
        tag.setPen(QPen(Qt.PenStyle.NoPen))
        return box

    # ---- tags: outside the boxes, never over the number under review ---------------------
    def box_rect_on_screen(self, number_id: int) -> QRectF | None:
        box = self._boxes.get(number_id)
        if box is None:
            return None
        return self.mapFromScene(box.sceneBoundingRect()).boundingRect().toRectF()

    def digits_rect_on_screen(self, number_id: int) -> QRectF | None:
        """Where the number itself is printed, in the viewport."""
        digits = self._digits.get(number_id)
        if digits is None:
            return None
        return self.mapFromScene(digits).boundingRect().toRectF()

    def tag_rect_on_screen(self, number_id: int) -> QRectF | None:
        """Where the tag is drawn in the viewport; None while it is hidden."""
        tag = self._tags.get(number_id)
        if tag is None or not tag.isVisible():
            return None
        origin = self.mapFromScene(tag.scenePos())
        return tag.rect().translated(origin.x(), origin.y())

    def arrange_tags(self) -> None:
        """Each tag just outside its box: above, or below when above would leave the photo.
        A faded tag that would cover the current number's box (or tag) is hidden."""
        if not self._tags:
            return
        top = self.mapFromScene(self._frame.topLeft()).y() if not self._frame.isEmpty() else 0
        for number_id, tag in self._tags.items():
            box = self._boxes[number_id]
            rect = box.rect()
            tag.setPos(rect.topLeft())
            height = tag.rect().height()
            box_top = self.mapFromScene(rect.topLeft()).y()
            if box_top - height - TAG_GAP < top:  # no room above: hang it under the box
                tag.setPos(rect.bottomLeft())
                tag.setRect(0, TAG_GAP, tag.rect().width(), height)
                _place_text(tag, below=True)
            else:
                tag.setRect(0, -height - TAG_GAP, tag.rect().width(), height)
                _place_text(tag, below=False)
            tag.setVisible(True)
        current = self._current
        if current is None or current not in self._boxes:
            return
        keep_clear = [self.box_rect_on_screen(current), self.tag_rect_on_screen(current)]
        for number_id in self._tags:
            if number_id == current:
                continue
            shown = self.tag_rect_on_screen(number_id)
            if shown is not None and any(
                area is not None and shown.intersects(area) for area in keep_clear
            ):
                self._tags[number_id].setVisible(False)

    def box_rect(self, number_id: int) -> QRectF | None:
        box = self._boxes.get(number_id)
        return box.sceneBoundingRect() if box is not None else None

    def show_box(self, number_id: int) -> None:
        """Scroll the number into view when zoomed in (fitted, everything is in view)."""
        self._current = number_id
        rect = self.box_rect(number_id)
        if rect is not None and not self.fitted:
            self.ensureVisible(rect, 40, 40)
        self.arrange_tags()

    # ---- zoom --------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        self.fitted = True
        if not self._frame.isEmpty():
            self.fitInView(self._frame, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            self.resetTransform()
        self.arrange_tags()

    def actual_size(self) -> None:
        """One photo pixel per screen pixel, centred on the number under review (the top-left
        corner of a 4000-pixel photo shows nothing of it)."""
        self.fitted = False
        self.resetTransform()
        rect = self.box_rect(self._current) if self._current is not None else None
        if rect is not None:
            self.centerOn(rect.center())
        self.arrange_tags()

    def zoom_by(self, factor: float) -> None:
        target = self.zoom() * factor
        if target > MAX_ZOOM or (factor < 1 and self._fits_at(target)):
            if factor < 1:
                self.fit()
            return
        self.fitted = False
        self.scale(factor, factor)
        self.arrange_tags()

    def zoom_in(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(ZOOM_STEP)
        self.setTransformationAnchor(anchor)

    def zoom_out(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(1 / ZOOM_STEP)
        self.setTransformationAnchor(anchor)

    def _fits_at(self, zoom: float) -> bool:
        if self._frame.isEmpty():
            return True
        view = self.viewport().size()
        return (
            self._frame.width() * zoom <= view.width()
            and self._frame.height() * zoom <= view.height()
        )

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and self._picture is not None:
            self.zoom_by(ZOOM_STEP**steps)
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()
        else:
            self.arrange_tags()

    def zoom_key(self, event: QKeyEvent) -> bool:
        """Ctrl + / Ctrl = zoom in, Ctrl - out, Ctrl 0 the whole photo."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            return False
        return True

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and item.data(0) is None:
            item = item.parentItem()
        if item is not None:
            self.box_clicked.emit(int(item.data(0)))


def _place_text(tag: QGraphicsRectItem, below: bool) -> None:
    for child in tag.childItems():
        if isinstance(child, QGraphicsSimpleTextItem):
            height = child.boundingRect().height()
            child.setPos(4, TAG_GAP + 2 if below else -height - 2 - TAG_GAP)


class NumberTable(QTableView):
    """The numbers of the photo; letters are the review keys, not a type-ahead search."""

    def keyboardSearch(self, search: str) -> None:
        pass


class GroupCategoryBar(QFrame):
    """The ad category of the flyer the photo shows (every photo of its group shares it): the
    category stored, the words the OCR saw, and the analyst's choice (the pane stores it).
    A flyer left "Other" is never queued for blocking, so one with numbers says it waits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(self.tr("Ad category of this flyer"))
        self.combo = QComboBox()
        for category in AdCategory:
            self.combo.addItem(category_label(category.value), category.value)
        self.combo.setToolTip(
            self.tr("The ad category of the flyer, for every photo of the same flyer")
        )
        self.apply_button = QPushButton(self.tr("Set category"))
        self.state = QLabel()
        self.keywords = WrappedLabel()
        self.keywords.setStyleSheet("color: #555")
        self.keywords.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.waiting_label = QLabel()
        self.waiting_label.setStyleSheet(WAITING_STYLE)
        self.waiting_label.setToolTip(
            self.tr(
                "Flyers classified “Other” are never queued for blocking until the analyst "
                "sets their category"
            )
        )
        self.next_waiting_button = QToolButton()
        self.next_waiting_button.setText(self.tr("Go to the next ▶"))
        self.next_waiting_button.setToolTip(
            self.tr("Show a photo of the next flyer that waits for its category")
        )
        self.error = WrappedLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self._group: FlyerGroup | None = None
        self._editable = False
        self._why_not = ""

        top = QHBoxLayout()
        top.addWidget(self.caption)
        top.addWidget(self.combo)
        top.addWidget(self.apply_button)
        top.addWidget(self.state, 1)
        below = QHBoxLayout()
        below.addWidget(self.keywords, 1)
        below.addWidget(self.waiting_label)
        below.addWidget(self.next_waiting_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(below)
        layout.addWidget(self.error)
        self.combo.currentIndexChanged.connect(lambda _index: self._sync())
        self.set_waiting(0)
        self.show_group(None, editable=False)

    @property
    def group(self) -> FlyerGroup | None:
        return self._group

    def chosen(self) -> str:
        return str(self.combo.currentData() or "")

    def choose(self, category: str) -> None:
        index = self.combo.findData(category)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def show_group(
        self, group: FlyerGroup | None, editable: bool, why_not: str = "", read: bool = True
    ) -> None:
        """The group of the photo shown (None: a photo not read yet, or none); `why_not`
        says why it cannot be changed when not `editable`."""
        same = (
            group is not None
            and self._group is not None
            and (group.group_file_id == self._group.group_file_id)
        )
        keep_choice = (
            same
            and self._group is not None
            and group is not None
            and (self._group.category == group.category)
        )
        self._group = group
        self._editable = editable
        self._why_not = why_not
        if not keep_choice:
            self.combo.blockSignals(True)
            self.choose(group.category if group is not None else AdCategory.OTHER.value)
            self.combo.blockSignals(False)
        if not same:
            self.error.hide()
        if group is None:
            self.state.setText(
                ""
                if not read
                else self.tr("Not read yet: the OCR proposes a category when it reads the photo")
            )
            self.state.setStyleSheet("color: #555")
            self.state.setToolTip("")
            self.keywords.setText("")
        else:
            waits = _waits(group)
            if waits:
                self.state.setText(self.tr("Waits for its category"))
            elif group.category == AdCategory.OTHER.value:
                self.state.setText(self.tr("No number on it to block"))
            else:
                self.state.setText("")
            self.state.setStyleSheet(WAITING_STYLE if waits else "color: #555")
            self.state.setToolTip(
                self.tr("Not queued for blocking until its category is set") if waits else ""
            )
            photos = self.tr("%1 photo(s) of this flyer").replace("%1", str(len(group.photos)))
            self.keywords.setText(f"{photos} · {self._keywords_text(group)}")
        self._sync()

    def _keywords_text(self, group: FlyerGroup) -> str:
        seen = [
            f"{category_label(category)}: {', '.join(words)}"
            for category, words in sorted(group.keywords.items())
            if words
        ]
        if not seen:
            return self.tr("The OCR saw no ad-category words on this flyer.")
        return self.tr("Words the OCR saw: %1").replace("%1", "; ".join(seen))

    def forget_choice(self) -> None:
        """Back to the category stored (a choice refused)."""
        self.combo.blockSignals(True)
        self.choose(self._group.category if self._group is not None else AdCategory.OTHER.value)
        self.combo.blockSignals(False)
        self._sync()

    def set_waiting(self, count: int) -> None:
        """How many flyer groups of the case wait for their category."""
        self.waiting_label.setText(
            self.tr("%1 flyer group(s) wait for their category").replace("%1", f"{count:,}")
        )
        self.waiting_label.setVisible(count > 0)
        self.next_waiting_button.setVisible(count > 0)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _sync(self) -> None:
        group = self._group
        can = self._editable and group is not None
        self.combo.setEnabled(can)
        self.apply_button.setEnabled(can and group is not None and self.chosen() != group.category)
        if group is not None and not self._editable and self._why_not:
            tip = self._why_not
        else:
            tip = self.tr(
                "Record this category for every photo of the flyer (in the custody log); its "
                "numbers follow in the block queue"
            )
        self.apply_button.setToolTip(tip)


def _waits(group: FlyerGroup) -> bool:
    return group.category == AdCategory.OTHER.value and bool(group.numbers)


class ReviewPanel(QWidget):
    """Photo, zoom buttons, verdict buttons and the table of numbers. The pane drives it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = WrappedLabel()
        self.facts.setStyleSheet("color: #555")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = PhotoView()
        self.zoom_out_button = self._tool("−", self.tr("Zoom out (Ctrl+-)"), self.view.zoom_out)
        self.zoom_in_button = self._tool("+", self.tr("Zoom in (Ctrl++)"), self.view.zoom_in)
        self.fit_button = self._tool(self.tr("Fit"), self.tr("Whole photo (Ctrl+0)"), self.view.fit)
        self.actual_button = self._tool(
            "100%", self.tr("One photo pixel per screen pixel"), self.view.actual_size
        )
        self.accept_button = self._tool(self.tr("Accept (A)"), self.tr("The number was read right"))
        self.reject_button = self._tool(
            self.tr("Reject (R)"), self.tr("Not a phone number on this flyer")
        )
        self.correct_button = self._tool(
            self.tr("Correct… (C)"), self.tr("Enter the number as it is printed")
        )
        self.previous_button = self._tool(
            self.tr("◀ Previous (P)"), self.tr("Back to the number shown before")
        )
        self.next_button = self._tool(
            self.tr("Next unsure ▶ (N)"),
            self.tr("The next number to review in this case: unreviewed first, least sure first"),
        )
        self.undo_button = self._tool(
            self.tr("Undo (U)"),
            self.tr("Take back the last verdict (recorded as a new verdict in the custody log)"),
        )
        self.advance_check = QCheckBox(self.tr("Next after verdict"))
        self.advance_check.setChecked(True)
        self.advance_check.setToolTip(
            self.tr("After accept, reject or correct, go on to the next unsure number")
        )
        self.queue_label = QLabel()
        self.queue_label.setStyleSheet("color: #555")
        self.group_bar = GroupCategoryBar()

        self.numbers_model = NumberTableModel(self)
        self.numbers = NumberTable()
        self.numbers.setModel(self.numbers_model)
        self.numbers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.numbers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.numbers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.numbers.setWordWrap(False)
        self.numbers.verticalHeader().hide()
        self.numbers.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.numbers.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for number, column in enumerate(self.numbers_model.columns):
            self.numbers.setColumnWidth(number, column.width)

        zoom = QHBoxLayout()
        zoom.setSpacing(2)
        zoom.addStretch(1)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.actual_button,
        ):
            zoom.addWidget(button)
        # Two short rows instead of one long one: the window must fit 1360 pixels in English.
        walk = QHBoxLayout()
        walk.addStretch(1)
        walk.addWidget(self.queue_label)
        walk.addWidget(self.advance_check)
        controls = QVBoxLayout()
        controls.setSpacing(2)
        controls.addLayout(zoom)
        controls.addLayout(walk)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.facts)
        head.addLayout(titles, 1)
        head.addLayout(controls)
        verdicts = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.correct_button):
            verdicts.addWidget(button)
        verdicts.addWidget(self.undo_button)
        verdicts.addStretch(1)
        verdicts.addWidget(self.previous_button)
        verdicts.addWidget(self.next_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(verdicts)
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.numbers, self.tr("On this photo"))
        lower_layout.addWidget(self.tables, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 230])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.group_bar)
        layout.addWidget(self.splitter, 1)

    def _tool(self, text: str, tip: str, slot: object = None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if callable(slot):
            button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_empty(self, text: str) -> None:
        self.view.show_message(text)
        self.title.setText("")
        self.facts.setText("")
        self.tables.setTabText(0, self.tr("On this photo"))
        self.group_bar.show_group(None, editable=False, read=False)

    def set_verdicts_enabled(self, enabled: bool) -> None:
        for button in (self.accept_button, self.reject_button, self.correct_button):
            button.setEnabled(enabled)


class CorrectDialog(QDialog):
    """Asks for the number as it is printed. An invalid number is refused with the
    library's reason and the dialog stays open; so does a refusal from the service."""

    submitted = Signal(str)  # the text typed; the pane runs the review and calls finish()

    def __init__(self, hit: NumberHit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hit = hit
        self.setWindowTitle(self.tr("Correct the number"))
        self.edit = QLineEdit(national_of(hit.final_e164))
        self.edit.selectAll()
        self.edit.setMinimumWidth(280)
        self.edit.setMinimumHeight(self.edit.sizeHint().height())
        self.preview = QLabel()
        self.preview.setStyleSheet("color: #555")
        self.error = WrappedLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        printed = QLabel(hit.printed)
        printed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Read as"), printed)
        form.addRow(self.tr("OCR number"), QLabel(hit.national))
        form.addRow(self.tr("Right number"), self.edit)
        form.addRow("", self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.edit.textChanged.connect(self._preview)
        self._preview(self.edit.text())

    def showEvent(self, event: QShowEvent) -> None:
        grow_with_contents(self)  # grows with the reason shown under the field
        super().showEvent(event)

    def _preview(self, text: str) -> None:
        try:
            found = normalize_number(text)
        except InvalidNumberError:
            self.preview.setText("")
            return
        self.preview.setText(f"→ {found.national}  ·  {type_label(found.number_type.value)}")

    def accept(self) -> None:
        text = self.edit.text().strip()
        try:
            normalize_number(text)
        except InvalidNumberError as exc:
            self.show_error(error_text(exc))
            return
        self.error.hide()
        self.buttons.setEnabled(False)  # until the review is stored or refused
        self.submitted.emit(text)

    def show_error(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)
        self.error.show()
        self.adjustSize()
        self.edit.setFocus()

    def finish(self) -> None:
        super().accept()
