"""app.run: database problems end with a message and an exit code, never a traceback; the
normal path goes through sign-in to a shown main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from forensics_app.services.records import Actor
from forensics_app.ui import app as app_module
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.signin_dialog import SignInDialog
from tests.pg_server import PostgresServer


@pytest.fixture(autouse=True)
def restore_globals(qapp: QApplication) -> Iterator[None]:
    """run() sets process-wide things a real start wants; put them back for the next test."""
    locale = QLocale()
    hooks = (sys.excepthook, sys.modules["threading"].excepthook)
    handlers = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    yield
    QLocale.setDefault(locale)
    assert (sys.excepthook, sys.modules["threading"].excepthook) == hooks
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


class Messages:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.critical: list[tuple[str, str]] = []
        monkeypatch.setattr(QMessageBox, "critical", self._critical)

    def _critical(self, _parent: object, title: str, text: str, *args: object) -> Any:
        self.critical.append((title, text))
        return QMessageBox.StandardButton.Ok


def test_unreachable_server_gives_a_message_and_non_zero_exit(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = Messages(monkeypatch)
    code = app_module.run("postgresql://u@127.0.0.1:1/x")
    assert code != 0
    [(title, text)] = messages.critical
    assert title
    assert "127.0.0.1" in text
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_not_a_database_gives_a_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    messages = Messages(monkeypatch)
    assert app_module.run(f"sqlite:///{junk}") != 0
    assert len(messages.critical) == 1


def test_cancelled_sign_in_exits_quietly(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(SignInDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run(f"sqlite:///{tmp_path / 'new.sqlite3'}") == 0


def test_sign_in_leads_to_the_main_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, db_url: str, actor: Actor
) -> None:
    def sign_in(dialog: SignInDialog) -> int:
        dialog.actor = actor
        return QDialog.DialogCode.Accepted

    shown: list[MainWindow] = []

    def event_loop(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        shown.extend(w for w in windows if w.isVisible())
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert app_module.run(db_url) == 0
    assert len(shown) == 1
    assert shown[0].actor == actor
    shown.clear()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_team_database_without_schema_says_how_to_upgrade(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, postgres: PostgresServer
) -> None:
    with psycopg.connect(postgres.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE shell_empty_schema")
    messages = Messages(monkeypatch)
    assert app_module.run(postgres.url("shell_empty_schema")) == 3
    [(_title, text)] = messages.critical
    assert "db upgrade" in text
