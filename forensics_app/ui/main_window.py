"""The workstation window: case navigator on the left, the evidence of the chosen case in the
centre, the custody log of the case (or item) at the bottom, running tasks in the status bar."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from forensics_app import __version__, config
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services import Workstation
from forensics_app.services.custody import ChainReport
from forensics_app.services.evidence import VerifyReport
from forensics_app.services.records import Actor, CaseRecord, CaseStatus, Role
from forensics_app.ui.blocking_area import BlockingArea
from forensics_app.ui.case_dialogs import CaseDialog
from forensics_app.ui.case_model import (
    CASE_ID_ROLE,
    COL_ITEMS,
    COL_LEAD,
    COL_NUMBER,
    COL_OFFENCE,
    COL_OPENED,
    COL_STATUS,
    COL_TITLE,
    SORT_ROLE,
    CaseListModel,
    status_text,
)
from forensics_app.ui.custody_view import CustodyLogView
from forensics_app.ui.evidence_pane import EvidencePane
from forensics_app.ui.flyer_pane import FlyerPane
from forensics_app.ui.formatting import html_escape, pretty_location, role_text
from forensics_app.ui.i18n import LANGUAGES, normalise
from forensics_app.ui.settings import GuiSettings
from forensics_app.ui.signin_dialog import ExaminerDialog
from forensics_app.ui.task_panel import TaskPanel
from forensics_app.ui.tasks import TaskProgress, TaskRunner

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 15
STATUS_FILTERS = ("open", "closed", "archived", "all")
EVIDENCE_AREA, BLOCKING_AREA = 0, 1


def show_user_error(parent: QWidget | None, exc: BaseException) -> None:
    """A problem the user can fix: say what it is, in a warning, without a traceback."""
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("MainWindow", "Cannot complete the action"),
        describe(exc),
    )


@dataclass
class VerifyOutcome:
    case_number: str
    files: VerifyReport
    chain: ChainReport | None  # None: not checked (cancelled before it started)
    cancelled: bool


# ---- parts of the window ------------------------------------------------------------------
class EmptyState(QWidget):
    """What a first start shows: no cases yet, one obvious thing to do."""

    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(self.tr("No cases yet"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Every seized item, file hash and custody entry belongs to a case.\n"
                "Create the first case to start cataloguing evidence."
            )
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.create_button = QPushButton(self.tr("Create a new case"))
        self.create_button.setMinimumSize(260, 56)
        button_font = QFont(self.create_button.font())
        button_font.setPointSizeF(button_font.pointSizeF() * 1.3)
        button_font.setBold(True)
        self.create_button.setFont(button_font)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.create_button)
        row.addStretch()
        layout.addSpacing(16)
        layout.addLayout(row)
        hint = QLabel(self.tr("Shortcut: Ctrl+N"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addStretch(3)


class CaseFilterProxy(QSortFilterProxyModel):
    """Text filter over number, title, offence and lead examiner; sorts on raw values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class CaseNavigator(QWidget):
    """The list of cases with its text and status filters."""

    case_selected = Signal(int)  # case id, -1 for none
    new_case_requested = Signal()

    def __init__(self, model: CaseListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Cases"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch()
        self.new_button = QPushButton(self.tr("New case"))
        self.new_button.clicked.connect(self.new_case_requested)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search cases (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.addItem(status_text(CaseStatus.OPEN), "open")
        self.status_combo.addItem(status_text(CaseStatus.CLOSED), "closed")
        self.status_combo.addItem(status_text(CaseStatus.ARCHIVED), "archived")
        self.status_combo.addItem(self.tr("All"), "all")
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_combo)
        layout.addLayout(filters)

        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_OPENED, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header_view = self.table.horizontalHeader()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_OFFENCE, COL_LEAD, COL_STATUS):
            # In the tooltip instead: the navigator is narrow and the title matters most.
            self.table.setColumnHidden(column, True)
        for column in (COL_NUMBER, COL_STATUS, COL_ITEMS, COL_OPENED):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        layout.addWidget(self.count_label)

        self.filter_edit.textChanged.connect(self._on_text_filter)
        self.status_combo.currentIndexChanged.connect(self._on_status_filter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)

    # ---- filters -------------------------------------------------------------------------
    def set_status_filter(self, value: str) -> None:
        index = self.status_combo.findData(value if value in STATUS_FILTERS else "open")
        if index == self.status_combo.currentIndex():
            self._on_status_filter()
        else:
            self.status_combo.setCurrentIndex(index)  # reloads through the signal

    def status_filter(self) -> str:
        return str(self.status_combo.currentData())

    @Slot(str)
    def _on_text_filter(self, text: str) -> None:
        selected = self.current_case_id()
        self.proxy.setFilterFixedString(text)
        self._restore(selected)

    @Slot()
    def _on_status_filter(self) -> None:
        value = self.status_filter()
        # The status column only tells something when the list mixes statuses.
        self.table.setColumnHidden(COL_STATUS, value != "all")
        self.model_reload(None if value == "all" else CaseStatus(value))

    def model_reload(self, status: CaseStatus | str | None = "keep") -> None:
        selected = self.current_case_id()
        if isinstance(status, str):
            self.model.reload()
        else:
            self.model.set_status_filter(status)
        self._restore(selected)

    # ---- selection -----------------------------------------------------------------------
    def current_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(CASE_ID_ROLE)
        return int(value) if value is not None else None

    def current_case(self) -> CaseRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.case_at(self.proxy.mapToSource(rows[0]).row())

    def select_case(self, case_id: int | None) -> bool:
        row = self.model.row_of(case_id) if case_id is not None else None
        if row is None:
            if self.current_case_id() is not None:
                self.table.clearSelection()
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _restore(self, case_id: int | None) -> None:
        if not self.select_case(case_id):
            self.case_selected.emit(-1)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        case_id = self.current_case_id()
        self.case_selected.emit(case_id if case_id is not None else -1)

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{n} cases").format(n=total))
        else:
            self.count_label.setText(self.tr("{shown} of {n} cases").format(shown=shown, n=total))


# ---- the window ---------------------------------------------------------------------------
class MainWindow(QMainWindow):
    def __init__(
        self,
        workstation: Workstation,
        actor: Actor,
        runner: TaskRunner,
        settings: GuiSettings | None = None,
        preferences: config.Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workstation = workstation
        self.actor = actor
        self.runner = runner
        self.settings = settings or GuiSettings()
        self.preferences = preferences or config.Preferences.load()
        self._verifying = False  # one verification at a time
        self._current_case: CaseRecord | None = None
        self.setObjectName("MainWindow")

        self.case_model = CaseListModel(workstation, self)
        self.navigator = CaseNavigator(self.case_model)
        self.navigator.setMinimumWidth(300)

        self.empty_state = EmptyState()
        self.evidence_pane = EvidencePane(workstation, actor, runner)
        self.flyer_pane = FlyerPane(workstation, actor, runner)
        # A case's work: its evidence items, and the flyer photos read for phone numbers.
        self.case_tabs = QTabWidget()
        self.case_tabs.setObjectName("caseTabs")
        self.case_tabs.addTab(self.evidence_pane, self.tr("Evidence items"))
        self.case_tabs.addTab(self.flyer_pane, self.tr("Flyer photos (OCR)"))
        self.centre = QStackedWidget()
        self.centre.addWidget(self.empty_state)
        self.centre.addWidget(self.case_tabs)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 940])
        # Two work areas in one window: evidence of a case, and block requests (across cases).
        self.blocking_area = BlockingArea(workstation, actor, runner)
        self.areas = QStackedWidget()
        self.areas.addWidget(self.splitter)
        self.areas.addWidget(self.blocking_area)
        self.setCentralWidget(self.areas)
        self._custody_dock_wanted = True  # the dock's visibility in the evidence area

        self.custody_view = CustodyLogView(workstation)
        self.custody_dock = QDockWidget(self.tr("Chain of custody (CoC) log"), self)
        self.custody_dock.setObjectName("custodyDock")
        self.custody_dock.setWidget(self.custody_view)
        self.custody_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.custody_dock)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()

        self.navigator.case_selected.connect(self._on_case_selected)
        self.navigator.new_case_requested.connect(self.new_case)
        self.empty_state.create_requested.connect(self.new_case)
        self.evidence_pane.item_selected.connect(self._on_item_selected)
        self.evidence_pane.changed.connect(self._on_evidence_changed)
        # An import creates an evidence item; OCR and verdicts change the numbers.
        self.flyer_pane.changed.connect(self.evidence_pane.refresh)
        self.flyer_pane.changed.connect(self._on_evidence_changed)
        self.flyer_pane.numbers_changed.connect(self.blocking_area.refresh)

        self._update_title()
        self._restore_layout()
        self.navigator.set_status_filter(self.settings.case_filter())
        self._update_centre()
        if not self.navigator.select_case(self.settings.last_case(workstation.location)):
            self._on_case_selected(-1)

    # ---- construction --------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide, so a shortcut works whichever pane has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_case_action = self._action(
            self.tr("&New case…"), self.new_case, "Ctrl+N", sp.SP_FileDialogNewFolder,
            self.tr("Open a new case"),
        )  # fmt: skip
        self.edit_case_action = self._action(
            self.tr("&Edit case…"), self.edit_case, None, None,
            self.tr("Change the number, title or notes of the case"),
        )  # fmt: skip
        self.close_case_action = self._action(
            self.tr("&Close case"), self.close_case, None, None,
            self.tr("Mark the case closed: no evidence can be added until it is reopened"),
        )  # fmt: skip
        self.reopen_case_action = self._action(
            self.tr("&Reopen case"), self.reopen_case, None, None,
            self.tr("Open a closed or archived case again"),
        )  # fmt: skip
        self.archive_case_action = self._action(
            self.tr("&Archive case"), self.archive_case, None, None,
            self.tr("Move the case to the archive"),
        )  # fmt: skip
        self.verify_action = self._action(
            self.tr("&Verify case integrity"), self.verify_case, "Ctrl+Shift+V",
            sp.SP_DialogApplyButton,
            self.tr("Re-hash every file of the case and check the custody log"),
        )  # fmt: skip
        self.new_item_action = self._action(
            self.tr("New evidence &item…"), self._new_item, "Ctrl+Shift+N", sp.SP_FileIcon,
            self.tr("Catalogue a seized item in this case"),
        )  # fmt: skip
        self.add_files_action = self._action(
            self.tr("Add &files…"), self._add_files, "Ctrl+O", sp.SP_DialogOpenButton,
            self.tr("Hash and add files or a folder to the selected item"),
        )  # fmt: skip
        self.import_photos_action = self._action(
            self.tr("Import flyer &photos…"), self._import_photos, "Ctrl+Shift+P", None,
            self.tr("Catalogue a folder of flyer photos in this case"),
        )  # fmt: skip
        self.run_ocr_action = self._action(
            self.tr("&Read numbers on photos (OCR)"), self._run_ocr, "Ctrl+Shift+R", None,
            self.tr("Read the phone numbers on the selected photo batch; resumes where it stopped"),
        )  # fmt: skip
        self.edit_item_action = self._action(
            self.tr("Edit selected item…"), self._edit_item, None, None,
            self.tr("Edit the selected evidence item"),
        )  # fmt: skip
        self.find_action = self._action(
            self.tr("&Find case"), self.focus_filter, "Ctrl+F", None,
            self.tr("Search the case list"),
        )  # fmt: skip
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, "F5", sp.SP_BrowserReload,
            self.tr("Read cases, evidence and the custody log again"),
        )  # fmt: skip
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = self._action(self.tr("&About"), self.about, "F1")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.add_examiner_action = self._action(
            self.tr("Add &examiner…"), self.add_examiner, None, None,
            self.tr("Create an account for another examiner"),
        )  # fmt: skip
        # On a team database only administrators may add accounts (the service checks too).
        self.add_examiner_action.setEnabled(
            not self.workstation.is_team_database or self.actor.role == Role.ADMIN
        )
        self.log_folder_action = self._action(
            self.tr("Open &log folder"), self.open_log_folder, None, None,
            self.tr("Show the folder with the log files"),
        )  # fmt: skip

        self.evidence_area_action = self._action(
            self.tr("E&vidence"), self.show_evidence_area, "Ctrl+1", None,
            self.tr("Cases, evidence items and the custody log"),
        )  # fmt: skip
        self.blocking_area_action = self._action(
            self.tr("&Block requests"), self.show_blocking_area, "Ctrl+2", None,
            self.tr("Use-suspension requests for illegal-ad numbers, across all cases"),
        )  # fmt: skip
        self.area_group = QActionGroup(self)
        for action in (self.evidence_area_action, self.blocking_area_action):
            action.setCheckable(True)
            self.area_group.addAction(action)
        self.evidence_area_action.setChecked(True)
        for action in self.blocking_area.actions_with_shortcuts:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            action.triggered.connect(self.show_blocking_area)
        # Evidence actions work on the selected case: show it, whichever area was in front.
        for action in (
            self.new_case_action,
            self.new_item_action,
            self.add_files_action,
            self.edit_item_action,
            self.verify_action,
            self.import_photos_action,
            self.run_ocr_action,
        ):
            action.triggered.connect(self.show_evidence_area)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        current = normalise(self.preferences.language)
        for code, name in LANGUAGES.items():
            action = QAction(name, self.language_group)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_actions[code] = action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_case_action)
        file_menu.addAction(self.new_item_action)
        file_menu.addAction(self.add_files_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        case_menu = bar.addMenu(self.tr("&Case"))
        case_menu.addAction(self.edit_case_action)
        case_menu.addSeparator()
        case_menu.addAction(self.close_case_action)
        case_menu.addAction(self.reopen_case_action)
        case_menu.addAction(self.archive_case_action)
        case_menu.addSeparator()
        case_menu.addAction(self.verify_action)

        evidence_menu = bar.addMenu(self.tr("&Evidence"))
        evidence_menu.addAction(self.new_item_action)
        evidence_menu.addAction(self.add_files_action)
        evidence_menu.addSeparator()
        evidence_menu.addAction(self.import_photos_action)
        evidence_menu.addAction(self.run_ocr_action)
        evidence_menu.addSeparator()
        evidence_menu.addAction(self.edit_item_action)

        area = self.blocking_area
        block_menu = bar.addMenu(self.tr("Block &requests"))
        block_menu.addAction(self.blocking_area_action)
        block_menu.addSeparator()
        for action in area.actions_with_shortcuts[:-1]:
            block_menu.addAction(action)
        block_menu.addSeparator()
        block_menu.addAction(area.add_sighting_action)
        block_menu.addSeparator()
        for action in area.page_actions:
            block_menu.addAction(action)
            action.triggered.connect(self.show_blocking_area)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.evidence_area_action)
        view_menu.addAction(self.blocking_area_action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addAction(self.custody_dock.toggleViewAction())

        settings_menu = bar.addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.add_examiner_action)
        settings_menu.addSeparator()
        language_menu = settings_menu.addMenu(self.tr("&Language (applies after restart)"))
        for action in self.language_actions.values():
            language_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        areas = QToolBar(self.tr("Work areas"), self)
        areas.setObjectName("areaToolbar")
        areas.setMovable(False)
        areas.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        areas.addAction(self.evidence_area_action)
        areas.addAction(self.blocking_area_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, areas)
        self.area_toolbar = areas
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (
            self.new_case_action,
            self.new_item_action,
            self.add_files_action,
            self.verify_action,
            self.refresh_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _create_status_bar(self) -> None:
        bar = self.statusBar()
        role = role_text(self.actor.role)
        self.examiner_label = QLabel(
            self.tr("Examiner: {label} · {role}").format(label=self.actor.label, role=role)
        )
        kind = self.tr("Team DB") if self.workstation.is_team_database else self.tr("Local DB")
        # workstation.location never contains a password (the services hide it).
        self.database_label = QLabel(f"{kind}: {pretty_location(self.workstation.location)}")
        self.database_label.setToolTip(self.workstation.location)
        self.task_panel = TaskPanel(self.runner)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        # Permanent widgets: temporary messages (status tips, "case created") take the free
        # space on the left instead of painting over who is signed in.
        bar.addPermanentWidget(self.task_panel)
        bar.addPermanentWidget(self.examiner_label)
        bar.addPermanentWidget(separator)
        bar.addPermanentWidget(self.database_label)

    # ---- layout memory -------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 840)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter_state()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        # Saved as the evidence area looks, so the custody dock comes back as the user left it.
        self.show_evidence_area()
        self.settings.save_window(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        self.settings.set_case_filter(self.navigator.status_filter())
        current = self.navigator.current_case_id()
        if current is not None:
            self.settings.set_last_case(self.workstation.location, current)

    # ---- state ---------------------------------------------------------------------------
    def current_case(self) -> CaseRecord | None:
        return self._current_case

    @Slot(int)
    def _on_case_selected(self, case_id: int) -> None:
        self._current_case = self.navigator.current_case() if case_id >= 0 else None
        case = self._current_case
        self.evidence_pane.set_case(case.id if case else None)
        self.flyer_pane.set_case(case.id if case else None)
        self.custody_view.show_case(case.id if case else None)
        if case is not None:
            self.settings.set_last_case(self.workstation.location, case.id)
        self.blocking_area.set_case_number(case.number if case else "")
        self._update_actions()
        self._update_title()

    @Slot(int)
    def _on_item_selected(self, item_id: int) -> None:
        if item_id >= 0:
            self.custody_view.show_item(item_id)
        else:
            case = self._current_case
            self.custody_view.show_case(case.id if case else None)
        self._update_actions()

    @Slot()
    def _on_evidence_changed(self) -> None:
        # Item counts in the case list and the custody log follow every write.
        self._refresh_current_case()
        self.custody_view.refresh()

    def _refresh_current_case(self) -> None:
        case = self._current_case
        if case is None:
            return
        try:
            record = self.workstation.cases.get(case.id)
        except UserError:
            self.reload_cases()
            return
        self.case_model.update_case(record)
        self._current_case = record
        self._update_actions()

    def _update_actions(self) -> None:
        case = self._current_case
        has_case = case is not None
        is_open = case is not None and case.status == CaseStatus.OPEN
        self.edit_case_action.setEnabled(has_case)
        self.close_case_action.setEnabled(is_open)
        self.reopen_case_action.setEnabled(has_case and not is_open)
        self.archive_case_action.setEnabled(case is not None and case.status != CaseStatus.ARCHIVED)
        self.verify_action.setEnabled(has_case and not self._verifying)
        self.import_photos_action.setEnabled(is_open)
        self.run_ocr_action.setEnabled(has_case)
        self.new_item_action.setEnabled(is_open)
        has_item = self._selected_item_id() is not None
        self.add_files_action.setEnabled(is_open and has_item)
        self.edit_item_action.setEnabled(has_item)

    def _selected_item_id(self) -> int | None:
        return self.evidence_pane.selected_item_id()

    def _update_title(self) -> None:
        title = self.tr("Forensics Workstation")
        case = self._current_case
        if self.in_blocking_area:
            title = f"{self.tr('Block requests')} — {title}"
        elif case is not None:
            title = f"{case.number} {case.title} — {title}"
        self.setWindowTitle(title)

    def _update_centre(self) -> None:
        """The empty state only when the database holds no case at all (not merely none
        matching the filter)."""
        has_cases = self.case_model.rowCount() > 0 or bool(self.workstation.cases.list())
        self.centre.setCurrentWidget(self.case_tabs if has_cases else self.empty_state)

    def reload_cases(self) -> None:
        self.navigator.model_reload()
        self._update_centre()

    # ---- case actions --------------------------------------------------------------------
    @Slot()
    def new_case(self) -> None:
        dialog = CaseDialog(self.workstation, self.actor, None, self)
        if dialog.exec() != CaseDialog.DialogCode.Accepted or dialog.record is None:
            return
        created = dialog.record
        if self.navigator.status_filter() not in ("open", "all"):
            self.navigator.set_status_filter("open")
        self.reload_cases()
        self.navigator.select_case(created.id)
        self.statusBar().showMessage(
            self.tr("Case {number} created.").format(number=created.number), 8000
        )

    @Slot()
    def edit_case(self) -> None:
        case = self._current_case
        if case is None:
            return
        dialog = CaseDialog(self.workstation, self.actor, case, self)
        if dialog.exec() == CaseDialog.DialogCode.Accepted and dialog.record is not None:
            self.case_model.update_case(dialog.record)
            self._current_case = dialog.record
            self._after_case_write()

    @Slot()
    def close_case(self) -> None:
        case = self._current_case
        if case is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Close case"),
            self.tr(
                "Close case {number}?\n\nNo evidence can be added to a closed case until it is "
                "reopened. The closing is recorded in the custody log."
            ).format(number=case.number),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_status(case, CaseStatus.CLOSED)

    @Slot()
    def reopen_case(self) -> None:
        case = self._current_case
        if case is not None:
            self._set_status(case, CaseStatus.OPEN)

    @Slot()
    def archive_case(self) -> None:
        case = self._current_case
        if case is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Archive case"),
            self.tr(
                "Archive case {number}?\n\nArchived cases are hidden from the open list; they "
                "can be reopened."
            ).format(number=case.number),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_status(case, CaseStatus.ARCHIVED)

    def _set_status(self, case: CaseRecord, status: CaseStatus) -> None:
        try:
            record = self.workstation.cases.set_status(self.actor, case.id, status)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.statusBar().showMessage(
            self.tr("Case {number} is now {status}.").format(
                number=record.number, status=status_text(record.status)
            ),
            8000,
        )
        filter_value = self.navigator.status_filter()
        if filter_value not in ("all", record.status.value):
            # Follow the case to its new list, so the user sees what happened to it.
            self.navigator.set_status_filter(record.status.value)
        else:
            self.reload_cases()
        self.navigator.select_case(record.id)
        self._current_case = record
        self._after_case_write()

    def _after_case_write(self) -> None:
        self._update_actions()
        self._update_title()
        self.custody_view.refresh()
        if self._current_case is not None:
            self.evidence_pane.set_case(self._current_case.id)

    # ---- evidence actions (the pane does the work) ---------------------------------------
    @Slot()
    def _new_item(self) -> None:
        if self.new_item_action.isEnabled():
            self.evidence_pane.add_item()

    @Slot()
    def _import_photos(self) -> None:
        if self.import_photos_action.isEnabled():
            self.case_tabs.setCurrentWidget(self.flyer_pane)
            self.flyer_pane.import_photos()

    @Slot()
    def _run_ocr(self) -> None:
        if self.run_ocr_action.isEnabled():
            self.case_tabs.setCurrentWidget(self.flyer_pane)
            self.flyer_pane.run_ocr()

    @Slot()
    def _add_files(self) -> None:
        if self.add_files_action.isEnabled():
            self.evidence_pane.add_files()

    @Slot()
    def _edit_item(self) -> None:
        if self.edit_item_action.isEnabled():
            self.evidence_pane.edit_selected()

    # ---- verification --------------------------------------------------------------------
    @Slot()
    def verify_case(self) -> None:
        case = self._current_case
        if case is None or self._verifying:
            return
        workstation, actor = self.workstation, self.actor

        def work(progress: TaskProgress) -> VerifyOutcome:
            # Files, the chain and its signed checkpoints: the same service call as the CLI's.
            done = workstation.verification.verify(actor, case_id=case.id, progress=progress)
            files = done.files if done.files is not None else VerifyReport()
            return VerifyOutcome(case.number, files, done.chain, cancelled=done.cancelled)

        self.statusBar().showMessage(self.tr("Verifying case {number}…").format(number=case.number))
        # Set before run(): a synchronous runner finishes (and clears it) inside run().
        self._verifying = True
        self.runner.run(
            self.tr("Verify {number}").format(number=case.number),
            work,
            on_success=self._verify_done,
            on_failure=self._verify_failed,
        )
        self._update_actions()

    def _verify_finished(self) -> None:
        self._verifying = False
        self._update_actions()
        self._refresh_current_case()
        self.evidence_pane.refresh()
        self.custody_view.refresh()

    def _verify_failed(self, exc: BaseException) -> None:
        self._verify_finished()
        self.statusBar().clearMessage()
        if isinstance(exc, UserError):
            show_user_error(self, exc)
        else:
            # A bug, not a finding: the crash handler logs it and shows its one dialog.
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _verify_done(self, outcome: VerifyOutcome) -> None:
        self._verify_finished()
        self.statusBar().clearMessage()
        self.report_verification(outcome)

    def report_verification(self, outcome: VerifyOutcome) -> None:
        """A failed check must be impossible to miss: a critical box naming every failure."""
        files, chain = outcome.files, outcome.chain
        chain_bad = chain is not None and not chain.ok
        if files.problems or chain_bad:
            log.error(
                "Verification of case %s FAILED: %d file problems, chain %s",
                outcome.case_number,
                len(files.problems),
                "broken" if chain_bad else ("not checked" if chain is None else "intact"),
            )
            QMessageBox.critical(
                self,
                self.tr("INTEGRITY CHECK FAILED — case {number}").format(
                    number=outcome.case_number
                ),
                self._failure_html(outcome),
            )
            return
        if outcome.cancelled:
            log.info("Verification of case %s cancelled", outcome.case_number)
            self.statusBar().showMessage(
                self.tr(
                    "Verification of case {number} cancelled after {n} files; no problem found "
                    "so far."
                ).format(number=outcome.case_number, n=files.files_checked),
                15000,
            )
            return
        entries = chain.entries_checked if chain is not None else 0
        log.info(
            "Verification of case %s passed: %d files, %d custody entries",
            outcome.case_number,
            files.files_checked,
            entries,
        )
        QMessageBox.information(
            self,
            self.tr("Verification passed — case {number}").format(number=outcome.case_number),
            self.tr(
                "All {n} files match their catalogued SHA-256 and MD5 hashes.\n"
                "The custody log is intact ({entries} entries checked)."
            ).format(n=files.files_checked, entries=entries),
        )

    def _failure_html(self, outcome: VerifyOutcome) -> str:
        """Rich text, so the verdict stands out in red above the list of what failed."""
        files, chain = outcome.files, outcome.chain
        parts = [
            '<p style="color:#b00020; font-size:x-large; font-weight:bold;">'
            + html_escape(
                self.tr("INTEGRITY CHECK FAILED — case {number}").format(number=outcome.case_number)
            )
            + "</p>"
        ]
        if files.problems:
            parts.append(
                "<p><b>"
                + html_escape(
                    self.tr("{n} of {total} files FAILED verification:").format(
                        n=len(files.problems), total=files.files_checked
                    )
                )
                + "</b></p><ul>"
            )
            for problem in files.problems[:MAX_PROBLEMS_SHOWN]:
                parts.append(
                    f"<li>{html_escape(problem.exhibit_number)}: {html_escape(problem.path)} — "
                    f'<b style="color:#b00020;">{html_escape(_result_text(problem.result.value))}'
                    "</b></li>"
                )
            parts.append("</ul>")
            if len(files.problems) > MAX_PROBLEMS_SHOWN:
                more = self.tr("  … and {n} more (all are listed in the log file)")
                parts.append(
                    f"<p>{html_escape(more.format(n=len(files.problems) - MAX_PROBLEMS_SHOWN))}</p>"
                )
        if chain is not None and not chain.ok:
            parts.append(
                "<p><b>"
                + html_escape(
                    self.tr("The custody log is BROKEN ({n} problems):").format(
                        n=chain.problem_count
                    )
                )
                + "</b></p><ul>"
            )
            parts.extend(
                f"<li>{html_escape(p.message)}</li>" for p in chain.problems[:MAX_PROBLEMS_SHOWN]
            )
            parts.append("</ul>")
        if outcome.cancelled:
            cancelled = self.tr("The check was cancelled before it finished.")
            parts.append(f"<p>{html_escape(cancelled)}</p>")
        advice = self.tr("Do not use this evidence until the cause is found. Details: {log}")
        parts.append(f"<p><b>{html_escape(advice.format(log=config.log_dir()))}</b></p>")
        return "".join(parts)

    # ---- view ----------------------------------------------------------------------------
    @Slot()
    def focus_filter(self) -> None:
        if self.in_blocking_area:
            self.blocking_area.focus_search()
            return
        self.navigator.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigator.filter_edit.selectAll()

    @Slot()
    def refresh(self) -> None:
        if self.in_blocking_area:
            self.blocking_area.refresh()
            return
        self.reload_cases()
        case_id = self.navigator.current_case_id()
        self._current_case = self.navigator.current_case()
        if case_id is not None:
            self.evidence_pane.refresh()
        self.custody_view.refresh()
        self._update_actions()

    # ---- work areas ----------------------------------------------------------------------
    @property
    def in_blocking_area(self) -> bool:
        return self.areas.currentIndex() == BLOCKING_AREA

    @Slot()
    def show_evidence_area(self) -> None:
        self._show_area(EVIDENCE_AREA)

    @Slot()
    def show_blocking_area(self) -> None:
        self._show_area(BLOCKING_AREA)

    def _show_area(self, area: int) -> None:
        if area == self.areas.currentIndex():
            return
        blocking = area == BLOCKING_AREA
        if blocking:
            # The custody log follows the selected case: no use beside requests across cases.
            self._custody_dock_wanted = self.custody_dock.isVisible()
            self.custody_dock.hide()
        elif self._custody_dock_wanted:
            self.custody_dock.show()
        self.areas.setCurrentIndex(area)
        self.toolbar.setVisible(not blocking)
        (self.blocking_area_action if blocking else self.evidence_area_action).setChecked(True)
        self._update_title()

    def set_language(self, code: str) -> None:
        code = normalise(code)
        if code == normalise(self.preferences.language):
            return
        self.preferences.language = code
        try:
            self.preferences.save()
        except OSError as exc:
            show_user_error(self, exc)
            return
        log.info("UI language set to %s (applies after restart)", code)
        self.statusBar().showMessage(
            self.tr(
                "Language set to {name}. It takes effect when the program is restarted."
            ).format(name=LANGUAGES[code]),
            15000,
        )

    @Slot()
    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Forensics Workstation"),
            self.tr(
                "<h3>Forensics Workstation {version}</h3>"
                "<p>Cases, seized evidence, integrity hashes (SHA-256 + MD5) and a "
                "tamper-evident chain of custody log.</p>"
                "<p>Database: {location}<br>Examiner: {examiner}<br>Log files: {logs}</p>"
            ).format(
                version=__version__,
                location=html_escape(self.workstation.location),
                examiner=html_escape(self.actor.label),
                logs=html_escape(str(config.log_dir())),
            ),
        )

    @Slot()
    def add_examiner(self) -> None:
        dialog = ExaminerDialog(self.workstation, self.actor, self)
        if dialog.exec() == ExaminerDialog.DialogCode.Accepted and dialog.created is not None:
            self.statusBar().showMessage(
                self.tr("Examiner {label} added.").format(label=dialog.created.label), 8000
            )
            self.custody_view.refresh()

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.log_dir())))

    # ---- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.runner.active_tasks
        if running:
            answer = QMessageBox.question(
                self,
                self.tr("Tasks are running"),
                self.tr(
                    "{n} task(s) still running. Cancel them and quit?\n\nWork finished so far "
                    "stays recorded."
                ).format(n=len(running)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.runner.cancel_all()
            # Tasks check the cancel flag between blocks of a file, so this is short.
            self.runner.wait(30_000)
        self.save_layout()
        event.accept()


def _result_text(value: str) -> str:
    labels = {
        "mismatch": QCoreApplication.translate("MainWindow", "HASH MISMATCH"),
        "missing": QCoreApplication.translate("MainWindow", "file missing"),
        "unreadable": QCoreApplication.translate("MainWindow", "unreadable"),
        "changed_while_reading": QCoreApplication.translate(
            "MainWindow", "changed while being read"
        ),
        "ok": QCoreApplication.translate("MainWindow", "OK"),
    }
    return labels.get(value, value)
