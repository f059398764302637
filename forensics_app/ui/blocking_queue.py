"""The request queue: filter bar, the lazy request table (multi-selection), and the detail of
the current request — its fields, evidence photos (thumbnails decoded in the background),
full history, and the steps its state allows.

Steps of one request are short and run inline (StepDialog); batch work on the selection
(submit, approve, export) and queueing run through the TaskRunner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from blocking import (
    CLOSED_STATES,
    OPEN_STATES,
    AdCategory,
    Blocking,
    RequestFilter,
    RequestState,
    can_transition,
)
from blocking import Actor as BlockingActor
from blocking.actors import APPROVING_ROLES
from blocking.records import (
    Deadline,
    EvidenceItem,
    HistoryEntry,
    MachineOnlyEvidence,
    QueueResult,
    RequestRecord,
)
from forensics_app.errors import UserError
from forensics_app.ui.blocking_dialogs import (
    STEP_BY_TARGET,
    STEPS,
    ExportDialog,
    ExportOutcome,
    QueueDialog,
    ResponseImportDialog,
    Step,
    StepDialog,
    step_text,
)
from forensics_app.ui.blocking_labels import (
    agency_label,
    category_label,
    deadline_text,
    legal_basis_label,
    route_label,
    short_route_label,
    state_label,
    state_style,
    type_label,
)
from forensics_app.ui.blocking_models import (
    REQUEST_COLUMN,
    EvidenceModel,
    HistoryModel,
    RequestRows,
    RequestTableModel,
)
from forensics_app.ui.blocking_thumbnails import THUMB_SIZE, ThumbnailLoader
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.field_panel import field_panel
from forensics_app.ui.widgets.formatting import (
    counted,
    date_text,
    size_text,
    time_text,
)
from forensics_app.ui.widgets.messages import Question, ask, error_text, show_message
from forensics_app.ui.widgets.ops import NewestRead, Op, id_page_reader, refusals
from forensics_app.ui.widgets.tables import SpareWidth, make_table, selected_rows
from forensics_app.ui.widgets.task_strip import TaskStrip

log = logging.getLogger(__name__)
D = TypeVar("D", bound=QDialog)
S = RequestState

FILTER_DELAY_MS = 250
PAGE_CHECKED = 1000  # selected rows looked at to enable Approve (a page or five)
OVERDUE_STYLE = (
    "color: white; background: #b00020; border-radius: 3px; padding: 2px 8px; font-weight: bold;"
)
AWAITING_ANSWER = frozenset({S.SUBMITTED, S.LIFT_REQUESTED})
AGES = ("any", "week", "month", "older_week", "older_month", "older_quarter", "custom")


MACHINE_ONLY_STYLE = (
    "QLabel { background: #fff1d6; color: #8a4b00; border: 1px solid #e0a040; "
    "border-radius: 3px; padding: 1px 6px; font-weight: bold; }"
)


@dataclass(frozen=True)
class BulkOutcome:
    changed: int
    left_alone: int


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def may_approve(actor: BlockingActor, record: RequestRecord) -> str:
    """Why `actor` cannot approve `record` ("" when they can): the four-eyes rule and the
    approving roles, checked before anything is asked (the library checks again)."""
    if actor.role not in APPROVING_ROLES:
        return QCoreApplication.translate(
            "QueuePage", "Approving needs the reviewer or administrator role."
        )
    if record.drafted_by_id == actor.id:
        return QCoreApplication.translate(
            "QueuePage",
            "You drafted this request: another person must approve it (four-eyes rule).",
        )
    return ""


# ---- the detail of one request ---------------------------------------------------------------
@dataclass(frozen=True)
class _RequestShown:
    record: RequestRecord
    evidence: list[EvidenceItem]
    history: list[HistoryEntry]
    machine_only: MachineOnlyEvidence | None
    deadline: Deadline | None


class RequestDetailPanel(QWidget):
    """Fields, evidence, history and the possible steps of one request."""

    step_requested = Signal(object)  # Step
    photo_activated = Signal(str)  # path

    def __init__(
        self,
        blk: Blocking,
        loader: ThumbnailLoader,
        actor: BlockingActor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._blk = blk
        self._actor = actor
        self.record: RequestRecord | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_badge = QLabel()
        self.overdue_badge = QLabel(self.tr("OVERDUE"))
        self.overdue_badge.setStyleSheet(OVERDUE_STYLE)
        # The review gate: the request rests on one machine-accepted read of one photo.
        self.machine_badge = QLabel(self.tr("MACHINE READ ONLY"))
        self.machine_badge.setStyleSheet(MACHINE_ONLY_STYLE)
        self.machine_note = QLabel()
        self.machine_note.setWordWrap(True)
        self.machine_note.setStyleSheet("color: #8a4b00")

        scroll, self._values = field_panel(
            (
                ("number", self.tr("Number")),
                ("type", self.tr("Type")),
                ("category", self.tr("Ad category")),
                ("route", self.tr("Route")),
                ("legal_basis", self.tr("Legal basis")),
                ("agency", self.tr("Requesting agency")),
                ("officer", self.tr("Officer")),
                ("drafted_by", self.tr("Drafted by")),
                ("approved_by", self.tr("Approved by")),
                ("created", self.tr("Created")),
                ("state_since", self.tr("State since")),
                ("submitted", self.tr("Submitted")),
                ("carrier", self.tr("Carrier")),
                ("reference", self.tr("Answer reference")),
                ("suspension", self.tr("Suspension")),
                ("deadline", self.tr("Deadline")),
                ("closed", self.tr("Closed")),
                ("notes", self.tr("Notes")),
            ),
            min_width=320,
        )

        self.evidence_model = EvidenceModel(loader, self)
        self.evidence_view = make_table(self.evidence_model)
        self.evidence_view.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        # Rows with a photo grow to the thumbnail; rows without stay one line high.
        self.evidence_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Both ends of a hash stay visible, as people compare them; the tooltip has it whole.
        self.evidence_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.evidence_view.doubleClicked.connect(self._evidence_activated)
        self.history_model = HistoryModel(self)
        self.history_view = make_table(self.history_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.evidence_view, self.tr("Evidence"))
        self.tabs.addTab(self.history_view, self.tr("History"))

        self.step_buttons: dict[RequestState, QPushButton] = {}
        steps_box = QGroupBox(self.tr("Steps"))
        grid = QGridLayout(steps_box)
        grid.setContentsMargins(6, 6, 6, 6)
        for number, step in enumerate(STEPS):
            button = QPushButton(step_text(step.button))
            button.clicked.connect(lambda _checked=False, s=step: self.step_requested.emit(s))
            self.step_buttons[step.target] = button
            grid.addWidget(button, number // 2, number % 2)
        grid.setRowStretch(len(STEPS) // 2 + 1, 1)

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.state_badge)
        header.addWidget(self.overdue_badge)
        header.addWidget(self.machine_badge)
        header.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(scroll)
        body.addWidget(self.tabs)
        body.addWidget(steps_box)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setStretchFactor(2, 0)
        body.setSizes([380, 760, 320])
        body.setChildrenCollapsible(False)
        self._empty_text = self.tr(
            "Select a request to see its evidence, history and the possible steps."
        )
        self._loading = False
        self.empty_label = QLabel(self._empty_text)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #7a7a7a")
        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(header)
        content_layout.addWidget(self.machine_note)
        content_layout.addWidget(body, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.empty_label, 1)
        self.show_request(None)

    @property
    def is_loading(self) -> bool:
        return self._loading

    def show_loading(self) -> None:
        """A request is chosen, its details are on their way: no steps meanwhile."""
        self.show_request(None)
        self._loading = True
        self.empty_label.setText(self.tr("Loading the request…"))

    def show_request(
        self,
        record: RequestRecord | None,
        evidence: list[EvidenceItem] | None = None,
        history: list[HistoryEntry] | None = None,
        machine_only: MachineOnlyEvidence | None = None,
        deadline: Deadline | None = None,
    ) -> None:
        self.record = record
        self._loading = False
        self.empty_label.setText(self._empty_text)
        self.content.setVisible(record is not None)
        self.empty_label.setVisible(record is None)
        self.machine_badge.setVisible(machine_only is not None)
        self.machine_note.setVisible(machine_only is not None)
        if machine_only is not None:
            self.machine_note.setText(
                self.tr(
                    "Nobody has looked at this number: every sighting is one read the OCR "
                    "accepted on its own, from one photo (%1), confidence %2. Check the photo "
                    "before approving."
                )
                .replace("%1", machine_only.photo_name or machine_only.photo_sha256[:12])
                .replace("%2", f"{machine_only.confidence:.2f}")
            )
            self.machine_badge.setToolTip(self.machine_note.text())
        if record is None:
            self.evidence_model.set_records([])
            self.history_model.set_records([])
            self._sync_steps()
            return
        config = self._blk.config
        self.title.setText(
            self.tr("Request %1 · %2").replace("%1", str(record.id)).replace("%2", record.national)
        )
        self.state_badge.setText(state_label(record.state))
        self.state_badge.setStyleSheet(state_style(record.state))
        missed = deadline is not None and deadline.missed
        self.overdue_badge.setVisible(missed)
        if deadline is not None and missed:
            self.overdue_badge.setToolTip(deadline_text(deadline, record.state_changed_at))
        values = self._values
        values["number"].setText(f"{record.national}   ({record.e164})")
        values["type"].setText(type_label(record.number_type))
        values["category"].setText(category_label(record.category))
        values["route"].setText(route_label(config, record.route))
        values["legal_basis"].setText(legal_basis_label(config, record.route, record.legal_basis))
        values["agency"].setText(agency_label(config, record.requesting_agency))
        values["officer"].setText(record.officer)
        values["drafted_by"].setText(record.drafted_by_name)
        values["approved_by"].setText(
            f"{record.approved_by_name}  {time_text(record.approved_at)}"
            if record.approved_by_name
            else ""
        )
        values["created"].setText(time_text(record.created_at))
        values["state_since"].setText(time_text(record.state_changed_at))
        submitted = time_text(record.submitted_at)
        if record.package_id is not None:
            submitted += "  " + self.tr("(package %1)").replace("%1", str(record.package_id))
        values["submitted"].setText(submitted)
        values["carrier"].setText(record.carrier)
        values["reference"].setText(record.response_reference)
        values["suspension"].setText(
            f"{date_text(record.suspended_from)} – {date_text(record.suspended_until)}"
            if record.suspended_from or record.suspended_until
            else ""
        )
        self._show_deadline(record, deadline)
        values["closed"].setText(time_text(record.closed_at))
        values["notes"].setText(record.notes)
        self.evidence_model.set_records(evidence or [])
        self.history_model.set_records(history or [])
        self._fit_photo_column(evidence or [])
        self.tabs.setTabText(
            0, self.tr("Evidence (%1)").replace("%1", str(self.evidence_model.rowCount()))
        )
        self.tabs.setTabText(
            1, self.tr("History (%1)").replace("%1", str(self.history_model.rowCount()))
        )
        if history:
            self.history_view.scrollToBottom()
        self._sync_steps()

    def _show_deadline(self, record: RequestRecord, deadline: Deadline | None) -> None:
        """What the request waits for and by when (the library's `Watch.deadline`), in the
        workstation's zone with the zone named, marked once missed (`Deadline.missed`: the
        rule of the queue's OVERDUE badge too)."""
        label = self._values["deadline"]
        if deadline is None:
            label.setText("")
            label.setStyleSheet("")
            return
        text = deadline_text(deadline, record.state_changed_at)
        if deadline.missed:
            text += " · " + self.tr("overdue")
        label.setText(text)
        label.setStyleSheet("color: #b00020; font-weight: bold;" if deadline.missed else "")

    def _fit_photo_column(self, evidence: list[EvidenceItem]) -> None:
        """Wide enough for the thumbnail and the file name (thumbnails arrive later, so the
        view cannot measure them yet)."""
        metrics = self.evidence_view.fontMetrics()
        names = [
            metrics.horizontalAdvance(self.evidence_model.index(row, 0).data() or "")
            for row in range(self.evidence_model.rowCount())
        ]
        thumbnail = THUMB_SIZE + 8 if any(item.photo_path for item in evidence) else 0
        self.evidence_view.setColumnWidth(0, max(160, thumbnail + max(names, default=0) + 16))

    def _sync_steps(self) -> None:
        """Only the steps the state machine allows from the current state are enabled."""
        record = self.record
        for target, button in self.step_buttons.items():
            allowed = record is not None and can_transition(record.state, target)
            refusal = ""
            if (
                allowed
                and record is not None
                and self._actor is not None
                and STEP_BY_TARGET[target].approver
            ):
                refusal = may_approve(self._actor, record)
            button.setEnabled(allowed and not refusal)
            if refusal:
                button.setToolTip(refusal)
            elif record is not None and not allowed:
                button.setToolTip(
                    self.tr("Not possible while the request is %1").replace(
                        "%1", state_label(record.state)
                    )
                )
            else:
                button.setToolTip("")

    def _evidence_activated(self, index: QModelIndex) -> None:
        item = self.evidence_model.item(index.row())
        if item is not None and item.photo_path:
            self.photo_activated.emit(item.photo_path)


# ---- the queue ----------------------------------------------------------------------------------
class QueuePage(QWidget):
    """Filters, the request table and the detail; the batch steps work on the selection."""

    selection_changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        blk = self._blk = ctx.blk
        self._actor = ctx.blocking_actor
        self._busy = False
        self._selecting = False
        self._shown: int | None = None
        self._reading = 0  # counts the choices; a read answers only the newest
        self.export_folder = ""
        self.last_message: QMessageBox | None = None
        self.last_dialog: QDialog | None = None
        self.thumbnails = ThumbnailLoader(self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search number (digits, e.g. 010-1234)"))
        self.search_edit.setClearButtonEnabled(True)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All states"), frozenset())
        self.state_combo.addItem(self.tr("Open"), frozenset(OPEN_STATES))
        self.state_combo.addItem(self.tr("Closed"), frozenset(CLOSED_STATES))
        self.state_combo.addItem(self.tr("Waiting for an answer"), AWAITING_ANSWER)
        self.state_combo.insertSeparator(self.state_combo.count())
        for state in RequestState:
            self.state_combo.addItem(state_label(state), frozenset({state}))
        self.route_combo = QComboBox()
        self.route_combo.addItem(self.tr("All routes"), "")
        for key, route in blk.config.routes.items():
            self.route_combo.addItem(short_route_label(blk.config, key), key)
            self.route_combo.setItemData(
                self.route_combo.count() - 1, route.label, Qt.ItemDataRole.ToolTipRole
            )
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("All categories"), "")
        for category in AdCategory:
            self.category_combo.addItem(category_label(category), category.value)
        self.age_combo = QComboBox()
        for key, text in zip(
            AGES,
            (
                self.tr("Any age"),
                self.tr("Created in the last 7 days"),
                self.tr("Created in the last 30 days"),
                self.tr("Older than 7 days"),
                self.tr("Older than 30 days"),
                self.tr("Older than 90 days"),
                self.tr("Created between…"),
            ),
            strict=True,
        ):
            self.age_combo.addItem(text, key)
        day = self._blk.store.today()
        today = QDate(day.year, day.month, day.day)
        self.from_edit = QDateEdit(today.addDays(-30))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._dates_changed)
        self.dates = QWidget()
        dates_layout = QHBoxLayout(self.dates)
        dates_layout.setContentsMargins(0, 0, 0, 0)
        dates_layout.addWidget(self.from_edit)
        dates_layout.addWidget(QLabel("–"))
        dates_layout.addWidget(self.to_edit)
        self.dates.hide()
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555")

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._filter_timer.start)
        for combo in (self.state_combo, self.route_combo, self.category_combo, self.age_combo):
            combo.currentIndexChanged.connect(self.apply_filter)

        self.model = RequestTableModel(blk, self)
        self.model.load_failed.connect(self._error)
        self.model.read_pages_with(
            id_page_reader(ctx, self, self.tr("Reading requests"), self.model)
        )
        self.query: NewestRead[RequestRows] = NewestRead(ctx, self, self.tr("Reading requests"))
        self._opening: int | None = None  # a request to show once the filters are cleared
        self.table = make_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        # The officer takes the spare width: the overdue flag stays a narrow column at the end.
        header.setStretchLastSection(False)
        SpareWidth(self.table, REQUEST_COLUMN["officer"])
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self._sort_indicator = (0, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.selection_changed.emit()
        )

        self.detail = RequestDetailPanel(blk, self.thumbnails, self._actor)
        self.detail.step_requested.connect(self.open_step)
        self.detail.photo_activated.connect(self._open_photo)
        self.strip = TaskStrip(self)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.state_combo, 1)
        filters.addWidget(self.route_combo, 1)
        filters.addWidget(self.category_combo, 1)
        filters.addWidget(self.age_combo, 1)
        filters.addWidget(self.dates)
        filters.addWidget(self.clear_button)
        filters.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addWidget(self.strip)
        layout.addWidget(splitter, 1)
        self._loaded = False  # the first query waits until the page is shown
        ctx.bus.subscribe(self._on_changes)

    def _on_changes(self, changed: Changed, initiator: object) -> None:
        if changed & (Changed.REQUESTS | Changed.NUMBERS) and not initiated_inside(self, initiator):
            self.mark_stale()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.apply_filter()

    def mark_stale(self) -> None:
        """Something changed elsewhere: read again now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._loaded = False

    # ---- filters ------------------------------------------------------------------------
    def current_filter(self) -> RequestFilter:
        route = self.route_combo.currentData()
        category = self.category_combo.currentData()
        before, after = self._age_bounds()
        return RequestFilter(
            states=frozenset(self.state_combo.currentData() or ()),
            routes=frozenset({route}) if route else frozenset(),
            categories=frozenset({AdCategory(category)}) if category else frozenset(),
            number_contains=self.search_edit.text().strip(),
            created_before=before,
            created_after=after,
        )

    def _age_bounds(self) -> tuple[datetime | None, datetime | None]:
        key = self.age_combo.currentData()
        self.dates.setVisible(key == "custom")
        now = self._blk.store.now()
        days = {"week": 7, "month": 30, "older_week": 7, "older_month": 30, "older_quarter": 90}
        if key in ("week", "month"):
            return None, now - timedelta(days=days[key])
        if key in ("older_week", "older_month", "older_quarter"):
            return now - timedelta(days=days[key]), None
        if key == "custom":
            clock = self._blk.store.clock
            return (
                clock.start_of_day(_to_date(self.to_edit.date().addDays(1))),
                clock.start_of_day(_to_date(self.from_edit.date())),
            )
        return None, None

    def _dates_changed(self) -> None:
        if self.age_combo.currentData() == "custom":
            self.apply_filter()

    def set_state_filter(self, states: frozenset[RequestState]) -> None:
        """Choose the state entry showing exactly these states (tests, the dashboard)."""
        for index in range(self.state_combo.count()):
            if self.state_combo.itemData(index) == states:
                self.state_combo.setCurrentIndex(index)
                return

    def clear_filters(self) -> None:
        widgets = (
            self.search_edit,
            self.state_combo,
            self.route_combo,
            self.category_combo,
            self.age_combo,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self._run_query()

    def refresh(self) -> None:
        """Read again: after a write here, or another workstation's."""
        self._run_query()

    def _run_query(self) -> None:
        """Read the rows of the filters off the GUI thread (the count says it is loading
        meanwhile); an answer that comes back after another query was started is dropped."""
        self._loaded = True
        request_filter = self.current_filter()
        self.count_label.setText(self.tr("Loading…"))
        model = self.model
        self.query.run(lambda _p: model.read_rows(request_filter), self._show_rows, self._refused)

    def _refused(self, error: UserError) -> None:
        self._show_rows(None)
        self._error(error_text(error))

    def _show_rows(self, rows: RequestRows | None) -> None:
        wanted, opening = self._shown, self._opening
        self._opening = None
        self.model.show_rows(rows)
        self._update_count()
        if opening is not None:
            if not self.select_request(opening):
                self._show(None)
                self.show_error(
                    self.tr("Request %1 is not in the database.").replace("%1", str(opening))
                )
        elif wanted is None or not self.select_request(wanted):
            self._show(None)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        request_filter = self.model.request_filter
        if request_filter is None or request_filter == RequestFilter():
            self.count_label.setText(counted(shown, self.tr("%1 request"), self.tr("%1 requests")))
            return
        self.count_label.setText(
            self.tr("%1 of %2 requests")
            .replace("%1", f"{shown:,}")
            .replace("%2", f"{self.model.total:,}")
        )

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if self.model.columns[column].sort_key is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            return
        self._sort_indicator = (column, order)
        if self._shown is not None:
            self._scroll_to(self._shown)

    # ---- selection ----------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        ids = (self.model.request_id(row) for row in selected_rows(self.table))
        return [i for i in ids if i is not None]

    def current_request(self) -> RequestRecord | None:
        return self.detail.record

    def select_request(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                self.table.selectionModel().SelectionFlag.ClearAndSelect
                | self.table.selectionModel().SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self._scroll_to(request_id)
        self._show(request_id)
        return True

    def select_requests(self, request_ids: list[int]) -> None:
        """Select several rows (tests and the watch list)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for request_id in request_ids:
            row = self.model.row_of(request_id)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
        if request_ids:
            row = self.model.row_of(request_ids[0])
            if row is not None:
                selection.setCurrentIndex(
                    self.model.index(row, 0), selection.SelectionFlag.NoUpdate
                )

    def open_request(self, request_id: int) -> bool:
        """Show a request, clearing the filters when they hide it (then it is shown when the
        rows come back, or said not to be in the database). Whether it is shown by now."""
        if self.select_request(request_id):
            return True
        self._opening = request_id
        self.clear_filters()
        return self._shown == request_id and self.model.row_of(request_id) is not None

    def _scroll_to(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting:
            self._show(self.model.request_id(current.row()) if current.isValid() else None)

    def _show(self, request_id: int | None) -> None:
        """Show a request: its record, evidence and history are read off the GUI thread (the
        panel says it is loading meanwhile); a read that returns after another request was
        chosen is dropped, so the newest choice is what stays on screen."""
        self._shown = request_id
        self._reading += 1
        reading = self._reading
        if request_id is None:
            self.detail.show_request(None)
            return
        self.detail.show_loading()
        blk = self._blk

        def work(_progress: TaskProgress) -> _RequestShown:
            requests = blk.requests
            with refusals():
                record = requests.get(request_id)
                evidence = requests.evidence(request_id)
                history = requests.history(request_id)
                machine_only = requests.machine_only([record.number_id]).get(record.number_id)
                deadline = blk.watch.deadline(record)
            return _RequestShown(record, evidence, history, machine_only, deadline)

        def loaded(shown: _RequestShown) -> None:
            if reading == self._reading:
                self.detail.show_request(
                    shown.record,
                    shown.evidence,
                    shown.history,
                    shown.machine_only,
                    shown.deadline,
                )

        def refused(error: UserError) -> None:
            if reading == self._reading:
                self.detail.show_request(None)
                self._error(error_text(error))

        Op(self.ctx, self, self.tr("Reading the request"), work).success(loaded).failure(
            refused
        ).run()

    # ---- steps of one request -----------------------------------------------------------
    def open_step(self, step: Step) -> StepDialog | None:
        record = self.detail.record
        if record is None:
            return None
        requests, request_id = self._blk.requests, record.id
        opened: list[StepDialog] = []

        def read(_progress: TaskProgress) -> RequestRecord:
            with refusals():
                return requests.get(request_id)  # the state may have moved meanwhile

        def open_dialog(current: RequestRecord) -> None:
            dialog = StepDialog(self.ctx, current, step, self)
            dialog.saved.connect(self._written)
            opened.append(self._open(dialog))

        Op(self.ctx, self, self.tr("Reading the request"), read).success(open_dialog).failure(
            lambda error: self._error(error_text(error))
        ).run()
        return opened[0] if opened else None  # None too while the read runs

    def _written(self, request_id: int) -> None:
        self._shown = request_id
        self.refresh()

    # ---- batch steps on the selection ---------------------------------------------------
    def submit_selected(self) -> None:
        self._bulk(
            S.DRAFT,
            S.AWAITING_APPROVAL,
            Question(
                self.tr("Submit for approval"),
                self.tr("Submit the selected drafts for approval?"),
                self.tr("%1 request(s) selected; those that are not drafts are left alone."),
            ),
            self.tr("Submitting for approval…"),
            self.tr("None of the selected requests is a draft."),
            self.tr("%1 request(s) submitted for approval."),
        )

    def approve_refusal(self) -> str:
        """Why Approve is off for the selection ("" while someone may approve some of it): one's
        own drafts and a role that may not approve are said before anything is asked."""
        if self._actor.role not in APPROVING_ROLES:
            return QCoreApplication.translate(
                "QueuePage", "Approving needs the reviewer or administrator role."
            )
        rows = selected_rows(self.table)[:PAGE_CHECKED]
        records = [self.model.record(row) for row in rows]
        awaiting = [r for r in records if r is not None and r.state is S.AWAITING_APPROVAL]
        reasons = [may_approve(self._actor, record) for record in awaiting]
        return reasons[0] if reasons and all(reasons) else ""

    def approve_selected(self) -> None:
        """Ask, then approve: how many of the selection rest on one machine-read photo is
        read off the GUI thread first, as the question says it."""
        ids = self.selected_ids()
        if not ids or self._busy:
            return
        requests = self._blk.requests

        def machine_only(_progress: TaskProgress) -> int:
            with refusals():
                records = requests.get_many(ids)
                return len(requests.machine_only(r.number_id for r in records))

        Op(self.ctx, self, self.tr("Reading the selected requests"), machine_only).success(
            self._ask_approval
        ).failure(lambda _error: self._ask_approval(0)).run()

    def _ask_approval(self, machine_only: int) -> None:
        informative = self.tr(
            "%1 request(s) selected; those not awaiting approval are left alone. "
            "Nobody may approve a request they drafted."
        )
        if machine_only:
            informative += "\n" + self.tr(
                "%2 of them rest on one machine-read photo that nobody has looked at "
                "(marked MACHINE READ ONLY): check those photos first."
            ).replace("%2", str(machine_only))
        self._bulk(
            S.AWAITING_APPROVAL,
            S.APPROVED,
            Question(
                self.tr("Approve requests"),
                self.tr("Approve the selected requests awaiting approval?"),
                informative,
            ),
            self.tr("Approving…"),
            self.tr("None of the selected requests is awaiting approval."),
            self.tr("%1 request(s) approved."),
        )

    def _bulk(
        self,
        source: RequestState,
        target: RequestState,
        question: Question,
        label: str,
        nothing: str,
        done_text: str,
    ) -> QMessageBox | None:
        ids = self.selected_ids()
        if not ids or self._busy:
            return None
        blk, actor = self._blk, self._actor

        def work(_progress: TaskProgress) -> BulkOutcome:
            with refusals():
                records = blk.requests.get_many(ids)
                eligible = [r.id for r in records if r.state is source]
                if not eligible:
                    raise UserError(nothing)
                blk.requests.transition(actor, eligible, target)
            return BulkOutcome(len(eligible), len(ids) - len(eligible))

        def done(outcome: BulkOutcome) -> None:
            text = done_text.replace("%1", str(outcome.changed))
            if outcome.left_alone:
                text += " " + self.tr("%1 selected request(s) were in another state.").replace(
                    "%1", str(outcome.left_alone)
                )
            self._inform(text)

        def start() -> None:
            self._start(label, work, done)

        question = Question(
            question.title, question.text, question.informative.replace("%1", str(len(ids)))
        )
        box = ask(self, question, start)
        self.last_message = box
        return box

    def _start(self, label: str, work: Callable[[TaskProgress], object], done: Callable) -> None:
        self._busy = True
        self.selection_changed.emit()  # batch actions are disabled while one runs
        Op(self.ctx, self, label, work).progress(self.strip).changes(
            Changed.REQUESTS, when_refused=Changed.REQUESTS
        ).ended(self._ended).cancelled(
            lambda: self._inform(self.tr("Cancelled. Nothing was changed."))
        ).success(done).run()

    def _ended(self) -> None:
        self._busy = False
        self.refresh()
        self.selection_changed.emit()

    @property
    def busy(self) -> bool:
        return self._busy

    # ---- queue, export, import, expire --------------------------------------------------
    def queue_blockable(self) -> QueueDialog:
        dialog = QueueDialog(self.ctx, self)
        dialog.queued.connect(self._queued)
        return self._open(dialog)

    def _queued(self, result: QueueResult) -> None:
        created, already = len(result.created), result.already_open
        self.refresh()
        self._inform(
            (
                self.tr("%1 new request(s) created and sent for approval.")
                if result.submitted
                else self.tr("%1 new draft request(s) created.")
            ).replace("%1", f"{created:,}")
            + "\n"
            + self.tr("%1 number(s) already had an open request and were skipped.").replace(
                "%1", f"{already:,}"
            )
            + (
                # Nothing at all: a first user's flyers often have no time yet, or wait for
                # their category; say where to look instead of a bare "0".
                "\n\n"
                + self.tr(
                    "Requests are made from sightings of numbers on illegal-ad flyers. A photo "
                    "without a camera time gives a sighting once its batch's collection time "
                    "is given (Flyer photos › When collected…), and a flyer classified “other” "
                    "waits until its ad category is set in the review."
                )
                if not created and not already
                else ""
            )
        )

    def export_selected(self) -> ExportDialog | None:
        ids = self.selected_ids()
        if not ids:
            return None
        dialog = ExportDialog(
            self.ctx,
            ids,
            self.export_folder,
            self,
        )
        dialog.exported.connect(self._exported)
        return self._open(dialog)

    def _exported(self, outcome: ExportOutcome) -> None:
        self.export_folder = str(outcome.result.path.parent)
        self.refresh()
        text, informative = self._export_summary(outcome)
        box = show_message(
            self, QMessageBox.Icon.Information, self.tr("Submission package"), text, informative
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_message = box

    def _export_summary(self, outcome: ExportOutcome) -> tuple[str, str]:
        """(text, informative text) of the message after an export."""
        result = outcome.result
        text = self.tr("Submission package written: %1 request(s) are now submitted.").replace(
            "%1", str(len(result.request_ids))
        )
        lines = [
            self.tr("File: %1").replace("%1", str(result.path)),
            self.tr("SHA-256: %1").replace("%1", result.sha256),
            self.tr("Size: %1").replace("%1", size_text(result.size)),
        ]
        if outcome.left_out:
            lines.append(
                self.tr("%1 selected request(s) were not approved and were left out.").replace(
                    "%1", str(outcome.left_out)
                )
            )
        if result.missing_photos:
            lines.append(
                self.tr(
                    "%1 photo(s) were missing and are named in the list as not included."
                ).replace("%1", str(len(result.missing_photos)))
            )
        return text, "\n".join(lines)

    def import_responses(self, path: str = "") -> ResponseImportDialog:
        dialog = ResponseImportDialog(self.ctx, path, self)
        dialog.applied.connect(lambda _report: self._after_write())
        return self._open(dialog)

    def expire_due(self) -> QMessageBox | None:
        if self._busy:
            return None
        blk, actor = self._blk, self._actor

        def work(_progress: TaskProgress) -> list[int]:
            with refusals():
                return blk.requests.expire_due(actor)

        def done(ids: list[int]) -> None:
            self._inform(
                self.tr("%1 suspension(s) past their last day are now expired.").replace(
                    "%1", str(len(ids))
                )
                if ids
                else self.tr("No suspension is past its last day.")
            )

        box = ask(
            self,
            Question(
                self.tr("Expire suspensions"),
                self.tr("Close every suspension whose last day has passed?"),
            ),
            lambda: self._start(self.tr("Expiring suspensions…"), work, done),
        )
        self.last_message = box
        return box

    def _after_write(self) -> None:
        self.refresh()

    # ---- menu and plumbing --------------------------------------------------------------
    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            request_id = self.model.request_id(index.row())
            if request_id is not None:
                self.select_request(request_id)
        menu = QMenu(self)
        for step in STEPS:
            button = self.detail.step_buttons[step.target]
            if button.isEnabled():
                action = QAction(step_text(step.button), menu)
                action.triggered.connect(lambda _checked=False, s=step: self.open_step(s))
                menu.addAction(action)
        menu.addSeparator()
        for text, slot in (
            (self.tr("Submit selected for approval…"), self.submit_selected),
            (self.tr("Approve selected…"), self.approve_selected),
            (self.tr("Export submission package…"), self.export_selected),
        ):
            action = QAction(text, menu)
            action.setEnabled(not self._busy)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _open_photo(self, path: str) -> None:
        if Path(path).is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        else:
            self._error(self.tr("The photo is not at its recorded place: %1").replace("%1", path))

    def _open(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def show_error(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Warning, self.tr("Block requests"), text
        )

    _error = show_error

    def _inform(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.tr("Block requests"), text
        )
