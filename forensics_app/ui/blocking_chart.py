"""A small bar chart painted with QPainter (PySide6-Essentials has no QtCharts).

Vertical grouped bars (several series per label, e.g. requests per week) or horizontal bars
(one series with a colour per bar, e.g. requests per state). The value axis uses round steps
(1, 2, 5 × 10ⁿ); labels that would overlap are thinned out rather than drawn on each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

AXIS_COLOUR = QColor("#8a8a8a")
GRID_COLOUR = QColor("#e3e3e3")
TEXT_COLOUR = QColor("#333333")


@dataclass(frozen=True)
class Series:
    name: str
    colour: QColor
    values: list[int]
    bar_colours: list[QColor] = field(default_factory=list)  # per label; overrides `colour`


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step so that about `ticks` steps cover `maximum`."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


class BarChart(QWidget):
    def __init__(self, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 180)

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def set_data(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        self.labels = list(labels)
        self.series = list(series)
        self.update()

    @property
    def maximum(self) -> int:
        return max((v for s in self.series for v in s.values), default=0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.labels or self.maximum == 0:
            painter.setPen(QColor("#7a7a7a"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            painter.end()
            return
        if self.horizontal:
            self._paint_horizontal(painter)
        else:
            self._paint_vertical(painter)
        painter.end()

    # ---- vertical grouped bars ----------------------------------------------------------
    def _legend(self, painter: QPainter, top: float, left: float) -> float:
        """Draws the series names in one line; returns the height used."""
        if len(self.series) < 2:
            return 0.0
        metrics = self.fontMetrics()
        x = left
        box = metrics.height() * 0.7
        for series in self.series:
            painter.fillRect(QRectF(x, top + (metrics.height() - box) / 2, box, box), series.colour)
            x += box + 4
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(x, top, metrics.horizontalAdvance(series.name) + 2, metrics.height()),
                series.name,
            )
            x += metrics.horizontalAdvance(series.name) + 14
        return metrics.height() + 6

    def _paint_vertical(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        step = nice_step(self.maximum)
        top_value = math.ceil(self.maximum / step) * step
        axis_width = metrics.horizontalAdvance(f"{top_value:,}") + 8
        area = QRectF(self.rect()).adjusted(axis_width + 6, 6, -8, -(metrics.height() + 10))
        area.setTop(area.top() + self._legend(painter, 4, area.left()))
        self._value_grid_vertical(painter, area, step, top_value, axis_width)
        groups = len(self.labels)
        group_width = area.width() / groups
        bars = len(self.series)
        bar_width = max(1.0, group_width * 0.8 / bars)
        label_every = self._label_every(group_width)
        for index, label in enumerate(self.labels):
            left = area.left() + index * group_width + group_width * 0.1
            for number, series in enumerate(self.series):
                value = series.values[index] if index < len(series.values) else 0
                height = area.height() * value / top_value
                colour = (
                    series.bar_colours[index] if index < len(series.bar_colours) else series.colour
                )
                painter.fillRect(
                    QRectF(left + number * bar_width, area.bottom() - height, bar_width, height),
                    colour,
                )
            if index % label_every == 0:
                painter.setPen(TEXT_COLOUR)
                painter.drawText(
                    QRectF(
                        area.left() + index * group_width - group_width,
                        area.bottom() + 4,
                        group_width * 3,
                        metrics.height(),
                    ),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    label,
                )

    def _label_every(self, group_width: float) -> int:
        widest = max(self.fontMetrics().horizontalAdvance(label) for label in self.labels) + 8
        return max(1, math.ceil(widest / max(group_width, 1.0)))

    def _value_grid_vertical(
        self, painter: QPainter, area: QRectF, step: int, top_value: int, axis_width: float
    ) -> None:
        metrics = self.fontMetrics()
        for value in range(0, top_value + 1, step):
            y = area.bottom() - area.height() * value / top_value
            painter.setPen(QPen(GRID_COLOUR if value else AXIS_COLOUR, 1))
            painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(
                    area.left() - axis_width - 4,
                    y - metrics.height() / 2,
                    axis_width,
                    metrics.height(),
                ),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{value:,}",
            )

    # ---- horizontal bars ----------------------------------------------------------------
    def _paint_horizontal(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        series = self.series[0]
        label_width = max(metrics.horizontalAdvance(label) for label in self.labels) + 10
        value_width = metrics.horizontalAdvance(f"{self.maximum:,}") + 10
        area = QRectF(self.rect()).adjusted(label_width + 6, 6, -(value_width + 6), -6)
        rows = len(self.labels)
        row_height = area.height() / rows
        bar_height = max(2.0, min(row_height * 0.7, metrics.height() * 1.4))
        for index, label in enumerate(self.labels):
            value = series.values[index] if index < len(series.values) else 0
            centre = area.top() + row_height * (index + 0.5)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(4, centre - metrics.height() / 2, label_width, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            width = area.width() * value / self.maximum
            colour = series.bar_colours[index] if index < len(series.bar_colours) else series.colour
            painter.fillRect(
                QRectF(area.left(), centre - bar_height / 2, width, bar_height), colour
            )
            painter.setPen(TEXT_COLOUR if value else AXIS_COLOUR)
            painter.drawText(
                QRectF(
                    area.left() + width + 4,
                    centre - metrics.height() / 2,
                    value_width,
                    metrics.height(),
                ),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                f"{value:,}",
            )
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(int(area.left()), int(area.top()), int(area.left()), int(area.bottom()))
