"""The task panel with the real threaded runner: a row per task with progress, ETA and a
working Cancel button; nothing left running afterwards."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from forensics_app import messages
from forensics_app.messages import msg
from forensics_app.progress import check_cancelled
from forensics_app.ui.task_panel import TaskPanel, format_amount, format_eta
from forensics_app.ui.tasks import Task, TaskProgress, TaskRunner
from forensics_app.ui.widgets.ops import Op
from tests.ui.conftest import MakeContext, RecordingRunner

TIMEOUT_MS = 10_000


@pytest.fixture
def threaded_runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    yield runner
    runner.cancel_all()
    assert runner.wait(TIMEOUT_MS)
    assert errors == []


def test_row_shows_progress_and_cancel_stops_the_task(
    qtbot: QtBot, threaded_runner: TaskRunner
) -> None:
    panel = TaskPanel(threaded_runner)
    qtbot.addWidget(panel)
    halfway = threading.Event()
    cancelled: list[bool] = []

    def work(progress: TaskProgress) -> None:
        progress.begin(100, "hashing", "B")
        progress.advance(50)
        halfway.set()
        while True:  # until the user cancels; checks the flag like the services do
            check_cancelled(progress)
            threading.Event().wait(0.01)

    threaded_runner.run("Hash exhibit EX-0001", work, on_cancelled=lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=TIMEOUT_MS)  # after SHOW_AFTER_MS
    assert not panel.isHidden()
    [row] = panel.rows
    assert halfway.wait(TIMEOUT_MS / 1000)
    qtbot.waitUntil(lambda: row.bar.maximum() > 0 and row.bar.value() == 500, timeout=TIMEOUT_MS)
    assert "hashing" in row.label.text()
    assert "Hash exhibit EX-0001" in row.label.text()
    assert "/" in row.toolTip()  # 50 B / 100 B

    row.cancel_button.click()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=TIMEOUT_MS)
    assert panel.rows == []
    assert panel.isHidden()


def test_finished_task_leaves_no_row(qtbot: QtBot, threaded_runner: TaskRunner) -> None:
    panel = TaskPanel(threaded_runner)
    qtbot.addWidget(panel)
    results: list[int] = []
    threaded_runner.run("Count", lambda progress: 42, on_success=results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=TIMEOUT_MS)
    assert panel.rows == []


def test_only_an_op_still_running_after_a_moment_gets_a_row(
    qtbot: QtBot, make_context: MakeContext, runner: RecordingRunner
) -> None:
    """Each selection reads off the GUI thread; a row per read flickered in the status bar.
    The runner here is synchronous: the fast op is over before the event loop runs again; the
    slow one keeps running (spinning the event loop) until its row appears."""
    ctx = make_context()
    panel = TaskPanel(runner)
    qtbot.addWidget(panel)
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    panel.row_shown.connect(lambda task: shown.append(task.label))
    results: list[str] = []

    Op(ctx, parent, "fast read", lambda _p: "fast").success(results.append).run()
    assert results == ["fast"] and panel.rows == []

    def slow(_progress: TaskProgress) -> str:
        qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=TIMEOUT_MS)
        return "slow"

    Op(ctx, parent, "slow read", slow).success(results.append).run()
    # The fast op's delay (started first) ran out while the slow one waited: it showed nothing.
    assert shown == ["slow read"]
    assert results == ["fast", "slow"]
    assert panel.rows == [] and panel.isHidden()


def test_eta_and_amount_texts() -> None:
    assert format_eta(None) == ""
    assert format_eta(5.2) == "5 s left"
    assert format_eta(125) == "2 min 5 s left"
    assert format_eta(3 * 3600 + 120) == "3 h 2 min left"
    assert format_amount(1536, "B") == "1.5 KB"
    assert format_amount(12, "B") == "12 B"
    assert format_amount(12345, "entries") == "12,345"


def test_a_service_progress_label_reads_in_the_examiners_language(korean: None) -> None:
    """The services name their phases with message templates (the import dialog shows them
    as its status line): they arrive in Korean for a Korean examiner, values kept."""
    task = Task("import", lambda _progress: None)
    seen: list[str] = []
    task.signals.progress.connect(lambda label, *_rest: seen.append(label))
    task.progress.begin(None, msg("recognising sources"), "files")
    task.progress.begin(None, msg("reading {name} ({parser})", name="mmssms.db", parser="sms"))
    task.progress.begin(None, "plain text stays as given")
    assert seen == [
        messages.render("recognising sources", {}, "ko"),
        messages.render("reading {name} ({parser})", {"name": "mmssms.db", "parser": "sms"}, "ko"),
        "plain text stays as given",
    ]
    assert seen[0] != "recognising sources" and "mmssms.db" in seen[1]
