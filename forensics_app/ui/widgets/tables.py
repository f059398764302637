"""Table views set up the one way every screen wants them: whole rows selected, no word wrap,
one line high, no row numbers, column widths from the model's column specs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forensics_app.ui.widgets.columns import ColumnTableModel


def source_model(model: QAbstractItemModel | None) -> ColumnTableModel | None:
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model if isinstance(model, ColumnTableModel) else None


def make_table(
    model: QAbstractItemModel,
    widths: Sequence[int] = (),
    parent: QWidget | None = None,
    stretch_last: bool = True,
    alternate: bool = True,
) -> QTableView:
    return setup_table(QTableView(parent), model, widths, stretch_last, alternate)


def setup_table(
    view: QTableView,
    model: QAbstractItemModel,
    widths: Sequence[int] = (),
    stretch_last: bool = True,
    alternate: bool = True,
) -> QTableView:
    """`view` showing `model` the way every table here looks (a subclass, a drop target say)."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(alternate)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    columns = source_model(model)
    if not widths and columns is not None:
        widths = [column.width for column in columns.columns]
    for number, width in enumerate(widths):
        view.setColumnWidth(number, width)
    for number, column in enumerate(columns.columns if columns is not None else ()):
        if column.words is not None:
            fit_words(view, number, column.words())
    fit_titles(view)
    return view


class SpareWidth(QObject):
    """`column` of `view` takes the width the others leave, but never less than it has now:
    a Stretch section shrank to "…" once labels in the reader's language widened the others
    (the queue's officer at 1360 px in English); the table scrolls sideways instead."""

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self._view, self._column = view, column
        self._floor = view.columnWidth(column)
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(
            lambda index, _old, _new: self.fit() if index != column else None
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        others = header.length() - header.sectionSize(self._column)
        spare = self._view.viewport().width() - others
        self._view.setColumnWidth(self._column, max(self._floor, spare))


def fit_words(view: QTableView, column: int, words: Sequence[str]) -> None:
    """A column of translated words as wide as the longest in the reader's language (a Korean
    label was cut: "대표번호(15xx/1…")."""
    widest = max((view.fontMetrics().horizontalAdvance(word) for word in words), default=0)
    view.setColumnWidth(column, max(view.columnWidth(column), widest + 16))


def fit_titles(view: QTableView) -> None:
    """No column narrower than its title in the reader's language, with room for the sort
    arrow: a Korean title is wider than its English one ("요청번호" was drawn under the
    arrow in the queue's 70 px column)."""
    header = view.horizontalHeader()
    shown = header.isSortIndicatorShown()
    header.setSortIndicatorShown(True)  # the hints leave room for the arrow
    for column in range(header.count()):
        view.setColumnWidth(column, max(view.columnWidth(column), header.sectionSizeHint(column)))
    header.setSortIndicatorShown(shown)


def fit_width(view: QTableView) -> None:
    """As wide as its columns (after fitting them to their contents), so nothing is cut off."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        view.setColumnWidth(column, view.columnWidth(column) + 12)
    frame = view.frameWidth() * 2
    scrollbar = view.verticalScrollBar().sizeHint().width()
    view.setFixedWidth(header.length() + frame + scrollbar)


def selected_rows(view: QAbstractItemView) -> list[int]:
    """Selected rows from the selection ranges (Ctrl+A over 100,000 rows stays cheap)."""
    rows: set[int] = set()
    selection_model = view.selectionModel()
    if selection_model is None:
        return []
    selection = selection_model.selection()
    for number in range(selection.count()):
        selection_range = selection.at(number)
        rows.update(range(selection_range.top(), selection_range.bottom() + 1))
    return sorted(rows)


def elide_middle(view: QTableView) -> None:
    """File names and hashes keep both ends visible: the end of a name tells -wal from -shm."""
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)


def under_a_line(line: QLabel, view: QWidget) -> QWidget:
    """A view with a one-line hint or status above it, edge to edge."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line)
    layout.addWidget(view, 1)
    return box


def paint_placeholder(view: QAbstractItemView, text: str) -> None:
    """Grey words over an empty view: why it is empty, and what to do about it."""
    painter = QPainter(view.viewport())
    painter.setPen(QColor("#7a7a7a"))
    painter.drawText(
        view.viewport().rect().adjusted(24, 24, -24, -24),
        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
        text,
    )
    painter.end()


def paint_if_empty(view: QAbstractItemView, text: str) -> None:
    """`paint_placeholder` when the view has no rows (call after the view painted itself)."""
    model = view.model()
    if text and (model is None or model.rowCount() == 0):
        paint_placeholder(view, text)


class _SaysWhyEmpty:
    """Mixed into an item view: it says why it is empty (`placeholder`) instead of staying
    white; the view's paintEvent ends with `paint_if_empty`."""

    placeholder = ""

    def set_placeholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            cast(QAbstractItemView, self).viewport().update()


class PlaceholderTableView(_SaysWhyEmpty, QTableView):
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_if_empty(self, self.placeholder)


class PlaceholderListView(_SaysWhyEmpty, QListView):
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_if_empty(self, self.placeholder)
