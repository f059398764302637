"""The workstation window: work areas side by side (Evidence first: the case list, the chosen
case's tabs and its custody log; then Block requests), menus, toolbars and the status bar.

Screens are registered, not wired: a work area is `add_work_area(widget, title, shortcut)`, a tab
of the case is `add_case_tab(widget, title)` (the window calls `widget.set_case(case_id)`), and a
menu entry is `add_menu_action("evidence", …)`. Views refresh themselves from the change bus
(UiContext.bus), so nothing here tells one screen that another changed something.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QProcess, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from forensics_app import __version__, config
from forensics_app.errors import UserError
from forensics_app.services.records import CaseRecord, CaseStatus, Role
from forensics_app.ui.blocking_area import BlockingArea
from forensics_app.ui.case_dialogs import CaseDialog
from forensics_app.ui.case_model import CaseListModel, status_text
from forensics_app.ui.case_navigator import CaseNavigator, EmptyState
from forensics_app.ui.custody_view import CustodyLogView
from forensics_app.ui.evidence_pane import EvidencePane
from forensics_app.ui.i18n import LANGUAGES, normalise
from forensics_app.ui.settings import GuiSettings
from forensics_app.ui.signin_dialog import ExaminerDialog
from forensics_app.ui.task_panel import TaskPanel
from forensics_app.ui.verification import verify_anchor, verify_case, verify_report
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import html_escape, pretty_location, role_text
from forensics_app.ui.widgets.lazy import LazyTab
from forensics_app.ui.widgets.messages import show_error
from forensics_app.ui.widgets.paths import choose_file, choose_folder

if TYPE_CHECKING:
    from forensics_app.ui.cctv_pane import CctvPane
    from forensics_app.ui.device_area import DeviceDataArea
    from forensics_app.ui.flyer_pane import FlyerPane

log = logging.getLogger(__name__)

EVIDENCE_AREA, BLOCKING_AREA = 0, 1
MENU_ORDER = ("file", "case", "evidence", "view", "settings", "help")


# Each case tab's screen module is imported only when the tab is first built.
def _flyer_pane_builder(ctx: UiContext) -> Callable[[], FlyerPane]:
    def build() -> FlyerPane:
        from forensics_app.ui.flyer_pane import FlyerPane

        return FlyerPane(ctx)

    return build


def _device_area_builder(ctx: UiContext) -> Callable[[], DeviceDataArea]:
    def build() -> DeviceDataArea:
        from forensics_app.ui.device_area import DeviceDataArea

        return DeviceDataArea(ctx)

    return build


def _cctv_pane_builder(ctx: UiContext) -> Callable[[], CctvPane]:
    def build() -> CctvPane:
        from forensics_app.ui.cctv_pane import CctvPane

        return CctvPane(ctx)

    return build


def show_user_error(parent: QWidget | None, exc: BaseException) -> None:
    """A problem the user can fix: say what it is, in a warning, without a traceback."""
    show_error(parent, exc, QCoreApplication.translate("MainWindow", "Cannot complete the action"))


class CaseTab(Protocol):
    def set_case(self, case_id: int | None) -> None: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: UiContext,
        settings: GuiSettings | None = None,
        preferences: config.Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workstation = ctx.workstation
        self.actor = ctx.actor
        self.runner = ctx.runner
        self.settings = settings or GuiSettings()
        self.preferences = preferences or config.Preferences.load()
        self._verifying = False  # one verification at a time
        self._current_case: CaseRecord | None = None
        self._case_tabs: list[CaseTab] = []
        self._areas: list[QWidget] = []
        self._area_toolbars: dict[int, QToolBar] = {}
        self._menus: dict[str, QMenu] = {}
        self.setObjectName("MainWindow")

        # ---- the evidence area: cases on the left, the chosen case's tabs in the centre ----
        self.case_model = CaseListModel(self.workstation, self)
        self.navigator = CaseNavigator(self.case_model)
        self.navigator.setMinimumWidth(300)
        self.empty_state = EmptyState()
        self.case_tabs = QTabWidget()
        self.case_tabs.setObjectName("caseTabs")
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
        self.areas = QStackedWidget()
        self.setCentralWidget(self.areas)

        self.custody_view = CustodyLogView(ctx)
        self.custody_dock = QDockWidget(self.tr("Chain of custody (CoC) log"), self)
        self.custody_dock.setObjectName("custodyDock")
        self.custody_dock.setWidget(self.custody_view)
        self.custody_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.custody_dock)
        self._custody_dock_wanted = True  # the dock's visibility in the evidence area

        self.area_group = QActionGroup(self)
        self.area_toolbar = QToolBar(self.tr("Work areas"), self)
        self.area_toolbar.setObjectName("areaToolbar")
        self.area_toolbar.setMovable(False)
        self.area_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.area_toolbar)
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        for key in MENU_ORDER:
            self.menu(key)

        self._create_actions()
        self.evidence_area_action = self.add_work_area(
            self.splitter, self.tr("E&vidence"), "Ctrl+1",
            self.tr("Cases, evidence items and the custody log"), toolbar=self.toolbar,
        )  # fmt: skip
        self.evidence_pane = EvidencePane(ctx)
        self.add_case_tab(self.evidence_pane, self.tr("Evidence items"))
        # The other case tabs are built when first shown (see LazyTab): start-up loads only
        # what the evidence list needs.
        self.flyer_tab: LazyTab[FlyerPane] = LazyTab(_flyer_pane_builder(ctx))
        self.add_case_tab(self.flyer_tab, self.tr("Flyer photos (OCR)"))
        self.device_tab: LazyTab[DeviceDataArea] = LazyTab(_device_area_builder(ctx))
        self.add_case_tab(self.device_tab, self.tr("Seized phones"))
        self.cctv_tab: LazyTab[CctvPane] = LazyTab(_cctv_pane_builder(ctx))
        self.add_case_tab(self.cctv_tab, self.tr("CCTV"))
        self.device_tab.built.connect(self._wire_device_area)
        self.blocking_area = BlockingArea(ctx)
        self.blocking_area_action = self.add_work_area(
            self.blocking_area, self.tr("&Block requests"), "Ctrl+2",
            self.tr("Use-suspension requests for illegal-ad numbers, across all cases"),
        )  # fmt: skip
        self._add_blocking_menu()
        self._fill_menus()
        self._fill_toolbar()
        self._create_status_bar()

        self.navigator.case_selected.connect(self._on_case_selected)
        self.navigator.new_case_requested.connect(self.new_case)
        self.empty_state.create_requested.connect(self.new_case)
        self.evidence_pane.item_selected.connect(self._on_item_selected)
        ctx.bus.subscribe(self._on_changes)

        self._update_title()
        self._restore_layout()
        self.navigator.set_status_filter(self.settings.case_filter())
        self._update_centre()
        if not self.navigator.select_case(self.settings.last_case(self.workstation.location)):
            self._on_case_selected(-1)

    # ---- registering screens ---------------------------------------------------------------
    def add_work_area(
        self,
        widget: QWidget,
        title: str,
        shortcut: str = "",
        tip: str = "",
        toolbar: QToolBar | None = None,
    ) -> QAction:
        """A work area beside Evidence (block requests; device data, CCTV and reports next): an
        entry in the work-area bar and the View menu. The window calls, when the widget has
        them, `refresh()` on F5, `focus_search()` on Ctrl+F and `set_case(CaseRecord | None)`
        when the selected case changes; `toolbar` shows only while the area is in front."""
        index = self.areas.addWidget(widget)
        self._areas.append(widget)
        action = self._action(title, lambda: self.show_area(index), shortcut, None, tip)
        action.setCheckable(True)
        action.setChecked(index == self.areas.currentIndex())
        self.area_group.addAction(action)
        self.area_toolbar.addAction(action)
        if toolbar is not None:
            self._area_toolbars[index] = toolbar
            toolbar.setVisible(index == self.areas.currentIndex())
        return action

    @property
    def flyer_pane(self) -> FlyerPane:
        return self.flyer_tab.content()

    @property
    def device_area(self) -> DeviceDataArea:
        return self.device_tab.content()

    @property
    def cctv_pane(self) -> CctvPane:
        return self.cctv_tab.content()

    def _wire_device_area(self, area: QWidget) -> None:
        # A clip chosen on the phones' timeline opens in the case's CCTV tab.
        area.timeline.clip_requested.connect(self.show_clip)  # type: ignore[attr-defined]

    def show_clip(self, clip_id: int) -> None:
        """Bring the CCTV tab forward with the clip `clip_id` selected."""
        self.case_tabs.setCurrentWidget(self.cctv_tab)
        if not self.cctv_pane.select_clip(clip_id):
            self.statusBar().showMessage(
                self.tr("That clip is not in the CCTV list of this case."), 8000
            )

    def show_case_tab(self, screen: QWidget) -> None:
        """Bring the case tab showing `screen` to the front (built lazily or not)."""
        for index in range(self.case_tabs.count()):
            tab = self.case_tabs.widget(index)
            if tab is screen or (
                isinstance(tab, LazyTab) and tab.is_built and tab.content() is screen
            ):
                self.case_tabs.setCurrentIndex(index)
                return

    def add_case_tab(self, widget: QWidget, title: str) -> int:
        """A tab of the chosen case (beside its evidence items); `widget.set_case(case_id or
        None)` is called whenever the case changes."""
        self._case_tabs.append(widget)  # type: ignore[arg-type]
        return self.case_tabs.addTab(widget, title)

    def menu(self, key: str, title: str = "") -> QMenu:
        """The menu `key` ("file", "case", "evidence", "view", "settings", "help", or a new one
        titled `title`, placed before Help)."""
        found = self._menus.get(key)
        if found is not None:
            return found
        titles = {
            "file": self.tr("&File"),
            "case": self.tr("&Case"),
            "evidence": self.tr("&Evidence"),
            "view": self.tr("&View"),
            "settings": self.tr("&Settings"),
            "help": self.tr("&Help"),
        }
        created = QMenu(titles.get(key, title or key), self)
        help_menu = self._menus.get("help")
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu.menuAction(), created)
        else:
            self.menuBar().addMenu(created)
        self._menus[key] = created
        return created

    def add_menu_action(
        self,
        menu: str,
        text: str,
        slot: Callable[[], Any],
        shortcut: str | None = None,
        tip: str = "",
        area: QWidget | None = None,
    ) -> QAction:
        """A window-wide action in `menu`; with `area`, triggering it brings that area to front."""
        action = self._action(text, slot, shortcut, None, tip)
        self.menu(menu).addAction(action)
        if area is not None:
            action.triggered.connect(lambda _checked=False: self.show_area_widget(area))
        return action

    # ---- construction ------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
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
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        a = self._action
        self.new_case_action = a(
            self.tr("&New case…"), self.new_case, "Ctrl+N", sp.SP_FileDialogNewFolder,
            self.tr("Open a new case"),
        )  # fmt: skip
        self.edit_case_action = a(
            self.tr("&Edit case…"), self.edit_case, None, None,
            self.tr("Change the number, title or notes of the case"),
        )  # fmt: skip
        self.close_case_action = a(
            self.tr("&Close case"), self.close_case, None, None,
            self.tr("Mark the case closed: no evidence can be added until it is reopened"),
        )  # fmt: skip
        self.reopen_case_action = a(
            self.tr("&Reopen case"), self.reopen_case, None, None,
            self.tr("Open a closed or archived case again"),
        )  # fmt: skip
        self.archive_case_action = a(
            self.tr("&Archive case"), self.archive_case, None, None,
            self.tr("Move the case to the archive"),
        )  # fmt: skip
        self.verify_action = a(
            self.tr("&Verify case integrity"), self.verify_case, "Ctrl+Shift+V",
            sp.SP_DialogApplyButton,
            self.tr("Re-hash every file of the case and check the custody log"),
        )  # fmt: skip
        self.verify_report_action = a(
            self.tr("Verify a report &folder…"), self.verify_report, None, None,
            self.tr("Check a written report's files against its manifest and the custody log"),
        )  # fmt: skip
        self.verify_anchor_action = a(
            self.tr("Verify the custody log against a &package or report…"),
            self.verify_anchor, None, None,
            self.tr(
                "Check the custody log against the head signed into a submission package or a "
                "report that left this workstation"
            ),
        )  # fmt: skip
        self.new_item_action = a(
            self.tr("New evidence &item…"), self._new_item, "Ctrl+Shift+N", sp.SP_FileIcon,
            self.tr("Catalogue a seized item in this case"),
        )  # fmt: skip
        self.add_files_action = a(
            self.tr("Add &files…"), self._add_files, "Ctrl+O", sp.SP_DialogOpenButton,
            self.tr("Hash and add files or a folder to the selected item"),
        )  # fmt: skip
        self.import_photos_action = a(
            self.tr("Import flyer &photos…"), self._import_photos, "Ctrl+Shift+P", None,
            self.tr("Catalogue a folder of flyer photos in this case"),
        )  # fmt: skip
        self.import_device_action = a(
            self.tr("Import &phone data…"), self._import_device_data, "Ctrl+Shift+D", None,
            self.tr("Import a seized phone's databases, a backup, an archive or a UFDR report"),
        )  # fmt: skip
        self.report_action = a(
            self.tr("Case &report…"), self._make_report, "Ctrl+Shift+T", None,
            self.tr("Write a report of the case (HTML, PDF, Excel, CSV) that anyone can verify"),
        )  # fmt: skip
        self.run_ocr_action = a(
            self.tr("&Read numbers on photos (OCR)"), self._run_ocr, "Ctrl+Shift+R", None,
            self.tr("Read the phone numbers on the selected photo batch; resumes where it stopped"),
        )  # fmt: skip
        self.edit_item_action = a(
            self.tr("Edit selected item…"), self._edit_item, None, None,
            self.tr("Edit the selected evidence item"),
        )  # fmt: skip
        self.withdraw_item_action = a(
            self.tr("&Withdraw selected item…"), self._withdraw_item, None, None,
            self.tr("The item was catalogued by mistake: withdraw it (kept, never deleted)"),
        )  # fmt: skip
        self.find_action = a(
            self.tr("&Find case"), self.focus_filter, "Ctrl+F", None,
            self.tr("Search the case list"),
        )  # fmt: skip
        self.refresh_action = a(
            self.tr("&Refresh"), self.refresh, "F5", sp.SP_BrowserReload,
            self.tr("Read cases, evidence and the custody log again"),
        )  # fmt: skip
        self.quit_action = a(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = a(self.tr("&About"), self.about, "F1")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.add_examiner_action = a(
            self.tr("Add &examiner…"), self.add_examiner, None, None,
            self.tr("Create an account for another examiner"),
        )  # fmt: skip
        # On a team database only administrators may add accounts (the service checks too).
        self.add_examiner_action.setEnabled(
            not self.workstation.is_team_database or self.actor.role == Role.ADMIN
        )
        self.log_folder_action = a(
            self.tr("Open &log folder"), self.open_log_folder, None, None,
            self.tr("Show the folder with the log files"),
        )  # fmt: skip
        # Evidence actions work on the selected case: show it, whichever area was in front.
        for action in (
            self.new_case_action,
            self.new_item_action,
            self.add_files_action,
            self.edit_item_action,
            self.withdraw_item_action,
            self.verify_action,
            self.import_photos_action,
            self.run_ocr_action,
            self.import_device_action,
            self.report_action,
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

    def _fill_menus(self) -> None:
        file_menu = self.menu("file")
        for action in (self.new_case_action, self.new_item_action, self.add_files_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        case_menu = self.menu("case")
        case_menu.addAction(self.edit_case_action)
        case_menu.addSeparator()
        for action in (self.close_case_action, self.reopen_case_action, self.archive_case_action):
            case_menu.addAction(action)
        case_menu.addSeparator()
        case_menu.addAction(self.verify_action)
        case_menu.addAction(self.report_action)
        case_menu.addAction(self.verify_report_action)
        case_menu.addAction(self.verify_anchor_action)

        evidence_menu = self.menu("evidence")
        evidence_menu.addAction(self.new_item_action)
        evidence_menu.addAction(self.add_files_action)
        evidence_menu.addSeparator()
        evidence_menu.addAction(self.import_photos_action)
        evidence_menu.addAction(self.run_ocr_action)
        evidence_menu.addAction(self.import_device_action)
        evidence_menu.addSeparator()
        evidence_menu.addAction(self.edit_item_action)
        evidence_menu.addAction(self.withdraw_item_action)

        view_menu = self.menu("view")
        for action in self.area_group.actions():
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addAction(self.custody_dock.toggleViewAction())

        settings_menu = self.menu("settings")
        settings_menu.addAction(self.add_examiner_action)
        settings_menu.addSeparator()
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        for action in self.language_actions.values():
            language_menu.addAction(action)

        help_menu = self.menu("help")
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _add_blocking_menu(self) -> None:
        area = self.blocking_area
        block_menu = self.menu("blocking", self.tr("Block &requests"))
        block_menu.addAction(self.blocking_area_action)
        block_menu.addSeparator()
        for action in area.actions_with_shortcuts:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            action.triggered.connect(self.show_blocking_area)
        for action in area.actions_with_shortcuts[:-1]:
            block_menu.addAction(action)
        block_menu.addSeparator()
        block_menu.addAction(area.add_sighting_action)
        block_menu.addSeparator()
        for action in area.page_actions:
            block_menu.addAction(action)
            action.triggered.connect(self.show_blocking_area)

    def _fill_toolbar(self) -> None:
        for action in (
            self.new_case_action,
            self.new_item_action,
            self.add_files_action,
            self.verify_action,
            self.refresh_action,
        ):
            self.toolbar.addAction(action)

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
        for tab in self._case_tabs:
            tab.set_case(case.id if case else None)
        self.custody_view.show_case(case.id if case else None)
        if case is not None:
            self.settings.set_last_case(self.workstation.location, case.id)
        for area in self._areas:
            follow = getattr(area, "set_case", None)
            if callable(follow):
                follow(case)
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

    def _on_changes(self, changed: Changed, _initiator: object) -> None:
        # Item counts and status in the case list follow every write.
        if changed & (Changed.CASES | Changed.ITEMS):
            self._refresh_current_case()
        else:
            self._update_actions()

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
        self.import_device_action.setEnabled(is_open)
        self.report_action.setEnabled(has_case)
        self.new_item_action.setEnabled(is_open)
        has_item = self.evidence_pane.selected_item_id() is not None
        self.add_files_action.setEnabled(is_open and has_item)
        self.edit_item_action.setEnabled(has_item)
        self.withdraw_item_action.setEnabled(has_item)

    def _update_title(self) -> None:
        title = self.tr("Forensics Workstation")
        case = self._current_case
        area = self.areas.currentWidget()
        if area is not None and area is not self.splitter:
            action = self.area_group.actions()[self.areas.currentIndex()]
            title = f"{action.text().replace('&', '')} — {title}"
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
        self.ctx.bus.notify(Changed.CASES | Changed.CUSTODY, self)
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
        case = self._current_case
        if case is not None:
            for tab in self._case_tabs:
                tab.set_case(case.id)
        self.ctx.bus.notify(Changed.CASES | Changed.CUSTODY, self)

    # ---- evidence actions (the panes do the work) ----------------------------------------
    def _new_item(self) -> None:
        if self.new_item_action.isEnabled():
            self.show_case_tab(self.evidence_pane)
            self.evidence_pane.add_item()

    def _import_photos(self) -> None:
        if self.import_photos_action.isEnabled():
            self.show_case_tab(self.flyer_pane)
            self.flyer_pane.import_photos()

    def _import_device_data(self) -> None:
        if self.import_device_action.isEnabled():
            self.show_case_tab(self.device_area)
            # Into the phone selected in the evidence list, when one is (the usual order:
            # catalogue the seized phone, then import what was extracted from it).
            self.device_area.open_import_dialog(item_id=self.evidence_pane.selected_item_id())

    def _make_report(self) -> None:
        case = self._current_case
        if case is None or not self.report_action.isEnabled():
            return
        from forensics_app.ui.report_dialog import ReportDialog  # reports load on first use

        dialog = ReportDialog(self.ctx, case, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _run_ocr(self) -> None:
        if self.run_ocr_action.isEnabled():
            self.show_case_tab(self.flyer_pane)
            self.flyer_pane.run_ocr()

    def _add_files(self) -> None:
        if self.add_files_action.isEnabled():
            self.evidence_pane.add_files()

    def _edit_item(self) -> None:
        if self.edit_item_action.isEnabled():
            self.evidence_pane.edit_selected()

    def _withdraw_item(self) -> None:
        if self.withdraw_item_action.isEnabled():
            self.evidence_pane.withdraw()

    # ---- verification --------------------------------------------------------------------
    @Slot()
    def verify_case(self) -> None:
        case = self._current_case
        if case is None or self._verifying:
            return
        self.statusBar().showMessage(self.tr("Verifying case {number}…").format(number=case.number))
        # Set before run(): a synchronous runner finishes (and clears it) inside run().
        self._verifying = True
        verify_case(self.ctx, self, case).ended(self._verify_finished).run()
        self._update_actions()

    @Slot()
    def verify_report(self) -> None:
        """A report folder checked like `report verify`: any examiner, any case, read-only."""
        folder = choose_folder(self, self.tr("Report folder to verify"))
        if folder is not None:
            verify_report(self.ctx, self, folder).run()

    @Slot()
    def verify_anchor(self) -> None:
        """The chain against a package's or report's signed head (`verify --anchor`)."""
        chosen = choose_file(
            self,
            self.tr("Submission package or report with a signed head"),
            self.tr("Packages and reports (*.zip *.json *.html *.txt);;All files (*)"),
        )
        if chosen is not None:
            verify_anchor(self.ctx, self, chosen).run()

    def _verify_finished(self) -> None:
        self._verifying = False
        self.statusBar().clearMessage()
        self._update_actions()

    # ---- view ----------------------------------------------------------------------------
    @Slot()
    def focus_filter(self) -> None:
        area = self.areas.currentWidget()
        focus = getattr(area, "focus_search", None)
        if area is not self.splitter and callable(focus):
            focus()
            return
        self.navigator.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigator.filter_edit.selectAll()

    @Slot()
    def refresh(self) -> None:
        area = self.areas.currentWidget()
        refresh = getattr(area, "refresh", None)
        if area is not self.splitter and callable(refresh):
            refresh()
            return
        self.reload_cases()
        self._current_case = self.navigator.current_case()
        # Everything the evidence area shows reads itself again.
        self.ctx.bus.notify(Changed.ITEMS | Changed.CUSTODY | Changed.FLYERS, None)
        self._update_actions()

    # ---- work areas ----------------------------------------------------------------------
    @property
    def in_blocking_area(self) -> bool:
        return self.areas.currentWidget() is self.blocking_area

    @Slot()
    def show_evidence_area(self) -> None:
        self.show_area(EVIDENCE_AREA)

    @Slot()
    def show_blocking_area(self) -> None:
        self.show_area_widget(self.blocking_area)

    def show_area_widget(self, widget: QWidget) -> None:
        self.show_area(self.areas.indexOf(widget))

    def show_area(self, index: int) -> None:
        if index < 0 or index == self.areas.currentIndex():
            return
        evidence = index == EVIDENCE_AREA
        if not evidence and self.areas.currentIndex() == EVIDENCE_AREA:
            # The custody log follows the selected case: no use beside other areas.
            self._custody_dock_wanted = self.custody_dock.isVisible()
            self.custody_dock.hide()
        elif evidence and self._custody_dock_wanted:
            self.custody_dock.show()
        self.areas.setCurrentIndex(index)
        for area, toolbar in self._area_toolbars.items():
            toolbar.setVisible(area == index)
        self.area_group.actions()[index].setChecked(True)
        self._update_title()

    def set_language(self, code: str) -> None:
        """Saved for the next start; offered to restart now (the window is built in one
        language: a restart is the only way every word changes)."""
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
        self.offer_restart(LANGUAGES[code])

    def offer_restart(self, language_name: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restart to change the language"),
            self.tr("The workstation shows {name} from its next start. Restart it now?").format(
                name=language_name
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            self.tr("Running tasks are cancelled first; everything stored stays stored.")
        )
        self.restart_button = box.addButton(
            self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if button is self.restart_button:
                self.restart()

        box.buttonClicked.connect(clicked)
        box.open()
        self.language_box = box
        return box

    def restart(self) -> bool:
        """Close (asking about running tasks) and start the program again with the same
        command line; False when the user kept the window open."""
        if not self.close():
            return False
        # The same program and options again (python -m works for a console script too).
        started = QProcess.startDetached(sys.executable, ["-m", "forensics_app", *sys.argv[1:]])
        log.info("Restart for the language change: %s", "started" if started else "failed")
        QApplication.quit()
        return True

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
            self.ctx.bus.notify(Changed.EXAMINERS | Changed.CUSTODY, self)

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
