"""The crash path: log with traceback, one dialog per crash, no storm, worker threads too."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qWarning
from pytestqt.qtbot import QtBot

from forensics_app import config
from forensics_app.logging_setup import configure_logging
from forensics_app.ui import crash as crash_module
from forensics_app.ui.crash import CrashHandler, ExcInfo


@pytest.fixture
def handler(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[CrashHandler]:
    root = logging.getLogger()
    # configure_logging() keeps an existing log file handler; one left by an earlier test
    # would point into that test's data folder, so set this test's own up.
    earlier = [h for h in root.handlers if getattr(h, "forensics_app_file", False)]
    for h in earlier:
        root.removeHandler(h)
    log_file = configure_logging()
    handler = CrashHandler(config.log_dir(), log_file)
    shown: list[ExcInfo] = []
    monkeypatch.setattr(handler, "show_dialog", shown.append)
    handler.shown = shown  # type: ignore[attr-defined]
    handler.install()
    yield handler
    handler.uninstall()
    for h in list(root.handlers):
        if getattr(h, "forensics_app_file", False):
            root.removeHandler(h)
            h.close()
    for h in earlier:
        root.addHandler(h)


def _raise(message: str) -> ExcInfo:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        info = sys.exc_info()
    assert info[0] is not None and info[1] is not None
    return (info[0], info[1], info[2])


def test_crash_is_logged_with_traceback_and_shown_once(qtbot: QtBot, handler: CrashHandler) -> None:
    shown: list[ExcInfo] = handler.shown  # type: ignore[attr-defined]
    exc_info = _raise("boom in a slot")
    sys.excepthook(*exc_info)
    qtbot.waitUntil(lambda: len(shown) == 1)
    # The same bug again (a paintEvent would raise on every repaint): no second dialog.
    for _ in range(5):
        sys.excepthook(*exc_info)
    qtbot.wait(50)
    assert len(shown) == 1
    assert shown[0][1] is exc_info[1]
    text = handler.log_file.read_text(encoding="utf-8")
    assert "Unhandled exception" in text
    assert "RuntimeError: boom in a slot" in text
    assert "Traceback" in text
    assert (config.log_dir() / crash_module.FAULT_LOG_NAME).exists()


def test_no_dialog_while_one_is_open(qtbot: QtBot, handler: CrashHandler) -> None:
    opened: list[str] = []

    def nested_dialog(exc_info: ExcInfo) -> None:
        opened.append(str(exc_info[1]))
        # A second crash while the first dialog is up must not open another.
        handler.handle(_raise("second, different origin"))
        qtbot.wait(20)

    handler.show_dialog = nested_dialog  # type: ignore[method-assign]
    handler.handle(_raise("first"))
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.wait(50)
    assert opened == ["first"]


def test_worker_thread_crash_reaches_the_gui_thread(qtbot: QtBot, handler: CrashHandler) -> None:
    shown: list[ExcInfo] = handler.shown  # type: ignore[attr-defined]

    def fail() -> None:
        raise ValueError("boom in a worker")

    thread = threading.Thread(target=fail, name="worker-1")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert isinstance(shown[0][1], ValueError)
    assert "in thread worker-1" in handler.log_file.read_text(encoding="utf-8")


def test_qt_messages_go_to_python_logging(
    qtbot: QtBot, handler: CrashHandler, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="qt"):
        qWarning("a warning from Qt")
    assert any(r.name.startswith("qt") and "a warning from Qt" in r.message for r in caplog.records)


def test_uninstall_restores_the_hooks(qtbot: QtBot) -> None:
    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(config.log_dir())
    handler.install()
    assert sys.excepthook != before[0]
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
