"""Issue 8 on the window's shell: the language switch offers to restart, the case list keeps a
stable order, Qt's own dialogs (file choosers, standard buttons) speak Korean, and the README's
block-request example works as written."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from forensics_app.config import Preferences
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui import i18n
from forensics_app.ui.case_model import CASE_ID_ROLE
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.widgets import paths

MakeWindow = Callable[[], MainWindow]


def test_the_language_switch_offers_to_restart(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, make_main_window: MakeWindow
) -> None:
    """Issue 8.8: the switch needed a manual restart, announced only in the status bar."""
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, arguments: started.append((program, arguments))
    )
    monkeypatch.setattr(QApplication, "quit", lambda: None)
    monkeypatch.setattr(sys, "argv", ["forensics-app", "--db", "sqlite:///x.sqlite3", "gui"])
    window = make_main_window()
    window.show()
    window.language_actions["en"].trigger()
    assert Preferences.load().language == "en"
    box = window.language_box
    assert box.isVisible() and "English" in box.text()
    # "Later" keeps the window; the choice stays saved for the next start.
    later = next(b for b in box.buttons() if b is not window.restart_button)
    later.click()
    assert window.isVisible() and not started
    window.language_actions["ko"].trigger()
    box = window.language_box
    window.restart_button.click()
    assert not window.isVisible(), "closed (its layout saved) before starting again"
    assert started == [
        (sys.executable, ["-m", "forensics_app", "--db", "sqlite:///x.sqlite3", "gui"])
    ]


def test_the_case_list_keeps_its_order_when_a_search_is_cleared(
    qtbot: QtBot, workstation: Workstation, actor: Actor, make_main_window: MakeWindow
) -> None:
    """Issue 8.9: cases opened the same day swapped places when the search was cleared."""
    created = [workstation.cases.create(actor, f"전단지 {n}", number=f"C-{n}") for n in range(6)]
    window = make_main_window()
    navigator = window.navigator

    def shown() -> list[int]:
        proxy = navigator.proxy
        return [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(proxy.rowCount())]

    before = shown()
    # All opened today: newest case first, the order a person expects, every time.
    assert before == [case.id for case in reversed(created)]
    for text in ("C-3", "전단", "C", "x", ""):
        navigator.filter_edit.setText(text)
    assert shown() == before
    navigator.table.sortByColumn(0, navigator.table.horizontalHeader().sortIndicatorOrder())
    navigator.table.sortByColumn(6, navigator.table.horizontalHeader().sortIndicatorOrder())
    assert shown() == before


def test_qt_own_dialogs_speak_korean(qtbot: QtBot, qapp: QApplication, korean: None) -> None:
    """Issue 8.1: Qt's own file dialogs read "Look in", "Files of type" (its Korean catalogue
    was not loaded). The program uses Qt's dialog, which follows the program's language."""
    folder = Path(i18n.__file__).parent
    assert Path(i18n.qt_translations_dir("ko"), "qtbase_ko.qm").is_file()
    dialog = QFileDialog(None, "증거 파일 선택", str(folder))
    dialog.setOptions(paths.DIALOG_OPTIONS)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert "찾는 위치(&L):" in labels and "파일 형식(&T):" in labels, labels
    box = QMessageBox(QMessageBox.Icon.Question, "확인", "계속할까요?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text().startswith("예")
    assert box.button(QMessageBox.StandardButton.No).text().startswith("아니요")
