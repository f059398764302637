"""The block-request area of the main window: queue, watch lists, numbers and dashboard.

Requests span cases, so the area does not follow the case navigator; the selected case is only
offered as a filter of the numbers page and as the case of a sighting typed in. The area owns
its actions; the main window puts them into its menus (with window-wide shortcuts) and the
area's own toolbar shows the batch ones. Pages read again when the change bus says requests or
numbers changed (here, or in the flyer review of a case).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QStyle, QTabWidget, QToolBar, QVBoxLayout, QWidget

from forensics_app.services.records import CaseRecord
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.ops import Op

if TYPE_CHECKING:
    from forensics_app.ui.blocking_pages import DashboardPage, NumbersPage, WatchPage
    from forensics_app.ui.blocking_queue import QueuePage

log = logging.getLogger(__name__)

QUEUE, WATCH, NUMBERS, DASHBOARD = range(4)


@dataclass(frozen=True)
class _Pages:
    queue: QueuePage
    watch: WatchPage
    numbers: NumbersPage
    dashboard: DashboardPage

    def all(self) -> tuple[QueuePage, WatchPage, NumbersPage, DashboardPage]:
        return (self.queue, self.watch, self.numbers, self.dashboard)


class BlockingArea(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workstation = ctx.workstation
        self.actor = ctx.actor
        # Packages out and answers in go through ctx.submissions: each with its custody entry.
        # The pages (and the block-request library behind them) are built when the area is
        # first shown or an action needs them, not when the window opens.
        self._pages: _Pages | None = None
        self._case_number = ""
        self._people: dict[str, str] = {}
        self._strangers: set[str] = set()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)

        self._create_actions()
        self.toolbar = QToolBar(self.tr("Block-request toolbar"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.queue_action,
            self.submit_action,
            self.approve_action,
            self.export_action,
            self.import_action,
            self.expire_action,
        ):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.add_sighting_action)
        ctx.bus.subscribe(self._on_changes)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        self._sync_actions()

    # ---- pages, built on first use -------------------------------------------------------
    def pages(self) -> _Pages:
        if self._pages is None:
            from forensics_app.ui.blocking_pages import DashboardPage, NumbersPage, WatchPage
            from forensics_app.ui.blocking_queue import QueuePage

            ctx = self.ctx
            pages = _Pages(
                queue=QueuePage(ctx),
                watch=WatchPage(ctx),
                numbers=NumbersPage(ctx, collector=self.actor.name, people=self.person_name),
                dashboard=DashboardPage(ctx),
            )
            self._pages = pages
            self.tabs.addTab(pages.queue, self.tr("Request queue"))
            self.tabs.addTab(pages.watch, self.tr("Watch list"))
            self.tabs.addTab(pages.numbers, self.tr("Numbers"))
            self.tabs.addTab(pages.dashboard, self.tr("Dashboard"))
            self.tabs.currentChanged.connect(lambda _index: self._load_current())
            pages.watch.open_request.connect(self.open_request)
            pages.numbers.open_request.connect(self.open_request)
            pages.queue.selection_changed.connect(self._sync_actions)
            pages.numbers.set_case_number(self._case_number)
            self._sync_actions()
        return self._pages

    @property
    def queue(self) -> QueuePage:
        return self.pages().queue

    @property
    def watch(self) -> WatchPage:
        return self.pages().watch

    @property
    def numbers(self) -> NumbersPage:
        return self.pages().numbers

    @property
    def dashboard(self) -> DashboardPage:
        return self.pages().dashboard

    # ---- actions ------------------------------------------------------------------------
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
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.queue_action = self._action(
            self.tr("Queue blockable numbers…"), self._queue_blockable, "Ctrl+Shift+Q",
            sp.SP_FileDialogNewFolder,
            self.tr("Draft a request for every number that is due one"),
        )  # fmt: skip
        self.submit_action = self._action(
            self.tr("Submit for approval"), self._queue_submit_selected, None,
            sp.SP_ArrowRight, self.tr("Submit the selected drafts for approval"),
        )  # fmt: skip
        self.approve_action = self._action(
            self.tr("Approve"), self._queue_approve_selected, "Ctrl+Shift+A",
            sp.SP_DialogApplyButton,
            self.tr("Approve the selected requests (reviewers; never one's own drafts)"),
        )  # fmt: skip
        self.export_action = self._action(
            self.tr("Export package…"), self._queue_export_selected, "Ctrl+Shift+E",
            sp.SP_DialogSaveButton,
            self.tr("Write a submission package for the selected approved requests"),
        )  # fmt: skip
        self.import_action = self._action(
            self.tr("Import responses…"), self._import_responses, "Ctrl+Shift+I",
            sp.SP_DialogOpenButton,
            self.tr("Read an answer file from the ministry or the carriers"),
        )  # fmt: skip
        self.expire_action = self._action(
            self.tr("Expire suspensions"), self._queue_expire_due, None,
            sp.SP_BrowserStop,
            self.tr("Close the suspensions whose last day has passed"),
        )  # fmt: skip
        self.add_sighting_action = self._action(
            self.tr("Add sighting…"), self._add_sighting, "Ctrl+Shift+G", sp.SP_FileIcon,
            self.tr("Record a number seen on a flyer, typed in by hand"),
        )  # fmt: skip
        self.page_actions: list[QAction] = []
        for index, text in (
            (QUEUE, self.tr("Request queue")),
            (WATCH, self.tr("Watch list")),
            (NUMBERS, self.tr("Numbers")),
            (DASHBOARD, self.tr("Dashboard")),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            self.page_actions.append(action)

    @property
    def actions_with_shortcuts(self) -> list[QAction]:
        return [
            self.queue_action,
            self.submit_action,
            self.approve_action,
            self.export_action,
            self.import_action,
            self.expire_action,
            self.add_sighting_action,
        ]

    def _sync_actions(self) -> None:
        queue = self._pages.queue if self._pages is not None else None
        has_selection = queue is not None and bool(queue.selected_ids())
        busy = queue is not None and queue.busy
        for action in (self.submit_action, self.export_action):
            action.setEnabled(has_selection and not busy)
        refusal = queue.approve_refusal() if queue is not None and has_selection else ""
        self.approve_action.setEnabled(has_selection and not busy and not refusal)
        tip = refusal or self.tr(
            "Approve the selected requests (reviewers; never one's own drafts)"
        )
        self.approve_action.setToolTip(f"{tip} (Ctrl+Shift+A)")
        self.approve_action.setStatusTip(tip)
        self.expire_action.setEnabled(not busy)

    # The queue page is built on first use: actions reach it through these.
    def _queue_submit_selected(self) -> None:
        self.queue.submit_selected()

    def _queue_approve_selected(self) -> None:
        self.queue.approve_selected()

    def _queue_export_selected(self) -> None:
        self.queue.export_selected()

    def _queue_expire_due(self) -> None:
        self.queue.expire_due()

    def _queue_blockable(self) -> None:
        self.show_page(QUEUE)
        self.queue.queue_blockable()

    def _import_responses(self) -> None:
        self.show_page(QUEUE)
        self.queue.import_responses()

    def _add_sighting(self) -> None:
        self.show_page(NUMBERS)
        self.numbers.add_sighting()

    # ---- pages --------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.pages()
        self.tabs.setCurrentIndex(index)
        self._load_current()

    def open_request(self, request_id: int) -> None:
        self.show_page(QUEUE)
        self.queue.open_request(request_id)

    def focus_search(self) -> None:
        """Ctrl+F: the number search of the queue, or of the numbers page when it is shown."""
        if self.tabs.currentWidget() is not self.numbers:
            self.show_page(QUEUE)
        edit = self.numbers.search_edit if self.tabs.currentWidget() is self.numbers else None
        edit = edit or self.queue.search_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def set_case_number(self, case_number: str) -> None:
        self._case_number = case_number
        if self._pages is not None:
            self._pages.numbers.set_case_number(case_number)

    def set_case(self, case: CaseRecord | None) -> None:
        """The case chosen in the evidence area (offered as a filter of the numbers page)."""
        self.set_case_number(case.number if case is not None else "")

    def refresh(self) -> None:
        """F5: read the shown page again; the others when they are next shown."""
        if self._pages is None:
            return  # nothing read yet: the pages read when first shown
        for page in self._pages.all():
            if page is not self.tabs.currentWidget():
                page.mark_stale()
        current = self.tabs.currentWidget()
        if current in self._pages.all():
            current.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.pages()
        super().showEvent(event)
        self._load_current()

    def _load_current(self) -> None:
        """Pages read the database when first shown, not when the window opens."""
        if self._pages is None:
            return
        current = self.tabs.currentWidget()
        if current in self._pages.all():
            current.ensure_loaded()

    def _on_changes(self, changed: Changed, initiator: object) -> None:
        """Requests or numbers changed (a page here, or a review of flyer photos): every page
        reads again when it is next shown; the page that made the change has already."""
        if changed & (Changed.REQUESTS | Changed.NUMBERS) and self._pages is not None:
            for page in (self._pages.watch, self._pages.numbers, self._pages.dashboard):
                if not initiated_inside(page, initiator):
                    page.mark_stale()
        if changed & (Changed.REQUESTS | Changed.NUMBERS | Changed.EXAMINERS):
            self._strangers.clear()

    def person_name(self, actor_id: str) -> str:
        """The library records people by the examiner id it was given: show who that is. An
        id not known yet is looked up once, off the GUI thread (this runs for every painted
        cell); the sightings are painted again when the names come back."""
        if actor_id not in self._people and actor_id not in self._strangers:
            self._strangers.add(actor_id)
            examiners = self.workstation.examiners

            def read(_progress: TaskProgress) -> dict[str, str]:
                return {str(e.id): f"{e.name} ({e.badge_number})" for e in examiners.list()}

            Op(self.ctx, self, self.tr("Reading examiners"), read).success(
                self._people_read
            ).failure(lambda _error: None).run()  # refused: the id stays shown
        return self._people.get(actor_id, actor_id)

    def _people_read(self, people: dict[str, str]) -> None:
        self._people = people
        if self._pages is not None:
            model = self._pages.numbers.sighting_model
            model.changed_rows(range(model.rowCount()))
