"""The main window on both databases, built directly (sign-in bypassed) with a synchronous
task runner, so every action completes before the next line of the test."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from forensics_app import __version__
from forensics_app.config import Preferences
from forensics_app.progress import check_cancelled
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, CaseStatus, ItemKind
from forensics_app.ui.case_dialogs import CaseDialog
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.settings import GuiSettings
from forensics_app.ui.tasks import TaskProgress, TaskRunner
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.formatting import pretty_location
from tests.ui.conftest import RecordingRunner

MakeWindow = Callable[[], MainWindow]


class Boxes:
    """Captures the static QMessageBox calls instead of opening modal boxes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Any = None) -> None:
        self.calls: list[tuple[str, str, str]] = []
        yes = QMessageBox.StandardButton.Yes if answer is None else answer
        for kind in ("critical", "warning", "information", "question"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind, yes))

    def _recorder(self, kind: str, answer: Any) -> Callable[..., Any]:
        def record(_parent: object, title: str, text: str, *args: object) -> Any:
            self.calls.append((kind, title, text))
            return answer if kind == "question" else QMessageBox.StandardButton.Ok

        return record

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [call for call in self.calls if call[0] == kind]


def test_first_start_leads_to_a_new_case(qtbot: QtBot, make_main_window: MakeWindow) -> None:
    window = make_main_window()
    window.show()
    qtbot.waitExposed(window)
    assert window.centre.currentWidget() is window.empty_state
    assert window.empty_state.create_button.isVisible()
    assert not window.verify_action.isEnabled()
    assert not window.new_item_action.isEnabled()


def test_opens_on_a_populated_database(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    make_main_window: MakeWindow,
) -> None:
    case = workstation.cases.create(actor, "Flyers at Gangnam", number="C-1")
    workstation.cases.create(actor, "Voice phishing", number="C-2")
    window = make_main_window()
    window.show()
    qtbot.waitExposed(window)
    assert window.centre.currentWidget() is window.case_tabs
    assert window.case_tabs.currentWidget() is window.evidence_pane
    assert window.case_model.rowCount() == 2
    assert window.navigator.select_case(case.id)
    current = window.current_case()
    assert current is not None and current.number == "C-1"
    assert window.verify_action.isEnabled()
    assert window.new_item_action.isEnabled()
    assert "C-1" in window.windowTitle()
    assert runner.errors == []


def test_status_bar_names_the_examiner_and_the_database(
    qtbot: QtBot, workstation: Workstation, actor: Actor, runner: RecordingRunner, db_url: str
) -> None:
    secret = "s3cret-Passw0rd"
    if workstation.is_team_database:
        # The test server trusts local connections, so a password in the URL is accepted and
        # ignored: enough to check it is never shown.
        scheme, rest = db_url.split("://", 1)
        user, host = rest.split("@", 1)
        opened = Workstation.open(f"{scheme}://{user}:{secret}@{host}")
    else:
        opened = workstation
    try:
        window = MainWindow(UiContext(opened, actor, runner))
        qtbot.addWidget(window)
        assert actor.label in window.examiner_label.text()
        text = window.database_label.text()
        assert pretty_location(opened.location) in text
        assert secret not in text
        assert secret not in window.windowTitle()
        window.close()
    finally:
        if opened is not workstation:
            opened.close()


def test_shortcuts(make_main_window: MakeWindow) -> None:
    window = make_main_window()
    expected = {
        window.new_case_action: "Ctrl+N",
        window.new_item_action: "Ctrl+Shift+N",
        window.add_files_action: "Ctrl+O",
        window.find_action: "Ctrl+F",
        window.refresh_action: "F5",
        window.verify_action: "Ctrl+Shift+V",
        window.quit_action: "Ctrl+Q",
        window.about_action: "F1",
    }
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys, action.text()
    shortcuts = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"


def _fill_and_accept(title: str, number: str = "") -> Callable[[CaseDialog], int]:
    def exec_(dialog: CaseDialog) -> int:
        dialog.number_edit.setText(number)
        dialog.title_edit.setText(title)
        dialog.offence_combo.setCurrentText("Illegal advertising (flyers)")
        dialog.notes_edit.setPlainText("Seized at Gangnam station exit 11")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    return exec_


def test_new_case_through_the_dialog_is_stored(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    window = make_main_window()
    monkeypatch.setattr(CaseDialog, "exec", _fill_and_accept("불법 전단지 배포", "2026-0042"))
    window.new_case_action.trigger()
    stored = workstation.cases.resolve("2026-0042")
    assert stored.title == "불법 전단지 배포"
    assert stored.offence_type == "Illegal advertising (flyers)"
    assert stored.notes == "Seized at Gangnam station exit 11"
    assert stored.lead_examiner_id == actor.id
    assert stored.opened_on == workstation.clock.today()
    assert window.centre.currentWidget() is window.case_tabs
    assert window.case_tabs.currentWidget() is window.evidence_pane
    current = window.current_case()
    assert current is not None and current.id == stored.id
    assert workstation.custody.entries(case_id=stored.id)[0].action == "create"


def test_case_dialog_keeps_the_input_on_a_duplicate_number(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    workstation.cases.create(actor, "First", number="C-1")
    dialog = CaseDialog(workstation, actor)
    qtbot.addWidget(dialog)
    dialog.number_edit.setText("C-1")
    dialog.title_edit.setText("Second")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.record is None
    assert "C-1" in dialog.error_label.text()
    assert dialog.title_edit.text() == "Second"
    dialog.number_edit.clear()  # automatic number
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.record is not None
    assert dialog.record.number == f"{workstation.clock.today().year}-0001"


def test_edit_case_records_only_the_changes(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    case = workstation.cases.create(actor, "Old title", number="C-1")
    dialog = CaseDialog(workstation, actor, case)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "Old title"
    dialog.title_edit.setText("New title")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.record is not None and dialog.record.title == "New title"
    edit = workstation.custody.entries(case_id=case.id)[0]
    assert edit.action == "edit"
    details = json.loads(edit.details)
    assert details["before"] == {"title": "Old title"}
    assert details["after"] == {"title": "New title"}


def test_close_reopen_archive(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    case = workstation.cases.create(actor, "Flyers", number="C-1")
    boxes = Boxes(monkeypatch)
    window = make_main_window()
    window.navigator.select_case(case.id)

    window.close_case_action.trigger()
    assert workstation.cases.get(case.id).status == CaseStatus.CLOSED
    assert window.navigator.status_filter() == "closed"  # follows the case
    current = window.current_case()
    assert current is not None and current.status == CaseStatus.CLOSED
    assert not window.new_item_action.isEnabled()
    assert window.reopen_case_action.isEnabled()

    window.archive_case_action.trigger()
    assert workstation.cases.get(case.id).status == CaseStatus.ARCHIVED
    window.reopen_case_action.trigger()
    assert workstation.cases.get(case.id).status == CaseStatus.OPEN
    assert window.new_item_action.isEnabled()
    assert len(boxes.of("question")) == 2
    statuses = [e for e in workstation.custody.entries(case_id=case.id) if e.action == "status"]
    assert len(statuses) == 3


def test_declined_confirmation_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    case = workstation.cases.create(actor, "Flyers", number="C-1")
    Boxes(monkeypatch, answer=QMessageBox.StandardButton.No)
    window = make_main_window()
    window.navigator.select_case(case.id)
    window.close_case_action.trigger()
    assert workstation.cases.get(case.id).status == CaseStatus.OPEN


def _case_with_files(
    workstation: Workstation, actor: Actor, folder: Path
) -> tuple[int, list[Path]]:
    case = workstation.cases.create(actor, "Flyers", number="C-1")
    folder.mkdir()
    paths = []
    for n in range(3):
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(bytes([n]) * 5000)
        paths.append(path)
    workstation.evidence.add_item(
        actor, case.id, ItemDraft(kind=ItemKind.FLYER_PHOTO_BATCH), [folder]
    )
    return case.id, paths


def test_verify_mismatch_is_loud(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    make_main_window: MakeWindow,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case_id, paths = _case_with_files(workstation, actor, tmp_path / "photos")
    paths[1].write_bytes(b"tampered" * 100)
    boxes = Boxes(monkeypatch)
    window = make_main_window()
    window.navigator.select_case(case_id)
    window.verify_action.trigger()

    critical = boxes.of("critical")
    assert len(critical) == 1
    _kind, title, text = critical[0]
    assert "FAILED" in title and "C-1" in title
    assert "IMG_0001.jpg" in text and "HASH MISMATCH" in text
    assert "IMG_0000.jpg" not in text
    assert not boxes.of("information")
    assert any(r.levelname == "ERROR" and "IMG_0001.jpg" in r.getMessage() for r in caplog.records)
    verifies = [e for e in workstation.custody.entries(case_id=case_id) if e.action == "verify"]
    assert len(verifies) == 3
    assert any("mismatch" in e.summary for e in verifies)
    assert window.verify_action.isEnabled()  # ready for the next run
    assert runner.errors == []


def test_verify_clean_case_reports_success(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    case_id, _paths = _case_with_files(workstation, actor, tmp_path / "photos")
    boxes = Boxes(monkeypatch)
    window = make_main_window()
    window.navigator.select_case(case_id)
    window.verify_case()
    assert not boxes.of("critical")
    [(_kind, _title, text)] = boxes.of("information")
    assert "3" in text


def test_layout_filter_and_last_case_are_remembered(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
) -> None:
    first = workstation.cases.create(actor, "First", number="C-1")
    second = workstation.cases.create(actor, "Second", number="C-2")
    window = MainWindow(UiContext(workstation, actor, runner))
    qtbot.addWidget(window)
    window.navigator.set_status_filter("all")
    window.navigator.select_case(second.id)
    window.resize(700, 500)  # within the offscreen screen (800×600)
    window.custody_dock.hide()
    window.close()

    settings = GuiSettings()
    assert settings.last_case(workstation.location) == second.id
    assert settings.case_filter() == "all"
    again = MainWindow(UiContext(workstation, actor, runner))
    qtbot.addWidget(again)
    current = again.current_case()
    assert current is not None and current.id == second.id
    assert again.navigator.status_filter() == "all"
    assert again.size().width() == 700
    assert again.custody_dock.isHidden()
    assert first.id != second.id


def test_language_choice_is_saved_for_the_next_start(make_main_window: MakeWindow) -> None:
    window = make_main_window()
    assert window.language_actions["ko"].isChecked()  # Korean first
    window.language_actions["en"].trigger()
    assert Preferences.load().language == "en"
    assert window.language_actions["en"].isChecked()
    assert "restart" in window.statusBar().currentMessage()


def test_broken_custody_chain_is_loud(
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    case = workstation.cases.create(actor, "Flyers", number="C-1")
    workstation.cases.update(actor, case.id, notes="first note")
    # An attacker with write access to the database lifts the append-only guard and edits
    # the log behind the program's back.
    with workstation.db.engine.begin() as conn:
        if workstation.db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER custody_log_no_update")
        else:
            conn.exec_driver_sql("ALTER TABLE custody_log DISABLE TRIGGER custody_log_append_only")
        conn.exec_driver_sql("UPDATE custody_log SET summary = 'nothing happened' WHERE seq = 2")
    boxes = Boxes(monkeypatch)
    window = make_main_window()
    window.navigator.select_case(case.id)
    window.verify_action.trigger()
    [(_kind, title, text)] = boxes.of("critical")
    assert "C-1" in title
    assert "custody log is BROKEN" in text
    assert "altered" in text


def test_closing_with_a_running_task_cancels_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, workstation: Workstation, actor: Actor
) -> None:
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    window = MainWindow(UiContext(workstation, actor, runner))
    qtbot.addWidget(window)
    started = threading.Event()
    cancelled: list[bool] = []

    def work(progress: TaskProgress) -> None:
        progress.begin(None, "hashing")
        started.set()
        while True:
            check_cancelled(progress)
            threading.Event().wait(0.01)

    runner.run("Long job", work, on_cancelled=lambda: cancelled.append(True))
    assert started.wait(10)
    boxes = Boxes(monkeypatch, answer=QMessageBox.StandardButton.No)
    assert not window.close()  # the user said no: keep running
    assert runner.active_tasks
    boxes = Boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes)
    assert window.close()
    assert len(boxes.of("question")) == 1
    assert runner.wait(10_000)
    qtbot.waitUntil(lambda: cancelled == [True])
    assert errors == []


def test_about_names_version_database_and_examiner(
    monkeypatch: pytest.MonkeyPatch, make_main_window: MakeWindow, actor: Actor
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = make_main_window()
    window.about_action.trigger()
    [text] = shown
    assert __version__ in text
    assert actor.name in text


def test_text_filter_and_evidence_actions_follow_the_case(
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    actor: Actor,
    make_main_window: MakeWindow,
) -> None:
    flyers = workstation.cases.create(actor, "Flyers at Gangnam", number="C-1")
    workstation.cases.create(actor, "Voice phishing ring", number="C-2")
    window = make_main_window()
    window.navigator.select_case(flyers.id)
    calls: list[str] = []
    monkeypatch.setattr(window.evidence_pane, "add_item", lambda: calls.append("add_item"))
    window.new_item_action.trigger()
    assert calls == ["add_item"]

    assert window.navigator.count_label.text() == "2 cases"
    window.navigator.filter_edit.setText("phishing")
    assert window.navigator.proxy.rowCount() == 1
    assert window.navigator.count_label.text() == "1 of 2 cases"
    assert window.current_case() is None  # the selected case was filtered out
    assert not window.new_item_action.isEnabled()
    window.new_item_action.trigger()
    assert calls == ["add_item"]
    window.navigator.filter_edit.clear()
    assert window.navigator.proxy.rowCount() == 2


def test_flyer_photos_are_a_tab_of_the_case(
    qtbot: QtBot, workstation: Workstation, actor: Actor, make_main_window: MakeWindow
) -> None:
    open_case = workstation.cases.create(actor, "전단지", number="F-2")
    closed = workstation.cases.create(actor, "Old flyers", number="F-1")
    workstation.cases.set_status(actor, closed.id, CaseStatus.CLOSED)
    window = make_main_window()
    window.navigator.set_status_filter("all")
    assert window.case_tabs.widget(1) is window.flyer_tab
    assert not window.flyer_tab.is_built  # built when first shown, not at start-up
    assert window.navigator.select_case(open_case.id)
    assert window.import_photos_action.isEnabled() and window.run_ocr_action.isEnabled()
    window.run_ocr_action.trigger()  # no batch yet: nothing runs, but the tab comes forward
    assert window.case_tabs.currentWidget() is window.flyer_tab
    assert window.flyer_tab.is_built and window.flyer_pane.case_id == open_case.id
    assert window.navigator.select_case(closed.id)
    assert not window.import_photos_action.isEnabled()  # a closed case takes no evidence


def test_case_count_says_one_case_in_the_singular(
    workstation: Workstation, actor: Actor, make_main_window: MakeWindow
) -> None:
    workstation.cases.create(actor, "Flyers at Gangnam", number="C-1")
    window = make_main_window()
    assert window.navigator.count_label.text() == "1 case"
    window.navigator.filter_edit.setText("no such case")
    assert window.navigator.count_label.text() == "0 of 1 case"
