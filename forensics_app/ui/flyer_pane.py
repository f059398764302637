"""The flyer-photo work of one case: import, batch OCR, the thumbnails grid, the review
screen and the case's numbers.

Everything slow runs as an op (the OCR batch; each review verdict: the service regroups the
case's photos and syncs the block-request registry after it); the import is its own dialog
(flyer_import.py); photos decode on the ImageLoader's own threads. The OCR batch commits each
photo as it finishes, so the grid is re-read while it runs, and a cancelled batch resumes
where it stopped. Review keys (A, R, C, U, N or Space, P) work wherever the focus is in the
pane; U takes back the last verdict with a new, audited one. The bar above the photo holds
the ad category of its flyer (all photos of the same flyer): a flyer the OCR classified "other"
is never queued for blocking until the analyst sets its category there (audited, per flyer
group). Writes tell the change bus what they changed: the evidence table, the custody log and
the block-request pages follow.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from blocking import AdCategory
from forensics_app.errors import UserError
from forensics_app.services.flyers import (
    FlyerGroup,
    NumberHit,
    OcrBatchReport,
    PhotoImportResult,
    PhotoStatus,
    ReviewStatus,
)
from forensics_app.services.records import CaseStatus, ItemRecord
from forensics_app.services.review_walk import ReviewWalk
from forensics_app.ui.flyer_grid import PhotoGridView
from forensics_app.ui.flyer_images import FULL, THUMB_SIZE, ImageLoader
from forensics_app.ui.flyer_import import CollectedAtDialog, ImportDialog, batch_text
from forensics_app.ui.flyer_models import (
    NumberSummaryModel,
    PhotoGridModel,
    category_label,
    photo_state,
    photo_state_label,
)
from forensics_app.ui.flyer_review import CorrectDialog, ReviewPanel
from forensics_app.ui.tasks import Task, TaskProgress
from forensics_app.ui.widgets.columns import StableSortProxy
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.export import ExportButton
from forensics_app.ui.widgets.formatting import counted, time_text
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.paths import local_paths as dropped_paths
from forensics_app.ui.widgets.tables import make_table
from forensics_app.ui.widgets.task_strip import TaskStrip

log = logging.getLogger(__name__)
T = TypeVar("T")

NO_BATCH = -1
POLL_MS = 1500  # while a batch runs, the grid is re-read this often (results land per photo)
NOTICE_STYLE = "background: #eef3f8; border: 1px solid #c9d6e3; border-radius: 3px; padding: 4px;"
WARNING_STYLE = "background: #fff4e0; border: 1px solid #e7c48a; border-radius: 3px; padding: 4px;"
_REVIEW_KEYS = {
    Qt.Key.Key_A: "accept",
    Qt.Key.Key_R: "reject",
    Qt.Key.Key_C: "correct",
    Qt.Key.Key_N: "next",
    Qt.Key.Key_Space: "next",
    Qt.Key.Key_P: "previous",
    Qt.Key.Key_U: "undo",
}


@dataclass(frozen=True)
class _Reviewed:
    """A verdict stored, with the case as it reads now (groups and counts may have moved)."""

    hit: NumberHit
    hits: list[NumberHit]
    photos: list[PhotoStatus]
    groups: list[FlyerGroup]


@dataclass(frozen=True)
class _CaseRead:
    """What the pane shows of a case, read in one go off the GUI thread."""

    batches: dict[int, ItemRecord]
    item_id: int | None  # the batch shown: the one asked for, else the newest
    hits: list[NumberHit]
    groups: list[FlyerGroup]
    photos: list[PhotoStatus]


@dataclass(frozen=True)
class _Polled:
    """A batch's photo states read while OCR runs; with the case's numbers and flyer groups
    when the photo on screen changed state (its numbers were just read)."""

    photos: list[PhotoStatus]
    hits: list[NumberHit] | None = None
    groups: list[FlyerGroup] | None = None


@dataclass(frozen=True)
class _Categorised:
    """A flyer group's category stored, with the case as it reads now."""

    group: FlyerGroup
    hits: list[NumberHit]
    groups: list[FlyerGroup]
    photos: list[PhotoStatus]


@dataclass(frozen=True)
class _Verdict:
    number_id: int
    decision: ReviewStatus
    corrected: str | None = None
    dialog: CorrectDialog | None = None
    undoing: bool = False  # takes back an earlier verdict (a later, audited verdict)


REVIEWED = Changed.FLYERS | Changed.NUMBERS | Changed.CUSTODY


class FlyerPane(QWidget):
    """Flyer photos of one case: batches, OCR, thumbnails, review and the numbers found."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ws = ctx.workstation
        self._actor = ctx.actor
        self._case_id: int | None = None
        self._case_open = False
        self._item_id: int | None = None
        self._batches: dict[int, ItemRecord] = {}
        self._reading = 0  # counts the readings of the case; only the newest is shown
        self._shown_reading = 0
        self._hits: list[NumberHit] = []
        self._hit_by_id: dict[int, NumberHit] = {}
        self._hits_by_file: dict[int, list[NumberHit]] = {}
        self._file_id: int | None = None  # the photo under review
        self._number_id: int | None = None  # its number the verdict keys act on
        self._walk: ReviewWalk | None = None  # the case's review walk (order kept while walking)
        self._history: list[int] = []  # numbers shown before, for P
        self._walked: int | None = None  # the number N or P went to (else N starts afresh)
        self._task: Task[Any] | None = None  # the import or OCR batch running
        self._task_case: int | None = None  # the case that batch belongs to
        self._verdicts: deque[_Verdict] = deque()
        self._undo: list[_Verdict] = []  # how to take back each verdict stored, newest last
        self._reviewing = False
        self._groups: dict[int, FlyerGroup] = {}  # the case's flyer groups, by first photo
        self._categorising = False  # a flyer group's category is being stored
        self._selecting = False
        self.ocr_jobs: int | None = None  # OCR worker processes; None: one per core
        self.last_message: QMessageBox | None = None
        self.last_dialog: QWidget | None = None

        self.loader = ImageLoader(self)
        self.loader.ready.connect(self._image_ready)

        # ---- the batch bar ----
        self.batch_combo = QComboBox()
        self.batch_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.batch_combo.setMinimumContentsLength(20)
        self.batch_combo.setToolTip(self.tr("The flyer-photo batches (evidence items) of the case"))
        self.import_button = QPushButton(self.tr("Import photos…"))
        self.import_button.setToolTip(
            self.tr("Catalogue a folder of flyer photos (or drop folders and photos on the grid)")
        )
        self.ocr_button = QPushButton(self.tr("Run OCR"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop after the photos being read; what is finished is kept")
        )
        self.cancel_button.setEnabled(False)
        self.collected_button = QPushButton(self.tr("When collected…"))
        self.collected_button.setToolTip(
            self.tr(
                "When the batch's flyers were collected: the sighting time of photos without a "
                "camera time"
            )
        )
        self.collected_button.clicked.connect(lambda _checked=False: self.set_collected_at())
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("color: #555")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.strip = TaskStrip(self)
        self.strip.cancel_button.hide()  # the bar's Cancel button does it
        self.import_button.clicked.connect(lambda _checked=False: self.import_photos())
        self.ocr_button.clicked.connect(lambda _checked=False: self.run_ocr())
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel())
        self.batch_combo.currentIndexChanged.connect(self._batch_chosen)

        # ---- the grid and the numbers summary ----
        self.grid_model = PhotoGridModel(self.loader, self)
        self.grid = PhotoGridView()
        self.grid.setModel(self.grid_model)
        self.grid.setMinimumWidth(THUMB_SIZE + 60)
        self.grid.selectionModel().currentChanged.connect(self._grid_current_changed)
        self.grid.files_dropped.connect(self.import_photos)
        self.summary_model = NumberSummaryModel(self)
        self.summary_proxy = StableSortProxy(self)
        self.summary_proxy.setSourceModel(self.summary_model)
        self.summary = make_table(self.summary_proxy, stretch_last=False)
        self.summary.setSortingEnabled(True)
        self.summary.horizontalHeader().setSortIndicatorShown(False)  # most flyers first
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.summary_export = ExportButton(ctx, lambda: self.summary_proxy, self._summary_title)
        self.summary.doubleClicked.connect(self._summary_activated)
        self.grid_title = QLabel()
        font = self.grid_title.font()
        font.setBold(True)
        self.grid_title.setFont(font)

        # ---- the review screen ----
        self.review = ReviewPanel()
        self.review.accept_button.clicked.connect(
            lambda _checked=False: self.verdict(ReviewStatus.ACCEPTED)
        )
        self.review.reject_button.clicked.connect(
            lambda _checked=False: self.verdict(ReviewStatus.REJECTED)
        )
        self.review.correct_button.clicked.connect(lambda _checked=False: self.correct())
        self.review.next_button.clicked.connect(lambda _checked=False: self.next_unsure())
        self.review.previous_button.clicked.connect(lambda _checked=False: self.previous())
        self.review.undo_button.clicked.connect(lambda _checked=False: self.undo())
        self.review.numbers.selectionModel().currentRowChanged.connect(self._number_row_changed)
        self.review.view.box_clicked.connect(self._box_clicked)
        bar = self.review.group_bar
        bar.apply_button.clicked.connect(lambda _checked=False: self.set_group_category())
        bar.next_waiting_button.clicked.connect(lambda _checked=False: self.next_waiting_group())

        batch_bar = QHBoxLayout()
        batch_bar.addWidget(QLabel(self.tr("Batch")))
        batch_bar.addWidget(self.batch_combo, 1)
        batch_bar.addWidget(self.import_button)
        batch_bar.addWidget(self.ocr_button)
        batch_bar.addWidget(self.cancel_button)
        batch_bar.addWidget(self.collected_button)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.grid_title)
        grid_layout.addWidget(self.grid, 1)
        self.review.tables.addTab(self.summary, "")
        self.review.tables.setCornerWidget(self.summary_export)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(grid_box)
        self.splitter.addWidget(self.review)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([505, 895])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(batch_bar)
        layout.addWidget(self.counts_label)  # a line of its own: the bar must fit 1360 px
        layout.addWidget(self.strip)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

        # Review keys wherever the focus is: the grid and the table would eat letters
        # for type-ahead search, the photo view would ignore them.
        for widget in (self.grid, self.review.numbers, self.review.view, self.summary):
            widget.installEventFilter(self)
        self.setAcceptDrops(True)
        self._poll = QTimer(self)
        self._polling = False  # a re-read of the photo states is out
        self._hits_shown = 0  # counts the sets of numbers shown; a poll's older set is dropped
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_statuses)
        ctx.bus.subscribe(self._on_changes)
        self.set_case(None)

    def _on_changes(self, changed: Changed, initiator: object) -> None:
        """Flyer items changed elsewhere (withdrawn, edited in the evidence pane): read again."""
        if (
            changed & (Changed.FLYERS | Changed.ITEMS)
            and not initiated_inside(self, initiator)
            and self._task is None
            and self._case_id is not None
        ):
            self.refresh()

    def _summary_title(self) -> str:
        title = self.tr("Numbers")
        try:
            if self._case_id is not None:
                title = self.tr("Numbers of case %1").replace(
                    "%1", self._ws.cases.get(self._case_id).number
                )
        except UserError:
            pass
        return title

    # ---- case and batches ------------------------------------------------------------------
    @property
    def case_id(self) -> int | None:
        return self._case_id

    def selected_batch_id(self) -> int | None:
        return self._item_id

    def set_case(self, case_id: int | None) -> None:
        """Show a case's flyer photos; the same case again keeps the batch and photo."""
        same = case_id is not None and case_id == self._case_id
        self._case_id = case_id
        self._case_open = False
        if case_id is not None:
            try:
                self._case_open = self._ws.cases.get(case_id).status == CaseStatus.OPEN
            except UserError as exc:
                self._error(error_text(exc))
                self._case_id = case_id = None
                same = False
        if not same:
            # Nothing of the case shown before may linger: its photo, its numbers to review,
            # its walk, its messages — nor its running batch (the status bar still shows it).
            self._item_id = None
            self._file_id = None
            self._number_id = None
            self._walk = None
            self._history = []
            self._walked = None
            self._undo = []
            self.notice.hide()
            self.loader.clear_queue()
            self._show_task_of_case()
            self._set_shown(_CaseRead({}, None, [], [], []))  # until the new case is read
        self.refresh()

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read batches, photos and numbers again (after a write, or another workstation's).
        A case of a few hundred photos takes a second to read, so the reading runs off the GUI
        thread (the grid says it is loading); only the newest reading is shown, and `then`
        runs once it is."""
        self._reading += 1
        reading = self._reading
        case_id, item_id = self._case_id, self._item_id
        flyers, evidence = self._ws.flyers, self._ws.evidence
        if case_id is None:
            self._apply(_CaseRead({}, None, [], [], []), then)
            return
        self.grid.placeholder = self.tr("Loading the case's flyer photos…")
        self.grid.viewport().update()

        def work(_progress: TaskProgress) -> _CaseRead:
            batches = {i: evidence.get_item(i) for i in flyers.flyer_items(case_id)}
            wanted = item_id if item_id in batches else max(batches) if batches else None
            return _CaseRead(
                batches,
                wanted,
                flyers.hits(case_id=case_id, include_rejected=True),
                flyers.flyer_groups(case_id),
                flyers.photo_statuses(wanted) if wanted is not None else [],
            )

        def loaded(read: _CaseRead) -> None:
            if reading == self._reading and case_id == self._case_id:
                self._apply(read, then)

        def refused(error: UserError) -> None:
            if reading == self._reading and case_id == self._case_id:
                self._error(error_text(error))
                self._apply(_CaseRead({}, None, [], [], []), then)

        Op(self.ctx, self, self.tr("Reading the case's flyer photos"), work).success(
            loaded
        ).failure(refused).run()

    @property
    def is_loading(self) -> bool:
        return self._shown_reading != self._reading

    def _apply(self, read: _CaseRead, then: Callable[[], None] | None) -> None:
        self._shown_reading = self._reading
        self._set_shown(read)
        if then is not None:
            then()

    def _set_shown(self, read: _CaseRead) -> None:
        self._set_batches(read.batches, read.item_id)
        self._set_groups(read.groups)
        self._set_hits(read.hits)
        self._set_photos(read.photos)
        self._sync_actions()

    def select_batch(self, item_id: int) -> bool:
        index = self.batch_combo.findData(item_id)
        if index < 0:
            return False
        if index == self.batch_combo.currentIndex():
            self._batch_chosen()
        else:
            self.batch_combo.setCurrentIndex(index)
        return True

    def _set_batches(self, batches: dict[int, ItemRecord], wanted: int | None) -> None:
        self._batches = batches
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        for batch in sorted(self._batches.values(), key=lambda b: b.id):
            photos = counted(batch.file_count, self.tr("%1 photo"), self.tr("%1 photos"))
            self.batch_combo.addItem(f"{batch_text(batch)}  ({photos})", batch.id)
        if wanted not in self._batches:
            wanted = max(self._batches) if self._batches else None  # the newest batch
        if wanted is not None:
            self.batch_combo.setCurrentIndex(self.batch_combo.findData(wanted))
        self.batch_combo.blockSignals(False)
        if wanted != self._item_id:
            self._file_id = None
        self._item_id = wanted

    def _batch_chosen(self) -> None:
        data = self.batch_combo.currentData()
        item_id = int(data) if data is not None else None
        if item_id == self._item_id:
            return
        self._item_id = item_id
        self._file_id = None
        self.loader.clear_queue()
        self._load_photos()
        self._sync_actions()

    def _load_hits(self) -> None:
        hits: list[NumberHit] = []
        groups: list[FlyerGroup] = []
        if self._case_id is not None:
            try:
                hits = self._ws.flyers.hits(case_id=self._case_id, include_rejected=True)
                groups = self._ws.flyers.flyer_groups(self._case_id)
            except UserError as exc:
                self._error(error_text(exc))
        self._set_groups(groups)
        self._set_hits(hits)

    def _set_groups(self, groups: list[FlyerGroup]) -> None:
        self._groups = {g.group_file_id: g for g in groups}
        waiting = frozenset(
            g.group_file_id for g in groups if g.category == AdCategory.OTHER.value and g.numbers
        )
        self.grid_model.set_waiting_groups(waiting)
        self.review.group_bar.set_waiting(len(waiting))

    def waiting_groups(self) -> list[FlyerGroup]:
        """The case's flyer groups classified "other" that have numbers: never queued for
        blocking until the analyst sets their category."""
        return [
            g for g in self._groups.values() if g.category == AdCategory.OTHER.value and g.numbers
        ]

    def _set_hits(self, hits: list[NumberHit]) -> None:
        self._hits_shown += 1
        self._hits = hits
        self._hit_by_id = {h.id: h for h in hits}
        self._hits_by_file = {}
        for hit in hits:
            self._hits_by_file.setdefault(hit.file_id, []).append(hit)
        self.summary_model.set_hits(hits)
        self.summary_proxy.sort(-1)  # the model's own order: most flyers first
        numbers = self.summary_model.rowCount()
        self.review.tables.setTabText(
            1, self.tr("Numbers in this case (%1)").replace("%1", f"{numbers:,}")
        )
        self._update_queue_label()

    def _load_photos(self) -> None:
        photos: list[PhotoStatus] = []
        if self._item_id is not None:
            try:
                photos = self._ws.flyers.photo_statuses(self._item_id)
            except UserError as exc:
                self._error(error_text(exc))
        self._set_photos(photos)

    def _set_photos(self, photos: list[PhotoStatus]) -> None:
        self.grid_model.set_photos(photos)
        self._update_counts()
        if self._case_id is None:
            self.grid.placeholder = self.tr("No case is open.")
        elif self._item_id is None:
            self.grid.placeholder = self.tr(
                "No flyer photos yet. Click “Import photos…” or drop folders and photos here."
            )
        else:
            self.grid.placeholder = self.tr("This batch holds no photos.")
        self.grid.viewport().update()
        wanted = self._file_id
        if wanted is None or self.grid_model.row_of(wanted) is None:
            first = self.grid_model.photo(0)
            wanted = first.file_id if first is not None else None
        if wanted is None:
            self._show_photo(None)
        else:
            self.select_photo(wanted, self._number_id)

    def _update_counts(self) -> None:
        photos = self.grid_model.photos()
        counts = self.grid_model.counts()
        pending = counts["pending"]
        self.grid_title.setText(
            self.tr("Photos (%1)").replace("%1", f"{len(photos):,}")
            if photos
            else self.tr("Photos")
        )
        if not photos:
            self.counts_label.setText("")
        else:
            parts = [
                self.tr("%1 read").replace("%1", f"{len(photos) - pending - counts['failed']:,}"),
                self.tr("%1 to review").replace("%1", f"{counts['unsure']:,}"),
                self.tr("%1 unreadable").replace("%1", f"{counts['failed']:,}"),
                self.tr("%1 not read yet").replace("%1", f"{pending:,}"),
            ]
            self.counts_label.setText(" · ".join(parts))
        if pending and pending < len(photos):
            self.ocr_button.setText(self.tr("Resume OCR (%1 left)").replace("%1", f"{pending:,}"))
        elif pending:
            self.ocr_button.setText(self.tr("Run OCR (%1 photos)").replace("%1", f"{pending:,}"))
        else:
            self.ocr_button.setText(self.tr("Run OCR"))
        self.ocr_button.setToolTip(
            self.tr("Read the phone numbers on the batch's photos that have not been read yet")
            if pending
            else self.tr("Every photo of this batch has been read")
        )

    def pending_photos(self) -> int:
        return self.grid_model.counts()["pending"]

    def _show_task_of_case(self) -> None:
        """The batch strip and Cancel belong to the case the running batch belongs to."""
        mine = self._task is not None and self._task_case == self._case_id
        self.strip.setVisible(mine)
        self.cancel_button.setVisible(self._task is None or mine)

    def _sync_actions(self) -> None:
        busy = self._task is not None
        has_case = self._case_id is not None
        self.batch_combo.setEnabled(has_case and bool(self._batches) and not busy)
        self.import_button.setEnabled(has_case and self._case_open and not busy)
        self.ocr_button.setEnabled(
            self._case_open and self._item_id is not None and self.pending_photos() > 0 and not busy
        )
        if not busy:
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancel"))
        self.review.set_verdicts_enabled(self._case_open and self._current_hit() is not None)
        self.review.undo_button.setEnabled(self._case_open and bool(self._undo))
        batch = self._batches.get(self._item_id) if self._item_id is not None else None
        self.collected_button.setEnabled(self._case_open and batch is not None and not busy)
        if batch is not None and batch.seized_at is not None:
            self.collected_button.setText(
                self.tr("Collected %1").replace("%1", time_text(batch.seized_at))
            )
        else:
            self.collected_button.setText(self.tr("When collected…"))
        if has_case and not self._case_open:
            self.import_button.setToolTip(self.tr("The case is not open: reopen it to add photos"))

    # ---- the photo under review ---------------------------------------------------------------
    def selected_photo_id(self) -> int | None:
        return self._file_id

    def current_number_id(self) -> int | None:
        return self._number_id

    def select_photo(self, file_id: int, number_id: int | None = None) -> bool:
        row = self.grid_model.row_of(file_id)
        if row is None:
            return False
        index = self.grid_model.index(row)
        self._selecting = True
        try:
            self.grid.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._selecting = False
        self.grid.scrollTo(index)
        self._show_photo(file_id, number_id)
        return True

    def _grid_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        photo = self.grid_model.photo(current.row())
        if photo is not None and photo.file_id != self._file_id:
            self._remember()
            self._show_photo(photo.file_id)

    def _show_photo(self, file_id: int | None, number_id: int | None = None) -> None:
        photo = None
        if file_id is not None:
            row = self.grid_model.row_of(file_id)
            photo = self.grid_model.photo(row) if row is not None else None
        review = self.review
        if photo is None:
            self._file_id = None
            self._number_id = None
            review.numbers_model.set_hits([])
            review.show_empty(
                self.tr("Select a photo to review its numbers.")
                if self.grid_model.rowCount()
                else self.tr("Import flyer photos, run the OCR, then review the numbers here.")
            )
            self._sync_actions()
            return
        changed_photo = file_id != self._file_id
        self._file_id = file_id
        hits = self._hits_by_file.get(photo.file_id, [])
        review.numbers_model.set_hits(hits)
        review.tables.setTabText(0, self.tr("On this photo (%1)").replace("%1", str(len(hits))))
        if number_id is None or all(h.id != number_id for h in hits):
            if not changed_photo and any(h.id == self._number_id for h in hits):
                number_id = self._number_id
            else:
                pending = [h for h in hits if h.review_status == ReviewStatus.PENDING]
                number_id = (pending or hits)[0].id if hits else None
        self._number_id = number_id
        self._show_facts(photo, hits)
        self._show_group()
        if changed_photo or not review.view.has_picture():
            review.view.fitted = True
            self._load_picture(photo)
        self._show_number()
        self._sync_actions()

    def _show_facts(self, photo: PhotoStatus, hits: Sequence[NumberHit]) -> None:
        batch = self._batches.get(self._item_id) if self._item_id is not None else None
        exhibit = batch.exhibit_number if batch is not None else ""
        self.review.title.setText(
            f"{exhibit} · {photo.relative_path}" if exhibit else photo.relative_path
        )
        facts = [photo_state_label(photo)]
        if hits:
            first = hits[0]
            if first.taken_at is not None:
                facts.append(self.tr("taken %1").replace("%1", time_text(first.taken_at)))
            elif first.collected_on is not None:
                facts.append(
                    self.tr("collected %1 (no camera time)").replace(
                        "%1", time_text(first.collected_on)
                    )
                )
            else:
                facts.append(self.tr("no camera time: give when the flyers were collected"))
            if first.latitude is not None and first.longitude is not None:
                facts.append(f"{first.latitude:.5f}, {first.longitude:.5f}")
            if first.category:
                facts.append(category_label(first.category))
            facts.append(self.tr("%1 number(s)").replace("%1", str(len(hits))))
        group = self.grid_model.group_of(photo.file_id)
        if group is not None:
            facts.append(
                self.tr("same flyer as %1 other photo(s) (group %2)")
                .replace("%1", str(group.size - 1))
                .replace("%2", str(group.number))
            )
        if photo.message:
            facts.append(photo.message)
        self.review.facts.setText(" · ".join(facts))
        self.review.facts.setStyleSheet(
            "color: #b00020" if photo_state(photo) == "failed" else "color: #555"
        )

    # ---- the flyer group's ad category --------------------------------------------------------
    def current_group(self) -> FlyerGroup | None:
        """The flyer group of the photo shown (None before the OCR has read it)."""
        photo = self._current_photo()
        if photo is None:
            return None
        return self._groups.get(photo.group_file_id or photo.file_id)

    def _show_group(self) -> None:
        photo = self._current_photo()
        if photo is None:
            self.review.group_bar.show_group(None, editable=False, read=False)
            return
        why_not = ""
        if not self._case_open:
            why_not = self.tr("The case is not open: reopen it to change the flyer's category")
        elif self._categorising:
            why_not = self.tr("Storing the flyer's category…")
        self.review.group_bar.show_group(
            self.current_group(),
            editable=self._case_open and not self._categorising,
            why_not=why_not,
            read=photo.state != "pending",
        )

    def set_group_category(self, category: str | None = None) -> None:
        """Store the category chosen in the bar (or `category`) for the shown photo's flyer
        group, through the runner; audited by the service, which refuses while a request
        cites one of the group's numbers under another category."""
        group = self.current_group()
        bar = self.review.group_bar
        if category is not None:
            bar.choose(category)
        chosen = bar.chosen()
        case_id, item_id = self._case_id, self._item_id
        if (
            group is None
            or case_id is None
            or not self._case_open
            or self._categorising
            or not chosen
            or chosen == group.category
        ):
            return
        flyers, actor = self._ws.flyers, self._actor

        def work(_progress: TaskProgress) -> _Categorised:
            changed = flyers.set_group_category(actor, case_id, group.group_file_id, chosen)
            return _Categorised(
                changed,
                flyers.hits(case_id=case_id, include_rejected=True),
                flyers.flyer_groups(case_id),
                flyers.photo_statuses(item_id) if item_id is not None else [],
            )

        self._categorising = True
        self._show_group()
        Op(self.ctx, self, self.tr("Setting the flyer's ad category"), work).changes(
            REVIEWED, when_refused=REVIEWED
        ).ended(self._categorise_ended).failure(
            lambda error: self._category_refused(case_id, error)
        ).success(lambda result: self._categorised(case_id, result)).run()

    def _categorise_ended(self) -> None:
        self._categorising = False
        self._show_group()

    def _categorised(self, case_id: int, result: _Categorised) -> None:
        if case_id != self._case_id:
            return  # another case is shown now; the bus tells the rest of the window
        self._set_groups(result.groups)
        self._set_hits(result.hits)
        if result.photos and self._item_id is not None:
            self.grid_model.set_photos(result.photos)
            self._update_counts()
        self._show_photo(self._file_id, self._number_id)
        group = result.group
        self._notify(
            self.tr("The flyer's category is now “%1” (%2 photo(s)); recorded in the custody log.")
            .replace("%1", category_label(group.category))
            .replace("%2", str(len(group.photos)))
        )

    def _category_refused(self, case_id: int, error: UserError) -> None:
        if case_id != self._case_id:
            return
        # Nothing changed: show what is stored (the choice goes back), then why.
        self._load_hits()
        self._show_photo(self._file_id, self._number_id)
        self.review.group_bar.forget_choice()
        text = error_text(error)
        self.review.group_bar.show_error(text)
        self._error(text)

    def next_waiting_group(self) -> int | None:
        """Show a photo of the next flyer group waiting for its category (after the one shown,
        round the case); returns that group's id."""
        waiting = sorted(g.group_file_id for g in self.waiting_groups())
        if not waiting:
            return None
        shown = self.current_group()
        after = [g for g in waiting if shown is None or g > shown.group_file_id]
        target = (after or waiting)[0]
        hit = next((h for h in self._hits if h.group_file_id == target), None)
        if hit is None:
            return None
        self._go_to(hit.id)
        return target

    def _load_picture(self, photo: PhotoStatus) -> None:
        """The full photo from the loader's threads; meanwhile its thumbnail, enlarged."""
        view = self.review.view
        full = self.loader.request(photo.source_path, FULL)
        if full is not None:
            view.set_picture(full)
            return
        thumb = self.loader.cached(photo.source_path, THUMB_SIZE)
        if thumb is not None and thumb.image is not None:
            view.set_picture(thumb)
        else:
            view.show_message(self.tr("Loading the photo…"))

    def _image_ready(self, path: str, size: int) -> None:
        photo = self._current_photo()
        if photo is None or photo.source_path != path:
            return
        if size == FULL:
            decoded = self.loader.cached(path, FULL)
            if decoded is not None:
                self.review.view.set_picture(decoded)
                self._show_number()
        elif not self.review.view.has_picture():
            self._load_picture(photo)
            self._show_number()

    def _current_photo(self) -> PhotoStatus | None:
        if self._file_id is None:
            return None
        row = self.grid_model.row_of(self._file_id)
        return self.grid_model.photo(row) if row is not None else None

    def _current_hit(self) -> NumberHit | None:
        return self._hit_by_id.get(self._number_id) if self._number_id is not None else None

    def _show_number(self) -> None:
        """Mark the current number in the table and on the photo."""
        review = self.review
        hits = self._hits_by_file.get(self._file_id, []) if self._file_id is not None else []
        if review.view.has_picture():
            review.view.set_hits(hits, self._number_id)
        row = review.numbers_model.row_of(self._number_id) if self._number_id else None
        self._selecting = True
        try:
            selection = review.numbers.selectionModel()
            if row is None:
                selection.clearSelection()
            else:
                selection.setCurrentIndex(
                    review.numbers_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        finally:
            self._selecting = False
        if self._number_id is not None:
            review.view.show_box(self._number_id)
        self._update_queue_label()

    def _number_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        hit = self.review.numbers_model.hit(current.row())
        if hit is not None and hit.id != self._number_id:
            self._remember()
            self._number_id = hit.id
            self._show_number()
            self._sync_actions()

    def _box_clicked(self, number_id: int) -> None:
        if number_id != self._number_id:
            self._remember()
            self._number_id = number_id
            self._show_number()
            self._sync_actions()

    def _summary_activated(self, index: QModelIndex) -> None:
        """Go to the first read of that number (to review the photos it came from)."""
        summary = self.summary_model.summary(self.summary_proxy.mapToSource(index).row())
        if summary is None:
            return
        for hit in self._hits:
            if hit.final_e164 == summary.e164:
                self._go_to(hit.id)
                return

    def _update_queue_label(self) -> None:
        pending = sum(1 for h in self._hits if h.review_status == ReviewStatus.PENDING)
        if not self._hits:
            self.review.queue_label.setText("")
        else:
            self.review.queue_label.setText(
                self.tr("%1 unreviewed in the case").replace("%1", f"{pending:,}")
                if pending
                else self.tr("Nothing left to review in the case")
            )
        # Walking needs something to walk to (a new, empty case has nothing).
        self.review.next_button.setEnabled(bool(pending) or bool(self._hits))
        self.review.previous_button.setEnabled(bool(self._history) or self._walked is not None)

    # ---- navigation -------------------------------------------------------------------------
    def _remember(self) -> None:
        if self._number_id is not None and (
            not self._history or self._history[-1] != self._number_id
        ):
            self._history.append(self._number_id)

    def _review_walk(self) -> ReviewWalk | None:
        """The case's walk (its order is the flyer service's: unreviewed first, least sure
        first, kept while walking so a verdict does not reshuffle what comes next)."""
        if self._case_id is None:
            return None
        if self._walk is None:
            self._walk = ReviewWalk(self._ws.flyers, self._case_id)
        return self._walk

    def next_unsure(self) -> int | None:
        """Go to the case's next number to review. Returns the number id shown, None at the
        end (nothing left unreviewed)."""
        walk = self._review_walk()
        if walk is None:
            return None
        try:
            target = walk.next(self._number_id)
        except UserError as exc:
            self._error(error_text(exc))
            return None
        if target is not None and target not in self._hit_by_id:
            self._load_hits()  # another workstation's reads: the walk saw them first
        if target is None or target not in self._hit_by_id:
            self.review.queue_label.setText(self.tr("Nothing left to review in the case"))
            return None
        self._go_to(target)
        self._walked = target
        return target

    def previous(self) -> int | None:
        """Back to the number shown before this one (else the one before it in the walk)."""
        while self._history:
            target = self._history.pop()
            if target in self._hit_by_id and target != self._number_id:
                self._go_to(target, remember=False)
                self._walked = target
                walk = self._review_walk()
                if walk is not None:
                    walk.returned_to(target)
                return target
        walk = self._review_walk()
        before = walk.previous(self._number_id) if walk is not None else None
        if before is not None and before in self._hit_by_id:
            self._walked = before
            self._go_to(before, remember=False)
            return before
        return None

    def _go_to(self, number_id: int, remember: bool = True) -> None:
        hit = self._hit_by_id.get(number_id)
        if hit is None:
            return
        if remember:
            self._remember()
        if hit.item_id != self._item_id:
            self._item_id = None  # select_batch reloads the photos
            self._number_id = number_id
            self._file_id = hit.file_id
            self.batch_combo.blockSignals(True)
            self.batch_combo.setCurrentIndex(self.batch_combo.findData(hit.item_id))
            self.batch_combo.blockSignals(False)
            self._item_id = hit.item_id
            self._load_photos()
            return
        self.select_photo(hit.file_id, number_id)

    # ---- verdicts ----------------------------------------------------------------------------
    def verdict(self, decision: ReviewStatus) -> None:
        """Accept or reject the current number (stored through the runner, audited)."""
        hit = self._current_hit()
        if hit is None or not self._case_open:
            return
        self._verdicts.append(_Verdict(hit.id, decision))
        self._pump()
        if self.review.advance_check.isChecked():
            self.next_unsure()

    def undo(self) -> bool:
        """Take back the last verdict given here: a new verdict restoring what the read said
        before (audited like every verdict; nothing is erased). False when there is none."""
        if not self._undo or not self._case_open:
            return False
        previous = self._undo.pop()
        self._verdicts.append(previous)
        self._pump()
        hit = self._hit_by_id.get(previous.number_id)
        if hit is not None:
            self._go_to(previous.number_id)
        self._sync_actions()
        return True

    def correct(self) -> CorrectDialog | None:
        """Ask for the right number; the dialog stays open until it is stored or refused."""
        hit = self._current_hit()
        if hit is None or not self._case_open:
            return None
        dialog = CorrectDialog(hit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda text: self._submit_correction(dialog, hit.id, text))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _submit_correction(self, dialog: CorrectDialog, number_id: int, text: str) -> None:
        self._verdicts.append(_Verdict(number_id, ReviewStatus.CORRECTED, text, dialog))
        self._pump()

    def _pump(self) -> None:
        """Store the queued verdicts one at a time (each regroups and syncs the case)."""
        if self._reviewing or not self._verdicts or self._case_id is None:
            return
        verdict = self._verdicts.popleft()
        flyers, actor, item_id = self._ws.flyers, self._actor, self._item_id
        case_id = self._case_id

        before = self._hit_by_id.get(verdict.number_id)

        def work(_progress: TaskProgress) -> _Reviewed:
            # A refusal of the library (a request cites this read) comes back as a refusal.
            hit = flyers.review(actor, verdict.number_id, verdict.decision, verdict.corrected)
            return _Reviewed(
                hit,
                flyers.hits(case_id=case_id, include_rejected=True),
                flyers.photo_statuses(item_id) if item_id is not None else [],
                flyers.flyer_groups(case_id),
            )

        def stored(result: _Reviewed) -> None:
            if before is not None and not verdict.undoing:
                corrected = before.corrected_e164 if before.corrected_e164 else None
                self._undo.append(
                    _Verdict(before.id, before.review_status, corrected, undoing=True)
                )
            self._reviewed(verdict, result)

        self._reviewing = True
        Op(self.ctx, self, self.tr("Storing the review"), work).changes(
            REVIEWED, when_refused=REVIEWED
        ).ended(self._review_ended).failure(
            lambda error: self._review_refused(verdict, error)
        ).success(stored).run()

    def _review_ended(self) -> None:
        self._reviewing = False

    def _reviewed(self, verdict: _Verdict, result: _Reviewed) -> None:
        if verdict.dialog is not None and shiboken6.isValid(verdict.dialog):
            verdict.dialog.finish()
        self._set_groups(result.groups)
        self._set_hits(result.hits)
        if result.photos and self._item_id == result.hit.item_id:
            self.grid_model.set_photos(result.photos)
            self._update_counts()
        self._show_photo(self._file_id, self._number_id)
        self._pump()

    def _review_refused(self, verdict: _Verdict, error: UserError) -> None:
        if verdict.dialog is not None and shiboken6.isValid(verdict.dialog):
            verdict.dialog.show_error(error_text(error))
        else:
            self._error(error_text(error))
        # A refusal from the registry comes after the verdict was stored: show what is stored.
        self._load_hits()
        self._load_photos()
        self._pump()

    # ---- keys --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.handle_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """A, R, C: verdicts on the current number; N or Space: next unsure; P: back;
        Ctrl +, Ctrl -, Ctrl 0: zoom the photo."""
        if self.review.view.zoom_key(event):
            return True
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        action = _REVIEW_KEYS.get(Qt.Key(event.key()))
        if action is None or self._case_id is None:
            return False
        if action == "accept":
            self.verdict(ReviewStatus.ACCEPTED)
        elif action == "reject":
            self.verdict(ReviewStatus.REJECTED)
        elif action == "correct":
            self.correct()
        elif action == "next":
            self.next_unsure()
        elif action == "undo":
            self.undo()
        else:
            self.previous()
        return True

    # ---- import ------------------------------------------------------------------------------
    def import_photos(self, paths: Sequence[Path] = ()) -> ImportDialog | None:
        """The import dialog (folders and photos, optionally already listed: a drop)."""
        if self._case_id is None:
            return None
        if not self._case_open:
            self._error(self.tr("The case is not open: reopen it to add photos."))
            return None
        if self._task is not None:
            self._error(self.tr("Wait for the running import or OCR to finish."))
            return None
        batches = [self._batches[i] for i in sorted(self._batches)]
        dialog = ImportDialog(self.ctx, self._case_id, batches, paths, parent=self)
        if self._item_id is not None and not paths:
            dialog.batch_combo.setCurrentIndex(0)
        dialog.imported.connect(self._imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, result: PhotoImportResult) -> None:
        if result.item is not None:
            self._item_id = result.item.id
            self._file_id = None
        self.refresh()  # shows the imported batch (the one asked for)
        text = self.tr("%1 photo(s) imported.").replace("%1", str(result.added))
        notes = []
        if result.duplicates:
            notes.append(
                self.tr("%1 already in the case (same bytes), not imported again.").replace(
                    "%1", str(len(result.duplicates))
                )
            )
        if result.skipped:
            notes.append(
                self.tr("%1 file(s) skipped (not photos).").replace("%1", str(len(result.skipped)))
            )
        if result.warnings:
            notes.append(
                self.tr("%1 photo(s) catalogued but not readable as pictures.").replace(
                    "%1", str(len(result.warnings))
                )
            )
        if result.added:
            notes.append(self.tr("Click “Run OCR” to read their numbers."))
        self._notify(" ".join([text, *notes]), warning=bool(result.warnings))
        warnings = [warning.render() for warning in result.warnings]
        details = "\n".join(result.duplicates + result.skipped + warnings)
        self.notice.setToolTip(details)

    def set_collected_at(self) -> CollectedAtDialog | None:
        """When the batch's flyers were collected: photos without a camera time get it as their
        sighting time (audited; the block-request registry follows)."""
        batch = self._batches.get(self._item_id) if self._item_id is not None else None
        if batch is None or not self._case_open or self._task is not None:
            return None
        dialog = CollectedAtDialog(self.ctx, batch, parent=self)
        dialog.saved.connect(lambda _item_id: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    # ---- OCR ---------------------------------------------------------------------------------
    def run_ocr(self) -> Task[Any] | None:
        """Read the numbers on the selected batch's photos not read yet, in the runner."""
        item_id = self._item_id
        if item_id is None or self._task is not None or not self._case_open:
            return None
        batch = self._batches.get(item_id)
        flyers, actor, jobs = self._ws.flyers, self._actor, self.ocr_jobs

        def work(progress: TaskProgress) -> OcrBatchReport:
            return flyers.run_ocr(actor, [item_id], jobs=jobs, progress=progress)

        label = self.tr("OCR of %1").replace("%1", batch.exhibit_number if batch else "")
        self.notice.hide()
        case_id = self._case_id
        return self._start(
            label,
            work,
            lambda report: self._ocr_done(report, case_id),
            lambda report: REVIEWED | Changed.ITEMS if report.photos else Changed.NOTHING,
        )

    def cancel(self) -> None:
        """Stop the running import or OCR; finished photos are kept, OCR resumes later."""
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def is_busy(self) -> bool:
        return self._task is not None

    def _start(
        self,
        label: str,
        work: Callable[[TaskProgress], T],
        done: Callable[[T], None],
        changes: Changed | Callable[[T], Changed],
    ) -> Task[Any] | None:
        self._task = _STARTING
        self._task_case = self._case_id
        self._sync_actions()
        self.cancel_button.setEnabled(True)
        task = (
            Op(self.ctx, self, label, work)
            .progress(self.strip)
            .changes(changes)
            .ended(self._task_ended)
            .cancelled(lambda: self._notify(self.tr("Cancelled.")))
            .success(done)
            .run()
        )
        if task is not None and self._task is _STARTING:  # still running (threaded runner)
            self._task = task
            self._poll.start()
            return task
        return None

    def _task_ended(self) -> None:
        self._task = None
        self._task_case = None
        self._poll.stop()
        self._show_task_of_case()
        self._sync_actions()

    def _poll_statuses(self) -> None:
        """While OCR runs, the batch's photo states are re-read off the GUI thread (a batch of
        hundreds took a noticeable part of each tick); when the photo on screen changed state,
        the case's numbers are read in the same go. A tick is skipped while the previous read
        is out; a read for a batch no longer shown is dropped, and its numbers too if newer
        ones were shown meanwhile (a verdict stored)."""
        if self._item_id is None or self._task_case != self._case_id or self._polling:
            return
        case_id, item_id = self._case_id, self._item_id
        shown = self._current_photo()
        hits_shown = self._hits_shown
        flyers = self._ws.flyers
        self._polling = True

        def work(_progress: TaskProgress) -> _Polled:
            photos = flyers.photo_statuses(item_id)
            if (
                case_id is None
                or shown is None
                or all(p.file_id != shown.file_id or p.state == shown.state for p in photos)
            ):
                return _Polled(photos)
            return _Polled(
                photos,
                flyers.hits(case_id=case_id, include_rejected=True),
                flyers.flyer_groups(case_id),
            )

        def ended() -> None:
            self._polling = False

        def refused(error: UserError) -> None:
            log.warning("Cannot re-read the photos while OCR runs: %s", error)

        Op(self.ctx, self, self.tr("Reading the photos' OCR states"), work).ended(ended).success(
            lambda polled: self._polled(case_id, item_id, hits_shown, polled)
        ).failure(refused).run()

    def _polled(self, case_id: int | None, item_id: int, hits_shown: int, polled: _Polled) -> None:
        if case_id != self._case_id or item_id != self._item_id:
            return  # another batch or case is shown now
        self.grid_model.set_photos(polled.photos)
        self._update_counts()
        if polled.hits is None or polled.groups is None or hits_shown != self._hits_shown:
            return
        # The photo on screen was just read: show its numbers now, not at the end.
        self._set_groups(polled.groups)
        self._set_hits(polled.hits)
        now = self._current_photo()
        if now is not None:
            self._show_photo(now.file_id, self._number_id)

    def _ocr_done(self, report: OcrBatchReport, case_id: int | None = None) -> None:
        if case_id is not None and case_id != self._case_id:
            self.refresh()
            return  # another case is shown now: its status bar task said how it ended
        self.refresh(lambda: self._say_ocr_done(report))

    def _say_ocr_done(self, report: OcrBatchReport) -> None:
        remaining = self.pending_photos()
        if report.cancelled:
            text = (
                self.tr("OCR stopped: %1 photo(s) read, %2 left.")
                .replace("%1", str(report.photos))
                .replace("%2", str(remaining))
                + " "
                + self.tr("“Resume OCR” continues where it stopped.")
            )
        else:
            text = (
                self.tr("OCR done: %1 photo(s) read, %2 numbers, %3 to review, %4 unreadable.")
                .replace("%1", str(report.photos))
                .replace("%2", str(report.numbers))
                .replace("%3", str(report.needs_review))
                .replace("%4", str(report.failed))
            )
        self._notify(text, warning=bool(report.failed) or report.cancelled)
        self.notice.setToolTip("\n".join(failure.render() for failure in report.failures))

    # ---- drops on the pane ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()) and self._case_id is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event.mimeData()) and self._case_id is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if not paths or self._case_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_photos(paths)

    # ---- plumbing ----------------------------------------------------------------------------
    def _notify(self, text: str, warning: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(WARNING_STYLE if warning else NOTICE_STYLE)
        self.notice.setToolTip("")
        self.notice.show()

    def _error(self, text: str) -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Warning, self.tr("Flyer photos"), text
        )

    def closeEvent(self, event: Any) -> None:
        self.loader.shutdown()
        super().closeEvent(event)


_STARTING: Any = object()  # _task while runner.run is being called (it may finish inline)
