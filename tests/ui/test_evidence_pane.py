"""The evidence pane: selection, detail panel, drag and drop, verify, and the threaded runner."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor, CaseRecord, CaseStatus, ItemKind
from forensics_app.ui.evidence_pane import EvidencePane
from forensics_app.ui.item_dialog import AddFilesDialog, ItemDialog
from forensics_app.ui.tasks import TaskRunner
from forensics_app.ui.widgets.context import Changed
from tests.ui import evidence_fixtures as fx
from tests.ui.conftest import ChangeRecorder, RecordingRunner
from tests.ui.evidence_fixtures import (
    MakePane,
    drop_files,
    sha256,
    write_file,
)

case, make_pane = fx.case, fx.make_pane


def row_center(pane: EvidencePane, item_id: int) -> QPoint:
    row = pane.model.row_of(item_id)
    assert row is not None
    return pane.table.visualRect(pane.model.index(row, 1)).center()


def test_contract_used_by_the_main_window() -> None:
    parameters = list(inspect.signature(EvidencePane.__init__).parameters)
    assert parameters[:2] == ["self", "ctx"]
    for name in ("set_case", "refresh", "add_item", "add_files", "edit_selected"):
        assert callable(getattr(EvidencePane, name))
    assert callable(EvidencePane.selected_item_id)
    assert hasattr(EvidencePane, "item_selected")


def test_selection_emits_the_item_id_and_fills_the_detail_panel(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    dump = tmp_path / "dump"
    write_file(dump / "DCIM" / "1.jpg", b"one")
    write_file(dump / "call_log.db", b"calls" * 100)
    draft = ItemDraft(ItemKind.PHONE, make="Samsung", model="Galaxy S23", imei="356938035643809")
    phone = workstation.evidence.add_item(actor, case.id, draft, [dump]).item
    sim_draft = ItemDraft(ItemKind.SIM_OR_MEMORY_CARD, parent_id=phone.id, make="SKT")
    sim = workstation.evidence.add_item(actor, case.id, sim_draft).item
    pane = make_pane(case.id, show=True)
    assert pane.selected_item_id() is None
    assert not pane.detail.content.isVisible()

    with qtbot.waitSignal(pane.item_selected) as selected:
        qtbot.mouseClick(
            pane.table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(pane, phone.id)
        )
    assert selected.args == [phone.id]
    assert pane.selected_item_id() == phone.id
    detail = pane.detail
    assert detail.content.isVisible()
    assert phone.exhibit_number in detail.title.text()
    assert detail.files_model.rowCount() == 2
    assert [detail.files_model.index(r, 0).data() for r in range(2)] == [
        "dump/DCIM/1.jpg",
        "dump/call_log.db",
    ]
    assert detail.files_model.index(0, 2).data() == sha256(dump / "DCIM" / "1.jpg")
    qtmodeltester.check(detail.files_model)
    assert detail.children_list.count() == 1
    assert sim.exhibit_number in detail.children_list.item(0).text()

    # Activating the SIM in the list selects it in the table.
    with qtbot.waitSignal(pane.item_selected) as selected:
        detail.child_activated.emit(sim.id)
    assert selected.args == [sim.id]
    assert detail.item is not None and detail.item.parent_exhibit == phone.exhibit_number

    with qtbot.waitSignal(pane.item_selected) as selected:
        pane.set_case(None)
    assert selected.args == [-1]
    assert pane.model.rowCount() == 0


def test_files_dropped_on_a_row_are_added_to_that_item(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    first = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    second = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.COMPUTER)).item
    dropped = write_file(tmp_path / "disk.img", b"\xde\xad" * 4096)
    pane = make_pane(case.id, show=True)
    changes = ChangeRecorder(pane.ctx)

    drop = drop_files(pane.table.viewport(), row_center(pane, second.id), [dropped])
    assert drop.isAccepted()
    dialog = pane.last_dialog
    assert isinstance(dialog, AddFilesDialog)
    assert dialog.isVisible()
    assert second.exhibit_number in dialog.windowTitle()
    assert dialog.path_list.paths() == [dropped]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert runner.errors == []
    assert not dialog.isVisible()
    files = workstation.evidence.files(second.id)
    assert [(f.relative_path, f.sha256) for f in files] == [("disk.img", sha256(dropped))]
    assert workstation.evidence.files(first.id) == []
    entry = workstation.custody.entries(item_id=second.id)[0]
    assert entry.action == "hash"
    assert json.loads(entry.details)["sha256"] == sha256(dropped)
    assert pane.selected_item_id() == second.id
    assert pane.detail.files_model.rowCount() == 1
    assert changes.any(Changed.ITEMS) and changes.any(Changed.CUSTODY)


def test_files_dropped_on_empty_space_start_a_new_item(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE))
    folder = tmp_path / "flyers"
    write_file(folder / "001.jpg", b"flyer 1")
    write_file(folder / "002.jpg", b"flyer 2")
    pane = make_pane(case.id, show=True)
    below_rows = QPoint(20, pane.table.viewport().height() - 10)
    assert not pane.table.indexAt(below_rows).isValid()

    drop_files(pane.table.viewport(), below_rows, [folder])
    dialog = pane.last_dialog
    assert isinstance(dialog, ItemDialog)
    assert dialog.path_list is not None and dialog.path_list.paths() == [folder]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ItemKind.FLYER_PHOTO_BATCH))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    item = dialog.result_item
    assert item is not None and item.kind == ItemKind.FLYER_PHOTO_BATCH
    assert [f.relative_path for f in workstation.evidence.files(item.id)] == [
        "flyers/001.jpg",
        "flyers/002.jpg",
    ]


def test_drags_without_local_files_are_refused(make_pane: MakePane, case: CaseRecord) -> None:
    pane = make_pane(case.id, show=True)
    mime = QMimeData()
    mime.setText("not a file")
    event = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pane.table.viewport(), event)
    assert not event.isAccepted()
    assert pane.last_dialog is None


def test_verify_on_a_tampered_file_shows_a_critical_message(
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    original = write_file(tmp_path / "image.E01", b"original evidence" * 1000)
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.COMPUTER), [original])
    item_id = item.item.id
    pane = make_pane(case.id)
    pane.select_item(item_id)
    assert pane.detail.verify_button.isEnabled()
    assert not pane.detail.alarm.isVisible()

    pane.detail.verify_button.click()
    message = pane.last_message
    assert message is not None
    assert message.icon() == QMessageBox.Icon.Information
    assert "match" in message.text()
    message.close()

    original.write_bytes(b"altered evidence!" * 1000)
    pane.detail.verify_button.click()
    assert runner.errors == []
    message = pane.last_message
    assert message is not None and message.isVisible()
    assert message.icon() == QMessageBox.Icon.Critical
    assert "INTEGRITY FAILURE" in message.text()
    assert "#b00020" in message.text()  # red
    assert "mismatch" in message.detailedText()
    assert pane.detail.alarm.isVisibleTo(pane.detail)
    assert "HASH MISMATCH" in pane.detail.alarm.text()
    assert not pane.detail.strip.isVisibleTo(pane.detail)
    results = [
        json.loads(e.details)["after"]["result"]
        for e in workstation.custody.entries(item_id=item_id)
        if e.action == "verify"
    ]
    assert results == ["mismatch", "ok"]


def test_a_closed_case_takes_no_new_evidence(
    make_pane: MakePane, workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    workstation.cases.set_status(actor, case.id, CaseStatus.CLOSED)
    pane = make_pane(case.id)
    assert not pane.new_button.isEnabled()
    assert pane.add_item() is None
    assert pane.last_message is not None and "not open" in pane.last_message.text()
    pane.select_item(item.id)
    assert not pane.detail.add_files_button.isEnabled()
    assert pane.edit_selected() is not None, "the record can still be corrected"


def test_same_case_again_keeps_filter_and_selection(
    make_pane: MakePane, workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    for description in ("black phone", "white phone", "laptop"):
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(ItemKind.PHONE, description=description)
        )
    pane = make_pane(case.id)
    pane.search_edit.setText("phone")
    pane.apply_filter()
    chosen = pane.model.item_id(1)
    assert chosen is not None
    pane.select_item(chosen)
    pane.set_case(case.id)  # e.g. the main window after a case edit
    assert pane.search_edit.text() == "phone"
    assert pane.model.rowCount() == 2
    assert pane.selected_item_id() == chosen
    other = workstation.cases.create(actor, "other case")
    pane.set_case(other.id)
    assert pane.search_edit.text() == ""
    assert pane.model.rowCount() == 0


def test_new_item_with_the_threaded_runner(
    qtbot: QtBot,
    tmp_path: Path,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
) -> None:
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    big = write_file(tmp_path / "big.bin", b"0123456789abcdef" * 200_000)
    pane = make_pane(case.id, runner=runner)
    dialog = pane.add_item([big])
    assert dialog is not None
    with qtbot.waitSignal(dialog.saved, timeout=30_000) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert runner.wait(10_000)
    assert errors == []
    item_id = saved.args[0]
    files = workstation.evidence.files(item_id)
    assert [f.sha256 for f in files] == [sha256(big)]
    assert workstation.evidence.count_items(ItemQuery(case.id)) == 1
    assert pane.selected_item_id() == item_id
