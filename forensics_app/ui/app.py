"""Start the GUI: crash path first, then logging, language, database, sign-in, main window.

Kept light at import time: the CLI imports this module only when `gui` runs, and the window
must be on screen quickly, so nothing here pulls in parsers, OCR or reporting.
"""

from __future__ import annotations

import logging
import signal
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from forensics_app import __version__, config
from forensics_app.errors import UserError
from forensics_app.logging_setup import configure_logging
from forensics_app.services import Workstation
from forensics_app.ui.crash import CrashHandler
from forensics_app.ui.i18n import apply_locale, install_translators, normalise, remove_translators
from forensics_app.ui.main_window import MainWindow, show_user_error
from forensics_app.ui.settings import APPLICATION, ORGANISATION
from forensics_app.ui.signin_dialog import SignInDialog
from forensics_app.ui.tasks import TaskRunner
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.messages import error_text

log = logging.getLogger(__name__)


def run(database_url: str) -> int:
    """Run the workstation on `database_url`; the exit code is 0 or a UserError's code."""
    crash = CrashHandler(config.log_dir())
    crash.install()
    try:
        crash.log_file = configure_logging()
        log.info("Forensics workstation %s starting", __version__)
        instance = QApplication.instance()
        app = instance if isinstance(instance, QApplication) else QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationVersion(__version__)
        return _run(app, database_url, crash)
    finally:
        crash.uninstall()


def _run(app: QApplication, database_url: str, crash: CrashHandler) -> int:
    preferences = config.Preferences.load()
    language = normalise(preferences.language)
    apply_locale(language)
    translators = install_translators(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Forensics Workstation"))
    try:
        opened = _open_workstation(database_url)
        if isinstance(opened, int):
            return opened
        try:
            return _session(app, opened, preferences, crash)
        finally:
            opened.close()
    finally:
        remove_translators(app, translators)


def _open_workstation(database_url: str) -> Workstation | int:
    """The opened database, or the exit code after saying clearly why it cannot be opened
    (locked, outdated schema, server unreachable): a message, never a traceback."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return Workstation.open(database_url, reads_while_importing=True)
    except UserError as exc:
        log.error("Cannot open the database: %s", exc)
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Cannot open the database"),
            QCoreApplication.translate("App", "The workstation cannot open its database.")
            + f"\n\n{error_text(exc)}\n\n"
            + QCoreApplication.translate("App", "Log file: {path}").format(path=config.log_dir()),
        )
        return exc.exit_code
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()


def _session(
    app: QApplication,
    workstation: Workstation,
    preferences: config.Preferences,
    crash: CrashHandler,
) -> int:
    dialog = SignInDialog(workstation, preferences)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        log.info("Sign-in cancelled")
        return 0

    def on_task_error(exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_user_error(QApplication.activeWindow(), exc)
        else:
            crash.handle((type(exc), exc, exc.__traceback__))

    runner = TaskRunner(on_task_error)
    ctx = UiContext(workstation, dialog.actor, runner)
    window = MainWindow(ctx, preferences=preferences)
    window.show()
    # Ctrl+C in the starting terminal ends the program (Qt's loop would otherwise swallow it).
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        code = app.exec()
    finally:
        signal.signal(signal.SIGINT, previous)
    runner.cancel_all()
    runner.wait()
    window.deleteLater()
    log.info("Forensics workstation closed (exit code %d)", code)
    return code
