"""Dialogs of the block-request screens.

A step of one request (approve, record an answer, withdraw, …) is one short transaction and
runs inline, like the evidence status dialog; the dialog stays open with what was typed when
the library refuses. Batch work — queueing every blockable number, writing a submission
package, reading a response file — runs as an op with progress and cancel in the dialog
(TaskDialog). Every write tells the change bus what it changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from blocking import (
    AdCategory,
    Answer,
    EvidenceFileError,
    InvalidNumberError,
    RequestState,
    SightingInput,
    SourceKind,
    normalize_number,
)
from blocking.records import (
    PackageResult,
    QueueResult,
    RequestRecord,
    ResponseImportReport,
    SightingRecord,
)
from forensics_app.errors import UserError
from forensics_app.ui.blocking_labels import (
    agency_label,
    category_label,
    encoding_label,
    legal_basis_label,
    route_label,
    state_label,
    state_style,
    type_label,
)
from forensics_app.ui.blocking_models import AppliedModel, ProblemModel
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.columns import RecordTableModel
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import (
    QT_TRANSLATE_NOOP,
    from_qdatetime,
    now_in_zone,
    workstation_zone,
)
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.ops import LibraryRefusal, Op, refusals
from forensics_app.ui.widgets.paths import choose_file, choose_folder
from forensics_app.ui.widgets.tables import make_table
from forensics_app.ui.widgets.task_dialog import TaskDialog, grow_with_contents
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

log = logging.getLogger(__name__)
T = TypeVar("T")
S = RequestState

CARRIERS = ("SKT", "KT", "LG U+", "알뜰폰")  # suggestions only: the answer names the carrier
MAX_LISTED = 20


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _table(model: RecordTableModel, widths: Sequence[int] = ()) -> QTableView:
    return make_table(model, widths)


# ---- one step of one request ------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    target: RequestState
    button: str  # English source texts, context "RequestSteps"
    title: str
    note_label: str = QT_TRANSLATE_NOOP("RequestSteps", "Note")
    note_required: bool = False
    answer: bool = False  # a reference and the day the answer took effect
    date_label: str = ""
    carrier: bool = False
    until: bool = False
    approver: bool = False  # a reviewer or an administrator decides this step


STEPS: tuple[Step, ...] = (
    Step(
        S.AWAITING_APPROVAL,
        QT_TRANSLATE_NOOP("RequestSteps", "Submit for approval…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Submit for approval"),
    ),
    Step(
        S.APPROVED,
        QT_TRANSLATE_NOOP("RequestSteps", "Approve…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Approve request"),
        approver=True,
    ),
    Step(
        S.DRAFT,
        QT_TRANSLATE_NOOP("RequestSteps", "Return to draft…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Return to draft"),
        note_label=QT_TRANSLATE_NOOP("RequestSteps", "What must be changed"),
        note_required=True,
        approver=True,
    ),
    Step(
        S.SUSPENDED,
        QT_TRANSLATE_NOOP("RequestSteps", "Record suspension…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Record suspension"),
        answer=True,
        date_label=QT_TRANSLATE_NOOP("RequestSteps", "Suspended from"),
        carrier=True,
        until=True,
    ),
    Step(
        S.REJECTED,
        QT_TRANSLATE_NOOP("RequestSteps", "Record rejection…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Record rejection"),
        answer=True,
        date_label=QT_TRANSLATE_NOOP("RequestSteps", "Rejected on"),
    ),
    Step(
        S.OBJECTION_FILED,
        QT_TRANSLATE_NOOP("RequestSteps", "File objection…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Objection filed by the subscriber"),
        note_label=QT_TRANSLATE_NOOP("RequestSteps", "What the subscriber says"),
    ),
    Step(
        S.OBJECTION_UPHELD,
        QT_TRANSLATE_NOOP("RequestSteps", "Uphold objection…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Uphold the objection"),
        note_label=QT_TRANSLATE_NOOP("RequestSteps", "Reasons for the decision"),
    ),
    Step(
        S.OBJECTION_DENIED,
        QT_TRANSLATE_NOOP("RequestSteps", "Deny objection…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Deny the objection (the suspension continues)"),
        note_label=QT_TRANSLATE_NOOP("RequestSteps", "Reasons for the decision"),
    ),
    Step(
        S.LIFT_REQUESTED,
        QT_TRANSLATE_NOOP("RequestSteps", "Request lift…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Ask for the suspension to be lifted"),
    ),
    Step(
        S.RESTORED,
        QT_TRANSLATE_NOOP("RequestSteps", "Record restoration…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Record restoration of the line"),
        answer=True,
        date_label=QT_TRANSLATE_NOOP("RequestSteps", "Restored on"),
    ),
    Step(
        S.TERMINATED,
        QT_TRANSLATE_NOOP("RequestSteps", "Record termination…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Record termination of the line"),
        answer=True,
        date_label=QT_TRANSLATE_NOOP("RequestSteps", "Terminated on"),
    ),
    Step(
        S.WITHDRAWN,
        QT_TRANSLATE_NOOP("RequestSteps", "Withdraw…"),
        QT_TRANSLATE_NOOP("RequestSteps", "Withdraw request"),
        note_label=QT_TRANSLATE_NOOP("RequestSteps", "Reason for withdrawing"),
        note_required=True,
    ),
)
STEP_BY_TARGET = {step.target: step for step in STEPS}


def step_text(text: str) -> str:
    return QCoreApplication.translate("RequestSteps", text)


class _GrowingDialog(QDialog):
    """A dialog that grows with its contents (see grow_with_contents), and writes what it
    records off the GUI thread (`write`)."""

    ctx: UiContext
    buttons: QDialogButtonBox
    last_message: QMessageBox | None

    def showEvent(self, event: QShowEvent) -> None:
        grow_with_contents(self)
        super().showEvent(event)

    def write(
        self,
        label: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        not_done: str,
        changes: Changed,
    ) -> None:
        """`work` (one write: the row, its history and custody) runs off the GUI thread; the
        buttons wait for it (a second click wrote twice); a refusal is said in place under
        `not_done`, the dialog keeping what was typed."""
        if not self.buttons.isEnabled():
            return
        self.buttons.setEnabled(False)

        def refused(error: UserError) -> None:
            # A translated verdict first, then the library's own words, which say why.
            self.last_message = show_message(
                self, QMessageBox.Icon.Warning, self.windowTitle(), not_done, error_text(error)
            )

        Op(self.ctx, self, label, lambda _progress: work()).changes(changes).ended(
            lambda: self.buttons.setEnabled(True)
        ).success(done).failure(refused).run()


class StepDialog(_GrowingDialog):
    """Move one request one step, with the fields that step records."""

    saved = Signal(int)  # request id

    def __init__(
        self, ctx: UiContext, record: RequestRecord, step: Step, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        blk = ctx.blk
        self._blk, self._actor, self._record, self.step = blk, ctx.blocking_actor, record, step
        self.result_record: RequestRecord | None = None
        self.last_message: QMessageBox | None = None
        self.setWindowTitle(
            self.tr("%1 — request %2")
            .replace("%1", step_text(step.title))
            .replace("%2", str(record.id))
        )
        today = blk.store.today()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        summary = WrappedLabel(
            f"<b>{record.national}</b> · {type_label(record.number_type)} · "
            f"{category_label(record.category)}<br>{route_label(blk.config, record.route)}"
        )
        form.addRow(self.tr("Request"), summary)
        state = QLabel(state_label(record.state))
        state.setStyleSheet(state_style(record.state))
        state_row = QHBoxLayout()
        state_row.addWidget(state)
        arrow = QLabel("→")
        state_row.addWidget(arrow)
        target = QLabel(state_label(step.target))
        target.setStyleSheet(state_style(step.target))
        state_row.addWidget(target)
        state_row.addStretch()
        form.addRow(self.tr("State"), state_row)

        self.carrier_combo = QComboBox()
        self.carrier_combo.setEditable(True)
        self.carrier_combo.addItems(["", *CARRIERS])
        if record.carrier:
            self.carrier_combo.setCurrentText(record.carrier)
        carrier_edit = self.carrier_combo.lineEdit()
        if carrier_edit is not None:
            carrier_edit.setPlaceholderText(self.tr("Carrier named in the answer"))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("Document or receipt number of the answer"))
        self.date_edit = QDateEdit(_to_qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(_to_qdate(today))  # answers are not dated in the future
        self.until_check = QCheckBox(self.tr("Until"))
        self.until_edit = QDateEdit(_to_qdate(today))
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.until_edit.setEnabled(False)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        if step.carrier:
            form.addRow(self.tr("Carrier"), self.carrier_combo)
        if step.answer:
            form.addRow(self.tr("Reference"), self.reference_edit)
            form.addRow(step_text(step.date_label), self.date_edit)
        if step.until:
            months = blk.config.routes[record.route].suspension_months
            until_row = QHBoxLayout()
            until_row.addWidget(self.until_check)
            until_row.addWidget(self.until_edit, 1)
            hint = WrappedLabel(
                self.tr("(otherwise %1 months, as the route says)").replace("%1", str(months))
            )
            hint.setStyleSheet("color: #6b6b6b")
            until_row.addWidget(hint)
            form.addRow(self.tr("Suspended until"), until_row)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        note_title = step_text(step.note_label)
        if step.note_required:
            note_title += " " + self.tr("(required)")
        self.note_label = QLabel(note_title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(step_text(step.title))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._sync_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit)
        if step.approver:
            hint = WrappedLabel(
                self.tr(
                    "Needs the reviewer or administrator role, and someone other than the person "
                    "who drafted the request (four-eyes rule)."
                )
            )
            hint.setStyleSheet("color: #6b6b6b")
            layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._sync_ok()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def answer(self) -> Answer | None:
        if not (self.step.answer or self.step.carrier):
            return None
        return Answer(
            carrier=self.carrier_combo.currentText().strip() if self.step.carrier else None,
            reference=self.reference_edit.text().strip() if self.step.answer else None,
            effective_on=_to_date(self.date_edit.date()) if self.step.answer else None,
            suspended_until=(
                _to_date(self.until_edit.date())
                if self.step.until and self.until_check.isChecked()
                else None
            ),
        )

    def _sync_ok(self) -> None:
        ok = not self.step.note_required or bool(self.note())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        blk, actor, request_id, target = self._blk, self._actor, self._record.id, self.step.target
        note, answer = self.note(), self.answer()
        self.write(
            step_text(self.step.title),
            lambda: blk.requests.transition(actor, request_id, target, note=note, answer=answer),
            self._saved,
            self.tr("The request was not changed."),
            Changed.REQUESTS,
        )

    def _saved(self, records: list[RequestRecord]) -> None:
        self.result_record = records[0] if records else None
        self.saved.emit(self._record.id)
        super().accept()


# ---- dialogs that run batch work ---------------------------------------------------------------
class QueueDialog(TaskDialog):
    """Draft a request for every number that is due one (`queue_blockable`)."""

    queued = Signal(object)  # QueueResult

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        blk, actor = ctx.blk, ctx.blocking_actor
        self._blk, self._actor = blk, actor
        self.result_value: QueueResult | None = None
        self.setWindowTitle(self.tr("Queue blockable numbers"))
        intro = WrappedLabel(
            self.tr(
                "Drafts a use-suspension request for every number with sightings that has no "
                "open request on its route — new numbers and numbers seen again after their "
                "request was rejected, restored or expired. The drafts then wait for "
                "submission and approval."
            )
        )
        # The configured agency by its name in the examiner's language; requests store (and
        # submissions print) the Korean name whichever is shown.
        self._config = blk.config
        self.agency_edit = QLineEdit(agency_label(blk.config, blk.config.default_agency))
        self.officer_edit = QLineEdit(actor.name)
        self.submit_check = QCheckBox(self.tr("Send the drafts for approval"))
        self.submit_check.setChecked(True)
        self.route_checks: dict[str, QCheckBox] = {}
        routes = QVBoxLayout()
        for key, route in blk.config.routes.items():
            check = QCheckBox(route_label(blk.config, key))
            check.setChecked(True)
            check.setToolTip(legal_basis_label(blk.config, key, route.legal_basis))
            check.toggled.connect(self._sync_ok)
            self.route_checks[key] = check
            routes.addWidget(check)
        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Requesting agency"), self.agency_edit)
        form.addRow(self.tr("Officer in charge"), self.officer_edit)
        form.addRow(self.tr("Routes"), routes)
        form.addRow("", self.submit_check)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Queue"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.inputs)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def routes(self) -> list[str]:
        return [key for key, check in self.route_checks.items() if check.isChecked()]

    def _sync_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.routes()))

    def accept(self) -> None:
        if self._running:
            return
        blk, actor, routes = self._blk, self._actor, self.routes()
        agency = self.agency_edit.text().strip() or None
        if agency is not None and agency == agency_label(self._config, self._config.default_agency):
            agency = self._config.default_agency
        officer = self.officer_edit.text().strip() or None
        submit = self.submit_check.isChecked()

        def work(progress: TaskProgress) -> QueueResult:
            with refusals():
                return blk.requests.queue_for_approval(
                    actor,
                    agency=agency,
                    officer=officer,
                    routes=routes,
                    submit=submit,
                    progress=progress,
                )

        self.run_op(
            self.tr("Queueing blockable numbers…"), work, self._done, changes=Changed.REQUESTS
        )

    def _done(self, result: QueueResult) -> None:
        self.result_value = result
        self.queued.emit(result)
        super().accept()


@dataclass(frozen=True)
class ExportOutcome:
    result: PackageResult
    left_out: int  # selected requests that were not approved


class ExportDialog(TaskDialog):
    """Write one submission package for the approved requests among the selection."""

    exported = Signal(object)  # ExportOutcome

    def __init__(
        self,
        ctx: UiContext,
        request_ids: Sequence[int],
        folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._blk, self._actor = ctx.blk, ctx.blocking_actor
        self._ids = list(request_ids)
        self.outcome: ExportOutcome | None = None
        self.setWindowTitle(self.tr("Export submission package"))
        self.intro = intro = WrappedLabel(
            self.tr(
                "%1 request(s) selected. The approved ones go into one zip file (a list per "
                "route, the evidence photos and a SHA-256 manifest) and become submitted; "
                "the others are left as they are."
            ).replace("%1", str(len(self._ids)))
        )
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText(self.tr("Folder to write the package to"))
        self.folder_edit.textChanged.connect(self._sync_ok)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.allow_missing = QCheckBox(
            self.tr("Export even if evidence photos are missing (the list names them)")
        )
        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow("", self.allow_missing)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.inputs)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self._sync_ok()

    def _choose_folder(self) -> None:
        folder = choose_folder(
            self, self.tr("Folder for the submission package"), self.folder_edit.text()
        )
        if folder is not None:
            self.folder_edit.setText(str(folder))

    def _sync_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.folder_edit.text().strip())
        )

    def accept(self) -> None:
        if self._running:
            return
        blk, ids = self._blk, self._ids
        submissions, examiner = self.ctx.submissions, self.ctx.actor
        folder = Path(self.folder_edit.text().strip())
        allow = self.allow_missing.isChecked()
        none_approved = self.tr(
            "None of the selected requests is approved: only approved requests go into a "
            "submission package."
        )

        def work(progress: TaskProgress) -> ExportOutcome:
            with refusals():
                records = blk.requests.get_many(ids)
                approved = [r.id for r in records if r.state is S.APPROVED]
                if not approved:
                    raise UserError(none_approved)
                # The package and its custody entry: one unit of work (no package without it).
                result = submissions.export_package(
                    examiner, approved, folder, allow_missing_photos=allow, progress=progress
                )
            return ExportOutcome(result, len(ids) - len(approved))

        self.run_op(
            self.tr("Writing submission package…"),
            work,
            self._done,
            changes=Changed.REQUESTS | Changed.CUSTODY,
            refused=self._refused,
        )

    def _refused(self, error: UserError) -> None:
        original = error.original if isinstance(error, LibraryRefusal) else None
        if isinstance(original, EvidenceFileError):
            self.warn(
                error_text(error)
                + "\n\n"
                + self.tr(
                    "Nothing was exported. To send the package without them, tick “Export even "
                    "if evidence photos are missing”."
                ),
                details="\n".join(original.problems),
            )
            return
        self.warn(
            error_text(error)
            + "\n\n"
            + self.tr("Nothing was exported; the requests are unchanged.")
        )

    def _done(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        self.exported.emit(outcome)
        super().accept()


class ResponseImportDialog(TaskDialog):
    """Read a response file: first a check (nothing changes) listing every row that cannot be
    applied, then the apply."""

    applied = Signal(object)  # ResponseImportReport

    def __init__(
        self,
        ctx: UiContext,
        path: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._blk, self._actor = ctx.blk, ctx.blocking_actor
        self.checked: ResponseImportReport | None = None  # the dry run of the file shown
        self.report: ResponseImportReport | None = None  # the apply
        self.setWindowTitle(self.tr("Import response file"))
        intro = WrappedLabel(
            self.tr(
                "A CSV or Excel file of answers from the ministry or the carriers (number, "
                "result, carrier, reference, dates). Check it first: rows that cannot be "
                "applied are listed with the reason; Apply then records the good rows."
            )
        )
        self.path_edit = QLineEdit(path)
        self.path_edit.setPlaceholderText(self.tr("Response file (.csv, .xlsx)"))
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_file)
        self.all_or_nothing = QCheckBox(self.tr("Apply nothing unless every row is good"))
        row = QHBoxLayout(self.inputs)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("File")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        # Beside the file it checks, before Apply: the order the work is done in.
        self.check_button = QPushButton(self.tr("Check file"))
        row.addWidget(self.check_button)

        self.summary = WrappedLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_model = ProblemModel(self)
        self.applied_model = AppliedModel(self)
        self.problems_view = _table(self.problem_model, (60, 150, 500))
        self.applied_view = _table(self.applied_model, (60, 80, 150, 120, 120))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.problems_view, self.tr("Problems"))
        self.tabs.addTab(self.applied_view, self.tr("Applied"))

        self.buttons.clear()
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.inputs)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.buttons)
        self._path_changed()

    def sizeHint(self) -> QSize:
        return QSize(860, 560)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _choose_file(self) -> None:
        chosen = choose_file(
            self,
            self.tr("Response file"),
            self.tr("Response files (*.csv *.xlsx);;All files (*)"),
            self.path_edit.text(),
        )
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def _path_changed(self) -> None:
        self.checked = None
        self.report = None
        self.problem_model.set_records([])
        self.applied_model.set_records([])
        self.summary.setText(self.tr("Choose a file and check it."))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        has_path = bool(self.path_edit.text().strip())
        self.check_button.setEnabled(has_path and not self._running)
        # Apply only what was checked: the same file, with at least one good row.
        good = self.checked is not None and self.checked.rows > _problem_rows(self.checked)
        done = self.report is not None and self.report.committed
        self.apply_button.setEnabled(good and not self._running and not done)

    def _set_running(self, running: bool) -> None:
        super()._set_running(running)
        self.all_or_nothing.setEnabled(not running)
        if hasattr(self, "check_button"):
            self._sync_buttons()

    def check(self) -> None:
        if self._running:
            return
        blk, actor, path = self._blk, self._actor, self.path()

        def work(_progress: TaskProgress) -> ResponseImportReport:
            with refusals():
                return blk.responses.import_file(actor, path, dry_run=True)

        self.run_op(self.tr("Checking %1…").replace("%1", path.name), work, self._checked)

    def _checked(self, report: ResponseImportReport) -> None:
        self.checked = report
        self.problem_model.set_records(report.problems)
        bad = _problem_rows(report)
        good = report.rows - bad
        text = self.tr("%1 data row(s) read (%2). %3 can be applied, %4 cannot (listed below).")
        self.summary.setText(
            text.replace("%1", str(report.rows))
            .replace("%2", encoding_label(report.encoding))
            .replace("%3", str(good))
            .replace("%4", str(bad))
        )
        self.tabs.setCurrentWidget(self.problems_view)
        self._update_tabs()
        self._sync_buttons()

    def accept(self) -> None:
        """Apply (the Accept-role button); only after a check of this file."""
        if self._running or self.checked is None:
            return
        submissions, examiner, path = self.ctx.submissions, self.ctx.actor, self.path()
        all_or_nothing = self.all_or_nothing.isChecked()

        def work(_progress: TaskProgress) -> ResponseImportReport:
            # The answers and their custody entry (with the file's hash): one unit of work.
            with refusals():
                return submissions.import_responses(examiner, path, all_or_nothing=all_or_nothing)

        self.run_op(
            self.tr("Applying %1…").replace("%1", path.name),
            work,
            self._applied,
            changes=lambda report: (
                Changed.REQUESTS | Changed.CUSTODY if report.committed else Changed.NOTHING
            ),
        )

    def _applied(self, report: ResponseImportReport) -> None:
        self.report = report
        self.problem_model.set_records(report.problems)
        self.applied_model.set_records(report.applied)
        if report.committed:
            self.summary.setText(
                self.tr("%1 row(s) applied; %2 problem(s) not applied (listed).")
                .replace("%1", str(len(report.applied)))
                .replace("%2", str(len(report.problems)))
            )
            self.tabs.setCurrentWidget(self.applied_view)
        else:
            self.summary.setText(
                self.tr("Nothing was applied: %1 problem(s), and every row must be good.").replace(
                    "%1", str(len(report.problems))
                )
            )
        self._update_tabs()
        self._sync_buttons()
        self.applied.emit(report)

    def _update_tabs(self) -> None:
        self.tabs.setTabText(
            0, self.tr("Problems (%1)").replace("%1", str(self.problem_model.rowCount()))
        )
        self.tabs.setTabText(
            1, self.tr("Applied (%1)").replace("%1", str(self.applied_model.rowCount()))
        )


def _problem_rows(report: ResponseImportReport) -> int:
    # One problem per row; the report keeps the first ones and counts them all.
    return report.total_problems


# ---- a sighting typed in by hand -----------------------------------------------------------
class SightingDialog(_GrowingDialog):
    """One sighting of a number seen on a flyer, typed in as printed (`record_sighting`)."""

    saved = Signal(object)  # SightingRecord

    def __init__(
        self,
        ctx: UiContext,
        case_number: str = "",
        collector: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        blk = ctx.blk
        self._blk, self._actor = blk, ctx.blocking_actor
        self.record: SightingRecord | None = None
        self.last_message: QMessageBox | None = None
        self.setWindowTitle(self.tr("Add sighting"))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("As printed, e.g. O1O-l234-5678 or 공일공…"))
        self.number_check = WrappedLabel()
        self.category_combo = QComboBox()
        for category in AdCategory:
            self.category_combo.addItem(category_label(category), category)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("Where the flyer was found"))
        self.seen_edit = QDateTimeEdit()
        self.seen_edit.setCalendarPopup(True)
        self.seen_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = now_in_zone(blk.store.clock)
        self.seen_edit.setDateTime(QDateTime(now.date(), now.time()))
        # A sighting has happened: no later than now (the command line's --seen-at slack).
        self.seen_edit.setMaximumDateTime(QDateTime(now.date(), now.time()).addSecs(300))
        self.case_edit = QLineEdit(case_number)
        self.collector_edit = QLineEdit(collector)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Number"), self.number_edit)
        form.addRow("", self.number_check)
        form.addRow(self.tr("Ad category"), self.category_combo)
        form.addRow(self.tr("Place"), self.place_edit)
        form.addRow(
            self.tr("Seen at (%1)").replace("%1", blk.store.clock.zone_abbreviation()),
            self.seen_edit,
        )
        form.addRow(self.tr("Case number"), self.case_edit)
        form.addRow(self.tr("Collected by"), self.collector_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        self.number_edit.textChanged.connect(self._check_number)
        self._check_number()

    def _check_number(self) -> None:
        """What the library makes of the number, while typing (a pure function, no database)."""
        text = self.number_edit.text()
        if not text.strip():
            self.number_check.setText("")
            return
        try:
            normalized = normalize_number(text)
        except InvalidNumberError as exc:
            self.number_check.setStyleSheet("color: #b00020")
            self.number_check.setText(error_text(exc))
            return
        self.number_check.setStyleSheet("color: #1b6e20")
        self.number_check.setText(
            f"{normalized.national}  ({normalized.e164}, {type_label(normalized.number_type)})"
        )

    def seen_at(self) -> datetime:
        """The time typed, read in the workstation's zone (not the computer's)."""
        return from_qdatetime(self.seen_edit.dateTime(), workstation_zone(self._blk.store.clock))

    def sighting(self) -> SightingInput:
        return SightingInput(
            number=self.number_edit.text(),
            seen_at=self.seen_at(),
            category=AdCategory(self.category_combo.currentData()),
            source_kind=SourceKind.MANUAL,
            case_number=self.case_edit.text().strip(),
            place=self.place_edit.text().strip(),
            collector=self.collector_edit.text().strip(),
        )

    def accept(self) -> None:
        registry, actor, sighting = self._blk.registry, self._actor, self.sighting()
        self.write(
            self.tr("Recording the sighting"),
            lambda: registry.record_sighting(actor, sighting),
            self._saved,
            self.tr("The sighting was not recorded."),
            Changed.NUMBERS,
        )

    def _saved(self, record: SightingRecord) -> None:
        self.record = record
        self.saved.emit(record)
        super().accept()


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
