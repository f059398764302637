"""The main window on both databases, built directly with a synchronous runner."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.main_window import MainWindow
from tests.ui.conftest import RecordingRunner


def test_first_start_shows_the_empty_state(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow]
) -> None:
    window = make_main_window()
    window.show()
    qtbot.waitExposed(window)
    assert window.centre.currentWidget() is window.empty_state
    assert not window.verify_action.isEnabled()
    assert not window.new_item_action.isEnabled()


def test_opens_with_cases(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    make_main_window: Callable[[], MainWindow],
) -> None:
    case = workstation.cases.create(actor, "Flyers at Gangnam", number="C-1")
    window = make_main_window()
    window.show()
    qtbot.waitExposed(window)
    assert window.centre.currentWidget() is window.evidence_pane
    assert window.case_model.rowCount() == 1
    window.navigator.select_case(case.id)
    assert window.current_case() is not None
    assert window.verify_action.isEnabled()
    assert runner.errors == []
