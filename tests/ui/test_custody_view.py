"""The custody log view: entries of a case and of an item, times, readable details."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, CaseRecord, ItemKind, ItemStatus
from forensics_app.ui.custody_view import (
    COL_ACTION,
    COL_ACTOR,
    COL_LOCAL,
    COL_SEQ,
    COL_SUMMARY,
    COL_UTC,
    CustodyLogView,
    CustodyTableModel,
    SeqRole,
    local_text,
    utc_text,
)
from forensics_app.ui.widgets.context import UiContext
from tests.importers import samples
from tests.ui import evidence_fixtures as fx
from tests.ui.evidence_fixtures import write_file

case = fx.case


def seqs(view: CustodyLogView) -> list[int]:
    return [view.proxy.index(r, 0).data(SeqRole) for r in range(view.proxy.rowCount())]


def test_contract_used_by_the_main_window() -> None:
    parameters = list(inspect.signature(CustodyLogView.__init__).parameters)
    assert parameters[:2] == ["self", "ctx"]
    for name in ("show_case", "show_item", "refresh"):
        assert callable(getattr(CustodyLogView, name))


def test_case_and_item_entries(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    evidence = workstation.evidence
    phone_file = write_file(tmp_path / "phone.bin", b"phone")
    phone = evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [phone_file]).item
    laptop = evidence.add_item(actor, case.id, ItemDraft(ItemKind.COMPUTER)).item
    other_case = workstation.cases.create(actor, "another case")
    evidence.add_item(actor, other_case.id, ItemDraft(ItemKind.PHONE))

    view = CustodyLogView(ui_context)
    qtbot.addWidget(view)
    view.show_case(case.id)
    expected = [e.seq for e in workstation.custody.entries(case_id=case.id)]
    assert seqs(view) == expected
    assert len(expected) == 4  # the case; the phone and its file; the laptop
    assert case.number in view.title.text()
    standalone = CustodyTableModel()  # the tester outlives the view's own model
    standalone.set_entries(workstation.custody.entries(case_id=case.id))
    qtmodeltester.check(standalone)
    qtmodeltester.check(standalone, force_py=True)

    model = view.model
    newest = workstation.custody.entries(case_id=case.id)[0]
    assert model.index(0, COL_SEQ).data() == str(newest.seq)
    assert model.index(0, COL_ACTOR).data() == "Kim Minsu (1001)"
    assert model.index(0, COL_ACTION).data() == "Catalogued"
    assert laptop.exhibit_number in model.index(0, COL_SUMMARY).data()
    recorded = datetime.fromisoformat(newest.recorded_at.replace("Z", "+00:00"))
    utc = recorded.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert model.index(0, COL_UTC).data() == f"{utc} UTC"
    # The workstation's zone (Asia/Seoul), named, whatever the computer's own zone is.
    local = recorded.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M:%S")
    assert model.index(0, COL_LOCAL).data() == f"{local} KST"

    view.show_item(phone.id)
    assert seqs(view) == [e.seq for e in workstation.custody.entries(item_id=phone.id)]
    actions = [view.proxy.index(r, COL_ACTION).data() for r in range(view.proxy.rowCount())]
    assert actions == ["Hashed", "Catalogued"]
    assert phone.exhibit_number in view.title.text()
    assert view.whole_case_button.isVisibleTo(view)

    view.whole_case_button.click()
    assert seqs(view) == expected
    view.show_item(-1)  # what item_selected says for "none"
    assert seqs(view) == expected

    view.show_case(None)
    assert view.model.rowCount() == 0


def test_selected_entry_shows_before_and_after(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    evidence = workstation.evidence
    item = evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE, make="Samsung")).item
    evidence.update_item(actor, item.id, make="Apple", description="white iPhone")
    view = CustodyLogView(ui_context)
    qtbot.addWidget(view)
    view.show_item(item.id)
    assert view.details_text() == ""
    edit = workstation.custody.entries(item_id=item.id)[0]
    assert edit.action == "edit"
    assert view.select_seq(edit.seq)
    text = view.details_text()
    assert "Field" in text and "Before" in text and "After" in text
    assert "Make" in text and "Samsung" in text and "Apple" in text
    assert "Description" in text and "white iPhone" in text
    assert utc_text(edit.recorded_at) in text
    assert local_text(edit.recorded_at) in text
    assert edit.entry_hash in text
    assert "{" not in text, "no raw JSON"

    # New entries show up on refresh; the selection stays on its entry.
    evidence.set_status(actor, item.id, ItemStatus.IN_ANALYSIS, note="imaging")
    view.refresh()
    assert view.selected_seq() == edit.seq
    assert len(seqs(view)) == 3
    view.select_seq(seqs(view)[0])
    text = view.details_text()
    assert "Status changed" in text and "imaging" in text and "In analysis" in text


def test_verification_mismatch_entry_is_red(
    qtbot: QtBot,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    path = write_file(tmp_path / "a.bin", b"before")
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [path]).item
    path.write_bytes(b"after!")
    workstation.evidence.verify(actor, item_id=item.id)
    view = CustodyLogView(ui_context)
    qtbot.addWidget(view)
    view.show_item(item.id)
    row = view.proxy.index(0, COL_ACTION)
    assert row.data() == "Verified"
    assert row.data(Qt.ItemDataRole.ForegroundRole) is not None
    view.table.selectionModel().setCurrentIndex(
        row, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert "HASH MISMATCH" in view.details_text()
    assert "#b00020" in view.details.toHtml().lower()


def test_filter_box_narrows_the_rows(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    for kind in (ItemKind.PHONE, ItemKind.COMPUTER, ItemKind.PHONE):
        workstation.evidence.add_item(actor, case.id, ItemDraft(kind))
    view = CustodyLogView(ui_context)
    qtbot.addWidget(view)
    view.show_case(case.id)
    assert view.proxy.rowCount() == 4  # the case and its three items
    view.filter_edit.setText("(computer)")
    assert view.proxy.rowCount() == 1
    assert "1 of 4" in view.count_label.text()


def test_model_tester_with_an_empty_and_a_filled_model(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    model = CustodyTableModel()
    qtmodeltester.check(model)
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.DOCUMENT))
    model.set_entries(workstation.custody.entries())
    assert model.rowCount() >= 2  # the examiner account, the case, the item
    qtmodeltester.check(model, force_py=True)


def test_a_tag_on_a_message_is_not_logged_as_ocr(
    qtbot: QtBot,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    ui_context: UiContext,
) -> None:
    """Tags and notes on a phone's messages are 'analyse' entries; the log called every such
    entry 'Analysed (OCR)' ('판독(OCR)'), which a reader took for a flyer reading."""
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    kind = "message"
    first = workstation.artifacts.page(ArtifactQuery(case.id, kind=kind), limit=1)[0]
    assert workstation.artifacts.add_tag(actor, kind, first.id, "대출광고")
    view = CustodyLogView(ui_context)
    qtbot.addWidget(view)
    view.show_case(case.id)
    analysed = [e for e in workstation.custody.entries(case_id=case.id) if e.action == "analyse"]
    assert len(analysed) == 1  # the tag
    tagged = analysed[0]
    row = view.model.row_of(tagged.seq)
    assert row is not None
    action = view.model.index(row, 4).data()
    assert action == "Analysed" and "OCR" not in action
