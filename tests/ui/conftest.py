"""GUI fixtures: a synchronous task runner that records errors, and the main window built
directly (sign-in bypassed) on both databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.tasks import SynchronousTaskRunner

# The offscreen platform plugin says this whenever a QMainWindow is shown; it is about the
# test platform, not the program, so it must not fail tests that demand zero Qt warnings.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class RecordingRunner(SynchronousTaskRunner):
    """Runs tasks inline; errors no callback handled are kept for the test to inspect."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        super().__init__(self.errors.append)


@pytest.fixture
def runner(qtbot: QtBot) -> RecordingRunner:
    return RecordingRunner()


@pytest.fixture
def make_main_window(
    qtbot: QtBot, workstation: Workstation, actor: Actor, runner: RecordingRunner
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(workstation, actor, runner)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
