"""The report dialog: presets tick sections, the preview shows the report in Korean, making
the report writes and records it, a refusal keeps the dialog's choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from forensics_app.ui import main_window
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.report_dialog import ReportDialog
from tests.reports.case_data import build_case
from tests.ui.conftest import MakeContext, RecordingRunner


def test_report_dialog_previews_makes_and_records_a_report(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    make_context: MakeContext,
    tmp_path: Path,
) -> None:
    data = build_case(workstation, actor, tmp_path / "source")
    out = tmp_path / "out"
    out.mkdir()
    dialog = ReportDialog(make_context(), data.case, str(out), language="ko")
    qtbot.addWidget(dialog)
    assert dialog.chosen_sections() == [  # the full case
        "cover", "evidence", "device_summary", "device_messages", "device_calls",
        "device_contacts", "device_tagged", "cctv", "flyers", "number_xref",
        "block_requests", "timeline", "charts",
    ]  # fmt: skip
    dialog.preset.setCurrentIndex(dialog.preset.findData("flyers_and_blocking"))
    assert dialog.chosen_sections() == [
        "cover",
        "flyers",
        "number_xref",
        "block_requests",
        "charts",
    ]
    assert dialog.sections.item(0).text() == "사건 보고서"

    dialog.show_preview()
    assert "전화번호별 발견 현황" in dialog.preview.toPlainText()
    assert "010-2345-6789" in dialog.preview.toPlainText()

    dialog.use_since.setChecked(True)
    dialog.since.setDate(QDate(2026, 5, 6))
    dialog.use_until.setChecked(True)
    dialog.until.setDate(QDate(2026, 5, 1))
    dialog.accept()
    assert dialog.last_message is not None  # the period ends before it starts
    assert dialog.last_report is None
    dialog.since.setDate(QDate(2026, 5, 1))
    dialog.until.setDate(QDate(2026, 5, 31))
    dialog.formats["xlsx"].setChecked(True)
    dialog.name_edit.setText("보고서")
    dialog.accept()
    assert runner.errors == []
    assert dialog.last_report is not None
    assert (out / "보고서" / "index.html").exists() and (out / "보고서" / "report.pdf").exists()
    assert dialog.open_button.isEnabled()
    assert workstation.reports.verify(out / "보고서").known
    # Unticking every format leaves nothing to make.
    for box in dialog.formats.values():
        box.setChecked(False)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.sections.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.preset.currentData() == ""  # chosen by hand now


def test_a_report_folder_is_verified_from_the_case_menu(
    make_main_window: Callable[[], MainWindow],
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`report verify DIR` had no counterpart in the GUI: an examiner handed a report folder
    back could not check it without the command line."""
    data = build_case(workstation, actor, tmp_path / "source")
    (tmp_path / "out").mkdir()
    report = workstation.reports.generate(
        actor, ReportRequest(data.case.id, tmp_path / "out" / "r1", section_ids=["cover"])
    )
    monkeypatch.setattr(main_window, "choose_folder", lambda *_args: report.path)
    window = make_main_window()
    window.verify_report_action.trigger()
    assert runner.errors == []
    box = window.findChildren(QMessageBox)[-1]
    assert box.icon() == QMessageBox.Icon.Information
    assert "intact" in box.informativeText() and "recorded as entry" in box.informativeText()
    clock = workstation.clock
    assert clock.zone_abbreviation(clock.local(clock.now())) in box.informativeText()
    box.close()

    (report.path / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    window.verify_report_action.trigger()
    box = window.findChildren(QMessageBox)[-1]
    assert box.icon() == QMessageBox.Icon.Critical
    assert "CHANGED: index.html" in box.informativeText()
    assert (report.path / "index.html").read_text(encoding="utf-8") == "<p>changed</p>"


def test_the_custody_log_is_verified_against_a_reports_signed_head(
    make_main_window: Callable[[], MainWindow],
    workstation: Workstation,
    actor: Actor,
    runner: RecordingRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`verify --chain-only --anchor FILE` had no counterpart in the GUI: the head signed into
    a package or report that left the workstation could not be checked without the CLI."""
    data = build_case(workstation, actor, tmp_path / "source")
    (tmp_path / "out").mkdir()
    report = workstation.reports.generate(
        actor, ReportRequest(data.case.id, tmp_path / "out" / "r1", section_ids=["cover"])
    )
    manifest = report.path / "manifest.json"
    monkeypatch.setattr(main_window, "choose_file", lambda *_args: manifest)
    window = make_main_window()
    before = len(workstation.custody.entries())
    window.verify_anchor_action.trigger()
    assert runner.errors == []
    box = window.findChildren(QMessageBox)[-1]
    assert box.icon() == QMessageBox.Icon.Information
    assert "manifest.json" in box.text() and "0 disagree" in box.informativeText()
    assert len(workstation.custody.entries()) == before  # read-only
    box.close()

    not_a_package = tmp_path / "notes.txt"
    not_a_package.write_text("no signed head here", encoding="utf-8")
    monkeypatch.setattr(main_window, "choose_file", lambda *_args: not_a_package)
    window.verify_anchor_action.trigger()
    assert runner.errors == []  # a refusal shown to the user, not a crash
    shown = [
        " ".join((b.text(), b.informativeText()))
        for b in QApplication.topLevelWidgets() + window.findChildren(QMessageBox)
        if isinstance(b, QMessageBox) and b.isVisible()
    ]
    assert any("notes.txt" in text for text in shown), shown
