"""New-item, edit, status and hand-over dialogs, driven as a user would (both databases)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QTime, QTimeZone
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from forensics_app.progress import Cancelled
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor, CaseRecord, ItemKind, ItemStatus
from forensics_app.ui.item_dialog import AddFilesDialog, ItemDialog
from forensics_app.ui.item_status_dialogs import HandOverDialog, StatusDialog
from forensics_app.ui.widgets.context import Changed
from tests.clocks import ManualClock
from tests.ui import evidence_fixtures as fx
from tests.ui.conftest import ChangeRecorder, RecordingRunner
from tests.ui.evidence_fixtures import (
    MakePane,
    drop_files,
    md5,
    sha256,
    write_file,
)

case, make_pane = fx.case, fx.make_pane


def click_ok(dialog: ItemDialog | AddFilesDialog | StatusDialog | HandOverDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def custody_actions(workstation: Workstation, **scope: int) -> list[str]:
    return [entry.action for entry in reversed(workstation.custody.entries(**scope))]


def test_new_item_through_the_dialog_hashes_its_files(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    evidence_file = write_file(tmp_path / "seized" / "phone.bin", b"\x00\x01evidence" * 5000)
    pane = make_pane(case.id)
    changes = ChangeRecorder(pane.ctx)
    dialog = pane.add_item()
    assert isinstance(dialog, ItemDialog)
    assert dialog.isVisible()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ItemKind.PHONE))
    qtbot.keyClicks(dialog.description_edit, "Suspect's phone, ")
    dialog.description_edit.insertPlainText("압수 휴대전화")  # QTest types ASCII only
    qtbot.keyClicks(dialog.make_edit, "Samsung")
    qtbot.keyClicks(dialog.model_edit, "Galaxy S23")
    qtbot.keyClicks(dialog.imei_edit, "356789104512346")
    dialog.seized_from_edit.setText("홍길동")
    assert dialog.path_list is not None
    dialog.path_list.add_paths([evidence_file])
    click_ok(dialog)

    assert runner.errors == []
    assert not dialog.isVisible()
    assert dialog.result_item is not None
    item = dialog.result_item
    assert item.exhibit_number == "EX-0001"
    assert (item.make, item.model, item.imei) == ("Samsung", "Galaxy S23", "356789104512346")
    assert item.description == "Suspect's phone, 압수 휴대전화"
    files = workstation.evidence.files(item.id)
    assert [f.relative_path for f in files] == ["phone.bin"]
    assert files[0].sha256 == sha256(evidence_file)
    assert files[0].md5 == md5(evidence_file)
    assert files[0].size == evidence_file.stat().st_size
    hash_entries = [e for e in workstation.custody.entries(item_id=item.id) if e.action == "hash"]
    assert len(hash_entries) == 1
    assert json.loads(hash_entries[0].details)["sha256"] == sha256(evidence_file)
    assert custody_actions(workstation, item_id=item.id) == ["create", "hash"]
    # The pane shows and selects the new item.
    assert pane.selected_item_id() == item.id
    assert pane.model.rowCount() == 1
    assert changes.any(Changed.ITEMS) and changes.any(Changed.CUSTODY)


def test_duplicate_exhibit_number_keeps_the_dialog_open_and_stores_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE, exhibit_number="A-1"))
    entries_before = len(workstation.custody.entries())
    pane = make_pane(case.id)
    dialog = pane.add_item([write_file(tmp_path / "x.bin", b"x" * 100)])
    assert dialog is not None
    qtbot.keyClicks(dialog.exhibit_edit, "A-1")
    qtbot.keyClicks(dialog.description_edit, "typed by the user")
    click_ok(dialog)

    assert runner.errors == []
    assert dialog.isVisible(), "the dialog stays open"
    message = dialog.last_message
    assert message is not None and message.isVisible()
    assert message.icon() == QMessageBox.Icon.Warning
    assert "A-1" in message.text() and "already used" in message.text()
    assert dialog.exhibit_edit.text() == "A-1"
    assert dialog.description_edit.toPlainText() == "typed by the user"
    assert dialog.path_list is not None and len(dialog.path_list.paths()) == 1
    assert dialog.inputs.isEnabled()
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 1
    assert len(workstation.custody.entries()) == entries_before

    # Fix the number: the same dialog stores the item.
    message.close()
    dialog.exhibit_edit.setText("A-2")
    click_ok(dialog)
    assert not dialog.isVisible()
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 2


def test_cancelled_hashing_stores_nothing_and_keeps_the_input(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    def cancelled_midway(*_args: object, **_kwargs: object) -> None:
        raise Cancelled

    pane = make_pane(case.id)
    dialog = pane.add_item([write_file(tmp_path / "x.bin", b"x")])
    assert dialog is not None
    dialog.make_edit.setText("LG")
    monkeypatch.setattr(workstation.evidence, "add_item", cancelled_midway)
    click_ok(dialog)
    assert runner.errors == []
    assert dialog.isVisible() and dialog.inputs.isEnabled() and not dialog.running
    assert dialog.last_message is not None and "Cancelled" in dialog.last_message.text()
    assert dialog.make_edit.text() == "LG"
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 0


def test_a_bug_in_the_work_reaches_the_central_error_handler(
    monkeypatch: pytest.MonkeyPatch,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug")

    pane = make_pane(case.id)
    dialog = pane.add_item()
    assert dialog is not None
    monkeypatch.setattr(workstation.evidence, "add_item", broken)
    click_ok(dialog)
    assert [str(e) for e in runner.errors] == ["bug"]
    assert dialog.isVisible() and dialog.inputs.isEnabled()


def test_seizure_time_is_stored_in_utc_from_the_chosen_zone(
    make_pane: MakePane, workstation: Workstation, case: CaseRecord
) -> None:
    pane = make_pane(case.id)
    dialog = pane.add_item()
    assert dialog is not None
    seized = dialog.seized_at_edit
    seoul = next(
        i for i in range(seized.zone.count()) if seized.zone.itemData(i) == QTimeZone(b"Asia/Seoul")
    )
    seized.zone.setCurrentIndex(seoul)
    seized.set_local(QDate(2024, 5, 1), QTime(10, 30))
    assert seized.value() == datetime(2024, 5, 1, 1, 30, tzinfo=UTC)
    click_ok(dialog)
    item = dialog.result_item
    assert item is not None and item.seized_at is not None
    stored = item.seized_at if item.seized_at.tzinfo else item.seized_at.replace(tzinfo=UTC)
    assert stored == datetime(2024, 5, 1, 1, 30, tzinfo=UTC)


def test_a_seizure_time_after_now_is_refused_in_place(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    clock: ManualClock,
) -> None:
    pane = make_pane(case.id)
    dialog = pane.add_item()
    assert dialog is not None
    qtbot.keyClicks(dialog.description_edit, "typed by the user")
    tomorrow = clock.local(clock.now()).date() + timedelta(days=1)
    dialog.seized_at_edit.set_local(QDate(tomorrow.year, tomorrow.month, tomorrow.day), QTime(9, 0))
    click_ok(dialog)
    assert dialog.isVisible(), "the dialog stays open"
    message = dialog.last_message
    assert message is not None and "later than now" in message.text()
    assert dialog.description_edit.toPlainText() == "typed by the user"
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 0


def test_files_dropped_on_the_dialog_list_are_added(
    qtbot: QtBot, tmp_path: Path, make_pane: MakePane, case: CaseRecord
) -> None:
    folder = tmp_path / "dump"
    write_file(folder / "a.jpg", b"a")
    single = write_file(tmp_path / "b.jpg", b"b")
    pane = make_pane(case.id)
    dialog = pane.add_item()
    assert dialog is not None and dialog.path_list is not None
    qtbot.waitExposed(dialog)
    viewport = dialog.path_list.list.viewport()
    drop_files(viewport, QPoint(10, 10), [folder, single])
    assert dialog.path_list.paths() == [folder, single]
    drop_files(viewport, QPoint(10, 10), [single])
    assert dialog.path_list.paths() == [folder, single], "no duplicates"


def test_edit_sends_only_the_changed_fields(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    draft = ItemDraft(
        ItemKind.PHONE,
        description="black phone",
        make="Samsung",
        seized_at=datetime(2024, 5, 1, 1, 30, 15, 123456, tzinfo=UTC),
    )
    item = workstation.evidence.add_item(actor, case.id, draft).item
    phone_case = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER)).item
    pane = make_pane(case.id)
    pane.select_item(item.id)
    dialog = pane.edit_selected()
    assert isinstance(dialog, ItemDialog)
    assert dialog.make_edit.text() == "Samsung"
    assert dialog.changes() == {}, "opening the dialog changes nothing (seconds included)"
    dialog.make_edit.clear()
    qtbot.keyClicks(dialog.make_edit, "Apple")
    qtbot.keyClicks(dialog.serial_edit, "F2LX1234")
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(phone_case.id))
    click_ok(dialog)

    assert not dialog.isVisible()
    stored = workstation.evidence.get_item(item.id)
    assert (stored.make, stored.serial_number, stored.parent_id) == (
        "Apple",
        "F2LX1234",
        phone_case.id,
    )
    edits = [e for e in workstation.custody.entries(item_id=item.id) if e.action == "edit"]
    assert len(edits) == 1
    details = json.loads(edits[0].details)
    assert details["before"] == {"make": "Samsung", "serial_number": "", "parent_id": None}
    assert details["after"] == {
        "make": "Apple",
        "serial_number": "F2LX1234",
        "parent_id": phone_case.id,
    }
    assert pane.selected_item_id() == item.id
    assert pane.detail.item is not None and pane.detail.item.make == "Apple"

    # Saving without a change writes nothing.
    dialog = pane.edit_selected()
    assert dialog is not None
    click_ok(dialog)
    assert [e.action for e in workstation.custody.entries(item_id=item.id)].count("edit") == 1


def test_edit_to_a_used_exhibit_number_is_refused_in_place(
    make_pane: MakePane, workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    first = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    second = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    pane = make_pane(case.id)
    pane.select_item(second.id)
    dialog = pane.edit_selected()
    assert dialog is not None
    dialog.exhibit_edit.setText(first.exhibit_number)
    click_ok(dialog)
    assert dialog.isVisible()
    assert dialog.last_message is not None and "already used" in dialog.last_message.text()
    assert workstation.evidence.get_item(second.id).exhibit_number == second.exhibit_number


def test_status_change_with_a_note_is_logged(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    pane = make_pane(case.id)
    pane.select_item(item.id)
    changes = ChangeRecorder(pane.ctx)
    dialog = pane.change_status()
    assert isinstance(dialog, StatusDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled(), "nothing to do while the status is unchanged"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ItemStatus.RETURNED))
    qtbot.keyClicks(dialog.note_edit, "returned to owner, receipt 2024-17")
    click_ok(dialog)

    assert not dialog.isVisible()
    assert workstation.evidence.get_item(item.id).status == ItemStatus.RETURNED
    entry = workstation.custody.entries(item_id=item.id)[0]
    assert entry.action == "status"
    details = json.loads(entry.details)
    assert details["before"] == {"status": "in_custody"}
    assert details["after"] == {"status": "returned"}
    assert details["note"] == "returned to owner, receipt 2024-17"
    assert changes.any(Changed.ITEMS) and changes.any(Changed.CUSTODY)
    assert pane.detail.item is not None and pane.detail.item.status == ItemStatus.RETURNED


def test_hand_over_to_another_examiner_is_logged(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    colleague = workstation.examiners.create(actor, "Lee Jieun", "1002", password="long enough pw")
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    pane = make_pane(case.id)
    pane.select_item(item.id)
    dialog = pane.hand_over()
    assert isinstance(dialog, HandOverDialog)
    choices = [dialog.examiner_combo.itemData(i) for i in range(dialog.examiner_combo.count())]
    assert choices == [colleague.id], "the current holder is not offered"
    qtbot.keyClicks(dialog.note_edit, "for the lab")
    click_ok(dialog)

    assert not dialog.isVisible()
    stored = workstation.evidence.get_item(item.id)
    assert stored.custodian_id == colleague.id
    entry = workstation.custody.entries(item_id=item.id)[0]
    assert entry.action == "handover"
    details = json.loads(entry.details)
    assert details["after"] == {"custodian": "Lee Jieun (1002)"}
    assert details["note"] == "for the lab"
    assert pane.detail.item is not None and pane.detail.item.custodian == "Lee Jieun"
