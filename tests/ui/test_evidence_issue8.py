"""Issue 8 on the evidence screens: times in the workstation's zone whatever the computer's
zone, IMEI and serial checks shown in the dialog, file names elided in the middle, the evidence
list and the custody log exported and printed from their screens, a wrongly catalogued item
withdrawn (audited, never deleted)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor, CaseRecord, ItemKind, ItemStatus
from forensics_app.ui.custody_view import CustodyLogView
from forensics_app.ui.evidence_model import COLUMN_INDEX
from forensics_app.ui.item_dialog import ItemDialog
from forensics_app.ui.item_status_dialogs import WithdrawDialog
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.export import snapshot, table_html
from tests.ui import evidence_fixtures as fx
from tests.ui.evidence_fixtures import MakePane, write_file

case, make_pane = fx.case, fx.make_pane


@pytest.fixture
def utc_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own zone is UTC (a server image, a misconfigured laptop)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_seizure_at_1430_kst_shows_as_1430_kst_on_a_utc_computer(
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    utc_computer: None,
) -> None:
    """Issue 8.2: a seizure entered as 14:30+09:00 showed as 05:30."""
    seized = datetime.fromisoformat("2026-05-01T14:30+09:00")
    item = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.PHONE, seized_at=seized)
    ).item
    pane = make_pane(case.id)
    row = pane.model.row_of(item.id)
    assert row is not None
    cell = pane.model.index(row, COLUMN_INDEX["seized_at"])
    assert cell.data() == "2026-05-01 14:30 KST"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "2026-05-01 14:30 KST (2026-05-01 05:30 UTC)"
    pane.select_item(item.id)
    assert pane.detail._values["seized_at"].text() == "2026-05-01 14:30 KST (2026-05-01 05:30 UTC)"
    dialog = pane.edit_selected()
    assert isinstance(dialog, ItemDialog)
    shown = dialog.seized_at_edit.edit.dateTime()
    assert (shown.time().hour(), shown.time().minute()) == (14, 30)
    assert dialog.changes() == {}
    dialog.reject()


def test_imei_and_serial_are_checked_in_the_dialog_and_refused_by_the_service(
    qtbot: QtBot, make_pane: MakePane, workstation: Workstation, case: CaseRecord
) -> None:
    """Issue 8.11: IMEI "12345" was accepted."""
    pane = make_pane(case.id, show=True)
    dialog = pane.add_item()
    assert isinstance(dialog, ItemDialog)
    qtbot.keyClicks(dialog.imei_edit, "12345")
    assert dialog.identifier_check.isVisible()
    assert "15" in dialog.identifier_check.text() and "12345" in dialog.identifier_check.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible(), "refused: the dialog keeps what was typed"
    assert dialog.last_message is not None and "IMEI 12345" in dialog.last_message.text()
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 0
    dialog.last_message.close()
    dialog.imei_edit.setText("35 693803 564380 8")  # one digit mistyped: the check digit says
    assert "check digit" in dialog.identifier_check.text()
    dialog.imei_edit.setText("35-693803-564380-9")
    dialog.serial_edit.setText("R58M#12")
    assert "Serial number R58M#12" in dialog.identifier_check.text()
    dialog.serial_edit.setText("R58M-12AB")
    assert not dialog.identifier_check.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_item is not None
    assert dialog.result_item.imei == "356938035643809"  # stored in its standard form


def test_file_names_are_elided_in_the_middle(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    """Issue 8.10: AddressBook.sqlitedb, -wal and -shm all showed as "…AddressBook.sqlit…"."""
    folder = tmp_path / "Library" / "AddressBook"
    names = ["AddressBook.sqlitedb", "AddressBook.sqlitedb-wal", "AddressBook.sqlitedb-shm"]
    for name in names:
        write_file(folder / name, name.encode())
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [folder])
    pane = make_pane(case.id, show=True)
    pane.select_item(item.item.id)
    view = pane.detail.files_view
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    view.setColumnWidth(0, 140)
    metrics = QFontMetrics(view.font())
    shown = [
        metrics.elidedText(
            view.model().index(row, 0).data(), view.textElideMode(), view.columnWidth(0) - 12
        )
        for row in range(3)
    ]
    assert len(set(shown)) == 3, shown  # each keeps its own ending
    assert any(text.endswith("-wal") for text in shown)


def test_the_evidence_list_exports_as_shown_and_prints(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    """Issue 8.12: export or print of the evidence list from its screen; what the filter shows,
    in the order shown, with a formula-looking description kept as text."""
    for number, description in enumerate(('=HYPERLINK("http://x")', "공기계", "+1 spare")):
        workstation.evidence.add_item(
            actor,
            case.id,
            ItemDraft(
                ItemKind.PHONE if number != 1 else ItemKind.COMPUTER, description=description
            ),
        )
    pane = make_pane(case.id, show=True)
    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData(ItemKind.PHONE))
    assert pane.model.rowCount() == 2
    csv_path = tmp_path / "items.csv"
    pane.export_button.export("csv", csv_path)
    table = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str)
    assert list(table["Exhibit no."]) == ["EX-0001", "EX-0003"]
    assert list(table["Description"]) == ['\'=HYPERLINK("http://x")', "'+1 spare"]
    xlsx_path = tmp_path / "items.xlsx"
    pane.export_button.export("xlsx", xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    cell = sheet.cell(row=2, column=3)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"  # text, not a formula
    html = table_html(snapshot(pane.model, "Evidence items 2024-0042"))
    assert "EX-0003" in html and "공기계" not in html  # the print shows what is listed


def test_the_custody_log_exports_with_both_times(
    tmp_path: Path, ui_context: UiContext, workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE))
    view = CustodyLogView(ui_context)
    view.show_case(case.id)
    path = tmp_path / "custody.csv"
    view.export_button.export("csv", path)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    assert list(table.columns) == [
        "Seq", "Time (UTC)", "Workstation time", "Examiner", "Action", "Summary",
    ]  # fmt: skip
    assert table["Time (UTC)"].str.endswith(" UTC").all()
    assert table["Workstation time"].str.endswith(" KST").all()
    assert len(table) == len(workstation.custody.entries(case_id=case.id))


def test_a_wrongly_catalogued_item_is_withdrawn_never_deleted(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    """Issue 8.12: no way to withdraw a wrongly catalogued item (an audited status, never a
    deletion)."""
    first = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    twice = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    pane = make_pane(case.id, show=True)
    pane.select_item(twice.id)
    dialog = pane.withdraw()
    assert isinstance(dialog, WithdrawDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled(), "no reason, no withdrawal"
    qtbot.keyClicks(dialog.note_edit, "entered twice, see EX-0001")
    ok.click()
    assert not dialog.isVisible()
    withdrawn = workstation.evidence.get_item(twice.id)
    assert withdrawn.status == ItemStatus.WITHDRAWN
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 2  # still catalogued
    entry = workstation.custody.entries(item_id=twice.id)[0]
    assert entry.action == "status"
    details = json.loads(entry.details)
    assert details["after"] == {"status": "withdrawn"}
    assert details["note"] == "entered twice, see EX-0001"
    assert "withdrawn" in entry.summary and "entered twice" in entry.summary
    # Shown greyed and struck through, with a banner; it takes no more files.
    row = pane.model.row_of(twice.id)
    assert row is not None
    assert pane.model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert pane.detail.alarm.isVisible() and "WITHDRAWN" in pane.detail.alarm.text()
    assert not pane.detail.withdraw_button.isEnabled()
    assert pane.add_files([]) is None
    assert pane.last_message is not None and "withdrawn" in pane.last_message.text()
    assert workstation.evidence.get_item(first.id).status == ItemStatus.IN_CUSTODY
