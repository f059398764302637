"""The review screen: one-key verdicts stored through the service (audited), corrections
refused with the library's reason, the next-unsure order across the case, boxes and zoom.

The numbers come from `scripted_recogniser` (exact confidences); the real OCR runs in
test_flyer_pane.py."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.flyers import NumberHit
from forensics_app.services.records import Actor, CaseRecord, blocking_actor
from forensics_app.storage.models import ReviewStatus, Role
from forensics_app.ui.flyer_pane import FlyerPane
from forensics_app.ui.flyer_review import CorrectDialog
from forensics_app.ui.widgets.context import Changed
from tests.conftest import PASSWORD
from tests.ui import test_flyer_helpers as fx
from tests.ui.conftest import ChangeRecorder, RecordingRunner
from tests.ui.test_flyer_helpers import MakeFlyerPane, scripted_batches

flyer_case, make_flyer_pane = fx.flyer_case, fx.make_flyer_pane


def _hit(workstation: Workstation, case: CaseRecord, national: str) -> NumberHit:
    return next(
        h
        for h in workstation.flyers.hits(case_id=case.id, include_rejected=True)
        if h.national == national
    )


def _national(pane: FlyerPane) -> str:
    number_id = pane.current_number_id()
    assert number_id is not None
    hit = pane.review.numbers_model.hit(pane.review.numbers_model.row_of(number_id) or 0)
    assert hit is not None and hit.id == number_id
    return hit.national


def test_next_unsure_walks_the_case_unreviewed_first_least_sure_first(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    first, second = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    assert pane.selected_batch_id() == second.id  # the newest batch is shown first
    seen = []
    for _ in range(5):
        qtbot.keyClick(pane.grid, Qt.Key.Key_N)
        seen.append(_national(pane))
    # Unreviewed (confidence < 0.8) by confidence, across both batches, then the accepted one.
    assert seen == ["02-555-1234", "031-234-5678", "0505-1234-5678", "010-9876-5432",
                    "010-2345-6789"]  # fmt: skip
    assert pane.selected_batch_id() == first.id
    shown = pane.selected_photo_id()
    assert pane.review.title.text().endswith("a_lending.jpg")
    assert shown == _hit(workstation, flyer_case, "010-2345-6789").file_id
    # P goes back the way it came; Space is N.
    qtbot.keyClick(pane.review.view, Qt.Key.Key_P)
    assert _national(pane) == "010-9876-5432"
    qtbot.keyClick(pane.review.numbers, Qt.Key.Key_P)
    assert _national(pane) == "0505-1234-5678"
    qtbot.keyClick(pane.grid, Qt.Key.Key_Space)
    assert _national(pane) == "010-9876-5432"
    # Nothing was written by walking.
    assert all(
        h.review_status in (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)
        for h in workstation.flyers.hits(case_id=flyer_case.id)
    )
    assert "4" in pane.review.queue_label.text()


def test_verdict_keys_store_audited_reviews_and_move_on(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    first, _second = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    changes = ChangeRecorder(pane.ctx)
    qtbot.keyClick(pane.grid, Qt.Key.Key_N)
    assert _national(pane) == "02-555-1234"

    # A accepts the current number and goes on to the next unsure one.
    with qtbot.waitSignal(pane.ctx.bus.changed):
        qtbot.keyClick(pane.grid, Qt.Key.Key_A)
    shop = _hit(workstation, flyer_case, "02-555-1234")
    assert shop.review_status == ReviewStatus.ACCEPTED
    entry = workstation.custody.entries(item_id=first.id)[0]
    assert entry.action == "review" and entry.file_id == shop.file_id
    assert json.loads(entry.details)["after"]["review_status"] == "accepted"
    assert _national(pane) == "031-234-5678"
    assert changes.any(Changed.NUMBERS) and changes.any(Changed.CUSTODY)

    # R rejects; with "next after verdict" off, the rejected read stays shown, struck out.
    pane.review.advance_check.setChecked(False)
    qtbot.keyClick(pane.review.view, Qt.Key.Key_R)
    rejected = _hit(workstation, flyer_case, "031-234-5678")
    assert rejected.review_status == ReviewStatus.REJECTED
    assert workstation.custody.entries(item_id=rejected.item_id)[0].action == "review"
    assert _national(pane) == "031-234-5678"
    row = pane.review.numbers_model.row_of(rejected.id)
    assert row is not None
    assert pane.review.numbers_model.index(row, 5).data() == "Rejected"
    assert pane.review.numbers_model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()

    # C corrects through the dialog; the correction is audited with the new number.
    qtbot.keyClick(pane.grid, Qt.Key.Key_N)
    assert _national(pane) == "0505-1234-5678"
    qtbot.keyClick(pane.grid, Qt.Key.Key_C)
    dialog = pane.last_dialog
    assert isinstance(dialog, CorrectDialog) and dialog.isVisible()
    dialog.edit.setText("0505-1234-5679")
    assert "0505-1234-5679" in dialog.preview.text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    corrected = _hit(workstation, flyer_case, "0505-1234-5678")
    assert corrected.review_status == ReviewStatus.CORRECTED
    assert corrected.final_e164 == "+8250512345679"
    entry = workstation.custody.entries(item_id=first.id)[0]
    assert entry.action == "review"
    assert json.loads(entry.details)["after"]["e164"] == "+8250512345679"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The case's summary follows: the corrected number is listed, rejected counts shown.
    summary = pane.summary_model
    rows = {number.national: number for number in summary.records}
    assert "0505-1234-5679" in rows and "0505-1234-5678" not in rows
    assert rows["031-234-5678"].statuses[ReviewStatus.REJECTED] == 1
    assert not rows["031-234-5678"].photos
    assert runner.errors == []


def test_an_invalid_correction_is_refused_in_the_dialog_and_changes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    first, _ = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    pane.select_batch(first.id)
    target = _hit(workstation, flyer_case, "010-9876-5432")
    assert pane.select_photo(target.file_id)
    entries = len(workstation.custody.entries(case_id=flyer_case.id))
    qtbot.keyClick(pane.grid, Qt.Key.Key_C)
    dialog = pane.last_dialog
    assert isinstance(dialog, CorrectDialog)
    assert dialog.edit.text() == "010-9876-5432"
    dialog.edit.setText("070-123-4567")
    assert dialog.preview.text() == ""
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "valid" in dialog.error.text()
    dialog.reject()
    after = _hit(workstation, flyer_case, "010-9876-5432")
    assert after.review_status == ReviewStatus.PENDING and after.corrected_e164 is None
    assert len(workstation.custody.entries(case_id=flyer_case.id)) == entries


def test_a_read_cited_by_a_request_cannot_be_rejected_and_the_reason_is_shown(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    reviewer = workstation.examiners.create(actor, "Lee", "2002", Role.REVIEWER, password=PASSWORD)
    assert workstation.blocking.requests.queue_blockable(blocking_actor(reviewer)).created
    cited = _hit(workstation, flyer_case, "010-2345-6789")
    pane = make_flyer_pane(flyer_case.id, show=True)
    pane.select_batch(cited.item_id)
    pane.select_photo(cited.file_id, cited.id)
    assert pane.current_number_id() == cited.id
    qtbot.keyClick(pane.grid, Qt.Key.Key_R)
    box = pane.last_message
    assert box is not None and box.isVisible()
    assert "withdraw" in box.text()  # the library's own reason, as SightingInUseError says it
    assert runner.errors == []  # a message, not a crash


def test_the_photo_shows_every_number_boxed_and_zooms(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    first, _ = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    pane.select_batch(first.id)
    lending = _hit(workstation, flyer_case, "0505-1234-5678")
    pane.select_photo(lending.file_id)
    view = pane.review.view
    # The full photo decodes off the GUI thread, then replaces the placeholder.
    qtbot.waitUntil(lambda: view.has_picture() and view.picture_scale() == 1.0, timeout=10_000)
    assert pane.current_number_id() == lending.id  # the unreviewed one of the photo first
    rects = {
        n: view.box_rect(n) for n in (lending.id, _hit(workstation, flyer_case, "010-2345-6789").id)
    }
    for number_id, rect in rects.items():
        hit = workstation.flyers.hits(case_id=flyer_case.id)
        box = next(h.box for h in hit if h.id == number_id)
        assert rect is not None and rect.contains(box[0] + 1, box[1] + 1)
    assert view.fitted
    fitted = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > fitted and not view.fitted
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fitted and abs(view.zoom() - fitted) < 1e-6
    pane.review.actual_button.click()
    assert view.zoom() == 1.0


def test_tags_never_cover_the_number_under_review_and_100_percent_centres_on_it(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    """Issue 8.4: at "fit" the tag of one number covered the digits of the one under review;
    "100 %" jumped to the photo's top-left corner."""
    first, _ = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    pane.select_batch(first.id)
    confident = _hit(workstation, flyer_case, "010-2345-6789")
    unsure = _hit(workstation, flyer_case, "0505-1234-5678")  # printed just under it
    view = pane.review.view
    for current, other in ((confident, unsure), (unsure, confident)):
        pane.select_photo(current.file_id, current.id)
        qtbot.waitUntil(lambda: view.has_picture() and view.picture_scale() == 1.0)
        for zoom in (view.fit, view.zoom_in, view.zoom_in, view.fit):
            zoom()
            digits = view.digits_rect_on_screen(current.id)
            tag = view.tag_rect_on_screen(current.id)
            assert digits is not None and tag is not None
            assert not tag.intersects(digits), "its own tag is outside its box"
            covering = view.tag_rect_on_screen(other.id)
            assert covering is None or not covering.intersects(digits), "no tag over it"
    # The other number's tag is faded, not gone, where it covers nothing.
    assert view._tags[confident.id].opacity() < 1.0

    pane.review.splitter.setSizes([300, 500])  # a photo taller than its view: 100 % scrolls
    qtbot.waitUntil(lambda: view.viewport().height() < 400)  # the photo is 560 high
    pane.select_photo(unsure.file_id, unsure.id)
    shown = view.viewport().rect().toRectF()
    for away in (view._frame.bottomRight(), view._frame.topLeft(), view._frame.bottomLeft()):
        view.fit()
        view.centerOn(away)  # wherever the view was, and whatever the zoom
        pane.review.actual_button.click()
        assert view.zoom() == 1.0
        box = view.box_rect_on_screen(unsure.id)
        assert box is not None and shown.contains(box), "100 % shows the number under review"


def test_undo_takes_back_a_verdict_with_a_later_audited_one(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    first, _ = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    pane.review.advance_check.setChecked(False)
    assert not pane.review.undo_button.isEnabled(), "nothing to undo yet"
    shop = _hit(workstation, flyer_case, "02-555-1234")
    pane.select_batch(shop.item_id)
    pane.select_photo(shop.file_id, shop.id)
    registry = workstation.blocking.registry
    assert registry.find("02-555-1234") is None  # unreviewed: not a sighting yet
    qtbot.keyClick(pane.grid, Qt.Key.Key_A)
    assert _hit(workstation, flyer_case, "02-555-1234").review_status == ReviewStatus.ACCEPTED
    assert registry.detail("02-555-1234").number.sightings_count == 1
    assert pane.review.undo_button.isEnabled()

    qtbot.keyClick(pane.grid, Qt.Key.Key_U)
    undone = _hit(workstation, flyer_case, "02-555-1234")
    assert undone.review_status == ReviewStatus.PENDING
    assert pane.current_number_id() == shop.id  # shown again, to be reviewed anew
    assert registry.detail("02-555-1234").number.sightings_count == 0
    reviews = [
        json.loads(e.details)
        for e in workstation.custody.entries(item_id=first.id)
        if e.action == "review" and e.file_id == shop.file_id
    ]
    # Nothing erased: the verdict and the later one taking it back are both in the log.
    assert [r["after"]["review_status"] for r in reviews] == ["pending", "accepted"]
    assert not pane.review.undo_button.isEnabled()
    assert runner.errors == []


def test_the_correction_dialog_grows_with_its_reason_in_korean(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakeFlyerPane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    korean: None,
) -> None:
    """Issue 8.3: an invalid number collapsed the dialog: English reason, labels cut in half,
    the input squashed."""
    first, _ = scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    pane = make_flyer_pane(flyer_case.id, show=True)
    target = _hit(workstation, flyer_case, "010-9876-5432")
    pane.select_batch(first.id)
    pane.select_photo(target.file_id, target.id)
    dialog = pane.correct()
    assert isinstance(dialog, CorrectDialog)
    qtbot.waitExposed(dialog)
    edit_height = dialog.edit.height()
    dialog.edit.setText("070-123-4567")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(dialog.error.isVisible)
    text = dialog.error.text()
    assert "070-123-4567" in text and not any(
        "a" <= ch.lower() <= "z" for ch in text.replace("070", "")
    )
    # Every row keeps its full height; the reason is whole.
    assert dialog.edit.height() >= edit_height
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.height() >= label.fontMetrics().height(), label.text()
    dialog.reject()
