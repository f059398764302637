"""Every word Korean (issue 8.1): the workstation is walked in Korean — every window, tab, page,
dialog, menu, toolbar, tooltip, table header and cell, status-bar text and message a new user
meets — and any English left on screen fails the test, naming where it was seen.

English that is not a translation miss is allowed by rule, not by listing strings: data the
test itself typed (file names, paths, hashes), standard abbreviations (IMEI, SHA-256, OCR, UTC,
KST, E.164, CSV, XLSX, carriers' names) and keyboard shortcuts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Answer, RequestState, SightingInput, SourceKind
from forensics_app.services import Workstation
from forensics_app.services.block_requests import blocking_actor
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, ItemKind, ItemStatus, Role
from forensics_app.storage.models import ReviewStatus
from forensics_app.ui.blocking_area import DASHBOARD, NUMBERS, QUEUE, WATCH
from forensics_app.ui.blocking_dialogs import STEPS, SightingDialog
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.widgets.context import UiContext
from tests.conftest import PASSWORD
from tests.ui.conftest import RecordingRunner
from tests.ui.test_flyer_helpers import scripted_batches

# What may stay Latin on a Korean screen.
_A = r"(?<![A-Za-z])"  # Hangul counts as a word character: bound Latin words by Latin
_Z = r"(?![A-Za-z])"
_ALLOWED = re.compile(
    r"^English$"  # the language menu names each language in its own language
    r"|\b[a-z]+(?:\+[a-z]+)?://\S+"  # URLs and database locations
    r"|(?:[A-Za-z]:)?(?:/[^\s/]+)+/?"  # paths
    r"|[A-Z][a-z]+/[A-Za-z_]+"  # time-zone names (Asia/Seoul)
    r"|[\w\-.()]+\.(?:jpe?g|png|webp|heic|heif|avif|jfif|db|bin|img|csv|xlsx|zip|txt|sqlite3|sqlitedb|storedata|xml|json|html|pdf)"
    + _Z
    + r"|\*\.\w+"  # file-dialog filters
    r"|forensics-app(?: [a-z][a-z-]*)*|sha256sum -c"  # commands to type, as typed
    r"|\(Chain of Custody\)"  # the term glossed once in the report's own words
    r"|" + _A + r"(?:IMEI|GPS|Ed25519|SHA256SUMS|SHA-256|SHA|MD5|OCR|CSV|XLSX|UTC|KST|E\.164|SKT|KT"
    r"|LG U\+|SIM|CCTV"
    r"|JPEG|PNG|WebP|HEIC|AVIF|EX|ID|CoC|DB|Ctrl|Shift|Alt|Del|Esc|Return|Enter|Space|F\d{1,2}"
    r"|TOML|USIM|DVR|NVR|kB|KB|MB|GB|TB|zip|csv|xlsx|HTML|PDF|Excel|UFDR|iTunes|Android|iOS"
    r"|FaceTime|iMessage|SMS|MMS|RCS|Cellebrite|utf-8-sig|utf-8|cp949)"
    + _Z
    + r"|\b\d+x+"
    + _Z  # 15xx number ranges
    + r"|\b\w*_\w*\b"  # file names, cut or whole (data the test typed)
    r"|"
    + _A
    + r"[A-Z]"
    + _Z  # one-letter review keys: (A), (R), (C), (N), (P), (U)
    + r"|\b[0-9a-f]{16,}\b"  # hashes
    + r"|[A-Za-z0-9+/_-]{40,}={0,2}"  # signatures and keys (base64)
    r"|&(?=\w)"  # mnemonics
)
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_in(text: str, data_words: frozenset[str] = frozenset()) -> str | None:
    """The first English word of `text` once allowed tokens and the words of the data the
    test itself stored (`data_words`) are taken out, or None."""
    rest = _ALLOWED.sub(" ", text)
    for found in _LATIN_WORD.finditer(rest):
        if found.group(0) not in data_words:
            return found.group(0)
    return None


@dataclass
class Walk:
    seen: list[tuple[str, str]] = field(default_factory=list)

    def add(self, where: str, text: str | None) -> None:
        if text and text.strip():
            self.seen.append((where, text))

    def add_html(self, where: str, text: str) -> None:
        if "<" in text and ">" in text:
            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        self.add(where, text)

    def model(self, where: str, model: QAbstractItemModel | None, rows: int = 40) -> None:
        if model is None:
            return
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(column, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    self.add(f"{where} header", value)
        for row in range(min(rows, model.rowCount(QModelIndex()))):
            for column in range(columns):
                index = model.index(row, column, QModelIndex())
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        self.add(f"{where} cell", value)

    def action(self, where: str, action: QAction) -> None:
        self.add(f"{where} action", action.text())
        self.add(f"{where} tooltip", action.toolTip())
        self.add(f"{where} status tip", action.statusTip())
        menu = action.menu()
        if isinstance(menu, QMenu):
            self.menu(f"{where} › {menu.title()}", menu)

    def menu(self, where: str, menu: QMenu) -> None:
        self.add(f"{where} menu", menu.title())
        for action in menu.actions():
            if not action.isSeparator():
                self.action(where, action)

    def widget(self, where: str, root: QWidget) -> None:
        """Everything visible in `root` (itself included)."""
        self.add(f"{where} title", root.windowTitle() if root.isWindow() else "")
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            name = f"{where} {type(widget).__name__}"
            self.add(f"{name} tooltip", widget.toolTip())
            if isinstance(widget, QLabel):
                self.add_html(name, widget.text())
            elif isinstance(widget, QAbstractButton):
                self.add(name, widget.text())
            elif isinstance(widget, QLineEdit | QPlainTextEdit):
                self.add(f"{name} placeholder", widget.placeholderText())
            elif isinstance(widget, QTextBrowser):
                self.add(name, widget.toPlainText())
                self.add(f"{name} placeholder", widget.placeholderText())
            elif isinstance(widget, QComboBox):
                for index in range(widget.count()):
                    self.add(f"{name} item", widget.itemText(index))
                    tip = widget.itemData(index, Qt.ItemDataRole.ToolTipRole)
                    self.add(f"{name} item tooltip", tip if isinstance(tip, str) else None)
            elif isinstance(widget, QGroupBox):
                self.add(name, widget.title())
            elif isinstance(widget, QTabWidget):
                for index in range(widget.count()):
                    self.add(f"{name} tab", widget.tabText(index))
                    self.add(f"{name} tab tooltip", widget.tabToolTip(index))
            elif isinstance(widget, QDockWidget):
                self.add(name, widget.windowTitle())
            if isinstance(widget, QAbstractItemView):
                self.model(name, widget.model())
            for action in widget.actions():
                self.action(name, action)

    def english(self, data_words: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
        found = []
        for where, text in self.seen:
            word = english_in(text, data_words)
            if word is not None:
                found.append((where, word, text))
        return sorted(set(found))


@pytest.fixture
def korean_admin(workstation: Workstation) -> Actor:
    return workstation.examiners.create(None, "김민수", "1001", password=PASSWORD)


def _populate(workstation: Workstation, admin: Actor, tmp_path: Path) -> dict[str, int]:
    """A case as a Korean team would have it: items (one withdrawn, one with a changed file),
    flyer batches read and partly reviewed, requests in several states."""
    reviewer = workstation.examiners.create(admin, "이서연", "2002", Role.REVIEWER, PASSWORD)
    case = workstation.cases.create(admin, "수원역 불법대부 전단지", number="2026-0042")
    workstation.cases.create(admin, "보이스피싱 계좌", number="2026-0043")
    evidence = workstation.evidence
    dump = tmp_path / "압수물"
    dump.mkdir()
    (dump / "통화기록.db").write_bytes(b"calls" * 200)
    (dump / "사진.jpg").write_bytes(b"\xff\xd8" + b"x" * 500)
    phone = evidence.add_item(
        admin,
        case.id,
        ItemDraft(
            ItemKind.PHONE,
            description="피의자 휴대전화",
            make="삼성",
            model="갤럭시",
            imei="356938035643809",
            seized_at=datetime(2026, 5, 1, 5, 30, tzinfo=UTC),
            seized_from="홍길동",
            storage_location="증거물 보관실 3",
        ),
        [dump],
    ).item
    twice = evidence.add_item(admin, case.id, ItemDraft(ItemKind.PHONE, description="중복")).item
    evidence.withdraw(admin, twice.id, "중복 등록")
    evidence.set_status(admin, phone.id, ItemStatus.IN_ANALYSIS, "분석실로")
    evidence.hand_over(admin, phone.id, reviewer.id, "인계")
    (dump / "사진.jpg").write_bytes(b"changed")
    evidence.verify(admin, item_id=phone.id)
    first, _second = scripted_batches(workstation, admin, case.id, tmp_path / "전단지")
    hits = workstation.flyers.hits(case_id=case.id, include_rejected=True)
    by_number = {h.national: h for h in hits}
    workstation.flyers.review(admin, by_number["02-555-1234"].id, ReviewStatus.ACCEPTED)
    workstation.flyers.review(admin, by_number["031-234-5678"].id, ReviewStatus.REJECTED)
    blk = workstation.blocking
    who_admin, who_reviewer = blocking_actor(admin), blocking_actor(reviewer)
    blk.registry.record_sighting(
        who_admin,
        SightingInput(
            "010-4444-5555",
            workstation.clock.now() - timedelta(days=3),
            AdCategory.LENDING,
            SourceKind.MANUAL,
            case_number=case.number,
            place="수원역 2번 출구",
            collector="김민수",
        ),
    )
    created = blk.requests.queue_blockable(who_admin).created
    blk.requests.submit_for_approval(who_admin, created)
    blk.requests.approve(who_reviewer, created[:1])
    blk.requests.transition(who_reviewer, created[:1], RequestState.SUBMITTED)
    blk.requests.transition(
        who_reviewer,
        created[:1],
        RequestState.SUSPENDED,
        answer=Answer(carrier="SKT", reference="과기부-1", effective_on=workstation.clock.today()),
    )
    return {"case": case.id, "phone": phone.id, "batch": first.id, "request": created[0]}


def _dialogs(window: MainWindow) -> Iterator[tuple[str, Callable[[], QDialog | None]]]:
    pane, flyers, area = window.evidence_pane, window.flyer_pane, window.blocking_area
    yield "new item", pane.add_item
    yield "edit item", pane.edit_selected
    yield "add files", pane.add_files
    yield "status", pane.change_status
    yield "hand over", pane.hand_over
    yield "import photos", flyers.import_photos
    yield "collected at", flyers.set_collected_at
    yield "correct", flyers.correct
    yield "queue", area.queue.queue_blockable
    yield "export package", area.queue.export_selected
    yield "responses", area.queue.import_responses
    yield "sighting", area.numbers.add_sighting


def _walk_screens(walk: Walk, window: MainWindow, ids: dict[str, int]) -> None:
    for menu in window.menuBar().findChildren(QMenu):
        if menu.parent() is window.menuBar():
            walk.menu("menu", menu)
    assert window.navigator.select_case(ids["case"])
    walk.widget("window", window)
    window.evidence_pane.select_item(ids["phone"])
    walk.widget("evidence item", window)
    window.evidence_pane.detail.tabs.setCurrentIndex(1)
    walk.widget("items inside", window.evidence_pane)
    window.custody_view.table.selectRow(0)
    walk.widget("custody", window.custody_dock)
    for row in range(window.custody_view.proxy.rowCount()):
        window.custody_view.table.selectRow(row)
        walk.add("custody details", window.custody_view.details_text())
    window.show_case_tab(window.flyer_pane)
    flyers = window.flyer_pane
    flyers.select_batch(ids["batch"])
    walk.widget("flyers", window)
    flyers.next_unsure()
    walk.widget("flyer review", flyers)
    # Each photo's flyer group: its category, the words the OCR saw, what waits.
    for row in range(flyers.grid_model.rowCount()):
        photo = flyers.grid_model.photo(row)
        assert photo is not None and flyers.select_photo(photo.file_id)
        walk.widget(f"flyer group of {photo.relative_path}", flyers.review.group_bar)
    assert flyers.next_waiting_group() is not None
    assert flyers.review.group_bar.waiting_label.isVisible()
    walk.widget("flyer waiting for its category", flyers)
    # A request cites the lending flyer's number: changing its category is refused.
    lending = next(h for h in flyers._hits if h.photo == "a_lending.jpg")
    assert flyers.select_photo(lending.file_id)
    flyers.set_group_category(AdCategory.OTHER.value)
    assert flyers.review.group_bar.error.isVisible()
    walk.widget("flyer category refused", flyers.review.group_bar)
    flyers.review.tables.setCurrentIndex(1)
    walk.widget("case numbers", flyers)
    window.verify_case()
    window.show_blocking_area()
    area = window.blocking_area
    for page in (QUEUE, WATCH, NUMBERS, DASHBOARD):
        area.show_page(page)
        walk.widget(f"block page {page}", window)
    area.show_page(QUEUE)
    area.queue.open_request(ids["request"])
    walk.widget("request", window)
    for index in range(area.queue.detail.tabs.count()):
        area.queue.detail.tabs.setCurrentIndex(index)
        walk.widget(f"request tab {index}", area.queue.detail)
    area.numbers.select_number("010-4444-5555")
    area.show_page(NUMBERS)
    walk.widget("number", window)
    window.show_evidence_area()
    window.show_case_tab(window.evidence_pane)
    window.evidence_pane.select_item(ids["phone"])
    flyers.select_batch(ids["batch"])
    area.queue.select_requests([ids["request"]])


def _walk_dialogs(walk: Walk, qtbot: QtBot, window: MainWindow, ids: dict[str, int]) -> None:
    area = window.blocking_area
    for name, open_dialog in _dialogs(window):
        dialog = open_dialog()
        if dialog is None:
            raise AssertionError(f"{name}: no dialog")
        qtbot.waitExposed(dialog)
        walk.widget(f"dialog {name}", dialog)
        dialog.reject()
    area.queue.open_request(ids["request"])
    for step in STEPS:
        button = area.queue.detail.step_buttons[step.target]
        walk.add("step button tooltip", button.toolTip())
        if button.isEnabled():
            dialog = area.queue.open_step(step)
            assert dialog is not None
            walk.widget(f"step {step.target.value}", dialog)
            dialog.reject()
    sighting = area.numbers.last_dialog
    assert isinstance(sighting, SightingDialog)
    # Refusals in a dialog: the library's reason in Korean.
    dialog = area.numbers.add_sighting()
    dialog.number_edit.setText("010-12")
    walk.widget("sighting refused", dialog)
    dialog.reject()


# A context menu popped up on the offscreen platform: about the test platform, not the program.
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))$"
)
def test_every_screen_is_korean(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    korean_admin: Actor,
    runner: RecordingRunner,
    korean: None,
) -> None:
    ids = _populate(workstation, korean_admin, tmp_path)
    boxes: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_args: object) -> object:
        boxes.append((title, text))
        return QMessageBox.StandardButton.Yes

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, record)
    window = MainWindow(UiContext(workstation, korean_admin, runner))
    qtbot.addWidget(window)
    window.resize(1360, 840)
    window.show()
    qtbot.waitExposed(window)
    walk = Walk()
    _walk_screens(walk, window, ids)
    _walk_dialogs(walk, qtbot, window, ids)
    for title, text in boxes:
        walk.add("message title", title)
        walk.add_html("message", text)
    for box in window.findChildren(QMessageBox):
        walk.widget("message box", box)
    walk.widget("status bar", window.statusBar())
    walk.add("status message", window.statusBar().currentMessage())
    # Context menus.
    pane = window.evidence_pane
    pane._context_menu(QPoint(5, 5))
    for menu in pane.findChildren(QMenu):
        walk.menu("context menu", menu)
        menu.close()
    QApplication.processEvents()

    assert len(walk.seen) > 800, "the walk saw the screens"
    assert walk.english() == [], "English on a Korean screen: (where, word, text)"
    assert runner.errors == []
