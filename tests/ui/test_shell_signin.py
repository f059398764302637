"""Sign-in: first examiner on an empty database, pick from the list on a local one, badge and
password (with retries) on a team one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from forensics_app.config import Preferences
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, Role
from forensics_app.ui.signin_dialog import (
    PAGE_CHOOSE,
    PAGE_CREATE,
    PAGE_PASSWORD,
    ExaminerDialog,
    SignInDialog,
)
from tests.conftest import PASSWORD


def _dialog(qtbot: QtBot, workstation: Workstation) -> SignInDialog:
    dialog = SignInDialog(workstation, Preferences.load())
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog: SignInDialog | ExaminerDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_empty_database_creates_the_first_examiner_as_admin(
    qtbot: QtBot, workstation: Workstation
) -> None:
    dialog = _dialog(qtbot, workstation)
    assert dialog.pages.currentIndex() == PAGE_CREATE
    dialog.name_edit.setText("박서준")
    dialog.new_badge_edit.setText("2001")
    if workstation.is_team_database:
        dialog.new_password_edit.setText("short")
        dialog.repeat_password_edit.setText("short")
        _ok(dialog)
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "8" in dialog.error_label.text()
        dialog.new_password_edit.setText(PASSWORD)
        dialog.repeat_password_edit.setText(PASSWORD)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.role == Role.ADMIN
    assert [e.badge_number for e in workstation.examiners.list()] == ["2001"]
    assert Preferences.load().examiner_by_db[workstation.location] == "2001"


def test_local_database_preselects_the_remembered_examiner(
    qtbot: QtBot, workstation: Workstation, actor: Actor, db_url: str
) -> None:
    if workstation.is_team_database:
        pytest.skip("the list of examiners is for local databases")
    workstation.examiners.create(actor, "이지은", "1002")
    prefs = Preferences.load()
    prefs.examiner_by_db[workstation.location] = "1002"
    prefs.save()
    dialog = _dialog(qtbot, workstation)
    assert dialog.pages.currentIndex() == PAGE_CHOOSE
    assert dialog.examiner_list.count() == 2
    assert "이지은" in dialog.examiner_list.currentItem().text()
    _ok(dialog)
    assert dialog.actor is not None and dialog.actor.badge_number == "1002"


def test_local_database_registers_a_new_examiner(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    if workstation.is_team_database:
        pytest.skip("team accounts are added by an administrator")
    dialog = _dialog(qtbot, workstation)
    dialog.new_examiner_button.click()
    assert dialog.pages.currentIndex() == PAGE_CREATE
    dialog.name_edit.setText("최유진")
    dialog.new_badge_edit.setText("1003")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.REVIEWER))
    _ok(dialog)
    assert dialog.actor is not None
    assert dialog.actor.role == Role.REVIEWER
    entries = workstation.custody.entries()
    assert entries[0].action == "examiner" and entries[0].actor == actor.label
    assert Preferences.load().examiner_by_db[workstation.location] == "1003"


def test_team_database_wrong_password_then_retry(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    if not workstation.is_team_database:
        pytest.skip("passwords are for team databases")
    dialog = _dialog(qtbot, workstation)
    assert dialog.pages.currentIndex() == PAGE_PASSWORD
    dialog.badge_edit.setText(actor.badge_number)
    dialog.password_edit.setText("not the password")
    _ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.actor is None
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == "Wrong badge number or password. Try again."
    assert dialog.password_edit.text() == ""
    dialog.password_edit.setText(PASSWORD)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == actor
    # Only the successful sign-in is on the record of the shared database.
    logins = [e for e in workstation.custody.entries() if e.action == "login"]
    assert len(logins) == 1 and logins[0].actor == actor.label
    assert workstation.custody.verify_chain().ok


def test_admin_adds_an_examiner_from_the_main_window(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    dialog = ExaminerDialog(workstation, actor)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("정하늘")
    dialog.badge_edit.setText("1004")
    if workstation.is_team_database:
        dialog.password_edit.setText(PASSWORD)
        dialog.repeat_edit.setText("something else")
        _ok(dialog)
        assert dialog.created is None and dialog.error_label.isVisibleTo(dialog)
        dialog.repeat_edit.setText(PASSWORD)
    _ok(dialog)
    assert dialog.created is not None
    password = PASSWORD if workstation.is_team_database else None
    assert workstation.examiners.sign_in("1004", password) == dialog.created


def test_team_database_refuses_accounts_from_non_admins(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    if not workstation.is_team_database:
        pytest.skip("local databases let anyone register")
    plain = workstation.examiners.create(actor, "이지은", "1002", password=PASSWORD)
    dialog = ExaminerDialog(workstation, plain)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("정하늘")
    dialog.badge_edit.setText("1004")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    _ok(dialog)
    assert dialog.created is None
    assert "admin" in dialog.error_label.text()
