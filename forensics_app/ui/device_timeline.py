"""The case timeline: a zoomable chart of events per period and kind, CCTV clips as spans in
one lane per camera under it, and the events of the chart's range in a table below. Wheel or
+/− zoom around the pointer, a drag selects a range, double-click (or "Whole case") shows
everything; an event opens its artifact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.services.timeline import (
    Histogram,
    TimelineService,
    TimelineSpan,
    next_bucket,
)
from forensics_app.ui.device_labels import KIND_LABELS, label, local_text
from forensics_app.ui.device_models import TimelineTableModel, page_reader
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.formatting import time_text
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

KIND_COLOURS = {
    "message": QColor("#1f6fb2"),
    "call": QColor("#2e8b57"),
    "sighting": QColor("#c0392b"),
    "cctv": QColor("#b8860b"),
}
OTHER_COLOUR = QColor("#7d5ba6")
ZOOM_STEP = 0.5
MIN_SPAN = timedelta(minutes=10)
LANE_HEIGHT = 16
MAX_LANES = 8  # cameras drawn one lane each; more share the last lane
LANE_LABEL_WIDTH = 110


@dataclass(frozen=True)
class TimelineRead:
    """What the chart, the range and the table of one range need, read off the GUI thread."""

    histogram: Histogram
    spans: list[TimelineSpan]
    count: int


@dataclass(frozen=True)
class ChartBar:
    start: datetime  # local, aware
    end: datetime
    counts: dict[str, int]


def bars_of(histogram: Histogram, start: datetime | None, end: datetime | None) -> list[ChartBar]:
    """Every bucket from the first to the last, empty ones included (the x axis is time)."""
    if not histogram.buckets:
        return []
    by_start = {b.start: b.counts for b in histogram.buckets}
    cursor = histogram.buckets[0].start
    last = histogram.buckets[-1].start
    bars: list[ChartBar] = []
    while cursor <= last and len(bars) < 5000:
        following = next_bucket(cursor, histogram.unit)
        bars.append(ChartBar(cursor, following, by_start.get(cursor, {})))
        cursor = following
    return bars


class TimelineChart(QWidget):
    """Stacked bars per period; emits the range the user zooms or drags to."""

    range_requested = Signal(object, object)  # start, end (aware UTC)
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[ChartBar] = []
        self.spans: list[TimelineSpan] = []
        self.lanes: list[str] = []  # one per camera, in the order drawn
        self._span: tuple[datetime, datetime] | None = None
        self.kinds: list[str] = []
        self.unit = "day"
        self.empty_text = ""
        self._drag_from: float | None = None
        self._drag_to: float | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)
        self.setToolTip(
            self.tr("Wheel: zoom. Drag: choose a period. Double-click: the whole case.")
        )

    def sizeHint(self) -> QSize:
        return QSize(800, 200)

    def set_bars(
        self,
        bars: list[ChartBar],
        kinds: list[str],
        unit: str,
        spans: list[TimelineSpan] | None = None,
        window: tuple[datetime | None, datetime | None] = (None, None),
    ) -> None:
        """`window`: the range asked for (either end open: as far as there are events)."""
        self.bars, self.kinds, self.unit = bars, kinds, unit
        self.spans = list(spans or [])
        self.lanes = sorted({s.lane for s in self.spans})
        starts = [b.start.astimezone(UTC) for b in bars[:1]] + [s.start for s in self.spans]
        ends = [b.end.astimezone(UTC) for b in bars[-1:]] + [s.end for s in self.spans]
        first = window[0] or (min(starts) if starts else None)
        last = window[1] or (max(ends) if ends else None)
        self._span = (first, last) if first is not None and last is not None else None
        self.update()

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        """The time the x axis covers: the bars' buckets and every clip drawn."""
        return self._span

    def _lane_count(self) -> int:
        return min(len(self.lanes), MAX_LANES)

    def _plot(self) -> QRectF:
        lanes = self._lane_count() * LANE_HEIGHT + (6 if self.lanes else 0)
        left = LANE_LABEL_WIDTH if self.lanes else 48
        return QRectF(
            left, 10, max(self.width() - left - 10, 10), max(self.height() - 34 - lanes, 10)
        )

    def x_of(self, moment: datetime) -> float:
        """Where a moment is drawn (bars and lanes share the axis)."""
        span = self.span
        plot = self._plot()
        if span is None or span[1] <= span[0]:
            return plot.left()
        fraction = (moment.astimezone(UTC) - span[0]) / (span[1] - span[0])
        return plot.left() + plot.width() * fraction

    def lane_of(self, span: TimelineSpan) -> int:
        return min(self.lanes.index(span.lane), MAX_LANES - 1)

    def span_rect(self, span: TimelineSpan) -> QRectF:
        """A clip's rectangle in its camera's lane, at least 2 px wide so a short clip in a
        long range still shows."""
        plot = self._plot()
        left = self.x_of(span.start)
        right = max(self.x_of(span.end), left + 2)
        top = plot.bottom() + 6 + self.lane_of(span) * LANE_HEIGHT
        return QRectF(left, top + 2, right - left, LANE_HEIGHT - 4)

    def time_at(self, x: float) -> datetime | None:
        span = self.span
        if span is None:
            return None
        plot = self._plot()
        fraction = min(max((x - plot.left()) / plot.width(), 0.0), 1.0)
        return span[0] + (span[1] - span[0]) * fraction

    # ---- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.bars and not self.spans:
            painter.setPen(QColor("#7a7a7a"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            painter.end()
            return
        plot = self._plot()
        highest = max((sum(b.counts.get(k, 0) for k in self.kinds) for b in self.bars), default=0)
        highest = max(highest, 1)
        painter.setPen(QPen(QColor("#8a8a8a")))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawText(
            QRectF(0, plot.top() - 4, plot.left() - 6, 16),
            int(Qt.AlignmentFlag.AlignRight),
            str(highest),
        )
        painter.drawText(
            QRectF(0, plot.bottom() - 12, plot.left() - 6, 16),
            int(Qt.AlignmentFlag.AlignRight),
            "0",
        )
        painter.save()
        painter.setClipRect(QRectF(plot.left(), 0, plot.width(), self.height()))
        for bar in self.bars:
            bottom = plot.bottom()
            left = self.x_of(bar.start)
            bar_width = max(self.x_of(bar.end) - left - 1, 1)
            for kind in self.kinds:
                count = bar.counts.get(kind, 0)
                if not count:
                    continue
                height = plot.height() * count / highest
                painter.fillRect(
                    QRectF(left, bottom - height, bar_width, height),
                    KIND_COLOURS.get(kind, OTHER_COLOUR),
                )
                bottom -= height
        painter.restore()
        self._paint_lanes(painter, plot)
        painter.save()
        painter.setClipRect(QRectF(plot.left(), 0, plot.width(), self.height()))
        self._paint_spans(plot, painter)
        painter.restore()
        painter.setPen(QPen(QColor("#333333")))
        span = self.span
        assert span is not None
        zone = self.bars[0].start.tzinfo if self.bars else UTC
        first, last = span[0].astimezone(zone), span[1].astimezone(zone)
        axis = QRectF(plot.left(), self.height() - 22, plot.width(), 18)
        painter.drawText(axis, int(Qt.AlignmentFlag.AlignLeft), self._axis_text(first, last))
        painter.drawText(axis, int(Qt.AlignmentFlag.AlignRight), self._axis_text(last, first))
        if self._drag_from is not None and self._drag_to is not None:
            left, right = sorted((self._drag_from, self._drag_to))
            painter.fillRect(
                QRectF(left, plot.top(), right - left, plot.height()), QColor(30, 100, 200, 50)
            )
        painter.end()

    def _paint_lanes(self, painter: QPainter, plot: QRectF) -> None:
        """One lane per camera under the bars; each clip a bar from its corrected start to
        its corrected end."""
        if not self.lanes:
            return
        colour = KIND_COLOURS["cctv"]
        for number in range(self._lane_count()):
            top = plot.bottom() + 6 + number * LANE_HEIGHT
            if number % 2 == 0:
                painter.fillRect(
                    QRectF(plot.left(), top, plot.width(), LANE_HEIGHT), QColor(0, 0, 0, 12)
                )
            if number == MAX_LANES - 1 and len(self.lanes) > MAX_LANES:
                text = self.tr("%1 more cameras").replace(
                    "%1", str(len(self.lanes) - MAX_LANES + 1)
                )
            else:
                text = self.lanes[number]
            painter.setPen(QPen(colour.darker(130)))
            painter.drawText(
                QRectF(2, top, plot.left() - 6, LANE_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )

    def _paint_spans(self, plot: QRectF, painter: QPainter) -> None:
        colour = KIND_COLOURS["cctv"]
        for span in self.spans:
            painter.fillRect(self.span_rect(span), colour)

    def span_at(self, position: QPointF) -> TimelineSpan | None:
        for span in self.spans:
            if self.span_rect(span).adjusted(-1, 0, 1, 0).contains(position):
                return span
        return None

    # ---- zooming
    def zoom(self, factor: float, around: float | None = None) -> None:
        """Ask for a range `factor` times as long, kept around the x position `around`."""
        span = self.span
        if span is None:
            return
        start, end = span
        centre = self.time_at(around) if around is not None else start + (end - start) / 2
        assert centre is not None
        length = max((end - start) * factor, MIN_SPAN)
        before = (centre - start) / (end - start) if end > start else 0.5
        new_start = centre - length * before
        self.range_requested.emit(new_start, new_start + length)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP if steps > 0 else 1 / ZOOM_STEP, event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._drag_to = event.position().x()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_to = event.position().x()
            self.update()
        else:
            moment = self.time_at(event.position().x())
            bar = self._bar_at(event.position())
            clip = self.span_at(event.position())
            if clip is not None:
                self.setToolTip(
                    f"{clip.lane}\n{clip.summary}\n"
                    f"{time_text(clip.start, seconds=True)} – {time_text(clip.end, seconds=True)}"
                )
            elif moment is not None and bar is not None:
                parts = [
                    f"{label(KIND_LABELS, k)}: {bar.counts.get(k, 0)}"
                    for k in self.kinds
                    if bar.counts.get(k)
                ]
                self.setToolTip(f"{bar.start:%Y-%m-%d %H:%M}\n" + "\n".join(parts))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and self._drag_to is not None:
            left, right = sorted((self._drag_from, self._drag_to))
            self._drag_from = self._drag_to = None
            self.update()
            if right - left > 4:
                start, end = self.time_at(left), self.time_at(right)
                if start is not None and end is not None:
                    self.range_requested.emit(start, max(end, start + MIN_SPAN))
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.reset_requested.emit()

    def _axis_text(self, moment: datetime, other_end: datetime) -> str:
        """An end of the axis: days alone, or times with the zone named (the shared
        formatter), to the second when the span is under an hour."""
        if abs(other_end - moment) < timedelta(hours=1):
            return time_text(moment, seconds=True)
        if self.unit == "hour":
            return time_text(moment)
        return moment.date().isoformat()

    def _zone(self) -> tzinfo:
        return (self.bars[0].start.tzinfo if self.bars else None) or UTC

    def _bar_at(self, position: QPointF) -> ChartBar | None:
        if not self.bars or position.y() > self._plot().bottom():
            return None
        moment = self.time_at(position.x())
        if moment is None:
            return None
        return next((b for b in self.bars if b.start <= moment < b.end), None)


class TimelineView(QWidget):
    """Chart and table of one case's timeline."""

    artifact_requested = Signal(str, int)  # kind, id
    clip_requested = Signal(int)  # a CCTV clip's id: shown in the case's CCTV tab
    load_failed = Signal(str)
    loaded = Signal()  # a range's events are shown (case_span is known after a whole case)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        timeline: TimelineService = ctx.workstation.timeline
        self._timeline = timeline
        self._clock = clock = ctx.workstation.clock
        self._case_id: int | None = None
        # Counts the ranges asked for: a read answers only the newest (another case, range
        # or kind chosen meanwhile drops it).
        self._reading = 0
        self.loading = False
        self.range: tuple[datetime | None, datetime | None] = (None, None)
        # The case's first and last event (of the kinds shown), known once read whole.
        self.case_span: tuple[datetime | None, datetime | None] = (None, None)
        self.chart = TimelineChart()
        self._empty_text = self.tr("Nothing with a time in this case yet.")
        self.chart.empty_text = self._empty_text
        self.chart.range_requested.connect(self.set_range)
        self.chart.reset_requested.connect(lambda: self.set_range(None, None))
        self.kind_boxes: dict[str, QCheckBox] = {}
        legend = QHBoxLayout()
        for kind in ("message", "call", "sighting", "cctv"):
            box = QCheckBox(label(KIND_LABELS, kind))
            box.setChecked(True)
            colour = KIND_COLOURS[kind].name()
            box.setStyleSheet(f"QCheckBox {{ color: {colour}; font-weight: bold; }}")
            box.toggled.connect(lambda _on: self.reload())
            self.kind_boxes[kind] = box
            legend.addWidget(box)
        # The shown range has a line of its own under the legend: beside the kinds and the
        # buttons it was squeezed to a few words a line (five lines in Korean at 1360 px). It
        # still wraps rather than widening the window (two zoned times and a count pushed the
        # main window past a laptop screen's width).
        self.range_label = WrappedLabel()
        self.range_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        legend.addStretch(1)
        self.zoom_in_button = QPushButton(self.tr("Zoom in"))
        self.zoom_out_button = QPushButton(self.tr("Zoom out"))
        self.whole_button = QPushButton(self.tr("Whole case"))
        self.zoom_in_button.clicked.connect(lambda: self.chart.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.chart.zoom(1 / ZOOM_STEP))
        self.whole_button.clicked.connect(lambda: self.set_range(None, None))
        for button in (self.zoom_in_button, self.zoom_out_button, self.whole_button):
            legend.addWidget(button)
        self.model = TimelineTableModel(timeline, clock, self)
        self.model.load_failed.connect(self.load_failed)
        # The table's pages are read off the GUI thread as it scrolls, like the lists'.
        self.model.read_pages_with(
            page_reader(
                ctx,
                self,
                self.tr("Reading the timeline"),
                self.model,
                lambda error: self.load_failed.emit(error_text(error)),
            )
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # One line a row, like the lists (wrapped, a summary showed two lines cut with …; the
        # whole text is its tooltip).
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 170, 110, 110, 140, 80)):
            self.table.setColumnWidth(column, width)
        # The times as wide as a time in the reader's zone; "Until" only beside the CCTV clips
        # (spans), the one kind with an end: for messages, calls and sightings it was an empty
        # column of ~170 px pushing the summaries off the screen.
        widest = local_text(clock, datetime(2000, 12, 28, 20, 58, 58, tzinfo=UTC))
        time_width = self.table.fontMetrics().horizontalAdvance(widest) + 16
        self._until = self.model.column("until")
        for column in (self.model.column("time"), self._until):
            self.table.setColumnWidth(column, time_width)
        self.table.setColumnHidden(self._until, True)
        self.table.doubleClicked.connect(self._open)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(legend)
        top_layout.addWidget(self.range_label)
        top_layout.addWidget(self.chart, 1)
        splitter.addWidget(top)
        splitter.addWidget(self.table)
        splitter.setSizes([260, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    @property
    def kinds(self) -> list[str]:
        return [k for k, box in self.kind_boxes.items() if box.isChecked()]

    def set_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self.range = (None, None)
        self.reload()

    def set_range(self, start: datetime | None, end: datetime | None) -> None:
        self.range = (start, end)
        self.reload()

    def reload(self) -> None:
        """Read the chart, the clips and the count of the range off the GUI thread (a case of
        a million messages takes a noticeable moment); until they come, the range says so."""
        self._reading += 1
        reading = self._reading
        start, end = self.range
        kinds = self.kinds
        case_id = self._case_id
        if case_id is None:
            self.loading = False
            self.case_span = (None, None)
            self.chart.empty_text = self._empty_text
            self.chart.set_bars([], kinds, "day")
            self.model.show_counted(None, None, None, kinds, 0)
            self.table.setColumnHidden(self._until, True)
            self.range_label.clear()
            return
        self.loading = True
        self.range_label.setText(self.tr("Reading the timeline…"))
        self.chart.empty_text = self.tr("Reading the timeline…")
        self.chart.update()
        timeline = self._timeline

        def work(_progress: TaskProgress) -> TimelineRead:
            return TimelineRead(
                timeline.histogram(case_id, start, end, kinds),
                timeline.spans(case_id, start, end, kinds),
                timeline.count(case_id, start, end, kinds),
            )

        def read(found: TimelineRead) -> None:
            if reading == self._reading:
                self._show(case_id, start, end, kinds, found)

        def refused(error: UserError) -> None:
            if reading == self._reading:
                self.loading = False
                self.chart.empty_text = self._empty_text
                self.range_label.clear()
                self.load_failed.emit(error_text(error))

        Op(self.ctx, self, self.tr("Reading the timeline"), work).success(read).failure(
            refused
        ).run()

    def _show(
        self,
        case_id: int,
        start: datetime | None,
        end: datetime | None,
        kinds: list[str],
        found: TimelineRead,
    ) -> None:
        histogram = found.histogram
        self.loading = False
        self.chart.empty_text = self._empty_text
        self.chart.set_bars(
            bars_of(histogram, start, end), kinds, histogram.unit, found.spans, (start, end)
        )
        self.model.show_counted(case_id, start, end, kinds, found.count)
        # Every row with an end is a span the chart has (its clips): none, no "Until".
        self.table.setColumnHidden(self._until, not found.spans)
        if start is None and end is None:
            self.case_span = (histogram.first, histogram.last)
        shown_from = start or histogram.first
        shown_to = end or histogram.last
        self.range_label.setText(
            self.tr("%1 – %2: %3 events")
            .replace("%1", local_text(self._clock, shown_from, seconds=False))
            .replace("%2", local_text(self._clock, shown_to, seconds=False))
            .replace("%3", f"{found.count:,}")
            if shown_from is not None
            else ""
        )
        self.loaded.emit()

    def _open(self, index: object) -> None:
        row = getattr(index, "row", lambda: -1)()
        entry = self.model.entry(row)
        if entry is not None and entry.kind in ("message", "call"):
            self.artifact_requested.emit(entry.kind, entry.id)
        elif entry is not None and entry.kind == "cctv":
            self.clip_requested.emit(entry.id)
