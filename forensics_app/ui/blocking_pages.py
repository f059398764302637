"""The other pages of the block-request area: the watch lists, the number registry and the
dashboard. Their reads can be heavy on a big database (the watch query joins every closed
request with its number's sightings; the weekly counts read the history), so they run through
the TaskRunner and load when the page is first shown, not when the window opens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from blocking import AdCategory, Blocking, BlockingError, NumberFilter, NumberType, RequestState
from blocking.records import NumberDetail, OverdueRequest, SightingRecord, WatchFlag, WeekCount
from forensics_app.errors import UserError
from forensics_app.ui.blocking_chart import BarChart, Series
from forensics_app.ui.blocking_dialogs import SightingDialog
from forensics_app.ui.blocking_labels import (
    category_label,
    short_route_label,
    state_label,
    state_text_colour,
    type_label,
)
from forensics_app.ui.blocking_models import (
    NumberRows,
    NumberTableModel,
    OverdueModel,
    SightingModel,
    StateCountModel,
    WatchFlagModel,
    WeekCountModel,
)
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import counted, html_escape, time_text
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.ops import NewestRead, Op, id_page_reader, refusals
from forensics_app.ui.widgets.tables import (
    PlaceholderTableView,
    fit_width,
    make_table,
    selected_rows,
    setup_table,
)
from forensics_app.ui.widgets.task_strip import TaskStrip

log = logging.getLogger(__name__)
D = TypeVar("D", bound=QDialog)
T = TypeVar("T")

FILTER_DELAY_MS = 250
SIGHTINGS_SHOWN = 500
WEEK_CHOICES = (8, 13, 26, 52)


def _table(model: object, widths: tuple[int, ...] = ()) -> QTableView:
    return make_table(model, widths)  # type: ignore[arg-type]


_fit_width = fit_width


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class _Page(QWidget):
    """Common plumbing: a runner task at a time with a strip, messages, lazy first load."""

    open_request = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self._loaded = False
        self._stale = False
        self.strip = TaskStrip(self)
        self.last_message: QMessageBox | None = None
        self.last_dialog: QDialog | None = None

    def ensure_loaded(self) -> None:
        if not self._loaded or self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Something changed elsewhere: read again when next shown (or now, if visible)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _run(
        self,
        label: str,
        work: Callable[[TaskProgress], T],
        done: Callable[[T], None],
        changes: Changed = Changed.NOTHING,
    ) -> None:
        if self._busy:
            return
        self._busy = True
        self._loaded = True
        self._stale = False
        Op(self.ctx, self, label, work).progress(self.strip).changes(changes).ended(
            self._ended
        ).success(done).run()

    def _ended(self) -> None:
        self._busy = False

    def _open(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _error(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Warning, self.tr("Block requests"), text
        )

    def _inform(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.tr("Block requests"), text
        )


# ---- watch lists ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WatchLists:
    flagged: list[WatchFlag]
    overdue: list[OverdueRequest]


@dataclass(frozen=True)
class Drafted:
    created: list[int]
    problems: list[str]


class WatchPage(_Page):
    """Numbers seen again after their request closed, and requests waiting too long."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        blk = ctx.blk
        self._blk, self._actor = blk, ctx.blocking_actor

        def route_text(key: str) -> str:
            return short_route_label(blk.config, key)

        def route_words() -> list[str]:
            return [route_text(key) for key in blk.config.routes]

        self.flag_model = WatchFlagModel(route_text, self)
        self.flag_model.declare_words("Route", route_words)
        self.flag_view = _table(self.flag_model, (140, 170, 110, 120, 130, 130, 110))
        self.flag_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.flag_view.doubleClicked.connect(lambda _index: self.open_previous())
        self.overdue_model = OverdueModel(route_text, self)
        self.overdue_model.declare_words("Route", route_words)
        self.overdue_view = _table(self.overdue_model, (80, 140, 170, 120, 140, 140))
        self.overdue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.overdue_view.doubleClicked.connect(lambda _index: self.open_overdue())

        self.flag_title = _heading("")
        self.draft_button = QPushButton(self.tr("Draft new request(s)"))
        self.draft_button.setToolTip(
            self.tr("Draft a request on the same route for each selected number")
        )
        self.draft_button.clicked.connect(self.draft_selected)
        self.previous_button = QPushButton(self.tr("Open previous request"))
        self.previous_button.clicked.connect(self.open_previous)
        self.overdue_title = _heading("")
        self.open_button = QPushButton(self.tr("Open request"))
        self.open_button.clicked.connect(self.open_overdue)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.flag_view.selectionModel().selectionChanged.connect(self._sync_buttons)
        self.overdue_view.selectionModel().selectionChanged.connect(self._sync_buttons)

        flag_box = QWidget()
        flag_layout = QVBoxLayout(flag_box)
        flag_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.flag_title, 1)
        row.addWidget(self.draft_button)
        row.addWidget(self.previous_button)
        flag_layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Numbers seen again after their request was rejected, restored or expired: "
                "they are due for a new request."
            )
        )
        hint.setStyleSheet("color: #555")
        hint.setWordWrap(True)
        flag_layout.addWidget(hint)
        flag_layout.addWidget(self.flag_view, 1)
        overdue_box = QWidget()
        overdue_layout = QVBoxLayout(overdue_box)
        overdue_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.overdue_title, 1)
        row.addWidget(self.open_button)
        overdue_layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Submitted requests (or lift requests) without an answer within the route's "
                "expected answer time."
            )
        )
        hint.setStyleSheet("color: #555")
        hint.setWordWrap(True)
        overdue_layout.addWidget(hint)
        overdue_layout.addWidget(self.overdue_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(flag_box)
        splitter.addWidget(overdue_box)
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(self.strip, 1)
        top.addStretch(0)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_counts()
        self._sync_buttons()

    def refresh(self) -> None:
        blk = self._blk

        def work(_progress: TaskProgress) -> WatchLists:
            with refusals():
                return WatchLists(blk.watch.flagged(), blk.watch.overdue())

        self._run(self.tr("Reading the watch lists…"), work, self._loaded_lists)

    def _loaded_lists(self, lists: WatchLists) -> None:
        self.flag_model.set_records(lists.flagged)
        self.overdue_model.set_records(lists.overdue)
        self._show_counts()
        self._sync_buttons()

    def _show_counts(self) -> None:
        self.flag_title.setText(
            self.tr("Seen again after closure (%1)").replace("%1", str(self.flag_model.rowCount()))
        )
        self.overdue_title.setText(
            self.tr("Overdue: no answer in time (%1)").replace(
                "%1", str(self.overdue_model.rowCount())
            )
        )

    def _sync_buttons(self) -> None:
        has_flags = bool(selected_rows(self.flag_view))
        self.draft_button.setEnabled(has_flags and not self._busy)
        self.previous_button.setEnabled(self.flag_view.currentIndex().isValid())
        self.open_button.setEnabled(self.overdue_view.currentIndex().isValid())

    def _ended(self) -> None:
        super()._ended()
        self._sync_buttons()

    def selected_flags(self) -> list[WatchFlag]:
        flags = (self.flag_model.flag(row) for row in selected_rows(self.flag_view))
        return [flag for flag in flags if flag is not None]

    def open_previous(self) -> None:
        flag = self.flag_model.flag(self.flag_view.currentIndex().row())
        if flag is not None:
            self.open_request.emit(flag.previous_request_id)

    def open_overdue(self) -> None:
        overdue = self.overdue_model.overdue(self.overdue_view.currentIndex().row())
        if overdue is not None:
            self.open_request.emit(overdue.request_id)

    def draft_selected(self) -> None:
        flags = self.selected_flags()
        if not flags:
            return
        blk, actor = self._blk, self._actor

        def work(progress: TaskProgress) -> Drafted:
            created: list[int] = []
            problems: list[str] = []
            progress.begin(len(flags), "drafting", "numbers")
            for flag in flags:
                # One draft each: another workstation may have drafted some meanwhile, which
                # is reported for that number and does not stop the others.
                try:
                    category = _category_for(blk, flag)
                    record = blk.requests.draft(
                        actor, flag.number_id, category=category, route=flag.route
                    )
                    created.append(record.id)
                except BlockingError as exc:
                    problems.append(f"{flag.national}: {error_text(exc)}")
                progress.advance()
            return Drafted(created, problems)

        self._run(self.tr("Drafting requests…"), work, self._drafted, Changed.REQUESTS)

    def _drafted(self, drafted: Drafted) -> None:
        text = self.tr("%1 draft request(s) created.").replace("%1", str(len(drafted.created)))
        if drafted.problems:
            self.last_message = show_message(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Block requests"),
                text,
                self.tr("%1 number(s) could not get a draft.").replace(
                    "%1", str(len(drafted.problems))
                ),
                "\n".join(drafted.problems),
            )
        else:
            self._inform(text)
        self.refresh()  # the op has ended before calling back: another can run
        if drafted.created:
            self.open_request.emit(drafted.created[0])


@dataclass(frozen=True)
class _NumberShown:
    detail: NumberDetail
    sightings: list[SightingRecord]
    requests: list[tuple[int, RequestState, str]]


def _category_for(blk: Blocking, flag: WatchFlag) -> AdCategory:
    """The category the route is configured for that the number was seen with, in the
    library's priority order (lending, obscene/adult, other)."""
    candidates = [c for c in AdCategory if blk.config.category_routes.get(c) == flag.route]
    seen = blk.registry.detail(flag.number_id).categories
    for category in candidates:
        if seen.get(category):
            return category
    return candidates[0] if candidates else AdCategory.OTHER


# ---- numbers ----------------------------------------------------------------------------------
class NumbersPage(_Page):
    """The number registry: every number with its sightings, areas and requests."""

    def __init__(
        self,
        ctx: UiContext,
        collector: str = "",
        people: Callable[[str], str] = str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._blk, self._actor = ctx.blk, ctx.blocking_actor
        self._collector = collector
        self._case_number = ""
        self._shown: int | None = None
        self._reading = 0  # counts the choices; a read answers only the newest
        self._filled = 0  # the choice whose details are shown
        self._selecting = False

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search number (digits)"))
        self.search_edit.setClearButtonEnabled(True)
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("All types"), "")
        for number_type in NumberType:
            self.type_combo.addItem(type_label(number_type), number_type.value)
        self.min_spin = QSpinBox()
        self.min_spin.setRange(0, 1_000_000)
        self.min_spin.setToolTip(self.tr("Only numbers seen at least this many times"))
        self.min_label = QLabel(self.tr("Min. sightings"))
        self.case_check = QCheckBox()
        self.case_check.setEnabled(False)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555")
        self.add_button = QPushButton(self.tr("Add sighting…"))
        self.add_button.setToolTip(self.tr("Record a number seen on a flyer, typed in by hand"))
        self.add_button.clicked.connect(lambda _checked=False: self.add_sighting())
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._filter_timer.start)
        self.type_combo.currentIndexChanged.connect(self.apply_filter)
        self.min_spin.valueChanged.connect(self._filter_timer.start)
        self.case_check.toggled.connect(self.apply_filter)

        self.model = NumberTableModel(self._blk, self)
        self.model.load_failed.connect(self._error)
        self.model.read_pages_with(
            id_page_reader(ctx, self, self.tr("Reading numbers"), self.model)
        )
        self.query: NewestRead[NumberRows] = NewestRead(ctx, self, self.tr("Reading numbers"))
        self.table = PlaceholderTableView()
        setup_table(self.table, self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text in (
            ("type", self.tr("Type")),
            ("sightings", self.tr("Sightings")),
            ("first_seen", self.tr("First seen")),
            ("last_seen", self.tr("Last seen")),
            ("categories", self.tr("Ad categories")),
            ("areas", self.tr("Areas")),
            ("requests", self.tr("Requests")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self._values[key] = value
            form.addRow(text, value)
        self._values["requests"].linkActivated.connect(self._request_link)
        fields = QWidget()
        fields.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(300)
        self.sighting_model = SightingModel(people, self)
        self.sighting_view = _table(self.sighting_model, (160, 150, 110, 150, 200, 100, 110, 120))
        self.sightings_title = _heading("")
        sightings = QWidget()
        sightings_layout = QVBoxLayout(sightings)
        sightings_layout.setContentsMargins(0, 0, 0, 0)
        sightings_layout.addWidget(self.sightings_title)
        sightings_layout.addWidget(self.sighting_view, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(scroll)
        body.addWidget(sightings)
        body.setStretchFactor(1, 1)
        body.setSizes([360, 900])
        body.setChildrenCollapsible(False)
        self.empty_label = QLabel(self.tr("Select a number to see its sightings and requests."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #7a7a7a")
        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 4, 0, 0)
        content_layout.addWidget(self.title)
        content_layout.addWidget(body, 1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.content, 1)
        detail_layout.addWidget(self.empty_label, 1)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.type_combo, 1)
        filters.addWidget(self.min_label)
        filters.addWidget(self.min_spin)
        filters.addWidget(self.case_check)
        filters.addWidget(self.count_label)
        filters.addStretch(0)
        filters.addWidget(self.add_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.set_case_number("")
        self._show(None)

    # ---- case and filters ---------------------------------------------------------------
    def set_case_number(self, case_number: str) -> None:
        """The case selected in the evidence area: offered as a filter, and as the case of a
        sighting typed in."""
        self._case_number = case_number
        self.case_check.blockSignals(True)
        if not case_number:
            self.case_check.setChecked(False)
        self.case_check.setEnabled(bool(case_number))
        self.case_check.setText(
            self.tr("Only case %1").replace("%1", case_number)
            if case_number
            else self.tr("Only the selected case")
        )
        self.case_check.blockSignals(False)
        if self._loaded and not case_number:
            self.apply_filter()

    def current_filter(self) -> NumberFilter:
        number_type = self.type_combo.currentData()
        return NumberFilter(
            number_contains=self.search_edit.text().strip(),
            number_types=frozenset({NumberType(number_type)}) if number_type else frozenset(),
            min_sightings=self.min_spin.value(),
            case_number=self._case_number if self.case_check.isChecked() else "",
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.refresh()

    def refresh(self) -> None:
        """The ids and the count are read off the GUI thread (the count says it is loading
        meanwhile), rows by page as they are painted; an answer that comes back after another
        query was started is dropped."""
        self._loaded, self._stale = True, False
        number_filter = self.current_filter()
        self.count_label.setText(self.tr("Loading…"))
        self.table.set_placeholder(self.tr("Loading…"))
        model = self.model
        self.query.run(lambda _p: model.read_rows(number_filter), self._show_rows, self._refused)

    def _refused(self, error: UserError) -> None:
        self._show_rows(None)
        self._error(error_text(error))

    def _show_rows(self, rows: NumberRows | None) -> None:
        wanted = self._shown
        self.model.show_rows(rows)
        self._update_count()
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self._selecting = True  # one read below, not two
            try:
                self.table.selectRow(row)
            finally:
                self._selecting = False
            self._show(wanted)
        else:
            self._show(None)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        number_filter = self.model.number_filter
        if number_filter is None or number_filter == NumberFilter():
            self.count_label.setText(counted(shown, self.tr("%1 number"), self.tr("%1 numbers")))
            self.table.set_placeholder(
                self.tr(
                    "No numbers yet. They come from flyer photos read by the OCR (once the time "
                    "they were collected is known), from numbers on seized phones recorded as "
                    "sightings, and from sightings added by hand (“Add sighting…”)."
                )
            )
            return
        self.table.set_placeholder(self.tr("No number matches the filters."))
        self.count_label.setText(
            self.tr("%1 of %2 numbers")
            .replace("%1", f"{shown:,}")
            .replace("%2", f"{self.model.total:,}")
        )

    # ---- selection ----------------------------------------------------------------------
    def select_number(self, number: str) -> None:
        """Show a number (any printed form), clearing filters that hide it: the number is
        looked up off the GUI thread, then the rows are read again."""
        registry = self._blk.registry

        def read(_progress: TaskProgress) -> int:
            with refusals():
                return registry.get(number).id

        Op(self.ctx, self, self.tr("Reading numbers"), read).success(self._select_id).failure(
            lambda error: self._error(error_text(error))
        ).run()

    def _select_id(self, number_id: int) -> None:
        widgets = (self.search_edit, self.type_combo, self.min_spin, self.case_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.type_combo.setCurrentIndex(0)
        self.min_spin.setValue(0)
        self.case_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._shown = number_id
        self.refresh()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting:
            return
        self._show(self.model.record_id(current.row()) if current.isValid() else None)

    def _show(self, number_id: int | None) -> None:
        """Show a number: its sightings (hundreds on a busy number) and requests are read off
        the GUI thread; until they arrive the pane says it is loading. A read that comes back
        after another number was chosen is dropped (the newest choice wins)."""
        self._shown = number_id
        self._reading += 1
        reading = self._reading
        self.content.setVisible(number_id is not None)
        self.empty_label.setVisible(number_id is None)
        self.sighting_model.set_records([])
        if number_id is None:
            return
        self._show_loading()
        blk = self._blk

        def work(_progress: TaskProgress) -> _NumberShown:
            registry = blk.registry
            with refusals():
                detail = registry.detail(number_id)
                sightings = registry.sightings(number_id, limit=SIGHTINGS_SHOWN)
                requests = blk.requests.get_many(detail.request_ids)
            return _NumberShown(detail, sightings, [(r.id, r.state, r.route) for r in requests])

        def loaded(shown: _NumberShown) -> None:
            if reading == self._reading:
                self._fill(shown.detail, shown.sightings, shown.requests)

        def refused(error: UserError) -> None:
            if reading == self._reading:
                self._error(error_text(error))
                self._show(None)

        Op(self.ctx, self, self.tr("Reading the number's sightings"), work).success(loaded).failure(
            refused
        ).run()

    @property
    def is_loading(self) -> bool:
        """A number is chosen and its details have not arrived yet."""
        return self._shown is not None and self._filled != self._reading

    def _show_loading(self) -> None:
        self.title.setText(self.tr("Loading…"))
        for value in self._values.values():
            value.setText("")
        self.sightings_title.setText(self.tr("Sightings (loading…)"))

    def _fill(
        self,
        detail: NumberDetail,
        sightings: list[SightingRecord],
        requests: list[tuple[int, RequestState, str]],
    ) -> None:
        self._filled = self._reading
        number = detail.number
        self.title.setText(f"{number.national}   ({number.e164})")
        values = self._values
        values["type"].setText(type_label(number.number_type))
        values["sightings"].setText(f"{number.sightings_count:,}")
        values["first_seen"].setText(time_text(number.first_seen))
        values["last_seen"].setText(time_text(number.last_seen))
        values["categories"].setText(
            ", ".join(
                f"{category_label(c)} {n:,}"
                for c, n in sorted(detail.categories.items(), key=lambda item: -item[1])
            )
        )
        values["areas"].setText(
            "<br>".join(
                f"{html_escape(a.place or self.tr('(no place)'))} — {a.sightings:,}"
                for a in detail.areas[:10]
            )
            + ("<br>…" if len(detail.areas) > 10 else "")
        )
        links = [
            f'<a href="request:{request_id}">{request_id}</a> '
            f'<span style="color:{state_text_colour(state).name()}">{state_label(state)}</span> '
            f"({html_escape(short_route_label(self._blk.config, route))})"
            for request_id, state, route in requests
        ]
        values["requests"].setText("<br>".join(links) if links else self.tr("none"))
        self.sighting_model.set_records(sightings)
        if number.sightings_count > len(sightings):
            title = self.tr("Sightings (newest %1 of %2)").replace("%1", f"{len(sightings):,}")
            title = title.replace("%2", f"{number.sightings_count:,}")
        else:
            title = self.tr("Sightings (%1)").replace("%1", f"{len(sightings):,}")
        self.sightings_title.setText(title)

    def _request_link(self, link: str) -> None:
        _, _, value = link.partition(":")
        if value.isdigit():
            self.open_request.emit(int(value))

    # ---- add a sighting -----------------------------------------------------------------
    def add_sighting(self) -> SightingDialog:
        dialog = SightingDialog(self.ctx, self._case_number, self._collector, self)
        dialog.saved.connect(self._sighting_saved)
        return self._open(dialog)

    def _sighting_saved(self, record: SightingRecord) -> None:
        self.select_number(record.e164)


# ---- dashboard ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    counts: dict[RequestState, int]
    weeks: list[WeekCount]


WEEK_SERIES = (
    ("created", "#7d8da1"),
    ("submitted", "#6a4bb0"),
    ("suspended", "#2e8b3a"),
    ("closed", "#b07a2a"),
)


def _through_this_week(weeks: list[WeekCount], today: date) -> list[WeekCount]:
    """The library's weeks end with the last week that had activity: quiet recent weeks are
    shown as zeros, so the chart always ends at this week."""
    this_week = today - timedelta(days=today.weekday())
    padded = list(weeks)
    start = padded[-1].week_start + timedelta(weeks=1) if padded else this_week
    while start <= this_week:
        padded.append(WeekCount(start, 0, 0, 0, 0))
        start += timedelta(weeks=1)
    return padded


class DashboardPage(_Page):
    """Counts per state and per week: tables with the numbers, charts to see them."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._blk = ctx.blk
        self.figures: Figures | None = None
        self.weeks_combo = QComboBox()
        for weeks in WEEK_CHOICES:
            self.weeks_combo.addItem(self.tr("Last %1 weeks").replace("%1", str(weeks)), weeks)
        self.weeks_combo.setCurrentIndex(1)
        self.weeks_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.total_label = QLabel()
        self.total_label.setStyleSheet("color: #555")

        self.state_model = StateCountModel(self)
        self.state_view = _table(self.state_model, (170, 80))
        self.state_chart = BarChart(horizontal=True)
        self.state_chart.empty_text = self.tr("No requests yet")
        self.week_model = WeekCountModel(self)
        self.week_view = _table(self.week_model, (100, 70, 70, 70, 70))
        self.week_chart = BarChart()
        self.week_chart.empty_text = self.tr("Nothing happened in these weeks")
        for view in (self.state_view, self.week_view):
            view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            view.horizontalHeader().setStretchLastSection(False)

        states = QGroupBox(self.tr("Requests by state"))
        grid = QGridLayout(states)
        grid.addWidget(self.state_view, 0, 0)
        grid.addWidget(self.state_chart, 0, 1)
        grid.setColumnStretch(1, 1)
        per_week = QGroupBox(self.tr("Requests per week (Korean calendar weeks, from Monday)"))
        grid = QGridLayout(per_week)
        grid.addWidget(self.week_view, 0, 0)
        grid.addWidget(self.week_chart, 0, 1)
        grid.setColumnStretch(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.total_label)
        top.addWidget(self.strip, 1)
        top.addStretch(0)
        top.addWidget(self.weeks_combo)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(states, 1)
        layout.addWidget(per_week, 1)

    def week_names(self) -> dict[str, str]:
        return {
            "created": self.tr("Created"),
            "submitted": self.tr("Submitted"),
            "suspended": self.tr("Suspended"),
            "closed": self.tr("Closed"),
        }

    def refresh(self) -> None:
        blk = self._blk
        weeks = int(self.weeks_combo.currentData())

        def work(_progress: TaskProgress) -> Figures:
            with refusals():
                today = blk.store.today()
                since = today - timedelta(weeks=weeks - 1, days=today.weekday())
                return Figures(blk.requests.counts_by_state(), blk.requests.weekly_counts(since))

        self._run(self.tr("Counting requests…"), work, self.show_figures)

    def show_figures(self, figures: Figures) -> None:
        self.state_model.set_counts(figures.counts)
        states = list(RequestState)
        self.state_chart.set_data(
            [state_label(s) for s in states],
            [
                Series(
                    self.tr("Requests"),
                    state_text_colour(RequestState.DRAFT),
                    [figures.counts.get(s, 0) for s in states],
                    [state_text_colour(s) for s in states],
                )
            ],
        )
        weeks = _through_this_week(figures.weeks, self._blk.store.today())
        figures = Figures(figures.counts, weeks)
        self.figures = figures
        self.week_model.set_records(weeks)
        names = self.week_names()
        self.week_chart.set_data(
            [w.week_start.strftime("%m-%d") for w in figures.weeks],
            [
                Series(names[key], QColor(colour), [getattr(w, key) for w in figures.weeks])
                for key, colour in WEEK_SERIES
            ],
        )
        total = sum(figures.counts.values())
        self.total_label.setText(self.tr("%1 requests in all").replace("%1", f"{total:,}"))
        for view in (self.state_view, self.week_view):
            _fit_width(view)
        self.week_view.scrollToBottom()  # the latest weeks
