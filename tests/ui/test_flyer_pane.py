"""The flyer pane end to end with the real OCR: photos dropped on the grid are imported
through the dialog, the batch is read in worker processes, cancelled mid-way and resumed,
and the grid shows each photo's state (a zero-byte .jpg is a failure with its reason)."""

from __future__ import annotations

import inspect
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor, CaseRecord, CaseStatus
from forensics_app.ui.flyer_models import ThumbRole, photo_state, thumbnail_of
from forensics_app.ui.flyer_pane import FlyerPane, ImportDialog
from forensics_app.ui.widgets.context import Changed
from tests.ocr.helpers import draw_flyer
from tests.ui import test_flyer_helpers as fx
from tests.ui.conftest import ChangeRecorder, RecordingRunner
from tests.ui.evidence_fixtures import drop_files
from tests.ui.test_flyer_helpers import MakeFlyerPane

flyer_case, make_flyer_pane = fx.flyer_case, fx.make_flyer_pane

FLYERS = {
    "lending.jpg": ("급전 대출 당일입금", "010-2345-6789"),
    "massage.jpg": ("출장 안마 마사지", "0505-1234-5678"),
    "shop.jpg": ("신장개업 대박세일", "02-555-1234"),
}


def _photos(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, (headline, number) in FLYERS.items():
        image, _ = draw_flyer([(headline, 56), (number, 72)], size=(1000, 640))
        image.save(folder / name, quality=90)
    (folder / "empty.jpg").write_bytes(b"")
    return folder


def test_contract_used_by_the_main_window() -> None:
    parameters = list(inspect.signature(FlyerPane.__init__).parameters)
    assert parameters[:3] == ["self", "ctx", "parent"]
    for name in ("set_case", "refresh", "import_photos", "run_ocr", "cancel"):
        assert callable(getattr(FlyerPane, name))


def test_dropped_photos_are_read_cancelled_resumed_and_shown(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    folder = _photos(tmp_path / "collected")
    pane = make_flyer_pane(flyer_case.id, show=True)
    assert pane.grid_model.rowCount() == 0 and not pane.ocr_button.isEnabled()
    changed = ChangeRecorder(pane.ctx)

    # A real drag and drop of the folder onto the grid opens the import dialog with it.
    drop_files(pane.grid.viewport(), QPoint(100, 100), [folder])
    dialog = pane.last_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert dialog.path_list.paths() == [folder]
    dialog.place_edit.setText("수원역 2번 출구")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())
    batch = pane.selected_batch_id()
    assert batch is not None
    assert workstation.evidence.get_item(batch).seized_location == "수원역 2번 출구"
    assert pane.grid_model.rowCount() == 4
    assert {photo_state(p) for p in pane.grid_model.photos()} == {"pending"}
    assert "4" in pane.ocr_button.text() and pane.ocr_button.isEnabled()
    assert "4 photo(s) imported" in pane.notice.text()
    assert changed.any(Changed.ITEMS) and changed.any(Changed.FLYERS)
    assert not changed.any(Changed.NUMBERS), "importing reads no numbers yet"
    qtmodeltester.check(pane.grid_model)

    # Thumbnails decode off the GUI thread; the empty file gets a tile with no picture.
    def thumbnails_done() -> bool:
        return all(thumbnail_of(pane.grid_model.index(r)) for r in range(4))

    for row in range(4):
        pane.grid_model.index(row).data(ThumbRole)
    qtbot.waitUntil(thumbnails_done, timeout=10_000)
    tiles = {
        p.relative_path.split("/")[-1]: thumbnail_of(pane.grid_model.index(r))
        for r, p in enumerate(pane.grid_model.photos())
    }
    assert tiles["empty.jpg"] is not None and tiles["empty.jpg"].image is None
    lending = tiles["lending.jpg"]
    assert lending is not None and lending.image is not None
    assert max(lending.image.width(), lending.image.height()) <= 144

    # Cancel after the first photo: what is done is kept, the rest is shown as left.
    runner.cancel_after = 1
    pane.run_ocr()
    runner.cancel_after = None
    left = pane.pending_photos()
    assert 1 <= left <= 3
    assert f"{left} left" in pane.notice.text()
    assert pane.ocr_button.text() == f"Resume OCR ({left} left)" and pane.ocr_button.isEnabled()

    # Resume: the remaining photos are read, nothing twice.
    pane.run_ocr()
    assert pane.pending_photos() == 0 and not pane.ocr_button.isEnabled()
    states = {p.relative_path.split("/")[-1]: p for p in pane.grid_model.photos()}
    assert photo_state(states["empty.jpg"]) == "failed"
    empty_row = pane.grid_model.row_of(states["empty.jpg"].file_id)
    assert empty_row is not None
    assert "empty" in pane.grid_model.index(empty_row).data(Qt.ItemDataRole.ToolTipRole)
    for name in FLYERS:
        assert photo_state(states[name]) in ("numbers", "unsure"), name
    found = {h.national for h in workstation.flyers.hits(case_id=flyer_case.id)}
    assert found == {number for _, number in FLYERS.values()}
    assert pane.summary_model.rowCount() == 3
    qtmodeltester.check(pane.summary_model)
    qtmodeltester.check(pane.review.numbers_model)
    assert changed.any(Changed.NUMBERS)
    assert runner.errors == []
    actions = [e.action for e in workstation.custody.entries(item_id=batch)]
    assert actions.count("analyse") == 2  # the cancelled run and the resumed one


def test_a_closed_case_shows_its_photos_but_takes_no_new_ones(
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    folder = _photos(tmp_path / "collected")
    workstation.flyers.import_photos(actor, flyer_case.id, [folder])
    workstation.cases.set_status(actor, flyer_case.id, CaseStatus.CLOSED)
    pane = make_flyer_pane(flyer_case.id)
    assert pane.grid_model.rowCount() == 4
    assert not pane.import_button.isEnabled() and not pane.ocr_button.isEnabled()
    assert pane.import_photos([folder]) is None
    assert pane.last_message is not None and "not open" in pane.last_message.text()
    pane.set_case(None)
    assert pane.grid_model.rowCount() == 0 and pane.batch_combo.count() == 0
