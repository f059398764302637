"""GUI fixtures: the one synchronous task runner (records errors, can cancel mid-task), the
UiContext every screen is built from, and the main window built directly (sign-in bypassed)
on both databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blocking import Blocking
from forensics_app import messages
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.i18n import apply_locale, install_translators, remove_translators
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.tasks import SynchronousTaskRunner, Task, TaskRunner
from forensics_app.ui.widgets.context import Changed, UiContext

# The offscreen platform plugin says this whenever a QMainWindow is shown; it is about the
# test platform, not the program, so it must not fail tests that demand zero Qt warnings.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class RecordingRunner(SynchronousTaskRunner):
    """Runs tasks inline (the whole op has finished when `run()` returns); errors no callback
    handled are kept for the test to inspect. With `cancel_after` set, a task is cancelled
    once it has reported that many units (the Cancel button pressed mid-batch)."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.cancel_after: int | None = None
        super().__init__(self.errors.append)

    def _start(self, task: Task[object]) -> None:
        limit = self.cancel_after
        if limit is not None:
            progress = task.progress
            original = progress.advance

            def advance(amount: int = 1, detail: str = "") -> None:
                original(amount, detail)
                if progress.done >= limit:
                    task.cancel()

            progress.advance = advance  # type: ignore[method-assign]
        super()._start(task)


class MakeContext(Protocol):
    """The `make_context` fixture: a UiContext for another actor, block-request library or
    task runner than the test's own."""

    def __call__(
        self,
        as_actor: Actor | None = None,
        blk: Blocking | None = None,
        task_runner: TaskRunner | None = None,
    ) -> UiContext: ...


@pytest.fixture(autouse=True)
def _message_language_restored() -> Iterator[None]:
    """A test that switches the services' messages to Korean (installing the Korean catalog
    does) must not leave the next test reading Korean."""
    before = messages._chosen["language"]
    yield
    messages._chosen["language"] = before


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    """The interface in Korean, as a Korean-speaking examiner runs it: our catalog, Qt's own
    (standard buttons, file dialogs), the services' messages and the Korean locale."""
    before = messages._chosen["language"]
    locale = QLocale()
    apply_locale("ko")
    installed = install_translators(qapp, "ko")
    yield
    remove_translators(qapp, installed)
    QLocale.setDefault(locale)
    messages._chosen["language"] = before


@pytest.fixture
def runner(qtbot: QtBot) -> RecordingRunner:
    return RecordingRunner()


@pytest.fixture
def make_context(workstation: Workstation, actor: Actor, runner: RecordingRunner) -> MakeContext:
    """A UiContext (the signed-in `actor` unless told), with the test's runner."""

    def make(
        as_actor: Actor | None = None,
        blk: Blocking | None = None,
        task_runner: TaskRunner | None = None,
    ) -> UiContext:
        return UiContext(workstation, as_actor or actor, task_runner or runner, blk_override=blk)

    return make


@pytest.fixture
def ui_context(make_context: MakeContext) -> UiContext:
    return make_context()


@pytest.fixture
def make_main_window(qtbot: QtBot, ui_context: UiContext) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(ui_context)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


class ChangeRecorder:
    """What the operations told the change bus, in order."""

    def __init__(self, ctx: UiContext) -> None:
        self.seen: list[Changed] = []
        ctx.bus.subscribe(lambda what, _initiator: self.seen.append(what))

    def any(self, what: Changed) -> bool:
        return any(change & what for change in self.seen)

    def clear(self) -> None:
        self.seen.clear()
