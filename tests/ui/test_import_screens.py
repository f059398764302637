"""The import screens: check shows what was recognised before anything is written, import
writes it; an encrypted backup asks for its password; a dropped folder joins the list; the
mapping editor previews the first rows and saves a mapping the import then uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, ItemKind
from forensics_app.ui import device_area, import_dialog
from forensics_app.ui.device_area import DeviceDataArea
from forensics_app.ui.import_dialog import ImportDialog
from forensics_app.ui.import_mapping import MappingEditor
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.widgets.context import UiContext
from tests.importers import samples
from tests.importers.containers import ufdrs
from tests.importers.containers.backups import BACKUP_DATE, CALLS, SMS, build_backup
from tests.importers.containers.conftest import table_counts
from tests.ui.conftest import RecordingRunner
from tests.ui.evidence_fixtures import drop_files


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at ({row}, {column})"
    return item.text()


def header_text(table: QTableWidget, column: int) -> str:
    item = table.horizontalHeaderItem(column)
    assert item is not None, f"no header for column {column}"
    return item.text()


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor) -> int:
    return workstation.cases.create(actor, "Lending", number="2024-0042").id


def dialog(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    paths: list[Path],
) -> ImportDialog:
    shown = ImportDialog(UiContext(workstation, actor, runner), case_id, paths)
    qtbot.addWidget(shown)
    return shown


def test_check_then_import_a_ufdr(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    models = {
        "SMS": [ufdrs.sms("s1", "2024-03-01T09:15:00+09:00", "급전", "010-1234-5678")],
        "Call": [
            ufdrs.call("c1", "2024-03-01T10:00:00+09:00", "Outgoing", "01022223333", "00:00:10")
        ],
    }
    ufdr = ufdrs.build_ufdr(tmp_path / "phone.ufdr", ufdrs.report_xml(models))
    shown = dialog(qtbot, workstation, actor, case_id, runner, [ufdr])
    before = table_counts(workstation)
    shown.check()
    assert runner.errors == []
    assert shown.table.rowCount() == 1
    assert cell_text(shown.table, 0, 1) == "Cellebrite UFDR report (report.xml)"
    assert cell_text(shown.table, 0, 2) == "2"  # the report's model count
    assert "SM-G991N" in shown.device.text() and "Cellebrite UFDR" in shown.device.text()
    assert table_counts(workstation) == before  # checking writes nothing
    assert shown.import_button.isEnabled()
    shown.start_import()
    assert shown.report is not None and shown.report.counts["message"] == 1
    assert "1 message, 1 call, 0 contacts" in shown.status.text()
    assert not shown.import_button.isEnabled()


def test_an_encrypted_backup_asks_for_its_password(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = {
        SMS: samples.ios_sms(tmp_path / "db" / "sms.db").read_bytes(),
        CALLS: samples.ios_callhistory(tmp_path / "db" / "c.storedata").read_bytes(),
    }
    backup = build_backup(tmp_path / "backup", files, password="secret")
    answers = iter(["wrong", "secret"])
    asked: list[bool] = []

    def answer(backup: str, *, wrong: bool, parent: object) -> str:
        asked.append(wrong)
        return next(answers)

    monkeypatch.setattr(import_dialog, "ask_backup_password", answer)
    shown = dialog(qtbot, workstation, actor, case_id, runner, [backup])
    shown.check()
    assert asked == [False, True]  # asked, then told the first one was wrong
    assert shown.table.rowCount() == 2
    shown.start_import()
    assert shown.report.counts == {"message": 9, "call": 4, "contact": 0}
    assert shown._password is None  # forgotten once used


def test_dropping_a_folder_adds_it(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    shown = dialog(qtbot, workstation, actor, case_id, runner, [])
    folder = samples.android_extraction(tmp_path / "phone")
    drop = drop_files(shown, QPoint(5, 5), [folder])
    assert drop.isAccepted()
    assert shown.chosen_paths() == [folder]
    shown.check()
    assert shown.table.rowCount() == 3


def test_the_mapping_editor_previews_and_saves(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(
        'Date,Phone,Dir,Text\n2024-03-01 09:00:00,010-1234-5678,in,"=HYPERLINK(""x"")"\n'.encode(
            "cp949"
        )
    )
    editor = MappingEditor(sheet)
    qtbot.addWidget(editor)
    assert [header_text(editor.preview, c) for c in range(4)] == [
        "Date",
        "Phone",
        "Dir",
        "Text",
    ]
    assert cell_text(editor.preview, 0, 3) == '=HYPERLINK("x")'
    boxes = editor._field_boxes
    for field, column in (("time", "Date"), ("number", "Phone"), ("body", "Text")):
        boxes[field].setCurrentIndex(boxes[field].findData(column))
    assert header_text(editor.preview, 1).startswith("Phone\n→ ")
    editor.name.setText("lab_sms")
    saved: list[str] = []
    editor.saved.connect(saved.append)
    editor.save()
    assert saved == ["lab_sms"]
    shown = dialog(qtbot, workstation, actor, case_id, runner, [sheet])
    shown.mapping.setCurrentIndex(shown.mapping.findData("lab_sms"))
    shown.check()
    shown.start_import()
    assert shown.report.counts["message"] == 1


def test_the_phone_import_opens_the_import_dialog_into_the_selected_phone(
    make_main_window: Callable[[], MainWindow],
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new user catalogues the seized phone, selects it and imports what was extracted from
    it: the data lands in that phone (the CLI's --item), through the dialog that checks first,
    asks a backup's password and takes a column mapping (it was built but unreachable: the
    menu went straight to a folder chooser and filed everything under a new phone item)."""
    phone = workstation.evidence.add_item(
        actor, case_id, ItemDraft(ItemKind.PHONE, make="Samsung")
    ).item
    recorder = workstation.evidence.add_item(actor, case_id, ItemDraft(ItemKind.CCTV_RECORDER))
    extraction = samples.android_extraction(tmp_path / "galaxy")
    # The old path asked for a folder first; answer it so the old code runs to its end too.
    monkeypatch.setattr(device_area, "choose_folder", lambda *_args: extraction)
    window = make_main_window()
    window.navigator.select_case(case_id)
    assert window.evidence_pane.select_item(phone.id)
    window.import_device_action.trigger()
    shown = window.device_area.last_dialog
    assert isinstance(shown, ImportDialog)
    assert shown.target_item() == phone.id  # the selected phone, not a new item
    offered = {shown.target_combo.itemData(i) for i in range(shown.target_combo.count())}
    assert recorder.item.id not in offered  # a recorder cannot hold phone data
    shown.add_paths([extraction])
    shown.check()
    shown.start_import()
    assert runner.errors == []
    assert shown.report is not None and shown.report.item.id == phone.id
    assert window.device_area.phone_combo.currentData() == phone.id
    assert [p.item_id for p in workstation.artifacts.phones(case_id)] == [phone.id]


def test_the_device_area_import_button_opens_the_dialog(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
) -> None:
    area = DeviceDataArea(UiContext(workstation, actor, runner))
    qtbot.addWidget(area)
    area.set_case(case_id)
    area.import_button.click()
    shown = area.last_dialog
    assert isinstance(shown, ImportDialog) and shown.isVisible()
    assert shown.target_item() is None  # no phone yet: a new phone item
    shown.reject()


def test_the_backup_date_is_shown_in_the_workstation_zone(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    """Every time on screen is in the workstation's zone with the zone named; the backup's
    date was shown as the raw ISO text in UTC ('2021-12-03T19:33:13+00:00')."""
    files = {SMS: samples.ios_sms(tmp_path / "db" / "sms.db").read_bytes()}
    backup = build_backup(tmp_path / "backup", files)
    shown = dialog(qtbot, workstation, actor, case_id, runner, [backup])
    shown.check()
    assert runner.errors == []
    local = workstation.clock.local(BACKUP_DATE)
    assert local.strftime("%Y-%m-%d %H:%M:%S") in shown.device.text()
    assert workstation.clock.zone_abbreviation(local) in shown.device.text()
    assert BACKUP_DATE.isoformat() not in shown.device.text()


def test_the_dialog_says_to_check_before_import_is_offered(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    """Import is off until Check: a first user who added a folder saw a grey Import button and
    nothing saying why."""
    shown = dialog(qtbot, workstation, actor, case_id, runner, [])
    assert shown.status.text() == ""
    shown.add_paths([samples.android_extraction(tmp_path / "galaxy")])
    assert not shown.import_button.isEnabled()
    assert "Check" in shown.status.text()
    shown.check()
    assert shown.import_button.isEnabled() and "Check" not in shown.status.text()


def test_an_export_without_mapping_points_at_the_mapping_list(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
) -> None:
    """The refusal told a GUI user to use '--mapping NAME', a command-line flag; the dialog
    names its own mapping list and keeps the file's columns."""
    export = tmp_path / "sms.csv"
    export.write_text("일시,전화번호,구분,내용\n2026-05-01 14:30,010-6962-3721,수신,급전\n")
    shown = dialog(qtbot, workstation, actor, case_id, runner, [export])
    shown.check()
    assert "--mapping" not in shown.status.text()
    assert "Edit mapping" in shown.status.text() and "전화번호" in shown.status.text()
    shown.mapping.setCurrentIndex(shown.mapping.findData("korean_sms_sheet"))
    shown.check()
    assert shown.import_button.isEnabled()


@pytest.mark.parametrize("imported_before", [False, True])
def test_each_parser_is_named_in_the_readers_language(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    runner: RecordingRunner,
    tmp_path: Path,
    korean: None,
    imported_before: bool,
) -> None:
    """The check names the parser that reads each database; on a Korean screen in Korean (the
    importers' titles are English in their modules, so they went to the screen as they were).
    A tool export's showed as 'Tool export (…)' (its title is built from its mapping), and a
    database imported before by its parser's code ('android_mmssms')."""
    export = tmp_path / "sms.csv"
    export.write_text("일시,전화번호,구분,내용\n2026-05-01 14:30,010-6962-3721,수신,급전\n")
    extraction = samples.android_extraction(tmp_path / "galaxy")
    if imported_before:
        workstation.ingest.import_paths(actor, case_id, [extraction])
    shown = dialog(qtbot, workstation, actor, case_id, runner, [export, extraction])
    shown.mapping.setCurrentIndex(shown.mapping.findData("korean_sms_sheet"))
    shown.check()
    assert runner.errors == []
    titles = {cell_text(shown.table, row, 1) for row in range(shown.table.rowCount())}
    assert "안드로이드 문자 SMS/MMS (mmssms.db)" in titles
    assert "안드로이드 연락처 (contacts2.db)" in titles
    assert "도구 내보내기 (문자 표 (일시, 전화번호, 구분, 내용))" in titles
    assert not any(t.startswith(("Android", "Tool export", "android_")) for t in titles), titles
