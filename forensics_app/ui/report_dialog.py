"""The case report dialog: sections (or a preset), a period, formats and language, a folder;
a preview of what the PDF will show; progress with cancel; then open the result.

The report itself is made by the Qt-free ReportService (workstation.reports) in the runner;
this dialog only collects the choices and shows the outcome.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forensics_app import config
from forensics_app.errors import UserError
from forensics_app.reports.i18n import Translator
from forensics_app.reports.model import TimeRange
from forensics_app.services.records import CaseRecord
from forensics_app.services.reports import ReportRequest, ReportResult
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.paths import choose_folder
from forensics_app.ui.widgets.task_dialog import TaskDialog

FORMAT_ORDER = ("html", "pdf", "xlsx", "csv")


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(TaskDialog):
    """Make a report of one case. `last_report` holds the last report made."""

    def __init__(
        self,
        ctx: UiContext,
        case: CaseRecord,
        folder: str = "",
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        workstation = ctx.workstation
        self._workstation = workstation
        self._actor = ctx.actor
        self._case = case
        self._preview_folder: Path | None = None
        self.last_report: ReportResult | None = None
        ui_language = language or config.Preferences.load().language
        # Section and preset names come from the report catalog (sections plug in at run time).
        self._names = Translator(ui_language if ui_language in ("ko", "en") else "ko")
        self.setWindowTitle(self.tr("Case report"))

        intro = QLabel(
            self.tr("Report of case %1: %2").replace("%1", case.number).replace("%2", case.title)
        )
        intro.setWordWrap(True)
        reports = workstation.reports
        self.preset = QComboBox()
        for preset in reports.presets():
            self.preset.addItem(self._names(preset.title), preset.id)
        self.preset.addItem(self.tr("Chosen below"), "")
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.sections = QListWidget()
        for section in reports.sections():
            item = QListWidgetItem(self._names(section.title))
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setToolTip(self._names(section.description))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sections.addItem(item)
        self.sections.itemChanged.connect(self._section_toggled)
        # Enough rows to choose from without scrolling much; the preview below takes the rest.
        rows = self.sections.sizeHintForRow(0) if self.sections.count() else 18
        frame = 2 * self.sections.frameWidth()
        self.sections.setMinimumHeight(min(self.sections.count(), 7) * rows + frame)
        self.sections.setMaximumHeight(max(self.sections.count(), 1) * rows + frame)

        today = QDate(workstation.clock.today().year, 1, 1)
        self.use_since = QCheckBox(self.tr("From"))
        self.since = QDateEdit(today)
        self.use_until = QCheckBox(self.tr("To (inclusive)"))
        self.until = QDateEdit(QDate(*workstation.clock.today().timetuple()[:3]))
        for edit, box in ((self.since, self.use_since), (self.until, self.use_until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
        period = QHBoxLayout()
        for widget in (self.use_since, self.since, self.use_until, self.until):
            period.addWidget(widget)
        period.addStretch(1)

        self.formats: dict[str, QCheckBox] = {}
        format_row = QHBoxLayout()
        for name, label in (
            ("html", self.tr("HTML (opens in any browser)")),
            ("pdf", self.tr("PDF")),
            ("xlsx", self.tr("Excel (XLSX)")),
            ("csv", self.tr("CSV")),
        ):
            box = QCheckBox(label)
            box.setChecked(name in ("html", "pdf"))
            box.toggled.connect(self._sync_ok)
            self.formats[name] = box
            format_row.addWidget(box)
        format_row.addStretch(1)

        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ui_language != "en" else 1)

        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText(self.tr("Folder the report goes into"))
        self.folder_edit.textChanged.connect(self._sync_ok)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        stamp = workstation.clock.local(workstation.clock.now()).strftime("%Y%m%d-%H%M")
        self.name_edit = QLineEdit(f"{case.number}_report_{stamp}")
        self.name_edit.textChanged.connect(self._sync_ok)

        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow(self.tr("Sections"), self.sections)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Formats"), format_row)
        form.addRow(self.tr("Report language"), self.language)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.tr("Report name"), self.name_edit)

        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setPlaceholderText(self.tr("Preview: what the PDF will show."))
        self.preview.setMinimumHeight(260)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.show_preview)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open report"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_result)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        result_row = QHBoxLayout()
        result_row.addWidget(self.outcome, 1)
        result_row.addWidget(self.open_button)
        result_row.addWidget(self.open_folder_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.inputs)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.strip)
        layout.addLayout(result_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self._apply_preset()

    # ---- choices ---------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        preset_id = self.preset.currentData()
        if not preset_id:
            return
        wanted = set(self._workstation.reports.preset_sections(preset_id))
        self.sections.blockSignals(True)
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            section_id = item.data(Qt.ItemDataRole.UserRole)
            checked = section_id in wanted or section_id == "cover"
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.sections.blockSignals(False)
        self._sync_ok()

    def _section_toggled(self, _item: QListWidgetItem) -> None:
        # Choosing by hand leaves the preset.
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.count() - 1)
        self.preset.blockSignals(False)
        self._sync_ok()

    def chosen_sections(self) -> list[str]:
        return [
            self.sections.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.sections.count())
            if self.sections.item(row).checkState() == Qt.CheckState.Checked
        ]

    def chosen_formats(self) -> list[str]:
        return [name for name in FORMAT_ORDER if self.formats[name].isChecked()]

    def _choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("Folder for the report"), self.folder_edit.text())
        if folder is not None:
            self.folder_edit.setText(str(folder))

    def _sync_ok(self) -> None:
        ready = bool(
            self.folder_edit.text().strip()
            and self.name_edit.text().strip()
            and self.chosen_formats()
            and self.chosen_sections()
        )
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ready and not self.running)

    def request(self) -> ReportRequest:
        clock = self._workstation.clock
        since = until = None
        if self.use_since.isChecked():
            since = clock.start_of_day(_day(self.since.date()))
        if self.use_until.isChecked():
            until = clock.start_of_day(_day(self.until.date()) + timedelta(days=1))
        try:
            period = TimeRange(since, until)
        except ValueError as exc:
            raise UserError(self.tr("The period ends before it starts.")) from exc
        folder = Path(self.folder_edit.text().strip() or ".")
        return ReportRequest(
            case_id=self._case.id,
            output=folder / self.name_edit.text().strip(),
            formats=self.chosen_formats(),
            section_ids=self.chosen_sections(),
            time_range=period,
            language=self.language.currentData(),
        )

    # ---- work ------------------------------------------------------------------------------
    def show_preview(self) -> None:
        if self.running:
            return
        try:
            request = self.request()
        except UserError as exc:
            self.warn(error_text(exc))
            return
        self._drop_preview_folder()
        folder = Path(tempfile.mkdtemp(prefix="report-preview-"))
        self._preview_folder = folder
        reports, actor = self._workstation.reports, self._actor

        def work(progress: TaskProgress) -> str:
            return reports.preview(actor, request, folder, progress)

        def done(page: str) -> None:
            self.preview.setSearchPaths([str(folder)])
            self.preview.setHtml(page)

        self.run_op(self.tr("Preparing the preview…"), work, done)

    def accept(self) -> None:
        if self.running:
            return
        try:
            request = self.request()
        except UserError as exc:
            self.warn(error_text(exc))
            return
        reports, actor = self._workstation.reports, self._actor

        def work(progress: TaskProgress) -> ReportResult:
            return reports.generate(actor, request, progress)

        self.run_op(self.tr("Making the report…"), work, self._made, changes=Changed.CUSTODY)

    def _made(self, result: ReportResult) -> None:
        self.last_report = result
        self.outcome.setText(
            self.tr("Report written to %1. Manifest SHA-256 %2, recorded in the custody log.")
            .replace("%1", str(result.path))
            .replace("%2", result.manifest_sha256)
        )
        self.open_button.setEnabled(True)
        self.open_folder_button.setEnabled(True)
        # The same name cannot be used twice: offer the next one.
        self.name_edit.setText(self.name_edit.text() + "_2")

    def open_result(self) -> None:
        if self.last_report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_report.entry_point)))

    def open_folder(self) -> None:
        if self.last_report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_report.path)))

    def _drop_preview_folder(self) -> None:
        if self._preview_folder is not None:
            shutil.rmtree(self._preview_folder, ignore_errors=True)
            self._preview_folder = None

    def done(self, code: int) -> None:
        if not self.running:
            self._drop_preview_folder()
        super().done(code)
