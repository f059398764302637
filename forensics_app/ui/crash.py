"""The crash path: every unhandled exception is logged with its traceback and shown once.

Installed before anything else in `run()`, so even a failing start-up is caught. Hooks:
sys.excepthook (GUI thread and Qt slots), threading.excepthook (worker threads), faulthandler
(hard crashes, written to a file because a segfault cannot run Python), and Qt's own messages
routed into Python logging.

Dialog storms are the classic failure of naive crash handlers (an exception in paintEvent
fires on every repaint): while a dialog is open further crashes are only logged, a crash with
the same origin is shown once per session, and after MAX_DIALOGS only the log is written.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

MAX_DIALOGS = 3
FAULT_LOG_NAME = "faulthandler.log"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings ("QPainter::begin: …", font and platform problems) land in the log file
    next to ours instead of vanishing on a stderr nobody sees."""
    category = context.category or "default"
    name = "qt" if category == "default" else f"qt.{category}"
    logging.getLogger(name).log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def _origin(exc_info: ExcInfo) -> tuple[str, str, int]:
    """Where a crash comes from: the same bug repeating has the same origin."""
    exc_type, _exc, tb = exc_info
    frames = traceback.extract_tb(tb) if tb is not None else []
    last = frames[-1] if frames else None
    return (
        exc_type.__qualname__,
        last.filename if last else "",
        last.lineno or 0 if last else 0,
    )


class CrashHandler(QObject):
    """Owns the hooks; `install()` / `uninstall()` restore whatever was there before."""

    # Crashes on worker threads travel to the GUI thread through this queued signal: a dialog
    # may only be shown on the GUI thread.
    _crashed = Signal(object)

    def __init__(self, log_dir: Path, log_file: Path | None = None) -> None:
        super().__init__()
        self.log_dir = log_dir
        self.log_file = log_file or log_dir / "forensics-app.log"
        self.dialogs_shown = 0
        self._shown_origins: set[tuple[str, str, int]] = set()
        self._dialog_open = False
        self._installed = False
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._previous_qt_handler: Any = None
        self._fault_file: IO[str] | None = None
        self._fault_was_enabled = False
        self._crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    # ---- hooks ---------------------------------------------------------------------------
    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        self._previous_excepthook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        self._fault_was_enabled = faulthandler.is_enabled()
        try:
            self._fault_file = (self.log_dir / FAULT_LOG_NAME).open("a", encoding="utf-8")
            faulthandler.enable(self._fault_file, all_threads=True)
        except OSError:
            log.warning("Cannot write %s; hard crashes will not be logged", FAULT_LOG_NAME)
        self._previous_qt_handler = qInstallMessageHandler(qt_message_handler)

    def uninstall(self) -> None:
        if not self._installed:
            return
        self._installed = False
        sys.excepthook = self._previous_excepthook or sys.__excepthook__
        threading.excepthook = self._previous_thread_hook or threading.__excepthook__
        qInstallMessageHandler(self._previous_qt_handler)
        faulthandler.disable()
        if self._fault_was_enabled:
            # Whoever had it before (pytest, a debugger) wrote to stderr; keep that working.
            faulthandler.enable(sys.__stderr__ or sys.stderr, all_threads=True)
        if self._fault_file is not None:
            self._fault_file.close()
            self._fault_file = None

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.handle((exc_type, exc, tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle((args.exc_type, args.exc_value, args.exc_traceback), args.thread)

    # ---- handling ------------------------------------------------------------------------
    def handle(self, exc_info: ExcInfo, thread: threading.Thread | None = None) -> None:
        """Log the crash, then ask for a dialog (on the GUI thread, later if need be)."""
        exc_type, exc, tb = exc_info
        if issubclass(exc_type, KeyboardInterrupt):
            # Ctrl+C in the terminal that started the GUI: quit, do not report a crash.
            app = QCoreApplication.instance()
            if app is not None:
                app.quit()
            return
        where = f" in thread {thread.name}" if thread is not None else ""
        log.critical("Unhandled exception%s", where, exc_info=(exc_type, exc, tb))
        for handler in logging.getLogger().handlers:
            handler.flush()
        if QCoreApplication.instance() is None:
            return
        self._crashed.emit(exc_info)

    @Slot(object)
    def _on_crashed(self, exc_info: ExcInfo) -> None:
        origin = _origin(exc_info)
        if self._dialog_open or origin in self._shown_origins or self.dialogs_shown >= MAX_DIALOGS:
            log.info("Crash dialog suppressed (already shown or open); see the log above")
            return
        self._shown_origins.add(origin)
        self.dialogs_shown += 1
        self._dialog_open = True
        try:
            self.show_dialog(exc_info)
        finally:
            self._dialog_open = False

    def show_dialog(self, exc_info: ExcInfo) -> None:
        """Tests replace this; the real one is a modal critical message box."""
        exc_type, exc, _tb = exc_info
        parent = QApplication.activeWindow()
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(
            self.tr(
                "An unexpected error occurred. The program may not work correctly until it is "
                "restarted.\n\nThe details were written to the log file:\n{path}\n\nPlease send "
                "this file to the person who supports the workstation."
            ).format(path=self.log_file)
        )
        box.setDetailedText("".join(traceback.format_exception_only(exc_type, exc)))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
